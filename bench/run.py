"""`make bench`: jobscore's DuckDB engine against a vectorised pandas baseline, and Spark.

    python -m bench.run [--contracts 20000000] [--freelancers 2000000] [--repeats 3]

Generates the marketplace once (seeded, cached under .bench-cache/), checks on a small sample
that the pandas baseline and the engines agree with the reference scorer, then times each
implementation in its own child process: median wall and CPU time of the runs, and the peak
resident memory of the child as the kernel reports it (wait4 rusage) plus that of any process
it started (Spark's JVM). No measurement disturbs another.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.marketplace import AS_OF, write_marketplace
from bench.processes import descendants, process_stats

__all__ = ["main"]

CACHE = Path(".bench-cache")
SAMPLE_CONTRACTS = 20_000


def cached_marketplace(contracts: int, freelancers: int, seed: int) -> Path:
    """The marketplace directory, generated on first use and reused afterwards."""
    directory = CACHE / f"market-{contracts}-{freelancers}-seed{seed}"
    if directory.is_dir():
        return directory
    partial = CACHE / f".partial-{directory.name}"
    shutil.rmtree(partial, ignore_errors=True)
    started = time.perf_counter()
    write_marketplace(partial, contracts, freelancers, seed)
    partial.rename(directory)
    print(
        f"generated {contracts:,} contracts in {time.perf_counter() - started:.1f} s -> {directory}"
    )
    return directory


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) <= 1e-9
    return bool(a == b)


def check_sample(seed: int, contracts: int = SAMPLE_CONTRACTS) -> None:
    """Pandas and DuckDB against the reference on a small marketplace, every column."""
    from bench.pandas_baseline import score_with_pandas
    from jobscore.batch import score_marketplace
    from jobscore.batch.output import read_rows
    from jobscore.batch.reference import reference_rows
    from jobscore.scoring import UPWORK

    with tempfile.TemporaryDirectory() as tmp:
        data = write_marketplace(Path(tmp) / "sample", contracts, contracts // 8, seed)
        expected = {r["freelancer_id"]: r for r in reference_rows(data, UPWORK, AS_OF)}
        outputs = {"pandas": Path(tmp) / "pandas.parquet", "duckdb": Path(tmp) / "duckdb.parquet"}
        score_with_pandas(data, outputs["pandas"], UPWORK, AS_OF)
        score_marketplace(data, outputs["duckdb"], policy=UPWORK, as_of=AS_OF)
        for name, path in outputs.items():
            got = {r["freelancer_id"]: r for r in read_rows(path)}
            wrong = [
                (f, k)
                for f, row in expected.items()
                for k, v in row.items()
                if f not in got or not _same(v, got[f].get(k))
            ]
            if wrong or len(got) != len(expected):
                raise SystemExit(f"{name} disagrees with the reference, e.g. {wrong[:3]}")
        print(f"sample of {contracts:,} contracts: pandas and duckdb agree with the reference")


def child(engine: str, data: Path, repeats: int, threads: int, memory_limit: str) -> None:
    """Run one implementation `repeats` times in this process; print the timings as JSON."""
    from jobscore.scoring import UPWORK

    timings: list[float] = []
    cpu_seconds: list[float] = []
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        out = Path(tmp) / "scores.parquet"
        if engine == "pandas":
            from bench.pandas_baseline import score_with_pandas

            def run() -> None:
                score_with_pandas(data, out, UPWORK, AS_OF)
        else:
            from jobscore.batch import open_engine, score_marketplace

            options: dict[str, Any] = {}
            if engine == "duckdb":
                options = {
                    "threads": threads,
                    "memory_limit": memory_limit,
                    "temp_directory": Path(tmp),
                }
            else:
                from jobscore.batch.spark_engine import local_session

                options = {"session": local_session(f"local[{threads}]")}
            runner = open_engine(engine, **options)

            def run() -> None:
                score_marketplace(data, out, policy=UPWORK, as_of=AS_OF, engine=runner)

        for _ in range(repeats):
            started, cpu = time.perf_counter(), _cpu_seconds()
            run()
            timings.append(time.perf_counter() - started)
            cpu_seconds.append(_cpu_seconds() - cpu)
        # Spark computes in a JVM this process started; it is still running here.
        helpers_kib = sum(_peak_kib(pid) for pid in descendants(os.getpid()))
    print(
        json.dumps(
            {"timings": timings, "cpu_seconds": cpu_seconds, "helpers_peak_kib": helpers_kib}
        )
    )


def _cpu_seconds() -> float:
    """CPU time (user and system) of this process and of the processes it started."""
    own = os.times()
    stats = process_stats()
    ticks = sum(
        int(stats[pid][11]) + int(stats[pid][12])  # utime, stime
        for pid in descendants(os.getpid(), stats)
        if pid in stats
    )
    return own.user + own.system + ticks / os.sysconf("SC_CLK_TCK")


def _peak_kib(pid: int) -> int:
    """A running process's peak resident memory (VmHWM), in KiB; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(engine: str, data: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable, "-m", "bench.run", "--child", engine, "--data", str(data),
        "--repeats", str(args.repeats), "--threads", str(args.threads),
        "--memory-limit", args.memory_limit,
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{engine} failed with exit code {process.returncode}")
    measured = json.loads(output.strip().splitlines()[-1])
    timings = measured["timings"]
    # The child's own peak (Linux reports kilobytes) plus the peaks of the processes it
    # started and that were still running (Spark's JVM): an upper bound of their sum at
    # any one moment.
    return {
        "engine": engine,
        "timings": timings,
        "median_s": statistics.median(timings),
        "median_cpu_s": statistics.median(measured["cpu_seconds"]),
        "peak_mib": (usage.ru_maxrss + measured["helpers_peak_kib"]) / 1024,
    }


def report(rows: list[dict[str, Any]], sizes: dict[str, int]) -> str:
    lines = [
        "| implementation | contracts | runs | median wall time | median CPU time | peak memory |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        runs = ", ".join(f"{t:.1f}" for t in row["timings"])
        lines.append(
            f"| {row['engine']} | {sizes[row['engine']]:,} | {runs} s | {row['median_s']:.1f} s"
            f" | {row['median_cpu_s']:.1f} s | {row['peak_mib']:,.0f} MiB |"
        )
    by_name = {row["engine"]: row for row in rows}
    if "duckdb" in by_name and "pandas" in by_name:
        d, p = by_name["duckdb"], by_name["pandas"]
        lines.append("")
        lines.append(
            f"pandas / duckdb: {p['median_s'] / d['median_s']:.1f}x the time,"
            f" {p['peak_mib'] / d['peak_mib']:.1f}x the peak memory"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--contracts", type=int, default=20_000_000)
    parser.add_argument("--freelancers", type=int, default=None, help="default: contracts / 10")
    parser.add_argument("--spark-contracts", type=int, default=2_000_000, help="0 skips Spark")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default="1600MB", help="DuckDB's memory budget")
    parser.add_argument("--child", choices=["duckdb", "pandas", "spark"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    CACHE.mkdir(exist_ok=True)
    if args.child:
        child(args.child, args.data, args.repeats, args.threads, args.memory_limit)
        return

    check_sample(args.seed)
    freelancers = args.freelancers or max(args.contracts // 10, 1)
    data = cached_marketplace(args.contracts, freelancers, args.seed)
    rows = [measure("duckdb", data, args), measure("pandas", data, args)]
    sizes = {"duckdb": args.contracts, "pandas": args.contracts}
    if args.spark_contracts:
        small = cached_marketplace(
            args.spark_contracts, max(args.spark_contracts // 10, 1), args.seed
        )
        rows.append(measure("spark", small, args))
        sizes["spark"] = args.spark_contracts
    table = report(rows, sizes)
    print(table)
    (CACHE / "results.md").write_text(table + "\n")


if __name__ == "__main__":
    main()
