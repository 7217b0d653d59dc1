"""The window tallies of the `upwork` SQL: each counted contract's band, and each window's sums.

Part of the query `upwork_sql` generates (see `sql.py`); the reference counterpart is
`windows.window_tallies`.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobscore.scoring.sql import INVALID

__all__ = ["BROKEN_BAND", "WindowSpec", "tallies_sql"]

#: The band of a row that breaks a check (`tallies_sql`): no window holds it.
BROKEN_BAND = -1


@dataclass(frozen=True, slots=True)
class WindowSpec:
    name: str
    start_us: int


def tallies_sql(
    windows: list[WindowSpec], at: int, most_clients_needed: int, join_bands: bool
) -> str:
    """Sums, counts and distinct clients per window, for every freelancer.

    Windows all end at the as-of instant, so they nest: each counted contract gets a band,
    the smallest window it is in, and one aggregation by (freelancer, band) with a handful of
    sums feeds every window. (Aggregating 20 window-wise sums per row directly spills far
    sooner, because an engine keeps every sum's state for every row it cannot combine.)
    The bands of a freelancer then become one row (`join_bands`) by joining the bands on the
    freelancer, which costs far less than a second aggregation with a conditional sum per
    window and band, on an engine that computes the band aggregation once for the four joins
    (DuckDB materializes it); otherwise by that second aggregation.

    Rules 5 and 6 only ask whether a window has *enough* distinct clients. When no rule
    needs more than two, the smallest and largest client id settle it (two or more exactly
    when they differ). Otherwise one row per (freelancer, client) with its latest counted
    contract gives exact counts for every window.
    """
    by_size = sorted(windows, key=lambda w: w.start_us, reverse=True)
    rank = {w.name: index for index, w in enumerate(by_size)}
    widest = by_size[-1]
    # A contract in no window still makes its freelancer known. It joins the widest band's
    # group, where it adds nothing (`in_window`), rather than a group of its own: a quarter
    # fewer groups, so the aggregation fits in memory far more often. A row that breaks a
    # check gets a band of its own (`BROKEN_BAND`), which flags its freelancer at the cost of
    # a rare extra group rather than one more aggregate over every row.
    band = " ".join(f"WHEN counted_at > {w.start_us} THEN {rank[w.name]}" for w in by_size[:-1])
    band = f"CASE WHEN {INVALID} = 1 THEN {BROKEN_BAND} {band} ELSE {rank[widest.name]} END"
    in_window = f"counted_at > {widest.start_us}"
    minmax = most_clients_needed <= 2
    head = f"""
members AS (
  SELECT freelancer_id, client_id, weight, outcome, counted_at,
    {band} AS band
  FROM (
    -- NULL unless counted by the as-of instant: only then is a contract in a window.
    SELECT *, CASE WHEN outcome IS NOT NULL AND placed_at <= {at} THEN placed_at END
      AS counted_at
    FROM classified
  ) AS placed
),
bands AS (
  SELECT freelancer_id, band,
    SUM(CASE WHEN {in_window} THEN weight END) AS w,
    SUM(CASE WHEN {in_window} THEN weight * outcome END) AS d,
    COUNT(CASE WHEN {in_window} THEN 1 END) AS n,
    MIN(CASE WHEN {in_window} THEN client_id END) AS lo,
    MAX(CASE WHEN {in_window} THEN client_id END) AS hi
  FROM members
  GROUP BY freelancer_id, band
),
{(_joined if join_bands else _summed)(windows, rank, minmax)},"""
    if minmax:
        # k is then "0, 1, or at least 2": all that the rules can tell apart.
        capped = ", ".join(
            f"CASE WHEN lo_{w.name} IS NULL THEN 0 WHEN lo_{w.name} < hi_{w.name} THEN 2"
            f" ELSE 1 END AS k_{w.name}"
            for w in windows
        )
        return (
            head
            + f"""
tallies AS (
  SELECT *, {capped} FROM sums
)"""
        )
    # Broken rows count among the clients here (a broken row refuses the whole run anyway):
    # a filter on `band` would copy the whole chain of checks into this step's predicate,
    # and Spark's planner runs out of memory over it.
    client_columns = ",\n    ".join(
        f"COUNT(CASE WHEN latest > {w.start_us} THEN 1 END) AS k_{w.name}" for w in windows
    )
    known = ", ".join(f"COALESCE(k_{w.name}, 0) AS k_{w.name}" for w in windows)
    return (
        head
        + f"""
pairs AS (
  SELECT freelancer_id, client_id, MAX(counted_at) AS latest
  FROM members
  WHERE {in_window}
  GROUP BY freelancer_id, client_id
),
clients AS (
  SELECT freelancer_id,
    {client_columns}
  FROM pairs
  GROUP BY freelancer_id
),
tallies AS (
  SELECT sums.*, {known}
  FROM sums LEFT JOIN clients ON sums.freelancer_id = clients.freelancer_id
)"""
    )


def _joined(windows: list[WindowSpec], rank: dict[str, int], minmax: bool) -> str:
    """`sums`: one row per freelancer with every window's tallies, from its band rows.

    Each band's rows become a relation of their own, and full outer joins on the freelancer
    put a freelancer's bands side by side (a freelancer may lack any band but has at least
    one). A window is then its bands added up: band b is in every window of rank b or more.
    The widest band, which holds nearly every freelancer, comes first, so that the joins
    build their hash tables on the smaller bands; the broken rows' band, nearly always
    empty, comes last.
    """
    order = sorted(range(len(windows)), reverse=True)
    parts = []
    for b in order:
        clients = f", lo AS lo_{b}, hi AS hi_{b}" if minmax else ""
        parts.append(
            f"band_{b} AS (\n  SELECT freelancer_id AS f_{b}, w AS w_{b}, d AS d_{b}, n AS n_{b}"
            f"{clients}\n  FROM bands WHERE band = {b}\n)"
        )
    parts.append(
        f"broken AS (\n  SELECT freelancer_id AS f_broken FROM bands WHERE band = {BROKEN_BAND}\n)"
    )
    keys = [f"f_{b}" for b in order]
    joined = f"band_{order[0]}"
    for index, b in enumerate(order[1:], start=1):
        joined += f"\n    FULL JOIN band_{b} ON f_{b} = {_coalesce(keys[:index])}"
    joined += f"\n    FULL JOIN broken ON f_broken = {_coalesce(keys)}"
    columns = [f"{_coalesce([*keys, 'f_broken'])} AS freelancer_id"]
    for w in windows:
        inside = range(rank[w.name] + 1)
        columns += [
            " + ".join(f"COALESCE({v}_{b}, 0)" for b in inside) + f" AS {v}_{w.name}"
            for v in ("w", "d", "n")
        ]
        if minmax:
            # LEAST and GREATEST skip NULLs: a band without counted contracts has no clients.
            columns.append(f"{_extreme('LEAST', [f'lo_{b}' for b in inside])} AS lo_{w.name}")
            columns.append(f"{_extreme('GREATEST', [f'hi_{b}' for b in inside])} AS hi_{w.name}")
    columns.append(f"CASE WHEN f_broken IS NULL THEN 0 ELSE 1 END AS {INVALID}")
    listed = ",\n    ".join(columns)
    return (
        ",\n".join(parts)
        + f""",
sums AS (
  SELECT
    {listed}
  FROM {joined}
)"""
    )


def _summed(windows: list[WindowSpec], rank: dict[str, int], minmax: bool) -> str:
    """`sums` as `_joined` gives it, by a second aggregation: one conditional sum (and minimum
    and maximum) per window over the freelancer's band rows."""
    columns = []
    for w in windows:
        inside = f"FILTER (WHERE band BETWEEN 0 AND {rank[w.name]})"
        columns += [f"COALESCE(SUM({v}) {inside}, 0) AS {v}_{w.name}" for v in ("w", "d", "n")]
        if minmax:
            columns.append(f"MIN(lo) {inside} AS lo_{w.name}")
            columns.append(f"MAX(hi) {inside} AS hi_{w.name}")
    broken = f"MAX(CASE WHEN band = {BROKEN_BAND} THEN 1 ELSE 0 END) AS {INVALID}"
    listed = ",\n    ".join([*columns, broken])
    return f"""sums AS (
  SELECT freelancer_id,
    {listed}
  FROM bands
  GROUP BY freelancer_id
)"""


def _coalesce(values: list[str]) -> str:
    return values[0] if len(values) == 1 else f"COALESCE({', '.join(values)})"


def _extreme(function: str, values: list[str]) -> str:
    return values[0] if len(values) == 1 else f"{function}({', '.join(values)})"
