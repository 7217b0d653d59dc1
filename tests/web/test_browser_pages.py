"""The pages in a real browser: sign-in for each role, the freelancer page against the API,
a refused action, what an anonymous reader sees, the operator's histogram against the
snapshot. A screenshot of each page is saved (build/screenshots)."""

from __future__ import annotations

import re
from typing import Any

import httpx2
import pytest

from jobscore.service.overview import bin_of
from tests.web.conftest import Site, screenshot, sign_in

pytestmark = pytest.mark.browser


def _shown(score: float | None) -> str:
    return "no score yet" if score is None else f"{score:.1f}%"


@pytest.mark.parametrize(
    ("who", "home", "name"),
    [
        ("operator", "/operator", "operator"),
        ("client", "/clients/acme", "client acme"),
        ("freelancer", "/freelancers/ada", "freelancer ada"),
    ],
)
def test_each_role_signs_in_and_lands_on_its_page(
    page: Any, site: Site, who: str, home: str, name: str
) -> None:
    sign_in(page, site, who)
    assert page.url == site.url + home
    assert page.get_by_text(f"Signed in as {name}").is_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == "jobscore_session")
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{site.url}/sign-in")
    assert not [c for c in page.context.cookies() if c["name"] == "jobscore_session"]


def test_a_wrong_token_is_refused_next_to_its_field(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/sign-in")
    page.get_by_label("Token", exact=True).fill("not-a-token")
    page.get_by_role("button", name="Sign in").click()
    problem = page.locator("#sign-in-token-problem")
    assert "not valid" in problem.inner_text()
    assert page.get_by_label("Token", exact=True).get_attribute("aria-invalid") == "true"


def test_the_freelancer_page_shows_the_score_and_windows_the_api_answers(
    page: Any, site: Site
) -> None:
    sign_in(page, site, "eve")
    page.goto(f"{site.url}/freelancers/eve")
    api = httpx2.get(
        f"{site.url}/freelancers/eve/score",
        headers={"Authorization": f"Bearer {site.market.tokens['eve']}"},
    ).json()
    assert page.get_by_test_id("displayed-score").inner_text() == _shown(api["score"])
    rows = page.locator("[data-testid=windows] tbody tr")
    shown = {
        rows.nth(i).get_attribute("data-window"): rows.nth(i).locator("td").first.inner_text()
        for i in range(rows.count())
    }
    assert shown == {name: _shown(value) for name, value in api["windows"].items()}
    assert api["window"] in shown
    displayed = page.locator("tr.displayed").get_attribute("data-window")
    assert displayed == api["window"]
    screenshot(page, "freelancer")


def test_the_freelancer_page_reads_on_a_phone(phone: Any, site: Site) -> None:
    sign_in(phone, site, "eve")
    phone.goto(f"{site.url}/freelancers/eve")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px screen"
    screenshot(phone, "freelancer-phone")


def test_a_refused_action_shows_the_rule_next_to_the_field(page: Any, site: Site) -> None:
    site.market.open_ended_contract("refund-me", amount="400")
    sign_in(page, site, "freelancer")
    page.goto(f"{site.url}/contracts/refund-me")
    form = page.locator("form[action$='/actions/refund']")
    form.get_by_label("Amount, in dollars").fill("999")
    form.get_by_role("button", name="Refund").click()
    problem = page.locator("#refund-amount-problem")
    assert "(rule refund_above_refundable)" in problem.inner_text()
    assert page.get_by_label("Amount, in dollars").first.get_attribute("aria-invalid") == "true"
    contract = site.market.service.contract(site.market.as_operator(), "refund-me")
    assert contract["refunds"] == []
    screenshot(page, "contract-refused")


def test_an_anonymous_reader_sees_the_public_profile_only(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/freelancers/eve")
    text = page.locator("main").inner_text()
    assert page.get_by_test_id("displayed-score").is_visible()
    for private in ("Plan ahead", "The contracts that moved", "e5", "harbor", "Private score"):
        assert private not in text
    for closed in ("/contracts/logo", "/operator", "/clients/acme", "/freelancers/eve/whatif"):
        page.goto(site.url + closed)
        assert re.search(r"/sign-in\?next=", page.url), closed
    screenshot(page, "freelancer-anonymous")


def test_the_operator_histogram_counts_the_last_snapshot(page: Any, site: Site) -> None:
    sign_in(page, site, "operator")
    page.goto(f"{site.url}/operator")
    store = site.market.service.store
    expected = [0] * 10
    for freelancer in store.state().freelancers:
        rows = store.snapshots(freelancer, "upwork")
        last = max(rows, key=lambda r: r.as_of)
        if last.score is not None:
            expected[bin_of(last.score)] += 1
    table = page.locator("#histogram-upwork table tbody tr")
    counts = [int(table.nth(i).locator("td").first.text_content() or "") for i in range(10)]
    assert counts == expected
    assert sum(expected) > 0
    screenshot(page, "operator")


def test_the_contract_page_shows_the_sides_actions(page: Any, site: Site) -> None:
    sign_in(page, site, "client")
    page.goto(f"{site.url}/contracts/logo")
    headings = page.locator("form.action h3").all_inner_texts()
    assert headings == ["Give your feedback", "Open a dispute"]
    # Ended on 2026-06-01 at 09:00; the window closes at the end of 2026-06-15.
    assert (
        "2026-06-15 23:59 UTC: 14 days left" in page.get_by_test_id("feedback-state").inner_text()
    )
    screenshot(page, "contract")
