"""The HTTP benchmark's own code at a tiny scale: its marketplace, its percentiles and its
verdicts. (The load itself is `make bench-service`.)"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

for _module in ("aiohttp", "uvloop", "fastapi"):
    pytest.importorskip(_module, reason="needs jobscore[bench,service]")

from bench.service import PHASES, verdicts  # noqa: E402
from bench.service_load import Phase  # noqa: E402
from bench.service_market import STAR, MarketSize, build_market  # noqa: E402

from jobscore.domain.market_facts import history_of  # noqa: E402
from jobscore.store.memory import MemoryStore  # noqa: E402

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def test_the_marketplace_has_the_star_and_a_write_for_each_slot() -> None:
    store = MemoryStore()
    size = MarketSize(
        star_contracts=12, other_contracts=30, other_freelancers=5, clients=4,
        open_contracts=3, awaiting_feedback=4,
    )  # fmt: skip
    market = build_market(store, size, NOW)
    history = history_of(store.state(), STAR, NOW)
    assert len(history.contracts) == 12
    assert all(c.ended_at is not None and c.ended_at < NOW for c in history.contracts)
    # Two feedback writes per contract awaiting it, each after a payment.
    assert len(market.writes) == 2 * 2 * size.awaiting_feedback
    feedback = [w for w in market.writes if w.path.endswith("/feedback")]
    assert len({(w.path, w.token) for w in feedback}) == len(feedback)
    assert market.contracts == 12 + 30 + 3 + 4


def _phase(latencies_ms: list[float], seconds: float, errors: int = 0) -> Phase:
    phase = Phase(latencies=[ms / 1000 for ms in latencies_ms], seconds=seconds)
    phase.ok = len(latencies_ms) - errors
    phase.errors = errors
    return phase


def test_percentiles_and_rate() -> None:
    phase = _phase([float(n) for n in range(1, 101)], seconds=2.0)
    assert phase.rate == 50.0
    assert phase.percentile(50) == pytest.approx(50.5)
    assert phase.percentile(99) == pytest.approx(99.01)


def _result(read_p99: float, write_errors: int) -> dict[str, object]:
    median = {phase: _phase([1.0] * 99 + [2.0], 0.1).summary() for phase in PHASES}
    median["reads paced"] = {**median["reads paced"], "p99_ms": read_p99, "requests_per_s": 400}
    median["writes paced"] = {**median["writes paced"], "errors": write_errors,
                              "requests_per_s": 150}  # fmt: skip
    return {"median": median, "rates": {"reads": 400.0, "writes": 150.0}}


def test_a_target_is_met_only_with_its_rate_its_p99_and_no_error() -> None:
    assert verdicts(_result(read_p99=49.0, write_errors=0)) == {"reads": True, "writes": True}
    assert verdicts(_result(read_p99=51.0, write_errors=1)) == {"reads": False, "writes": False}
