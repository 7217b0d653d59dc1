"""UTC instants: parsing, formatting and calendar-month arithmetic.

Nothing here reads a clock: every "now" in jobscore is an argument.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta

__all__ = [
    "EARLIEST",
    "INSTANT_RANGE",
    "LATEST",
    "UTC",
    "end_of_day",
    "format_instant",
    "full_quarters_between",
    "instant_in_range",
    "parse_instant",
    "shift_months",
]

DAYS_PER_QUARTER = 90

#: Instants a history may hold: from EARLIEST, and before LATEST. A date outside is a typo
#: (0205 for 2025), and dates near the ends of the calendar cannot be reasoned about (a
#: feedback window after 9999-12-31 does not exist).
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
INSTANT_RANGE = f"is outside the years {EARLIEST.year} to {LATEST.year - 1}"


def parse_instant(text: str) -> datetime:
    """Parse an ISO 8601 date or instant into an aware UTC datetime.

    A bare date means 00:00 UTC; an instant without an offset is taken as UTC.
    Raises ValueError with the accepted forms when the text is neither.
    """
    raw = text.strip()
    if not raw:
        raise ValueError("empty date")
    try:
        if len(raw) == 10:
            return datetime.combine(date.fromisoformat(raw), time(), tzinfo=UTC)
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(
            f"{text!r} is not an ISO 8601 date or instant (use 2026-01-31 or 2026-01-31T12:00:00Z)"
        ) from None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def instant_in_range(value: datetime) -> datetime:
    """`value`, when a history may hold it (`EARLIEST`, `LATEST`)."""
    if not EARLIEST <= value < LATEST:
        raise ValueError(f"{value.date().isoformat()} {INSTANT_RANGE}")
    return value


def as_utc(value: datetime | date) -> datetime:
    """Coerce a date or datetime to an aware UTC datetime."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), tzinfo=UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def format_instant(value: datetime) -> str:
    """ISO 8601 with a Z suffix, seconds precision unless there are microseconds."""
    text = value.astimezone(UTC).isoformat()
    return text.replace("+00:00", "Z")


def shift_months(value: datetime, months: int) -> datetime:
    """Move by whole calendar months, clamping the day (Mar 31 - 1 month = Feb 28/29)."""
    index = value.year * 12 + (value.month - 1) + months
    year, month0 = divmod(index, 12)
    day = min(value.day, calendar.monthrange(year, month0 + 1)[1])
    return value.replace(year=year, month=month0 + 1, day=day)


def end_of_day(value: datetime, days_after: int = 0) -> datetime:
    """The last instant of the UTC day `days_after` days after `value`'s day."""
    start = datetime.combine(value.astimezone(UTC).date(), time(), tzinfo=UTC)
    return start + timedelta(days=days_after + 1) - timedelta(microseconds=1)


def full_quarters_between(start: datetime, end: datetime) -> int:
    """Full 90-day periods from `start` to `end` (0 when end is before start)."""
    if end <= start:
        return 0
    return (end - start).days // DAYS_PER_QUARTER
