"""A marketplace whose log holds every kind of fact, recorded by whom the rules allow.

2025-01-01  f1, f2, c1, c2 register (operator)
2025-01-02  c1 opens k1 with f1; pays p1 500.00 on 01-10 and p2 200.00 on 01-20
2025-01-25  f1 refunds 50.00 of p1
2025-01-26  c1 opens dispute d1 over 100.00; the operator resolves it on 01-28, 60.00 to f1
2025-02-01  c1 ends k1, completed
2025-02-04  c1's feedback (4 stars, private 6); f1's on 02-06 reveals both
2025-02-07  f1 lets c1 edit; c1 edits to 5 stars on 02-08; f1 responds on 02-09
2025-02-10  the operator removes f1's feedback about c1
2025-02-11  the operator flags c2; c2 opens k2 with f2 on 02-12
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Party
from jobscore.domain.events import (
    ClientFlagged,
    ClientRegistered,
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
)
from jobscore.instants import parse_instant

__all__ = ["LIFECYCLE", "at", "by_client", "by_freelancer", "by_operator", "later"]


def at(text: str) -> datetime:
    return parse_instant(text)


def later(recorded: Recorded, hours: float) -> Recorded:
    """The same request, sent again `hours` later."""
    return Recorded(
        recorded.fact,
        recorded.recorded_at + timedelta(hours=hours),
        recorded.actor_role,
        recorded.actor_id,
        recorded.idempotency_key,
    )


def by_operator(fact: Fact, key: str | None = None) -> Recorded:
    return Recorded(fact, fact.at, Role.OPERATOR, None, key)


def by_client(fact: Fact, client_id: str = "c1", key: str | None = None) -> Recorded:
    return Recorded(fact, fact.at, Role.CLIENT, client_id, key)


def by_freelancer(fact: Fact, freelancer_id: str = "f1", key: str | None = None) -> Recorded:
    return Recorded(fact, fact.at, Role.FREELANCER, freelancer_id, key)


LIFECYCLE: tuple[Recorded, ...] = (
    by_operator(FreelancerRegistered(at("2025-01-01"), "f1")),
    by_operator(FreelancerRegistered(at("2025-01-01"), "f2", profile_complete=False)),
    by_operator(ClientRegistered(at("2025-01-01"), "c1", payment_verified=True)),
    by_operator(ClientRegistered(at("2025-01-01"), "c2")),
    by_client(ContractOpened(at("2025-01-02"), "k1", "f1", "c1", category="design")),
    by_client(PaymentMade(at("2025-01-10"), "k1", "p1", Decimal("500.00"))),
    by_client(PaymentMade(at("2025-01-20"), "k1", "p2", Decimal("200.00"))),
    by_freelancer(RefundMade(at("2025-01-25"), "k1", "r1", "p1", Decimal("50.00"))),
    by_client(DisputeOpened(at("2025-01-26"), "k1", "d1", Party.CLIENT, Decimal("100.00"))),
    by_operator(DisputeResolved(at("2025-01-28"), "k1", "d1", Decimal("60.00"), DisputeResult.WON)),
    by_client(ContractEnded(at("2025-02-01T10:00:00Z"), "k1", EndedBy.CLIENT, EndReason.COMPLETED)),
    by_client(
        FeedbackGiven(
            at("2025-02-04"),
            "k1",
            Party.CLIENT,
            4.0,
            "good work",
            ((FeedbackCategory.QUALITY, 4.5),),
            private_score=6,
            private_reason="slow",
        )
    ),
    by_freelancer(FeedbackGiven(at("2025-02-06"), "k1", Party.FREELANCER, 5.0, "great client")),
    by_freelancer(EditGranted(at("2025-02-07"), "k1", Party.FREELANCER)),
    by_client(FeedbackEdited(at("2025-02-08"), "k1", Party.CLIENT, 5.0, "great work")),
    by_freelancer(ResponsePosted(at("2025-02-09"), "k1", Party.FREELANCER, "thank you")),
    by_operator(FeedbackRemoved(at("2025-02-10"), "k1", Party.FREELANCER, "abusive")),
    by_operator(ClientFlagged(at("2025-02-11"), "c2", reason="poor collaboration")),
    by_client(ContractOpened(at("2025-02-12"), "k2", "f2", "c2"), client_id="c2"),
)
