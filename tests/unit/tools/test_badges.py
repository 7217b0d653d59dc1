"""badges: each badge's rules, set out as figures, agree with the scorer's badges — a badge is
held exactly when every one of its rules is met — and a missing badge says what it needs."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobscore.domain.facts import History
from jobscore.domain.records import Freelancer
from jobscore.io.history_files import load_history
from jobscore.scoring import CATALOG
from jobscore.tools.badges import BadgeReport, badge_report
from tests.builders import at, contract, history
from tests.unit.tools.test_as_of import T, histories

EXAMPLES = Path(__file__).parents[3] / "examples"
UPWORK_KINDS = ["upwork", "upwork-2015"]


def assert_rules_decide(report: BadgeReport) -> None:
    assert {s.badge for s in report.standings if s.held} == set(report.badges)
    for standing in report.standings:
        assert standing.held == all(r.met for r in standing.requirements), standing


@pytest.mark.parametrize("policy", UPWORK_KINDS)
@pytest.mark.parametrize(
    "example",
    ["veteran_150.csv", "recovering_78.csv", "rich_history.json", "newcomer_one_star.csv"],
)
@pytest.mark.parametrize("as_of", ["2024-06-01", "2025-09-01", "2026-07-01", "2026-11-01"])
def test_the_rules_decide_the_badges_on_the_examples(example: str, policy: str, as_of: str) -> None:
    report = badge_report(load_history(EXAMPLES / example), CATALOG.policy(policy), at(as_of))
    assert len(report.standings) == 4
    assert_rules_decide(report)


@pytest.mark.parametrize("policy", UPWORK_KINDS)
@pytest.mark.parametrize(
    ("example", "reaches"), [("veteran_150.csv", {"top_rated"}), ("recovering_78.csv", set())]
)
def test_the_rules_decide_the_badges_week_after_week(
    example: str, reaches: set[str], policy: str
) -> None:
    # Across the weeks a record climbs to Top Rated, loses it and wins it back.
    record = load_history(EXAMPLES / example)
    held: set[str] = set()
    for week in range(0, 120, 3):
        report = badge_report(
            record, CATALOG.policy(policy), at("2024-10-07") + timedelta(weeks=week)
        )
        assert_rules_decide(report)
        held |= set(report.badges)
    assert reaches <= held


def test_the_veteran_holds_top_rated_and_plus_and_is_no_rising_talent() -> None:
    report = badge_report(
        load_history(EXAMPLES / "veteran_150.csv"), CATALOG.policy("upwork"), at("2026-11-01")
    )
    assert report.badges == ("top_rated", "top_rated_plus")
    missing = {s.badge: [r.rule for r in s.missing] for s in report.standings}
    assert missing == {
        "rising_talent": ["no_score_yet"],
        "top_rated": [],
        "top_rated_plus": [],
        "expert_vetted": ["granted_by_hand"],
    }


@settings(max_examples=40)
@given(histories(), st.sampled_from(UPWORK_KINDS), st.booleans(), st.booleans())
def test_the_rules_decide_the_badges(
    drawn: History, policy: str, complete: bool, vetted: bool
) -> None:
    freelancer = Freelancer("me", profile_complete=complete, expert_vetted=vetted)
    drawn = History("me", drawn.contracts, freelancer)
    assert_rules_decide(badge_report(drawn, CATALOG.policy(policy), T))


def steady(months: int, amount: int, end: str = "2026-10-20") -> History:
    """One good contract a month for `months` months, from two clients in turn."""
    last = at(end)
    return history(
        *(
            contract(
                f"k{n}",
                f"c{n % 2}",
                started=f"{(last - timedelta(days=30 * n + 10)).date()}",
                ended=f"{(last - timedelta(days=30 * n)).date()}",
                earned=amount,
                stars=5.0,
                private_score=10,
            )
            for n in range(months)
        )
    )


def test_a_missing_badge_names_the_figure_it_lacks() -> None:
    # 12 good $80 contracts: a 100% score for months, but $960 earned in 12 months.
    report = badge_report(steady(12, 80), CATALOG.policy("upwork"), at("2026-11-01"))
    top = next(s for s in report.standings if s.badge == "top_rated")
    assert not top.held
    [missing] = top.missing
    assert (missing.rule, missing.value, missing.needed) == (
        "earned_12m",
        Decimal("960"),
        Decimal("1000"),
    )
    weeks = next(r for r in top.requirements if r.rule == "weeks_at_score")
    assert (weeks.value, weeks.needed, weeks.weeks_considered) == (16, 13, 16)


def test_the_large_contract_rule_reads_the_outcomes_it_is_given() -> None:
    # $11,000 over 12 months, the one large contract good by its stars and bad by its private
    # score: to the operator it does not qualify; judged by public feedback alone, it does.
    record = steady(12, 500)
    large = contract(
        "large", "c9", started="2026-05-01", ended="2026-06-01", earned=6000, stars=5.0
    )
    full = history(*record.contracts, replace(large, private_score=2))
    public = history(*record.contracts, large)
    policy = CATALOG.policy("upwork")

    def largest(report: BadgeReport) -> Decimal:
        plus = next(s for s in report.standings if s.badge == "top_rated_plus")
        value = next(r.value for r in plus.requirements if r.rule == "largest_contract_12m")
        assert isinstance(value, Decimal)
        return value

    assert largest(badge_report(full, policy, at("2026-11-01"))) == Decimal("500")
    assert largest(badge_report(full, policy, at("2026-11-01"), public)) == Decimal("6000")


def test_a_policy_without_badge_rules_has_no_standings() -> None:
    report = badge_report(steady(12, 500), CATALOG.policy("bayes"), at("2026-11-01"))
    assert (report.badges, report.standings) == ((), ())
    assert report.score is not None
