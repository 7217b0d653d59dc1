"""Turn one history row (CSV text or JSON values) into `ContractFacts`, listing every problem."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Kind
from jobscore.domain.facts import ContractFacts, check_contract
from jobscore.errors import Problem
from jobscore.instants import EARLIEST, INSTANT_RANGE, LATEST, instant_in_range, parse_instant
from jobscore.io.headers import normal_keys
from jobscore.money import ZERO, canonical_amount, parse_money

__all__ = [
    "COLUMNS",
    "EARLIEST",
    "INSTANT_RANGE",
    "LATEST",
    "REQUIRED_COLUMNS",
    "FieldReader",
    "instant_in_range",
    "is_blank_row",
    "parse_row",
]

COLUMNS = (
    "contract_id",
    "freelancer_id",
    "client_id",
    "kind",
    "started_at",
    "ended_at",
    "ended_by",
    "end_reason",
    "earned",
    "refunded",
    "last_payment_at",
    "paid_quarters",
    "stars",
    "private_score",
    "feedback_at",
    "feedback_removed",
    "dispute",
    "client_flagged",
    "client_stars_given_mean",
    "client_stars_given_count",
    "category",
    "currency",
)
REQUIRED_COLUMNS = ("contract_id", "client_id", "started_at", "earned")

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

#: The largest whole number every engine holds (BIGINT).
_MAX_INTEGER = 2**63 - 1

_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f", ""}


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_blank_row(raw: Mapping[str, Any]) -> bool:
    """Every cell empty or spaces: a spreadsheet's blank row, skipped with a note."""
    return all(_is_blank(value) for value in raw.values())


@dataclass
class FieldReader:
    """Reads typed fields out of one raw record, collecting a Problem for each bad one.

    Keys are matched in normal form (`Private Score` is `private_score`). With `decimal_comma`,
    amounts and decimal numbers written as text use a comma before the decimals."""

    raw: Mapping[str, Any]
    source: str | None
    row: int | None
    record: str | None = None
    decimal_comma: bool = False

    def __post_init__(self) -> None:
        self.problems: list[Problem] = []
        self.raw, twice = normal_keys(dict(self.raw))
        for name in twice:
            self.problem(name, "is given twice (under names that differ only in case or spaces)")

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(name, message, self.source, self.row, self.record))

    def _read(self, name: str, parse: Callable[[Any], T], required: bool) -> T | None:
        value = self.raw.get(name)
        if _is_blank(value):
            if required:
                self.problem(name, "is required and missing")
            return None
        if isinstance(value, list | dict):
            self.problem(name, "expected a single value, not a list or an object")
            return None
        try:
            return parse(value)
        except (ValueError, TypeError, ArithmeticError) as exc:
            self.problem(name, str(exc))
            return None

    def text(self, name: str, required: bool = False) -> str | None:
        return self._read(name, lambda v: str(v).strip(), required)

    def instant(self, name: str, required: bool = False) -> datetime | None:
        return self._read(name, lambda v: instant_in_range(parse_instant(str(v))), required)

    def money(self, name: str, required: bool = False) -> Decimal | None:
        def parse(value: Any) -> Decimal:
            try:
                return parse_money(value, decimal_comma=self.decimal_comma)
            except ValueError as exc:
                other = not self.decimal_comma
                if isinstance(value, str) and canonical_amount(value, other) is not None:
                    hint = (
                        "read the file with --decimal-comma if it writes amounts as 1.700,50"
                        if other
                        else "read the file without --decimal-comma if it writes 1,700.50"
                    )
                    raise ValueError(f"{exc}; {hint}") from None
                raise

        return self._read(name, parse, required)

    def number(self, name: str) -> float | None:
        def parse(value: Any) -> float:
            if isinstance(value, bool):
                raise ValueError(f"{value!r} is not a number")
            text = value
            if isinstance(value, str):
                if not value.isascii():
                    raise ValueError(f"{value!r} is not a number")
                if self.decimal_comma:
                    if "." in value:
                        raise ValueError(
                            f"{value!r} is not a number: with --decimal-comma, write decimals"
                            " with a comma, such as 4,5"
                        )
                    text = value.replace(",", ".")
            try:
                return float(text)
            except (TypeError, ValueError):
                raise ValueError(f"{value!r} is not a number") from None

        return self._read(name, parse, False)

    def integer(self, name: str) -> int | None:
        def parse(value: Any) -> int:
            try:
                number = Decimal(str(value).strip())
            except ArithmeticError:
                raise ValueError(f"{value!r} is not a whole number") from None
            if isinstance(value, bool) or number != number.to_integral_value():
                raise ValueError(f"{value!r} is not a whole number")
            if abs(number) > _MAX_INTEGER:
                raise ValueError(f"{value!r} is too large")
            return int(number)

        return self._read(name, parse, False)

    def flag(self, name: str) -> bool:
        def parse(value: Any) -> bool:
            if isinstance(value, bool):
                return value
            word = str(value).strip().lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
            raise ValueError(f"{value!r} is not true or false")

        return bool(self._read(name, parse, False))

    def choice(self, name: str, enum: type[E], default: E | None = None) -> E | None:
        def parse(value: Any) -> E:
            try:
                return enum(str(value).strip().lower())
            except ValueError:
                accepted = ", ".join(member.value for member in enum)
                raise ValueError(f"{value!r} is not one of: {accepted}") from None

        found = self._read(name, parse, False)
        return default if found is None else found


def parse_row(
    raw: Mapping[str, Any],
    *,
    source: str | None = None,
    row: int | None = None,
    default_freelancer: str = "me",
    decimal_comma: bool = False,
) -> tuple[ContractFacts | None, list[Problem]]:
    """Parse one row; return the facts (or None) and every problem found in it."""
    read = FieldReader(raw, source, row, decimal_comma=decimal_comma)
    ident = read.raw.get("contract_id")
    if not _is_blank(ident) and not isinstance(ident, list | dict):
        read.record = f"contract {str(ident).strip()}"
        read.problems = [replace(p, record=read.record) for p in read.problems]
    contract_id = read.text("contract_id", required=True)
    client_id = read.text("client_id", required=True)
    started_at = read.instant("started_at", required=True)
    earned = read.money("earned", required=True)
    fields: dict[str, Any] = {
        "freelancer_id": read.text("freelancer_id") or default_freelancer,
        "kind": read.choice("kind", Kind, Kind.FIXED),
        "ended_at": read.instant("ended_at"),
        "ended_by": read.choice("ended_by", EndedBy),
        "end_reason": read.choice("end_reason", EndReason),
        "refunded": read.money("refunded") or ZERO,
        "last_payment_at": read.instant("last_payment_at"),
        "paid_quarters": read.integer("paid_quarters"),
        "stars": read.number("stars"),
        "private_score": read.integer("private_score"),
        "feedback_at": read.instant("feedback_at"),
        "feedback_removed": read.flag("feedback_removed"),
        "dispute": read.choice("dispute", DisputeResult),
        "client_flagged": read.flag("client_flagged"),
        "client_stars_given_mean": read.number("client_stars_given_mean"),
        "client_stars_given_count": read.integer("client_stars_given_count"),
        "category": read.text("category"),
        "currency": (read.text("currency") or "USD").upper(),
    }
    problems = read.problems
    if contract_id is None or client_id is None or started_at is None or earned is None:
        return None, problems
    facts = ContractFacts(
        contract_id=contract_id,
        client_id=client_id,
        started_at=started_at,
        earned=earned,
        **fields,
    )
    parsed = {p.field for p in problems}
    problems += [
        Problem(p.field, p.message, source, row, p.record)
        for p in check_contract(facts)
        if p.field not in parsed
    ]
    return (None if problems else facts), problems
