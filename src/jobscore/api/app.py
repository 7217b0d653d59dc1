"""`create_app`: the HTTP API over one service, built when asked for, never on import.

Its schema is at `/openapi.json`; `/docs` is a page shipped in the package that lists every
route from that schema and lets a reader try each one, with no asset from another site.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse

from jobscore import __version__
from jobscore.api import client_routes, dispute_routes, feedback_routes
from jobscore.api.auth import caller
from jobscore.api.errors import install_error_handlers
from jobscore.api.openapi import install_error_documentation
from jobscore.api.routes import router
from jobscore.api.snapshot_routes import router as snapshot_router
from jobscore.api.tool_routes import router as tool_router
from jobscore.service import Clock, Service, Settings, Store, SystemClock, open_service

__all__ = ["create_app"]

_DESCRIPTION = (
    "The marketplace service of jobscore: record what happens on contracts, read scores. "
    "Send `Authorization: Bearer TOKEN` (tokens come from `jobscore token create`) and an "
    "`Idempotency-Key` header on writes. Every error has the body "
    '`{"error": {"code", "message", "record", "field"}}`.'
)


def create_app(
    settings: Settings, store: Store | None = None, clock: Clock | None = None
) -> FastAPI:
    """The API over `store` (else the store at `settings.database_url`), reading `clock`
    (else the system clock). The app closes a store it opened when it shuts down."""
    the_clock = clock or SystemClock()
    service = (
        Service(store, the_clock)
        if store is not None
        else open_service(settings.database_url, the_clock)
    )
    app = FastAPI(
        title="jobscore",
        version=__version__,
        description=_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = service
    app.state.settings = settings
    install_error_handlers(app)
    install_error_documentation(app)
    app.include_router(router)
    for more in (dispute_routes, feedback_routes, client_routes):
        app.include_router(more.router)
    app.include_router(tool_router)
    app.include_router(snapshot_router)
    page = files("jobscore.api").joinpath("docs_page.html").read_text(encoding="utf-8")

    @app.get("/docs", include_in_schema=False, dependencies=[Depends(caller)])
    def docs() -> HTMLResponse:
        return HTMLResponse(page)

    if store is None:
        app.router.add_event_handler("shutdown", service.close)
    return app
