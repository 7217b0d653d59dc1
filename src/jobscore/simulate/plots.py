"""PNG plots of the simulation, byte for byte the same for the same results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from jobscore.simulate.metrics import LENGTH_BINS
from jobscore.simulate.run import ROWS, SimulationResults

__all__ = ["write_plots"]

#: No software name or date in the file, so the bytes depend on the data alone.
_METADATA = {"Software": None}
_DPI = 100


def _save(figure: Any, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=_DPI, metadata=_METADATA)
    plt.close(figure)
    return path


def _tau(results: SimulationResults, path: Path) -> Path:
    figure, axes = plt.subplots(figsize=(8, 4))
    names = [row.policy for row in results.main.taus]
    seen = [row.tau_as_seen or 0.0 for row in results.main.taus]
    scored = [row.tau_scored or 0.0 for row in results.main.taus]
    positions = range(len(names))
    axes.bar([p - 0.2 for p in positions], seen, width=0.4, label="as clients see it")
    axes.bar([p + 0.2 for p in positions], scored, width=0.4, label="over those scored")
    axes.set_xticks(list(positions), names)
    axes.set_ylabel("Kendall τ with true quality")
    axes.legend()
    return _save(figure, path)


def _errors(results: SimulationResults, path: Path) -> Path:
    figure, axes = plt.subplots(figsize=(8, 4))
    labels = [label for label, _, _ in LENGTH_BINS]
    for row in results.errors:
        values = [row.by_bin[label][0] for label in labels]
        axes.plot(
            labels, [float("nan") if v is None else v for v in values], marker="o", label=row.policy
        )
    axes.set_xlabel("contracts in the history")
    axes.set_ylabel("mean |score − 100·quality|")
    axes.legend()
    return _save(figure, path)


def _recovery(results: SimulationResults, path: Path) -> Path:
    figure, axes = plt.subplots(figsize=(8, 4))
    histories = sorted({row.jobs_before for row in results.recovery})
    width = 0.8 / len(ROWS)
    for index, policy in enumerate(ROWS):
        lost = []
        for jobs in histories:
            row = next(r for r in results.recovery if r.policy == policy and r.jobs_before == jobs)
            lost.append(row.points_lost or 0.0)
        axes.bar(
            [h + (index - (len(ROWS) - 1) / 2) * width for h in range(len(histories))],
            lost,
            width=width,
            label=policy,
        )
    axes.set_xticks(range(len(histories)), [f"{h} good jobs before" for h in histories])
    axes.set_ylabel("points lost after one bad job")
    axes.legend()
    return _save(figure, path)


def _sweep(results: SimulationResults, path: Path) -> Path:
    figure, panels = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    for axes, kind in zip(panels, ("harsh", "hostile"), strict=True):
        shares = sorted({p.share for p in results.sweep if p.kind == kind})
        for policy in ROWS:
            values = [results.sweep_tau(kind, s, policy).tau_as_seen for s in shares]
            axes.plot(
                [100 * s for s in shares],
                [float("nan") if v is None else v for v in values],
                marker="o",
                label=policy,
            )
        axes.set_xlabel(f"{kind} clients (% of clients)")
        axes.set_title(kind)
    panels[0].set_ylabel("Kendall τ (as clients see it)")
    panels[1].legend()
    return _save(figure, path)


def write_plots(results: SimulationResults, out: Path) -> list[Path]:
    return [
        _tau(results, out / "tau.png"),
        _errors(results, out / "error_by_length.png"),
        _recovery(results, out / "recovery.png"),
        _sweep(results, out / "sweep.png"),
    ]
