"""The operator resolves a dispute from the contract page: a share above the escrow is
refused next to its field, a share within it is recorded, and the page then shows the
dispute resolved with no form left to resolve it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import Site, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_the_operator_resolves_a_dispute_from_the_page(page: Any, site: Site) -> None:
    dispute_id = site.market.open_disputed_contract("dispute-site", escrow="200")
    sign_in(page, site, "operator")
    page.goto(f"{site.url}/contracts/dispute-site")
    assert "open." in page.get_by_test_id(f"dispute-{dispute_id}").inner_text()

    form = page.locator("form[action$='/actions/resolve']")
    assert form.count() == 1
    form.get_by_label("The freelancer's share, in dollars").fill("250")
    form.get_by_role("button", name="Resolve it").click()
    problem = page.locator(f"#resolve-{dispute_id}-freelancer_share-problem")
    assert "from 0 to the escrowed 200" in problem.inner_text()

    form = page.locator("form[action$='/actions/resolve']")
    form.get_by_label("The freelancer's share, in dollars").fill("120")
    form.get_by_label("Outcome, for the freelancer").select_option("won")
    form.get_by_role("button", name="Resolve it").click()
    page.wait_for_url(f"{site.url}/contracts/dispute-site?done=resolve")

    assert page.get_by_role("status").inner_text() == "The dispute is resolved."
    shown = page.get_by_test_id(f"dispute-{dispute_id}").inner_text()
    assert "resolved" in shown
    assert "120.00 to the freelancer (won by the freelancer)" in shown
    assert page.locator("form[action$='/actions/resolve']").count() == 0
    screenshot(page, "contract-dispute-resolved")
