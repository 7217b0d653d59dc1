"""The API's schema documents its errors: the statuses each route may answer, each with the
one error body (`ErrorBody`), in place of FastAPI's own validation error body, which the API
never sends.

Which statuses a route may answer follows from what it is, so that every route is documented
alike, those added later included:

- 401 on every route (a token the store does not know is refused everywhere);
- 403 where the access table does not let every role in (or a record is another's);
- 404 where the path names a record;
- 409 on writes (an idempotency key reused with another body, a natural id with other details);
- 422 where there is a parameter or a body to be malformed, or a rule to break.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from jobscore.api.access import ACCESS, Access
from jobscore.api.schemas import ErrorBody

__all__ = ["document_errors", "install_error_documentation"]

_REF = "#/components/schemas/{model}"
#: FastAPI's validation error schemas, which this API never answers with.
_FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")

_WHY = {
    "401": "no token where one is needed, or a token the store does not know",
    "403": "a role the access table refuses, or a record that is not the caller's",
    "404": "an unknown record",
    "409": "an idempotency key reused with another body, or an id with other details",
    "422": "a malformed parameter or body, or a lifecycle rule the write breaks",
}
_METHODS = ("get", "put", "post", "delete", "patch")
#: Routes without a path parameter that still answer 404: the latest of what may not exist.
_READS_OF_WHAT_MAY_NOT_EXIST = frozenset({"/snapshots/latest"})


def _statuses(method: str, path: str, operation: dict[str, Any]) -> list[str]:
    statuses = ["401"]
    row = ACCESS.get((method.upper(), path), {})
    signed_in = [row.get(role, Access.DENIED) for role in ("operator", "client", "freelancer")]
    if any(access is not Access.ALLOWED for access in signed_in):
        statuses.append("403")
    if "{" in path or path in _READS_OF_WHAT_MAY_NOT_EXIST:
        statuses.append("404")
    if method == "post":
        statuses.append("409")
    if operation.get("parameters") or operation.get("requestBody"):
        statuses.append("422")
    return statuses


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Give every operation of `schema` its error statuses with the one error body; returns
    `schema`, changed in place (doing it again changes nothing)."""
    body = ErrorBody.model_json_schema(ref_template=_REF)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(body.pop("$defs", {}))
    components[ErrorBody.__name__] = body
    error = {"application/json": {"schema": {"$ref": _REF.format(model=ErrorBody.__name__)}}}
    for path, item in schema.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for status in _statuses(method, path, operation):
                responses[status] = {"description": _WHY[status], "content": error}
    for name in _FASTAPI_VALIDATION:
        components.pop(name, None)
    return schema


def install_error_documentation(app: FastAPI) -> None:
    """Make `app`'s schema document its errors, whenever FastAPI builds it."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        return document_errors(generate())

    app.openapi = openapi  # type: ignore[method-assign]
