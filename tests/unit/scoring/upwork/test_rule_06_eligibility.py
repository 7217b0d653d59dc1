"""§3.6: no score until the freelancer has at least 2 eligible jobs with at least 2 distinct
clients in the last 24 months (configurable); until then "no score yet", never 0%."""

from __future__ import annotations

from datetime import timedelta

from jobscore.domain.facts import ContractFacts
from jobscore.scoring import UPWORK
from tests.builders import at, contract, scored


def job(ident: str, client: str, ended: str = "2025-06-01", **fields: object) -> ContractFacts:
    started = (at(ended) - timedelta(days=20)).isoformat()
    return contract(ident, client, started=started, ended=ended, earned=135, **fields)


def test_a_first_bad_job_shows_no_score_not_zero() -> None:
    result = scored(job("k1", "c1", stars=1))
    assert result.score is None
    assert not result.eligible
    assert result.window is None
    # The window itself would read 0%: exactly what must not be shown.
    assert result.windows["24m"].score == 0.0


def test_nothing_at_all_shows_no_score() -> None:
    result = scored()
    assert (result.score, result.eligible, result.window) == (None, False, None)


def test_two_jobs_from_one_client_are_not_enough() -> None:
    assert scored(job("k1", "c1", stars=5), job("k2", "c1", stars=5)).score is None


def test_two_jobs_from_two_clients_are_enough() -> None:
    result = scored(job("k1", "c1", stars=5), job("k2", "c2", stars=1))
    assert result.eligible
    assert result.score == 0.0  # (1 − 1) / 2: a real 0% once the record is long enough


def test_excluded_jobs_do_not_make_a_freelancer_eligible() -> None:
    no_feedback = job("k2", "c2")
    assert scored(job("k1", "c1", stars=5), no_feedback).score is None


def test_only_the_last_24_months_count() -> None:
    # k2 ended 2024-01-01T00:00, exactly 24 months before AS_OF: outside.
    old = job("k2", "c2", ended="2024-01-01", stars=5)
    assert scored(job("k1", "c1", stars=5), old).score is None
    recent = job("k2", "c2", ended="2024-01-01T00:00:01Z", stars=5)
    assert scored(job("k1", "c1", stars=5), recent).score == 100.0


def test_the_thresholds_are_parameters() -> None:
    stricter = UPWORK.with_params(eligibility_min_jobs=3, eligibility_min_clients=3)
    two = (job("k1", "c1", stars=5), job("k2", "c2", stars=5))
    assert scored(*two, policy=stricter).score is None
    assert scored(*two, job("k3", "c3", stars=5), policy=stricter).score == 100.0
