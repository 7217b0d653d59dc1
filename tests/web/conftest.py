"""The page tests: a real server (uvicorn in a thread, on 127.0.0.1) over a SQLite store with
a stepped clock, and Debian's Chromium driven by Playwright.

Browser tests are marked `browser`. Without /usr/bin/chromium they skip, saying so; under CI
(CI=true) they fail instead. Playwright never downloads a browser here: it launches the
system's.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="needs jobscore[service]")

import uvicorn

from tests.web.market import TestMarket, build_market

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
#: Where the tests save a screenshot of each page.
SCREENSHOTS = Path(__file__).parents[2] / "build" / "screenshots"


@dataclass
class Site:
    url: str
    market: TestMarket


def _serve(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # As uvicorn does for a socket it opens itself: without it, each answer waits out the
    # client's delayed acknowledgement (about 40 ms).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A marketplace served for the tests of one module."""
    app, market = build_market(tmp_path_factory.mktemp("site"))
    server, thread, url = _serve(app)
    yield Site(url, market)
    server.should_exit = True
    thread.join(timeout=20)
    market.service.close()


def _chromium_or_skip() -> None:
    if CHROMIUM.exists():
        return
    reason = f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI installs it, so it must be there", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _chromium_or_skip()
    pytest.importorskip("playwright", reason="needs the dev extra (playwright)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page the size of a phone's screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def sign_in(page: Any, site: Site, who: str) -> None:
    """Sign in through the form, as a person does."""
    page.goto(f"{site.url}/sign-in")
    page.get_by_label("Token", exact=True).fill(site.market.tokens[who])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
