"""`make bench-service`: the HTTP API under load, on SQLite and on PostgreSQL.

    python -m bench.service [--database sqlite postgresql] [--runs 3] [--workers 1]
                            [--reads 4000] [--writes 2000] [--read-rate 400]
                            [--write-rate 150] [--paced-seconds 10] [--connections 16]
                            [--seconds 30] [--json]

For each database it builds a store holding the marketplace of `bench/service_market.py` (a
freelancer with 200 contracts among a few thousand others), starts the real server
(`jobscore serve --workers N`, a separate process on 127.0.0.1 and a free port), warms it
up, then makes `--runs` runs, one after the other, of four phases over `--connections`
keep-alive connections:

- reads as fast as they are answered: `GET /freelancers/star/score` with a client's token,
  `--reads` requests (each connection sends its next request when its last is answered);
- reads paced at `--read-rate` per second for `--paced-seconds`: request n is due n / rate
  seconds after the start and its latency counts from then, so a server that falls behind
  shows it in its latencies (no coordinated omission);
- writes as fast as they are answered, `--writes` requests, then paced at `--write-rate`:
  payments on open contracts and feedback on ended ones, alternating, each with an
  `Idempotency-Key` of its own; every one must be answered 201.

A phase stops after `--seconds` whatever is left. It reports requests per second, latency
percentiles, errors, the CPU the load generator and the server used (shares of one core),
and the server's peak resident memory (the kernel's VmHWM, summed over the server's
processes), then the medians of the runs, and whether each target is met: the capacity at
least the target rate, and at that rate p99 within its bound.

The SQLite store is a file in a temporary directory under `.bench-cache/`. The PostgreSQL
store is a schema of its own (created, then dropped) in the database at
`JOBSCORE_BENCH_DATABASE_URL`, else `JOBSCORE_TEST_DATABASE_URL`.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.service_load import Phase, measure, read_phase, server, write_phase
from bench.service_market import STAR, MarketSize, build_market

__all__ = ["main"]

CACHE = Path(".bench-cache")
_URL_VARIABLES = ("JOBSCORE_BENCH_DATABASE_URL", "JOBSCORE_TEST_DATABASE_URL")


@contextmanager
def sqlite_store() -> Iterator[str]:
    CACHE.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="service-") as tmp:
        yield f"sqlite:///{Path(tmp).resolve() / 'market.db'}"


@contextmanager
def postgresql_store() -> Iterator[str]:
    """A new schema in the benchmark's PostgreSQL database, dropped afterwards."""
    from urllib.parse import quote

    import sqlalchemy as sa

    from jobscore.store.engine import make_engine

    base = next((os.environ[v] for v in _URL_VARIABLES if os.environ.get(v)), None)
    if base is None:
        raise SystemExit(f"PostgreSQL: set {' or '.join(_URL_VARIABLES)}")
    schema = f"jobscore_bench_{secrets.token_hex(4)}"
    engine = make_engine(base, poolclass=sa.pool.NullPool)
    with engine.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        options = quote(f"-csearch_path={schema}")
        yield f"{base}{'&' if '?' in base else '?'}options={options}"
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        engine.dispose()


STORES = {"sqlite": sqlite_store, "postgresql": postgresql_store}


def _analyze(store: Any) -> None:
    """Gather the planner's statistics of the tables just loaded, as autovacuum does on a
    running server (a server without it plans the log's tail read as a scan of the log)."""
    from jobscore.store.tables import metadata

    with store.engine.begin() as connection:
        for table in metadata.tables:
            connection.exec_driver_sql(f'ANALYZE "{table}"')


#: The targets: requests per second at least, and p99 in milliseconds at most at that rate.
TARGETS = {"reads": (400.0, 50.0), "writes": (150.0, 100.0)}
KINDS = ("reads", "writes")
#: The phases of a run: each load as fast as the server answers, then paced at its target.
PHASES = tuple(f"{kind} {mode}" for kind in KINDS for mode in ("capacity", "paced"))


def bench_database(name: str, args: argparse.Namespace) -> dict[str, Any]:
    from jobscore.store.factory import make_store
    from jobscore.store.migrate import upgrade

    rates = {"reads": args.read_rate, "writes": args.write_rate}
    paced = {kind: int(rate * args.paced_seconds) for kind, rate in rates.items()}
    writes_per_run = args.writes + paced["writes"]
    size = MarketSize(
        star_contracts=args.star_contracts,
        other_contracts=args.other_contracts,
        awaiting_feedback=(writes_per_run * args.runs + 200) // 4 + 1,
    )
    with STORES[name]() as url:
        upgrade(url)
        store = make_store(url)
        started = time.perf_counter()
        try:
            market = build_market(store, size, datetime.now(UTC))
            if name == "postgresql":
                _analyze(store)
        finally:
            store.close()
        print(
            f"{name}: {market.contracts:,} contracts, {market.facts:,} facts loaded in "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        reads = read_phase(f"/freelancers/{STAR}/score", market.reader_token)
        writes = iter(market.writes)
        loads = {"reads": lambda: reads, "writes": lambda: write_phase(writes)}
        runs: list[dict[str, Phase]] = []
        with server(url, args.workers) as running:
            # Warm-up: the server reads the log once, the connections open.
            measure(running, reads, args.connections, min(args.reads // 4, 500), args.seconds)
            measure(running, write_phase(writes), args.connections, 100, args.seconds)
            for n in range(args.runs):
                run: dict[str, Phase] = {}
                for kind in KINDS:
                    count = args.reads if kind == "reads" else args.writes
                    run[f"{kind} capacity"] = measure(
                        running, loads[kind](), args.connections, count, args.seconds
                    )
                    run[f"{kind} paced"] = measure(
                        running, loads[kind](), args.connections, paced[kind],
                        args.seconds, rates[kind],
                    )  # fmt: skip
                runs.append(run)
                print(f"{name} run {n + 1}:\n{_lines(run)}", file=sys.stderr)
            peak_mib = running.peak_kib() / 1024
    return {
        "database": name,
        "contracts": market.contracts,
        "star_contracts": size.star_contracts,
        "workers": args.workers,
        "connections": args.connections,
        "rates": rates,
        "runs": [{phase: p.summary() for phase, p in run.items()} for run in runs],
        "median": {phase: _medians([run[phase] for run in runs]) for phase in PHASES},
        "server_peak_mib": round(peak_mib, 1),
    }


def _lines(run: dict[str, Phase]) -> str:
    return "\n".join(
        f"  {phase}: {p.rate:,.0f}/s p50 {p.percentile(50):.1f} ms p99 {p.percentile(99):.1f} ms"
        f" errors {p.errors}{' ' + p.first_errors[0] if p.first_errors else ''}"
        for phase, p in run.items()
    )


def _medians(phases: list[Phase]) -> dict[str, float]:
    summaries = [p.summary() for p in phases]
    keys = [k for k, v in summaries[0].items() if isinstance(v, int | float)]
    return {k: round(statistics.median(float(s[k]) for s in summaries), 2) for k in keys}  # type: ignore[arg-type]


def verdicts(result: dict[str, Any]) -> dict[str, bool]:
    """Each target met: the capacity at least the rate, and paced at that rate, every answer
    as expected, the rate kept and p99 within bounds (medians of the runs)."""
    met = {}
    for kind, (rate, p99) in TARGETS.items():
        capacity, paced = result["median"][f"{kind} capacity"], result["median"][f"{kind} paced"]
        met[kind] = (
            capacity["requests_per_s"] >= rate
            and paced["requests_per_s"] >= 0.98 * result["rates"][kind]
            and result["rates"][kind] >= rate
            and paced["p99_ms"] <= p99
            and capacity["errors"] == paced["errors"] == 0
        )
    return met


def report(results: list[dict[str, Any]]) -> str:
    lines = [
        "| store | load | requests/s | p50 | p95 | p99 | errors | generator CPU | server CPU"
        " | server peak RSS |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        for phase in PHASES:
            m = result["median"][phase]
            lines.append(
                f"| {result['database']} | {phase} | {m['requests_per_s']:,.0f}"
                f" | {m['p50_ms']:.1f} ms | {m['p95_ms']:.1f} ms | {m['p99_ms']:.1f} ms"
                f" | {m['errors']:.0f} | {m['generator_cpu']:.0%} | {m['server_cpu']:.0%}"
                f" | {result['server_peak_mib']:,.0f} MiB |"
            )
    lines.append("")
    for result in results:
        for kind, met in verdicts(result).items():
            rate, p99 = TARGETS[kind]
            lines.append(
                f"{result['database']} {kind}: {'met' if met else 'MISSED'}"
                f" (at least {rate:.0f}/s, p99 under {p99:.0f} ms)"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database", nargs="+", choices=list(STORES), default=list(STORES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reads", type=int, default=4_000, help="reads as fast as answered")
    parser.add_argument("--writes", type=int, default=2_000, help="writes as fast as answered")
    parser.add_argument("--read-rate", type=float, default=TARGETS["reads"][0])
    parser.add_argument("--write-rate", type=float, default=TARGETS["writes"][0])
    parser.add_argument("--paced-seconds", type=float, default=10.0, help="each paced phase")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0, help="the most a phase runs")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="`jobscore serve --workers` (1, as served by default)",
    )
    parser.add_argument("--star-contracts", type=int, default=200)
    parser.add_argument("--other-contracts", type=int, default=4_000)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    results = [bench_database(name, args) for name in args.database]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(report(results))


if __name__ == "__main__":
    main()
