"""screen: a client's risk from its record, and the reasons ranked."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from jobscore.domain.enums import DisputeResult
from jobscore.domain.facts import ContractFacts
from jobscore.domain.records import Client
from jobscore.errors import InvalidInput
from jobscore.scoring import get_policy
from jobscore.scoring.upwork.policy import UPWORK
from jobscore.tools.screen import ASSUMED_MARKETPLACE, ScreenModel, screen_client
from tests.builders import AS_OF, contract


def row(n: int, client: str, stars: float | None, private: int | None = None, **fields):  # type: ignore[no-untyped-def]
    ended = AS_OF - timedelta(days=20 + 9 * n)
    return contract(
        f"{client}-{n}",
        client,
        started=(ended - timedelta(days=10)).date().isoformat(),
        ended=ended.date().isoformat(),
        earned=400,
        stars=stars,
        private_score=private,
        freelancer_id=f"f{n}",
        **fields,
    )


def marketplace() -> list[ContractFacts]:
    # 40 ordinary contracts from 8 clients, mostly 5 stars; a harsh client who gave 1 star to
    # 4 of its 5 freelancers; a generous one who gave 5 stars to all 5.
    rows = [row(n, f"ordinary-{n % 8}", 5.0 if n % 10 else 4.0) for n in range(40)]
    rows += [row(n, "harsh", 1.0 if n < 4 else 5.0) for n in range(5)]
    rows += [row(n, "generous", 5.0) for n in range(5)]
    return rows


def test_a_client_who_gives_one_star_ranks_above_one_who_gives_five() -> None:
    rows = marketplace()
    harsh = screen_client("harsh", rows, UPWORK, AS_OF)
    generous = screen_client("generous", rows, UPWORK, AS_OF)
    assert harsh.probability > generous.probability
    assert harsh.bad == 4
    assert generous.bad == 0
    assert harsh.freelancers == 5
    assert harsh.stars_given_mean == pytest.approx(1.8)
    # The marketplace comes from the file: 50 ended contracts.
    assert harsh.marketplace.contracts == 50


def test_smoothed_rate_by_hand() -> None:
    # With no stars or shares to shift it, the estimate is the Beta-smoothed rate:
    # (10 × 0.10 + bad) / (10 + rated), against the assumed marketplace (10% bad).
    model = ScreenModel(per_star=0, per_private_point=0, per_share=0)
    rows = [row(n, "c", 1.0) for n in range(2)]
    risk = screen_client("c", rows, UPWORK, AS_OF, model=model)
    assert risk.marketplace == ASSUMED_MARKETPLACE
    assert risk.probability == pytest.approx((1 + 2) / 12)
    many = [row(n, "c", 1.0) for n in range(20)]
    assert screen_client("c", many, UPWORK, AS_OF, model=model).probability == pytest.approx(
        (1 + 20) / 30
    )


def test_reasons_are_ranked_by_contribution() -> None:
    rows = marketplace()
    harsh = screen_client("harsh", rows, UPWORK, AS_OF)
    sizes = [abs(r.contribution) for r in harsh.reasons]
    assert sizes == sorted(sizes, reverse=True)
    assert harsh.reasons[0].contribution > 0
    assert {r.factor for r in harsh.reasons[:2]} == {"record", "stars given"}


def test_client_columns_on_a_single_history() -> None:
    # One contract with the client, and the §8 columns: it gave 1.5 stars over 30 ratings.
    rows = [row(1, "c9", None, client_stars_given_mean=1.5, client_stars_given_count=30)]
    risky = screen_client("c9", rows, UPWORK, AS_OF)
    plain = screen_client("c9", [row(1, "c9", None)], UPWORK, AS_OF)
    assert risky.stars_given_mean == 1.5
    assert risky.stars_given_count == 30
    assert risky.probability > plain.probability + 0.2
    assert risky.silent_share == 1.0


def test_refunds_disputes_flags_and_payment() -> None:
    rows = [
        row(1, "c", 5.0, refunded=Decimal("400")),
        row(2, "c", 4.0, dispute=DisputeResult.LOST, client_flagged=True),
    ]
    risk = screen_client("c", rows, UPWORK, AS_OF, clients={"c": Client("c")})
    assert risk.refunded_share == 0.5
    assert risk.disputed_share == 0.5
    assert risk.flagged
    assert risk.payment_verified is False
    assert {"flagged", "payment not verified", "refunded", "disputed"} <= {
        r.factor for r in risk.reasons
    }
    assert risk.spend == Decimal("800")
    verified = screen_client(
        "c", rows, UPWORK, AS_OF, clients={"c": Client("c", payment_verified=True, flagged=True)}
    )
    assert verified.probability < risk.probability


def test_unknown_client_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no contract with client 'zz'"):
        screen_client("zz", marketplace(), UPWORK, AS_OF)


@pytest.mark.parametrize("name", ["upwork", "upwork-2015", "bayes"])
def test_every_policy_answers(name: str) -> None:
    rows = marketplace()
    harsh = screen_client("harsh", rows, get_policy(name), AS_OF)
    generous = screen_client("generous", rows, get_policy(name), AS_OF)
    assert harsh.probability > generous.probability
