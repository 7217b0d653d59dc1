"""SQL that turns a file's raw columns into typed contracts, and the checks that refuse bad rows.

Written once in DuckDB's dialect; `dialects.to_spark` translates it. Instants become epoch
microseconds (UTC) so every engine does the same integer arithmetic on them. Every check of
`jobscore.domain.facts.check_contract` has a SQL twin here, and every reading rule of
`jobscore.io` (amounts in one format, blank rows skipped), so a file the reference scorer
refuses is refused by every engine too.

The views, each over the one before: the file as the engine reads it (`FILE_VIEW`), its columns
named as history columns with a flag for blank rows (`RAW_VIEW`), the raw columns next to their
typed values (`CHECKED_VIEW`), and the typed view scoring reads (`TYPED_VIEW`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jobscore.batch.columns import INPUT_COLUMNS, ColumnSpec, Family, Target
from jobscore.domain.facts import FEEDBACK_WINDOW_DAYS
from jobscore.io.rows import EARLIEST, LATEST
from jobscore.money import AMOUNT_FORMAT, SUB_CENT, amount_pattern
from jobscore.scoring.sql import (
    INVALID,
    TYPED_VIEW,
    US_PER_DAY,
    day_start,
    epoch_us,
    mid_contract_feedback,
    one_of,
    quote,
)

__all__ = [
    "BLANK",
    "CHECKED_VIEW",
    "FILE_VIEW",
    "RAW_VIEW",
    "Check",
    "checked_view_sql",
    "checks",
    "typed_view_sql",
]

FILE_VIEW = "file_contracts"
RAW_VIEW = "raw_contracts"
CHECKED_VIEW = "checked_contracts"
#: Column of the raw and checked views: true for a row whose every cell is blank, skipped.
BLANK = "__blank"
DEFAULT_FREELANCER = "me"

_TRUE = ("true", "1", "yes", "y", "t")
_FALSE = ("false", "0", "no", "n", "f", "")


def _text(x: str) -> str:
    """Text without surrounding spaces, NULL when blank. Most values have no spaces to trim,
    and telling so is much cheaper than trimming (which copies every string)."""
    return f"NULLIF(CASE WHEN {x} LIKE ' %' OR {x} LIKE '% ' THEN TRIM({x}) ELSE {x} END, '')"


def _decimal_integer(number: str) -> str:
    return f"CASE WHEN {number} = FLOOR({number}) THEN TRY_CAST({number} AS BIGINT) END"


def _amount_text(x: str, decimal_comma: bool) -> str:
    """The amount written in the text `x` as a plain decimal, NULL unless it is written in the
    one format `jobscore.money.canonical_amount` reads (with spaces around it)."""
    group = "." if decimal_comma else ","
    plain = f"REPLACE(REPLACE(REPLACE({x}, '{group}', ''), '$', ''), ' ', '')"
    if decimal_comma:
        plain = f"REPLACE({plain}, ',', '.')"
    pattern = amount_pattern(decimal_comma).removeprefix("^").removesuffix("$")
    return f"CASE WHEN REGEXP_MATCHES({x}, '^ *{pattern} *$') THEN {plain} END"


def _number_text(x: str, decimal_comma: bool) -> str:
    """A decimal number written as text, as `FieldReader.number` reads it: with a decimal
    comma, a comma for the point, and no point at all."""
    if not decimal_comma:
        return _text(x)
    return f"CASE WHEN {x} NOT LIKE '%.%' THEN REPLACE({_text(x)}, ',', '.') END"


def _in_range(instant_us: str) -> str:
    """The instant, NULL outside the years a history may hold (`jobscore.io.rows.EARLIEST`
    and `LATEST`): refused as not an instant of a history. (Engines compute the instant
    once, though it is written twice.)"""
    low, high = epoch_us(EARLIEST), epoch_us(LATEST) - 1
    return f"CASE WHEN {instant_us} BETWEEN {low} AND {high} THEN {instant_us} END"


def typed_expression(spec: ColumnSpec, family: Family | None, decimal_comma: bool = False) -> str:
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
                return _in_range(f"EPOCH_US(TRY_CAST({_text(x)} AS TIMESTAMPTZ))")
            return _in_range(f"EPOCH_US(TRY_CAST({x} AS TIMESTAMPTZ))")
        case Target.MONEY:
            if text:
                return f"TRY_CAST({_amount_text(x, decimal_comma)} AS DECIMAL(18, 2))"
            # A double may be NaN, or too large for any amount.
            return f"TRY_CAST({x} AS DECIMAL(18, 2))"
        case Target.NUMBER:
            if text:
                return f"TRY_CAST({_number_text(x, decimal_comma)} AS DOUBLE)"
            return f"CAST({x} AS DOUBLE)"
        case Target.INTEGER:
            if text:
                return _decimal_integer(f"TRY_CAST({_text(x)} AS DECIMAL(38, 9))")
            if family is Family.INTEGER:
                return f"TRY_CAST({x} AS BIGINT)"
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
    """An absent optional column: every row takes the column's default."""
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
    """A blank refund is no refund (the default is 0)."""
    return expression if family is None else f"COALESCE({expression}, CAST(0 AS DECIMAL(18, 2)))"


def _typed_columns(families: Mapping[str, Family], decimal_comma: bool) -> list[tuple[str, str]]:
    out = []
    for spec in INPUT_COLUMNS:
        family = families.get(spec.name)
        expression = typed_expression(spec, family, decimal_comma)
        if spec.name == "refunded":
            expression = _refunded(expression, family)
        out.append((spec.name, expression))
    return out


def typed_view_sql(families: Mapping[str, Family], decimal_comma: bool = False) -> str:
    """The view every scoring query reads: typed columns, and `__invalid` (1 for a row that
    breaks any check), so that scoring and checking share one scan of the input. Reads the
    checked view, which must exist, and takes its typed values from there; blank rows are
    left out."""
    columns = ",\n  ".join(f"{quote('__t_' + s.name)} AS {quote(s.name)}" for s in INPUT_COLUMNS)
    # Contract ids are checked with their uniqueness (`ID_CHECKS`), so scoring never reads them.
    broken = " OR ".join(
        f"({c.condition})" for c in checks(families, decimal_comma) if c.field != "contract_id"
    )
    return (
        f"CREATE OR REPLACE TEMP VIEW {TYPED_VIEW} AS SELECT\n  {columns},\n"
        f"  CASE WHEN {broken} THEN 1 ELSE 0 END AS {INVALID}\nFROM {CHECKED_VIEW}"
        f"\nWHERE NOT {BLANK}"
    )


def checked_view_sql(families: Mapping[str, Family], decimal_comma: bool = False) -> str:
    """The raw columns next to their typed values, so a failed check can show the raw row."""
    raw = ", ".join(quote(name) for name in [*families, BLANK])
    typed = ",\n  ".join(
        f"{e} AS {quote('__t_' + n)}" for n, e in _typed_columns(families, decimal_comma)
    )
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


def checks(families: Mapping[str, Family], decimal_comma: bool = False) -> list[Check]:
    """Every check, written over the checked view (typed columns are `__t_<name>`); blank
    rows break none (the typed view leaves them out)."""

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
                    _type_message(spec, decimal_comma),
                    f"{t(spec.name)} IS NULL AND {quote(spec.name)} IS NOT NULL"
                    f" AND {_present(spec.name, family)}",
                )
            )
        if spec.target is Target.MONEY and family is not Family.INTEGER:
            sub_cents = _sub_cents(spec.name, family, t(spec.name), decimal_comma)
            found.append(Check(spec.name, SUB_CENT, sub_cents))
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
    but text, a fractional or too large number into a whole one, a number that is not
    finite or too large into an amount, and an instant outside the years of a history."""
    if spec.target is Target.TEXT:
        return False
    if family is Family.TEXT:
        return True
    return spec.target in (Target.INTEGER, Target.MONEY, Target.INSTANT)


def _sub_cents(name: str, family: Family, typed: str, decimal_comma: bool) -> str:
    """Rows whose amount has a non-zero digit after its second decimal (`has_sub_cents`).
    The typed value (DECIMAL(18, 2)) is the amount rounded, so such a row is refused, never
    scored with a rounding the reference does not make."""
    x = quote(name)
    if family is not Family.TEXT:
        # A decimal column compares exactly; a FLOAT column only as the double the reference
        # reads (250.01 as a 32-bit float is 250.00999...).
        return f"({x} <> {typed} OR CAST({x} AS DOUBLE) <> CAST({typed} AS DOUBLE))"
    # Cheapest test first: most amounts have at most two characters after the decimal mark.
    # The rest are read digit by digit, however many there are.
    maybe = f"{x} LIKE '%{',' if decimal_comma else '.'}___%'"
    plain = (
        f"REGEXP_MATCHES({_amount_text(x, decimal_comma)},"
        " '^[+-]?[0-9]*[.][0-9][0-9][0-9]*[1-9][0-9]*$')"
    )
    return f"{typed} IS NOT NULL AND {maybe} AND {plain}"


def _type_message(spec: ColumnSpec, decimal_comma: bool) -> str:
    other = (
        "; read the file without --decimal-comma if it writes 1,700.50"
        if decimal_comma
        else "; read the file with --decimal-comma if it writes amounts as 1.700,50"
    )
    return {
        Target.TEXT: "is not text",
        Target.INSTANT: (
            f"is not an ISO 8601 date or instant from the years {EARLIEST.year} to"
            f" {LATEST.year - 1} (use 2026-01-31 or 2026-01-31T12:00:00Z)"
        ),
        Target.MONEY: f"is not an amount: {AMOUNT_FORMAT[decimal_comma]}{other}",
        Target.NUMBER: "is not a number"
        + (
            ": with --decimal-comma, write decimals with a comma, such as 4,5"
            if decimal_comma
            else ""
        ),
        Target.INTEGER: "is not a whole number",
        Target.FLAG: "is not true or false",
        Target.CHOICE: f"is not one of: {', '.join(spec.choices)}",
    }[spec.target]
