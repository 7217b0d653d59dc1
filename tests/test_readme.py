"""The README's commands are run here, so the quick start cannot rot."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from jobscore.cli import app
from jobscore.extras import missing_modules

ROOT = Path(__file__).parents[1]
#: Commands that need an optional extra.
COMMAND_EXTRAS = {"batch": "duckdb", "simulate": "sim"}
README = (ROOT / "README.md").read_text()


def readme_commands() -> list[str]:
    """Every `$ jobscore ...` line inside a ```console block."""
    blocks = re.findall(r"```console\n(.*?)```", README, flags=re.S)
    return [
        line.removeprefix("$ ").strip()
        for block in blocks
        for line in block.splitlines()
        if line.startswith("$ jobscore ")
    ]


def test_the_readme_has_commands() -> None:
    assert len(readme_commands()) >= 5


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_runs(command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    argv = shlex.split(command)[1:]
    extra = COMMAND_EXTRAS.get(argv[0])
    if extra and (missing := missing_modules(extra)):
        pytest.skip(f"needs jobscore[{extra}]: {', '.join(missing)} not installed")
    argv = [arg.replace("OUT_DIR", str(tmp_path)) for arg in argv]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.stderr or result.stdout
    assert result.stdout.strip()


def test_quick_start_targets_exist() -> None:
    assert "make demo" in README
    assert "make test" in README
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, flags=re.M)
    assert re.search(r"^test:", makefile, flags=re.M)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_make_demo_cli_scores_every_example() -> None:
    """`make demo-cli` with this interpreter's environment (no install step)."""
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        ["make", "--no-print-directory", "demo-cli", f"BIN={bin_dir}", "STAMP="],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "160"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for example in ("newcomer_one_star", "veteran_150", "recovering_78", "rich_history"):
        assert f"examples/{example}" in result.stdout
    assert result.stdout.count("Job Success Score") >= 6


# Every figure the README's prose quotes is checked against what jobscore prints.
#
# A row of FIGURES names the README's words around a figure (`quote`), the figure as the prose
# writes it, and where it comes from: a README command's JSON, a policy's parameter, or the
# table of docs/evaluation.md (the default simulated world takes a minute to run). Every `%`,
# `$` and τ figure of the checked paragraphs must be the figure of some row, so a new figure
# in the prose fails until it has one.


@dataclass(frozen=True)
class Json:
    """A value of a README command's `--json` output, written as the prose writes it."""

    command: str
    #: Dotted keys; `list[key=value]` picks the item with that value, `list[min:key]` the
    #: item with the least value of key.
    path: str
    show: Callable[[Any], str]


@dataclass(frozen=True)
class Parameter:
    """A parameter of a named policy."""

    policy: str
    name: str
    show: Callable[[Any], str]


@dataclass(frozen=True)
class Evaluation:
    """A cell of the key results table of docs/evaluation.md (the default simulated world)."""

    policy: str
    column: str
    show: Callable[[str], str]


@dataclass(frozen=True)
class Figure:
    quote: str
    figure: str
    source: Json | Parameter | Evaluation
    #: The prose says the figure is *not* what is shown ("does not show 0%").
    denied: bool = False


def percent(places: int) -> Callable[[float], str]:
    return lambda value: f"{value:.{places}f}%"


def share(places: int) -> Callable[[float], str]:
    return lambda value: f"{value:.{places}%}"


def points_lost(value: float) -> str:
    return f"{-value:.1f} points"


def day(instant: str) -> str:
    return instant[:10]


def months(window: str) -> str:
    return f"{window.removesuffix('m')}-month"


NEWCOMER = "jobscore score examples/newcomer_one_star.csv --as-of 2026-11-01"
NEWCOMER_2015 = (
    "jobscore score examples/newcomer_one_star.csv --policy upwork-2015 --as-of 2026-11-01"
)
NEWCOMER_BAYES = "jobscore score examples/newcomer_one_star.csv --policy bayes --as-of 2026-11-01"
VETERAN = "jobscore explain examples/veteran_150.csv --as-of 2026-11-01"
RECOVERING = "jobscore explain examples/recovering_78.csv --as-of 2026-11-01 --json"
RICH = "jobscore explain examples/rich_history.json --as-of 2026-11-01"
SCREEN_NORTHWIND = (
    "jobscore screen examples/newcomer_one_star.csv --client northwind-dental --as-of 2026-11-01"
)
SCREEN_HOSTILE = (
    "jobscore screen hostile-holdings --marketplace examples/veteran_150.csv --as-of 2026-11-01"
)
SCREEN_STEADY = (
    "jobscore screen client-01 --marketplace examples/veteran_150.csv --as-of 2026-11-01"
)
TAU_SEEN = "τ as clients see it"
SHARE_OF_THE_WAY = "share of the way from upwork to the ideal observer"
WHATIF_NEWCOMER = (
    "jobscore whatif examples/newcomer_one_star.csv --refund webpage-copy --as-of 2026-11-01"
)
WHATIF_VETERAN = (
    "jobscore whatif examples/veteran_150.csv --feedback v148:1:0 --add 2@900 --clock 2027-01-01"
    " --as-of 2026-11-01"
)
REFUND_NEWCOMER = (
    "jobscore refund-or-keep examples/newcomer_one_star.csv webpage-copy --as-of 2026-11-01"
)
REFUND_SILENT = f"{REFUND_NEWCOMER} --chance-unhappy 0"
REFUND_VETERAN = (
    "jobscore refund-or-keep examples/veteran_150.csv storefront-rebuild --as-of 2026-11-01"
)
RECOVER = "jobscore recover examples/recovering_78.csv --as-of 2026-07-01"
RECOVER_BY = f"{RECOVER} --by 2026-08-15"
RECOVER_PACE = f"{RECOVER} --pace 2/month"


def dollars(value: str) -> str:
    return f"${float(value):,.2f}"


def no_score_or(places: int) -> Callable[[float | None], str]:
    return lambda value: "no score yet" if value is None else f"{value:.{places}f}%"


TOOL_FIGURES: tuple[Figure, ...] = (
    # what-if.
    Figure(
        "one-star $700 job",
        "$700",
        Json(REFUND_NEWCOMER, "money_at_stake", lambda v: f"${float(v):,.0f}"),
    ),
    Figure("takes the profile from 0% to", "0%", Json(WHATIF_NEWCOMER, "before.score", percent(0))),
    Figure(
        'to "no score yet" (and',
        "no score yet",
        Json(
            WHATIF_NEWCOMER,
            "after[label=after, if the client leaves no feedback].score",
            no_score_or(0),
        ),
    ),
    Figure(
        "the profile still shows 0%",
        "0%",
        Json(
            WHATIF_NEWCOMER,
            "after[label=after, if the client is unhappy all the same].score",
            percent(0),
        ),
    ),
    Figure(
        "window from 100% to 80.8%", "100%", Json(WHATIF_VETERAN, "before.windows.3m", percent(0))
    ),
    Figure(
        "window from 100% to 80.8%",
        "80.8%",
        Json(WHATIF_VETERAN, "after[label=after].windows.3m", percent(1)),
    ),
    Figure("only from 95.2% to 92.8%", "95.2%", Json(WHATIF_VETERAN, "before.score", percent(1))),
    Figure(
        "only from 95.2% to 92.8%",
        "92.8%",
        Json(WHATIF_VETERAN, "after[label=after].score", percent(1)),
    ),
    # refund-or-keep.
    Figure(
        "keeping shows 0% now",
        "0%",
        Json(REFUND_NEWCOMER, "options[key=keep].now.score", percent(0)),
    ),
    Figure(
        "first reaches 90 on 2027-05-01",
        "2027-05-01",
        Json(REFUND_NEWCOMER, "options[key=keep].first_at_or_above.90", day),
    ),
    Figure(
        "reaches 90 on 2027-01-01",
        "2027-01-01",
        Json(REFUND_NEWCOMER, "options[key=refund_silent].first_at_or_above.90", day),
    ),
    Figure(
        "with the client's 1 star all the same, 0% until",
        "0%",
        Json(REFUND_NEWCOMER, "options[key=refund_unhappy].now.score", percent(0)),
    ),
    Figure(
        "protect $457.63 of income", "$457.63", Json(REFUND_NEWCOMER, "income_protected", dollars)
    ),
    Figure("less than the $700.00", "$700.00", Json(REFUND_NEWCOMER, "money_at_stake", dollars)),
    Figure("it protects $859.78", "$859.78", Json(REFUND_SILENT, "income_protected", dollars)),
    Figure(
        "keeping shows 95.2%, refunding",
        "95.2%",
        Json(REFUND_VETERAN, "options[key=keep].now.score", percent(1)),
    ),
    Figure(
        "refunding 96.2%",
        "96.2%",
        Json(REFUND_VETERAN, "options[key=refund_final].now.score", percent(1)),
    ),
    Figure(
        "moves the score 0.9 points",
        "0.9",
        Json(REFUND_VETERAN, "points_at_stake", lambda v: f"{v:.1f}"),
    ),
    # recover.
    Figure("At 78.2% on 2026-07-01", "78.2%", Json(RECOVER, "now.score", percent(1))),
    Figure(
        "needs 2 new contracts to show 90+ on 2026-12-12",
        "2 new",
        Json(RECOVER, "contracts", "{} new".format),
    ),
    Figure("to show 90+ on 2026-12-12", "2026-12-12", Json(RECOVER, "reached.at", day)),
    Figure(
        "9 contracts bring it to 2026-10-01",
        "2026-10-01",
        Json(RECOVER, "options[contracts=9].first_shows", day),
    ),
    Figure(
        "10 to 2026-09-13", "2026-09-13", Json(RECOVER, "options[contracts=10].first_shows", day)
    ),
    Figure("the nearest date is 2026-09-13", "2026-09-13", Json(RECOVER_BY, "nearest.at", day)),
    Figure(
        "with 10 contracts. At 2",
        "10 contracts",
        Json(RECOVER_BY, "nearest_contracts", "{} contracts".format),
    ),
    Figure("shows 100.0% on 2026-12-12", "100.0%", Json(RECOVER_PACE, "reached.score", percent(1))),
    Figure("shows 100.0% on 2026-12-12", "2026-12-12", Json(RECOVER_PACE, "reached.at", day)),
    Figure("after 10 of them", "10", Json(RECOVER_PACE, "contracts_by_then", str)),
)

FIGURES: tuple[Figure, ...] = (
    # score: the law of averages.
    Figure("shows 0% under Upwork's rules", "0%", Json(NEWCOMER, "score", percent(0))),
    Figure(
        "no score yet under the 2015 rules",
        "no score yet",
        Json(NEWCOMER_2015, "score", lambda v: "no score yet" if v is None else f"{v}"),
    ),
    Figure(
        "(4 jobs with 3 clients)",
        "4 jobs",
        Parameter("upwork-2015", "eligibility_min_jobs", "{} jobs".format),
    ),
    Figure(
        "(4 jobs with 3 clients)",
        "3 clients",
        Parameter("upwork-2015", "eligibility_min_clients", "{} clients".format),
    ),
    # explain.
    Figure(
        "The veteran shows 95.2% from the 24-month window",
        "95.2%",
        Json(VETERAN, "score", percent(1)),
    ),
    Figure(
        "The veteran shows 95.2% from the 24-month window",
        "24-month",
        Json(VETERAN, "window", months),
    ),
    Figure(
        "the contract that cost the most, `storefront-rebuild`",
        "storefront-rebuild",
        Json(VETERAN, "contracts[min:points].contract_id", str),
    ),
    Figure(
        "`storefront-rebuild`, takes 2.8 points off it",
        "2.8 points",
        Json(VETERAN, "contracts[contract_id=storefront-rebuild].points", points_lost),
    ),
    Figure(
        "leaves that window on 2028-07-20",
        "2028-07-20",
        Json(VETERAN, "contracts[contract_id=storefront-rebuild].ages_out_at.24m", day),
    ),
    Figure("The recovering freelancer shows 83.8%", "83.8%", Json(RECOVERING, "score", percent(1))),
    Figure(
        "`shop-rebuild` alone costs 16.2 points",
        "16.2 points",
        Json(RECOVERING, "contracts[contract_id=shop-rebuild].points", points_lost),
    ),
    # The rich JSON history.
    Figure(
        "with weight 1.5 + 5 quarters",
        "1.5 + 5 quarters",
        Json(
            RICH,
            "contracts[contract_id=ops-support].weight",
            lambda w: f"1.5 + {w - 1.5:g} quarters",
        ),
    ),
    Figure(
        "a flagged client's feedback is excluded",
        "excluded",
        Json(RICH, "contracts[contract_id=scraper].outcome", str),
    ),
    Figure(
        "The profile shows 100% from the 12-month window", "100%", Json(RICH, "score", percent(0))
    ),
    Figure(
        "The profile shows 100% from the 12-month window", "12-month", Json(RICH, "window", months)
    ),
    Figure("(88.4% over 24 months)", "88.4%", Json(RICH, "windows.24m", percent(1))),
    # screen.
    Figure(
        "(2.1 stars on average over 9 ratings)",
        "2.1 stars",
        Json(SCREEN_NORTHWIND, "stars_given.mean", "{:.1f} stars".format),
    ),
    Figure(
        "(2.1 stars on average over 9 ratings)",
        "9 ratings",
        Json(SCREEN_NORTHWIND, "stars_given.count", "{} ratings".format),
    ),
    Figure("comes out at 50%", "50%", Json(SCREEN_NORTHWIND, "probability_bad", share(0))),
    Figure(
        "the veteran's disputing client at 73%",
        "73%",
        Json(SCREEN_HOSTILE, "probability_bad", share(0)),
    ),
    Figure("`client-01`, is at 0.3%", "0.3%", Json(SCREEN_STEADY, "probability_bad", share(1))),
    # bayes and the simulator.
    Figure(
        "a 24-month half-life",
        "24-month",
        Parameter("bayes", "half_life_months", "{:.0f}-month".format),
    ),
    Figure("with an 80% credible interval", "80%", Parameter("bayes", "interval_mass", share(0))),
    Figure(
        "one bad first job does not show 0%",
        "0%",
        Json(NEWCOMER_BAYES, "score", percent(0)),
        denied=True,
    ),
    Figure("shows 83.9% (80% interval", "83.9%", Json(NEWCOMER_BAYES, "score", percent(1))),
    Figure("shows 83.9% (80% interval", "80%", Parameter("bayes", "interval_mass", share(0))),
    Figure(
        "(80% interval 64.9–97.8, limited history)",
        "64.9–97.8",
        Json(NEWCOMER_BAYES, "interval", lambda iv: f"{iv[0]:.1f}–{iv[1]:.1f}"),
    ),
    Figure(
        "64.9–97.8, limited history)",
        "limited history",
        Json(NEWCOMER_BAYES, "limited_history", lambda v: "limited history" if v else "-"),
    ),
    Figure("where `upwork` shows 0%", "0%", Json(NEWCOMER, "score", percent(0))),
    Figure(
        "Kendall τ 0.47 against upwork's 0.18",
        "τ 0.47",
        Evaluation("bayes", TAU_SEEN, lambda c: f"τ {float(c):.2f}"),
    ),
    Figure(
        "Kendall τ 0.47 against upwork's 0.18",
        "upwork's 0.18",
        Evaluation("upwork", TAU_SEEN, lambda c: f"upwork's {float(c):.2f}"),
    ),
    Figure(
        "the ideal observer's 0.52 (as clients see",
        "0.52",
        Evaluation("ideal observer", TAU_SEEN, lambda c: f"{float(c):.2f}"),
    ),
    Figure(
        "(as clients see the ranking), 87% of the way",
        "87%",
        Evaluation("bayes", SHARE_OF_THE_WAY, lambda c: c),
    ),
    # batch.
    Figure("for `bayes` the 80% interval", "80%", Parameter("bayes", "interval_mass", share(0))),
    *TOOL_FIGURES,
)

#: Paragraphs about tools that are being reworked, by their opening words: their figures are
#: not checked yet. To check one, add a row per figure above and remove its opening here.
UNCHECKED_PARAGRAPHS: tuple[str, ...] = ()
#: A figure in prose: a percentage, an amount of dollars, or a fraction such as a τ.
FIGURE_PATTERN = re.compile(r"\$\d[\d,]*(?:\.\d+)?|\d+(?:\.\d+)?%|(?<![\d.])0\.\d+")


def one_line(text: str) -> str:
    return " ".join(text.split())


def prose_paragraphs() -> list[str]:
    """The README's paragraphs outside code blocks, each on one line."""
    prose = re.sub(r"```.*?```", "\n\n", README, flags=re.S)
    paragraphs = (one_line(block) for block in re.split(r"\n\s*\n", prose))
    return [p for p in paragraphs if p and not p.startswith("#")]


def checked_paragraphs() -> list[str]:
    return [p for p in prose_paragraphs() if not p.startswith(UNCHECKED_PARAGRAPHS)]


_outputs: dict[str, Any] = {}


def json_of(command: str) -> Any:
    if command not in _outputs:
        argv = shlex.split(command)[1:]
        if "--json" not in argv:
            argv.append("--json")
        result = CliRunner().invoke(app, argv)
        assert result.exit_code == 0, result.stderr or result.stdout
        _outputs[command] = json.loads(result.stdout)
    return _outputs[command]


def pick(document: Any, path: str) -> Any:
    for step in path.split("."):
        key, _, selector = step.partition("[")
        document = document[key]
        if selector.startswith("min:"):
            field = selector.removeprefix("min:").removesuffix("]")
            document = min(document, key=lambda item: item[field])
        elif selector:
            field, _, value = selector.removesuffix("]").partition("=")
            (document,) = [item for item in document if str(item[field]) == value]
    return document


def evaluation_table() -> dict[str, dict[str, str]]:
    """The key results of docs/evaluation.md: policy -> column -> cell."""
    text = (ROOT / "docs" / "evaluation.md").read_text()
    section = text.split("## Key results", 1)[1].lstrip("\n")
    lines = list(takewhile(lambda line: line.startswith("|"), section.splitlines()))
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    table = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        table[cells[0]] = dict(zip(header, cells, strict=True))
    return table


def shown(source: Json | Parameter | Evaluation) -> str:
    if isinstance(source, Json):
        return source.show(pick(json_of(source.command), source.path))
    if isinstance(source, Parameter):
        from jobscore.scoring.catalog import CATALOG

        return source.show(getattr(CATALOG.policy(source.policy), source.name))
    return source.show(evaluation_table()[source.policy][source.column])


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f"{f.figure} in {f.quote}")
def test_a_quoted_figure_is_what_jobscore_prints(
    figure: Figure, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert figure.figure in figure.quote
    assert any(figure.quote in p for p in checked_paragraphs()), "not in the README's prose"
    source = figure.source
    if isinstance(source, Json):
        assert source.command in readme_commands(), "the command is not in the README"
        extra = COMMAND_EXTRAS.get(shlex.split(source.command)[1])
        if extra and (missing := missing_modules(extra)):
            pytest.skip(f"needs jobscore[{extra}]: {', '.join(missing)} not installed")
    monkeypatch.chdir(ROOT)
    if figure.denied:
        assert shown(source) != figure.figure
    else:
        assert shown(source) == figure.figure


@pytest.mark.parametrize("paragraph", checked_paragraphs(), ids=lambda p: p[:40])
def test_every_figure_of_the_prose_has_a_row(paragraph: str) -> None:
    covered = {
        match
        for figure in FIGURES
        if figure.quote in paragraph
        for match in FIGURE_PATTERN.findall(figure.figure)
    }
    missing = [found for found in FIGURE_PATTERN.findall(paragraph) if found not in covered]
    assert not missing, f"add a row to FIGURES for {missing} in: {paragraph}"


def test_the_unchecked_paragraphs_are_still_there() -> None:
    paragraphs = prose_paragraphs()
    for opening in UNCHECKED_PARAGRAPHS:
        assert any(p.startswith(opening) for p in paragraphs), f"no paragraph opens {opening!r}"


def test_the_figure_pattern_finds_amounts_percentages_and_fractions() -> None:
    text = "refunding $700.00 of $1,250 moves 95.2% to 0% and τ 0.41; 12-month, 1.5 + 5"
    assert FIGURE_PATTERN.findall(text) == ["$700.00", "$1,250", "95.2%", "0%", "0.41"]
