"""`jobscore demo --build-only`: the demo marketplace built in a SQLite file, with weekly
snapshots, an open feedback window, and tokens that sign in."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jobscore.cli import app
from tests.extras import needs

ROOT = Path(__file__).parents[2]

pytestmark = [needs("service"), needs("sim")]


def test_the_demo_builds_a_marketplace_with_snapshots_and_tokens(tmp_path: Path) -> None:
    from jobscore.service import authenticate
    from jobscore.service.demo import DEMO_AS_OF, DEMO_CONTRACT
    from jobscore.store import make_store

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    examples = [str(ROOT / "examples" / name) for name in ("veteran_150.csv", "rich_history.json")]
    result = CliRunner().invoke(
        app, ["demo", *examples, "--database", url, "--freelancers", "8", "--build-only"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    tokens = {
        line.split(":")[0].strip(): line.rsplit(" ", 1)[1]
        for line in lines
        if line.startswith("  ") and not line.strip().startswith("http")
    }
    assert set(tokens) == {"freelancer veteran-150", "client harbor-studio", "operator"}
    store = make_store(url)
    try:
        assert authenticate(store, tokens["freelancer veteran-150"]).actor_id == "veteran-150"
        assert authenticate(store, tokens["client harbor-studio"]).actor_id == "harbor-studio"
        state = store.state()
        # A single person's file is named after the file; the rich history names its own.
        assert {"veteran-150", "maria-santos"} <= set(state.freelancers)
        assert len(state.freelancers) > 8
        weekly = store.snapshots("veteran-150", "upwork")
        assert len(weekly) == 16
        assert weekly[-1].as_of == DEMO_AS_OF
        assert [row.policy for row in store.snapshots("veteran-150", "bayes")] == ["bayes"]
        contract = state.contracts[DEMO_CONTRACT]
        assert contract.end is not None
        assert contract.window_closes is not None
        assert contract.window_closes > DEMO_AS_OF
        assert not contract.feedback
    finally:
        store.close()
    again = CliRunner().invoke(app, ["demo", "--database", url, "--build-only", *examples])
    assert again.exit_code == 0, again.output
    assert "Serving the demo marketplace" in again.stdout
