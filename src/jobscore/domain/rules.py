"""The lifecycle rules by their stable names, and the checks that several facts share.

A refused write raises `RuleBroken` with the rule's name, the record (`contract k1`,
`client c1`, `freelancer f1`) and the field of the fact at fault; docs/lifecycle.md says
each rule in plain words.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import NoReturn

from jobscore.domain.enums import EndedBy, Party
from jobscore.domain.events import FeedbackCategory, Recorded, Role
from jobscore.domain.market import ContractState, MarketState
from jobscore.errors import RuleBroken
from jobscore.money import MAX_AMOUNT, SUB_CENT, has_sub_cents

__all__ = [
    "EDIT_WINDOW_DAYS",
    "RESPONSE_WINDOW_DAYS",
    "Rule",
    "act_as",
    "check_amount",
    "check_ids_and_instants",
    "check_stars",
    "check_whole_cents",
    "is_retry",
    "known_contract",
    "not_backfilled",
    "operator_only",
    "refuse",
    "within",
]

#: The author has this many days from the grant to edit its public feedback.
EDIT_WINDOW_DAYS = 14
#: Each side may respond once, within this many days of the reveal.
RESPONSE_WINDOW_DAYS = 28


class Rule(StrEnum):
    # Every fact
    INSTANT_WITHOUT_TIMEZONE = "instant_without_timezone"
    EMPTY_ID = "empty_id"
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_FREELANCER = "unknown_freelancer"
    UNKNOWN_CLIENT = "unknown_client"
    UNKNOWN_CONTRACT = "unknown_contract"
    UNKNOWN_PAYMENT = "unknown_payment"
    UNKNOWN_DISPUTE = "unknown_dispute"
    OPERATOR_ONLY = "operator_only"
    NOT_THAT_SIDE = "not_that_side"
    BACKFILL_BY_OPERATOR_ONLY = "backfill_by_operator_only"
    # Money
    AMOUNT_NOT_POSITIVE = "amount_not_positive"
    SUB_CENT_AMOUNT = "sub_cent_amount"
    AMOUNT_TOO_LARGE = "amount_too_large"
    PAYMENT_BEFORE_START = "payment_before_start"
    PAYMENT_ON_CLOSED_CONTRACT = "payment_on_closed_contract"
    REFUND_BEFORE_PAYMENT = "refund_before_payment"
    REFUND_ABOVE_REFUNDABLE = "refund_above_refundable"
    REFUND_AFTER_LIMIT = "refund_after_limit"
    # Disputes
    ESCROW_NEGATIVE = "escrow_negative"
    DISPUTE_BEFORE_START = "dispute_before_start"
    DISPUTE_ALREADY_RESOLVED = "dispute_already_resolved"
    RESOLVED_BEFORE_OPENED = "resolved_before_opened"
    SPLIT_OUTSIDE_ESCROW = "split_outside_escrow"
    # The end
    CONTRACT_ALREADY_ENDED = "contract_already_ended"
    END_BEFORE_START = "end_before_start"
    END_BEFORE_LAST_PAYMENT = "end_before_last_payment"
    # Feedback
    FEEDBACK_ON_OPEN_CONTRACT = "feedback_on_open_contract"
    FEEDBACK_WINDOW_CLOSED = "feedback_window_closed"
    FEEDBACK_ONCE_PER_SIDE = "feedback_once_per_side"
    FEEDBACK_AFTER_RESPONSE = "feedback_after_response"
    STARS_OUT_OF_RANGE = "stars_out_of_range"
    PRIVATE_SCORE_OUT_OF_RANGE = "private_score_out_of_range"
    CLIENT_SIDE_ONLY = "client_side_only"
    # Edits
    EDIT_GRANT_ONCE = "edit_grant_once"
    EDIT_GRANT_OUTSIDE_WINDOW = "edit_grant_outside_window"
    NOTHING_TO_EDIT = "nothing_to_edit"
    EDIT_WITHOUT_GRANT = "edit_without_grant"
    EDIT_OUTSIDE_GRANT_PERIOD = "edit_outside_grant_period"
    FEEDBACK_EDITED_ONCE = "feedback_edited_once"
    PRIVATE_FEEDBACK_IS_FINAL = "private_feedback_is_final"
    # Responses
    RESPONSE_ONCE_PER_SIDE = "response_once_per_side"
    NOTHING_TO_RESPOND_TO = "nothing_to_respond_to"
    RESPONSE_BEFORE_REVEAL = "response_before_reveal"
    RESPONSE_AFTER_DEADLINE = "response_after_deadline"
    # Removal
    NOTHING_TO_REMOVE = "nothing_to_remove"
    FEEDBACK_ALREADY_REMOVED = "feedback_already_removed"
    ALLOWANCE_FOR_CLIENT_FEEDBACK_ONLY = "allowance_for_client_feedback_only"
    REMOVAL_ALLOWANCE_TOO_SOON = "removal_allowance_too_soon"
    REMOVAL_ALLOWANCE_NOT_EARNED = "removal_allowance_not_earned"
    REMOVAL_WOULD_LOWER_SCORE = "removal_would_lower_score"
    # Clients
    CLIENT_ALREADY_FLAGGED = "client_already_flagged"


def known_contract(state: MarketState, contract_id: str) -> ContractState:
    found = state.contracts.get(contract_id)
    if found is None:
        refuse(
            Rule.UNKNOWN_CONTRACT,
            f"no contract {contract_id!r}; open it first",
            record=f"contract {contract_id}",
            field="contract_id",
        )
    return found


def is_retry(old: object | None, new: object, rule: Rule, record: str, field: str) -> bool:
    """Whether `new` is `old` recorded again (an idempotent retry that changes nothing);
    refused under `rule` when `old` exists with other content."""
    if old is None:
        return False
    if old != new:
        refuse(rule, "was already recorded with other content", record=record, field=field)
    return True


def refuse(rule: Rule, message: str, *, record: str, field: str) -> NoReturn:
    raise RuleBroken(rule.value, message, record=record, field=field)


def _day(at: datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M} UTC"


def check_ids_and_instants(recorded: Recorded, record: str) -> None:
    """Every instant is aware (UTC), every id is non-blank."""
    if recorded.recorded_at.utcoffset() is None:
        refuse(Rule.INSTANT_WITHOUT_TIMEZONE, _NAIVE, record=record, field="recorded_at")
    fact = recorded.fact
    for spec in fields(fact):
        value = getattr(fact, spec.name)
        if isinstance(value, datetime) and value.utcoffset() is None:
            refuse(Rule.INSTANT_WITHOUT_TIMEZONE, _NAIVE, record=record, field=spec.name)
        if spec.name.endswith("_id") and isinstance(value, str) and not value.strip():
            refuse(
                Rule.EMPTY_ID, "is empty; every record needs an id", record=record, field=spec.name
            )


_NAIVE = "has no time zone; instants are UTC, such as 2026-01-31T12:00:00Z"


def operator_only(recorded: Recorded, what: str, record: str) -> None:
    if recorded.actor_role is not Role.OPERATOR:
        refuse(
            Rule.OPERATOR_ONLY,
            f"only the operator may {what}; this was recorded by a {recorded.actor_role}",
            record=record,
            field="actor",
        )


def act_as(contract: ContractState, recorded: Recorded, side: Party | EndedBy, field: str) -> None:
    """A client or freelancer acts only as its own side of its own contracts; the platform's
    acts are the operator's; the operator may record for anyone."""
    if recorded.actor_role is Role.OPERATOR:
        return
    if side == EndedBy.PLATFORM:
        operator_only(recorded, "act for the platform", contract.record)
    party = Party(side)
    if recorded.actor_role.value != party.value or recorded.actor_id != contract.side_id(party):
        actor = " ".join(filter(None, (recorded.actor_role, recorded.actor_id)))
        refuse(
            Rule.NOT_THAT_SIDE,
            f"only the {party} of this contract ({contract.side_id(party)}) or the operator "
            f"may record this; {actor} may not",
            record=contract.record,
            field=field,
        )


def not_backfilled(recorded: Recorded, record: str, *instants: tuple[str, datetime]) -> None:
    """Only the operator may record a fact that took effect before it was recorded."""
    if recorded.actor_role is Role.OPERATOR:
        return
    for field, at in instants:
        if at < recorded.recorded_at:
            refuse(
                Rule.BACKFILL_BY_OPERATOR_ONLY,
                f"{_day(at)} is before it was recorded ({_day(recorded.recorded_at)}); "
                "only the operator may record the past",
                record=record,
                field=field,
            )


def check_amount(value: Decimal, record: str, field: str) -> None:
    """A positive amount in whole cents."""
    if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
        refuse(
            Rule.AMOUNT_NOT_POSITIVE, f"is {value}; must be positive", record=record, field=field
        )
    check_whole_cents(value, record, field)


def check_whole_cents(value: Decimal, record: str, field: str) -> None:
    """An amount in whole cents, no larger than every store and engine holds exactly."""
    if has_sub_cents(value):
        refuse(Rule.SUB_CENT_AMOUNT, f"{value} {SUB_CENT}", record=record, field=field)
    if abs(value) > MAX_AMOUNT:
        refuse(
            Rule.AMOUNT_TOO_LARGE,
            f"{value} is too large; amounts go up to {MAX_AMOUNT:,}",
            record=record,
            field=field,
        )


def check_stars(
    stars: float,
    category_stars: tuple[tuple[FeedbackCategory, float], ...],
    by: Party,
    record: str,
) -> None:
    if not isinstance(stars, int | float) or not 1.0 <= stars <= 5.0:
        refuse(
            Rule.STARS_OUT_OF_RANGE,
            f"is {stars}; public stars go from 1.0 to 5.0",
            record=record,
            field="stars",
        )
    if category_stars and by is not Party.CLIENT:
        refuse(
            Rule.CLIENT_SIDE_ONLY,
            "category stars are the client's rating of the freelancer",
            record=record,
            field="category_stars",
        )
    for category, value in category_stars:
        if not isinstance(value, int | float) or not 1.0 <= value <= 5.0:
            refuse(
                Rule.STARS_OUT_OF_RANGE,
                f"is {value}; category stars go from 1.0 to 5.0",
                record=record,
                field=f"category_stars[{category}]",
            )


def within(at: datetime, start: datetime, days: int) -> bool:
    return start <= at <= start + timedelta(days=days)
