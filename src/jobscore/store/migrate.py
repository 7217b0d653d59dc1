"""The store's schema versions: Alembic migrations shipped in this package
(`jobscore/store/migrations`), applied by `upgrade(url)` (`jobscore db upgrade`).

No alembic.ini is needed: the script location is set here, and the migrations run on a
connection this module opens.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, Engine

from jobscore.errors import JobScoreError
from jobscore.store.engine import database_errors, make_engine
from jobscore.store.tables import metadata

__all__ = [
    "SCRIPT_LOCATION",
    "check_current",
    "current_revision",
    "differences",
    "head_revision",
    "prepare",
    "upgrade",
]

SCRIPT_LOCATION = "jobscore.store:migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def head_revision() -> str:
    """The latest schema version this jobscore knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def _engine(target: str | URL | Engine) -> tuple[Engine, bool]:
    if isinstance(target, Engine):
        return target, False
    return make_engine(target), True


@database_errors
def upgrade(target: str | URL | Engine, revision: str = "head") -> str | None:
    """Bring the database at `target` to `revision` (the latest by default); the version
    it was at before, None for an empty database."""
    engine, owned = _engine(target)
    try:
        with engine.begin() as connection:
            before = MigrationContext.configure(connection).get_current_revision()
            config = _config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        return before
    finally:
        if owned:
            engine.dispose()


@database_errors
def current_revision(target: str | URL | Engine) -> str | None:
    """The schema version of the database at `target`, None when it has none."""
    engine, owned = _engine(target)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        if owned:
            engine.dispose()


def check_current(target: str | URL | Engine) -> None:
    """Refuse a database that is not at the latest schema version, naming the command that
    brings it there."""
    found = current_revision(target)
    if found != head_revision():
        state = "has no store schema" if found is None else f"is at schema version {found}"
        raise JobScoreError(
            f"the database {state}; this jobscore needs version {head_revision()}: "
            "run `jobscore db upgrade --database URL` first"
        )


@database_errors
def prepare(target: str | URL | Engine) -> None:
    """Give a brand-new database (no tables at all) the latest schema; refuse one at an
    older version, which `jobscore db upgrade` brings up to date on purpose."""
    engine, owned = _engine(target)
    try:
        with engine.connect() as connection:
            empty = not sa.inspect(connection).get_table_names()
        if empty:
            upgrade(engine)
        check_current(engine)
    finally:
        if owned:
            engine.dispose()


@database_errors
def differences(target: str | URL | Engine) -> list[Any]:
    """What differs between the tables in `jobscore.store.tables` and the database at
    `target` (Alembic's autogenerate comparison); empty when the migrations build exactly
    the tables the store uses."""
    engine, owned = _engine(target)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        if owned:
            engine.dispose()
