"""A SQL store's marketplace as of an instant, brought across as Arrow through ADBC.

Each table a snapshot reads (`market_rows.MARKET_TABLES`) is one plain query, its rows kept
by an instant compared with the snapshot's: nothing is joined or summed in the database, whose
engine is slower at that than the batch engine the rows go to (`jobscore.batch.store_view`
reduces them to the history columns).

The rows come across as Arrow through the ADBC drivers (`adbc_driver_sqlite`,
`adbc_driver_postgresql`), which read a query's result into Arrow in C: no Python object per
value. DuckDB's own `sqlite` and `postgres` extensions would be simpler still, but DuckDB
downloads them on first use, which fails where there is no network; the drivers ship inside
their wheels. ADBC's SQLite driver guesses a column's type from the first rows, and takes a
column NULL there for an integer: so each query's first row is one of example values of the
right types, dropped on arrival.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import URL

from jobscore.io.arrow import drop_marked_rows, typed_table
from jobscore.store.market_rows import MARKET_TABLES

__all__ = ["read_market", "table_sql"]

_TYPE_ROW = "__type_row"
#: An example value of each kind of column, as SQLite holds it.
_EXAMPLES = {
    "text": "''",
    "instant": "'1970-01-01 00:00:00.000000'",
    "integer": "0",
    "number": "0.5",
}


def _literal(dialect: str, instant: datetime) -> str:
    utc = instant.astimezone(UTC)
    if dialect == "sqlite":
        # As SQLAlchemy writes a DATETIME in SQLite: text that sorts as the instants do.
        return f"'{utc:%Y-%m-%d %H:%M:%S.%f}'"
    return f"TIMESTAMPTZ '{utc:%Y-%m-%d %H:%M:%S.%f}+00:00'"


def table_sql(dialect: str, table: str, as_of: datetime) -> str:
    """The query of one table's rows as of `as_of`; on SQLite after a row of examples."""
    kinds, since = MARKET_TABLES[table]
    columns = ", ".join(kinds)
    where = "" if since is None else f" WHERE {since} <= {_literal(dialect, as_of)}"
    rows = f"SELECT 0 AS {_TYPE_ROW}, {columns} FROM {table}{where}"
    if dialect != "sqlite":
        return rows
    examples = ", ".join(f"{_EXAMPLES[kind]} AS {name}" for name, kind in kinds.items())
    return f"SELECT 1 AS {_TYPE_ROW}, {examples} UNION ALL {rows}"


def freelancers_sql(dialect: str, as_of: datetime) -> str:
    registered = _literal(dialect, as_of)
    return f"SELECT freelancer_id FROM freelancers WHERE registered_at <= {registered}"


def _connect(url: URL) -> Any:
    """An ADBC connection to the store's database."""
    if url.get_backend_name() == "sqlite":
        import adbc_driver_sqlite.dbapi as sqlite

        return sqlite.connect(url.database)
    import adbc_driver_postgresql.dbapi as postgresql

    uri = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return postgresql.connect(uri)


def read_market(url: URL, as_of: datetime) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Every table a snapshot reads (`pyarrow.Table`s) as of `as_of`, and the freelancers
    registered by then, read in one transaction."""
    dialect = url.get_backend_name()
    tables = {}
    with _connect(url) as connection, connection.cursor() as cursor:
        if dialect != "sqlite":
            # Every table as of one moment, writes going on meanwhile (SQLite's read
            # transaction sees one moment already).
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute(freelancers_sql(dialect, as_of))
        freelancers = tuple(str(f) for f in cursor.fetch_arrow_table().column(0).to_pylist())
        for name, (kinds, _) in MARKET_TABLES.items():
            cursor.execute(table_sql(dialect, name, as_of))
            raw = cursor.fetch_arrow_table().rename_columns([_TYPE_ROW, *kinds])
            tables[name] = typed_table(drop_marked_rows(raw, _TYPE_ROW), kinds)
        connection.rollback()
    return tables, freelancers
