"""SQL that turns a file's raw columns into typed contracts, and the checks that refuse bad rows.

Written once in DuckDB's dialect; `dialects.to_spark` translates it. Instants become epoch
microseconds (UTC) so every engine does the same integer arithmetic on them. Every check of
`jobscore.domain.facts.check_contract` has a SQL twin here, so a file the reference scorer
refuses is refused by every engine too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jobscore.batch.columns import INPUT_COLUMNS, ColumnSpec, Family, Target
from jobscore.domain.facts import FEEDBACK_WINDOW_DAYS
from jobscore.money import SUB_CENT
from jobscore.scoring.sql import (
    INVALID,
    TYPED_VIEW,
    US_PER_DAY,
    day_start,
    mid_contract_feedback,
    one_of,
    quote,
)

__all__ = [
    "CHECKED_VIEW",
    "RAW_VIEW",
    "Check",
    "checked_view_sql",
    "checks",
    "typed_view_sql",
]

RAW_VIEW = "raw_contracts"
CHECKED_VIEW = "checked_contracts"
DEFAULT_FREELANCER = "me"

_TRUE = ("true", "1", "yes", "y", "t")
_FALSE = ("false", "0", "no", "n", "f", "")


def _text(x: str) -> str:
    """Text without surrounding spaces, NULL when blank. Most values have no spaces to trim,
    and telling so is much cheaper than trimming (which copies every string)."""
    return f"NULLIF(CASE WHEN {x} LIKE ' %' OR {x} LIKE '% ' THEN TRIM({x}) ELSE {x} END, '')"


def _decimal_integer(number: str) -> str:
    return f"CASE WHEN {number} = FLOOR({number}) THEN CAST({number} AS BIGINT) END"


def typed_expression(spec: ColumnSpec, family: Family | None) -> str:
    """The typed value of one column, NULL where the raw value is blank or unreadable."""
    if family is None:
        return _missing(spec)
    x = quote(spec.name)
    text = family is Family.TEXT
    match spec.target:
        case Target.TEXT:
            value = _text(x) if text else f"CAST({x} AS VARCHAR)"
            if spec.name == "freelancer_id":
                return f"COALESCE({value}, '{DEFAULT_FREELANCER}')"
            return value
        case Target.INSTANT:
            if text:
                return f"EPOCH_US(TRY_CAST({_text(x)} AS TIMESTAMPTZ))"
            return f"EPOCH_US(CAST({x} AS TIMESTAMPTZ))"
        case Target.MONEY:
            if text:
                cleaned = f"REPLACE(REPLACE({_text(x)}, ',', ''), '$', '')"
                return f"TRY_CAST({cleaned} AS DECIMAL(18, 2))"
            return f"CAST({x} AS DECIMAL(18, 2))"
        case Target.NUMBER:
            return f"TRY_CAST({_text(x)} AS DOUBLE)" if text else f"CAST({x} AS DOUBLE)"
        case Target.INTEGER:
            if text:
                return _decimal_integer(f"TRY_CAST({_text(x)} AS DECIMAL(38, 9))")
            if family is Family.INTEGER:
                return f"CAST({x} AS BIGINT)"
            return _decimal_integer(x)
        case Target.FLAG:
            if not text:
                return f"COALESCE({x}, FALSE)"
            word = f"LOWER(TRIM({x}))"
            return (
                f"CASE WHEN {x} IS NULL OR {one_of(word, _FALSE)} THEN FALSE "
                f"WHEN {one_of(word, _TRUE)} THEN TRUE END"
            )
        case Target.CHOICE:
            # Most values are written exactly as the choice, or are blank (an optional choice):
            # only the others are normalised.
            word = f"LOWER(TRIM({x}))"
            exact = f"CASE WHEN {one_of(word, spec.choices)} THEN {word} END"
            written = one_of(x, spec.choices)
            return f"CASE WHEN {written} THEN {x} WHEN {x} IS NOT NULL THEN {exact} END"
    raise AssertionError(spec.target)


def _missing(spec: ColumnSpec) -> str:
    """An absent optional column: every row takes the §8 default."""
    match spec.target:
        case Target.FLAG:
            return "FALSE"
        case Target.TEXT if spec.name == "freelancer_id":
            return f"'{DEFAULT_FREELANCER}'"
        case Target.TEXT | Target.CHOICE:
            return "CAST(NULL AS VARCHAR)"
        case Target.INSTANT | Target.INTEGER:
            return "CAST(NULL AS BIGINT)"
        case Target.MONEY:
            return (
                "CAST(0 AS DECIMAL(18, 2))"
                if spec.name == "refunded"
                else "CAST(NULL AS DECIMAL(18, 2))"
            )
        case Target.NUMBER:
            return "CAST(NULL AS DOUBLE)"
    raise AssertionError(spec.target)


def _refunded(expression: str, family: Family | None) -> str:
    """A blank refund is no refund (§8 default 0)."""
    return expression if family is None else f"COALESCE({expression}, CAST(0 AS DECIMAL(18, 2)))"


def _typed_columns(families: Mapping[str, Family]) -> list[tuple[str, str]]:
    out = []
    for spec in INPUT_COLUMNS:
        family = families.get(spec.name)
        expression = typed_expression(spec, family)
        if spec.name == "refunded":
            expression = _refunded(expression, family)
        out.append((spec.name, expression))
    return out


def typed_view_sql(families: Mapping[str, Family]) -> str:
    """The view every scoring query reads: typed columns, and `__invalid` (1 for a row that
    breaks any check), so that scoring and checking share one scan of the input. Reads the
    checked view, which must exist, and takes its typed values from there."""
    columns = ",\n  ".join(f"{quote('__t_' + s.name)} AS {quote(s.name)}" for s in INPUT_COLUMNS)
    # Contract ids are checked with their uniqueness (`ID_CHECKS`), so scoring never reads them.
    broken = " OR ".join(f"({c.condition})" for c in checks(families) if c.field != "contract_id")
    return (
        f"CREATE OR REPLACE TEMP VIEW {TYPED_VIEW} AS SELECT\n  {columns},\n"
        f"  CASE WHEN {broken} THEN 1 ELSE 0 END AS {INVALID}\nFROM {CHECKED_VIEW}"
    )


def checked_view_sql(families: Mapping[str, Family]) -> str:
    """The raw columns next to their typed values, so a failed check can show the raw row."""
    raw = ", ".join(quote(name) for name in families)
    typed = ",\n  ".join(f"{e} AS {quote('__t_' + n)}" for n, e in _typed_columns(families))
    return (
        f"CREATE OR REPLACE TEMP VIEW {CHECKED_VIEW} AS SELECT\n  {raw},\n  {typed}\n"
        f"FROM {RAW_VIEW}"
    )


@dataclass(frozen=True, slots=True)
class Check:
    """A rule every row must keep: `condition` holds for the rows that break it."""

    field: str
    message: str
    condition: str


def _present(name: str, family: Family) -> str:
    x = quote(name)
    return f"({_text(x)} IS NOT NULL)" if family is Family.TEXT else f"{x} IS NOT NULL"


def checks(families: Mapping[str, Family]) -> list[Check]:
    """Every check, written over the checked view (typed columns are `__t_<name>`)."""

    def t(name: str) -> str:
        return quote("__t_" + name)

    found: list[Check] = []
    for spec in INPUT_COLUMNS:
        family = families.get(spec.name)
        if family is None:
            continue
        if spec.required:
            # A text id's typed value is the trimmed text, NULL when blank: no need to trim again.
            missing = (
                f"{t(spec.name)} IS NULL"
                if spec.target is Target.TEXT and spec.name != "freelancer_id"
                else f"NOT ({_present(spec.name, family)})"
            )
            found.append(Check(spec.name, "is required and missing", missing))
        if _can_fail(spec, family):
            # Cheapest test first: the typed value is rarely NULL, and where it is, the raw
            # value mostly is too (a blank optional column), which needs no look at its text.
            # (The same guard inside `_present`, under the NOT of a missing value, makes
            # Spark's planner expand the row checks until it runs out of memory.)
            found.append(
                Check(
                    spec.name,
                    _type_message(spec),
                    f"{t(spec.name)} IS NULL AND {quote(spec.name)} IS NOT NULL"
                    f" AND {_present(spec.name, family)}",
                )
            )
        if spec.target is Target.MONEY and family is not Family.INTEGER:
            found.append(Check(spec.name, SUB_CENT, _sub_cents(spec.name, family, t(spec.name))))
    has_feedback = f"({t('stars')} IS NOT NULL OR {t('private_score')} IS NOT NULL)"
    window_closes = f"{day_start(t('ended_at'))} + {(FEEDBACK_WINDOW_DAYS + 1) * US_PER_DAY}"
    found += [
        Check("earned", "earnings cannot be negative", f"{t('earned')} < 0"),
        Check("refunded", "a refund cannot be negative", f"{t('refunded')} < 0"),
        Check(
            "refunded",
            "is above what was paid (earned)",
            f"{t('refunded')} >= 0 AND {t('refunded')} > GREATEST({t('earned')}, 0)",
        ),
        Check("ended_at", "is before started_at", f"{t('ended_at')} < {t('started_at')}"),
        Check(
            "last_payment_at",
            "a payment cannot come before the contract started",
            f"{t('last_payment_at')} < {t('started_at')}",
        ),
        Check("paid_quarters", "must be 0 or more", f"{t('paid_quarters')} < 0"),
        Check("stars", "public stars go from 1.0 to 5.0", f"NOT {t('stars')} BETWEEN 1 AND 5"),
        Check(
            "private_score",
            "the private score goes from 0 to 10",
            f"NOT {t('private_score')} BETWEEN 0 AND 10",
        ),
        Check(
            "client_stars_given_mean",
            "must be 1.0 to 5.0",
            f"NOT {t('client_stars_given_mean')} BETWEEN 1 AND 5",
        ),
        Check(
            "client_stars_given_count", "must be 0 or more", f"{t('client_stars_given_count')} < 0"
        ),
        Check(
            "feedback_at",
            "is set but the contract has no stars or private score; give the feedback's stars,"
            " or leave feedback_at empty (or set feedback_removed if it was removed)",
            f"NOT {has_feedback} AND {t('feedback_at')} IS NOT NULL"
            f" AND NOT {t('feedback_removed')}",
        ),
        Check(
            "stars",
            "feedback on an open contract: set ended_at, or feedback_at for mid-contract feedback",
            f"{has_feedback} AND {t('ended_at')} IS NULL AND {t('feedback_at')} IS NULL",
        ),
        Check(
            "feedback_at",
            "feedback cannot come before the contract started",
            f"{has_feedback} AND {t('feedback_at')} < {t('started_at')}",
        ),
        Check(
            "private_score",
            "mid-contract feedback is public only; it has no private score",
            f"{mid_contract_feedback(t)} AND {t('private_score')} IS NOT NULL",
        ),
        Check(
            "feedback_at",
            f"is after the feedback window closed (day {FEEDBACK_WINDOW_DAYS} after the end)",
            f"{has_feedback} AND {t('feedback_at')} >= {window_closes}",
        ),
    ]
    return found


def _can_fail(spec: ColumnSpec, family: Family) -> bool:
    """Whether converting this column can meet a value it cannot read: text into anything
    but text, and a fractional number into a whole one."""
    if spec.target is Target.TEXT:
        return False
    if family is Family.TEXT:
        return True
    return spec.target is Target.INTEGER and family is Family.NUMBER


def _sub_cents(name: str, family: Family, typed: str) -> str:
    """Rows whose amount has a non-zero digit after its second decimal (`has_sub_cents`).
    The typed value (DECIMAL(18, 2)) is the amount rounded, so such a row is refused, never
    scored with a rounding the reference does not make."""
    x = quote(name)
    if family is not Family.TEXT:
        # A decimal column compares exactly; a FLOAT column only as the double the reference
        # reads (250.01 as a 32-bit float is 250.00999...).
        return f"({x} <> {typed} OR CAST({x} AS DOUBLE) <> CAST({typed} AS DOUBLE))"
    cleaned = f"TRIM(REPLACE(REPLACE({x}, ',', ''), '$', ''))"
    # Cheapest test first: most amounts have at most two characters after a dot and no
    # exponent. Plain decimals are read digit by digit (however many there are); others, such
    # as 2.5e-3, by value.
    maybe = f"({x} LIKE '%.___%' OR {x} LIKE '%e%' OR {x} LIKE '%E%')"
    plain = f"REGEXP_MATCHES({cleaned}, '^[+-]?[0-9]*[.][0-9][0-9][0-9]*[1-9][0-9]*$')"
    by_value = f"TRY_CAST({cleaned} AS DECIMAL(38, 20)) <> {typed}"
    return f"{typed} IS NOT NULL AND {maybe} AND ({plain} OR {by_value})"


def _type_message(spec: ColumnSpec) -> str:
    return {
        Target.TEXT: "is not text",
        Target.INSTANT: (
            "is not an ISO 8601 date or instant (use 2026-01-31 or 2026-01-31T12:00:00Z)"
        ),
        Target.MONEY: "is not an amount (use decimal dollars such as 250.00)",
        Target.NUMBER: "is not a number",
        Target.INTEGER: "is not a whole number",
        Target.FLAG: "is not true or false",
        Target.CHOICE: f"is not one of: {', '.join(spec.choices)}",
    }[spec.target]
