"""Who may call which route: one table, checked by one dependency on every route.

A role allowed here may still be refused by the service or the rules when the record is not
its own (a client paying another client's contract). A route missing from the table is
refused to everyone; a test walks every route with every role.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from jobscore.service.access import ROLES, Access

__all__ = ["ACCESS", "ROLES", "Access"]

_A, _O, _D = Access.ALLOWED, Access.OWN, Access.DENIED


def _row(*access: Access) -> dict[str, Access]:
    """Access for the roles in the order of `ROLES`."""
    return dict(zip(ROLES, access, strict=True))


#: (method, route path) -> role -> access.
ACCESS: Mapping[tuple[str, str], Mapping[str, Access]] = MappingProxyType(
    {
        ("POST", "/freelancers"): _row(_A, _D, _D, _D),
        ("POST", "/clients"): _row(_A, _D, _D, _D),
        ("POST", "/contracts"): _row(_A, _O, _D, _D),
        ("POST", "/contracts/{contract_id}/payments"): _row(_A, _O, _D, _D),
        ("POST", "/contracts/{contract_id}/refunds"): _row(_A, _D, _O, _D),
        ("POST", "/contracts/{contract_id}/end"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/feedback"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/disputes"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/disputes/{dispute_id}/resolution"): _row(_A, _D, _D, _D),
        ("POST", "/contracts/{contract_id}/feedback/{author}/edit-grant"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/feedback/{author}/edit"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/feedback/{author}/response"): _row(_A, _O, _O, _D),
        ("POST", "/contracts/{contract_id}/feedback/{author}/removal"): _row(_A, _D, _D, _D),
        ("POST", "/clients/{client_id}/flags"): _row(_A, _D, _D, _D),
        ("GET", "/contracts/{contract_id}"): _row(_A, _O, _O, _D),
        ("GET", "/freelancers/{freelancer_id}/score"): _row(_A, _A, _A, _A),
        ("GET", "/freelancers/{freelancer_id}/explain"): _row(_A, _D, _O, _D),
        ("GET", "/freelancers/{freelancer_id}/score-history"): _row(_A, _A, _A, _A),
        # The tools: a freelancer's own; a client's risk for any freelancer screening it, and
        # for the client itself.
        ("GET", "/freelancers/{freelancer_id}/badges"): _row(_A, _D, _O, _D),
        ("POST", "/freelancers/{freelancer_id}/whatif"): _row(_A, _D, _O, _D),
        ("GET", "/freelancers/{freelancer_id}/refund-or-keep/{contract_id}"): _row(_A, _D, _O, _D),
        ("GET", "/freelancers/{freelancer_id}/recover"): _row(_A, _D, _O, _D),
        ("GET", "/clients/{client_id}/risk"): _row(_A, _O, _A, _D),
        ("GET", "/audit"): _row(_A, _D, _D, _D),
        ("POST", "/snapshots"): _row(_A, _D, _D, _D),
        ("GET", "/snapshots/latest"): _row(_A, _D, _D, _D),
        ("GET", "/openapi.json"): _row(_A, _A, _A, _A),
        ("GET", "/docs"): _row(_A, _A, _A, _A),
    }
)
