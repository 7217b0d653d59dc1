"""What-if changes, and the other tools' options, written as text.

The command line takes each kind of change in an option of its own (`--refund k7`,
`--feedback k7:1:0`); the HTTP API takes a list of texts that start with the kind
(`refund:k7`, `feedback:k7:1:0`). Both read them here, so a change means the same thing
wherever it is written. Bad text is refused naming the option, or the item of the list,
that holds it.

| kind | written (after `KIND:` in a list) | the change |
| --- | --- | --- |
| `refund` | `ID` or `ID:AMOUNT` | refund in full and cancel, or refund part |
| `feedback` | `ID:STARS[:PRIVATE]` | the client leaves this feedback |
| `add` | `N@AMOUNT[:STARS[:PRIVATE]]` | N new contracts (default 5 stars, private 10) |
| `close` | `ID` or `ID:DATE` | end an open contract, now or that day |
| `keep-open` | `ID` | keep an open contract running and paid until the clock |
| `clock` | `DATE` | score the changed history as of this later date |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from jobscore.errors import InvalidInput, Problem
from jobscore.instants import instant_in_range, parse_instant
from jobscore.money import parse_money
from jobscore.tools.changes import (
    AddContracts,
    Change,
    CloseContract,
    FeedbackChange,
    KeepOpen,
    MoveClock,
    RefundChange,
)

__all__ = [
    "CHANGE_KINDS",
    "MOST_ADDED",
    "PACES",
    "TextField",
    "parse_change",
    "parse_change_of_kind",
    "parse_count",
    "parse_instant_in_range",
    "parse_money_text",
    "parse_pace",
]

#: The kinds of change, in the order the command line lists its options.
CHANGE_KINDS = ("refund", "feedback", "add", "close", "keep-open", "clock")
#: Paces (contracts a month) a plan can be made with: slower is no work within any horizon,
#: faster is no freelancer's, and either end would run the calendar out.
PACES = (0.01, 1000.0)
#: The most new contracts one change may add.
MOST_ADDED = 1000


@dataclass(frozen=True, slots=True)
class TextField:
    """Where a text came from, to name in a refusal: the option or list item (`field`),
    the source (`command line`, or none), and what to prefix a usage hint with."""

    field: str
    source: str | None = None
    prefix: str = ""

    def refused(self, message: str) -> InvalidInput:
        return InvalidInput(Problem(self.field, message, source=self.source))


def parse_money_text(text: str, where: TextField) -> Decimal:
    try:
        return parse_money(text)
    except ValueError as exc:
        raise where.refused(str(exc)) from None


def parse_instant_in_range(text: str, where: TextField) -> datetime:
    try:
        return instant_in_range(parse_instant(text))
    except (ValueError, OverflowError) as exc:
        raise where.refused(str(exc)) from None


def parse_count(text: str, where: TextField, kind: type[int] | type[float]) -> int | float:
    """A whole number (`int`) or a number (`float`)."""
    try:
        return kind(text)
    except ValueError:
        word = "a whole number" if kind is int else "a number"
        raise where.refused(f"{text!r} is not {word}") from None


def parse_pace(text: str, where: TextField, allow_zero: bool = False) -> float:
    """Contracts a month: `2`, `2/month`, `1.5/mo` (0 only with `allow_zero`)."""
    value = text.strip().lower().removesuffix("/month").removesuffix("/mo").strip()
    pace = float(parse_count(value, where, float))
    low, high = PACES
    if not (pace == 0 and allow_zero) and not low <= pace <= high:
        raise where.refused(
            f"{text!r}: give a positive number of contracts a month, from {low:g} to {high:g}"
        )
    return pace


def _refund(spec: str, where: TextField) -> RefundChange:
    contract_id, sep, amount = spec.rpartition(":")
    if not sep:
        return RefundChange(spec)
    return RefundChange(contract_id, parse_money_text(amount, where))


def _feedback(spec: str, where: TextField) -> FeedbackChange:
    parts = spec.split(":")
    if len(parts) not in (2, 3) or not parts[0]:
        raise where.refused(
            f"{spec!r}: use {where.prefix}CONTRACT_ID:STARS[:PRIVATE], e.g. {where.prefix}k7:1:0"
        )
    stars = float(parse_count(parts[1], where, float)) if parts[1] else None
    private = int(parse_count(parts[2], where, int)) if len(parts) == 3 and parts[2] else None
    return FeedbackChange(parts[0], stars, private)


def _add(spec: str, where: TextField) -> AddContracts:
    count, sep, rest = spec.partition("@")
    if not sep:
        raise where.refused(
            f"{spec!r}: use {where.prefix}N@AMOUNT[:STARS[:PRIVATE]], e.g. {where.prefix}3@500:5"
        )
    parts = rest.split(":")
    amount = parse_money_text(parts[0], where)
    n = int(parse_count(count, where, int))
    if n > MOST_ADDED:
        raise where.refused(f"{spec!r}: add at most {MOST_ADDED} contracts in one change")
    if len(parts) == 1:
        return AddContracts(n, amount)
    stars = float(parse_count(parts[1], where, float)) if parts[1] else None
    private = int(parse_count(parts[2], where, int)) if len(parts) > 2 and parts[2] else None
    return AddContracts(n, amount, stars=stars, private_score=private)


def _close(spec: str, where: TextField) -> CloseContract:
    contract_id, sep, day = spec.partition(":")
    return CloseContract(contract_id, parse_instant_in_range(day, where) if sep else None)


def _keep_open(spec: str, where: TextField) -> KeepOpen:
    return KeepOpen(spec)


def _clock(spec: str, where: TextField) -> MoveClock:
    return MoveClock(parse_instant_in_range(spec, where))


_PARSERS: dict[str, Callable[[str, TextField], Change]] = {
    "refund": _refund,
    "feedback": _feedback,
    "add": _add,
    "close": _close,
    "keep-open": _keep_open,
    "clock": _clock,
}


def parse_change_of_kind(kind: str, spec: str, where: TextField) -> Change:
    """One change of a known kind, written as the command line's option for it takes it."""
    return _PARSERS[kind](spec, where)


def parse_change(text: str, field: str, source: str | None = None) -> Change:
    """One change written `KIND:...` (`refund:k7`, `add:3@500:5`, `clock:2027-01-01`)."""
    kind, sep, spec = text.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in _PARSERS or not spec.strip():
        raise InvalidInput(
            Problem(
                field,
                f"{text!r}: write a change as KIND:..., KIND one of {', '.join(CHANGE_KINDS)}"
                " (e.g. refund:k7, feedback:k7:1:0, add:3@500:5)",
                source=source,
            )
        )
    return parse_change_of_kind(kind, spec, TextField(field, source, prefix=f"{kind}:"))
