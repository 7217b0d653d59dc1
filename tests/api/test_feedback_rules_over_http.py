"""The lifecycle rules over HTTP, part two: feedback, edits, responses, removal and clients,
each refused with 422 naming the rule, the record and the field, and nothing stored."""

from __future__ import annotations

import pytest

from tests.api.broken_rules import (
    Case,
    backdated_ended,
    both_reviewed,
    check_refused,
    ended,
    later,
    paid,
    reviewed,
    then,
)
from tests.api.conftest import Market


def freelancer_reviewed(market: Market) -> None:
    """k1 ended, with the freelancer's feedback about the client."""
    ended(market)
    market.ok("f1", "/contracts/k1/feedback", {"stars": 3})


def granted(market: Market) -> None:
    """The client's feedback, and the freelancer letting the client edit it."""
    reviewed(market)
    market.ok("f1", "/contracts/k1/feedback/client/edit-grant", {})


def edited(market: Market) -> None:
    granted(market)
    market.ok("c1", "/contracts/k1/feedback/client/edit", {"stars": 5})


def responded(market: Market) -> None:
    both_reviewed(market)
    market.ok("f1", "/contracts/k1/feedback/client/response", {"text": "Thank you."})


def responded_after_the_window(market: Market) -> None:
    """Back-filled: k1 ended on 20 January, the client's feedback on the 21st, revealed when the
    window closed (3 February) without the freelancer's, and the freelancer's response on the
    5th."""
    backdated_ended(market)
    market.ok(
        "operator",
        "/contracts/k1/feedback",
        {"stars": 2, "by": "client", "at": "2026-01-21T00:00:00Z"},
    )
    market.ok(
        "operator",
        "/contracts/k1/feedback/client/response",
        {"text": "I disagree.", "at": "2026-02-05T00:00:00Z"},
    )


def removed(market: Market) -> None:
    reviewed(market)
    market.ok("operator", "/contracts/k1/feedback/client/removal", {"reason": "spam"})


def ten_completed_one_removed(market: Market) -> None:
    """Ten contracts of f1 with c1 completed, one star from the client on k1 and k2, and that
    of k1 removed under the allowance (f1 has no score, working for one client only)."""
    for n in range(1, 11):
        contract = f"k{n}"
        market.ok(
            "c1", "/contracts", {"contract_id": contract, "freelancer_id": "f1", "client_id": "c1"}
        )
        market.ok("c1", f"/contracts/{contract}/end", {"end_reason": "completed"})
    for contract in ("k1", "k2"):
        market.ok("c1", f"/contracts/{contract}/feedback", {"stars": 1})
    market.ok("operator", "/contracts/k1/feedback/client/removal", {"under_allowance": True})


def scored(market: Market) -> None:
    """f1 scored 0 under `upwork` (5 stars from c1 on k1, 1 star from c2 on k2): without
    either feedback f1 would have no score."""
    for contract, client, stars in (("k1", "c1", 5), ("k2", "c2", 1)):
        body = {"contract_id": contract, "freelancer_id": "f1", "client_id": client}
        market.ok(client, "/contracts", body)
        market.ok(client, f"/contracts/{contract}/payments", {"amount": "100"})
        market.ok(client, f"/contracts/{contract}/end", {"end_reason": "completed"})
        market.ok(client, f"/contracts/{contract}/feedback", {"stars": stars})
    later(16)(market)


def flagged(market: Market) -> None:
    market.ok("operator", "/clients/c1/flags", {"reason": "late"})


FEEDBACK, OF_CLIENT = "/contracts/k1/feedback", "/contracts/k1/feedback/client"
GRANT, EDIT = f"{OF_CLIENT}/edit-grant", f"{OF_CLIENT}/edit"
RESPOND, REMOVE = f"{OF_CLIENT}/response", f"{OF_CLIENT}/removal"
ALLOWANCE = {"under_allowance": True, "policy": "upwork"}

CASES = [
    # feedback
    Case("feedback_on_open_contract", paid, "c1", FEEDBACK, {"stars": 5}, "at"),
    Case("feedback_window_closed", then(ended, later(16)), "c1", FEEDBACK, {"stars": 5}, "at"),
    Case("feedback_once_per_side", reviewed, "c1", FEEDBACK, {"stars": 5}, "by"),
    Case("feedback_after_response", responded_after_the_window, "operator", FEEDBACK,
         {"stars": 4, "by": "freelancer", "at": "2026-01-25T00:00:00Z"}, "by"),
    Case("stars_out_of_range", ended, "c1", FEEDBACK, {"stars": 6}, "stars"),
    Case("private_score_out_of_range", ended, "c1", FEEDBACK,
         {"stars": 5, "private_score": 11}, "private_score"),
    Case("client_side_only", ended, "f1", FEEDBACK, {"stars": 5, "private_score": 3},
         "private_score"),
    # edits
    Case("edit_grant_once", granted, "f1", GRANT, {}, "by"),
    Case("edit_grant_outside_window", then(reviewed, later(16)), "f1", GRANT, {}, "at"),
    Case("nothing_to_edit", ended, "f1", GRANT, {}, "by"),
    Case("edit_without_grant", reviewed, "c1", EDIT, {"stars": 5}, "by"),
    Case("edit_outside_grant_period", then(granted, later(15)), "c1", EDIT, {"stars": 5},
         "at"),
    Case("feedback_edited_once", edited, "c1", EDIT, {"stars": 3}, "by"),
    Case("private_feedback_is_final", granted, "c1", EDIT, {"stars": 5, "private_score": 9},
         "private_score"),
    # responses
    Case("response_once_per_side", responded, "f1", RESPOND, {"text": "Again."}, "by"),
    Case("nothing_to_respond_to", ended, "f1", RESPOND, {"text": "Thanks."}, "by"),
    Case("response_before_reveal", reviewed, "f1", RESPOND, {"text": "Thanks."}, "at"),
    Case("response_after_deadline", then(both_reviewed, later(29)), "f1", RESPOND,
         {"text": "Thanks."}, "at"),
    # removal
    Case("nothing_to_remove", ended, "operator", REMOVE, {"reason": "spam"}, "of"),
    Case("feedback_already_removed", removed, "operator", REMOVE, {"reason": "abuse"}, "of"),
    Case("allowance_for_client_feedback_only", freelancer_reviewed, "operator",
         "/contracts/k1/feedback/freelancer/removal", ALLOWANCE, "under_allowance"),
    Case("removal_allowance_too_soon", ten_completed_one_removed, "operator",
         "/contracts/k2/feedback/client/removal", ALLOWANCE, "at", record="contract k2"),
    Case("removal_allowance_not_earned", reviewed, "operator", REMOVE, ALLOWANCE,
         "under_allowance"),
    Case("removal_would_lower_score", scored, "operator", REMOVE, ALLOWANCE,
         "under_allowance"),
    # clients
    Case("client_already_flagged", flagged, "operator", "/clients/c1/flags", {"reason": "rude"},
         "flag", record="client c1"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_a_broken_rule_is_refused_and_nothing_is_stored(market: Market, case: Case) -> None:
    check_refused(market, case)
