"""`jobscore demo`: a demo marketplace in a SQLite file, served with its web pages.

The first run builds it (the example histories given, a seeded simulated marketplace and
16 weekly snapshots; under a minute); later runs serve the same file. Each run issues new
tokens for a freelancer, a client and the operator and prints them: a token is kept only
as its hash, so it can be shown only when it is made.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from jobscore.cli.common import handle_errors

__all__ = ["DEMO_DATABASE", "demo"]

#: Where `make demo` keeps its marketplace.
DEMO_DATABASE = "sqlite:///.demo/market.db"


def _sqlite_file(url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(url[len(prefix) :]) if url.startswith(prefix) else None


@handle_errors
def demo(
    examples: Annotated[
        list[Path] | None,
        typer.Argument(help="history files, each imported as its own freelancer"),
    ] = None,
    database: Annotated[
        str, typer.Option("--database", "-d", help="the demo's store (a SQLite file)")
    ] = DEMO_DATABASE,
    host: Annotated[str, typer.Option("--host", help="the address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="the port to listen on")] = 8000,
    freelancers: Annotated[
        int, typer.Option("--freelancers", help="simulated freelancers at the start")
    ] = 200,
    seed: Annotated[int, typer.Option("--seed", help="the simulated marketplace's seed")] = 1,
    build_only: Annotated[
        bool, typer.Option("--build-only", help="build the marketplace and stop, serving nothing")
    ] = False,
) -> None:
    """Build a demo marketplace (once) and serve the API and the web pages on it."""
    from jobscore.extras import require

    require("service")
    require("sim")
    from jobscore.domain.events import Role
    from jobscore.service import Settings, SteppedClock, issue_token
    from jobscore.service.demo import (
        DEMO_AS_OF,
        DEMO_CLIENT,
        DEMO_CONTRACT,
        build_demo,
        example_freelancer,
    )
    from jobscore.store.factory import make_store
    from jobscore.store.migrate import prepare

    file = _sqlite_file(database)
    new = file is None or not file.exists()
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
    prepare(database)
    store = make_store(database)
    paths = list(examples or [])
    chosen = example_freelancer(paths[0]) if paths else "f00000"
    if new:
        typer.echo(f"Building the demo marketplace in {database} (about a minute)...", err=True)
        built = build_demo(store, paths, seed=seed, freelancers=freelancers)
        tokens, chosen = built.tokens, built.freelancer_id
    else:
        typer.echo(f"Serving the demo marketplace in {database} (delete it to build anew).")
        tokens = {
            "operator": issue_token(store, Role.OPERATOR),
            "freelancer": issue_token(store, Role.FREELANCER, chosen),
            "client": issue_token(store, Role.CLIENT, DEMO_CLIENT),
        }
    state = store.state()
    # Time in the demo starts at the examples' instant, after anything already recorded,
    # and moves a second at each reading.
    latest = store.audit(limit=1)
    start = max([DEMO_AS_OF, *(e.recorded.recorded_at + timedelta(seconds=1) for e in latest)])
    url = f"http://{host}:{port}"
    typer.echo(
        f"A marketplace of {len(state.freelancers)} freelancers and {len(state.contracts)} "
        f"contracts, as of {start:%Y-%m-%d %H:%M} UTC.\n"
        f"Open {url} and sign in with one of these tokens:\n"
        f"  freelancer {chosen}: {tokens['freelancer']}\n"
        f"      {url}/freelancers/{chosen}\n"
        f"  client {DEMO_CLIENT}: {tokens['client']}\n"
        f"      {url}/contracts/{DEMO_CONTRACT} (its feedback window is open)\n"
        f"  operator: {tokens['operator']}\n"
        f"      {url}/operator"
    )
    if build_only:
        store.close()
        return
    import uvicorn

    from jobscore.api import create_app
    from jobscore.web import install_pages

    settings = Settings(database_url=database, host=host, port=port)
    clock = SteppedClock(start)
    app = install_pages(create_app(settings, store, clock))
    app.router.add_event_handler("shutdown", store.close)
    typer.echo("Press Ctrl-C to stop.")
    uvicorn.run(app, host=host, port=port, log_level="warning")
