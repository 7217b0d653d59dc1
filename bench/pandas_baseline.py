"""The `upwork` rules in pandas, written as a careful data engineer would: vectorised column
arithmetic, categorical codes for ids, one groupby per level, no Python loop over rows.

It exists to measure jobscore's engines against; `bench/run.py` checks that it agrees with the
reference scorer before timing it. It reads the typed Parquet the generator writes.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from jobscore.instants import shift_months
from jobscore.scoring.upwork.policy import UpworkPolicy
from jobscore.scoring.upwork.scorer import recalculated_at

__all__ = ["score_with_pandas"]

_DAY = 86_400_000_000
_COLUMNS = [
    "freelancer_id", "client_id", "started_at", "ended_at", "end_reason", "earned", "refunded",
    "last_payment_at", "paid_quarters", "stars", "private_score", "feedback_at",
    "feedback_removed", "dispute", "client_flagged",
]  # fmt: skip


def _us(instant: datetime) -> int:
    return round(instant.timestamp() * 1_000_000)


def _load(path: Path) -> pd.DataFrame:
    table = ds.dataset(str(path), format="parquet").to_table(columns=_COLUMNS)
    columns = {}
    for name in _COLUMNS:
        column = table.column(name)
        if pa.types.is_timestamp(column.type):
            column = column.cast(pa.timestamp("us", tz="UTC")).cast(pa.int64())
            columns[name] = column.to_numpy(zero_copy_only=False)
        elif pa.types.is_decimal(column.type):
            # Cents as integers: exact comparisons with the bracket bounds.
            columns[name] = pc.multiply(column, 100).cast(pa.int64()).to_numpy(zero_copy_only=False)
        elif name in ("freelancer_id", "client_id", "end_reason", "dispute"):
            columns[name] = column.dictionary_encode().to_pandas()
        else:
            columns[name] = column.to_pandas()
    return pd.DataFrame(columns)


def _quarters(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    return np.where(end > start, (end - start) // (90 * _DAY), 0)


def _classify(df: pd.DataFrame, p: UpworkPolicy, at: int) -> pd.DataFrame:
    started = df["started_at"].to_numpy()
    ended_raw = df["ended_at"].to_numpy(dtype="float64", na_value=np.nan)
    has_end = ~np.isnan(ended_raw)
    ended = np.where(has_end, ended_raw, 0).astype(np.int64)
    last_given = df["last_payment_at"].to_numpy(dtype="float64", na_value=np.nan)
    has_last = ~np.isnan(last_given)
    last_paid = np.where(has_last, last_given, np.where(has_end, ended, started)).astype(np.int64)
    net = df["earned"].to_numpy() - df["refunded"].to_numpy(dtype="float64", na_value=0).astype(
        np.int64
    )
    paid_q = df["paid_quarters"].to_numpy(dtype="float64", na_value=np.nan)
    until = np.where(has_end, ended, np.where(has_last, last_paid, started))
    quarters = np.where(np.isnan(paid_q), _quarters(started, until), paid_q)

    stars = df["stars"].to_numpy(dtype="float64", na_value=np.nan)
    private = df["private_score"].to_numpy(dtype="float64", na_value=np.nan)
    has_feedback = ~np.isnan(stars) | ~np.isnan(private)
    fb_given = df["feedback_at"].to_numpy(dtype="float64", na_value=np.nan)
    has_fb_at = ~np.isnan(fb_given)
    fb_at = np.where(has_fb_at, fb_given, ended).astype(np.int64)
    mid = (
        has_feedback
        & has_fb_at
        & (~has_end | (np.floor_divide(fb_at, _DAY) < np.floor_divide(ended, _DAY)))
    )
    visible = has_feedback & (has_fb_at | has_end) & (fb_at <= at) & ~mid

    by_private = np.where(
        private >= p.private_good_min, 1, np.where(private >= p.private_neutral_min, 0, -1)
    )
    by_stars = np.where(stars >= p.stars_good_min, 1, np.where(stars >= p.stars_neutral_min, 0, -1))
    fb_outcome = np.where(~np.isnan(private), by_private, by_stars)
    removed = df["feedback_removed"].to_numpy(dtype=bool, na_value=False)
    flagged = df["client_flagged"].to_numpy(dtype=bool, na_value=False)
    bad_reasons = [r.value for r in p.bad_end_reasons]
    always_bad = (df["dispute"] == "lost").to_numpy(dtype=bool, na_value=False) | df[
        "end_reason"
    ].isin(bad_reasons).to_numpy(dtype=bool, na_value=False)

    is_open = ~has_end | (ended > at)
    nan = np.nan
    no_fb = (
        nan
        if p.no_feedback_outcome is None
        else {"good": 1, "neutral": 0, "bad": -1}[p.no_feedback_outcome.value]
    )
    closed = np.select(
        [
            started > at,
            is_open,
            visible & removed,
            visible & flagged,
            visible,
            np.isnan(no_fb) | flagged,
        ],
        [nan, nan, nan, nan, fb_outcome, nan],
        default=no_fb,
    )
    closed = np.where(~np.isnan(closed) & always_bad, -1, closed)
    zero_ok = np.isin(
        closed, [{"good": 1, "neutral": 0, "bad": -1}[o.value] for o in p.zero_earnings_counted]
    )
    closed = np.where((net <= 0) & ~zero_ok, nan, closed)

    last_by = np.minimum(last_paid, at)
    quarters_by = _quarters(started, last_by)
    steady = (
        (started <= at)
        & is_open
        & (net > 0)
        & (started <= at - p.long_term_min_days * _DAY)
        & (last_by >= at - p.long_term_max_gap_days * _DAY)
        & (quarters >= quarters_by)
    )
    bounds = [(float("inf") if u is None else float(u) * 100, w) for u, w in p.weight_brackets]
    value_w = np.select([net <= u for u, _ in bounds], [w for _, w in bounds], bounds[-1][1])
    weight_closed = np.where(
        net <= 0,
        p.zero_earnings_weight,
        np.minimum(value_w + p.weight_per_paid_quarter * quarters, p.max_weight),
    )
    weight_steady = np.minimum(
        value_w + p.weight_per_paid_quarter * np.minimum(quarters, quarters_by), p.max_weight
    )
    outcome = np.where(steady, 1, closed)
    return pd.DataFrame(
        {
            "f": df["freelancer_id"].cat.codes.to_numpy(),
            "c": df["client_id"].cat.codes.to_numpy(),
            "outcome": outcome,
            "weight": np.where(steady, weight_steady, weight_closed),
            "placed": np.where(steady, at, ended),
        }
    )


def score_with_pandas(contracts: Path, out: Path, policy: UpworkPolicy, as_of: datetime) -> int:
    """Score every freelancer of `contracts` into `out`; returns the number of freelancers."""
    at_instant = recalculated_at(policy, as_of)
    at = _us(at_instant)
    df = _load(contracts)
    names = df["freelancer_id"].cat.categories
    k = _classify(df, policy, at)
    del df
    freelancers = len(names)
    counted = k[~np.isnan(k["outcome"].to_numpy()) & (k["placed"].to_numpy() <= at)]
    months = {f"{m}m": m for m in policy.window_months} | {"elig": policy.eligibility_months}
    result: dict[str, np.ndarray] = {}
    # A client is in a window iff its latest counted contract is: one groupby serves all windows.
    latest = counted.groupby(["f", "c"], sort=False)["placed"].max().reset_index()
    for name, m in months.items():
        start = _us(shift_months(at_instant, -m))
        inside = counted[counted["placed"].to_numpy() > start]
        w = inside["weight"].to_numpy()
        o = inside["outcome"].to_numpy()
        sums = pd.DataFrame(
            {
                "f": inside["f"].to_numpy(),
                "w": w,
                "g": np.where(o == 1, w, 0.0),
                "b": np.where(o == -1, w, 0.0),
            }
        )
        agg = sums.groupby("f", sort=False).agg(
            w=("w", "sum"), g=("g", "sum"), b=("b", "sum"), n=("w", "size")
        )
        clients = latest[latest["placed"].to_numpy() > start].groupby("f", sort=False).size()
        for col in ("w", "g", "b", "n"):
            full = np.zeros(freelancers)
            full[agg.index.to_numpy()] = agg[col].to_numpy()
            result[f"{col}_{name}"] = full
        full = np.zeros(freelancers)
        full[clients.index.to_numpy()] = clients.to_numpy()
        result[f"k_{name}"] = full

    scores: dict[str, np.ndarray] = {}
    enough: dict[str, np.ndarray] = {}
    with np.errstate(invalid="ignore", divide="ignore"):
        for name in (f"{m}m" for m in policy.window_months):
            w = result[f"w_{name}"]
            raw = 100.0 * (result[f"g_{name}"] - result[f"b_{name}"]) / w
            scores[name] = np.where(w > 0, np.clip(raw, 0.0, 100.0), np.nan)
            enough[name] = (result[f"n_{name}"] >= policy.window_min_contracts) & (
                result[f"k_{name}"] >= policy.window_min_clients
            )
    first, second = policy.trending_of
    scores["trending"] = (scores[first] + scores[second]) / 2
    enough["trending"] = enough[first] & enough[second]

    best = np.full(freelancers, np.nan)
    best_name = np.full(freelancers, None, dtype=object)
    for name in policy.candidates:
        better = (
            enough[name] & ~np.isnan(scores[name]) & (np.isnan(best) | (scores[name] > best + 1e-9))
        )
        best = np.where(better, scores[name], best)
        best_name = np.where(better, name, best_name)
    eligible = (
        ~pd.isna(best_name)
        & (result["n_elig"] >= policy.eligibility_min_jobs)
        & (result["k_elig"] >= policy.eligibility_min_clients)
    )

    def column(values: np.ndarray) -> pa.Array:
        return pa.array(values, pa.float64(), mask=np.isnan(values))

    table = {
        "freelancer_id": pa.array(np.asarray(names, dtype=object), pa.string()),
        "score": column(np.where(eligible, best, np.nan)),
        "eligible": pa.array(eligible),
        "window": pa.array(best_name, pa.string(), mask=~eligible),
    }
    for name in (f"{m}m" for m in policy.window_months):
        table[f"score_{name}"] = column(scores[name])
        table[f"counted_{name}"] = pa.array(result[f"n_{name}"].astype(np.int64))
    table["score_trending"] = column(scores["trending"])
    output = pa.table(table).sort_by("freelancer_id")
    pq.write_table(output, out, compression="zstd")
    return freelancers
