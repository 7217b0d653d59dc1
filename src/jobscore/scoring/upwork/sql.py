"""The `upwork` policies (docs/scoring.md, 1-7) as one SQL query generated from their parameters.

The query mirrors the reference scorer (`scorer.py`) step by step: classify each
contract (rules 1-3), weigh it (rule 4), tally the windows (rule 5), pick the displayed
candidate and decide eligibility (rules 5-6). The as-of instant of rule 7 and every window start
are computed here in Python, once, with the same calendar arithmetic as the reference, and enter
the SQL as integer literals (epoch microseconds).
"""

from __future__ import annotations

from datetime import datetime

from jobscore.instants import DAYS_PER_QUARTER, shift_months
from jobscore.scoring.sql import (
    INVALID,
    TYPED_VIEW,
    US_PER_DAY,
    SqlPlan,
    epoch_us,
    mid_contract_feedback,
    one_of,
    quote,
    sql_double,
)
from jobscore.scoring.upwork.policy import UpworkPolicy
from jobscore.scoring.upwork.scorer import recalculated_at
from jobscore.scoring.upwork.sql_bands import WindowSpec, tallies_sql

__all__ = ["classified_sql", "output_columns", "upwork_plan", "upwork_sql"]

_TIE = 1e-9  # displayed_window: a later candidate must beat the best so far by more than this


def output_columns(policy: UpworkPolicy) -> tuple[str, ...]:
    """The columns of the written file, in order."""
    windows = [f"{m}m" for m in policy.window_months]
    per_window = [f"{kind}_{name}" for name in windows for kind in ("score", "counted")]
    return ("freelancer_id", "score", "eligible", "window", *per_window, "score_trending")


def _full_quarters(start: str, end: str) -> str:
    """`full_quarters_between`: whole 90-day periods; both operands positive, so DIV is floor."""
    quarter = US_PER_DAY * DAYS_PER_QUARTER
    return f"CASE WHEN {end} > {start} THEN ({end} - {start}) // {quarter} ELSE 0 END"


def _value_weight(policy: UpworkPolicy) -> str:
    arms = []
    for upper, weight in policy.weight_brackets:
        if upper is None:
            arms.append(f"ELSE {sql_double(weight)}")
            break
        arms.append(f"WHEN net <= {upper} THEN {sql_double(weight)}")
    else:
        arms.append(f"ELSE {sql_double(policy.weight_brackets[-1][1])}")
    return "CASE " + " ".join(arms) + " END"


def _capped(value_weight: str, quarters: str, policy: UpworkPolicy) -> str:
    total = f"{value_weight} + {sql_double(policy.weight_per_paid_quarter)} * {quarters}"
    return f"LEAST({total}, {sql_double(policy.max_weight)})"


def _feedback_outcome(policy: UpworkPolicy) -> str:
    return (
        "CASE WHEN private_score IS NOT NULL THEN"
        f" CASE WHEN private_score >= {policy.private_good_min} THEN 1"
        f" WHEN private_score >= {policy.private_neutral_min} THEN 0 ELSE -1 END"
        " WHEN stars IS NOT NULL THEN"
        f" CASE WHEN stars >= {policy.stars_good_min!r} THEN 1"
        f" WHEN stars >= {policy.stars_neutral_min!r} THEN 0 ELSE -1 END END"
    )


def classified_sql(policy: UpworkPolicy, at: int, carry: tuple[str, ...] = ()) -> str:
    """CTEs ending in `classified`: one row per contract with its outcome (1 good, 0 neutral,
    -1 bad, NULL excluded), weight and placing instant, plus the `carry` columns (any column
    of the typed view, or `net` and `steady`) for policies that read more of the contract."""
    # facts, judged and steady have these already.
    derived = {
        "net", "steady", "started_at", "ended_at", "visible", "is_open", "mid_contract",
        "feedback_removed", "client_flagged",
    }  # fmt: skip
    passed = "".join(f", {quote(c)}" for c in carry if c not in derived)
    kept = "".join(f", {quote(c)}" for c in carry)
    min_age = at - policy.long_term_min_days * US_PER_DAY
    max_gap = at - policy.long_term_max_gap_days * US_PER_DAY
    reasons = tuple(r.value for r in sorted(policy.bad_end_reasons))
    always_bad = "COALESCE(dispute = 'lost', FALSE)" + (
        f" OR COALESCE({one_of('end_reason', reasons)}, FALSE)" if reasons else ""
    )
    no_feedback = (
        "NULL" if policy.no_feedback_outcome is None else str(policy.no_feedback_outcome.value_sign)
    )
    zero_signs = sorted(o.value_sign for o in policy.zero_earnings_counted)
    zero_counted = ", ".join(str(sign) for sign in zero_signs) or "NULL"
    value_weight = _value_weight(policy)
    quarters = _full_quarters("started_at", "COALESCE(ended_at, last_payment_at, started_at)")
    # Rule 1 for an open contract, as of `at`: only the payments made by then count.
    last_by = f"LEAST(COALESCE(last_payment_at, ended_at, started_at), {at})"
    quarters_by = _full_quarters("started_at", "last_by")
    return f"""
facts AS (
  SELECT freelancer_id, client_id, started_at, ended_at, {INVALID}{passed},
    earned - refunded AS net,
    COALESCE(paid_quarters, {quarters}) AS quarters,
    {last_by} AS last_by,
    ended_at IS NULL OR ended_at > {at} AS is_open,
    CASE WHEN stars IS NOT NULL OR private_score IS NOT NULL
      THEN COALESCE(feedback_at, ended_at) END AS feedback_instant,
    {mid_contract_feedback(quote)} AS mid_contract,
    feedback_removed, client_flagged,
    {_feedback_outcome(policy)} AS feedback_outcome,
    {always_bad} AS always_bad
  FROM {TYPED_VIEW}
),
judged AS (
  SELECT *,
    {quarters_by} AS quarters_by,
    feedback_instant IS NOT NULL AND feedback_instant <= {at} AND NOT mid_contract AS visible
  FROM facts
),
steady AS (
  SELECT *,
    started_at <= {at} AND is_open AND net > 0 AND started_at <= {min_age}
      AND last_by >= {max_gap} AND quarters >= quarters_by AS steady,
    -- The outcome a closed, counted contract would have: feedback, else the policy's
    -- no-feedback outcome; bad whatever the stars after a lost dispute or a bad end reason.
    CASE WHEN always_bad THEN -1 WHEN visible THEN feedback_outcome ELSE {no_feedback} END
      AS outcome_if_counted
  FROM judged
),
classified AS (
  SELECT freelancer_id, client_id, {INVALID}{kept},
    CASE
      WHEN steady THEN 1
      WHEN started_at > {at} OR is_open THEN NULL
      WHEN visible AND (feedback_removed OR client_flagged) THEN NULL
      WHEN feedback_removed AND feedback_instant IS NULL THEN NULL
      WHEN NOT visible AND ({no_feedback} IS NULL OR client_flagged) THEN NULL
      WHEN net <= 0 AND NOT COALESCE(outcome_if_counted IN ({zero_counted}), FALSE) THEN NULL
      ELSE outcome_if_counted
    END AS outcome,
    CASE
      WHEN steady THEN {_capped(value_weight, "LEAST(quarters, quarters_by)", policy)}
      WHEN net <= 0 THEN {sql_double(policy.zero_earnings_weight)}
      ELSE {_capped(value_weight, "quarters", policy)}
    END AS weight,
    CASE WHEN steady THEN {at} ELSE ended_at END AS placed_at
  FROM steady
)"""


def _window_scores(policy: UpworkPolicy, names: list[str]) -> str:
    columns = []
    for name in names:
        score = (
            f"CASE WHEN w_{name} > 0 THEN LEAST({sql_double(100.0)}, GREATEST({sql_double(0.0)},"
            f" 100.0 * d_{name} / w_{name})) END"
        )
        enough = (
            f"n_{name} >= {policy.window_min_contracts} AND k_{name} >= {policy.window_min_clients}"
        )
        columns += [f"{score} AS s_{name}", f"{enough} AS e_{name}"]
    first, second = policy.trending_of
    columns += [
        f"(s_{first} + s_{second}) / 2 AS s_trending"
        if first in names and second in names
        else "CAST(NULL AS DOUBLE) AS s_trending",
        f"e_{first} AND e_{second} AS e_trending"
        if first in names and second in names
        else "FALSE AS e_trending",
    ]
    # Two steps so that trending can use the window scores by name.
    inner = ",\n    ".join(columns[:-2])
    return f"""
scored_windows AS (
  SELECT *,
    {inner}
  FROM tallies
),
windows AS (
  SELECT *, {columns[-2]}, {columns[-1]} FROM scored_windows
)"""


def _displayed(policy: UpworkPolicy, names: list[str]) -> str:
    """`displayed_window`: the best candidate with enough data, ties to the one listed first.

    The reference walks the candidates keeping the best so far, replacing it only when a later
    one beats it by more than 1e-9. Window scores are ratios of sums of quarter weights: two
    of them are either equal or apart by far more than 1e-9, so the walk's result is the
    highest score and the first candidate within 1e-9 of it. Written so, the query grows
    linearly with the candidates (a walk of nested CASEs doubles at every step once an
    optimizer inlines it).
    """
    known = [*names, "trending"]
    candidates = [c for c in policy.candidates if c in known]
    valid = {c: f"e_{c} AND s_{c} IS NOT NULL" for c in candidates}
    scores = ", ".join(f"CASE WHEN {valid[c]} THEN s_{c} END" for c in candidates)
    best_score = f"GREATEST({scores})" if len(candidates) > 1 else scores or "NULL"
    arms = " ".join(f"WHEN {valid[c]} AND s_{c} >= top - {_TIE!r} THEN '{c}'" for c in candidates)
    best_name = f"CASE {arms} END" if arms else "CAST(NULL AS VARCHAR)"
    # The displayed score is the chosen window's own score, exactly.
    chosen = " ".join(f"WHEN '{c}' THEN s_{c}" for c in candidates)
    best = f"CASE best_name {chosen} END" if chosen else "CAST(NULL AS DOUBLE)"
    return f"""tops AS (
  SELECT *, CAST({best_score} AS DOUBLE) AS top FROM windows
),
named AS (
  SELECT *, {best_name} AS best_name FROM tops
),
displayed AS (
  SELECT *, {best} AS best_score FROM named
)"""


def upwork_sql(policy: UpworkPolicy, as_of: datetime, *, join_bands: bool = True) -> str:
    """The whole query: one row per freelancer with the batch output columns (in
    `output_columns` order), and `__invalid`, 1 when any of the freelancer's rows breaks a
    check. `join_bands`: see `tallies_sql`."""
    at_instant = recalculated_at(policy, as_of)
    at = epoch_us(at_instant)
    names = [f"{m}m" for m in policy.window_months]
    windows = [
        WindowSpec(n, epoch_us(shift_months(at_instant, -m)))
        for n, m in zip(names, policy.window_months, strict=True)
    ]
    # Eligibility counts the jobs of a window of its own length; usually one already tallied.
    months = policy.eligibility_months
    elig = f"{months}m"
    if months not in policy.window_months:
        elig = "elig"
        windows.append(WindowSpec(elig, epoch_us(shift_months(at_instant, -months))))
    eligible = (
        f"best_name IS NOT NULL AND n_{elig} >= {policy.eligibility_min_jobs}"
        f" AND k_{elig} >= {policy.eligibility_min_clients}"
    )
    window_columns = ",\n  ".join(f"s_{n} AS score_{n}, n_{n} AS counted_{n}" for n in names)
    most_clients = max(policy.window_min_clients, policy.eligibility_min_clients)
    return f"""WITH {classified_sql(policy, at)},
{tallies_sql(windows, at, most_clients, join_bands)},
{_window_scores(policy, names)},
{_displayed(policy, names)}
SELECT
  freelancer_id,
  CASE WHEN {eligible} THEN best_score END AS score,
  COALESCE({eligible}, FALSE) AS eligible,
  CASE WHEN {eligible} THEN best_name END AS "window",
  {window_columns},
  s_trending AS score_trending,
  {INVALID}
FROM displayed"""


def upwork_plan(policy: UpworkPolicy, as_of: datetime, shared_steps_once: bool) -> SqlPlan:
    """The plan for an engine; `shared_steps_once`: whether it computes a step read several
    times only once (then the window bands are joined, see `tallies_sql`)."""
    return SqlPlan(
        upwork_sql(policy, as_of, join_bands=shared_steps_once),
        output_columns(policy),
        recalculated_at(policy, as_of),
    )
