"""recover: the fewest contracts, checked against a brute-force search over small histories."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from jobscore.domain.enums import DisputeResult
from jobscore.domain.facts import History
from jobscore.errors import InvalidInput
from jobscore.scoring import get_policy
from jobscore.scoring.upwork.policy import UPWORK
from jobscore.scoring.upwork.scorer import evaluate
from jobscore.tools.changes import AddContracts, apply_changes
from jobscore.tools.recover import (
    LEAD_DAYS,
    capacity,
    date_at_pace,
    fewest_contracts,
    fewest_of_sizes,
    latest_schedule,
)
from tests.builders import AS_OF, at, contract, history

SIZE = Decimal("500")
DAY = timedelta(days=1)


def job(contract_id: str, client_id: str, ended: str, earned: int = 500, **fields):  # type: ignore[no-untyped-def]
    started = (at(ended) - timedelta(days=10)).date().isoformat()
    return contract(contract_id, client_id, started=started, ended=ended, earned=earned, **fields)


def ageing():  # type: ignore[no-untyped-def]
    # A bad job that leaves the 6-month window on 2026-01-20, and two goods.
    return history(
        job("g1", "c1", "2025-05-10", stars=5.0),
        job("b", "c3", "2025-07-20", stars=1.0),
        job("g2", "c2", "2025-12-10", stars=5.0),
    )


def shows(h: History, ends: tuple[datetime, ...], t: datetime, target: float) -> bool:
    if ends:
        h = apply_changes(h, [AddContracts(len(ends), SIZE, ends=ends)], AS_OF).history
    score = evaluate(h, UPWORK, t).score
    return score is not None and score >= target - 1e-9


def allowed(ends: tuple[datetime, ...], per_month: int) -> bool:
    return all(
        sum(1 for e in ends if start <= e < start + timedelta(days=30)) <= per_month
        for start in ends
    )


def brute_force(
    h: History, count: int, days: int, per_month: int, target: float, before: int | None = None
) -> bool:
    """Is there any schedule of `count` new contracts, ending on whole days, at most
    `per_month` in any 30 days and none before day 14 (a new contract's length), that shows
    the target on some day up to `days` (or before day `before`)? Every day and every
    combination is tried."""
    last = days if before is None else before - 1
    for chosen in itertools.combinations_with_replacement(range(LEAD_DAYS, last + 1), count):
        ends = tuple(AS_OF + DAY * d for d in chosen)
        if not allowed(ends, per_month):
            continue
        first = max(chosen, default=0)
        if any(shows(h, ends, AS_OF + DAY * t, target) for t in range(first, last + 1)):
            return True
    return False


def check_against_brute_force(h: History, days: int, per_month: int, target: float) -> int:
    answer = fewest_contracts(
        h, UPWORK, AS_OF, target=target, by=AS_OF + DAY * days, size=SIZE, max_per_month=per_month
    )
    assert answer.contracts is not None
    assert answer.reached is not None
    # The answer works: its schedule shows the target on the day given...
    assert allowed(answer.schedule, per_month)
    assert all(AS_OF + DAY * LEAD_DAYS <= e <= answer.reached.at for e in answer.schedule)
    assert shows(h, answer.schedule, answer.reached.at, target)
    # ...no schedule with one contract fewer does, on any day...
    if answer.contracts > 0:
        assert not brute_force(h, answer.contracts - 1, days, per_month, target)
    # ...and no schedule with as many shows it on an earlier day.
    before = (answer.reached.at - AS_OF).days
    if answer.contracts <= 2 and before > 0:
        assert not brute_force(h, answer.contracts, days, per_month, target, before=before)
    return answer.contracts


def test_ageing_out_makes_one_contract_enough() -> None:
    # Before 2026-01-20 the trending candidate needs ((1 + N)/(3 + N) + 1)/2 ≥ 0.9 → N ≥ 7,
    # more than 3 can end by then; from 2026-01-20 the 6-month window has g2 and one new
    # contract → 100%, trending 100%.
    answer = fewest_contracts(
        ageing(), UPWORK, AS_OF, by=AS_OF + DAY * 40, size=SIZE, max_per_month=3
    )
    assert answer.contracts == 1
    assert answer.reached is not None
    assert answer.reached.at == at("2026-01-20")
    assert answer.reached.score == pytest.approx(100.0)
    assert check_against_brute_force(ageing(), 40, 3, 90.0) == 1


def test_out_of_reach_by_a_date_gives_the_nearest() -> None:
    answer = fewest_contracts(
        ageing(), UPWORK, AS_OF, by=at("2026-01-10"), size=SIZE, max_per_month=3
    )
    assert not answer.reachable
    assert answer.nearest is not None
    assert answer.nearest.at == at("2026-01-20")
    assert answer.nearest_contracts == 1


def test_capacity_decides_when_many_are_needed() -> None:
    # Three old goods and a recent bad job, all $500 (1.25 each). The 24-month window needs
    # (2 + N)/(4 + N) ≥ 0.7 → N ≥ 3; none may end before day 14 and only 2 in any 30 days,
    # so the third can end on day 44 at the earliest.
    h = history(
        job("g1", "c1", "2025-01-10", stars=5.0),
        job("g2", "c2", "2025-02-10", stars=5.0),
        job("g3", "c4", "2025-03-10", stars=5.0),
        job("b", "c3", "2025-12-15", stars=1.0),
    )
    answer = fewest_contracts(
        h, UPWORK, AS_OF, target=70, by=AS_OF + DAY * 50, size=SIZE, max_per_month=2
    )
    assert answer.contracts == 3
    assert answer.reached is not None
    assert answer.reached.at == AS_OF + DAY * 44
    assert check_against_brute_force(h, 50, 2, 70.0) == 3


# Seeds whose answers are 1, 2, 2 and 3 contracts: small enough to search exhaustively.
@pytest.mark.parametrize("seed", [2, 5, 12, 18])
def test_random_small_histories_agree_with_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    contracts = []
    for n in range(rng.randint(2, 4)):
        ended = AS_OF - DAY * rng.randint(5, 400)
        stars = rng.choice([5.0, 5.0, 4.2, 1.0])
        contracts.append(
            job(
                f"k{n}",
                f"c{n % 3}",
                ended.date().isoformat(),
                stars=stars,
                earned=rng.choice([200, 500, 1500]),
            )
        )
    h = history(*contracts)
    answer = fewest_contracts(
        h, UPWORK, AS_OF, target=80, by=AS_OF + DAY * 50, size=SIZE, max_per_month=2
    )
    assert answer.contracts is not None
    assert answer.contracts <= 3
    assert check_against_brute_force(h, 50, 2, 80.0) == answer.contracts


def test_already_at_the_target_needs_nothing() -> None:
    h = history(job("g1", "c1", "2025-11-01", stars=5.0), job("g2", "c2", "2025-12-01", stars=5.0))
    answer = fewest_contracts(h, UPWORK, AS_OF)
    assert answer.contracts == 0
    assert answer.reached is not None
    assert answer.reached.at == AS_OF
    assert answer.schedule == ()


def test_capacity_and_latest_schedule() -> None:
    assert capacity(AS_OF, AS_OF, 4) == 0
    assert capacity(AS_OF, AS_OF + DAY * 13, 4, lead_days=14) == 0
    assert capacity(AS_OF, AS_OF + DAY * 43, 4, lead_days=14) == 4
    assert capacity(AS_OF, AS_OF + DAY * 44, 4, lead_days=14) == 8
    t = AS_OF + DAY * 70
    assert latest_schedule(t, 5, 2) == (t - DAY * 60, t - DAY * 30, t - DAY * 30, t, t)


def test_pace_gives_the_date_by_hand() -> None:
    # One contract every 15 days. From 2026-01-20 (b leaves the 6-month window) the 6-month
    # window holds g2 and the new contracts → 100%; the first new one ends 2026-01-16, so
    # the target first shows on 2026-01-20 with 1 new contract behind it.
    answer = date_at_pace(ageing(), UPWORK, AS_OF, per_month=2, size=SIZE)
    assert answer.reached is not None
    assert answer.reached.at == at("2026-01-20")
    assert answer.contracts_by_then == 1


def test_pace_too_slow_says_so() -> None:
    # A disputed, lost job in the 3-month window keeps the 100 target out of reach for a while.
    h = history(
        job("g1", "c1", "2025-12-01", stars=5.0),
        job("b", "c2", "2025-12-20", stars=5.0, dispute=DisputeResult.LOST),
    )
    answer = date_at_pace(h, UPWORK, AS_OF, per_month=0.1, size=SIZE, target=100, horizon_months=3)
    assert answer.reached is None


def test_bad_targets_are_refused() -> None:
    with pytest.raises(InvalidInput, match="between 0 and 100"):
        fewest_contracts(ageing(), UPWORK, AS_OF, target=120)


@pytest.mark.parametrize("name", ["upwork", "upwork-2015", "bayes"])
def test_every_policy_answers(name: str) -> None:
    answer = fewest_contracts(ageing(), get_policy(name), AS_OF, size=SIZE)
    assert answer.policy_name == name
    assert answer.reachable or answer.nearest is not None


def test_larger_contracts_need_fewer() -> None:
    # The capacity case with target 80: the 24-month window holds 3 goods and the bad job
    # at 1.25 each. N contracts of $200 (weight 1): (3.75 + N − 1.25) / (5 + N) ≥ 0.8 →
    # N ≥ 7.5 → 8. Of $1,500 (weight 1.5): (2.5 + 1.5N) / (5 + 1.5N) ≥ 0.8 → N ≥ 5.
    h = history(
        job("g1", "c1", "2025-01-10", stars=5.0),
        job("g2", "c2", "2025-02-10", stars=5.0),
        job("g3", "c4", "2025-03-10", stars=5.0),
        job("b", "c3", "2025-12-15", stars=1.0),
    )
    # Within 60 days, before the bad job leaves the 3-month window.
    by = AS_OF + DAY * 60
    small = fewest_contracts(h, UPWORK, AS_OF, target=80, by=by, size=Decimal("200"))
    large = fewest_contracts(h, UPWORK, AS_OF, target=80, by=by, size=Decimal("1500"))
    assert small.contracts == 8
    assert large.contracts == 5
    both = fewest_of_sizes(h, UPWORK, AS_OF, [Decimal("200"), Decimal("1500")], target=80, by=by)
    assert both.size == Decimal("1500")
    assert both.contracts == 5
    assert both.sizes_tried == (Decimal("200"), Decimal("1500"))
