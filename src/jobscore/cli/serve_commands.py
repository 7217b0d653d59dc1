"""`jobscore serve` (the HTTP API on uvicorn) and `jobscore token create`.

FastAPI, pydantic and uvicorn are imported when `serve` runs, never by the other commands.
"""

from __future__ import annotations

import gc
import os
import secrets
from typing import TYPE_CHECKING, Annotated

import typer

from jobscore.cli.common import handle_errors
from jobscore.cli.store_commands import DatabaseOption
from jobscore.domain.events import Role
from jobscore.errors import InvalidInput, Problem
from jobscore.store.factory import DEFAULT_DATABASE_URL, MEMORY_URL, make_store, require_sql

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["FORM_SECRET_VARIABLE", "create_token", "serve", "token_app", "worker_app"]

#: The secret the web pages sign their forms' tokens with, shared by the workers of one
#: `serve --workers N` (drawn by `serve` when the environment names none).
FORM_SECRET_VARIABLE = "JOBSCORE_FORM_SECRET"

token_app = typer.Typer(
    name="token",
    help="Access tokens for the HTTP API.",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)


def _prepare(database: str) -> None:
    """Create a new database's tables; refuse one at an older schema (`jobscore db upgrade`)."""
    if database.strip().lower() != MEMORY_URL:
        require_sql(database)
        from jobscore.store.migrate import prepare

        prepare(database)


@token_app.command("create")
@handle_errors
def create_token(
    role: Annotated[Role, typer.Option("--role", help="operator, client or freelancer")],
    actor_id: Annotated[
        str | None, typer.Option("--id", help="the client's or freelancer's id")
    ] = None,
    database: DatabaseOption = DEFAULT_DATABASE_URL,
) -> None:
    """Issue a bearer token; only its hash is stored, so it is printed once, on the last line."""
    from jobscore.service.tokens import issue_token

    _prepare(database)
    store = make_store(database)
    try:
        token = issue_token(store, role, actor_id)
    finally:
        store.close()
    holder = " ".join(filter(None, (role.value, actor_id)))
    typer.echo(f"a token for the {holder}; keep it, it is not shown again:", err=True)
    typer.echo(token)


def _settled(app: FastAPI) -> FastAPI:
    """`app`, reading the store's state before it answers its first request, and then setting
    every object made so far aside from the cyclic garbage collector (`gc.freeze`).

    The state of a large marketplace is millions of objects that live as long as the
    process; a full collection would go through all of them again and again, stopping
    every request for up to a second. Frozen objects are still freed as usual when no
    longer referenced (the state's objects hold no reference cycles)."""
    service = app.state.service

    def settle() -> None:
        service.store.state()
        gc.collect()
        gc.freeze()

    app.router.add_event_handler("startup", settle)
    return app


def worker_app() -> FastAPI:
    """The API of one worker process of `serve --workers N`: uvicorn starts each worker on its
    own and builds its app here, on the store `serve` named in the environment."""
    from jobscore.api import create_app
    from jobscore.service import Settings
    from jobscore.web import install_pages

    app = create_app(Settings.from_environment(os.environ))
    return _settled(install_pages(app, os.environ.get(FORM_SECRET_VARIABLE)))


@handle_errors
def serve(
    database: DatabaseOption = DEFAULT_DATABASE_URL,
    host: Annotated[str, typer.Option("--host", help="the address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="the port to listen on")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="processes serving requests, one per CPU core at most (a SQL store only)",
        ),
    ] = 1,
    access_log: Annotated[
        bool,
        typer.Option("--access-log/--no-access-log", help="print a line for every request"),
    ] = False,
) -> None:
    """Serve the HTTP API (schema at /openapi.json, docs at /docs) and the web pages on the
    store."""
    from jobscore.extras import require

    require("service")
    if workers > 1 and database.strip().lower() == MEMORY_URL:
        raise InvalidInput(
            Problem("workers", f"{MEMORY_URL} lives in one process; serve it with one worker")
        )
    _prepare(database)
    import uvicorn

    from jobscore.api import create_app
    from jobscore.service import Settings
    from jobscore.service.settings import DATABASE_URL_VARIABLE
    from jobscore.web import install_pages

    settings = Settings(database_url=database, host=host, port=port)
    if workers == 1:
        app = _settled(install_pages(create_app(settings)))
        uvicorn.run(app, host=settings.host, port=settings.port, access_log=access_log)
        return
    # Each worker is a process of its own that imports the app: the store's URL goes to it
    # through the environment. Writes from several processes are safe: each holds the
    # store's write lock and first reads what the others appended.
    # The forms' tokens are signed with one secret, so that any worker accepts a form another
    # one served.
    os.environ[DATABASE_URL_VARIABLE] = settings.database_url
    os.environ.setdefault(FORM_SECRET_VARIABLE, secrets.token_urlsafe(32))
    uvicorn.run(
        f"{__name__}:worker_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        access_log=access_log,
    )
