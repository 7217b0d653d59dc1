"""The history columns as the batch engines see them: what each must parse to.

Engines report a file's schema in their own type names; `family_of` sorts those names into the
few kinds the staging SQL knows how to convert, so a column typed wrongly in a Parquet file is
refused by name before any SQL runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Kind
from jobscore.io.rows import COLUMNS, REQUIRED_COLUMNS

__all__ = ["INPUT_COLUMNS", "REQUIRED_COLUMNS", "ColumnSpec", "Family", "Target", "family_of"]


class Target(StrEnum):
    """What a column becomes in the typed view."""

    TEXT = "text"
    INSTANT = "instant"  # epoch microseconds, UTC
    MONEY = "money"  # DECIMAL(18, 2)
    NUMBER = "number"  # DOUBLE
    INTEGER = "integer"  # BIGINT
    FLAG = "flag"  # BOOLEAN, missing = false
    CHOICE = "choice"  # lower-case text from a closed set


class Family(StrEnum):
    """What a column holds in the file."""

    TEXT = "text"
    INSTANT = "instant"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    name: str
    target: Target
    choices: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return self.name in REQUIRED_COLUMNS

    def accepts(self, family: Family) -> bool:
        """Whether a file column of this family can be converted to the target."""
        if family is Family.TEXT:
            return True
        accepted = {
            Target.TEXT: {Family.INTEGER},
            Target.INSTANT: {Family.INSTANT},
            Target.MONEY: {Family.INTEGER, Family.NUMBER},
            Target.NUMBER: {Family.INTEGER, Family.NUMBER},
            Target.INTEGER: {Family.INTEGER, Family.NUMBER},
            Target.FLAG: {Family.BOOLEAN},
            Target.CHOICE: set(),
        }[self.target]
        return family in accepted


def _choices(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


_TARGETS: dict[str, ColumnSpec] = {
    spec.name: spec
    for spec in (
        ColumnSpec("contract_id", Target.TEXT),
        ColumnSpec("freelancer_id", Target.TEXT),
        ColumnSpec("client_id", Target.TEXT),
        ColumnSpec("kind", Target.CHOICE, _choices(Kind)),
        ColumnSpec("started_at", Target.INSTANT),
        ColumnSpec("ended_at", Target.INSTANT),
        ColumnSpec("ended_by", Target.CHOICE, _choices(EndedBy)),
        ColumnSpec("end_reason", Target.CHOICE, _choices(EndReason)),
        ColumnSpec("earned", Target.MONEY),
        ColumnSpec("refunded", Target.MONEY),
        ColumnSpec("last_payment_at", Target.INSTANT),
        ColumnSpec("paid_quarters", Target.INTEGER),
        ColumnSpec("stars", Target.NUMBER),
        ColumnSpec("private_score", Target.INTEGER),
        ColumnSpec("feedback_at", Target.INSTANT),
        ColumnSpec("feedback_removed", Target.FLAG),
        ColumnSpec("dispute", Target.CHOICE, _choices(DisputeResult)),
        ColumnSpec("client_flagged", Target.FLAG),
        ColumnSpec("client_stars_given_mean", Target.NUMBER),
        ColumnSpec("client_stars_given_count", Target.INTEGER),
        ColumnSpec("category", Target.TEXT),
        ColumnSpec("currency", Target.TEXT),
    )
}
#: Every history column, in the order of the history files.
INPUT_COLUMNS: tuple[ColumnSpec, ...] = tuple(_TARGETS[name] for name in COLUMNS)

_EXACT: dict[Family, frozenset[str]] = {
    Family.TEXT: frozenset({"VARCHAR", "STRING", "TEXT", "CHAR", "BPCHAR", "LARGE_STRING"}),
    Family.BOOLEAN: frozenset({"BOOLEAN", "BOOL"}),
    Family.INTEGER: frozenset(
        {"TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT", "HUGEINT", "LONG", "SHORT", "BYTE"}
        | {"UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "INT64", "INT32"}
    ),
    Family.NUMBER: frozenset({"DOUBLE", "FLOAT", "REAL"}),
}
#: Families told by how the type name starts: TIMESTAMP_NTZ, TIMESTAMP WITH TIME ZONE,
#: DECIMAL(18,2), VARCHAR(20) ...
_STARTS: tuple[tuple[str, Family], ...] = (
    ("TIMESTAMP", Family.INSTANT),
    ("DATE", Family.INSTANT),
    ("DECIMAL", Family.NUMBER),
    ("NUMERIC", Family.NUMBER),
    ("VARCHAR", Family.TEXT),
    ("CHAR", Family.TEXT),
)


def family_of(type_name: str) -> Family:
    """Sort an engine's type name (DuckDB `BIGINT`, Spark `bigint`, ...) into a family."""
    upper = type_name.strip().upper()
    for family, names in _EXACT.items():
        if upper in names:
            return family
    for start, family in _STARTS:
        if upper.startswith(start):
            return family
    return Family.OTHER
