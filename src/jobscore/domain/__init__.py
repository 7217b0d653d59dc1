"""The domain: records, enums, and the facts every input reduces to."""

from jobscore.domain.enums import (
    DisputeResult,
    EndedBy,
    EndReason,
    Kind,
    Outcome,
    Party,
    PaymentKind,
)
from jobscore.domain.facts import FEEDBACK_WINDOW_DAYS, ContractFacts, History, check_contract
from jobscore.domain.records import (
    AccountHold,
    Client,
    ClientFeedback,
    Contract,
    Dispute,
    Freelancer,
    FreelancerFeedback,
    Payment,
    Refund,
)
from jobscore.domain.reduce import check_ledger, reduce_contract

__all__ = [
    "FEEDBACK_WINDOW_DAYS",
    "AccountHold",
    "Client",
    "ClientFeedback",
    "Contract",
    "ContractFacts",
    "Dispute",
    "DisputeResult",
    "EndReason",
    "EndedBy",
    "Freelancer",
    "FreelancerFeedback",
    "History",
    "Kind",
    "Outcome",
    "Party",
    "Payment",
    "PaymentKind",
    "Refund",
    "check_contract",
    "check_ledger",
    "reduce_contract",
]
