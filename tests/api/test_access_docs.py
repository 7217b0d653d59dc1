"""The access tables of docs/service.md say what `api.access.ACCESS` says, route by route."""

from __future__ import annotations

import re
from pathlib import Path

from jobscore.api import ACCESS, ROLES, Access

SERVICE_DOC = Path(__file__).parents[2] / "docs" / "service.md"
WORDS = {"yes": Access.ALLOWED, "own": Access.OWN, "no": Access.DENIED}
ROUTE = re.compile(r"`(GET|POST) (/[^ `?]*)")


def shape(path: str) -> str:
    """A path with its parameters unnamed: the docs write `{id}` for `{contract_id}`."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def documented() -> dict[tuple[str, str], dict[str, Access]]:
    found = {}
    for line in SERVICE_DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 1 + len(ROLES) or not ROUTE.search(cells[0]):
            continue
        rights = dict(zip(ROLES, (WORDS[cell] for cell in cells[1:]), strict=True))
        for method, path in ROUTE.findall(cells[0]):
            found[(method, shape(path))] = rights
    return found


def test_the_docs_give_every_route_the_access_of_the_table() -> None:
    table = {(method, shape(path)): dict(rights) for (method, path), rights in ACCESS.items()}
    assert documented() == table
