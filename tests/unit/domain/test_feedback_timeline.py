"""The double-blind over time: who sees which feedback when, and what the scorers read.

k1 ends on 2025-02-01 10:00 UTC (`day(0)`); its feedback window closes at the end of
2025-02-15 (`CLOSES`, day 14 after the end).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from jobscore.domain.enums import DisputeResult, Outcome, Party
from jobscore.domain.events import (
    ClientFlag,
    ClientFlagged,
    DisputeOpened,
    DisputeResolved,
    EditGranted,
    FeedbackEdited,
    FeedbackRemoved,
    RefundMade,
    ResponsePosted,
    Role,
)
from jobscore.domain.lifecycle import apply
from jobscore.domain.market import MarketState
from jobscore.domain.market_facts import contract_facts, history_of
from jobscore.domain.visibility import visible_feedback
from jobscore.errors import NotFound
from jobscore.instants import end_of_day
from jobscore.scoring import ScoreResult, score
from tests.unit.domain.story import END, at, client, day, freelancer, given, operator

CLOSES = end_of_day(END, 14)
JUST_BEFORE = CLOSES - timedelta(microseconds=1)


def seen(
    state: MarketState, when: datetime, role: Role | None = None, who: str | None = None
) -> set[Party]:
    return {view.by for view in visible_feedback(state, "k1", when, role, who)}


def as_client(state: MarketState, when: datetime) -> set[Party]:
    return seen(state, when, Role.CLIENT, "c1")


def as_freelancer(state: MarketState, when: datetime) -> set[Party]:
    return seen(state, when, Role.FREELANCER, "f1")


BOTH = {Party.CLIENT, Party.FREELANCER}


def test_client_on_day_3_and_freelancer_on_day_5_both_show_from_day_5() -> None:
    state = given(client_day=3, freelancer_day=5)
    assert state.contracts["k1"].revealed_at == day(5)
    # Day 4: each side sees only what it gave; readers see nothing.
    assert as_client(state, day(4)) == {Party.CLIENT}
    assert as_freelancer(state, day(4)) == set()
    assert seen(state, day(4)) == set()
    # From the freelancer's feedback on day 5, everybody sees both.
    for when in (day(5), day(6), CLOSES):
        assert as_client(state, when) == as_freelancer(state, when) == seen(state, when) == BOTH


def test_feedback_given_by_one_side_only_shows_from_the_end_of_day_14() -> None:
    state = given(client_day=3, freelancer_day=None)
    assert state.contracts["k1"].revealed_at == CLOSES
    assert as_freelancer(state, JUST_BEFORE) == set()
    assert seen(state, JUST_BEFORE) == set()
    assert as_client(state, JUST_BEFORE) == {Party.CLIENT}
    assert as_freelancer(state, CLOSES) == seen(state, CLOSES) == {Party.CLIENT}


def test_the_operator_sees_everything_and_nobody_else_a_private_score() -> None:
    state = given(client_day=3, freelancer_day=None)
    (view,) = visible_feedback(state, "k1", day(4), Role.OPERATOR, "op")
    assert view.revealed_at is None
    assert (view.private_score, view.private_reason) == (6, "x")
    viewers = [(Role.CLIENT, "c1"), (Role.FREELANCER, "f1"), (None, None), (Role.CLIENT, "c2")]
    for role, who in viewers:
        for view in visible_feedback(state, "k1", CLOSES, role, who):
            assert (view.private_score, view.private_reason) == (None, None)
            assert view.revealed_at == CLOSES


def test_a_reader_who_is_no_side_of_the_contract_reads_as_anyone() -> None:
    state = given(client_day=3, freelancer_day=None)
    assert seen(state, day(4), Role.CLIENT, "c2") == set()
    assert seen(state, day(4), Role.FREELANCER, "f2") == set()
    assert seen(state, CLOSES, Role.FREELANCER, "f2") == {Party.CLIENT}


def test_removed_feedback_shows_to_the_operator_only() -> None:
    state = apply(given(), operator(FeedbackRemoved(day(8), "k1", Party.CLIENT, "abuse")))
    assert as_freelancer(state, day(7)) == BOTH
    assert as_freelancer(state, day(8)) == seen(state, day(8)) == {Party.FREELANCER}
    removed = [v for v in visible_feedback(state, "k1", day(8), Role.OPERATOR) if v.removed]
    assert [v.by for v in removed] == [Party.CLIENT]


def test_an_edit_and_a_response_show_from_when_they_were_made() -> None:
    state = given(stars=2.0)
    state = apply(state, freelancer(EditGranted(day(6), "k1", Party.FREELANCER)))
    state = apply(state, client(FeedbackEdited(day(7), "k1", Party.CLIENT, 4.5, "better")))
    state = apply(state, freelancer(ResponsePosted(day(9), "k1", Party.FREELANCER, "thanks")))
    before, after = (
        next(v for v in visible_feedback(state, "k1", when) if v.by is Party.CLIENT)
        for when in (day(6), day(9))
    )
    assert (before.stars, before.comment, before.edited_at, before.response) == (
        2.0,
        "ok",
        None,
        None,
    )
    assert (after.stars, after.comment, after.edited_at) == (4.5, "better", day(7))
    assert (after.response, after.responded_at) == ("thanks", day(9))


def test_an_unknown_contract_is_not_found() -> None:
    with pytest.raises(NotFound):
        visible_feedback(given(), "k9", day(1))
    with pytest.raises(NotFound):
        contract_facts(given(), "k9", day(1))
    with pytest.raises(NotFound):
        history_of(given(), "f9", day(1))


# --- what the scorers read ------------------------------------------------------------------


def test_the_facts_count_feedback_from_its_reveal_never_before() -> None:
    state = given(client_day=3, freelancer_day=5)
    hidden = contract_facts(state, "k1", day(4))
    assert (hidden.stars, hidden.private_score, hidden.feedback_at) == (None, None, None)
    shown = contract_facts(state, "k1", day(5))
    assert (shown.stars, shown.private_score, shown.feedback_at) == (4.0, 6, day(5))
    one_side = given(client_day=3, freelancer_day=None)
    assert contract_facts(one_side, "k1", JUST_BEFORE).stars is None
    assert contract_facts(one_side, "k1", CLOSES).feedback_at == CLOSES


def _outcomes(result: ScoreResult) -> list[tuple[str, object, object]]:
    return [(c.contract_id, c.outcome, c.excluded_because) for c in result.contracts]


def test_a_score_does_not_disclose_hidden_feedback() -> None:
    harsh = given(client_day=3, freelancer_day=5, stars=1.0)
    silent = given(client_day=None, freelancer_day=5)
    for policy in ("upwork", "bayes"):
        early = score(history_of(harsh, "f1", day(4)), policy, day(4))
        blank = score(history_of(silent, "f1", day(4)), policy, day(4))
        assert (early.score, _outcomes(early)) == (blank.score, _outcomes(blank))
    early = score(history_of(harsh, "f1", day(4)), "upwork", day(4))
    later = score(history_of(harsh, "f1", day(5)), "upwork", day(5))
    assert _outcomes(early) == [("k1", None, "no_feedback")]
    assert _outcomes(later) == [("k1", Outcome.BAD, None)]


def test_removed_feedback_counts_nowhere_from_its_removal() -> None:
    state = apply(given(), operator(FeedbackRemoved(day(8), "k1", Party.CLIENT)))
    assert contract_facts(state, "k1", day(7)).feedback_removed is False
    assert contract_facts(state, "k1", day(8)).feedback_removed is True
    result = score(history_of(state, "f1", day(8)), "upwork", day(8))
    assert result.contracts[0].excluded_because == "removed"


def test_an_edit_counts_from_when_it_was_made() -> None:
    state = given(stars=2.0)
    state = apply(state, freelancer(EditGranted(day(6), "k1", Party.FREELANCER)))
    state = apply(state, client(FeedbackEdited(day(7), "k1", Party.CLIENT, 4.5)))
    assert contract_facts(state, "k1", day(6)).stars == 2.0
    assert contract_facts(state, "k1", day(7)).stars == 4.5


def test_money_disputes_and_flags_are_read_as_of_the_instant() -> None:
    state = given()
    state = apply(state, freelancer(RefundMade(day(2), "k1", "r1", "p1", Decimal("120.00"))))
    opened = DisputeOpened(at("2025-01-20"), "k1", "d1", Party.CLIENT, Decimal(300))
    state = apply(state, operator(opened, recorded_at=day(2)))
    resolved = DisputeResolved(day(3), "k1", "d1", Decimal(300), DisputeResult.WON)
    state = apply(state, operator(resolved))
    state = apply(state, operator(ClientFlagged(day(4), "c1", ClientFlag.SUSPENDED)))
    before = contract_facts(state, "k1", day(1))
    after = contract_facts(state, "k1", day(6))
    assert (before.earned, before.refunded, before.dispute, before.client_flagged) == (
        Decimal("500.00"),
        Decimal(0),
        None,
        False,
    )
    assert (after.earned, after.refunded, after.dispute, after.client_flagged) == (
        Decimal("500.00"),
        Decimal("120.00"),
        DisputeResult.WON,
        True,
    )
    assert after.ledger == ((at("2025-01-10"), Decimal("500.00")), (day(2), Decimal("-120.00")))


def test_a_history_holds_the_contracts_started_by_then() -> None:
    state = given()
    assert history_of(state, "f1", at("2025-01-01")).contracts == ()
    history = history_of(state, "f1", day(6))
    assert [c.contract_id for c in history.contracts] == ["k1"]
    assert history.freelancer is not None
    assert history.freelancer.joined_at == at("2025-01-01")
    assert history.clients["c1"].payment_verified is True
    assert history_of(state, "f2", day(6)).contracts == ()
