"""Translate the batch SQL, written once in DuckDB's dialect, for Apache Spark.

SQLGlot does the translation; the one function it leaves alone (DuckDB's `EPOCH_US`, Spark's
`UNIX_MICROS`) is mapped here. The generated SQL uses a deliberately small vocabulary (CASE,
LEAST/GREATEST, TRY_CAST, integer `//`, FLOOR, COUNT(DISTINCT ...)) so the translation stays
checkable by the conformance suite.
"""

from __future__ import annotations

from typing import Any

from jobscore.errors import MissingExtra

__all__ = ["to_spark"]

#: DuckDB function -> Spark function, for the functions SQLGlot passes through unchanged.
_RENAMED = {"EPOCH_US": "UNIX_MICROS", "HASH": "XXHASH64"}


def to_spark(sql: str) -> str:
    """One DuckDB statement, as Spark SQL."""
    try:
        import sqlglot
        from sqlglot import exp
    except ImportError as exc:
        raise MissingExtra("sqlglot", "spark") from exc

    def rename(node: Any) -> Any:
        if isinstance(node, exp.Anonymous) and str(node.this).upper() in _RENAMED:
            return exp.Anonymous(
                this=_RENAMED[str(node.this).upper()], expressions=node.expressions
            )
        return node

    tree = sqlglot.parse_one(sql, read="duckdb").transform(rename)
    return str(tree.sql(dialect="spark"))
