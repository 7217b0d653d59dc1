"""axe-core finds no serious or critical violation on any page; a screenshot of each page
is saved as it is checked."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import Site, screenshot, sign_in

pytestmark = pytest.mark.browser

#: (who signs in, the page, the screenshot's name)
PAGES = [
    (None, "/sign-in", "sign-in"),
    (None, "/freelancers/eve", "a11y-freelancer-public"),
    ("eve", "/freelancers/eve", "a11y-freelancer-own"),
    ("eve", "/freelancers/eve/whatif?refund=e5", "a11y-whatif"),
    ("eve", "/freelancers/eve/refund-or-keep?contract_id=e5", "refund-or-keep"),
    ("eve", "/freelancers/eve/recover?target=95", "a11y-recover"),
    ("client", "/contracts/logo", "a11y-contract"),
    # An ended contract with an open dispute: every operator form, resolution included.
    ("operator", "/contracts/a11y-disputed", "a11y-contract-operator"),
    ("freelancer", "/clients/acme", "client"),
    ("operator", "/operator", "a11y-operator"),
    ("operator", "/contracts/nothing-here", "a11y-not-found"),
]


@pytest.mark.parametrize(("who", "path", "name"), PAGES)
def test_no_serious_violation(page: Any, site: Site, who: str | None, path: str, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    if path == "/contracts/a11y-disputed":
        site.market.open_disputed_contract("a11y-disputed")
    if who is not None:
        sign_in(page, site, who)
    page.goto(site.url + path)
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == []
    assert results.response["passes"], "axe checked nothing"
    screenshot(page, name)
