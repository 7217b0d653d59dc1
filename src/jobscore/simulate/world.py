"""A seeded marketplace: freelancers with a hidden true quality, clients of several kinds,
contracts whose hiring follows the displayed score, run month by month.

Everything random comes from one `numpy.random.Generator` seeded by `WorldConfig.seed`, and
is drawn in a fixed order, so the same configuration always gives the same world.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np

from jobscore.domain.enums import EndedBy, EndReason, Kind
from jobscore.domain.facts import ContractFacts, History
from jobscore.errors import InvalidInput, Problem
from jobscore.instants import shift_months
from jobscore.simulate.clients import PRIVATE_SCORE_CHANCE, ClientKind, end_contract

__all__ = [
    "DEFAULT_SHARES",
    "DROP_SIZE",
    "FEEDBACK_DELAY_DAYS",
    "FEEDBACK_DELAY_HOURS",
    "QUALITY_CEILING",
    "QUALITY_FLOOR",
    "SimFreelancer",
    "World",
    "WorldConfig",
    "generate_world",
]

DEFAULT_SHARES: tuple[tuple[ClientKind, float], ...] = (
    (ClientKind.HONEST, 0.6),
    (ClientKind.LENIENT, 0.15),
    (ClientKind.HARSH, 0.1),
    (ClientKind.HOSTILE, 0.05),
    (ClientKind.SILENT, 0.1),
)


#: True quality never leaves these bounds; a drop takes away a share drawn evenly from DROP_SIZE.
QUALITY_FLOOR = 0.02
QUALITY_CEILING = 0.999
DROP_SIZE = (0.2, 0.4)
#: Feedback comes 0 to this many days less one (evenly), and 12 hours, after a contract ends.
FEEDBACK_DELAY_DAYS = 11
FEEDBACK_DELAY_HOURS = 12


@dataclass(frozen=True, slots=True)
class WorldConfig:
    seed: int = 1
    months: int = 36
    initial_freelancers: int = 400
    arrivals_per_month: int = 8
    clients: int = 500
    jobs_per_client_month: float = 0.5
    client_shares: tuple[tuple[ClientKind, float], ...] = DEFAULT_SHARES
    start: datetime = datetime(2023, 1, 2, tzinfo=UTC)
    #: True quality ~ Beta(a, b) at arrival.
    quality_beta: tuple[float, float] = (7.0, 1.0)
    drift_share: float = 0.15
    drift_step: float = 0.02
    drop_share: float = 0.05
    candidates_per_job: int = 6
    rehire_chance: float = 0.4
    #: The score hiring assumes for someone with no displayed score yet.
    unscored_hiring_score: float = 75.0
    hiring_noise: float = 8.0
    #: Public stars are squeezed toward 5 by this share at the start and at the end.
    inflation: tuple[float, float] = (0.15, 0.7)
    #: The chance that a client's feedback carries a private score.
    private_score_chance: float = PRIVATE_SCORE_CHANCE
    #: False: clients pick among the candidates by noise alone, not by displayed score.
    hiring_follows_score: bool = True

    def with_shares(self, **shares: float) -> WorldConfig:
        """Set some kinds' shares; the other kinds share the rest in their current ratio."""
        fixed = {ClientKind(name): share for name, share in shares.items()}
        if any(s < 0 for s in fixed.values()) or sum(fixed.values()) > 1:
            raise InvalidInput(
                Problem(
                    "client_shares",
                    f"shares must be 0 or more and add up to at most 1, got {shares}",
                )
            )
        rest = [(k, s) for k, s in self.client_shares if k not in fixed]
        rest_total = sum(s for _, s in rest)
        left = 1.0 - sum(fixed.values())
        scaled = {k: (s / rest_total * left if rest_total > 0 else 0.0) for k, s in rest}
        merged = {**scaled, **fixed}
        return replace(self, client_shares=tuple((k, merged.get(k, 0.0)) for k in ClientKind))

    @property
    def as_of(self) -> datetime:
        return shift_months(self.start, self.months)

    def inflation_at(self, month: int) -> float:
        """How far public stars are squeezed toward 5 for contracts started in `month`."""
        first, last = self.inflation
        return first + (last - first) * month / max(self.months - 1, 1)

    def month_of(self, instant: datetime) -> int:
        """The month of the run (0 for the first) that `instant` falls in."""
        month = (instant.year - self.start.year) * 12 + instant.month - self.start.month
        while month > 0 and shift_months(self.start, month) > instant:
            month -= 1
        return max(month, 0)


@dataclass(frozen=True, slots=True)
class SimFreelancer:
    freelancer_id: str
    joined_at: datetime
    #: The hidden truth: the chance that a contract started now goes well.
    true_quality: float
    pattern: str  # "steady", "drift" or "drop"
    newcomer: bool


@dataclass(frozen=True, slots=True)
class World:
    config: WorldConfig
    freelancers: tuple[SimFreelancer, ...]
    histories: tuple[History, ...]
    client_kinds: dict[str, ClientKind] = field(default_factory=dict)
    #: The hidden truth of every contract, in the order of each history: did it go well.
    outcomes: tuple[tuple[bool, ...], ...] = ()

    @property
    def as_of(self) -> datetime:
        return self.config.as_of


def _quality_paths(
    config: WorldConfig, count: int, rng: np.random.Generator
) -> tuple[np.ndarray, list[str]]:
    """Monthly true quality of each freelancer over the whole run (rows: freelancers)."""
    a, b = config.quality_beta
    months = config.months + 1
    start = rng.beta(a, b, size=count)
    paths = np.repeat(start[:, None], months, axis=1)
    kind_draw = rng.random(count)
    steps = rng.normal(0.0, config.drift_step, size=(count, months))
    drop_month = rng.integers(1, months, size=count)
    drop_size = rng.uniform(*DROP_SIZE, size=count)
    patterns = []
    for i in range(count):
        if kind_draw[i] < config.drift_share:
            paths[i] = np.clip(start[i] + np.cumsum(steps[i]), QUALITY_FLOOR, QUALITY_CEILING)
            patterns.append("drift")
        elif kind_draw[i] < config.drift_share + config.drop_share:
            paths[i, drop_month[i] :] = max(start[i] - drop_size[i], QUALITY_FLOOR)
            patterns.append("drop")
        else:
            patterns.append("steady")
    return paths, patterns


def _client_kinds(config: WorldConfig, rng: np.random.Generator) -> list[ClientKind]:
    counts = [round(share * config.clients) for _, share in config.client_shares]
    counts[0] += config.clients - sum(counts)
    kinds = [k for (k, _), n in zip(config.client_shares, counts, strict=True) for _ in range(n)]
    order = rng.permutation(len(kinds))
    return [kinds[i] for i in order]


@dataclass(slots=True)
class _Job:
    freelancer: int
    client: int
    kind: Kind
    started_at: datetime
    ended_at: datetime
    earned: Decimal
    good: bool


def _job_terms(rng: np.random.Generator, start: datetime) -> tuple[Kind, datetime, Decimal]:
    """Kind, end and price: short fixed-price jobs, longer hourly ones (some for years)."""
    if rng.random() < 0.65:
        days = 7 + float(rng.gamma(2.0, 10.0))
        price = max(20.0, float(rng.lognormal(np.log(300.0), 1.0)))
        return Kind.FIXED, start + timedelta(days=days), Decimal(round(price / 5) * 5)
    months = min(float(rng.lognormal(np.log(2.0), 0.9)), 30.0)
    weekly = float(rng.lognormal(np.log(25.0), 0.4)) * float(rng.uniform(8, 30))
    weeks = months * 365.25 / 12 / 7
    return Kind.HOURLY, start + timedelta(days=months * 30.44), Decimal(round(weekly * weeks))


class _Record:
    """What the marketplace displays while the world runs: the share of good minus bad among
    rated contracts of the last 12 months, once there are 2 (a simplified upwork score)."""

    def __init__(self) -> None:
        self.outcomes: list[tuple[datetime, int]] = []

    def displayed(self, now: datetime) -> float | None:
        since = shift_months(now, -12)
        recent = [sign for at, sign in self.outcomes if since < at <= now]
        if len(recent) < 2:
            return None
        return max(0.0, 100.0 * sum(recent) / len(recent))


def generate_world(config: WorldConfig) -> World:
    rng = np.random.default_rng(config.seed)
    total = config.initial_freelancers + config.arrivals_per_month * (config.months - 1)
    paths, patterns = _quality_paths(config, total, rng)
    joined: list[datetime] = []
    for i in range(total):
        month = (
            0
            if i < config.initial_freelancers
            else 1 + (i - config.initial_freelancers) // config.arrivals_per_month
        )
        first = shift_months(config.start, month)
        days = calendar.monthrange(first.year, first.month)[1]
        joined.append(first if month == 0 else first + timedelta(days=int(rng.integers(0, days))))
    kinds = _client_kinds(config, rng)
    favorite: list[int | None] = [None] * config.clients
    records = [_Record() for _ in range(total)]
    jobs: list[_Job] = []
    endings = []
    as_of = config.as_of
    for month in range(config.months):
        now = shift_months(config.start, month)
        month_days = calendar.monthrange(now.year, now.month)[1]
        active = [i for i in range(total) if joined[i] <= now + timedelta(days=month_days - 1)]
        shown = np.array(
            [
                s if (s := records[i].displayed(now)) is not None else config.unscored_hiring_score
                for i in active
            ]
            if config.hiring_follows_score
            else [config.unscored_hiring_score] * len(active)
        )
        inflation = config.inflation_at(month)
        for client in range(config.clients):
            for _ in range(int(rng.poisson(config.jobs_per_client_month))):
                started = now + timedelta(days=int(rng.integers(0, month_days)), hours=9)
                again = favorite[client]
                if again is not None and rng.random() < config.rehire_chance:
                    chosen = again
                else:
                    picks = rng.choice(
                        len(active), size=min(config.candidates_per_job, len(active)), replace=False
                    )
                    noisy = shown[picks] + rng.normal(0.0, config.hiring_noise, size=len(picks))
                    chosen = active[int(picks[int(np.argmax(noisy))])]
                if joined[chosen] > started:
                    started = joined[chosen]
                kind, ended, earned = _job_terms(rng, started)
                good = bool(rng.random() < paths[chosen, month])
                ending = end_contract(
                    kinds[client],
                    good,
                    inflation,
                    kind is Kind.FIXED,
                    rng,
                    config.private_score_chance,
                )
                jobs.append(_Job(chosen, client, kind, started, ended, earned, good))
                endings.append(ending)
                rated = ending.private_score if ending.private_score is not None else None
                if ending.stars is not None and ended <= as_of:
                    sign = _sign(rated, ending.stars)
                    records[chosen].outcomes.append((ended, sign))
                favorite[client] = chosen if good else (None if again == chosen else again)
    contracts: list[list[ContractFacts]] = [[] for _ in range(total)]
    outcomes: list[list[bool]] = [[] for _ in range(total)]
    for number, (job, ending) in enumerate(zip(jobs, endings, strict=True)):
        contracts[job.freelancer].append(_facts(number, job, ending, as_of, rng))
        outcomes[job.freelancer].append(job.good)
    freelancers = tuple(
        SimFreelancer(
            f"f{i:05d}",
            joined[i],
            float(paths[i, -1]),
            patterns[i],
            i >= config.initial_freelancers,
        )
        for i in range(total)
    )
    histories = tuple(
        History(f.freelancer_id, tuple(cs)) for f, cs in zip(freelancers, contracts, strict=True)
    )
    return World(
        config,
        freelancers,
        histories,
        {f"c{i:05d}": k for i, k in enumerate(kinds)},
        tuple(tuple(o) for o in outcomes),
    )


def _sign(private: int | None, stars: float) -> int:
    if private is not None:
        return 1 if private >= 9 else (0 if private >= 7 else -1)
    return 1 if stars >= 4.5 else (0 if stars >= 4.0 else -1)


def _facts(
    number: int, job: _Job, ending: object, as_of: datetime, rng: np.random.Generator
) -> ContractFacts:
    from jobscore.simulate.clients import Ending

    assert isinstance(ending, Ending)
    feedback_delay = timedelta(
        days=int(rng.integers(0, FEEDBACK_DELAY_DAYS)), hours=FEEDBACK_DELAY_HOURS
    )
    client_id = f"c{job.client:05d}"
    if job.ended_at > as_of:
        # Still open: an hourly contract has been paid for the weeks so far, a fixed-price
        # one holds its money in escrow until the end.
        share = (as_of - job.started_at) / (job.ended_at - job.started_at)
        earned = (
            Decimal(round(float(job.earned) * share)) if job.kind is Kind.HOURLY else Decimal(0)
        )
        last_paid = job.started_at + (as_of - job.started_at) // 7 // timedelta(days=1) * timedelta(
            days=7
        )
        return ContractFacts(
            contract_id=f"k{number:06d}",
            client_id=client_id,
            freelancer_id=f"f{job.freelancer:05d}",
            started_at=job.started_at,
            earned=earned,
            kind=job.kind,
            last_payment_at=max(last_paid, job.started_at),
        )
    refunded = (job.earned * Decimal(str(ending.refund_share))).quantize(Decimal("1"))
    has_feedback = ending.stars is not None
    return ContractFacts(
        contract_id=f"k{number:06d}",
        client_id=client_id,
        freelancer_id=f"f{job.freelancer:05d}",
        started_at=job.started_at,
        earned=job.earned,
        kind=job.kind,
        ended_at=job.ended_at,
        # Who ended it follows from the reason alone, so that it tells nothing more.
        ended_by=EndedBy.FREELANCER if ending.end_reason is EndReason.COMPLETED else EndedBy.CLIENT,
        end_reason=ending.end_reason,
        refunded=min(refunded, job.earned),
        stars=ending.stars,
        private_score=ending.private_score,
        feedback_at=job.ended_at + feedback_delay if has_feedback else None,
        dispute=ending.dispute,
    )
