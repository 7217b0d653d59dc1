"""The rich JSON history: full records with dated payments, refunds, disputes and feedback."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from jobscore.domain.enums import DisputeResult, EndedBy, EndReason, Kind, Party, PaymentKind
from jobscore.domain.facts import FEEDBACK_WINDOW_DAYS, ContractFacts, check_contract
from jobscore.domain.records import (
    AccountHold,
    Client,
    ClientFeedback,
    Contract,
    Dispute,
    Freelancer,
    Payment,
    Refund,
)
from jobscore.domain.reduce import check_ledger, reduce_contract
from jobscore.errors import Problem
from jobscore.instants import end_of_day
from jobscore.io.rows import FieldReader

__all__ = ["MAX_HOLD_DAYS", "parse_client", "parse_freelancer", "parse_rich_contract"]

#: The longest account hold a history may record: ten years.
MAX_HOLD_DAYS = 3650


def _items(read: FieldReader, name: str) -> list[Mapping[str, Any]]:
    value = read.raw.get(name)
    if value is None:
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        read.problem(name, "expected a list of objects")
        return []
    return value


def parse_freelancer(raw: Any, source: str) -> tuple[Freelancer | None, list[Problem]]:
    if not isinstance(raw, dict):
        return None, [Problem("freelancer", "expected an object", source)]
    read = FieldReader(raw, source, None, "freelancer")
    raw = read.raw
    ident = read.text("id", required=True)
    holds = []
    for index, hold in enumerate(_items(read, "holds")):
        sub = FieldReader(hold, source, None, f"freelancer holds[{index}]")
        start = sub.instant("start", required=True)
        days = sub.integer("days")
        if days is not None and not 0 <= days <= MAX_HOLD_DAYS:
            sub.problem("days", f"is {days}; a hold lasts 0 to {MAX_HOLD_DAYS} days")
            days = None
        read.problems += sub.problems
        if start is not None and not sub.problems:
            holds.append(
                AccountHold(start, days if days is not None else 14, sub.text("reason") or "")
            )
    freelancer = Freelancer(
        id=ident or "",
        joined_at=read.instant("joined_at"),
        profile_complete=read.flag("profile_complete") if "profile_complete" in raw else True,
        holds=tuple(holds),
        expert_vetted=read.flag("expert_vetted"),
    )
    return (None if read.problems else freelancer), read.problems


def parse_client(
    raw: Any, source: str, index: int
) -> tuple[Client | None, tuple[float | None, int | None], list[Problem]]:
    if not isinstance(raw, dict):
        return None, (None, None), [Problem("clients", "expected an object", source, index)]
    read = FieldReader(raw, source, index)
    read.record = f"client {read.raw.get('id', '?')}"
    ident = read.text("id", required=True)
    client = Client(
        id=ident or "",
        joined_at=read.instant("joined_at"),
        payment_verified=read.flag("payment_verified"),
        flagged=read.flag("flagged"),
        suspended=read.flag("suspended"),
    )
    means = (read.number("stars_given_mean"), read.integer("stars_given_count"))
    return (None if read.problems else client), means, read.problems


def parse_rich_contract(
    raw: Mapping[str, Any],
    source: str,
    index: int,
    default_freelancer: str,
    clients: Mapping[str, Client],
    decimal_comma: bool = False,
) -> tuple[ContractFacts | None, list[Problem]]:
    read = FieldReader(raw, source, index, decimal_comma=decimal_comma)
    raw = read.raw
    read.record = f"contract {raw.get('contract_id', raw.get('id'))}"
    read.problems = [replace(p, record=read.record) for p in read.problems]
    contract_id = read.text("contract_id" if "contract_id" in raw else "id", required=True)
    client_id = read.text("client_id", required=True)
    started_at = read.instant("started_at", required=True)
    ended_at = read.instant("ended_at")

    payments = []
    for n, item in enumerate(_items(read, "payments"), start=1):
        sub = FieldReader(item, source, index, read.record, decimal_comma)
        at, amount = sub.instant("at", required=True), sub.money("amount", required=True)
        kind = sub.choice("kind", PaymentKind, PaymentKind.MILESTONE)
        _prefix(read, sub, f"payments[{n}]")
        if at is not None and amount is not None and kind is not None:
            payments.append(Payment(sub.text("id") or f"p{n}", at, amount, kind))
    refunds = []
    for n, item in enumerate(_items(read, "refunds"), start=1):
        sub = FieldReader(item, source, index, read.record, decimal_comma)
        at, amount = sub.instant("at", required=True), sub.money("amount", required=True)
        _prefix(read, sub, f"refunds[{n}]")
        if at is not None and amount is not None:
            refunds.append(Refund(sub.text("id") or f"r{n}", at, amount, sub.text("payment_id")))
    disputes = []
    for n, item in enumerate(_items(read, "disputes"), start=1):
        sub = FieldReader(item, source, index, read.record, decimal_comma)
        opened = sub.instant("opened_at", required=True)
        by = sub.choice("opened_by", Party, Party.CLIENT)
        resolved, result = sub.instant("resolved_at"), sub.choice("result", DisputeResult)
        _prefix(read, sub, f"disputes[{n}]")
        if opened is not None and by is not None:
            disputes.append(Dispute(opened, by, resolved, result))
    feedback = []
    for n, item in enumerate(_items(read, "feedback"), start=1):
        sub = FieldReader(item, source, index, read.record, decimal_comma)
        at = sub.instant("at", required=True)
        stars, private = sub.number("stars"), sub.integer("private_score")
        mid = sub.flag("mid_contract")
        removed = sub.flag("removed")
        _prefix(read, sub, f"feedback[{n}]")
        if at is None:
            continue
        if ended_at is None and not mid:
            read.problem(f"feedback[{n}]", "end-of-contract feedback on an open contract")
        elif ended_at is not None and not mid and at > end_of_day(ended_at, FEEDBACK_WINDOW_DAYS):
            read.problem(
                f"feedback[{n}].at",
                f"{at:%Y-%m-%d} is after the feedback window closed (day "
                f"{FEEDBACK_WINDOW_DAYS} after {ended_at:%Y-%m-%d})",
            )
        # Only the latest end-of-contract item reaches the facts, so check every item here:
        # an earlier or mid-contract one with impossible stars is still bad input.
        if stars is not None and not 1.0 <= stars <= 5.0:
            read.problem(f"feedback[{n}].stars", f"is {stars:g}; public stars go from 1.0 to 5.0")
        if private is not None and not 0 <= private <= 10:
            read.problem(
                f"feedback[{n}].private_score",
                f"is {private}; the private score goes from 0 to 10",
            )
        if mid and private is not None:
            read.problem(f"feedback[{n}].private_score", "mid-contract feedback is public only")
        feedback.append(ClientFeedback(at, stars, private, removed=removed, mid_contract=mid))

    contract = None
    if contract_id and client_id and started_at:
        contract = Contract(
            id=contract_id,
            freelancer_id=read.text("freelancer_id") or default_freelancer,
            client_id=client_id,
            kind=read.choice("kind", Kind, Kind.FIXED) or Kind.FIXED,
            started_at=started_at,
            ended_at=ended_at,
            ended_by=read.choice("ended_by", EndedBy),
            end_reason=read.choice("end_reason", EndReason),
            category=read.text("category"),
            currency=(read.text("currency") or "USD").upper(),
            payments=tuple(payments),
            refunds=tuple(refunds),
            disputes=tuple(disputes),
            feedback=tuple(feedback),
        )
    problems = read.problems
    if contract is None:
        return None, problems
    for p in check_ledger(contract):
        problems.append(Problem(p.field, p.message, source, index, p.record))
    facts = reduce_contract(contract, clients.get(contract.client_id))
    # Problems with these facts were already reported against the item they come from.
    ledger_fields = {
        "refunded",
        "earned",
        "last_payment_at",
        "feedback_at",
        "stars",
        "private_score",
    }
    for p in check_contract(facts):
        if p.field not in ledger_fields or not problems:
            problems.append(Problem(p.field, p.message, source, index, p.record))
    return (None if problems else facts), problems


def _prefix(read: FieldReader, sub: FieldReader, name: str) -> None:
    for p in sub.problems:
        read.problems.append(Problem(f"{name}.{p.field}", p.message, p.source, p.row, p.record))
