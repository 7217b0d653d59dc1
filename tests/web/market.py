"""A small marketplace for the page tests, in a SQLite file, and the app that serves it with
a stepped clock the tests can move.

- `eve` has only an imported history (no private feedback), so her tools answer what
  `jobscore whatif` answers on the same file;
- `ada` works for client `acme` on contracts the tests end and rate through the pages;
- every freelancer has weekly snapshots under `upwork` and a last one under every policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from fastapi import FastAPI

from jobscore.api import create_app
from jobscore.domain.enums import EndReason
from jobscore.domain.events import Role
from jobscore.service import Caller, Service, Settings, SteppedClock, issue_token
from jobscore.service.demo import snapshot_rows
from jobscore.store import make_store
from jobscore.store.importer import import_history
from jobscore.store.migrate import prepare
from jobscore.web import install_pages

__all__ = ["EVE_HISTORY", "START", "TestMarket", "build_market"]

#: The clock of the page tests starts here, and moves a second at each reading.
START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

#: Eve's history: three clients, one bad job; no private scores.
EVE_HISTORY = """contract_id,freelancer_id,client_id,started_at,ended_at,end_reason,earned,stars
e1,eve,kettle-coffee,2025-03-01,2025-04-10,completed,800,5
e2,eve,northwind,2025-06-01,2025-07-15,completed,1200,5
e3,eve,bright-media,2025-09-01,2025-10-20,completed,300,4.8
e4,eve,northwind,2025-11-01,2026-01-10,completed,2500,5
e5,eve,harbor,2026-02-01,2026-03-15,quality,700,1
e6,eve,kettle-coffee,2026-03-20,2026-05-01,completed,450,5
"""


@dataclass
class TestMarket:
    """The served marketplace: its service (to set the scene and check the store), its
    clock, and a token for each role."""

    __test__ = False

    service: Service
    clock: SteppedClock
    tokens: dict[str, str]
    history_file: Path

    def as_operator(self) -> Caller:
        return Caller(Role.OPERATOR)

    def open_ended_contract(self, contract_id: str, amount: str = "400") -> None:
        """A contract of ada's with acme, paid and ended now: its feedback window opens."""
        acme = Caller(Role.CLIENT, "acme")
        self.service.open_contract(acme, contract_id, "ada", "acme")
        self.service.pay(acme, contract_id, Decimal(amount), f"{contract_id}-p1")
        self.service.end(acme, contract_id, EndReason.COMPLETED)

    def open_disputed_contract(self, contract_id: str, escrow: str = "100") -> str:
        """An ended contract of ada's with acme whose client opened a dispute; its id."""
        self.open_ended_contract(contract_id)
        acme = Caller(Role.CLIENT, "acme")
        dispute_id = f"{contract_id}-d1"
        self.service.open_dispute(acme, contract_id, Decimal(escrow), dispute_id=dispute_id)
        return dispute_id


def build_market(directory: Path) -> tuple[FastAPI, TestMarket]:
    url = f"sqlite:///{directory / 'market.db'}"
    prepare(url)
    store = make_store(url)
    history = directory / "eve.csv"
    history.write_text(EVE_HISTORY)
    import_history(store, history, START - timedelta(days=1))
    clock = SteppedClock(START)
    service = Service(store, clock)
    operator = Caller(Role.OPERATOR)
    service.register_freelancer(operator, "ada")
    service.register_client(operator, "acme")
    tokens = {
        "operator": issue_token(store, Role.OPERATOR),
        "client": issue_token(store, Role.CLIENT, "acme"),
        "freelancer": issue_token(store, Role.FREELANCER, "ada"),
        "eve": issue_token(store, Role.FREELANCER, "eve"),
    }
    market = TestMarket(service, clock, tokens, history)
    market.open_ended_contract("logo")
    histories = {fid: store.history(fid, START) for fid in sorted(store.state().freelancers)}
    for week in range(3, 0, -1):
        store.save_snapshot(snapshot_rows(histories, ("upwork",), START - timedelta(weeks=week)))
    store.save_snapshot(snapshot_rows(histories, ("upwork", "upwork-2015", "bayes"), START))
    app = install_pages(create_app(Settings(database_url=url), store, clock))
    return app, market
