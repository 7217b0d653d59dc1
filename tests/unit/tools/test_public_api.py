"""The tools' public names: everything listed in `__all__` exists, and nothing private leaks."""

from __future__ import annotations

import importlib

import pytest

import jobscore.tools

MODULES = [
    "jobscore.tools",
    "jobscore.tools.changes",
    "jobscore.tools.pace",
    "jobscore.tools.readings",
    "jobscore.tools.recover",
    "jobscore.tools.refund_or_keep",
    "jobscore.tools.screen",
    "jobscore.tools.whatif",
    "jobscore.render.json_encoding",
    "jobscore.render.refund_words",
    "jobscore.render.tool_json",
    "jobscore.render.tool_views",
    "jobscore.render.tool_words",
    "jobscore.cli.tool_commands",
]


@pytest.mark.parametrize("name", MODULES)
def test_every_listed_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__all__
    for exported in module.__all__:
        assert hasattr(module, exported), f"{name}.{exported}"
        assert not exported.startswith("_")


def test_the_package_offers_the_four_tools() -> None:
    for tool in ("what_if", "refund_or_keep", "fewest_contracts", "date_at_pace", "screen_client"):
        assert tool in jobscore.tools.__all__
