"""The audit log over HTTP, paged back to its first entry with `before` (or the `Link`
header), the filters holding on every page."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from tests.api.conftest import Market


def pages_by_link(market: Market, **params: str) -> list[list[dict[str, Any]]]:
    """Every page, following the `Link` header from the first until there is none."""
    answer = market.get("operator", "/audit", **params)
    pages = []
    for _ in range(100):
        assert answer.status_code == 200, answer.json()
        pages.append(answer.json())
        if "link" not in answer.headers:
            return pages
        url, rel = answer.headers["link"].split("; ")
        assert rel == 'rel="next"'
        answer = market.http.get(url.strip("<>"), headers=market.headers("operator"))
    raise AssertionError("the pages never ended")


def test_the_whole_log_pages_back_by_link(market: Market) -> None:
    market.open_paid_contract()
    for n in range(5):
        market.ok("c1", "/contracts/k1/payments", {"amount": "1", "payment_id": f"q{n}"})
    everything = market.get("operator", "/audit", limit="1000").json()
    assert len(everything) == 4 + 2 + 5
    pages = pages_by_link(market, limit="3")
    assert [len(p) for p in pages] == [3, 3, 3, 2]
    assert [e for p in pages for e in p] == everything
    assert [e["sequence"] for e in everything] == list(range(11, 0, -1))


def test_before_asks_for_the_entries_older_than_a_sequence(market: Market) -> None:
    market.open_paid_contract()
    page = market.get("operator", "/audit", before="4", limit="2")
    assert [e["sequence"] for e in page.json()] == [3, 2]
    url, rel = page.headers["link"].split("; ")
    path, _, query = url.strip("<>").partition("?")
    assert (path, parse_qs(query), rel) == (
        "/audit",
        {"before": ["2"], "limit": ["2"]},
        'rel="next"',
    )
    last = market.get("operator", "/audit", before="2")
    assert [e["sequence"] for e in last.json()] == [1]
    assert "link" not in last.headers
    assert market.get("operator", "/audit", before="1").json() == []


def test_the_filters_hold_on_every_page(market: Market) -> None:
    market.open_paid_contract()
    market.open_paid_contract("k2", "20")
    for n in range(3):
        market.ok("c1", "/contracts/k1/payments", {"amount": "2", "payment_id": f"s{n}"})
    market.ok("f1", "/contracts/k1/refunds", {"amount": "1"})
    about_k1 = market.get("operator", "/audit", record="contract k1", limit="1000").json()
    assert [e["actor_id"] for e in about_k1] == ["f1"] + ["c1"] * 5
    pages = pages_by_link(market, record="contract k1", actor_id="c1", limit="2")
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [e for p in pages for e in p] == about_k1[1:]
    link = market.get("operator", "/audit", record="contract k1", limit="2").headers["link"]
    assert parse_qs(link.split("; ")[0].strip("<>").partition("?")[2])["record"] == ["contract k1"]


def test_a_cursor_below_one_is_refused(memory_market: Market) -> None:
    answer = memory_market.get("operator", "/audit", before="0")
    assert answer.status_code == 422
    assert answer.json()["error"]["field"] == "before"
