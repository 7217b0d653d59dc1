"""The feedback rules: give, grant an edit, edit, respond, remove.

Either side may give feedback once, from the end of the contract to the end of day 14 (UTC)
after it; it stays hidden from the other side until both have given it or the window closes
(`ContractState.revealed_at`). The recipient may once let the author edit the public part,
the grant within the window and the edit within 14 days of it; private feedback is final.
Each side may respond once to the feedback it received, within 28 days of the reveal.
Moderation (the operator) may remove feedback; under the policy's allowance only as
`allowance.py` counts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from jobscore.domain.allowance import check_allowance
from jobscore.domain.enums import Party
from jobscore.domain.events import (
    EditGranted,
    FeedbackEdited,
    FeedbackGiven,
    FeedbackRemoved,
    Recorded,
    ResponsePosted,
    other_side,
)
from jobscore.domain.facts import FEEDBACK_WINDOW_DAYS
from jobscore.domain.market import ContractState, FeedbackState, MarketState
from jobscore.domain.rules import (
    EDIT_WINDOW_DAYS,
    RESPONSE_WINDOW_DAYS,
    Rule,
    act_as,
    check_stars,
    is_retry,
    known_contract,
    not_backfilled,
    operator_only,
    refuse,
    within,
)

__all__ = ["edit_feedback", "give_feedback", "grant_edit", "post_response", "remove_feedback"]


def _updated(
    state: MarketState, contract: ContractState, author: Party, feedback: FeedbackState
) -> MarketState:
    return state.with_contract(contract.with_feedback(author, feedback))


def give_feedback(state: MarketState, recorded: Recorded, fact: FeedbackGiven) -> MarketState:
    contract = known_contract(state, fact.contract_id)
    record = contract.record
    mine = contract.feedback.get(fact.by)
    if is_retry(mine.given if mine else None, fact, Rule.FEEDBACK_ONCE_PER_SIDE, record, "by"):
        return state
    act_as(contract, recorded, fact.by, "by")
    not_backfilled(recorded, record, ("at", fact.at))
    end, closes = contract.end, contract.window_closes
    if end is None or closes is None or fact.at < end.at:
        refuse(
            Rule.FEEDBACK_ON_OPEN_CONTRACT,
            "feedback is given once the contract has ended"
            + (f" ({end.at:%Y-%m-%d})" if end else "; it is still open"),
            record=record,
            field="at",
        )
    if fact.at > closes:
        refuse(
            Rule.FEEDBACK_WINDOW_CLOSED,
            f"{fact.at:%Y-%m-%d} is after the feedback window closed (the end of "
            f"{closes:%Y-%m-%d}, day {FEEDBACK_WINDOW_DAYS} after the end)",
            record=record,
            field="at",
        )
    check_stars(fact.stars, fact.category_stars, fact.by, record)
    if fact.by is Party.FREELANCER:
        for name in ("private_score", "private_reason"):
            if getattr(fact, name) is not None:
                refuse(
                    Rule.CLIENT_SIDE_ONLY,
                    "private feedback is the client's about the freelancer",
                    record=record,
                    field=name,
                )
    score = fact.private_score
    whole = isinstance(score, int) and not isinstance(score, bool)
    if score is not None and not (whole and 0 <= score <= 10):
        refuse(
            Rule.PRIVATE_SCORE_OUT_OF_RANGE,
            f"is {fact.private_score}; the private score is a whole number from 0 to 10",
            record=record,
            field="private_score",
        )
    theirs = contract.feedback.get(other_side(fact.by))
    if theirs is not None and theirs.response is not None:
        refuse(
            Rule.FEEDBACK_AFTER_RESPONSE,
            f"the {fact.by} already responded to the {other_side(fact.by)}'s feedback, which "
            "was revealed without this one",
            record=record,
            field="by",
        )
    return _updated(state, contract, fact.by, FeedbackState(fact))


def _feedback_to(
    contract: ContractState,
    author: Party,
    fact: EditGranted | FeedbackEdited | ResponsePosted,
    rule: Rule,
    what: str,
) -> FeedbackState:
    """The `author`'s feedback as `fact` finds it: given by then and not removed."""
    found = contract.feedback.get(author)
    if found is None or found.given.at > fact.at or found.removed_by(fact.at):
        refuse(
            rule,
            f"the {author} has given no feedback on this contract to {what}",
            record=contract.record,
            field="by",
        )
    return found


def grant_edit(state: MarketState, recorded: Recorded, fact: EditGranted) -> MarketState:
    contract = known_contract(state, fact.contract_id)
    record = contract.record
    author = other_side(fact.by)
    theirs = contract.feedback.get(author)
    old = theirs.edit_grant if theirs else None
    if is_retry(old, fact, Rule.EDIT_GRANT_ONCE, record, "by"):
        return state
    act_as(contract, recorded, fact.by, "by")
    not_backfilled(recorded, record, ("at", fact.at))
    theirs = _feedback_to(contract, author, fact, Rule.NOTHING_TO_EDIT, "edit")
    closes = contract.window_closes
    if closes is not None and fact.at > closes:
        refuse(
            Rule.EDIT_GRANT_OUTSIDE_WINDOW,
            f"{fact.at:%Y-%m-%d} is after the feedback window closed (the end of "
            f"{closes:%Y-%m-%d}); an edit is granted within the window",
            record=record,
            field="at",
        )
    return _updated(state, contract, author, replace(theirs, edit_grant=fact))


def edit_feedback(state: MarketState, recorded: Recorded, fact: FeedbackEdited) -> MarketState:
    contract = known_contract(state, fact.contract_id)
    record = contract.record
    mine = contract.feedback.get(fact.by)
    if is_retry(mine.edit if mine else None, fact, Rule.FEEDBACK_EDITED_ONCE, record, "by"):
        return state
    act_as(contract, recorded, fact.by, "by")
    not_backfilled(recorded, record, ("at", fact.at))
    for name in ("private_score", "private_reason"):
        if getattr(fact, name) is not None:
            refuse(
                Rule.PRIVATE_FEEDBACK_IS_FINAL,
                "private feedback can never be edited; an edit changes the public part only",
                record=record,
                field=name,
            )
    mine = _feedback_to(contract, fact.by, fact, Rule.NOTHING_TO_EDIT, "edit")
    grant = mine.edit_grant
    if grant is None:
        refuse(
            Rule.EDIT_WITHOUT_GRANT,
            f"the {other_side(fact.by)} has not granted an edit of this feedback",
            record=record,
            field="by",
        )
    if not within(fact.at, grant.at, EDIT_WINDOW_DAYS):
        refuse(
            Rule.EDIT_OUTSIDE_GRANT_PERIOD,
            f"{fact.at:%Y-%m-%d} is outside the {EDIT_WINDOW_DAYS} days after the grant "
            f"({grant.at:%Y-%m-%d})",
            record=record,
            field="at",
        )
    check_stars(fact.stars, fact.category_stars, fact.by, record)
    return _updated(state, contract, fact.by, replace(mine, edit=fact))


def post_response(state: MarketState, recorded: Recorded, fact: ResponsePosted) -> MarketState:
    contract = known_contract(state, fact.contract_id)
    record = contract.record
    author = other_side(fact.by)
    theirs = contract.feedback.get(author)
    old = theirs.response if theirs else None
    if is_retry(old, fact, Rule.RESPONSE_ONCE_PER_SIDE, record, "by"):
        return state
    act_as(contract, recorded, fact.by, "by")
    not_backfilled(recorded, record, ("at", fact.at))
    theirs = _feedback_to(contract, author, fact, Rule.NOTHING_TO_RESPOND_TO, "respond to")
    revealed = contract.revealed_at
    if revealed is None or fact.at < revealed:
        refuse(
            Rule.RESPONSE_BEFORE_REVEAL,
            "the feedback is still hidden"
            + (f" until {revealed:%Y-%m-%d %H:%M} UTC" if revealed else ""),
            record=record,
            field="at",
        )
    deadline = revealed + timedelta(days=RESPONSE_WINDOW_DAYS)
    if fact.at > deadline:
        refuse(
            Rule.RESPONSE_AFTER_DEADLINE,
            f"{fact.at:%Y-%m-%d} is more than {RESPONSE_WINDOW_DAYS} days after the feedback "
            f"was revealed ({revealed:%Y-%m-%d})",
            record=record,
            field="at",
        )
    return _updated(state, contract, author, replace(theirs, response=fact))


def remove_feedback(state: MarketState, recorded: Recorded, fact: FeedbackRemoved) -> MarketState:
    contract = known_contract(state, fact.contract_id)
    record = contract.record
    target = contract.feedback.get(fact.of)
    old = target.removal if target else None
    if is_retry(old, fact, Rule.FEEDBACK_ALREADY_REMOVED, record, "of"):
        return state
    operator_only(recorded, "remove feedback", record)
    if target is None or target.given.at > fact.at:
        refuse(
            Rule.NOTHING_TO_REMOVE,
            f"the {fact.of} has given no feedback on this contract by then",
            record=record,
            field="of",
        )
    if fact.under_allowance:
        if fact.of is not Party.CLIENT:
            refuse(
                Rule.ALLOWANCE_FOR_CLIENT_FEEDBACK_ONLY,
                "the removal allowance is the freelancer's, for feedback it received",
                record=record,
                field="under_allowance",
            )
        check_allowance(state, contract, fact)
    return _updated(state, contract, fact.of, replace(target, removal=fact))
