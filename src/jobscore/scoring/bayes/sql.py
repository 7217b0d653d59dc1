"""The `bayes` policy as one SQL query generated from the policy's parameters.

It follows the reference scorer (`scorer.py`): contracts count and weigh as under the policy's
counting rules (the `upwork` classification SQL, reused), each counted contract gets its soft
evidence p from a logit of its signals, the same client's later contracts earn a
rehire term, weights decay with age and are scaled by the client's credibility, each client's
total weight is capped, and the Beta posterior's parameters are summed per freelancer. The 80%
interval needs Beta quantiles, which SQL engines lack: the plan asks the batch run to compute
them from the written posterior parameters, the same vectorised step for every engine.
"""

from __future__ import annotations

from datetime import datetime

from jobscore.instants import shift_months
from jobscore.scoring.bayes.policy import BayesPolicy
from jobscore.scoring.bayes.scorer import WINDOW_MONTHS
from jobscore.scoring.bayes.terms import DAYS_PER_MONTH
from jobscore.scoring.sql import INVALID, US_PER_DAY, SqlPlan, epoch_us
from jobscore.scoring.sql import sql_double as _d
from jobscore.scoring.upwork.sql import classified_sql

__all__ = ["bayes_output_columns", "bayes_plan", "bayes_rescored_sql", "bayes_sql"]

_CARRY = (
    "net", "steady", "started_at", "ended_at", "visible", "is_open", "stars", "private_score",
    "dispute", "end_reason", "earned", "refunded", "client_stars_given_mean",
    "client_stars_given_count", "mid_contract", "feedback_removed", "client_flagged",
)  # fmt: skip


def bayes_output_columns() -> tuple[str, ...]:
    per_window = [f"{kind}_{m}m" for m in WINDOW_MONTHS for kind in ("score", "counted")]
    return (
        "freelancer_id", "score", "eligible", "window", *per_window, "score_trending",
        "posterior_alpha", "posterior_beta", "counted",
    )  # fmt: skip


def _leniency(p: BayesPolicy) -> str:
    k, market = _d(p.client_habit_prior_count), _d(p.market_stars_mean)
    n, m = "client_stars_given_count", "client_stars_given_mean"
    return (
        f"CASE WHEN {m} IS NULL OR {n} IS NULL OR {n} = 0 THEN {_d(0.0)}"
        f" ELSE ({n} * {m} + {k} * {market}) / ({n} + {k}) - {market} END"
    )


def _logit(p: BayesPolicy) -> str:
    """The logit of `evidence_logit` without its rehire term (added once rehires are known)."""
    habit = f"{_d(p.private_habit_points)} * leniency"
    centre = p.market_stars_mean - p.stars_below_market
    reasons = " ".join(
        f"WHEN '{reason.value}' THEN {_d(coef)}" for reason, coef in p.end_reason_coefs
    )
    refund = (
        f"CASE WHEN earned <= 0 THEN {_d(0.0)}"
        f" ELSE LEAST(CAST(refunded AS DOUBLE) / CAST(earned AS DOUBLE), {_d(1.0)}) END"
    )
    private = f"{_d(p.private_coef)} * (private_score - {_d(p.private_center)} - {habit})"
    stars = f"{_d(p.stars_coef)} * (stars - {_d(centre)} - leniency)"
    # Only what is known as of the instant: feedback once visible, the end's facts once ended.
    terms = [
        _d(p.intercept),
        f"CASE WHEN visible THEN COALESCE({private}, 0) ELSE 0 END",
        f"CASE WHEN visible THEN COALESCE({stars}, 0) ELSE 0 END",
        f"CASE WHEN is_open THEN 0 WHEN dispute = 'lost' THEN {_d(p.dispute_lost_coef)}"
        f" WHEN dispute = 'won' THEN {_d(p.dispute_won_coef)} ELSE 0 END",
        f"{_d(p.refund_coef)} * {refund}",
        f"CASE WHEN is_open THEN 0 ELSE CASE end_reason {reasons} ELSE 0 END END"
        if reasons
        else "0",
        f"CASE WHEN steady THEN {_d(p.steady_coef)} ELSE 0 END",
    ]
    return " + ".join(f"({t})" for t in terms)


def _read(p: BayesPolicy, at: int) -> str:
    """Which contracts give evidence: the counted ones, and with `read_unrated_ends` those
    `terms._unrated_end` reads by their end (ended, no feedback seen, not removed, money
    changed hands, client not flagged)."""
    if not p.read_unrated_ends:
        return "outcome IS NOT NULL"
    unrated = (
        f"started_at <= {at} AND NOT is_open AND NOT visible AND NOT COALESCE(mid_contract, FALSE)"
        " AND NOT COALESCE(feedback_removed, FALSE) AND NOT COALESCE(client_flagged, FALSE)"
        " AND net > 0"
    )
    return f"(outcome IS NOT NULL OR ({unrated}))"


def _probability(x: str, p: BayesPolicy) -> str:
    """`evidence_probability`: a logistic stretched by the certainty margin, clipped to 0-1."""
    sigma = f"CASE WHEN {x} >= -700 THEN 1.0 / (1.0 + EXP(-({x}))) ELSE {_d(0.0)} END"
    stretched = f"{_d(1.0 + 2.0 * p.certainty_margin)} * {sigma} - {_d(p.certainty_margin)}"
    return f"LEAST({_d(1.0)}, GREATEST({_d(0.0)}, {stretched}))"


def _outcomes(p: BayesPolicy) -> tuple[str, str]:
    """`pseudo_outcomes`: the good and bad outcomes per unit of weight that `p` stands for."""
    if p.soft_evidence == "counts":
        return "p", "(1 - p)"
    mean = p.prior_alpha / (p.prior_alpha + p.prior_beta)
    likely = f"(p * {_d(mean)} + (1.0 - p) * {_d(1.0 - mean)})"
    good = f"CASE WHEN p >= 0.5 THEN {_d(mean)} * (2.0 * p - 1.0) / {likely} ELSE 0.0 END"
    bad = f"CASE WHEN p >= 0.5 THEN 0.0 ELSE {_d(1.0 - mean)} * (1.0 - 2.0 * p) / {likely} END"
    return f"({good})", f"({bad})"


def _value_weight(p: BayesPolicy) -> str:
    """`value_weight`: the counting weight raised to `value_weighting`."""
    if p.value_weighting == 1.0:
        return "weight"
    if p.value_weighting == 0.0:
        return _d(1.0)
    return f"POWER(weight, {_d(p.value_weighting)})"


def bayes_sql(policy: BayesPolicy, as_of: datetime) -> str:
    """One row per freelancer: the batch output columns, the posterior, and `__invalid`."""
    at = epoch_us(as_of)
    half_life_days = policy.half_life_months * DAYS_PER_MONTH
    credibility = f"1.0 / (1.0 + POWER(leniency / {_d(policy.credibility_scale)}, 2))"
    age_days = f"GREATEST(CAST({at} - placed_at AS DOUBLE) / {_d(float(US_PER_DAY))}, 0)"
    starts = {"all": None} | {f"{m}m": epoch_us(shift_months(as_of, -m)) for m in WINDOW_MONTHS}
    per_client, per_freelancer = [], []
    cap = _d(policy.client_weight_cap)
    good, bad = _outcomes(policy)
    for name, start in starts.items():
        inside = "p IS NOT NULL" + ("" if start is None else f" AND placed_at > {start}")
        per_client += [
            f"SUM(CASE WHEN {inside} THEN w END) AS t_{name}",
            f"SUM(CASE WHEN {inside} THEN w * {good} END) AS g_{name}",
            f"SUM(CASE WHEN {inside} THEN w * {bad} END) AS b_{name}",
            f"COUNT(CASE WHEN {inside} THEN 1 END) AS n_{name}",
        ]
        # No one client may weigh more than the cap in any window: scale its part down.
        scale = f"CASE WHEN t_{name} > {cap} THEN {cap} / t_{name} ELSE 1 END"
        per_freelancer += [
            f"COALESCE(SUM(g_{name} * {scale}), 0) AS gs_{name}",
            f"COALESCE(SUM(b_{name} * {scale}), 0) AS bs_{name}",
            f"SUM(n_{name}) AS n_{name}",
        ]
        if start is None:
            # Kish's effective number of outcomes reads each contract's size: its weight
            # times the outcomes it stands for.
            size = f"w * ({good} + {bad})"
            per_client += [
                f"SUM(CASE WHEN {inside} THEN {size} END) AS u_{name}",
                f"SUM(CASE WHEN {inside} THEN POWER({size}, 2) END) AS q_{name}",
            ]
            per_freelancer += [
                f"SUM(u_{name} * {scale}) AS wt_{name}",
                f"SUM(q_{name} * {scale} * {scale}) AS wq_{name}",
            ]
    client_columns = ",\n    ".join([*per_client, f"SUM({INVALID}) AS {INVALID}"])
    freelancer_columns = ",\n    ".join([*per_freelancer, f"SUM({INVALID}) AS {INVALID}"])
    rehire = policy.rehire_coef
    return f"""WITH {classified_sql(policy.counting, at, _CARRY)},
evidence AS (
  SELECT *, CASE WHEN {_read(policy, at)} THEN {_logit(policy)} END AS x0
  FROM (SELECT *, {_leniency(policy)} AS leniency FROM classified) AS habits
),
based AS (
  SELECT *, CASE WHEN x0 IS NOT NULL THEN {_probability("x0", policy)} END AS p0 FROM evidence
),
rehires AS (
  -- Hired again: a later contract with the same client, started by the as-of instant, that
  -- moved money and whose own evidence (if it counts) is not bad.
  SELECT *, MAX(CASE WHEN started_at <= {at} AND net > 0
      AND (p0 IS NULL OR p0 >= {_d(policy.rehire_min_p)}) THEN started_at END)
    OVER (PARTITION BY freelancer_id, client_id) AS last_rehire
  FROM based
),
weighed AS (
  SELECT freelancer_id, client_id, {INVALID}, placed_at,
    CASE WHEN x0 IS NOT NULL THEN {
        _probability(
            f"x0 + CASE WHEN last_rehire > started_at THEN {_d(rehire)} ELSE 0 END", policy
        )
    } END AS p,
    {_value_weight(policy)} * POWER(0.5, {age_days} / {_d(half_life_days)}) * {credibility} AS w
  FROM rehires
),
clients AS (
  SELECT freelancer_id, client_id,
    {client_columns}
  FROM weighed
  GROUP BY freelancer_id, client_id
),
posteriors AS (
  SELECT freelancer_id,
    {freelancer_columns}
  FROM clients
  GROUP BY freelancer_id
)
{_posterior_scores(policy, "posteriors")}"""


_SUMS = tuple(
    f"{kind}_{name}"
    for name in ("all", *(f"{m}m" for m in WINDOW_MONTHS))
    for kind in ("gs", "bs", "n")
)


def _posterior_scores(policy: BayesPolicy, source: str) -> str:
    """The output columns from each freelancer's evidence sums in `source`: the posterior
    Beta(prior + Σ w·p, prior + Σ w·(1 − p)) of each window and its mean."""
    priors = ", ".join(
        f"{_d(policy.prior_alpha)} + gs_{name} AS a_{name}, "
        f"{_d(policy.prior_beta)} + bs_{name} AS z_{name}"
        for name in ("all", *(f"{m}m" for m in WINDOW_MONTHS))
    )
    windows = ",\n  ".join(
        f"100.0 * a_{m}m / (a_{m}m + z_{m}m) AS score_{m}m, n_{m}m AS counted_{m}m"
        for m in WINDOW_MONTHS
    )
    sums = ", ".join(_SUMS)
    return f"""SELECT
  freelancer_id,
  100.0 * a_all / (a_all + z_all) AS score,
  TRUE AS eligible,
  'all' AS "window",
  {windows},
  (100.0 * a_6m / (a_6m + z_6m) + 100.0 * a_3m / (a_3m + z_3m)) / 2 AS score_trending,
  a_all AS posterior_alpha,
  z_all AS posterior_beta,
  n_all AS counted,
  -- Not written: what fitting a prior to the marketplace reads, the capped weights' sum and
  -- sum of squares (Kish's effective number of outcomes is their ratio), and the evidence
  -- sums, from which `bayes_rescored_sql` scores again under another prior.
  COALESCE(wt_all, 0) AS evidence_weight,
  COALESCE(wq_all, 0) AS evidence_weight_squares,
  COALESCE(wt_all, 0) AS wt_all,
  COALESCE(wq_all, 0) AS wq_all,
  {sums},
  {INVALID}
FROM (SELECT *, {priors} FROM {source}) AS priored"""


def bayes_rescored_sql(policy: BayesPolicy, table: str) -> str:
    """The output of `bayes_sql` under `policy`, from the output of `bayes_sql` under a
    policy that differs from it in its prior alone, kept as `table`: the evidence does not
    depend on the prior, so it is not gathered again."""
    return _posterior_scores(policy, table)


def bayes_plan(policy: BayesPolicy, as_of: datetime, shared_steps_once: bool) -> SqlPlan:
    """The plan for an engine: the same query on every engine, then the credible interval."""
    return SqlPlan(
        bayes_sql(policy, as_of),
        bayes_output_columns(),
        as_of,
        policy.interval_mass,
        policy.interval_evidence,
        policy.prior_alpha + policy.prior_beta,
        policy.interval_steadiness,
    )
