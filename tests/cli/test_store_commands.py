"""`jobscore db upgrade` and `jobscore import`: the store's schema from the command line, and
history files imported once, whole or not at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscore.cli import app

pytest.importorskip("sqlalchemy", reason="needs jobscore[service]")

from jobscore.domain.market_facts import history_of
from jobscore.io import load_history_file
from jobscore.store import make_store
from jobscore.store.migrate import current_revision, head_revision

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
VETERAN = EXAMPLES / "veteran_150.csv"
RICH = EXAMPLES / "rich_history.json"
runner = CliRunner()

BROKEN = """contract_id,client_id,started_at,ended_at,end_reason,earned,last_payment_at,stars
fine,new-client,2026-01-05,2026-01-20,completed,300.00,,5
paid-after-the-end,new-client,2026-02-01,2026-02-10,completed,200.00,2026-02-15,5
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


def log_size(url: str) -> int:
    store = make_store(url)
    try:
        return len(store.audit(limit=1_000_000))
    finally:
        store.close()


def test_db_upgrade_creates_the_schema_then_has_nothing_to_do(database: str) -> None:
    code, out, err = run("db", "upgrade", "--database", database)
    assert (code, err) == (0, "")
    assert out == f"the database is at schema version {head_revision()} (was a new database)\n"
    assert current_revision(database) == head_revision()
    code, out, _ = run("db", "upgrade", "--database", database, "--json")
    assert code == 0
    assert json.loads(out) == {
        "from_version": head_revision(),
        "version": head_revision(),
        "changed": False,
    }


def test_db_upgrade_refuses_a_url_that_is_not_a_store(tmp_path: Path) -> None:
    code, _, err = run("db", "upgrade", "--database", "mysql://somewhere/db")
    assert code == 2
    assert "not a store URL" in err


def test_the_database_defaults_to_jobscore_db_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JOBSCORE_DATABASE_URL", raising=False)
    code, _, _ = run("db", "upgrade")
    assert code == 0
    assert (tmp_path / "jobscore.db").is_file()


def test_importing_a_file_twice_records_nothing_new(database: str) -> None:
    code, out, err = run("import", str(VETERAN), "--database", database, "--json")
    assert (code, err) == (0, "")
    first = json.loads(out)
    assert first["contracts"] == 151
    assert first["recorded"] == first["facts"] > 151
    assert first["already_stored"] == 0
    size = log_size(database)
    assert size == first["recorded"]

    code, out, _ = run("import", str(VETERAN), "--database", database)
    assert code == 0
    assert out.startswith("veteran_150.csv: nothing new; the store already holds every fact")
    code, out, _ = run("import", str(VETERAN), "--database", database, "--json")
    again = json.loads(out)
    assert (again["recorded"], again["already_stored"]) == (0, first["facts"])
    assert log_size(database) == size


def test_an_imported_file_is_the_history_it_was(database: str) -> None:
    """Every contract of the file is in the store, with its money and its feedback."""
    code, _, _ = run("import", str(RICH), "--database", database)
    assert code == 0
    file = load_history_file(RICH)
    store = make_store(database)
    try:
        state = store.state()
    finally:
        store.close()
    (freelancer,) = file.freelancer_ids()
    assert set(state.contracts) == {c.contract_id for c in file.contracts}
    far = max(c.ended_at or c.started_at for c in file.contracts).replace(year=2030)
    stored = {c.contract_id: c for c in history_of(state, freelancer, far).contracts}
    for contract in file.contracts:
        mine = stored[contract.contract_id]
        assert (mine.earned, mine.refunded) == (contract.earned, contract.refunded)
        assert (mine.started_at, mine.ended_at) == (contract.started_at, contract.ended_at)
        assert (mine.stars, mine.private_score) == (contract.stars, contract.private_score)


def test_a_file_that_breaks_a_rule_is_refused_whole(database: str, tmp_path: Path) -> None:
    run("import", str(VETERAN), "--database", database)
    size = log_size(database)
    broken = tmp_path / "broken.csv"
    broken.write_text(BROKEN, encoding="utf-8")
    code, out, err = run("import", str(broken), "--database", database)
    assert code == 2
    assert out == ""
    assert "broken.csv: not imported; nothing of it was stored" in err
    assert "contract paid-after-the-end: at:" in err
    assert "(rule end_before_last_payment)" in err
    # Nothing of the file, not even its good contract or its new client.
    assert log_size(database) == size
    store = make_store(database)
    try:
        assert "fine" not in store.state().contracts
        assert "new-client" not in store.state().clients
    finally:
        store.close()


def test_a_contract_imported_again_with_other_content_is_refused(
    database: str, tmp_path: Path
) -> None:
    run("import", str(VETERAN), "--database", database)
    size = log_size(database)
    changed = tmp_path / "changed.csv"
    changed.write_text(
        VETERAN.read_text(encoding="utf-8").replace(",300.00,", ",301.00,", 1), encoding="utf-8"
    )
    code, _, err = run("import", str(changed), "--database", database)
    assert code == 2
    assert "(rule duplicate_id)" in err
    assert log_size(database) == size


def test_a_database_at_an_older_schema_is_not_imported_into(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE something_else (x INTEGER)")
    code, _, err = run("import", str(VETERAN), "--database", f"sqlite:///{path}")
    assert code == 1
    assert "jobscore db upgrade --database URL" in err


def test_score_loads_no_database_driver() -> None:
    """`score --json` stays quick: the store's commands and their drivers load on their own."""
    code = (
        "import sys\n"
        "from jobscore.cli import app\n"
        f"app(['score', {str(VETERAN)!r}, '--json', '--as-of', '2026-11-01'],"
        " standalone_mode=False)\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = {name.split(".")[0] for name in done.stderr.split()}
    assert not {"sqlalchemy", "alembic", "psycopg"} & loaded
    assert "jobscore.store" not in done.stderr.split()
