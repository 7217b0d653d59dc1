# ruff: noqa: C408  (keyword dicts read best for rows of data)
"""Regenerate the example histories (deterministic: the same files every run).

    python examples/generate.py

Each file is one freelancer's contracts in the columns of docs/history-format.md.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent
COLUMNS = [
    "contract_id",
    "client_id",
    "kind",
    "started_at",
    "ended_at",
    "ended_by",
    "end_reason",
    "earned",
    "refunded",
    "last_payment_at",
    "stars",
    "private_score",
    "dispute",
    "client_stars_given_mean",
    "client_stars_given_count",
    "category",
]


def write(name: str, rows: list[dict[str, object]]) -> None:
    with (HERE / name).open("w", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in COLUMNS})


def newcomer() -> list[dict[str, object]]:
    """The law of averages: a small good job, then a $700 job whose client was unhappy."""
    return [
        dict(
            contract_id="first-blog-post",
            client_id="brightside-media",
            started_at="2026-08-03",
            ended_at="2026-08-09",
            ended_by="client",
            end_reason="completed",
            earned="120.00",
            stars="5.0",
            private_score="10",
            category="writing",
        ),
        dict(
            contract_id="webpage-copy",
            client_id="northwind-dental",
            started_at="2026-09-14",
            ended_at="2026-10-12",
            ended_by="client",
            end_reason="quality",
            earned="700.00",
            stars="1.0",
            private_score="2",
            client_stars_given_mean="2.1",
            client_stars_given_count="9",
            category="writing",
        ),
    ]


def veteran(rng: random.Random) -> list[dict[str, object]]:
    """About 150 contracts over four years, steady clients, and one disaster."""
    rows: list[dict[str, object]] = []
    clients = [f"client-{n:02d}" for n in range(1, 46)]
    start = date(2022, 9, 1)
    for n in range(1, 149):
        client = rng.choice(clients[: 10 + n // 4])
        begun = start + timedelta(days=int(n * 10.1) + rng.randint(0, 5))
        length = rng.choice([3, 5, 7, 10, 14, 21, 30, 45])
        ended = begun + timedelta(days=length)
        earned = rng.choice([80, 150, 240, 300, 450, 600, 900, 1200, 1800, 2500])
        private = rng.choices([10, 9, 8, 7], weights=[84, 12, 3, 1])[0]
        stars = {10: "5.0", 9: "5.0", 8: "4.6", 7: "4.3"}[private]
        rows.append(
            dict(
                contract_id=f"v{n:03d}",
                client_id=client,
                kind="fixed",
                started_at=begun.isoformat(),
                ended_at=ended.isoformat(),
                ended_by="client",
                end_reason="completed",
                earned=f"{earned}.00",
                stars=stars,
                private_score=private,
                category="web-design",
            )
        )
    # Two long-term hourly clients, one still open and paid every week.
    rows.append(
        dict(
            contract_id="retainer-acme",
            client_id="acme-retail",
            kind="hourly",
            started_at="2024-02-05",
            last_payment_at="2026-10-26",
            earned="38400.00",
            category="web-design",
        )
    )
    rows.append(
        dict(
            contract_id="retainer-globex",
            client_id="globex",
            kind="hourly",
            started_at="2023-04-03",
            ended_at="2025-12-22",
            ended_by="client",
            end_reason="completed",
            earned="22150.00",
            stars="5.0",
            private_score="10",
            category="web-design",
        )
    )
    # The disaster: a big fixed-price job, a dispute lost, one star.
    rows.append(
        dict(
            contract_id="storefront-rebuild",
            client_id="hostile-holdings",
            started_at="2026-05-04",
            ended_at="2026-07-20",
            ended_by="client",
            end_reason="dispute",
            earned="4800.00",
            refunded="1200.00",
            stars="1.0",
            private_score="1",
            dispute="lost",
            client_stars_given_mean="1.8",
            client_stars_given_count="14",
            category="web-design",
        )
    )
    return rows


def recovering() -> list[dict[str, object]]:
    """Down to 78%: good early work, one unhappy big client, a rough patch, then the climb."""
    rows: list[dict[str, object]] = []

    def add(
        ident: str,
        client: str,
        begun: str,
        ended: str,
        earned: int,
        stars: str,
        private: int | str = "",
        **more: object,
    ) -> None:
        rows.append(
            dict(
                contract_id=ident,
                client_id=client,
                started_at=begun,
                ended_at=ended,
                ended_by="client",
                end_reason="completed",
                earned=f"{earned}.00",
                stars=stars,
                private_score=private,
                category="web-design",
                **more,
            )
        )
        if "end_reason_override" in more:
            rows[-1]["end_reason"] = rows[-1].pop("end_reason_override")

    # Two happy clients who kept hiring again.
    add("logo-refresh", "kettle-coffee", "2025-06-02", "2025-06-13", 350, "5.0", 10)
    add("landing-page", "summit-yoga", "2025-06-23", "2025-07-25", 900, "5.0", 10)
    add("wp-fixes", "kettle-coffee", "2025-08-04", "2025-08-15", 180, "5.0", 9)
    add("class-schedule", "summit-yoga", "2025-09-01", "2025-09-19", 420, "5.0", 10)
    add("menu-redesign", "kettle-coffee", "2025-10-06", "2025-10-24", 260, "5.0", 10)
    add("blog-theme", "summit-yoga", "2025-11-03", "2025-11-28", 640, "5.0", 10)
    add("loyalty-page", "kettle-coffee", "2025-12-08", "2025-12-19", 300, "5.0", 9)
    add("retreat-landing", "summit-yoga", "2026-01-12", "2026-02-06", 780, "5.0", 10)
    add("gift-cards", "kettle-coffee", "2026-02-16", "2026-03-06", 340, "5.0", 10)
    add("pricing-table", "summit-yoga", "2026-03-16", "2026-04-03", 450, "5.0", 10)
    # The third client: two jobs at once, rushed work, an unhappy client.
    add(
        "shop-rebuild",
        "rapid-agency",
        "2026-04-20",
        "2026-06-12",
        1650,
        "2.0",
        3,
        end_reason_override="quality",
        client_stars_given_mean="3.9",
        client_stars_given_count="40",
    )
    # The climb back: small, sure wins with new and returning clients.
    add("bakery-site", "crumb-bakery", "2026-06-22", "2026-07-10", 380, "5.0", 10)
    add("seo-cleanup", "kettle-coffee", "2026-07-20", "2026-07-31", 200, "5.0", 10)
    add("event-microsite", "river-trust", "2026-08-10", "2026-09-04", 950, "5.0", 10)
    add("a11y-pass", "summit-yoga", "2026-09-14", "2026-10-02", 380, "5.0", 10)
    return rows


if __name__ == "__main__":
    write("newcomer_one_star.csv", newcomer())
    write("veteran_150.csv", veteran(random.Random(150)))
    write("recovering_78.csv", recovering())
