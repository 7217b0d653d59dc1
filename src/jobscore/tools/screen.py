"""screen a client: how likely a contract with this client ends as a bad outcome.

The estimate starts from the client's own record: the share of its past contracts that ended
as bad outcomes (by the policy's rules, reading the feedback even of a flagged client),
smoothed towards the marketplace's rate with a Beta prior worth `prior_strength` contracts —
so two contracts say little and fifty say a lot. It is then shifted, on the log-odds scale,
by how the client rates (stars and private scores below the marketplace's, trusted in
proportion to how many ratings they rest on), by how often its contracts were refunded,
disputed or ended without feedback, by an unverified payment method and by flags. Each
reason's contribution is the change in the estimate when that reason alone is left out.

The marketplace figures come from the file when it holds enough contracts, else from
`ASSUMED_MARKETPLACE` (stated in the output).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from jobscore.domain.enums import EndReason, Outcome
from jobscore.domain.facts import ContractFacts, History, known_at
from jobscore.domain.records import Client
from jobscore.errors import InvalidInput, Problem
from jobscore.instants import as_utc
from jobscore.money import ZERO
from jobscore.scoring.catalog import CATALOG
from jobscore.scoring.result import Exclusion, Policy

__all__ = [
    "ASSUMED_MARKETPLACE",
    "ClientRisk",
    "Factor",
    "Marketplace",
    "Reason",
    "ScreenModel",
    "marketplace_of",
    "screen_client",
]


@dataclass(frozen=True, slots=True)
class Marketplace:
    """What an ordinary client does, to compare one client with."""

    stars_mean: float
    private_mean: float
    bad_rate: float
    refunded_share: float
    disputed_share: float
    silent_share: float
    contracts: int
    source: str


#: Assumed when the file is too small to say: public stars bunch near 5.
ASSUMED_MARKETPLACE = Marketplace(4.7, 8.5, 0.10, 0.05, 0.02, 0.15, 0, "assumed defaults")


@dataclass(frozen=True, slots=True)
class ScreenModel:
    prior_strength: float = 10.0
    #: Log-odds added per star the client gives below the marketplace mean.
    per_star: float = 0.8
    per_private_point: float = 0.25
    #: Log-odds added per unit of share above the marketplace (refunded, disputed, silent).
    per_share: float = 3.0
    unverified_payment: float = 0.5
    flagged: float = 1.0
    #: A mean of this many ratings is trusted halfway.
    half_trust_count: float = 5.0
    #: Fewest ended contracts in a file to take the marketplace figures from it.
    min_marketplace_contracts: int = 30


class Factor(StrEnum):
    RECORD = "record"
    STARS_GIVEN = "stars given"
    PRIVATE_GIVEN = "private scores given"
    REFUNDED = "refunded"
    DISPUTED = "disputed"
    SILENT = "ended without feedback"
    PAYMENT_NOT_VERIFIED = "payment not verified"
    FLAGGED = "flagged"


@dataclass(frozen=True, slots=True)
class Reason:
    """One factor of the estimate and the figures it rests on (`render.tool_words` says it)."""

    factor: Factor
    #: Change in the estimated probability this reason makes (probability points, 0-100).
    contribution: float
    #: The client's figure: bad outcomes (record), mean stars or private score given, or the
    #: share of its ended contracts refunded, disputed or left without feedback.
    client: float | None = None
    #: The rated contracts, ratings or ended contracts the figure rests on.
    count: int = 0
    #: The marketplace's figure for the same thing.
    marketplace: float | None = None
    #: record: the ordinary contracts the client's own rate is smoothed with.
    smoothing: float | None = None


@dataclass(frozen=True, slots=True)
class ClientRisk:
    client_id: str
    policy_name: str
    contracts: int
    freelancers: int
    ended: int
    rated: int
    bad: int
    stars_given_mean: float | None
    stars_given_count: int
    private_given_mean: float | None
    private_given_count: int
    refunded_share: float
    disputed_share: float
    silent_share: float
    spend: Decimal
    payment_verified: bool | None
    flagged: bool
    probability: float
    reasons: tuple[Reason, ...]
    marketplace: Marketplace


def _outcomes(
    contracts: Sequence[ContractFacts], policy: Policy, as_of: datetime
) -> dict[str, Outcome | None]:
    """Each contract's outcome by the policy's rules, reading even a flagged client's feedback
    (the flag is weighed separately)."""
    if not contracts:
        return {}
    unflagged = tuple(replace(c, client_flagged=False) for c in contracts)
    result = CATALOG.score(History("screen", unflagged), policy, as_of)
    found: dict[str, Outcome | None] = {}
    for item in result.contracts:
        # A contract too old for any window still tells how the client rated it.
        told = item.counted or item.excluded_because is Exclusion.OUT_OF_WINDOW
        found[item.contract_id] = item.outcome if told else None
    return found


def _disputed(c: ContractFacts) -> bool:
    return c.dispute is not None or c.end_reason is EndReason.DISPUTE


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def marketplace_of(
    contracts: Sequence[ContractFacts], policy: Policy, as_of: datetime, model: ScreenModel
) -> Marketplace:
    ended = [c for c in contracts if c.ended_at is not None and c.ended_at <= as_of]
    if len(ended) < model.min_marketplace_contracts:
        return ASSUMED_MARKETPLACE
    outcomes = _outcomes(ended, policy, as_of)
    rated = [o for o in outcomes.values() if o is not None]
    stars = [c.stars for c in ended if c.stars is not None]
    private = [c.private_score for c in ended if c.private_score is not None]
    return Marketplace(
        stars_mean=sum(stars) / len(stars) if stars else ASSUMED_MARKETPLACE.stars_mean,
        private_mean=sum(private) / len(private) if private else ASSUMED_MARKETPLACE.private_mean,
        bad_rate=_share(sum(1 for o in rated if o is Outcome.BAD), len(rated)),
        refunded_share=_share(sum(1 for c in ended if c.refunded > 0), len(ended)),
        disputed_share=_share(sum(1 for c in ended if _disputed(c)), len(ended)),
        silent_share=_share(sum(1 for c in ended if not c.has_feedback), len(ended)),
        contracts=len(ended),
        source=f"the file's {len(ended)} ended contracts",
    )


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def screen_client(
    client_id: str,
    contracts: Sequence[ContractFacts],
    policy: Policy,
    as_of: datetime,
    *,
    clients: Mapping[str, Client] | None = None,
    model: ScreenModel | None = None,
) -> ClientRisk:
    """Screen `client_id` from `contracts` (its rows and, for the marketplace, everyone's)."""
    as_of = as_utc(as_of)
    # Only what had happened by `as_of`: an answer never rests on facts dated later.
    contracts = [k for c in contracts if (k := known_at(c, as_of)) is not None]
    model = model or ScreenModel()
    mine = [c for c in contracts if c.client_id == client_id]
    if not mine:
        known = sorted({c.client_id for c in contracts})
        shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
        raise InvalidInput(
            Problem("client_id", f"no contract with client {client_id!r} (clients: {shown})")
        )
    market = marketplace_of(contracts, policy, as_of, model)
    ended = [c for c in mine if c.ended_at is not None and c.ended_at <= as_of]
    outcomes = _outcomes(ended, policy, as_of)
    rated = [o for o in outcomes.values() if o is not None]
    bad = sum(1 for o in rated if o is Outcome.BAD)

    stars = [c.stars for c in ended if c.stars is not None]
    stars_mean, stars_count = (sum(stars) / len(stars), len(stars)) if stars else (None, 0)
    # The client_stars_given_* columns carry the client's record across the whole
    # marketplace: use them when they rest on more ratings than the rows at hand.
    for c in mine:
        count = c.client_stars_given_count or 0
        if c.client_stars_given_mean is not None and count > stars_count:
            stars_mean, stars_count = c.client_stars_given_mean, count
    private = [c.private_score for c in ended if c.private_score is not None]
    private_mean = sum(private) / len(private) if private else None

    record = (clients or {}).get(client_id)
    flagged = any(c.client_flagged for c in mine) or bool(record and record.counts_against_nobody)
    verified = record.payment_verified if record is not None else None
    refunded = _share(sum(1 for c in ended if c.refunded > 0), len(ended))
    disputed = _share(sum(1 for c in ended if _disputed(c)), len(ended))
    silent = _share(sum(1 for c in ended if not c.has_feedback), len(ended))

    def trust(count: int) -> float:
        return count / (count + model.half_trust_count)

    m = model.prior_strength
    base = (m * market.bad_rate + bad) / (m + len(rated))
    # Each shift: the reason without its contribution yet, and the log-odds it adds.
    shifts: list[tuple[Reason, float]] = []
    if stars_mean is not None:
        gap = market.stars_mean - stars_mean
        shifts.append(
            (
                Reason(Factor.STARS_GIVEN, 0.0, stars_mean, stars_count, market.stars_mean),
                model.per_star * gap * trust(stars_count),
            )
        )
    if private_mean is not None:
        gap = market.private_mean - private_mean
        shifts.append(
            (
                Reason(Factor.PRIVATE_GIVEN, 0.0, private_mean, len(private), market.private_mean),
                model.per_private_point * gap * trust(len(private)),
            )
        )
    for factor, share, usual in (
        (Factor.REFUNDED, refunded, market.refunded_share),
        (Factor.DISPUTED, disputed, market.disputed_share),
        (Factor.SILENT, silent, market.silent_share),
    ):
        if ended:
            shifts.append(
                (
                    Reason(factor, 0.0, share, len(ended), usual),
                    model.per_share * (share - usual) * trust(len(ended)),
                )
            )
    if verified is False:
        shifts.append((Reason(Factor.PAYMENT_NOT_VERIFIED, 0.0), model.unverified_payment))
    if flagged:
        shifts.append((Reason(Factor.FLAGGED, 0.0), model.flagged))

    def estimate(start: float, parts: Sequence[float]) -> float:
        return _sigmoid(_logit(start) + sum(parts))

    values = [s[1] for s in shifts]
    probability = estimate(base, values)
    reasons = [
        Reason(
            Factor.RECORD,
            100 * (probability - estimate(market.bad_rate, values)),
            bad,
            len(rated),
            market.bad_rate,
            smoothing=m,
        )
    ]
    for index, (reason, _) in enumerate(shifts):
        others = values[:index] + values[index + 1 :]
        contribution = 100 * (probability - estimate(base, others))
        reasons.append(replace(reason, contribution=contribution))
    reasons.sort(key=lambda r: -abs(r.contribution))
    return ClientRisk(
        client_id=client_id,
        policy_name=policy.name,
        contracts=len(mine),
        freelancers=len({c.freelancer_id for c in mine}),
        ended=len(ended),
        rated=len(rated),
        bad=bad,
        stars_given_mean=stars_mean,
        stars_given_count=stars_count,
        private_given_mean=private_mean,
        private_given_count=len(private),
        refunded_share=refunded,
        disputed_share=disputed,
        silent_share=silent,
        spend=sum((c.earned for c in mine), ZERO),
        payment_verified=verified,
        flagged=flagged,
        probability=probability,
        reasons=tuple(reasons),
        marketplace=market,
    )
