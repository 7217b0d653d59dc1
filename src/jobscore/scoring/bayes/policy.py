"""The `bayes` policy as a versioned value: a plain parameter record.

Which contracts count, and each one's weight (size and paid quarters), come from `counting`
(an UpworkPolicy, by default the `upwork` one): the Bayesian policy changes how evidence is
read and combined, not what counts. Every coefficient of the soft evidence is a parameter;
docs/scoring-bayes.md gives the formula they enter.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, ClassVar, Literal

from jobscore.domain.enums import EndReason
from jobscore.scoring.upwork.policy import UPWORK, UpworkPolicy

__all__ = ["BAYES", "BAYES_ASSUMPTIONS", "BayesPolicy"]

#: Parameter -> why it has the value it has. None of these is published by any marketplace.
BAYES_ASSUMPTIONS: dict[str, str] = {
    "counting": "contracts count, and weigh, as under the upwork policy (which jobs count, which "
    "are excluded, and the weights by size and length)",
    "half_life_months": "evidence loses half its weight every 24 months instead of "
    "leaving a window (12 months cost ranking accuracy on every simulated world where "
    "quality is steady, and bought little where it drifts)",
    "value_weighting": "upwork's weight by size and length enters as its square root: a "
    "contract's outcome says as much about quality whatever its size, and full weights "
    "cost ranking accuracy in the simulator",
    "read_unrated_ends": "a contract that ended without feedback still says something by how "
    "it ended (for quality, unresponsive, a lost dispute, a refund): it counts by its end "
    "alone, unless no money changed hands or its client is flagged",
    "soft_evidence": "uncertain evidence is read as a likelihood, so that a contract whose "
    "signals say little moves the score and narrows the interval little",
    "client_weight_cap": "one client's contracts weigh at most 4 in total (half of 8, the most one "
    "contract weighs under upwork)",
    "prior_alpha": "hand-set prior Beta(6, 1): mean 85.7%, worth 7 contracts (the fit to the "
    "simulator's default world, rounded); a marketplace should fit its own by empirical Bayes",
    "prior_fit": "a marketplace's prior maximizes the beta-binomial likelihood of every "
    "freelancer with evidence worth 2 or more outcomes: the likelihood weighs each by how much "
    "it says, where matching moments on freelancers with 3 or more let those whom hiring "
    "favoured (the best, when work is scarce) set a prior too narrow",
    "market_stars_mean": "the marketplace's mean public stars is 4.5 unless measured",
    "client_habit_prior_count": "a client's habit is shrunk toward the marketplace by 5 ratings",
    "credibility_scale": "a client whose habit is 1 star below the marketplace counts half",
    "certainty_margin": "evidence stronger than about 3 logits is taken as certain (p = 0 or 1)",
    "interval_evidence": "the credible interval counts the evidence at 0.8 of its worth: at "
    "full worth the 80% interval held the truth for 63-80% of freelancers across the "
    "simulated worlds, at 0.8 of its worth for 66-83%",
    "interval_steadiness": "the interval is worth fewer than 50 outcomes (joined as "
    "1/(n + 1) adds): without a limit, the 80% interval of freelancers whose quality had "
    "drifted or dropped held the truth for 6-57% of them, and 68-80% overall across the "
    "simulated worlds; with it, 75-85% on all but the world where 40% drift (63-68%) and "
    "one seed of few contracts (74.8%)",
    "limited_history_width": "an 80% interval wider than 20 points is labelled limited history",
    "coefficients": "the soft-evidence coefficients were set by reasoning about each signal and "
    "checked in the simulator (docs/evaluation.md), not fitted to real marketplace data",
}


@dataclass(frozen=True, slots=True)
class BayesPolicy:
    """Parameters of jobscore's own score: soft evidence, decayed weights, a Beta posterior."""

    #: Which scorer reads these parameters (`jobscore.scoring.catalog`).
    kind: ClassVar[Literal["bayes"]] = "bayes"
    name: str = "bayes"
    version: str = "2027.01"
    #: Which jobs count, which are excluded, and their weights are taken from this policy.
    counting: UpworkPolicy = UPWORK
    # Weights (docs/scoring-bayes.md, section 3).
    half_life_months: float = 24.0
    client_weight_cap: float = 4.0
    #: The counting policy's weight by size and length is raised to this power: 1 keeps it,
    #: 0 weighs every counted contract alike.
    value_weighting: float = 0.5
    #: How soft evidence p enters the posterior (section 4): "likelihood" reads p as the
    #: likelihood q·p + (1 − q)·(1 − p) of quality q, matched at the prior mean by pseudo
    #: outcomes; "counts" adds p good and 1 − p bad outcomes.
    soft_evidence: Literal["likelihood", "counts"] = "likelihood"
    #: A contract that ended without feedback still counts by its end (reason, dispute,
    #: refund) when money changed hands and its client is not flagged.
    read_unrated_ends: bool = True
    # The prior and how the posterior is shown (section 4).
    prior_alpha: float = 6.0
    prior_beta: float = 1.0
    prior_source: str = "hand-set"
    #: How a marketplace's prior is fitted (`prior.fit_beta_prior`), and from which freelancers:
    #: those whose evidence is worth at least this many independent outcomes.
    prior_fit: Literal["moments", "likelihood"] = "likelihood"
    prior_fit_min_outcomes: float = 2.0
    interval_mass: float = 0.8
    #: The interval counts the evidence beyond the prior at this share of its worth (same
    #: mean): p rests on a model of clients that is never exact, and quality moves.
    interval_evidence: float = 0.8
    #: However much evidence there is, the interval is worth less than this many outcomes
    #: (`interval_worth`): quality moves, and a long history says where it was. None: no limit.
    interval_steadiness: float | None = 50.0
    limited_history_width: float = 20.0
    # The client's habit (leniency) and the soft evidence p = stretched logistic of x (section 2).
    market_stars_mean: float = 4.5
    client_habit_prior_count: float = 5.0
    #: A client's evidence weighs 1 / (1 + (leniency / scale)²): one who rates everyone far
    #: from the marketplace (always 1 star, always 5) tells less about any one freelancer.
    credibility_scale: float = 1.0
    certainty_margin: float = 0.05
    intercept: float = 0.0
    private_coef: float = 1.5
    private_center: float = 6.8
    #: Private-score points a client's private scores are assumed to move per star of habit.
    private_habit_points: float = 4.0
    stars_coef: float = 3.0
    #: Stars this far below the marketplace mean (after the client's habit) are even odds.
    stars_below_market: float = 0.3
    dispute_lost_coef: float = -3.0
    dispute_won_coef: float = 0.5
    refund_coef: float = -2.0
    end_reason_coefs: tuple[tuple[EndReason, float], ...] = (
        (EndReason.UNRESPONSIVE, -3.0),
        (EndReason.QUALITY, -3.0),
        (EndReason.DISPUTE, -1.0),
        (EndReason.CANCELLED, -0.5),
    )
    rehire_coef: float = 1.0
    steady_coef: float = 3.5
    #: A later contract with the same client is a rehire unless its own evidence is below this.
    rehire_min_p: float = 0.5
    #: Labels in `explain`: p at or above `good_min_p` reads "good", below `bad_max_p` "bad".
    good_min_p: float = 0.7
    bad_max_p: float = 0.3
    notes: tuple[str, ...] = field(default=(), compare=False)

    def with_params(self, **changes: Any) -> BayesPolicy:
        return replace(self, **changes)

    def with_prior(self, alpha: float, beta: float, source: str) -> BayesPolicy:
        if alpha <= 0 or beta <= 0:
            raise ValueError(f"a Beta prior needs positive parameters, got ({alpha}, {beta})")
        return replace(self, prior_alpha=alpha, prior_beta=beta, prior_source=source)

    def end_reason_coef(self, reason: EndReason | None) -> float:
        for known, coef in self.end_reason_coefs:
            if known is reason:
                return coef
        return 0.0

    def parameters(self) -> dict[str, Any]:
        """Every parameter by name, as it is; the counting rules nested."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if key in {"name", "version", "notes", "counting"}:
                continue
            if key == "end_reason_coefs":
                out[key] = {str(reason): coef for reason, coef in value}
                continue
            out[key] = value
        out["counting"] = {
            "policy": f"{self.counting.name} {self.counting.version}",
            **self.counting.parameters(),
        }
        return out

    def assumptions(self) -> list[str]:
        return [f"{key}: {why}" for key, why in BAYES_ASSUMPTIONS.items()]


BAYES = BayesPolicy()
