"""A demo marketplace in a store: the example histories, each its own freelancer; a seeded
simulated marketplace of a few hundred freelancers; weekly snapshots, so that score history
and Top Rated have something to read; one contract whose feedback window is open; and a
token for a freelancer, a client and the operator.

Snapshots are taken with the reference scorer, one freelancer at a time, and kept with
`Store.save_snapshot`: a demo is small enough for that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from jobscore.domain.enums import EndedBy, EndReason, Kind
from jobscore.domain.events import (
    ClientRegistered,
    ContractEnded,
    ContractOpened,
    Fact,
    PaymentMade,
    Recorded,
    Role,
)
from jobscore.domain.facts import History
from jobscore.instants import shift_months
from jobscore.io.history_files import HistoryFile, load_history_file
from jobscore.scoring.catalog import CATALOG
from jobscore.service.tokens import issue_token
from jobscore.store.importer import facts_of_file
from jobscore.store.port import SnapshotRow, Store

__all__ = [
    "DEMO_AS_OF",
    "DEMO_CLIENT",
    "DEMO_CONTRACT",
    "DemoMarket",
    "build_demo",
    "example_freelancer",
    "snapshot_rows",
]

#: The demo's "now": the instant the README's examples are read at.
DEMO_AS_OF = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
#: The client the demo signs in as, and the contract whose feedback it has yet to give.
DEMO_CLIENT = "harbor-studio"
DEMO_CONTRACT = "harbor-landing-page"


@dataclass(frozen=True, slots=True)
class DemoMarket:
    """What `build_demo` made, and the tokens to sign in with (shown once)."""

    freelancers: int
    contracts: int
    snapshot_rows: int
    freelancer_id: str
    client_id: str
    contract_id: str
    tokens: dict[str, str]


def example_freelancer(path: Path) -> str:
    """The freelancer an example file becomes: the one it names, or for a single person's
    file (freelancer `me`) its file name (`veteran_150.csv` -> veteran-150)."""
    ids = load_history_file(path).freelancer_ids()
    return path.stem.replace("_", "-") if ids == ("me",) else ids[0]


def _as_freelancer(file: HistoryFile, freelancer_id: str) -> HistoryFile:
    """A single person's file (freelancer `me`) as the history of `freelancer_id`."""
    if file.freelancer_ids() != ("me",) or freelancer_id == "me":
        return file
    contracts = tuple(replace(c, freelancer_id=freelancer_id) for c in file.contracts)
    return HistoryFile(file.source, contracts, {}, file.clients, file.findings)


def _import(store: Store, file: HistoryFile, at: datetime) -> None:
    recorded, _ = facts_of_file(file, store.state(), at)
    store.record_all(recorded)


def _simulated(seed: int, freelancers: int, months: int, as_of: datetime) -> HistoryFile:
    from jobscore.simulate.world import WorldConfig, generate_world

    config = WorldConfig(
        seed=seed,
        months=months,
        initial_freelancers=freelancers,
        arrivals_per_month=max(1, freelancers // 50),
        clients=freelancers,
        start=shift_months(as_of, -months),
    )
    world = generate_world(config)
    contracts = tuple(c for history in world.histories for c in history.contracts)
    return HistoryFile(f"simulated marketplace (seed {seed})", contracts)


def _open_feedback_window(store: Store, freelancer_id: str, as_of: datetime) -> None:
    """A contract the demo client ended three days ago: both sides may still give feedback."""
    started, ended = as_of - timedelta(days=40), as_of - timedelta(days=3)
    facts: list[Fact] = [
        ClientRegistered(started - timedelta(days=30), DEMO_CLIENT, payment_verified=True),
        ContractOpened(started, DEMO_CONTRACT, freelancer_id, DEMO_CLIENT, Kind.FIXED),
        PaymentMade(ended - timedelta(days=1), DEMO_CONTRACT, "harbor-milestone-1", Decimal(800)),
        ContractEnded(ended, DEMO_CONTRACT, EndedBy.CLIENT, EndReason.COMPLETED),
    ]
    store.record_all(
        [Recorded(f, as_of, Role.OPERATOR, None, f"demo:{n}") for n, f in enumerate(facts)]
    )


def snapshot_rows(
    histories: Mapping[str, History], policies: Sequence[str], at: datetime
) -> list[SnapshotRow]:
    """Every freelancer's reading under each policy as of `at`, by the reference scorer,
    from what had happened by then."""
    rows = []
    for policy_name in policies:
        policy = CATALOG.policy(policy_name)
        for freelancer_id, history in histories.items():
            result = CATALOG.score(history.known_at(at), policy, at)
            rows.append(
                SnapshotRow(
                    freelancer_id=freelancer_id,
                    policy=policy_name,
                    as_of=at,
                    score=result.score,
                    window=result.window,
                    eligible=result.eligible,
                    badges=tuple(result.badges),
                    interval=result.interval,
                )
            )
    return rows


def build_demo(
    store: Store,
    examples: Sequence[Path],
    *,
    seed: int = 1,
    freelancers: int = 200,
    months: int = 24,
    weeks: int = 16,
    as_of: datetime = DEMO_AS_OF,
    freelancer_id: str | None = None,
) -> DemoMarket:
    """Fill `store` (a new one) with the demo marketplace; see the module."""
    for path in examples:
        file = load_history_file(path)
        _import(store, _as_freelancer(file, example_freelancer(path)), as_of)
    _import(store, _simulated(seed, freelancers, months, as_of), as_of)
    chosen = freelancer_id or (example_freelancer(examples[0]) if examples else "f00000")
    _open_feedback_window(store, chosen, as_of)
    state = store.state()
    histories = {fid: store.history(fid, as_of) for fid in sorted(state.freelancers)}
    saved = 0
    for week in range(weeks - 1, -1, -1):
        at = as_of - timedelta(weeks=week)
        # Every policy at the last snapshot; the weeks before, the policy whose badges
        # read them.
        policies = CATALOG.names() if week == 0 else ("upwork",)
        saved += store.save_snapshot(snapshot_rows(histories, policies, at))
    tokens = {
        "operator": issue_token(store, Role.OPERATOR),
        "freelancer": issue_token(store, Role.FREELANCER, chosen),
        "client": issue_token(store, Role.CLIENT, DEMO_CLIENT),
    }
    return DemoMarket(
        freelancers=len(histories),
        contracts=len(state.contracts),
        snapshot_rows=saved,
        freelancer_id=chosen,
        client_id=DEMO_CLIENT,
        contract_id=DEMO_CONTRACT,
        tokens=tokens,
    )
