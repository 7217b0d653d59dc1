"""Double-blind feedback in the browser: the client gives its feedback on a contract, and the
freelancer cannot see it until the freelancer has given its own, or the window has closed
(the test moves the server's clock past it)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.web.conftest import Site, screenshot, sign_in

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1100, "height": 900}


def _give(page: Any, site: Site, contract_id: str, stars: str, comment: str) -> None:
    page.goto(f"{site.url}/contracts/{contract_id}")
    form = page.locator("form[action$='/actions/feedback']")
    form.get_by_label("Stars, from 1 to 5").fill(stars)
    if form.get_by_label("Private score", exact=False).count():
        form.get_by_label("Private score", exact=False).fill("3")
    form.get_by_label("Comment (public)").fill(comment)
    form.get_by_role("button", name="Give feedback").click()
    page.wait_for_url(f"{site.url}/contracts/{contract_id}?done=feedback")


def _sees(page: Any, site: Site, contract_id: str) -> str:
    page.goto(f"{site.url}/contracts/{contract_id}")
    text: str = page.locator("main").inner_text()
    return text


def test_the_freelancer_sees_the_clients_feedback_once_it_gives_its_own(
    browser: Any, site: Site
) -> None:
    client = browser.new_context(viewport=VIEWPORT).new_page()
    freelancer = browser.new_context(viewport=VIEWPORT).new_page()
    sign_in(client, site, "client")
    sign_in(freelancer, site, "freelancer")

    _give(client, site, "logo", "2", "Late and sloppy.")
    assert "Late and sloppy." in client.locator("main").inner_text()
    screenshot(client, "contract-client-gave")

    hidden = _sees(freelancer, site, "logo")
    assert "Late and sloppy." not in hidden
    assert "The client has given feedback" in hidden
    assert freelancer.get_by_test_id("stars-client").count() == 0

    _give(freelancer, site, "logo", "5", "A clear brief.")
    shown = freelancer.locator("main").inner_text()
    assert "Late and sloppy." in shown
    assert freelancer.get_by_test_id("stars-client").inner_text() == "2.0 stars"
    assert "Private score" not in shown
    screenshot(freelancer, "contract-revealed")

    form = freelancer.locator("form[action$='/actions/respond']")
    form.get_by_label("Your public response (once)").fill("Sorry it ran late; fixed since.")
    form.get_by_role("button", name="Post the response").click()
    freelancer.wait_for_url(f"{site.url}/contracts/logo?done=respond")
    assert freelancer.locator("form[action$='/actions/respond']").count() == 0
    assert "Sorry it ran late; fixed since." in _sees(client, site, "logo")
    client.context.close()
    freelancer.context.close()


def test_the_freelancer_sees_it_when_the_window_closes(browser: Any, site: Site) -> None:
    site.market.open_ended_contract("site")
    client = browser.new_context(viewport=VIEWPORT).new_page()
    freelancer = browser.new_context(viewport=VIEWPORT).new_page()
    sign_in(client, site, "client")
    sign_in(freelancer, site, "freelancer")
    _give(client, site, "site", "4.5", "Good work, a little slow.")

    assert "a little slow" not in _sees(freelancer, site, "site")
    site.market.clock.advance(timedelta(days=13))
    assert "a little slow" not in _sees(freelancer, site, "site")
    # The window closes at the end of day 14 after the end.
    site.market.clock.advance(timedelta(days=2))
    shown = _sees(freelancer, site, "site")
    assert "a little slow" in shown
    assert "The window closed on" in shown
    assert freelancer.locator("form[action$='/actions/feedback']").count() == 0
    client.context.close()
    freelancer.context.close()
