"""What a hypothetical change did to a history, and what a client may do after a refund.

`apply_changes` answers in figures: each change it applies leaves an effect (a refund of so
much, feedback left, a contract closed ...), and `jobscore.render.tool_words` writes them as
sentences. The tools write none.

A refund is in the freelancer's hands; what the client does next is not. Until the client's
feedback is final (the feedback window has closed), a refunded contract is `Pending`, and a
tool shows both ways it can go: the client content (pleased with a partial refund: good
feedback and the contract completed; or, refunded in full, leaving no feedback) and the client
unhappy all the same (the feedback it has said it will leave, else a poor one). Feedback
recorded on a contract whose window is still open is taken as what the client has said it
will leave, not as final.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from jobscore.domain.enums import EndedBy, EndReason
from jobscore.domain.facts import FEEDBACK_WINDOW_DAYS, ContractFacts, History
from jobscore.instants import end_of_day

__all__ = [
    "GOOD_FEEDBACK",
    "POOR_FEEDBACK",
    "Added",
    "ClientResponse",
    "ClockMoved",
    "Closed",
    "Effect",
    "FeedbackFinal",
    "FeedbackLeft",
    "KeptOpen",
    "Pending",
    "Refunded",
    "Responded",
    "feedback_window_closes",
    "respond",
]

#: What a pleased and an unhappy client leave, when a tool has to assume one: stars, private.
GOOD_FEEDBACK = (5.0, 10)
POOR_FEEDBACK = (1.0, 0)


class ClientResponse(StrEnum):
    """What a client whose feedback is not final does after a refund."""

    #: Good feedback, and the contract ends as completed.
    PLEASED = "pleased"
    #: No feedback at all (refunded in full: "no money changed hands").
    SILENT = "silent"
    #: The feedback it has said it will leave, else a poor one.
    UNHAPPY = "unhappy"


@dataclass(frozen=True, slots=True)
class Refunded:
    contract_id: str
    amount: Decimal
    #: What was left to refund before this refund.
    left: Decimal
    #: Refunded in full, and so cancelled.
    in_full: bool


@dataclass(frozen=True, slots=True)
class FeedbackLeft:
    contract_id: str
    stars: float | None
    private_score: int | None
    #: The contract was open, and ends now so that feedback can be left.
    ended_now: bool = False


@dataclass(frozen=True, slots=True)
class Closed:
    contract_id: str
    at: datetime
    #: No feedback is recorded and none was given with the change.
    without_feedback: bool


@dataclass(frozen=True, slots=True)
class KeptOpen:
    contract_id: str
    until: datetime
    #: Paid every 30 days at its average rate so far: this much a month, this much in all.
    monthly: Decimal
    added: Decimal


@dataclass(frozen=True, slots=True)
class Added:
    count: int
    amount: Decimal
    length_days: int
    stars: float | None
    private_score: int | None


@dataclass(frozen=True, slots=True)
class ClockMoved:
    as_of: datetime
    to: datetime


@dataclass(frozen=True, slots=True)
class FeedbackFinal:
    """A refund cannot change this contract's feedback: its window closed before the refund."""

    contract_id: str
    closed_at: datetime


@dataclass(frozen=True, slots=True)
class Responded:
    """The response a scenario assumes of a client whose feedback the refund left open."""

    contract_id: str
    response: ClientResponse
    stars: float | None
    private_score: int | None
    #: The contract ends as completed (a pleased client).
    completed: bool = False


Effect = Refunded | FeedbackLeft | Closed | KeptOpen | Added | ClockMoved | FeedbackFinal


@dataclass(frozen=True, slots=True)
class Pending:
    """A refunded contract whose client has not given final feedback."""

    contract_id: str
    in_full: bool
    #: The feedback the client has said it will leave (recorded before the refund), if any.
    said: tuple[float | None, int | None] | None

    @property
    def content(self) -> ClientResponse:
        """The good way it can go: silent after a full refund, pleased after a partial one."""
        return ClientResponse.SILENT if self.in_full else ClientResponse.PLEASED


def feedback_window_closes(c: ContractFacts) -> datetime | None:
    """When the contract's feedback becomes final: the end of day 14 after it ended."""
    return None if c.ended_at is None else end_of_day(c.ended_at, FEEDBACK_WINDOW_DAYS)


def respond(
    history: History, pending: Sequence[Pending], content: bool
) -> tuple[History, tuple[Responded, ...]]:
    """`history` with every pending client content (`content`) or unhappy, and what was
    assumed of each."""
    by_id = {p.contract_id: p for p in pending}
    contracts = []
    assumed = []
    for c in history.contracts:
        waiting = by_id.get(c.contract_id)
        if waiting is None:
            contracts.append(c)
            continue
        response = waiting.content if content else ClientResponse.UNHAPPY
        changed, said = _responding(c, waiting, response)
        contracts.append(changed)
        assumed.append(said)
    return history.with_contracts(tuple(contracts)), tuple(assumed)


def _responding(
    c: ContractFacts, waiting: Pending, response: ClientResponse
) -> tuple[ContractFacts, Responded]:
    blank = replace(c, stars=None, private_score=None, feedback_at=None, feedback_removed=False)
    if response is ClientResponse.SILENT:
        return blank, Responded(c.contract_id, response, None, None)
    if response is ClientResponse.PLEASED:
        stars, private = GOOD_FEEDBACK
        pleased = replace(
            blank,
            stars=stars,
            private_score=private,
            ended_by=c.ended_by or EndedBy.CLIENT,
            end_reason=EndReason.COMPLETED,
        )
        return pleased, Responded(c.contract_id, response, stars, private, completed=True)
    said: tuple[float | None, int | None] = waiting.said or POOR_FEEDBACK
    unhappy = replace(blank, stars=said[0], private_score=said[1])
    return unhappy, Responded(c.contract_id, response, *said)
