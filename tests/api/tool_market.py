"""A marketplace for the tools' tests: two freelancers' histories imported into the store.

`ana` has a contract whose five public stars hide a private 2 (`k3`: only the private
feedback makes it bad), a bad outcome (`k5`), an open hourly contract (`k8`) and one ended
a week ago whose client has not given feedback yet (`k9`). `ben` shares clients with her,
so that a client's risk reads more than one freelancer's contracts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from jobscore.domain.events import Role
from jobscore.service import issue_token
from jobscore.store.importer import import_history
from tests.api.conftest import Market

__all__ = ["AS_OF", "AS_OF_TEXT", "HISTORY", "PRIVATELY_BAD", "stock"]

AS_OF = datetime(2026, 11, 1, tzinfo=UTC)
AS_OF_TEXT = "2026-11-01T00:00:00Z"
#: Good by its public stars, bad by its private score alone.
PRIVATELY_BAD = "k3"

HISTORY = """\
freelancer_id,contract_id,client_id,kind,started_at,ended_at,end_reason,earned,refunded,last_payment_at,stars,private_score
ana,k1,acme,fixed,2025-09-01,2025-09-20,completed,800.00,,,5.0,10
ana,k2,bolt,fixed,2025-11-03,2025-11-28,completed,1200.00,,,5.0,9
ana,k3,cove,fixed,2026-01-12,2026-02-06,completed,600.00,,,5.0,2
ana,k4,acme,fixed,2026-03-16,2026-04-03,completed,450.00,,,4.0,8
ana,k5,dune,fixed,2026-05-04,2026-06-12,quality,1650.00,,,2.0,3
ana,k6,bolt,fixed,2026-07-20,2026-08-14,completed,700.00,100.00,,5.0,10
ana,k7,echo,fixed,2026-09-14,2026-10-09,completed,380.00,,,4.8,
ana,k8,acme,hourly,2026-08-03,,,900.00,,2026-10-26,,
ana,k9,cove,fixed,2026-10-05,2026-10-24,completed,500.00,,,,
ben,m1,cove,fixed,2025-10-01,2025-10-20,completed,500.00,,,3.0,1
ben,m2,acme,fixed,2026-02-01,2026-02-20,completed,300.00,,,5.0,10
ben,m3,dune,fixed,2026-06-01,2026-06-20,cancelled,400.00,400.00,,,
"""


def stock(market: Market, folder: Path, history: str = HISTORY) -> Market:
    """Import `history` into the market's store, with tokens for `ana`, `ben` and the client
    `dune`."""
    path = folder / "market.csv"
    path.write_text(history, encoding="utf-8")
    import_history(market.store, path, datetime(2026, 11, 2, tzinfo=UTC))
    market.tokens["ana"] = issue_token(market.store, Role.FREELANCER, "ana")
    market.tokens["ben"] = issue_token(market.store, Role.FREELANCER, "ben")
    market.tokens["dune"] = issue_token(market.store, Role.CLIENT, "dune")
    return market
