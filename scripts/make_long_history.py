"""Write a synthetic one-freelancer history of N contracts as a §8 contracts.csv.

Used to measure the freelancer tools on long records, e.g.:

    python scripts/make_long_history.py 500 h500.csv
    time jobscore refund-or-keep h500.csv k0499 --as-of 2026-11-01

The record is seeded, so the same arguments always write the same file.
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

__all__ = ["write_history"]

COLUMNS = [
    "contract_id",
    "client_id",
    "kind",
    "started_at",
    "ended_at",
    "end_reason",
    "earned",
    "stars",
    "private_score",
]


def write_history(count: int, out: Path, seed: int = 7, end: date = date(2026, 10, 25)) -> None:
    """`count` contracts ending over the 5 years before `end`, about 1 in 12 going badly."""
    rng = random.Random(seed)
    span = 5 * 365
    rows = []
    for n in range(count):
        ended = end - timedelta(days=span - (span * n) // max(count - 1, 1))
        length = rng.choice([7, 14, 30, 60, 120])
        started = ended - timedelta(days=length)
        earned = rng.choice([80, 150, 300, 600, 900, 1500, 3000])
        roll = rng.random()
        stars, private = ("5", "10") if roll > 0.2 else ("4.5", "9")
        if roll < 0.08:
            stars, private = "1", "2"
        elif roll < 0.12:
            stars, private = "4", "7"
        no_feedback = rng.random() < 0.05
        rows.append(
            {
                "contract_id": f"k{n:04d}",
                "client_id": f"c{rng.randrange(count // 2 + 2):04d}",
                "kind": "fixed",
                "started_at": started.isoformat(),
                "ended_at": ended.isoformat(),
                "end_reason": "completed",
                "earned": f"{earned}.00",
                "stars": "" if no_feedback else stars,
                "private_score": "" if no_feedback else private,
            }
        )
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_long_history.py COUNT OUT.csv")
    write_history(int(sys.argv[1]), Path(sys.argv[2]))
