"""A fact recorded again is the same fact; and the removal allowance's bookkeeping."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from jobscore.domain.allowance import (
    allowance_removals,
    check_removal_allowance,
    completed_between,
)
from jobscore.domain.enums import DisputeResult, Party
from jobscore.domain.events import (
    ClientFlagged,
    DisputeOpened,
    DisputeResolved,
    EditGranted,
    FeedbackEdited,
    FeedbackGiven,
    FeedbackRemoved,
    Recorded,
    RefundMade,
    ResponsePosted,
    Role,
)
from jobscore.domain.facts import History
from jobscore.domain.lifecycle import apply, replay
from jobscore.errors import RuleBroken
from jobscore.scoring import score
from tests.unit.domain.story import (
    ENDED,
    REGISTERED,
    at,
    client,
    completed,
    day,
    freelancer,
    operator,
)

EVERYTHING = (
    *ENDED,
    freelancer(RefundMade(day(1), "k1", "r1", "p1", Decimal("50.00"))),
    client(DisputeOpened(day(1), "k1", "d1", Party.CLIENT, Decimal("200.00"))),
    operator(DisputeResolved(day(2), "k1", "d1", Decimal("150.00"), DisputeResult.WON)),
    client(FeedbackGiven(day(3), "k1", Party.CLIENT, 3.0, private_score=5)),
    freelancer(FeedbackGiven(day(5), "k1", Party.FREELANCER, 5.0)),
    freelancer(EditGranted(day(6), "k1", Party.FREELANCER)),
    client(FeedbackEdited(day(7), "k1", Party.CLIENT, 4.0)),
    freelancer(ResponsePosted(day(8), "k1", Party.FREELANCER, "thanks")),
    client(ResponsePosted(day(8), "k1", Party.CLIENT, "thanks too")),
    operator(FeedbackRemoved(day(9), "k1", Party.FREELANCER, "abuse")),
    operator(ClientFlagged(day(10), "c2")),
)


@pytest.mark.parametrize("entry", EVERYTHING, ids=lambda r: type(r.fact).__name__)
def test_a_fact_recorded_again_changes_nothing(entry: Recorded) -> None:
    state = replay(EVERYTHING)
    assert apply(state, entry) is state
    # Whoever retries it, whenever: it is the same fact.
    later = Recorded(entry.fact, day(30), Role.OPERATOR, "op", "retry-key")
    assert apply(state, later) is state


def test_the_log_holds_every_kind_of_fact() -> None:
    kinds = {type(entry.fact) for entry in EVERYTHING}
    assert len(kinds) == 14


# --- the removal allowance -------------------------------------------------------------------

FIRST_TEN = (*REGISTERED, *completed(10, "2025-01-05"))  # ended 2025-01-06 .. 2025-01-15
REMOVAL = FeedbackRemoved(at("2025-03-01"), "a1", Party.CLIENT, under_allowance=True)


def stars_sum(history: History) -> float:
    """A scorer that any removal lowers."""
    return sum(c.stars or 0.0 for c in history.contracts if not c.feedback_removed)


def bad_count(history: History) -> float:
    """A scorer that the removal of (2-star) feedback raises."""
    return 100.0 - sum(1 for c in history.contracts if c.stars and not c.feedback_removed)


def test_completed_contracts_are_counted_between_removals() -> None:
    state = replay(FIRST_TEN)
    assert completed_between(state, "f1", None, at("2025-03-01")) == 10
    assert completed_between(state, "f1", at("2025-01-10T00:00:00Z"), at("2025-01-12")) == 2
    state = apply(state, operator(REMOVAL))
    assert allowance_removals(state, "f1") == [REMOVAL]


def test_a_removal_that_would_lower_the_score_is_refused() -> None:
    state = replay(FIRST_TEN)
    with pytest.raises(RuleBroken) as refused:
        check_removal_allowance(state, REMOVAL, stars_sum)
    assert (refused.value.rule, refused.value.record, refused.value.field) == (
        "removal_would_lower_score",
        "contract a1",
        "under_allowance",
    )


def test_a_removal_that_raises_the_score_passes_then_is_recorded() -> None:
    state = replay(FIRST_TEN)
    check_removal_allowance(state, REMOVAL, bad_count)
    after = apply(state, operator(REMOVAL))
    assert after.contracts["a1"].feedback[Party.CLIENT].removal == REMOVAL


@pytest.mark.parametrize(
    ("with_it", "without_it", "refused"),
    [(None, None, False), (None, 80.0, False), (90.0, None, True), (90.0, 90.0, False)],
)
def test_a_score_that_would_disappear_is_lowered(
    with_it: float | None, without_it: float | None, refused: bool
) -> None:
    state = replay(FIRST_TEN)

    def scorer(history: History) -> float | None:
        removed = any(c.feedback_removed for c in history.contracts)
        return without_it if removed else with_it

    if refused:
        with pytest.raises(RuleBroken, match="removal_would_lower_score"):
            check_removal_allowance(state, REMOVAL, scorer)
    else:
        check_removal_allowance(state, REMOVAL, scorer)


def test_the_allowance_check_takes_a_policy_scorer() -> None:
    state = replay(FIRST_TEN)
    instant: datetime = REMOVAL.at

    def upwork(history: History) -> float | None:
        return score(history, "upwork", instant).score

    check_removal_allowance(state, REMOVAL, upwork)  # ten bad outcomes: one fewer lowers nothing
