"""Time `jobscore score` and `jobscore explain` on one large generated history.

    .venv/bin/python bench/score_cli.py --contracts 1000 --runs 5

Prints the median wall time of each command, run as a fresh process (what a person waits for),
and the peak memory of the slowest run.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def write_history(path: Path, contracts: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    first = date(2026, 11, 1) - timedelta(days=3 * 365)
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "contract_id",
                "client_id",
                "kind",
                "started_at",
                "ended_at",
                "earned",
                "stars",
                "private_score",
            ]
        )
        for n in range(contracts):
            begun = first + timedelta(days=rng.randint(0, 3 * 365 - 40))
            ended = begun + timedelta(days=rng.randint(2, 40))
            private = rng.choices([10, 9, 8, 6, 2], weights=[60, 20, 10, 6, 4])[0]
            out.writerow(
                [
                    f"k{n}",
                    f"c{rng.randint(1, contracts // 3 + 2)}",
                    "fixed",
                    begun,
                    ended,
                    rng.choice([90, 240, 600, 1500, 4000]),
                    rng.choice([5.0, 4.8, 4.5, 4.0, 2.0]),
                    private,
                ]
            )


def time_command(argv: list[str], runs: int) -> tuple[float, int]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak_kib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contracts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    jobscore = str(Path(sys.executable).parent / "jobscore")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.csv"
        write_history(path, args.contracts)
        print(f"history: {args.contracts} contracts; median of {args.runs} runs")
        for command in (["score"], ["score", "--json"], ["explain", "--json"]):
            argv = [jobscore, command[0], str(path), "--as-of", "2026-11-01", *command[1:]]
            median, peak = time_command(argv, args.runs)
            print(
                f"  jobscore {' '.join(command):<16} {median * 1000:7.0f} ms   "
                f"peak RSS {peak / 1024:.0f} MiB"
            )


if __name__ == "__main__":
    main()
