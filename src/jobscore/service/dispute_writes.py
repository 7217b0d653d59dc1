"""The use cases that record a dispute: either side opens one with the money in escrow; the
operator resolves it with the freelancer's share of that money."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from jobscore.domain.enums import DisputeResult, Party
from jobscore.domain.events import DisputeOpened, DisputeResolved
from jobscore.money import ZERO
from jobscore.service.caller import Caller
from jobscore.service.writes import WriteAnswer, Writes, _generated_id, side_of

__all__ = ["DisputeWrites"]


class DisputeWrites(Writes):
    def open_dispute(
        self,
        caller: Caller,
        contract_id: str,
        escrow: Decimal = ZERO,
        by: Party | None = None,
        dispute_id: str | None = None,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        """A dispute opened by the caller's side of the contract (the operator names it)."""
        contract = self._contract(contract_id)
        by = side_of(caller, by, contract, "opening the dispute")
        side = by
        chosen = dispute_id or _generated_id("d", caller, key)
        return self._record(
            caller,
            key,
            at,
            lambda t: DisputeOpened(t, contract_id, chosen, side, escrow),
            {"dispute_id": chosen},
        )

    def resolve_dispute(
        self,
        caller: Caller,
        contract_id: str,
        dispute_id: str,
        freelancer_share: Decimal,
        result: DisputeResult | None = None,
        key: str | None = None,
        at: datetime | None = None,
    ) -> WriteAnswer:
        """The operator's resolution: the freelancer's share of the escrow, the client gets the
        rest; `result` names the winner (None: a settlement)."""
        self._contract(contract_id)
        return self._record(
            caller,
            key,
            at,
            lambda t: DisputeResolved(t, contract_id, dispute_id, freelancer_share, result),
            {"dispute_id": dispute_id},
        )
