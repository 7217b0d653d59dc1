"""What a command loads: its own tool, never the others, and rich only to print for a person.

Each run is a fresh interpreter, as a person's command is.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[2] / "examples"
VETERAN = str(EXAMPLES / "veteran_150.csv")
TOOLS = {"whatif", "refund_or_keep", "recover", "screen"}
HEAVY = {"numpy", "scipy", "pandas", "duckdb", "pyarrow", "pyspark", "sqlglot", "matplotlib"}
RUN = """
import sys
from jobscore.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args, "--as-of", "2026-11-01"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stderr.split())


def tools_in(modules: set[str]) -> set[str]:
    return {name for name in TOOLS if f"jobscore.tools.{name}" in modules}


@pytest.mark.parametrize(
    ("args", "tools"),
    [
        (("whatif", VETERAN, "--refund", "v001"), {"whatif"}),
        (("refund-or-keep", VETERAN, "v001", "--policy", "bayes"), {"refund_or_keep", "recover"}),
        (("recover", VETERAN, "--policy", "bayes"), {"recover"}),
        (("screen", VETERAN, "--client", "client-06"), {"screen"}),
    ],
)
def test_a_tool_loads_its_own_module_and_rich_only_for_tables(
    args: tuple[str, ...], tools: set[str]
) -> None:
    as_json = loaded_by(*args, "--json")
    assert tools_in(as_json) == tools
    assert "rich" not in as_json
    assert not HEAVY & as_json
    as_text = loaded_by(*args)
    assert tools_in(as_text) == tools
    assert "rich" in as_text


def test_score_json_loads_no_tool_and_no_rich() -> None:
    modules = loaded_by("score", VETERAN, "--json")
    assert tools_in(modules) == set()
    assert "rich" not in modules
    assert not HEAVY & modules
