"""One error body everywhere, `{"error": {"code", "message", "record", "field"}}`, with the
status and code that `errors.ERROR_TABLE` gives: jobscore's own errors, FastAPI's validation
errors and bodies that can't be read (422), unknown routes (404) and anything unexpected (500)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from jobscore.errors import (
    InvalidInput,
    JobScoreError,
    NotFound,
    Problem,
    error_document,
    kind_of,
)

__all__ = ["error_response", "install_error_handlers"]

_log = logging.getLogger("jobscore.api")

#: Where a validation error was found, as the error body's `field` names it.
_PLACES = {"body", "query", "path", "header"}


def error_response(error: JobScoreError, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        error_document(error), status_code=int(kind_of(error).http_status), headers=headers
    )


def _field(location: tuple[Any, ...]) -> str:
    parts = [str(p) for p in location]
    if parts and parts[0] in _PLACES:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _invalid(exc: RequestValidationError) -> InvalidInput:
    problems = []
    for item in exc.errors():
        location = tuple(item.get("loc", ()))
        name = _field(location)
        if location[:1] == ("header",):
            name = name.lower()
        problems.append(Problem(field=name, message=str(item.get("msg", "is not valid"))))
    return InvalidInput(problems or [Problem("body", "is not valid")])


async def _jobscore_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, JobScoreError)
    headers = {"WWW-Authenticate": "Bearer"} if kind_of(exc).http_status == 401 else None
    if kind_of(exc).http_status >= 500:
        _log.error("%s %s failed: %s", request.method, request.url.path, exc)
    return error_response(exc, headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(_invalid(exc))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error_response(NotFound(f"no route {request.url.path}", field="path"))
    if exc.status_code == 400:
        # A body that can't be read (not UTF-8, cut short) is a malformed body like any other.
        return error_response(InvalidInput(Problem("body", f"can't be read: {exc.detail}")))
    detail = {"code": "http_error", "message": str(exc.detail), "record": None, "field": None}
    body = {"error": detail}
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    _log.exception("%s %s failed", request.method, request.url.path)
    return error_response(JobScoreError("the server failed; the request was not completed"))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(JobScoreError, _jobscore_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
