"""A SQL store's marketplace as of an instant, brought across as Arrow through ADBC.

The database reduces the derived tables to one row per contract, in the history columns, as
`domain.market_facts.history_of` reduces a history: a contract started by the instant; its
end once it happened; the money paid and refunded by then, the last payment and the 90-day
periods with a payment; the client's feedback once revealed (the double-blind lifted by
then), with its public stars as edited by then and marked removed once removed; the outcome of
the last dispute resolved by then; the client's flag once raised.

The rows come across as Arrow through the ADBC drivers (`adbc_driver_sqlite`,
`adbc_driver_postgresql`), which read a query's result into Arrow in C: no Python object per
value. DuckDB's own `sqlite` and `postgres` extensions would be simpler still, but DuckDB
downloads them on first use, which fails where there is no network. The drivers ship inside
their wheels. ADBC's SQLite driver guesses a column's type from the first rows, and takes a
column NULL there for an integer; so the query's first row is one of example values of the
right types, dropped on arrival.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import URL

from jobscore.instants import DAYS_PER_QUARTER
from jobscore.io.arrow import drop_marked_rows, history_table
from jobscore.scoring.sql import US_PER_DAY
from jobscore.store.market_rows import STORE_COLUMNS

__all__ = ["contracts_sql", "freelancers_sql", "read_market"]

_QUARTER = DAYS_PER_QUARTER * US_PER_DAY
_TYPE_ROW = "__type_row"
_TEXT = "''"


def _literal(dialect: str, instant: datetime) -> str:
    utc = instant.astimezone(UTC)
    if dialect == "sqlite":
        # As SQLAlchemy writes a DATETIME in SQLite: text that sorts as the instants do.
        return f"'{utc:%Y-%m-%d %H:%M:%S.%f}'"
    return f"TIMESTAMPTZ '{utc:%Y-%m-%d %H:%M:%S.%f}+00:00'"


def _us(dialect: str, column: str) -> str:
    """An instant column as epoch microseconds, exactly."""
    if dialect == "sqlite":
        return (
            f"(CAST(strftime('%s', {column}) AS INTEGER) * 1000000"
            f" + CAST(substr({column}, 21, 6) AS INTEGER))"
        )
    return f"CAST(EXTRACT(EPOCH FROM {column}) * 1000000 AS BIGINT)"


def _big(dialect: str, expression: str) -> str:
    # PostgreSQL sums BIGINTs as NUMERIC.
    return expression if dialect == "sqlite" else f"CAST({expression} AS BIGINT)"


def contracts_sql(dialect: str, as_of: datetime) -> str:
    """One row per contract started by `as_of`, in `STORE_COLUMNS` (instants in epoch
    microseconds, money in cents, flags 0/1), after a first row of example values whose
    `__type_row` is 1."""
    t = _literal(dialect, as_of)
    q = _QUARTER

    def us(column: str) -> str:
        return _us(dialect, column)

    rows = f"""
WITH c AS (
  SELECT k.contract_id, k.freelancer_id, k.client_id, k.kind, k.category, k.currency,
    {us("k.started_at")} AS started_us,
    CASE WHEN k.ended_at <= {t} THEN {us("k.ended_at")} END AS ended_us,
    CASE WHEN k.ended_at <= {t} THEN k.ended_by END AS ended_by,
    CASE WHEN k.ended_at <= {t} THEN k.end_reason END AS end_reason,
    CASE WHEN k.feedback_revealed_at <= {t} THEN {us("k.feedback_revealed_at")} END
      AS revealed_us,
    CASE WHEN cl.flagged_at <= {t} OR cl.suspended_at <= {t} THEN 1 ELSE 0 END
      AS client_flagged
  FROM contracts k JOIN clients cl ON cl.client_id = k.client_id
  WHERE k.started_at <= {t}
),
p AS (
  SELECT contract_id, {us("paid_at")} AS paid_us, amount_cents
  FROM payments WHERE paid_at <= {t}
),
paid AS (
  SELECT contract_id, {_big(dialect, "SUM(amount_cents)")} AS earned, MAX(paid_us) AS last_us
  FROM p GROUP BY contract_id
),
quarters AS (
  SELECT p.contract_id, COUNT(DISTINCT (p.paid_us - c.started_us) / {q}) AS n
  FROM p JOIN c ON c.contract_id = p.contract_id
    JOIN paid ON paid.contract_id = p.contract_id
  WHERE (p.paid_us - c.started_us) / {q}
    < (COALESCE(c.ended_us, paid.last_us) - c.started_us) / {q}
  GROUP BY p.contract_id
),
r AS (
  SELECT contract_id, {_big(dialect, "SUM(amount_cents)")} AS refunded
  FROM refunds WHERE refunded_at <= {t} GROUP BY contract_id
),
d AS (
  SELECT contract_id, result FROM (
    SELECT contract_id, result,
      ROW_NUMBER() OVER (PARTITION BY contract_id ORDER BY opened_at DESC, dispute_id) AS n
    FROM disputes WHERE resolved_at <= {t} AND result IS NOT NULL
  ) AS ranked WHERE n = 1
),
f AS (
  SELECT contract_id,
    CASE WHEN edited_at <= {t} THEN edited_stars ELSE stars END AS stars,
    private_score,
    CASE WHEN removed_at <= {t} THEN 1 ELSE 0 END AS removed
  FROM feedback WHERE side = 'client'
)
SELECT 0 AS {_TYPE_ROW}, c.contract_id, c.freelancer_id, c.client_id, c.kind,
  c.started_us, c.ended_us, c.ended_by, c.end_reason,
  COALESCE(paid.earned, 0), COALESCE(r.refunded, 0), paid.last_us, COALESCE(quarters.n, 0),
  CASE WHEN c.revealed_us IS NOT NULL THEN f.stars END,
  CASE WHEN c.revealed_us IS NOT NULL THEN f.private_score END,
  CASE WHEN f.contract_id IS NOT NULL THEN c.revealed_us END,
  CASE WHEN c.revealed_us IS NOT NULL AND f.removed = 1 THEN 1 ELSE 0 END,
  d.result, c.client_flagged, c.category, c.currency
FROM c
  LEFT JOIN paid ON paid.contract_id = c.contract_id
  LEFT JOIN quarters ON quarters.contract_id = c.contract_id
  LEFT JOIN r ON r.contract_id = c.contract_id
  LEFT JOIN d ON d.contract_id = c.contract_id
  LEFT JOIN f ON f.contract_id = c.contract_id"""
    if dialect != "sqlite":
        return rows
    # Example values, one per column, so that ADBC's SQLite driver types every column.
    examples = {
        "started_at": "0", "ended_at": "0", "earned": "0", "refunded": "0",
        "last_payment_at": "0", "paid_quarters": "0", "stars": "0.5", "private_score": "0",
        "feedback_at": "0", "feedback_removed": "0", "client_flagged": "0",
    }  # fmt: skip
    typed = ", ".join(f"{examples.get(name, _TEXT)} AS {name}" for name in STORE_COLUMNS)
    body = rows.split("\nSELECT ", 1)
    return f"{body[0]}\nSELECT 1 AS {_TYPE_ROW}, {typed}\nUNION ALL\nSELECT {body[1]}"


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


def read_market(url: URL, as_of: datetime) -> tuple[Any, tuple[str, ...]]:
    """The contracts (a `pyarrow.Table` of the history columns) and the freelancers
    registered by `as_of`, read in one transaction."""
    dialect = url.get_backend_name()
    with _connect(url) as connection, connection.cursor() as cursor:
        cursor.execute(freelancers_sql(dialect, as_of))
        freelancers = tuple(str(f) for f in cursor.fetch_arrow_table().column(0).to_pylist())
        cursor.execute(contracts_sql(dialect, as_of))
        raw = cursor.fetch_arrow_table()
        connection.rollback()
    raw = drop_marked_rows(raw.rename_columns([_TYPE_ROW, *STORE_COLUMNS]), _TYPE_ROW)
    return history_table(raw), freelancers
