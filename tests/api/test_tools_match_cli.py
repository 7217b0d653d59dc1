"""Each tool over HTTP answers the object its command's `--json` prints for the same history:
the stored history is written out as a history file (and read back the same), the command
runs on it in process, and the two answers are compared whole.

The operator's answers are compared with the command on the whole file; a freelancer's with
the command on the file without private scores, the file a freelancer writes of its own
record (`service.tool_reads` says why)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from jobscore.cli import app
from tests.api.conftest import Market
from tests.api.stored_history import (
    same_history,
    write_client_contracts,
    write_freelancer_history,
)
from tests.api.tool_market import AS_OF, AS_OF_TEXT, PRIVATELY_BAD, stock

#: Who asks, and whether the file the command reads has the private scores.
VIEWS = [("operator", True), ("ana", False)]


@pytest.fixture
def stocked(market: Market, tmp_path: Path) -> Market:
    return stock(market, tmp_path)


def command_json(*args: str) -> Any:
    printed = CliRunner().invoke(app, [*args, "--json", "--as-of", AS_OF_TEXT])
    assert printed.exit_code == 0, printed.output
    return json.loads(printed.stdout)


def history_file(market: Market, folder: Path, private: bool) -> str:
    path = write_freelancer_history(
        market.store, "ana", AS_OF, folder / f"ana-{private}.json", private=private
    )
    if private:
        same_history(market.store.history("ana", AS_OF), path, AS_OF)
    return str(path)


def http_json(answer: Any) -> Any:
    assert answer.status_code == 200, answer.text
    return answer.json()


POLICIES = ["upwork", "upwork-2015", "bayes"]
CHANGE_SETS = [
    ["refund:k5", "add:2@500:5"],
    # k9's client has yet to give feedback: the answer shows both ways it can go.
    ["refund:k9:200", "feedback:k7:2", "clock:2027-02-01"],
    [f"feedback:{PRIVATELY_BAD}:5", "close:k8", "add:3@750:5:9"],
]
RECOVER_OPTIONS: list[tuple[tuple[str, ...], dict[str, str]]] = [
    ((), {}),
    (("--target", "95", "--by", "2027-03-01"), {"target": "95", "by": "2027-03-01"}),
    (("--pace", "2/month"), {"pace": "2/month"}),
    (("--policy", "bayes", "--target", "85"), {"policy": "bayes", "target": "85"}),
]

# Each test compares many requests on one store: a store costs a schema to set up.


@pytest.mark.parametrize(("who", "private"), VIEWS)
def test_whatif(stocked: Market, tmp_path: Path, who: str, private: bool) -> None:
    path = history_file(stocked, tmp_path, private)
    for policy in POLICIES:
        for changes in CHANGE_SETS:
            options = [f"--{c.split(':', 1)[0]}={c.split(':', 1)[1]}" for c in changes]
            expected = command_json("whatif", path, *options, "--policy", policy)
            answer = stocked.http.post(
                "/freelancers/ana/whatif",
                json={"changes": changes},
                params={"policy": policy, "as_of": AS_OF_TEXT},
                headers=stocked.headers(who),
            )
            assert http_json(answer) == expected, (policy, changes)


@pytest.mark.parametrize(("who", "private"), VIEWS)
def test_refund_or_keep(stocked: Market, tmp_path: Path, who: str, private: bool) -> None:
    path = history_file(stocked, tmp_path, private)
    for policy in POLICIES:
        for contract in ("k5", PRIVATELY_BAD, "k9"):
            expected = command_json("refund-or-keep", path, contract, "--policy", policy)
            answer = stocked.get(
                who, f"/freelancers/ana/refund-or-keep/{contract}", policy=policy, as_of=AS_OF_TEXT
            )
            assert http_json(answer) == expected, (policy, contract)


@pytest.mark.parametrize(("who", "private"), VIEWS)
def test_recover(stocked: Market, tmp_path: Path, who: str, private: bool) -> None:
    path = history_file(stocked, tmp_path, private)
    for options, query in RECOVER_OPTIONS:
        expected = command_json("recover", path, *options)
        answer = stocked.get(who, "/freelancers/ana/recover", as_of=AS_OF_TEXT, **query)
        assert http_json(answer) == expected, options


@pytest.mark.parametrize(("who", "private"), [*VIEWS, ("ben", False)])
def test_client_risk(stocked: Market, tmp_path: Path, who: str, private: bool) -> None:
    for client in ("acme", "cove", "dune"):
        path = write_client_contracts(
            stocked.store, client, AS_OF, tmp_path / f"{client}.json", private=private
        )
        for policy in ("upwork", "bayes"):
            expected = command_json("screen", str(path), "--client", client, "--policy", policy)
            answer = stocked.get(who, f"/clients/{client}/risk", policy=policy, as_of=AS_OF_TEXT)
            assert http_json(answer) == expected, (client, policy)


def test_a_client_reads_its_own_risk_as_a_freelancer_does(stocked: Market) -> None:
    own = http_json(stocked.get("dune", "/clients/dune/risk", as_of=AS_OF_TEXT))
    assert own == http_json(stocked.get("ben", "/clients/dune/risk", as_of=AS_OF_TEXT))


@pytest.mark.parametrize("who", ["operator", "ana"])
def test_badges_are_the_score_commands_badges(stocked: Market, tmp_path: Path, who: str) -> None:
    # Badges are public: everyone's answer reads the whole history, as the profile does.
    path = history_file(stocked, tmp_path, True)
    for policy in POLICIES:
        expected = command_json("score", path, "--policy", policy)
        answer = http_json(
            stocked.get(who, "/freelancers/ana/badges", policy=policy, as_of=AS_OF_TEXT)
        )
        shown = ("policy", "as_of", "score", "eligible", "window", "badges")
        assert {k: answer[k] for k in shown} == {k: expected[k] for k in shown}, policy
        if who == "operator":
            assert answer["hold"] == expected["hold"]
        held = {s["badge"] for s in answer["standings"] if s["held"]}
        assert held == set(answer["badges"])
