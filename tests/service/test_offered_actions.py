"""The operator's contract actions the page offers — resolving each open dispute, giving
feedback on a side's behalf — are exactly the writes the service takes now: each candidate
is sent to a fresh copy of the scene, and the offer must hold the ones it accepted, no more.
The sides of the contract are offered none of them, and the service refuses them too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from jobscore.domain.enums import EndReason, Party
from jobscore.domain.events import Role
from jobscore.errors import RuleBroken
from jobscore.service import Caller, Service, SteppedClock
from jobscore.service.actions import RESOLVE
from jobscore.store import MemoryStore

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
OPERATOR = Caller(Role.OPERATOR)
CLIENT = Caller(Role.CLIENT, "acme")
FREELANCER = Caller(Role.FREELANCER, "ada")

#: The actions of the operator's that this test holds; the candidates of each scene.
CANDIDATES: dict[str, Callable[[Service, Caller], object]] = {
    "give_client_feedback": lambda s, who: s.give_feedback(who, "k", 4.0, by=Party.CLIENT),
    "give_freelancer_feedback": lambda s, who: s.give_feedback(who, "k", 4.0, by=Party.FREELANCER),
    RESOLVE + "d-open": lambda s, who: s.resolve_dispute(who, "k", "d-open", Decimal("30")),
    RESOLVE + "d-done": lambda s, who: s.resolve_dispute(who, "k", "d-done", Decimal("30")),
}


def _scene(ended: bool, client_gave: bool, days_after: int) -> Service:
    """Contract `k` of ada's with acme, with an open dispute and a resolved one."""
    service = Service(MemoryStore(), SteppedClock(START))
    service.register_freelancer(OPERATOR, "ada")
    service.register_client(OPERATOR, "acme")
    service.open_contract(CLIENT, "k", "ada", "acme")
    service.pay(CLIENT, "k", Decimal("400"), "p1")
    service.open_dispute(CLIENT, "k", Decimal("100"), dispute_id="d-open")
    service.open_dispute(FREELANCER, "k", Decimal("50"), dispute_id="d-done")
    service.resolve_dispute(OPERATOR, "k", "d-done", Decimal("50"))
    if ended:
        service.end(CLIENT, "k", EndReason.COMPLETED)
    if client_gave:
        service.give_feedback(CLIENT, "k", 5.0, 8, "Fine.")
    assert isinstance(service.clock, SteppedClock)
    service.clock.advance(timedelta(days=days_after))
    return service


SCENES = {
    "open contract": (False, False, 0),
    "ended, no feedback yet": (True, False, 1),
    "ended, the client gave": (True, True, 3),
    "the window closed": (True, False, 16),
}


def _accepted(scene: tuple[bool, bool, int], who: Caller) -> set[str]:
    taken = set()
    for name, write in CANDIDATES.items():
        try:
            write(_scene(*scene), who)
        except RuleBroken:
            continue
        taken.add(name)
    return taken


def _offered(scene: tuple[bool, bool, int], who: Caller) -> set[str]:
    actions = _scene(*scene).contract_page(who, "k")["actions"]
    return {name for name in actions if name in CANDIDATES}


@pytest.mark.parametrize("scene", SCENES.values(), ids=list(SCENES))
def test_the_operator_is_offered_what_the_service_takes(scene: tuple[bool, bool, int]) -> None:
    assert _offered(scene, OPERATOR) == _accepted(scene, OPERATOR)


@pytest.mark.parametrize("who", [CLIENT, FREELANCER], ids=["client", "freelancer"])
@pytest.mark.parametrize("scene", SCENES.values(), ids=list(SCENES))
def test_a_side_is_offered_none_of_them(scene: tuple[bool, bool, int], who: Caller) -> None:
    # A side gives its own feedback through its own form; the other side's it may not give.
    accepted = _accepted(scene, who) - {f"give_{who.role.value}_feedback" if who.role else ""}
    assert accepted == set()
    assert _offered(scene, who) == set()


def test_the_scenes_offer_what_the_rules_say() -> None:
    """What the scenes hold, named, so the tests above cannot pass on empty offers alone."""
    offered = {name: _offered(scene, OPERATOR) for name, scene in SCENES.items()}
    assert offered == {
        "open contract": {RESOLVE + "d-open"},
        "ended, no feedback yet": {
            "give_client_feedback",
            "give_freelancer_feedback",
            RESOLVE + "d-open",
        },
        "ended, the client gave": {"give_freelancer_feedback", RESOLVE + "d-open"},
        "the window closed": {RESOLVE + "d-open"},
    }


def test_the_resolutions_come_in_the_order_the_disputes_were_opened() -> None:
    service = _scene(False, False, 0)
    service.open_dispute(FREELANCER, "k", Decimal("10"), dispute_id="a-later")
    actions = service.contract_page(OPERATOR, "k")["actions"]
    resolutions = [name for name in actions if name.startswith(RESOLVE)]
    assert resolutions == [RESOLVE + "d-open", RESOLVE + "a-later"]
    assert actions.index("end") < actions.index(RESOLVE + "d-open")
