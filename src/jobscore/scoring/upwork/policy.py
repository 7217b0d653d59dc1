"""The `upwork` and `upwork-2015` policies as versioned values: plain parameter records.

Every number Upwork does not publish is a parameter here, and `ASSUMPTIONS` says which: a
marketplace that knows better changes the value, never the code.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar, Literal

from jobscore.domain.enums import EndReason, Outcome

__all__ = ["ASSUMPTIONS", "UPWORK", "UPWORK_2015", "UpworkPolicy"]

#: Parameter name -> why it is an assumption. Everything else is as Upwork publishes it.
ASSUMPTIONS: dict[str, str] = {
    "private_good_min": "private score 9-10 is a good outcome (Upwork does not publish the cut)",
    "private_neutral_min": "private score 7-8 is neutral, 0-6 bad",
    "stars_good_min": "without a private score, public stars >= 4.5 are good",
    "stars_neutral_min": "without a private score, public stars >= 4.0 are neutral, below bad",
    "bad_end_reasons": "ending for unresponsiveness or quality is bad whatever the stars",
    "zero_earnings_counted": "of the outcomes at net $0, only bad ones count ('negative feedback')",
    "long_term_min_days": "a contract is long-term once it has run 90 days",
    "long_term_max_gap_days": "a long-term contract stays good while no 90 days pass unpaid",
    "window_min_contracts": "a window needs 2 counted contracts to be displayed",
    "window_min_clients": "a window needs 2 distinct clients to be displayed",
    "hold_bad_clients": "bad outcomes from 3 distinct clients within 90 days put on hold",
    "hold_days": "a hold lasts 14 days",
    "tie_break": "when candidates tie, the longest window is displayed",
}


@dataclass(frozen=True, slots=True)
class UpworkPolicy:
    """Parameters of the Upwork-compatible score. See docs/scoring.md for each rule."""

    #: Which scorer reads these parameters (`jobscore.scoring.catalog`).
    kind: ClassVar[Literal["upwork"]] = "upwork"
    name: str = "upwork"
    version: str = "2026.11"
    # Rule 3: outcome of a counted contract.
    private_good_min: int = 9
    private_neutral_min: int = 7
    stars_good_min: float = 4.5
    stars_neutral_min: float = 4.0
    bad_end_reasons: frozenset[EndReason] = frozenset({EndReason.UNRESPONSIVE, EndReason.QUALITY})
    # Rules 1-2: what counts.
    long_term_min_days: int = 90
    long_term_max_gap_days: int = 90
    no_feedback_outcome: Outcome | None = None
    zero_earnings_counted: frozenset[Outcome] = frozenset({Outcome.BAD})
    # Rule 4: weight by net earnings (upper bound inclusive, None = no bound), plus length.
    weight_brackets: tuple[tuple[Decimal | None, float], ...] = (
        (Decimal("250"), 1.0),
        (Decimal("1000"), 1.25),
        (None, 1.5),
    )
    weight_per_paid_quarter: float = 1.0
    max_weight: float = 8.0
    zero_earnings_weight: float = 1.0
    # Rule 5: windows and candidates.
    window_months: tuple[int, ...] = (24, 12, 6, 3)
    candidates: tuple[str, ...] = ("24m", "12m", "6m", "trending")
    trending_of: tuple[str, str] = ("6m", "3m")
    window_min_contracts: int = 2
    window_min_clients: int = 2
    tie_break: str = "longest"
    # Rule 6: eligibility.
    eligibility_min_jobs: int = 2
    eligibility_min_clients: int = 2
    eligibility_months: int = 24
    # Rule 7: recalculation. None: as of any instant; N: as of the last of every N days
    # counted from `recalculation_anchor` (Upwork once recomputed every second Sunday).
    recalculation_days: int | None = None
    recalculation_anchor: datetime = datetime(2015, 1, 4, tzinfo=UTC)
    snapshot_interval_days: int = 1
    # Rule 8: badges.
    rising_talent_active_days: int = 90
    top_rated_min_score: float = 90.0
    top_rated_weeks_required: int = 13
    top_rated_weeks_considered: int = 16
    top_rated_min_earnings_12m: Decimal = Decimal("1000")
    top_rated_min_tenure_days: int = 90
    top_rated_plus_min_earnings_12m: Decimal = Decimal("10000")
    top_rated_plus_min_contract: Decimal = Decimal("5000")
    # Rule 9: account hold.
    hold_bad_clients: int = 3
    hold_lookback_days: int = 90
    hold_days: int = 14
    notes: tuple[str, ...] = field(default=(), compare=False)

    def with_params(self, **changes: Any) -> UpworkPolicy:
        return replace(self, **changes)

    def parameters(self) -> dict[str, Any]:
        """Every parameter by name, as it is (Decimals, enums, instants): the package's JSON
        encoder (`jobscore.render.json_encoding`) writes them for programs."""
        return {
            key: value
            for key, value in asdict(self).items()
            if key not in {"name", "version", "notes"}
        }

    def assumptions(self) -> list[str]:
        return [f"{key}: {why}" for key, why in ASSUMPTIONS.items()]


UPWORK = UpworkPolicy()

#: The 2015 rules: no-feedback contracts count as neutral, 4 jobs with 3 clients before a
#: score shows, recalculated every two weeks.
UPWORK_2015 = UpworkPolicy(
    name="upwork-2015",
    version="2015.1",
    no_feedback_outcome=Outcome.NEUTRAL,
    eligibility_min_jobs=4,
    eligibility_min_clients=3,
    recalculation_days=14,
    snapshot_interval_days=14,
)
