"""The posterior and its interval against SciPy; the prior fit against known Betas."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobscore.domain.enums import EndReason, Outcome
from jobscore.render.json_view import result_json
from jobscore.scoring import get_policy, score
from jobscore.scoring.bayes.beta_distribution import beta_cdf, beta_interval, beta_ppf
from jobscore.scoring.bayes.evidence import pseudo_outcomes
from jobscore.scoring.bayes.policy import BAYES
from jobscore.scoring.bayes.prior import fit_beta_prior
from jobscore.scoring.bayes.scorer import interval_worth
from tests.builders import AS_OF, contract, history

# SciPy is the yardstick here; it comes with the sim (or either engine's) extra.
scipy_beta = pytest.importorskip("scipy.stats", reason="needs jobscore[sim]").beta
np = pytest.importorskip("numpy", reason="needs jobscore[sim]")

parameters = st.floats(0.2, 500.0)


@given(parameters, parameters, st.floats(0.0, 1.0))
def test_cdf_matches_scipy(a: float, b: float, x: float) -> None:
    assert beta_cdf(x, a, b) == pytest.approx(scipy_beta.cdf(x, a, b), abs=1e-9)


@given(parameters, parameters, st.floats(0.001, 0.999))
def test_quantile_matches_scipy(a: float, b: float, q: float) -> None:
    # The defining property, judged by SciPy's CDF: SciPy's own quantile can be the less
    # exact of the two (for a = b = 1.1875 it puts the median at 0.50000001, not 0.5).
    # Where the density is steep (x a few 1e-10 from 1 with b < 1) one float step of x moves
    # the CDF by more than 1e-9: there, x must be within a few float steps of SciPy's.
    x = beta_ppf(q, a, b)
    theirs = scipy_beta.ppf(q, a, b)
    close_in_x = abs(x - theirs) <= 8 * math.ulp(max(x, theirs))
    assert close_in_x or scipy_beta.cdf(x, a, b) == pytest.approx(q, abs=1e-9)
    assert x == pytest.approx(theirs, abs=1e-6)


def test_the_median_of_a_symmetric_beta_is_one_half() -> None:
    assert beta_ppf(0.5, 1.1875, 1.1875) == pytest.approx(0.5, abs=1e-12)


def test_score_and_interval_are_the_posterior_mean_and_80pct_quantiles() -> None:
    h = history(
        contract("k1", "c1", ended="2025-11-01", earned=300, private_score=10, stars=5.0),
        contract("k2", "c2", ended="2025-12-01", earned=300, private_score=3, stars=2.0),
    )
    whole = BAYES.with_params(interval_evidence=1.0, interval_steadiness=None)
    result = score(h, whole, AS_OF)
    a, b = result.extra["posterior"]["alpha"], result.extra["posterior"]["beta"]
    assert result.score == pytest.approx(100 * scipy_beta.mean(a, b), abs=1e-9)
    assert result.interval == pytest.approx(
        (100 * scipy_beta.ppf(0.1, a, b), 100 * scipy_beta.ppf(0.9, a, b)), abs=1e-7
    )
    assert beta_interval(0.8, a, b)[0] < beta_interval(0.5, a, b)[0]
    # By default the interval counts the evidence beyond the prior at 0.8 of its worth,
    # around the same mean, joined to the steadiness limit K as 1/(n + 1) adds:
    # Beta(m·n', (1 − m)·n') with n = prior + 0.8·(a + b − prior), 1/(n' + 1) = 1/(n + 1) + 1/K.
    halved = score(h, BAYES, AS_OF)
    assert halved.score == result.score
    prior = BAYES.prior_alpha + BAYES.prior_beta
    assert BAYES.interval_steadiness is not None
    counted = prior + 0.8 * (a + b - prior)
    n = 1 / (1 / (counted + 1) + 1 / BAYES.interval_steadiness) - 1
    m = a / (a + b)
    assert halved.interval == pytest.approx(
        (
            100 * scipy_beta.ppf(0.1, m * n, (1 - m) * n),
            100 * scipy_beta.ppf(0.9, m * n, (1 - m) * n),
        ),
        abs=1e-7,
    )
    assert halved.interval[0] < result.interval[0] < result.interval[1] < halved.interval[1]


@given(st.floats(0.5, 1e6), st.floats(2.0, 500.0))
def test_however_much_evidence_the_interval_stays_open(strength: float, steadiness: float) -> None:
    worth = interval_worth(strength, 7.0, 0.8, steadiness)
    assert 0.0 < worth < steadiness
    assert worth <= interval_worth(strength, 7.0, 0.8, None)
    assert worth <= interval_worth(strength * 2, 7.0, 0.8, steadiness)


@pytest.mark.parametrize("method", ["moments", "likelihood"])
@pytest.mark.parametrize(("alpha", "beta"), [(8.0, 2.0), (3.0, 3.0), (20.0, 1.5)])
def test_the_prior_fit_recovers_a_known_beta(method: str, alpha: float, beta: float) -> None:
    # 4,000 freelancers, 5-40 binomial outcomes each: the mean within 0.01 and the
    # strength α + β within 15% (the documented tolerance).
    rng = np.random.default_rng(7)
    quality = rng.beta(alpha, beta, 4000)
    trials = rng.integers(5, 41, 4000)
    good = rng.binomial(trials, quality)
    fitted = fit_beta_prior(
        [(float(g), float(n - g)) for g, n in zip(good, trials, strict=True)], method=method
    )
    assert fitted.mean == pytest.approx(alpha / (alpha + beta), abs=0.01)
    assert fitted.strength == pytest.approx(alpha + beta, rel=0.15)


def test_the_prior_fit_refuses_too_little_data() -> None:
    with pytest.raises(ValueError, match="at least 2 freelancers"):
        fit_beta_prior([(1.0, 0.0), (10.0, 2.0)], min_evidence=3.0)
    with pytest.raises(ValueError, match="unknown prior fit method"):
        fit_beta_prior([(5.0, 1.0), (4.0, 2.0)], method="guess")


def test_one_unlucky_first_job_does_not_show_zero() -> None:
    h = history(
        contract(
            "k1",
            "c1",
            started="2025-11-01",
            ended="2025-12-01",
            earned=700,
            stars=1.0,
            private_score=2,
        )
    )
    result = score(h, get_policy("bayes"), AS_OF)
    # prior Beta(6, 1) plus one certain bad outcome of weight √1.25 (a $700 job, its weight
    # to the power 0.5) decayed by 0.5^(31 days / 730.5 days): 6 / (7 + 1.118... × 0.971...)
    # ≈ 74.2
    assert result.score == pytest.approx(100 * 6 / (7 + 1.25**0.5 * 0.5 ** (31 / 730.5)), abs=1e-9)
    assert result.extra["limited_history"] is True
    assert result.contract("k1").outcome is Outcome.BAD


def test_explain_gives_each_contract_its_share_of_the_evidence_and_its_points() -> None:
    h = history(
        contract("k1", "c1", ended="2025-11-01", earned=300, private_score=10),
        contract("k2", "c2", ended="2025-12-01", earned=2000, private_score=2),
        # No feedback and refunded in full: excluded.
        contract("k3", "c3", ended="2025-12-01", earned=300, refunded=300),
    )
    result = score(h, BAYES, AS_OF)
    shares = [c.extra["evidence_share"] for c in result.contracts]
    assert sum(shares) == pytest.approx(1.0)
    assert shares[2] == 0.0
    assert result.contract("k3").excluded_because == "no_feedback"
    assert result.contract("k1").points > 0 > result.contract("k2").points
    without_k2 = score(h.with_contracts(h.contracts[:1] + h.contracts[2:]), BAYES, AS_OF)
    assert result.contract("k2").points == pytest.approx(result.score - without_k2.score)
    document = result_json(result)
    assert document["window"] == "all"
    assert set(document["windows"]) >= {"24m", "12m", "6m", "3m", "trending"}
    assert document["contracts"][0]["p_good"] == 1.0


def test_a_lenient_clients_five_stars_say_less_than_a_harsh_clients() -> None:
    def five_stars(mean: float) -> float:
        h = history(
            contract(
                "k1",
                "c1",
                ended="2025-12-01",
                stars=5.0,
                client_stars_given_mean=mean,
                client_stars_given_count=30,
            )
        )
        return score(h, BAYES, AS_OF).contract("k1").extra["p_good"]

    assert five_stars(3.5) > five_stars(4.5) > five_stars(5.0)


def test_soft_evidence_read_as_a_likelihood_grows_with_its_certainty() -> None:
    # Prior mean m = 6/7: p = 1 is one good outcome, p = 0 one bad, p = 1/2 none; p = 0.7 is
    # m·0.4 / (0.7·m + 0.3·(1 − m)) = 0.5454... good outcomes.
    assert pseudo_outcomes(1.0, BAYES) == (1.0, 0.0)
    assert pseudo_outcomes(0.0, BAYES) == (0.0, 1.0)
    assert pseudo_outcomes(0.5, BAYES) == (0.0, 0.0)
    m = 6 / 7
    assert pseudo_outcomes(0.7, BAYES)[0] == pytest.approx(m * 0.4 / (0.7 * m + 0.3 * (1 - m)))
    steps = [i / 20 for i in range(21)]
    goods = [pseudo_outcomes(p, BAYES)[0] for p in steps]
    bads = [pseudo_outcomes(p, BAYES)[1] for p in steps]
    assert goods == sorted(goods)
    assert bads == sorted(bads, reverse=True)
    # Read as counts, p is p good and 1 − p bad outcomes.
    counts = pseudo_outcomes(0.7, BAYES.with_params(soft_evidence="counts"))
    assert counts == pytest.approx((0.7, 0.3))


def test_a_contract_that_ended_without_feedback_counts_by_its_end() -> None:
    # Money changed hands and the client ended it for quality: p from the end alone is
    # 1.1·σ(−3) − 0.05 = 0.0022, almost one bad outcome. Completed without feedback says
    # nothing (p = 1/2): it counts, and moves nothing.
    rated = contract("k1", "c1", ended="2025-11-01", earned=300, private_score=10)
    blamed = contract("k2", "c2", ended="2025-12-01", earned=300, end_reason=EndReason.QUALITY)
    quiet = contract("k3", "c3", ended="2025-12-01", earned=300, end_reason=EndReason.COMPLETED)
    alone = score(history(rated), BAYES, AS_OF).score
    result = score(history(rated, blamed, quiet), BAYES, AS_OF)
    assert result.contract("k2").excluded_because is None
    assert result.contract("k2").extra["p_good"] == pytest.approx(1.1 / (1 + math.exp(3)) - 0.05)
    assert result.contract("k3").extra["p_good"] == 0.5
    assert result.score < alone
    assert score(history(rated, quiet), BAYES, AS_OF).score == pytest.approx(alone)
    unread = BAYES.with_params(read_unrated_ends=False)
    assert (
        score(history(rated, blamed), unread, AS_OF).score
        == score(history(rated), unread, AS_OF).score
    )
