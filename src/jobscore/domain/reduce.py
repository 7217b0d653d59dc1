"""Reduce full contract records (dated payments, refunds, feedback) to `ContractFacts`."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from jobscore.domain.facts import ContractFacts, quarters_with_a_payment
from jobscore.domain.records import Client, Contract
from jobscore.errors import Problem
from jobscore.money import ZERO

__all__ = ["REFUND_LIMIT_DAYS", "check_ledger", "reduce_contract"]

#: The platform allows refunds up to 180 days after the payment they return.
REFUND_LIMIT_DAYS = 180


def check_ledger(contract: Contract) -> list[Problem]:
    """The money rules that need dates: no payment before the start, no refund above
    what was paid and not yet refunded, no refund more than 180 days after the payment it
    returns (the one it names, else the latest before it)."""
    problems: list[Problem] = []
    record = f"contract {contract.id}"
    for payment in contract.payments:
        if payment.at < contract.started_at:
            problems.append(
                Problem(
                    field=f"payments[{payment.id}].at",
                    message=f"{payment.at:%Y-%m-%d} is before the contract started "
                    f"({contract.started_at:%Y-%m-%d})",
                    record=record,
                )
            )
        if payment.amount <= 0:
            problems.append(
                Problem(
                    field=f"payments[{payment.id}].amount",
                    message=f"is {payment.amount}; a payment must be positive",
                    record=record,
                )
            )
    events = sorted(
        [(p.at, 0, p.amount, p.id, None) for p in contract.payments]
        + [(r.at, 1, r.amount, r.id, r.payment_id) for r in contract.refunds],
        key=lambda event: (event[0], event[1]),
    )
    paid_at = {p.id: p.at for p in contract.payments}
    paid, refunded = ZERO, ZERO
    last_payment: datetime | None = None
    for at, is_refund, amount, ident, payment_id in events:
        if not is_refund:
            paid += amount
            last_payment = at
            continue
        name = f"refunds[{ident}]"
        # A refund that names its payment runs its 180 days from that payment; one that
        # does not is given the benefit of the doubt (the latest payment before it).
        refunded_payment_at = last_payment
        if payment_id is not None:
            if payment_id not in paid_at:
                problems.append(
                    Problem(
                        f"{name}.payment_id",
                        f"no payment {payment_id!r} on this contract",
                        record=record,
                    )
                )
                continue
            refunded_payment_at = paid_at[payment_id]
            if at < refunded_payment_at:
                problems.append(
                    Problem(
                        f"{name}.at",
                        f"{at:%Y-%m-%d} is before the payment it returns "
                        f"({refunded_payment_at:%Y-%m-%d})",
                        record=record,
                    )
                )
                continue
        if amount <= 0:
            problems.append(
                Problem(f"{name}.amount", f"is {amount}; must be positive", None, None, record)
            )
        elif amount > paid - refunded:
            problems.append(
                Problem(
                    f"{name}.amount",
                    f"{amount} is above what was paid and not yet refunded ({paid - refunded})",
                    record=record,
                )
            )
        elif refunded_payment_at is not None and at > refunded_payment_at + timedelta(
            days=REFUND_LIMIT_DAYS
        ):
            problems.append(
                Problem(
                    f"{name}.at",
                    f"refunds are allowed up to {REFUND_LIMIT_DAYS} days after the payment; "
                    f"the payment was {refunded_payment_at:%Y-%m-%d}",
                    record=record,
                )
            )
        refunded += amount
    return problems


def reduce_contract(
    contract: Contract, client: Client | None = None, as_of: datetime | None = None
) -> ContractFacts:
    """The facts of one contract as they stood at `as_of` (everything, when it is None)."""

    def known(at: datetime | None) -> bool:
        return at is not None and (as_of is None or at <= as_of)

    payments = [p for p in contract.payments if known(p.at)]
    refunds = [r for r in contract.refunds if known(r.at)]
    ended_at = contract.ended_at if known(contract.ended_at) else None
    earned = sum((p.amount for p in payments), ZERO)
    refunded = sum((r.amount for r in refunds), ZERO)
    last_payment_at = max((p.at for p in payments), default=None)

    end_of_length = ended_at or last_payment_at or contract.started_at
    paid_quarters = quarters_with_a_payment(
        contract.started_at, (p.at for p in payments), end_of_length
    )

    final = [f for f in contract.feedback if known(f.at) and not f.mid_contract]
    feedback = max(final, key=lambda f: f.at) if final else None
    dispute = next(
        (
            d.result
            for d in sorted(contract.disputes, key=lambda d: d.opened_at, reverse=True)
            if d.result is not None and known(d.resolved_at or d.opened_at)
        ),
        None,
    )
    ledger: tuple[tuple[datetime, Decimal], ...] = tuple(
        sorted([(p.at, p.amount) for p in payments] + [(r.at, -r.amount) for r in refunds])
    )
    return ContractFacts(
        contract_id=contract.id,
        freelancer_id=contract.freelancer_id,
        client_id=contract.client_id,
        kind=contract.kind,
        started_at=contract.started_at,
        ended_at=ended_at,
        ended_by=contract.ended_by if ended_at else None,
        end_reason=contract.end_reason if ended_at else None,
        earned=earned,
        refunded=refunded,
        last_payment_at=last_payment_at,
        paid_quarters=paid_quarters,
        stars=feedback.stars if feedback else None,
        private_score=feedback.private_score if feedback else None,
        feedback_at=feedback.at if feedback else None,
        feedback_removed=feedback.removed if feedback else False,
        dispute=dispute,
        client_flagged=client.counts_against_nobody if client else False,
        category=contract.category,
        currency=contract.currency,
        ledger=ledger,
    )
