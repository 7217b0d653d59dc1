"""`jobscore whatif`, `refund-or-keep`, `recover` and `screen`: the freelancer tools.

Each command imports its own tool, and the renderer it prints with (JSON, or rich tables for
a person), when it runs: one command does not pay for loading the others.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from jobscore.cli.common import (
    AsOfOption,
    DecimalCommaOption,
    FreelancerOption,
    HistoryArgument,
    JsonOption,
    PolicyOption,
    console_for_tables,
    emit_json,
    handle_errors,
    load_one_history,
    note_as_of,
    resolve_as_of,
    resolve_policy,
)
from jobscore.errors import InvalidInput, Problem
from jobscore.io.history_files import load_history_file
from jobscore.tools.change_text import (
    TextField,
    parse_change_of_kind,
    parse_instant_in_range,
    parse_money_text,
    parse_pace,
)
from jobscore.tools.changes import Change
from jobscore.tools.refund_reasons import CHANCE_UNHAPPY, DecisionRules

__all__ = ["parse_changes", "recover", "refund_or_keep", "screen", "whatif"]


def _bad(option: str, message: str) -> InvalidInput:
    return InvalidInput(Problem(option, message, source="command line"))


def _option(name: str) -> TextField:
    return TextField(name, source="command line")


def _money(option: str, text: str) -> Decimal:
    return parse_money_text(text, _option(option))


def _instant(option: str, text: str) -> datetime:
    return parse_instant_in_range(text, _option(option))


def _parse_pace(text: str, allow_zero: bool = False) -> float:
    return parse_pace(text, _option("--pace"), allow_zero)


def parse_changes(
    refund: list[str],
    feedback: list[str],
    add: list[str],
    close: list[str],
    keep_open: list[str],
    clock: str | None,
) -> list[Change]:
    """The changes of the options, each read as `tools.change_text` reads its kind."""
    given = {
        "refund": refund,
        "feedback": feedback,
        "close": close,
        "keep-open": keep_open,
        "add": add,
        "clock": [clock] if clock else [],
    }
    return [
        parse_change_of_kind(kind, spec, _option(f"--{kind}"))
        for kind, specs in given.items()
        for spec in specs
    ]


def _show(kind: str, answer: object, json: bool) -> None:
    """Print a tool's answer: `render.tool_json.<kind>_json` as JSON, or
    `render.tool_views.<kind>_view` as a table. The renderer is imported only here, so that
    JSON output never loads rich."""
    if json:
        from jobscore.render import tool_json

        emit_json(getattr(tool_json, f"{kind}_json")(answer))
    else:
        from jobscore.render import tool_views

        console_for_tables().print(getattr(tool_views, f"{kind}_view")(answer))


@handle_errors
def whatif(
    history: HistoryArgument,
    refund: Annotated[
        list[str] | None,
        typer.Option("--refund", help="ID or ID:AMOUNT: refund in full and cancel, or refund part"),
    ] = None,
    feedback: Annotated[
        list[str] | None,
        typer.Option("--feedback", help="ID:STARS[:PRIVATE]: the client leaves this feedback"),
    ] = None,
    add: Annotated[
        list[str] | None,
        typer.Option(
            "--add", help="N@AMOUNT[:STARS[:PRIVATE]]: N new contracts (default 5 stars, 10)"
        ),
    ] = None,
    close: Annotated[
        list[str] | None,
        typer.Option("--close", help="ID, or ID:DATE to end it that day: end an open contract"),
    ] = None,
    keep_open: Annotated[
        list[str] | None,
        typer.Option(
            "--keep-open", help="ID: keep an open contract running and paid until the clock"
        ),
    ] = None,
    clock: Annotated[
        str | None, typer.Option("--clock", help="score the changed history as of this later date")
    ] = None,
    policy: PolicyOption = "upwork",
    as_of: AsOfOption = None,
    freelancer: FreelancerOption = None,
    json: JsonOption = False,
    decimal_comma: DecimalCommaOption = False,
) -> None:
    """Apply hypothetical changes and show the score before and after."""
    from jobscore.tools.whatif import what_if

    loaded = load_one_history(history, freelancer, decimal_comma)
    changes = parse_changes(
        refund or [], feedback or [], add or [], close or [], keep_open or [], clock
    )
    instant = resolve_as_of(as_of)
    note_as_of(loaded, instant)
    answer = what_if(loaded, resolve_policy(policy), instant, changes)
    _show("whatif", answer, json)


@handle_errors
def refund_or_keep(
    history: HistoryArgument,
    contract_id: Annotated[str, typer.Argument(help="the contract with the unhappy client")],
    partial: Annotated[
        str | None,
        typer.Option("--partial", help="amount of the partial refund to compare (default: half)"),
    ] = None,
    pace: Annotated[
        str | None,
        typer.Option(
            "--pace", help="new good contracts a month on every path (default: your own; 0: none)"
        ),
    ] = None,
    size: Annotated[
        str | None,
        typer.Option("--size", help="size of each new contract with --pace (default: your median)"),
    ] = None,
    monthly_income: Annotated[
        str | None,
        typer.Option(
            "--monthly-income", help="income a month (default: your last 12 months' average)"
        ),
    ] = None,
    chance_unhappy: Annotated[
        float,
        typer.Option(
            "--chance-unhappy",
            min=0.0,
            max=1.0,
            help="the chance that a refunded client is unhappy all the same (0-1)",
        ),
    ] = CHANCE_UNHAPPY,
    policy: PolicyOption = "upwork",
    as_of: AsOfOption = None,
    freelancer: FreelancerOption = None,
    json: JsonOption = False,
    decimal_comma: DecimalCommaOption = False,
) -> None:
    """Compare keeping the money with refunding, month by month for 24 months."""
    from jobscore.tools.recover import typical_size
    from jobscore.tools.refund_or_keep import Pace
    from jobscore.tools.refund_or_keep import refund_or_keep as decide_refund

    loaded = load_one_history(history, freelancer, decimal_comma)
    instant = resolve_as_of(as_of)
    note_as_of(loaded, instant)
    paced = None
    if pace is not None:
        each = _money("--size", size) if size else typical_size(loaded)
        paced = Pace(_parse_pace(pace, allow_zero=True), each)
    answer = decide_refund(
        loaded,
        resolve_policy(policy),
        instant,
        contract_id,
        partial=_money("--partial", partial) if partial else None,
        pace=paced,
        monthly_income=_money("--monthly-income", monthly_income) if monthly_income else None,
        rules=DecisionRules(chance_unhappy=chance_unhappy),
    )
    _show("refund_or_keep", answer, json)


@handle_errors
def recover(
    history: HistoryArgument,
    target: Annotated[float, typer.Option("--target", help="score to reach")] = 90.0,
    by: Annotated[
        str | None, typer.Option("--by", help="reach it by this date (default: 12 months from now)")
    ] = None,
    size: Annotated[
        list[str] | None,
        typer.Option(
            "--size",
            help="size of each new contract (default: your median); repeat to compare sizes",
        ),
    ] = None,
    max_per_month: Annotated[
        int, typer.Option("--max-per-month", help="most new contracts that can end in any 30 days")
    ] = 4,
    pace: Annotated[
        str | None,
        typer.Option(
            "--pace", help="instead: contracts a month you will do, e.g. 2/month; gives the date"
        ),
    ] = None,
    policy: PolicyOption = "upwork",
    as_of: AsOfOption = None,
    freelancer: FreelancerOption = None,
    json: JsonOption = False,
    decimal_comma: DecimalCommaOption = False,
) -> None:
    """The fewest good contracts to reach a target by a date, or the date at a pace."""
    from jobscore.tools.recover import date_at_pace, fewest_of_sizes

    loaded = load_one_history(history, freelancer, decimal_comma)
    chosen, now = resolve_policy(policy), resolve_as_of(as_of)
    note_as_of(loaded, now)
    sizes = [_money("--size", text) for text in size or []]
    if max_per_month < 1:
        raise _bad("--max-per-month", f"{max_per_month}: must be 1 or more")
    if pace is not None:
        at_pace = date_at_pace(
            loaded,
            chosen,
            now,
            per_month=_parse_pace(pace),
            size=sizes[0] if sizes else None,
            target=target,
        )
        _show("pace", at_pace, json)
        return
    answer = fewest_of_sizes(
        loaded,
        chosen,
        now,
        sizes,
        target=target,
        by=_instant("--by", by) if by else None,
        max_per_month=max_per_month,
    )
    _show("recovery", answer, json)


@handle_errors
def screen(
    client_history_or_id: Annotated[
        str,
        typer.Argument(
            metavar="CLIENT_HISTORY_OR_ID",
            help="a file of the client's contracts, or a client id with --marketplace",
        ),
    ],
    client: Annotated[
        str | None, typer.Option("--client", help="which client, when the file holds several")
    ] = None,
    marketplace: Annotated[
        Path | None,
        typer.Option(
            "--marketplace", help="file with every freelancer's contracts, to find the client in"
        ),
    ] = None,
    policy: PolicyOption = "upwork",
    as_of: AsOfOption = None,
    json: JsonOption = False,
    decimal_comma: DecimalCommaOption = False,
) -> None:
    """A client's risk: how likely a contract with it ends as a bad outcome, and why."""
    from jobscore.tools.screen import screen_client

    path = Path(client_history_or_id)
    client_id: str | None
    if marketplace is not None:
        source, client_id = marketplace, client or client_history_or_id
    elif path.exists():
        source, client_id = path, client
    else:
        raise _bad(
            "CLIENT_HISTORY_OR_ID",
            f"{client_history_or_id!r} is not a file; to screen "
            "a client by id, give the file to look in with --marketplace FILE",
        )
    loaded = load_history_file(source, decimal_comma=decimal_comma)
    if client_id is None:
        ids = sorted({c.client_id for c in loaded.contracts})
        if len(ids) != 1:
            shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
            raise InvalidInput(
                Problem(
                    "client_id",
                    f"the file holds {len(ids)} clients ({shown}); choose one with --client ID",
                    loaded.source,
                )
            )
        client_id = ids[0]
    answer = screen_client(
        client_id,
        loaded.contracts,
        resolve_policy(policy),
        resolve_as_of(as_of),
        clients=loaded.clients,
    )
    _show("screen", answer, json)
