"""Time jobscore's commands on one long generated history, each run a fresh process.

    .venv/bin/python bench/score_cli.py --contracts 1000 --runs 5
    .venv/bin/python bench/score_cli.py --tools --contracts 500 --runs 5

The first form times `score` and `explain`. With `--tools` it times every freelancer tool
(whatif, refund-or-keep, recover, screen) and `score` and `explain`, under the `upwork` and
`bayes` policies, printing text and `--json`, on the history of
`scripts/make_long_history.py` (the contract the tools ask about is one of the last few).

Prints the median wall time of each command, run as a fresh process (what a person waits for,
interpreter start and imports included), and the largest peak memory of its runs; with
`--tools` also the best run, which says more than the median on a busy machine. Output goes
to a pipe, so text is laid out for a 160-column page.
"""

from __future__ import annotations

import argparse
import collections
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).parents[1]
POLICIES = ("upwork", "bayes")


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


def run_once(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one run of `argv`."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}")
    return elapsed, usage.ru_maxrss


def time_runs(argv: list[str], runs: int) -> tuple[list[float], int]:
    """The wall time of each of `runs` runs, and the largest peak memory among them."""
    results = [run_once(argv) for _ in range(runs)]
    return [t for t, _ in results], max(kib for _, kib in results)


def time_command(argv: list[str], runs: int) -> tuple[float, int]:
    """The median wall time of `runs` runs, and the largest peak memory among them."""
    times, peak = time_runs(argv, runs)
    return statistics.median(times), peak


def score_and_explain(jobscore: str, contracts: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.csv"
        write_history(path, contracts)
        print(f"history: {contracts} contracts; median of {runs} runs")
        for command in (["score"], ["score", "--json"], ["explain", "--json"]):
            argv = [jobscore, command[0], str(path), "--as-of", "2026-11-01", *command[1:]]
            median, peak = time_command(argv, runs)
            print(
                f"  jobscore {' '.join(command):<16} {median * 1000:7.0f} ms   "
                f"peak RSS {peak / 1024:.0f} MiB"
            )


def tool_commands(path: Path, contracts: int) -> list[tuple[str, list[str]]]:
    """(label, arguments) of each command timed with `--tools`."""
    with path.open(newline="") as handle:
        clients = collections.Counter(row["client_id"] for row in csv.DictReader(handle))
    asked = f"k{max(contracts - 5, 0):04d}"
    busiest = clients.most_common(1)[0][0]
    return [
        (f"whatif --refund {asked}", ["whatif", str(path), "--refund", asked]),
        (f"refund-or-keep {asked}", ["refund-or-keep", str(path), asked]),
        ("recover", ["recover", str(path)]),
        (f"screen --client {busiest}", ["screen", str(path), "--client", busiest]),
        ("explain", ["explain", str(path)]),
        ("score", ["score", str(path)]),
    ]


def tools(jobscore: str, contracts: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.csv"
        script = ROOT / "scripts" / "make_long_history.py"
        subprocess.run([sys.executable, str(script), str(contracts), str(path)], check=True)
        columns = [(policy, form) for policy in POLICIES for form in ("text", "json")]
        print(
            f"history: {contracts} contracts (scripts/make_long_history.py), as of 2026-11-01; "
            f"wall time in ms of {runs} runs, each a fresh process: median (best); "
            "peak RSS of the largest run"
        )
        tiny = Path(folder) / "one.csv"
        subprocess.run([sys.executable, str(script), "1", str(tiny)], check=True)
        start = time_runs([sys.executable, "-c", "pass"], runs)[0]
        least = time_runs([jobscore, "score", str(tiny), "--as-of", "2026-11-01", "--json"], runs)[
            0
        ]
        print(
            f"  for scale: the interpreter starts in {statistics.median(start) * 1000:.0f} ms; "
            f"`jobscore score --json` of a 1-contract history takes "
            f"{statistics.median(least) * 1000:.0f} ms"
        )
        print(f"  {'jobscore ...':<28}" + "".join(f"{p + ' ' + f:>14}" for p, f in columns))
        for label, args in tool_commands(path, contracts):
            cells, peak = [], 0
            for policy, form in columns:
                argv = [jobscore, *args, "--as-of", "2026-11-01", "--policy", policy]
                times, kib = time_runs(argv + (["--json"] if form == "json" else []), runs)
                median, best = statistics.median(times) * 1000, min(times) * 1000
                cells.append(f"{median:8.0f} ({best:3.0f})")
                peak = max(peak, kib)
            print(f"  {label:<28}" + "".join(cells) + f"   {peak / 1024:4.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contracts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--tools", action="store_true", help="time the freelancer tools under both policies"
    )
    args = parser.parse_args()
    jobscore = str(Path(sys.executable).parent / "jobscore")
    if args.tools:
        tools(jobscore, args.contracts, args.runs)
    else:
        score_and_explain(jobscore, args.contracts, args.runs)


if __name__ == "__main__":
    main()
