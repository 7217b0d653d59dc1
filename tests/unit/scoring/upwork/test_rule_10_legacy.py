"""§3.10: `upwork-2015` counts no-feedback contracts as neutral, needs 4 jobs with 3 clients,
and recalculates every 2 weeks (tested with rule 7)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobscore.domain.enums import EndReason, Outcome
from jobscore.domain.facts import ContractFacts
from jobscore.scoring import UPWORK_2015
from tests.builders import at, contract, scored

# 2025-12-07 is a recalculation Sunday of the 2015 policy; as of it nothing waits.
SUNDAY = "2025-12-07"


def job(ident: str, client: str, **fields: object) -> ContractFacts:
    ended = "2025-06-01"
    started = (at(ended) - timedelta(days=20)).isoformat()
    return contract(ident, client, started=started, ended=ended, earned=500, **fields)


def test_no_feedback_counts_as_neutral() -> None:
    # g1, g2, g3 good; n1 no feedback → neutral. All $500 → 1.25 each.
    # 2015: 3.75 / 5 = 75%. upwork: n1 excluded, 3.75 / 3.75 = 100%.
    jobs = (job("g1", "c1", stars=5), job("g2", "c2", stars=5), job("g3", "c3", stars=5))
    silent = job("n1", "c1")
    legacy = scored(*jobs, silent, policy=UPWORK_2015, as_of=SUNDAY)
    assert legacy.computed_as_of == at(SUNDAY)
    assert legacy.contract("n1").outcome is Outcome.NEUTRAL
    assert legacy.score == 75.0
    assert scored(*jobs, silent, as_of=SUNDAY).score == 100.0


def test_no_feedback_at_net_zero_still_counts_nowhere() -> None:
    # Refunded in full and silent: neutral at $0, which rule 2 excludes.
    refunded = job("n1", "c1", refunded=500)
    result = scored(refunded, policy=UPWORK_2015, as_of=SUNDAY)
    assert result.contract("n1").excluded_because == "zero_earnings"


def test_no_feedback_with_a_bad_ending_is_bad() -> None:
    quality = job("n1", "c1", end_reason=EndReason.QUALITY)
    assert scored(quality, policy=UPWORK_2015, as_of=SUNDAY).contract("n1").outcome is (Outcome.BAD)


@pytest.mark.parametrize(
    ("clients", "eligible"),
    [
        (("c1", "c2", "c3", "c1"), True),  # 4 jobs, 3 clients
        (("c1", "c2", "c3"), False),  # 3 jobs
        (("c1", "c2", "c1", "c2"), False),  # 4 jobs, 2 clients
    ],
)
def test_eligibility_needs_4_jobs_with_3_clients(clients: tuple[str, ...], eligible: bool) -> None:
    jobs = [job(f"k{i}", client, stars=5) for i, client in enumerate(clients)]
    legacy = scored(*jobs, policy=UPWORK_2015, as_of=SUNDAY)
    assert legacy.eligible is eligible
    assert legacy.score == (100.0 if eligible else None)
    # The current rule (2 jobs, 2 clients) shows a score in every one of these cases.
    assert scored(*jobs, as_of=SUNDAY).score == 100.0
