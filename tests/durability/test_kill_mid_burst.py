"""An acknowledged write survives a kill -9 of the server, and a retry under its key never
records it twice.

The real server runs as a separate process. Several clients send a burst of keyed writes at
once (registrations, contracts, payments, refunds); the server is killed with SIGKILL in the
middle of it and started again on the same database; each client then retries, under the same
key, every write of its own that got no answer, and sends every other one again too. Then:
every write is in the log exactly once (by its actor and key), each acknowledged write where
its answer said, each answered again with its first answer, and the contracts read back as
the writes made them.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx2
import pytest

from jobscore.domain.events import Role
from jobscore.service import issue_token
from jobscore.store import make_store
from tests.durability.server import Server, cli

#: Concurrent clients, and the contracts each one opens (each with four writes).
CLIENTS = 4
CONTRACTS = 24
#: The server is killed once this many writes have been acknowledged.
KILL_AFTER = 150
#: How long one request may take before it counts as unanswered, in seconds.
REQUEST_TIMEOUT = 30.0
#: How long a client's burst may take in all, in seconds.
BURST_TIMEOUT = 180.0

REFUND = Decimal("5.25")


@dataclass(frozen=True, slots=True)
class Write:
    """One keyed write: who sends it (a token's name), where, and what."""

    who: str
    path: str
    body: dict[str, Any]
    key: str


@dataclass
class Lane:
    """One client's writes, in order, and the answers it got (201 bodies by position)."""

    writes: list[Write]
    answers: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: The position of the first write that got no answer before the kill, if any.
    cut: int | None = None


def lane(n: int) -> list[Write]:
    """Client `c<n>`'s writes: the operator registers it and freelancer `f<n>`; then per
    contract, the client opens it and pays twice, and the freelancer refunds out of the
    latest payment (no payment id: the server chooses, and must choose the same on a retry)."""
    client, freelancer = f"c{n}", f"f{n}"
    writes = [
        Write("operator", "/freelancers", {"freelancer_id": freelancer}, f"register-{freelancer}"),
        Write("operator", "/clients", {"client_id": client}, f"register-{client}"),
    ]
    for i in range(CONTRACTS):
        k = f"k{n}-{i}"
        opened = {"contract_id": k, "freelancer_id": freelancer, "client_id": client}
        writes += [
            Write(client, "/contracts", opened, f"{k}-open"),
            Write(client, f"/contracts/{k}/payments", {"amount": f"{10 + i}.00"}, f"{k}-pay-1"),
            Write(client, f"/contracts/{k}/payments", {"amount": "7.25"}, f"{k}-pay-2"),
            Write(freelancer, f"/contracts/{k}/refunds", {"amount": str(REFUND)}, f"{k}-refund"),
        ]
    return writes


def _headers(tokens: dict[str, str], write: Write) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens[write.who]}", "Idempotency-Key": write.key}


def _burst(
    server: Server, tokens: dict[str, str], lanes: list[Lane], kill_after: int
) -> tuple[int, list[BaseException]]:
    """Every lane sends its writes at once; the server is killed once `kill_after` writes
    are acknowledged. How many were acknowledged, and what failed in the lanes."""
    acknowledged = 0
    enough = threading.Event()
    count = threading.Lock()
    failures: list[BaseException] = []

    def send(one: Lane) -> None:
        nonlocal acknowledged
        try:
            with httpx2.Client(base_url=server.url, timeout=REQUEST_TIMEOUT) as http:
                for position, write in enumerate(one.writes):
                    try:
                        answer = http.post(
                            write.path, json=write.body, headers=_headers(tokens, write)
                        )
                    except httpx2.TransportError:
                        one.cut = position
                        return
                    assert answer.status_code == 201, (write, answer.text)
                    one.answers[position] = answer.json()
                    with count:
                        acknowledged += 1
                        if acknowledged >= kill_after:
                            enough.set()
        except BaseException as error:
            failures.append(error)
        finally:
            enough.set()  # a lane that ends early must not leave the kill waiting

    threads = [threading.Thread(target=send, args=(one,)) for one in lanes]
    for thread in threads:
        thread.start()
    assert enough.wait(BURST_TIMEOUT)
    server.kill()
    for thread in threads:
        thread.join(BURST_TIMEOUT)
        assert not thread.is_alive(), "a client hung after the kill"
    return acknowledged, failures


def _retry(server: Server, tokens: dict[str, str], one: Lane) -> Counter[str]:
    """Send the lane's writes again, in order: those without an answer for their first
    answer, the others to check they answer the same. What each retry turned out to be."""
    seen: Counter[str] = Counter()
    with httpx2.Client(base_url=server.url, timeout=REQUEST_TIMEOUT) as http:
        for position, write in enumerate(one.writes):
            answer = http.post(write.path, json=write.body, headers=_headers(tokens, write))
            assert answer.status_code == 201, (write, answer.text)
            replayed = answer.headers.get("idempotent-replayed") == "true"
            if position in one.answers:
                assert replayed, write
                assert answer.json() == one.answers[position], write
                seen["acknowledged, answered the same"] += 1
            else:
                # The write in flight at the kill may have been recorded, its answer lost;
                # the writes after it were never sent.
                assert not replayed or position == one.cut, write
                seen["in flight, found recorded" if replayed else "unanswered, recorded now"] += 1
                one.answers[position] = answer.json()
    return seen


def _whole_log(http: httpx2.Client) -> list[dict[str, Any]]:
    """Every entry of the log, newest first, page by page."""
    entries: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 100}
    for _ in range(1000):
        page = http.get("/audit", params=params)
        assert page.status_code == 200, page.text
        entries += page.json()
        if "link" not in page.headers:
            return entries
        params["before"] = entries[-1]["sequence"]
    raise AssertionError("the audit log never ended")


def _check_the_store(server: Server, tokens: dict[str, str], lanes: list[Lane]) -> None:
    operator = {"Authorization": f"Bearer {tokens['operator']}"}
    with httpx2.Client(base_url=server.url, timeout=REQUEST_TIMEOUT, headers=operator) as http:
        log = _whole_log(http)
        writes = [(w, one.answers[p]) for one in lanes for p, w in enumerate(one.writes)]
        # Every write recorded once, nothing else, nothing twice.
        keys = Counter(e["idempotency_key"] for e in log)
        assert keys == Counter(w.key for w, _ in writes)
        assert len({e["sequence"] for e in log}) == len(log) == len(writes)
        # Each where its answer said: the entry at its sequence is its own.
        by_sequence = {e["sequence"]: e for e in log}
        for write, answer in writes:
            entry = by_sequence[answer["sequence"]]
            assert (entry["idempotency_key"], entry["record"]) == (write.key, answer["record"])
            assert entry["actor_id"] == (None if write.who == "operator" else write.who)
        # The contracts read back as the writes made them.
        for n in range(CLIENTS):
            for i in range(CONTRACTS):
                contract = http.get(f"/contracts/k{n}-{i}").json()
                paid = sorted(Decimal(p["amount"]) for p in contract["payments"])
                assert paid == sorted([Decimal(f"{10 + i}.00"), Decimal("7.25")]), contract
                assert [Decimal(r["amount"]) for r in contract["refunds"]] == [REFUND], contract
                refunded = sum(Decimal(p["refunded"]) for p in contract["payments"])
                assert refunded == REFUND, contract


def _tokens(database: str) -> dict[str, str]:
    """The operator's token from `jobscore token create` (which also creates the tables of
    a new database); the clients' and freelancers' issued on the store directly."""
    output = cli("token", "create", "--database", database, "--role", "operator")
    tokens = {"operator": output.strip().splitlines()[-1]}
    store = make_store(database)
    try:
        for n in range(CLIENTS):
            tokens[f"c{n}"] = issue_token(store, Role.CLIENT, f"c{n}")
            tokens[f"f{n}"] = issue_token(store, Role.FREELANCER, f"f{n}")
    finally:
        store.close()
    return tokens


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    """The servers a test starts, each stopped at its end if still running."""
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


def run_the_burst(database: str, tmp_path: Path, servers: list[Server]) -> None:
    tokens = _tokens(database)
    lanes = [Lane(lane(n)) for n in range(CLIENTS)]
    log = tmp_path / "server.log"
    servers.append(Server(database, log))
    acknowledged, failures = _burst(servers[-1], tokens, lanes, KILL_AFTER)
    assert not failures, failures
    total = sum(len(one.writes) for one in lanes)
    assert KILL_AFTER <= acknowledged < total, "the kill came after the burst"
    assert all(one.cut is not None for one in lanes), "a client finished before the kill"
    servers.append(Server(database, log))
    seen: Counter[str] = Counter()
    for one in lanes:
        seen += _retry(servers[-1], tokens, one)
    assert seen["acknowledged, answered the same"] == acknowledged
    _check_the_store(servers[-1], tokens, lanes)


@pytest.mark.slow
def test_a_kill_mid_burst_loses_no_acknowledged_write_on_sqlite(
    tmp_path: Path, servers: list[Server]
) -> None:
    run_the_burst(f"sqlite:///{tmp_path / 'market.db'}", tmp_path, servers)


@pytest.mark.slow
@pytest.mark.postgres
def test_a_kill_mid_burst_loses_no_acknowledged_write_on_postgresql(
    postgres_schema: str, tmp_path: Path, servers: list[Server]
) -> None:
    run_the_burst(postgres_schema, tmp_path, servers)
