"""Properties of the lifecycle over generated logs: any sequence of facts, recorded by anyone
at any instant, is accepted or refused by a named rule, never anything else; the state is a
function of the accepted log; a fact recorded again changes nothing; and every state reads
back as facts the scorers accept, and as feedback views for every reader.

Two contracts open on 2025-01-01 and a third that a generated fact may open, between two
freelancers and two clients (and an unknown of each), over the first 50 days of 2025, so that
ends, feedback windows, edits and responses are reached. Most logs come in the order things
happened, as a marketplace records them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Kind, Party, PaymentKind
from jobscore.domain.events import (
    ClientFlag,
    ClientFlagged,
    ContractEnded,
    ContractOpened,
    DisputeOpened,
    DisputeResolved,
    EditGranted,
    Fact,
    FeedbackCategory,
    FeedbackEdited,
    FeedbackGiven,
    FeedbackRemoved,
    FreelancerRegistered,
    PaymentMade,
    Recorded,
    RefundMade,
    ResponsePosted,
    Role,
    other_side,
)
from jobscore.domain.facts import check_contract
from jobscore.domain.lifecycle import apply, replay
from jobscore.domain.market import MarketState
from jobscore.domain.market_facts import contract_facts, history_of
from jobscore.domain.visibility import visible_feedback
from jobscore.errors import RuleBroken
from tests.unit.domain.story import REGISTERED, at

START = at("2025-01-01")

instants = st.builds(
    lambda days, offset: START + timedelta(days=days) + offset,
    st.integers(0, 50),
    st.sampled_from([timedelta(0), timedelta(hours=10), timedelta(days=1, microseconds=-1)]),
)
amounts = st.sampled_from(
    ["100.00", "250.50", "500", "40", "0", "-5", "0.001", "NaN", "Infinity"]
).map(Decimal)
stars = st.sampled_from([1.0, 2.5, 4.0, 5.0, 0.5, 5.5, float("nan")])
private_scores = st.sampled_from([None, None, 0, 6, 10, 11, -1])
contracts = st.sampled_from(["k1", "k2", "k3"])
freelancers = st.sampled_from(["f1", "f2", "f9"])
clients = st.sampled_from(["c1", "c2", "c9"])
parties = st.sampled_from(Party)
categories = st.lists(st.tuples(st.sampled_from(FeedbackCategory), stars), max_size=2).map(tuple)


facts = st.one_of(
    st.builds(FreelancerRegistered, instants, freelancers),
    st.builds(ContractOpened, instants, contracts, freelancers, clients,
              st.sampled_from(Kind), st.one_of(st.none(), instants)),
    st.builds(PaymentMade, instants, contracts, st.sampled_from(["p1", "p2"]), amounts,
              st.sampled_from(PaymentKind)),
    st.builds(RefundMade, instants, contracts, st.sampled_from(["r1", "r2"]),
              st.sampled_from(["p1", "p2"]), amounts),
    st.builds(DisputeOpened, instants, contracts, st.sampled_from(["d1"]), parties, amounts),
    st.builds(DisputeResolved, instants, contracts, st.sampled_from(["d1", "d2"]), amounts,
              st.one_of(st.none(), st.sampled_from(DisputeResult))),
    st.builds(ContractEnded, instants, contracts, st.sampled_from(EndedBy),
              st.sampled_from(EndReason)),
    st.builds(FeedbackGiven, instants, contracts, parties, stars, st.just("c"), categories,
              private_scores),
    st.builds(EditGranted, instants, contracts, parties),
    st.builds(FeedbackEdited, instants, contracts, parties, stars, st.just("e"), categories,
              private_scores),
    st.builds(ResponsePosted, instants, contracts, parties, st.just("r")),
    st.builds(FeedbackRemoved, instants, contracts, parties, st.just(""), st.booleans()),
    st.builds(ClientFlagged, instants, clients, st.sampled_from(ClientFlag)),
)  # fmt: skip


@st.composite
def entries(draw: st.DrawFn) -> Recorded:
    fact = draw(facts)
    if draw(st.integers(0, 30)) == 0:  # now and then an instant without a time zone
        fact = replace(fact, at=fact.at.replace(tzinfo=None))
    role = draw(st.sampled_from([Role.OPERATOR, Role.OPERATOR, Role.CLIENT, Role.FREELANCER]))
    actor = draw(st.sampled_from({Role.CLIENT: ["c1", "c2"], Role.FREELANCER: ["f1", "f2"]}
                                 .get(role, ["op"])))  # fmt: skip
    late = draw(st.sampled_from([timedelta(0), timedelta(0), timedelta(hours=1)]))
    return Recorded(fact, _aware(fact.at) + late, role, actor)


def _aware(instant: datetime) -> datetime:
    return instant if instant.utcoffset() is not None else instant.replace(tzinfo=START.tzinfo)


#: Two contracts open from the start; k3 only if a generated fact opens it.
PREFIX = (
    *REGISTERED,
    Recorded(ContractOpened(START, "k1", "f1", "c1"), START, Role.OPERATOR),
    Recorded(ContractOpened(START, "k2", "f2", "c2", Kind.HOURLY), START, Role.OPERATOR),
)


def _when(entry: Recorded) -> datetime:
    return _aware(entry.fact.at)


SIDES = {"k1": ("c1", "f1"), "k2": ("c2", "f2")}
good_stars = st.sampled_from([1.0, 2.5, 4.0, 4.5, 5.0, 5.5])


@st.composite
def lives(draw: st.DrawFn, contract_id: str) -> list[Recorded]:
    """What usually happens to a contract, at instants near its end: payments and refunds,
    maybe a dispute, the end, feedback, an edit, responses, a removal; each recorded by its
    side or, now and then, by the operator."""
    end = START + timedelta(days=draw(st.integers(1, 20)), hours=draw(st.integers(0, 23)))

    def near(start: datetime, days: int) -> datetime:
        return start + timedelta(hours=draw(st.integers(0, days * 24)))

    def by(fact: Fact, side: Party | EndedBy | None) -> Recorded:
        client_id, freelancer_id = SIDES[contract_id]
        if side is None or side == EndedBy.PLATFORM or draw(st.integers(0, 4)) == 0:
            return Recorded(fact, _aware(fact.at), Role.OPERATOR, "op")
        if side == Party.CLIENT:
            return Recorded(fact, fact.at, Role.CLIENT, client_id)
        return Recorded(fact, fact.at, Role.FREELANCER, freelancer_id)

    life: list[Recorded] = []
    for paid in draw(st.lists(st.sampled_from(["p1", "p2"]), unique=True, max_size=2)):
        instant = near(START, 20)
        life.append(by(PaymentMade(instant, contract_id, paid, draw(amounts)), Party.CLIENT))
        if draw(st.booleans()):
            refund = RefundMade(near(instant, 200), contract_id, "r" + paid, paid, draw(amounts))
            life.append(by(refund, Party.FREELANCER))
    if draw(st.booleans()):
        side = draw(parties)
        opened = DisputeOpened(near(START, 25), contract_id, "d1", side, Decimal("100.00"))
        life.append(by(opened, side))
        share = draw(st.sampled_from(["0", "60.00", "100.00", "120.00"]))
        result = draw(st.one_of(st.none(), st.sampled_from(DisputeResult)))
        resolved = DisputeResolved(near(opened.at, 5), contract_id, "d1", Decimal(share), result)
        life.append(by(resolved, None))
    ended_by = draw(st.sampled_from(EndedBy))
    reason = draw(st.sampled_from(EndReason))
    life.append(by(ContractEnded(end, contract_id, ended_by, reason), ended_by))
    for side in Party:
        if draw(st.integers(0, 3)):
            rated = draw(categories) if side is Party.CLIENT else ()
            private = draw(private_scores) if side is Party.CLIENT else None
            gave = FeedbackGiven(
                near(end, 16), contract_id, side, draw(good_stars), "c", rated, private
            )
            life.append(by(gave, side))
        if draw(st.booleans()):  # the recipient lets this side edit, and it may
            grant = EditGranted(near(end, 16), contract_id, other_side(side))
            life.append(by(grant, grant.by))
            if draw(st.integers(0, 3)):
                edit = FeedbackEdited(near(grant.at, 15), contract_id, side, draw(good_stars))
                life.append(by(edit, side))
        if draw(st.booleans()):
            life.append(by(ResponsePosted(near(end, 45), contract_id, side, "r"), side))
        if draw(st.integers(0, 3)) == 0:
            removed = FeedbackRemoved(near(end, 30), contract_id, side, "", draw(st.booleans()))
            life.append(by(removed, None))
    return life


@st.composite
def logs(draw: st.DrawFn) -> list[Recorded]:
    """Two contracts' lives and some noise: mostly in the order things happened, as a
    marketplace records them; now and then not."""
    log = [*draw(lives("k1")), *draw(lives("k2")), *draw(st.lists(entries(), max_size=15))]
    if draw(st.integers(0, 4)):
        return sorted(log, key=_when)
    return draw(st.permutations(log))


def run(log: list[Recorded]) -> tuple[MarketState, list[Recorded]]:
    state, accepted = replay(PREFIX), list(PREFIX)
    for entry in log:
        try:
            state = apply(state, entry)
        except RuleBroken:
            continue
        accepted.append(entry)
    return state, accepted


@settings(max_examples=300)
@given(logs())
def test_the_state_is_a_function_of_the_accepted_log(log: list[Recorded]) -> None:
    state, accepted = run(log)
    assert replay(accepted) == state
    for entry in accepted:
        assert apply(state, entry) is state


@settings(max_examples=150)
@given(logs(), st.sampled_from([0, 20, 40, 60]))
def test_every_state_reads_back_for_the_scorers_and_every_reader(
    log: list[Recorded], days: int
) -> None:
    state, _ = run(log)
    when = START + timedelta(days=days)
    for contract_id in state.contracts:
        assert check_contract(contract_facts(state, contract_id, when)) == []
        for role, who in product([None, *Role], ["c1", "f1", "op"]):
            for view in visible_feedback(state, contract_id, when, role, who):
                assert view.private_score is None or role is Role.OPERATOR
    for freelancer_id in state.freelancers:
        history = history_of(state, freelancer_id, when)
        assert all(c.started_at <= when for c in history.contracts)
    for contract in state.contracts.values():
        for paid in contract.payments.values():
            assert paid.refundable >= 0
