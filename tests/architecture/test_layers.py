"""The layers of docs/architecture.md, held by import-linter, and a package without cycles.

`make lint` runs the contracts on the source; these tests show that the contracts catch what
they are for (a forbidden import breaks them), and hold the rest of the shape: no import
cycle between modules, no module over 400 lines.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).parents[2]
SOURCE = ROOT / "src" / "jobscore"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
MAX_LINES = 400
LAYERS = "Each layer imports only the layers below it"
PURE_CORE = "The core (domain, scoring, tools) imports no third-party package"


def lint_copy(tmp_path: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the project's import contracts over a copy of the source with `extra` modules."""
    shutil.copytree(SOURCE, tmp_path / "src" / "jobscore", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for name, text in extra.items():
        (tmp_path / "src" / "jobscore" / name).write_text(text)
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_contracts_hold_on_the_source(tmp_path: Path) -> None:
    done = lint_copy(tmp_path, {})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "broken" not in done.stdout.lower().replace("0 broken", "")


@pytest.mark.parametrize(
    ("module", "imports", "contract"),
    [
        ("domain/reaching_up.py", "from jobscore.scoring import CATALOG", LAYERS),
        ("scoring/reaching_up.py", "import jobscore.tools.whatif", LAYERS),
        ("tools/reaching_across.py", "from jobscore.io import load_history", LAYERS),
        ("render/reaching_up.py", "from jobscore.cli import app", LAYERS),
        ("scoring/driver.py", "import duckdb", PURE_CORE),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    tmp_path: Path, module: str, imports: str, contract: str
) -> None:
    done = lint_copy(tmp_path, {module: f'"""Breaks a rule on purpose."""\n\n{imports}\n'})
    assert done.returncode == 1, done.stdout + done.stderr
    broken = [line for line in done.stdout.splitlines() if line.endswith("BROKEN")]
    assert f"{contract} BROKEN" in broken, broken
    assert module.replace("/", ".").removesuffix(".py") in done.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in graph.modules or not other.startswith("jobscore"):
                continue
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module.startswith("jobscore") and module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("jobscore", cache_dir=None)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for a, b in [("jobscore.a", "jobscore.b"), ("jobscore.b", "jobscore.c")]:
        graph.add_import(importer=a, imported=b)
    assert _cycles(graph) == []
    graph.add_import(importer="jobscore.c", imported="jobscore.a")
    assert _cycles(graph) == [["jobscore.a", "jobscore.b", "jobscore.c"]]


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(SOURCE)): lines
        for path in SOURCE.rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
