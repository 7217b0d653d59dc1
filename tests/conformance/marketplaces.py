"""Hypothesis marketplaces in the §8 columns, and comparing engine output with the reference.

Rows of `marketplaces` are always valid input, and they crowd the edges of the rules: amounts
(and net amounts after a refund) on each side of the weight brackets, stars on the outcome cuts,
contracts ending exactly on a window's start, feedback on the last day of its window, open
contracts paid just often enough. `marketplaces_with_a_sub_cent_amount` breaks one amount.
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from jobscore.domain.facts import ContractFacts
from jobscore.instants import format_instant, parse_instant, shift_months

AS_OFS = tuple(
    parse_instant(t) for t in ("2026-01-01", "2026-03-31T18:30:00Z", "2025-08-31T23:59:59Z")
)
#: Amounts on both sides of every weight bracket ($1-250, $251-1,000, over $1,000), written
#: with and without trailing zeros ("250.500" is 250.50: only more than two decimals that are
#: not zeros are refused, and those are the refusal tests' own).
AMOUNTS = (
    "0", "0.99", "1", "1.00", "135", "250", "250.00", "250.01", "250.010", "250.50", "250.500",
    "251", "999.99", "1000", "1000.00", "1000.01", "1000.010", "2000", "40.5",
)  # fmt: skip
#: Net earnings a refund brings a contract to: each side of every bracket again.
NET_EDGES = ("0", "0.01", "0.99", "1", "250", "250.01", "1000", "1000.01")
#: Amounts with a digit after the second decimal, which every reader refuses.
SUB_CENT_AMOUNTS = ("250.005", "1000.001", "0.005", "999.995", "250.0050", "2000.0000001")
STARS = (1.0, 2.5, 3.99, 4.0, 4.49, 4.5, 4.75, 5.0)
FIELDS = (
    "contract_id", "freelancer_id", "client_id", "started_at", "ended_at", "end_reason",
    "earned", "refunded", "last_payment_at", "paid_quarters", "stars", "private_score",
    "feedback_at", "feedback_removed", "dispute", "client_flagged", "client_stars_given_mean",
    "client_stars_given_count",
)  # fmt: skip


def _edges(as_of: datetime) -> list[datetime]:
    """Instants on and next to every window start, and around the as-of instant itself."""
    out = []
    for months in (24, 12, 6, 3):
        start = shift_months(as_of, -months)
        out += [start, start + timedelta(seconds=1), start - timedelta(seconds=1)]
    return [*out, as_of, as_of - timedelta(days=90), as_of + timedelta(days=3)]


@st.composite
def instants(draw: st.DrawFn, as_of: datetime) -> datetime:
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(_edges(as_of)))
    days = draw(st.integers(-900, 20))
    seconds = draw(st.sampled_from([0, 0, 1, 43_200, 86_399]))
    return as_of + timedelta(days=days, seconds=seconds)


@st.composite
def contract_row(draw: st.DrawFn, number: int, freelancer: str, as_of: datetime) -> dict[str, Any]:
    client = draw(st.sampled_from(["c1", "c2", "c3", "c4", f"own-{freelancer}"]))
    open_ = draw(st.integers(0, 5)) == 0
    ended = None if open_ else draw(instants(as_of))
    length = timedelta(days=draw(st.sampled_from([0, 5, 89, 90, 200, 400, 800])))
    started = (
        (ended - length) if ended else as_of - length - timedelta(days=draw(st.integers(-5, 60)))
    )
    earned = draw(st.sampled_from(AMOUNTS))
    refunded = draw(st.sampled_from([None, "0", earned, "0.50", "0.500", "to a net edge"]))
    if refunded == "to a net edge":
        left = Decimal(earned) - Decimal(draw(st.sampled_from(NET_EDGES)))
        refunded = str(left) if left >= 0 else None
    elif refunded in ("0.50", "0.500") and Decimal(earned) < Decimal("0.5"):
        refunded = None
    last_payment = None
    if draw(st.booleans()):
        last_payment = started + timedelta(days=draw(st.integers(0, 400)))
    quarters = draw(st.one_of(st.none(), st.integers(0, 9)))
    stars = private = feedback_at = None
    removed = False
    if ended is not None and draw(st.integers(0, 4)) > 0:
        stars = draw(st.one_of(st.none(), st.sampled_from(STARS)))
        private = draw(st.one_of(st.none(), st.integers(0, 10)))
        if stars is None and private is None:
            stars = 5.0
        if draw(st.booleans()):
            feedback_at = ended + timedelta(seconds=draw(st.integers(0, 14 * 86_400)))
        removed = draw(st.integers(0, 9)) == 0
    elif draw(st.integers(0, 5)) == 0 and (ended is None or (ended - started).days >= 2):
        stars = draw(st.sampled_from(STARS))  # mid-contract: public stars only, before the end
        feedback_at = started + timedelta(hours=draw(st.integers(0, 23)))
    elif ended is not None and draw(st.integers(0, 5)) == 0:
        removed = True  # removed by moderation, with its stars: counts nowhere
        if draw(st.booleans()):
            feedback_at = ended + timedelta(days=draw(st.integers(0, 14)))
    habit = draw(st.one_of(st.none(), st.sampled_from([(3.5, 20), (4.9, 3), (4.2, 0)])))
    return {
        "contract_id": f"k{number}",
        "freelancer_id": freelancer,
        "client_id": client,
        "started_at": format_instant(started),
        "ended_at": format_instant(ended) if ended else "",
        "end_reason": draw(
            st.sampled_from(["", "completed", "cancelled", "unresponsive", "quality", "dispute"])
        ),
        "earned": earned,
        "refunded": refunded or "",
        "last_payment_at": format_instant(last_payment) if last_payment else "",
        "paid_quarters": "" if quarters is None else str(quarters),
        "stars": "" if stars is None else repr(stars),
        "private_score": "" if private is None else str(private),
        "feedback_at": format_instant(feedback_at) if feedback_at else "",
        "feedback_removed": "true" if removed else "",
        "dispute": draw(st.sampled_from(["", "", "", "won", "lost"])),
        "client_flagged": draw(st.sampled_from(["", "", "", "", "true", "false"])),
        "client_stars_given_mean": "" if habit is None else str(habit[0]),
        "client_stars_given_count": "" if habit is None else str(habit[1]),
    }


@st.composite
def marketplaces(
    draw: st.DrawFn, max_freelancers: int = 12
) -> tuple[datetime, list[dict[str, Any]]]:
    """An as-of instant and the contract rows of up to `max_freelancers` freelancers (at least
    one row: a file without contracts is refused)."""
    as_of = draw(st.sampled_from(AS_OFS))
    rows: list[dict[str, Any]] = []
    for f in range(draw(st.integers(1, max_freelancers))):
        for _ in range(draw(st.integers(0 if rows else 1, 7))):
            rows.append(draw(contract_row(len(rows), f"f{f}", as_of)))
    return as_of, rows


@st.composite
def marketplaces_with_a_sub_cent_amount(
    draw: st.DrawFn, max_freelancers: int = 12
) -> tuple[datetime, list[dict[str, Any]], str]:
    """A generated marketplace in which one amount, earned or refunded, has more than two
    decimals; with the contract id of that row."""
    as_of, rows = draw(marketplaces(max_freelancers))
    row = rows[draw(st.integers(0, len(rows) - 1))]
    amount = draw(st.sampled_from(SUB_CENT_AMOUNTS))
    if Decimal(amount) <= Decimal(row["earned"]) and draw(st.booleans()):
        row["refunded"] = amount
    else:
        row["earned"], row["refunded"] = amount, ""
    return as_of, rows, row["contract_id"]


def write_csv(rows: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def differences(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    """Every cell where an engine's output differs from the reference's (floats to 1e-9)."""
    by_id = {row["freelancer_id"]: row for row in got}
    found = []
    if len(by_id) != len(got) or set(by_id) != {row["freelancer_id"] for row in expected}:
        found.append(
            f"freelancers differ: {sorted(by_id)} vs {[r['freelancer_id'] for r in expected]}"
        )
    for row in expected:
        other = by_id.get(row["freelancer_id"], {})
        for key, value in row.items():
            actual = other.get(key, "<missing>")
            if isinstance(value, float) and isinstance(actual, float):
                same = abs(value - actual) <= 1e-9
            else:
                same = value == actual
            if not same:
                found.append(
                    f"{row['freelancer_id']}.{key}: reference {value!r}, engine {actual!r}"
                )
    return found


def facts_row(c: ContractFacts) -> dict[str, Any]:
    """One contract as a §8 row (text, as a CSV holds it)."""

    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return format_instant(value)
        if isinstance(value, bool):
            return "true" if value else ""
        if isinstance(value, float):
            return repr(value)
        return str(value)

    return {
        "contract_id": c.contract_id,
        "freelancer_id": c.freelancer_id,
        "client_id": c.client_id,
        "started_at": text(c.started_at),
        "ended_at": text(c.ended_at),
        "end_reason": text(c.end_reason),
        "earned": text(c.earned),
        "refunded": text(c.refunded),
        "last_payment_at": text(c.last_payment_at),
        "paid_quarters": text(c.paid_quarters),
        "stars": text(c.stars),
        "private_score": text(c.private_score),
        "feedback_at": text(c.feedback_at),
        "feedback_removed": text(c.feedback_removed),
        "dispute": text(c.dispute),
        "client_flagged": text(c.client_flagged),
        "client_stars_given_mean": text(c.client_stars_given_mean),
        "client_stars_given_count": text(c.client_stars_given_count),
    }
