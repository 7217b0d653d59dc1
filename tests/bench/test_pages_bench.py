"""The page benchmark's own code, at a tiny scale: every page it times answers, and each
is timed as many times as asked. (The 200-contract run is `make bench-pages`.)"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="needs jobscore[service]")

from bench.pages import measure


def test_every_page_answers_and_is_timed(tmp_path: Path) -> None:
    timings = measure(contracts=6, requests=3, directory=tmp_path)
    assert [name for name, _, _ in timings] == [
        "freelancer, public", "freelancer, own", "contract",
        "what-if answer", "recover answer", "refund-or-keep answer",
    ]  # fmt: skip
    for _, spent, cpu in timings:
        assert len(spent) == len(cpu) == 3
        assert all(ms > 0 for ms in spent)
