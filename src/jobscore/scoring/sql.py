"""What every policy's SQL shares: the typed view it reads, identifiers, instants as integers.

A policy's SQL is generated from its parameters by pure functions (`upwork/sql.py`,
`bayes/sql.py`), next to the reference scorer it mirrors; the batch engines run it. The SQL
reads the typed view of the input (`TYPED_VIEW`, built by `jobscore.batch.staging_sql`), in
which every instant is a count of microseconds since 1970-01-01 UTC, so every engine does the
same integer arithmetic on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "INVALID",
    "TYPED_VIEW",
    "US_PER_DAY",
    "SqlPlan",
    "day_start",
    "epoch_us",
    "mid_contract_feedback",
    "one_of",
    "quote",
    "sql_double",
]

#: The view of typed contracts every policy's SQL reads.
TYPED_VIEW = "contracts"
US_PER_DAY = 86_400_000_000
#: Column of the typed view, and of every policy's output: 1 for a row that breaks a check.
INVALID = "__invalid"


@dataclass(frozen=True, slots=True)
class SqlPlan:
    """How the batch engines score a policy: one query, one row per freelancer."""

    #: The output columns, then `INVALID` (non-zero when any of the freelancer's rows breaks
    #: a check).
    sql: str
    columns: tuple[str, ...]
    #: The instant the scores are as of (a policy may recalculate only on some days).
    computed_as_of: datetime
    #: When set, the output carries a Beta posterior's `posterior_alpha` and `posterior_beta`,
    #: and the batch run adds its credible interval of this mass (`interval_lo`,
    #: `interval_hi`, in points), which SQL engines have no function for.
    interval_mass: float | None = None
    #: The interval counts the posterior's evidence at this share of its worth, around the
    #: same mean, beside a prior worth `interval_prior` outcomes (`bayes` `interval_shape`).
    interval_evidence: float = 1.0
    interval_prior: float = 0.0
    #: However much evidence, the interval is worth less than this many outcomes.
    interval_steadiness: float | None = None


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def one_of(x: str, values: tuple[str, ...]) -> str:
    """`x IN (values)` spelled as equalities joined by OR. DuckDB plans an IN list of several
    strings as a hash join against the list, which costs far more per row than a few
    comparisons."""
    if not values:
        return "FALSE"
    return "(" + " OR ".join(f"{x} = '" + v.replace("'", "''") + "'" for v in values) + ")"


def sql_double(value: float) -> str:
    return f"CAST({value!r} AS DOUBLE)"


def epoch_us(instant: datetime) -> int:
    delta = instant - datetime(1970, 1, 1, tzinfo=instant.tzinfo)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def day_start(instant_us: str) -> str:
    """The first microsecond of an instant's UTC day. `%` keeps the dividend's sign, so the
    remainder is made non-negative for instants before 1970."""
    return f"({instant_us} - (({instant_us} % {US_PER_DAY}) + {US_PER_DAY}) % {US_PER_DAY})"


def mid_contract_feedback(col: Callable[[str], str]) -> str:
    """Feedback dated before the contract's last day (`ContractFacts.is_mid_contract_feedback`)."""
    has_feedback = f"({col('stars')} IS NOT NULL OR {col('private_score')} IS NOT NULL)"
    # Its UTC day is before the end's day exactly when it is before the end's day starts.
    return (
        f"({has_feedback} AND {col('feedback_at')} IS NOT NULL AND ({col('ended_at')} IS NULL"
        f" OR {col('feedback_at')} < {day_start(col('ended_at'))}))"
    )
