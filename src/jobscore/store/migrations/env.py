"""Alembic's environment for the store: it runs on the connection `jobscore.store.upgrade`
hands it (no alembic.ini, no URL of its own), against the store's tables."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from jobscore.store.tables import metadata

__all__: list[str] = []


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if not isinstance(_connection, Connection):
    raise RuntimeError("run the store's migrations with `jobscore db upgrade --database URL`")
_run(_connection)
