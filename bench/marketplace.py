"""A seeded, vectorised generator of marketplaces in the §8 columns, written as Parquet.

Every row is valid input (the reference scorer accepts it), and the mix covers each rule of §3:
open long-term contracts steady or not, refunds to $0, disputes, bad end reasons, flagged
clients, removed, late and mid-contract feedback, private scores with and without stars.
Twenty million rows take well under a minute: no Python loop runs per row.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

__all__ = ["AS_OF", "generate", "write_marketplace"]

AS_OF = datetime(2026, 11, 1, tzinfo=UTC)
_US_DAY = 86_400_000_000
_AS_OF_US = int(AS_OF.timestamp()) * 1_000_000
_END_REASONS = np.array(
    ["completed", "cancelled", "no_work", "unresponsive", "quality", "dispute", "other"]
)
_END_REASON_P = [0.7, 0.1, 0.06, 0.03, 0.03, 0.03, 0.05]


def _ids(prefix: str, numbers: np.ndarray) -> pa.Array:
    text = pc.cast(pa.array(numbers), pa.string())
    return pc.binary_join_element_wise(pa.scalar(prefix), text, "")


def _instants(values: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    mask = None if valid is None else ~valid
    return pa.array(values, type=pa.timestamp("us", tz="UTC"), mask=mask)


def _dollars(cents: np.ndarray) -> pa.Array:
    """Whole cents as DECIMAL(18, 2): the nearest double to each amount rounds back exactly."""
    return pa.array(cents / 100.0).cast(pa.decimal128(18, 2), safe=False)


def generate(contracts: int, freelancers: int, seed: int, first_id: int = 0) -> pa.Table:
    """`contracts` rows over about `freelancers` freelancers, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    n = contracts
    freelancer = rng.integers(0, freelancers, n)
    # A freelancer often works again for one of a few regular clients.
    regular = rng.random(n) < 0.35
    clients = max(freelancers // 2, 3)
    client = np.where(
        regular, (freelancer * 7 + rng.integers(0, 3, n)) % clients, rng.integers(0, clients, n)
    )

    span = 30 * 30 * _US_DAY
    started = _AS_OF_US - rng.integers(-20 * _US_DAY, span, n)
    # Most contracts are weeks long, some run for years.
    days = np.where(rng.random(n) < 0.12, rng.exponential(420, n), rng.exponential(40, n))
    duration = (days * _US_DAY).astype(np.int64) + rng.integers(0, _US_DAY, n)
    ended = started + duration
    open_ = rng.random(n) < 0.08
    has_end = ~open_

    earned_cents = np.where(
        rng.random(n) < 0.03, 0, np.round(rng.lognormal(5.8, 1.2, n) * 100).astype(np.int64)
    )
    refund_kind = rng.random(n)
    refunded_cents = np.where(
        refund_kind < 0.05,
        earned_cents,
        np.where(refund_kind < 0.10, (earned_cents * rng.random(n)).astype(np.int64), 0),
    )

    # Payments: an open contract was last paid up to ~4 months ago (never before its start).
    end_or_now = np.where(has_end, ended, np.minimum(_AS_OF_US, started + duration))
    last_payment = np.maximum(started, end_or_now - rng.integers(0, 120 * _US_DAY, n))
    give_last = open_ | (rng.random(n) < 0.1)
    full = np.maximum(last_payment - started, 0) // (90 * _US_DAY)
    paid_quarters = np.maximum(full - (rng.random(n) < 0.15), 0)
    give_quarters = rng.random(n) < 0.5

    feedback = has_end & (rng.random(n) < 0.8)
    with_stars = feedback & (rng.random(n) < 0.93)
    stars = np.round(
        rng.choice(
            [1.0, 2.0, 3.0, 4.0, 4.25, 4.5, 4.75, 5.0],
            n,
            p=[0.05, 0.03, 0.05, 0.07, 0.05, 0.1, 0.15, 0.5],
        ),
        2,
    )
    with_private = feedback & ((rng.random(n) < 0.6) | ~with_stars)
    private = rng.choice(np.arange(11), n, p=[0.03] * 7 + [0.06, 0.08, 0.2, 0.45])
    # Feedback within the 14-day window, sometimes late enough to fall after the as-of date.
    dated = feedback & (rng.random(n) < 0.3)
    feedback_at = ended + rng.integers(0, 14 * _US_DAY, n)
    # Mid-contract feedback: public stars only, dated before the contract's last day.
    mid = (rng.random(n) < 0.03) & (duration > 2 * _US_DAY)
    mid_at = started + rng.integers(0, _US_DAY, n)
    with_stars = with_stars | mid
    with_private = with_private & ~mid
    feedback_at = np.where(mid, mid_at, feedback_at)
    dated = dated | mid
    removed = (with_stars | with_private) & (rng.random(n) < 0.02)

    dispute_draw = rng.random(n)
    dispute = np.full(n, None, dtype=object)
    dispute[dispute_draw < 0.03] = "won"
    dispute[dispute_draw < 0.02] = "lost"
    flagged = rng.random(n) < 0.03
    end_reason = rng.choice(_END_REASONS, n, p=_END_REASON_P)

    table = pa.table(
        {
            "contract_id": _ids("k", np.arange(first_id, first_id + n)),
            "freelancer_id": _ids("f", freelancer),
            "client_id": _ids("c", client),
            "kind": pa.array(np.where(rng.random(n) < 0.5, "hourly", "fixed")),
            "started_at": _instants(started),
            "ended_at": _instants(ended, has_end),
            "end_reason": pa.array(end_reason, mask=open_),
            "earned": _dollars(earned_cents),
            "refunded": _dollars(refunded_cents),
            "last_payment_at": _instants(last_payment, give_last),
            "paid_quarters": pa.array(paid_quarters, pa.int64(), mask=~give_quarters),
            "stars": pa.array(stars, pa.float64(), mask=~with_stars),
            "private_score": pa.array(private, pa.int64(), mask=~with_private),
            "feedback_at": _instants(feedback_at, dated & (with_stars | with_private)),
            "feedback_removed": pa.array(removed),
            "dispute": pa.array(dispute, pa.string()),
            "client_flagged": pa.array(flagged),
        }
    )
    return table


def write_marketplace(
    directory: Path, contracts: int, freelancers: int, seed: int, chunk: int = 2_000_000
) -> Path:
    """Write the marketplace as a directory of Parquet files, one per chunk of contracts."""
    directory.mkdir(parents=True, exist_ok=True)
    for index, first in enumerate(range(0, contracts, chunk)):
        size = min(chunk, contracts - first)
        table = generate(size, freelancers, seed * 1_000 + index, first_id=first)
        pq.write_table(table, directory / f"part-{index:04d}.parquet")
    return directory
