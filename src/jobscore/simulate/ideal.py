"""The ideal observer: each freelancer's exact posterior of true quality, from the simulator's
own generative model, on a fine grid of quality.

Quality follows the world's model (`world.py`): drawn from Beta(a, b) at arrival, then steady,
a random walk (drift, clipped to the floor and ceiling), or one drop of a share drawn from
`DROP_SIZE` in a month drawn evenly; a contract started in month m goes well with chance
q_m; the truth is the quality at the end of the run. Each contract's record gives
(P(record | good), P(record | bad)) (`likelihood.py`), so it contributes
log(q·P_good + (1 − q)·P_bad) at each grid point q. The three patterns are weighed by their
shares in the world and by how well each explains the record:

    steady  sum of every month's log-likelihood at q, times the prior
    drop    the months before the drop at q, the months from it at max(q − size, floor),
            summed over every drop month and size
    drift   the forward algorithm of a hidden Markov chain over the unclipped walk

The "every true outcome seen" bound is the same posterior from the true outcomes of every
contract (P_good, P_bad = 1, 0 or 0, 1), open ones included.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from jobscore.simulate.likelihood import feedback_pending, outcome_likelihoods
from jobscore.simulate.world import (
    DROP_SIZE,
    FEEDBACK_DELAY_DAYS,
    FEEDBACK_DELAY_HOURS,
    QUALITY_CEILING,
    QUALITY_FLOOR,
    World,
    WorldConfig,
)

__all__ = [
    "GRID",
    "QualityModel",
    "QualityPosterior",
    "every_outcome_seen",
    "ideal_observer",
    "quality_posterior",
]

#: Cells of quality on [0, 1].
GRID = 400
#: Drop sizes (evenly spaced midpoints over DROP_SIZE) the drop pattern sums over.
DROP_SIZES = 10
#: The random walk's grid reaches this many of its standard deviations beyond [0, 1].
DRIFT_REACH = 5.0


@dataclass(frozen=True, slots=True)
class QualityModel:
    """How true quality is drawn and moves: the parts of `WorldConfig` the observer reads."""

    beta: tuple[float, float]
    months: int
    drift_share: float
    drift_step: float
    drop_share: float

    @classmethod
    def of(cls, config: WorldConfig) -> QualityModel:
        return cls(
            config.quality_beta,
            config.months,
            config.drift_share,
            config.drift_step,
            config.drop_share,
        )


@dataclass(frozen=True, slots=True)
class QualityPosterior:
    """Per freelancer: the posterior mean of true quality, and the ends of its central
    interval (0–1)."""

    mean: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]


class _Grid:
    """Quality cells q_0..q_{G−1} and two more values: the floor and the ceiling."""

    def __init__(self, model: QualityModel) -> None:
        self.size = GRID
        self.step = 1.0 / GRID
        self.q = (np.arange(GRID) + 0.5) * self.step
        self.values = np.concatenate([self.q, [QUALITY_FLOOR, QUALITY_CEILING]])
        self.floor_col, self.ceiling_col = GRID, GRID + 1
        # The first cell at or above the floor: a drop below it lands on the floor.
        self.first = int(np.searchsorted(self.q, QUALITY_FLOOR))
        a, b = model.beta
        log_prior = (a - 1.0) * np.log(self.q) + (b - 1.0) * np.log1p(-self.q)
        prior = np.exp(log_prior - log_prior.max())
        self.log_prior = np.log(prior / prior.sum())


def _month_sums(
    grid: _Grid,
    freelancers: int,
    rows: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    months: int,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each month: the freelancers with evidence in it, and the sum of their contracts'
    log-likelihoods at every value of the grid."""
    who, month, good, bad = rows
    scale = np.maximum(good, bad)
    usable = scale > 0
    who, month = who[usable], month[usable]
    good, bad = good[usable] / scale[usable], bad[usable] / scale[usable]
    order = np.lexsort((who, month))
    who, month, good, bad = who[order], month[order], good[order], bad[order]
    v = grid.values[None, :]
    terms = np.log(v * good[:, None] + (1.0 - v) * bad[:, None])
    out: list[tuple[np.ndarray, np.ndarray]] = []
    empty = (np.zeros(0, dtype=int), np.zeros((0, grid.values.size)))
    if who.size == 0:
        return [empty] * months
    pair = month * freelancers + who
    starts = np.flatnonzero(np.concatenate([[True], pair[1:] != pair[:-1]]))
    sums = np.add.reduceat(terms, starts, axis=0)
    pair_month, pair_who = month[starts], who[starts]
    for m in range(months):
        chosen = pair_month == m
        out.append((pair_who[chosen], sums[chosen]) if chosen.any() else empty)
    return out


def _log_normalise(log_values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of log-weights -> (rows of probabilities, each row's log of its total)."""
    top = log_values.max(axis=1, keepdims=True)
    weights = np.exp(log_values - top)
    total = weights.sum(axis=1, keepdims=True)
    return weights / total, (np.log(total) + top)[:, 0]


class _Drops:
    """The drop pattern: a sum over drop months and sizes, kept with a running scale per
    freelancer so that no term overflows."""

    def __init__(self, grid: _Grid, freelancers: int, months: int) -> None:
        self.grid = grid
        self.mass = np.zeros((freelancers, grid.values.size))
        self.scale = np.full(freelancers, -np.inf)
        sizes = DROP_SIZE[0] + (np.arange(DROP_SIZES) + 0.5) * (
            (DROP_SIZE[1] - DROP_SIZE[0]) / DROP_SIZES
        )
        self.shifts = [round(z / grid.step) for z in sizes]
        self.log_weight = -math.log(months * DROP_SIZES)

    def add(self, before: np.ndarray, after: np.ndarray) -> None:
        """One drop month: log-likelihood of the months before it and from it, by value.

        exp(prior + before) and exp(after) are each scaled by their largest value, so that
        each drop size costs a product of two shifted arrays rather than an exponential."""
        g, first = self.grid, self.grid.first
        size = g.size
        lead = g.log_prior[None, :] + before[:, :size]
        lead_top = lead.max(axis=1)
        tail_top = after.max(axis=1)
        lead_weights = np.exp(lead - lead_top[:, None])
        tail_weights = np.exp(after - tail_top[:, None])
        floor = tail_weights[:, g.floor_col]
        top = lead_top + tail_top
        new_scale = np.maximum(self.scale, top)
        self.mass *= np.exp(self.scale - new_scale)[:, None]
        self.scale = new_scale
        factor = np.exp(top - new_scale)
        for k in self.shifts:
            # Quality q before the drop is q − size after it, or the floor below that.
            self.mass[:, first : size - k] += (
                lead_weights[:, first + k :] * tail_weights[:, first : size - k]
            ) * factor[:, None]
            self.mass[:, g.floor_col] += (lead_weights[:, : first + k] * floor[:, None]).sum(
                axis=1
            ) * factor

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        total = self.mass.sum(axis=1)
        return self.mass / total[:, None], np.log(total) + self.scale + self.log_weight


class _Walk:
    """The drift pattern: a forward pass over the unclipped random walk on a grid with the
    quality grid's spacing, reaching `DRIFT_REACH` standard deviations of the whole walk
    beyond [0, 1]."""

    def __init__(self, grid: _Grid, model: QualityModel, freelancers: int) -> None:
        self.grid = grid
        g = grid
        reach = DRIFT_REACH * model.drift_step * math.sqrt(model.months + 1)
        self.pad = math.ceil(reach / g.step)
        cells = g.size + 2 * self.pad
        u = (np.arange(cells) - self.pad + 0.5) * g.step
        # Which grid value each cell of the walk shows as quality.
        self.column = np.where(
            u < QUALITY_FLOOR,
            g.floor_col,
            np.where(u > QUALITY_CEILING, g.ceiling_col, np.arange(cells) - self.pad),
        )
        sigma = model.drift_step / g.step
        half = math.ceil(DRIFT_REACH * sigma)
        offsets = np.arange(-half, half + 1)
        kernel = np.exp(-0.5 * (offsets / sigma) ** 2)
        self.length = 1 << math.ceil(math.log2(cells + half + 1))
        wrapped = np.zeros(self.length)
        wrapped[offsets % self.length] = kernel / kernel.sum()
        self.kernel = np.fft.rfft(wrapped)
        self.cells = cells
        start = np.zeros(cells)
        start[self.pad : self.pad + g.size] = np.exp(g.log_prior)
        self.belief = self._step(np.tile(start, (freelancers, 1)))
        self.log_evidence = np.zeros(freelancers)

    def _step(self, belief: np.ndarray) -> np.ndarray:
        moved = np.fft.irfft(np.fft.rfft(belief, n=self.length) * self.kernel, n=self.length)
        return np.maximum(moved[:, : self.cells], 0.0)

    def observe(self, month_terms: np.ndarray) -> None:
        """Weigh the belief by one month's evidence, then let the walk take its step."""
        terms = month_terms[:, self.column]
        top = terms.max(axis=1)
        belief = self.belief * np.exp(terms - top[:, None])
        total = belief.sum(axis=1)
        self.log_evidence += np.log(total) + top
        self.belief = self._step(belief / total[:, None])

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        by_value = np.zeros((self.belief.shape[0], self.grid.values.size))
        np.add.at(by_value.T, self.column, self.belief.T)
        total = by_value.sum(axis=1)
        return by_value / total[:, None], self.log_evidence + np.log(total)


def quality_posterior(
    model: QualityModel,
    freelancers: int,
    rows: Sequence[tuple[int, int, float, float]],
    mass: float = 0.8,
) -> QualityPosterior:
    """The posterior of each freelancer's quality at the end of month `model.months`, from
    evidence rows (freelancer, month, P(record | good), P(record | bad)); `mass` is the share
    of the posterior its central interval holds."""
    grid = _Grid(model)
    months = model.months
    columns = (
        np.array([r[0] for r in rows], dtype=int),
        np.array([r[1] for r in rows], dtype=int),
        np.array([r[2] for r in rows], dtype=float),
        np.array([r[3] for r in rows], dtype=float),
    )
    by_month = _month_sums(grid, freelancers, columns, months)
    total = np.zeros((freelancers, grid.values.size))
    for who, sums in by_month:
        total[who] += sums
    steady_share = 1.0 - model.drift_share - model.drop_share
    parts: list[tuple[float, np.ndarray, np.ndarray]] = []
    if steady_share > 0:
        steady, evidence = _log_normalise(grid.log_prior[None, :] + total[:, : grid.size])
        padded = np.zeros((freelancers, grid.values.size))
        padded[:, : grid.size] = steady
        parts.append((steady_share, padded, evidence))
    drops = _Drops(grid, freelancers, months) if model.drop_share > 0 else None
    walk = _Walk(grid, model, freelancers) if model.drift_share > 0 else None
    before = np.zeros((freelancers, grid.values.size))
    for m, (who, sums) in enumerate(by_month):
        if drops is not None and m >= 1:
            drops.add(before, total - before)
        month_terms = np.zeros((freelancers, grid.values.size))
        month_terms[who] = sums
        before += month_terms
        if walk is not None:
            walk.observe(month_terms)
    if drops is not None:
        drops.add(before, total - before)  # a drop in the last month: only the truth drops
        parts.append((model.drop_share, *drops.result()))
    if walk is not None:
        # Each month's step is taken after its evidence: the belief is now of the last month.
        parts.append((model.drift_share, *walk.result()))
    log_weights = np.stack([math.log(share) + evidence for share, _, evidence in parts], axis=1)
    weights, _ = _log_normalise(log_weights)
    belief = sum(weights[:, [i]] * dist for i, (_, dist, _) in enumerate(parts))
    assert isinstance(belief, np.ndarray)
    return _summary(grid, belief, mass)


def _summary(grid: _Grid, belief: np.ndarray, mass: float) -> QualityPosterior:
    order = np.argsort(grid.values, kind="stable")
    values = grid.values[order]
    cumulative = np.cumsum(belief[:, order], axis=1)
    tail = (1.0 - mass) / 2.0
    last = values.size - 1
    low = values[np.minimum((cumulative < tail).sum(axis=1), last)]
    high = values[np.minimum((cumulative < 1.0 - tail).sum(axis=1), last)]
    mean = belief @ grid.values
    return QualityPosterior(
        tuple(float(x) for x in mean), tuple(float(x) for x in low), tuple(float(x) for x in high)
    )


def _rows(world: World, every_outcome: bool) -> list[tuple[int, int, float, float]]:
    config, as_of = world.config, world.as_of
    rows = []
    for i, (history, outcomes) in enumerate(zip(world.histories, world.outcomes, strict=True)):
        for c, went_well in zip(history.contracts, outcomes, strict=True):
            m = config.month_of(c.started_at)
            if every_outcome:
                rows.append((i, m, 1.0, 0.0) if went_well else (i, m, 0.0, 1.0))
                continue
            if c.ended_at is None or c.ended_at > as_of:
                continue  # nothing recorded yet depends on how it goes
            good, bad = outcome_likelihoods(
                c,
                world.client_kinds[c.client_id],
                inflation=config.inflation_at(m),
                private_chance=config.private_score_chance,
                as_of=as_of,
                pending=feedback_pending(
                    c.ended_at, as_of, FEEDBACK_DELAY_DAYS, FEEDBACK_DELAY_HOURS
                ),
            )
            rows.append((i, m, good, bad))
    return rows


def ideal_observer(world: World, mass: float = 0.8) -> QualityPosterior:
    """Each freelancer's posterior of true quality from everything the marketplace recorded
    of each contract's end, knowing every client's kind and the world's model."""
    rows = _rows(world, every_outcome=False)
    return quality_posterior(QualityModel.of(world.config), len(world.freelancers), rows, mass)


def every_outcome_seen(world: World, mass: float = 0.8) -> QualityPosterior:
    """The same posterior from the true outcome of every contract, open ones included."""
    rows = _rows(world, every_outcome=True)
    return quality_posterior(QualityModel.of(world.config), len(world.freelancers), rows, mass)
