"""The score as each role reads it: a hold says that the score is held, and only the operator
sees when it began and which clients' outcomes began it (one of them may be known only from
private feedback)."""

from __future__ import annotations

from datetime import timedelta

from tests.api.conftest import Market


def held(market: Market) -> None:
    """f1 with a bad outcome from each of three clients in one week."""
    market.ok("operator", "/clients", {"client_id": "c3"})
    for client in ("c1", "c2", "c3"):
        contract = f"k-{client}"
        market.ok(
            "operator",
            "/contracts",
            {"contract_id": contract, "freelancer_id": "f1", "client_id": client},
        )
        market.ok("operator", f"/contracts/{contract}/payments", {"amount": "300"})
        market.ok("operator", f"/contracts/{contract}/end", {"end_reason": "completed"})
        market.ok(
            "operator",
            f"/contracts/{contract}/feedback",
            {"stars": 1, "private_score": 0, "by": "client"},
        )
    market.clock.advance(timedelta(days=15))


def test_only_the_operator_sees_what_began_a_hold(market: Market) -> None:
    held(market)
    operator = market.get("operator", "/freelancers/f1/score").json()
    assert operator["hold"]["held"] is True
    assert operator["hold"]["clients"] == ["c1", "c2", "c3"]
    assert operator["hold"]["since"] is not None
    for who in (None, "f1", "c1", "f2"):
        seen = market.get(who, "/freelancers/f1/score").json()
        assert seen["hold"] == {"held": True, "since": None, "until": None, "clients": []}, who
