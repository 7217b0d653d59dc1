"""The freelancer's tools answer on the page with the numbers the command line gives for the
same history: what-if against `jobscore whatif`, refund-or-keep against
`jobscore refund-or-keep`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from jobscore.cli import app
from jobscore.instants import format_instant
from tests.web.conftest import Site, screenshot, sign_in

pytestmark = pytest.mark.browser


def _cli(site: Site, *args: str) -> dict[str, Any]:
    as_of = format_instant(site.market.clock.now())
    argv = [args[0], str(site.market.history_file), *args[1:], "--as-of", as_of, "--json"]
    result = CliRunner().invoke(app, [*argv, "--freelancer", "eve"])
    assert result.exit_code == 0, result.output
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def _shown(score: float | None) -> str:
    return "no score yet" if score is None else f"{score:.1f}%"


def test_whatif_answers_on_the_page_as_the_command_line_does(page: Any, site: Site) -> None:
    sign_in(page, site, "eve")
    page.goto(f"{site.url}/freelancers/eve")
    form = page.locator("form[action$='/whatif']")
    form.get_by_label("Contract to refund").select_option("e5")
    form.get_by_label("How many").fill("2")
    form.get_by_label("Size of each, in dollars").fill("900")
    form.get_by_role("button", name="Show before and after").click()
    table = page.get_by_test_id("whatif-answer")
    table.wait_for()
    assert page.url == f"{site.url}/freelancers/eve", "the form answered on the page"
    cli = _cli(site, "whatif", "--refund", "e5", "--add", "2@900")
    rows = {
        row.get_attribute("data-row"): row.locator("td").all_inner_texts()
        for row in table.locator("tbody tr").all()
    }
    assert rows["score"] == [_shown(cli["before"]["score"])] + [
        _shown(after["score"]) for after in cli["after"]
    ]
    for name, before in cli["before"]["windows"].items():
        assert rows[name] == [_shown(before)] + [
            _shown(after["windows"][name]) for after in cli["after"]
        ]
    screenshot(page, "whatif")


def test_refund_or_keep_recommends_what_the_command_line_does(page: Any, site: Site) -> None:
    sign_in(page, site, "eve")
    page.goto(f"{site.url}/freelancers/eve")
    form = page.locator("form[action$='/refund-or-keep']")
    form.get_by_label("The contract with an unhappy client").select_option("e5")
    form.get_by_role("button", name="Compare the paths").click()
    page.get_by_test_id("recommendation").wait_for()
    cli = _cli(site, "refund-or-keep", "e5")
    assert page.get_by_test_id("recommendation").inner_text() == cli["recommendation"]
    chart = page.locator("#paths-chart")
    assert chart.locator("polyline").count() >= 1
    assert chart.locator("tbody tr").count() == len(cli["options"][0]["path"])


def test_a_bad_change_is_refused_next_to_its_field(page: Any, site: Site) -> None:
    sign_in(page, site, "eve")
    page.goto(f"{site.url}/freelancers/eve/whatif?add_count=2&add_amount=lots")
    problems = page.locator("#whatif-answer .problems")
    assert "lots" in problems.inner_text()
    assert problems.get_by_role("link").first.get_attribute("href") == "#whatif-add_count"
