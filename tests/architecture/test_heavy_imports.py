"""Each heavy dependency is imported in one module of jobscore only (STYLE.md), and importing
that module does not load it: it is loaded when first used."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).parents[2] / "src"

#: Dependency -> the one module that imports it (None: no module may; a tuple: the modules
#: of the simulator that compute on arrays, all loaded by the command that runs it).
HOMES: dict[str, str | tuple[str, ...] | None] = {
    "duckdb": "jobscore.batch.duckdb_engine",
    "pyspark": "jobscore.batch.spark_engine",
    "sqlglot": "jobscore.batch.dialects",
    "pyarrow": "jobscore.io.arrow",
    "scipy": "jobscore.stats",
    "matplotlib": "jobscore.simulate.plots",
    # scipy's own dependency: its home makes the arrays it computes on.
    "numpy": ("jobscore.simulate.world", "jobscore.simulate.ideal", "jobscore.stats"),
    # The store's rows as Arrow, for snapshots.
    "adbc_driver_sqlite": "jobscore.store.sql_market",
    "adbc_driver_postgresql": "jobscore.store.sql_market",
    # Listed in the spark extra for pyspark's own use; jobscore does not import it.
    "pandas": None,
}

#: Homes that may import their dependency at the top: the module is itself loaded lazily (the
#: engine chosen, the simulator run), and nothing else imports it.
IMPORTED_AT_THE_TOP = {"duckdb", "pyspark", "matplotlib", "numpy"}


def _is_type_checking(node: ast.If) -> bool:
    return ast.unparse(node.test) in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}


def imported_by(tree: ast.Module) -> set[str]:
    """Top-level names of the modules `tree` imports at run time (not for type checking)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and ast.unparse(node.func).rsplit(".", 1)[-1] in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.split(".")[0])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def importers() -> dict[str, set[str]]:
    """Dependency -> the jobscore modules that import it."""
    out: dict[str, set[str]] = defaultdict(set)
    for path in sorted((SRC / "jobscore").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        for name in imported_by(ast.parse(path.read_text(encoding="utf-8"))):
            out[name].add(module)
    return out


def test_each_heavy_dependency_has_one_home() -> None:
    found = importers()
    for dependency, home in HOMES.items():
        homes = set(home) if isinstance(home, tuple) else {home} if home else set()
        assert found.get(dependency, set()) == homes, dependency


def test_the_scan_sees_imports_in_functions_but_not_for_type_checking() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import numpy\n"
        "def f():\n    import pyarrow.parquet as pq\n"
        "def g():\n    return importlib.import_module('scipy.stats')\n"
    )
    assert imported_by(tree) == {"typing", "pyarrow", "scipy"}


def test_lazy_homes_do_not_load_their_dependency_on_import() -> None:
    lazy = sorted(
        home
        for dep, home in HOMES.items()
        if isinstance(home, str) and dep not in IMPORTED_AT_THE_TOP
    )
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in lazy)
        + "import jobscore.batch, jobscore.batch.intervals, jobscore.batch.output\n"
        + "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert not loaded & set(HOMES), loaded & set(HOMES)
