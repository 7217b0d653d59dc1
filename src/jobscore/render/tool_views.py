"""The freelancer tools' answers as tables a person can read."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from jobscore.instants import format_instant
from jobscore.money import format_money
from jobscore.render.text_view import WINDOW_LABELS, format_score
from jobscore.render.tool_words import (
    pace_assumptions,
    recovery_assumptions,
    responded_words,
    scenario_label,
    screen_assumptions,
    screen_reason_words,
    whatif_assumptions,
)

if TYPE_CHECKING:
    # Types only: a command imports the one tool it runs, not every tool's module.
    from jobscore.scoring.reading import Reading
    from jobscore.tools.recover import PaceRecovery, Recovery
    from jobscore.tools.refund_or_keep import RefundOrKeep
    from jobscore.tools.screen import ClientRisk
    from jobscore.tools.whatif import WhatIf

__all__ = ["pace_view", "recovery_view", "refund_or_keep_view", "screen_view", "whatif_view"]


def _day(reading: Reading | None) -> str:
    return reading.at.strftime("%Y-%m-%d") if reading else "not within 24 months"


def _assumptions(lines: tuple[str, ...] | list[str]) -> list[Text]:
    out = [Text("Assumed:", style="dim")]
    out += [Text(f"  - {line}", style="dim") for line in lines]
    return out


def _delta(value: float | None) -> Text:
    if value is None:
        return Text("")
    if abs(value) < 0.05:
        return Text("0.0", style="dim")
    return Text(f"{value:+.1f}", style="green" if value > 0 else "bold red")


def _badges(names: tuple[str, ...]) -> str:
    return ", ".join(b.replace("_", " ") for b in names) or "none"


def whatif_view(answer: WhatIf) -> Group:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("window")
    table.add_column("before", justify="right")
    for scenario in answer.after:
        table.add_column(scenario_label(scenario), justify="right")
        table.add_column("change", justify="right")
    names = [w.name for w in answer.windows(answer.after[0])]
    for index, name in enumerate(names):
        row: list[str | Text] = [
            WINDOW_LABELS.get(name, name),
            format_score(answer.before.window_score(name)),
        ]
        for scenario in answer.after:
            change = answer.windows(scenario)[index]
            row += [format_score(change.after), _delta(change.delta)]
        table.add_row(*row)
    shown: list[str | Text] = [
        Text("displayed", style="bold"),
        _shown(answer.before.score, answer.before.window),
    ]
    for scenario in answer.after:
        before, after = answer.before.score, scenario.result.score
        delta = None if before is None or after is None else after - before
        shown += [_shown(after, scenario.result.window), _delta(delta)]
    table.add_row(*shown)
    title = Text(
        f"What if — {answer.policy_name} {answer.policy_version}, as of "
        f"{format_instant(answer.as_of)}"
        + (
            "" if answer.clock == answer.as_of else f", after: as of {format_instant(answer.clock)}"
        ),
        style="bold",
    )
    lines: list[Text | Table] = [title, table]
    lines.append(Text(f"Badges before: {_badges(answer.before.badges)}"))
    for scenario in answer.after:
        gained, lost = answer.badges_gained(scenario), answer.badges_lost(scenario)
        lines.append(
            Text(
                f"Badges {scenario_label(scenario)}: {_badges(scenario.result.badges)}"
                f" (gained: {_badges(gained)}; lost: {_badges(lost)})"
            )
        )
        if scenario.assumed:
            assumed = "; ".join(responded_words(c) for c in scenario.assumed)
            lines.append(Text(f"  feedback assumed: {assumed}", style="dim"))
    lines += _assumptions(whatif_assumptions(answer))
    return Group(*lines)


def _shown(score: float | None, window: str | None) -> Text:
    if score is None:
        return Text("no score yet", style="bold")
    return Text(f"{format_score(score)} ({window})", style="bold")


def refund_or_keep_view(answer: RefundOrKeep) -> Group:
    # Loaded here: the wording imports the tool's module, which other tools' commands skip.
    from jobscore.render.refund_words import (
        assumption_words,
        path_label,
        reason_words,
        recommendation_words,
    )

    months = answer.rules.months
    summary = Table(show_edge=False, pad_edge=False)
    for column in (
        "option",
        "money given up",
        "now",
        *[f"first ≥{t:g}" for t in answer.thresholds],
        *[f"months <{t:g}" for t in answer.thresholds],
        "no score",
    ):
        summary.add_column(column, justify="left" if column == "option" else "right")
    for path in answer.paths:
        summary.add_row(
            path_label(path),
            format_money(path.money_given_up),
            format_score(path.now.score) if path.now.score is not None else "no score",
            *[_when(path.first_at_or_above(t), answer) for t in answer.thresholds],
            *[str(path.months_below(t, months)) for t in answer.thresholds],
            str(path.months_without_score(months)),
        )
    monthly = Table(show_edge=False, pad_edge=False, title="Score month by month")
    monthly.add_column("month", justify="right")
    monthly.add_column("as of")
    for path in answer.paths:
        monthly.add_column(path_label(path), justify="right")
    for k, reading in enumerate(answer.keep.readings):
        cells = [_cell(p.readings[k], answer.thresholds) for p in answer.paths]
        monthly.add_row(str(k), reading.at.strftime("%Y-%m-%d"), *cells)
    stake = answer.points_at_stake
    head = Text(
        f"Refund or keep {answer.contract_id} — {answer.policy_name}, as of "
        f"{format_instant(answer.as_of)}: {format_money(answer.money_at_stake)} at stake, "
        + ("points at stake: —" if stake is None else f"{stake:.1f} points at stake now")
        + f", {answer.record_size} counted contracts in the displayed window",
        style="bold",
    )
    style = "bold yellow" if answer.recommend_refund else "bold green"
    lines: list[Text | Table] = [
        head,
        Text(recommendation_words(answer), style=style),
        summary,
        Text("Why:"),
    ]
    lines += [Text(f"  - {reason_words(reason)}") for reason in answer.reasons]
    lines += [monthly, *_assumptions(assumption_words(answer))]
    return Group(*lines)


def _when(reading: Reading | None, answer: RefundOrKeep) -> str:
    if reading is None:
        return "never"
    return "now" if reading.at == answer.as_of else reading.at.strftime("%Y-%m-%d")


def _cell(reading: Reading, thresholds: tuple[float, ...]) -> Text:
    if reading.score is None:
        return Text("no score", style="dim")
    # Green at or above the highest band, red below the second (90 and 80 by default).
    high, low = thresholds[:2]
    style = "green" if reading.score >= high else ("" if reading.score >= low else "red")
    return Text(format_score(reading.score), style=style)


def recovery_view(answer: Recovery) -> Group:
    head = Text(
        f"Recover to {answer.target:g} by {answer.by:%Y-%m-%d} — {answer.policy_name}, "
        f"now {_now(answer.now)}",
        style="bold",
    )
    lines: list[Text | Table | Group] = [head]
    if answer.contracts == 0 and answer.reached is not None:
        when = "already" if answer.reached.at == answer.as_of else f"on {_day(answer.reached)}"
        lines.append(
            Text(
                f"No new contract is needed: the score shows {format_score(answer.reached.score)} "
                f"{when}, as older contracts leave the windows.",
                style="bold green",
            )
        )
    elif answer.contracts is not None and answer.reached is not None:
        lines.append(
            Text(
                f"Fewest contracts: {answer.contracts} good contract"
                f"{'s' * (answer.contracts != 1)} of {format_money(answer.size)}; the target first "
                f"shows on {_day(answer.reached)} ({format_score(answer.reached.score)}, "
                f"{answer.reached.window} window).",
                style="bold green",
            )
        )
        lines.append(_schedule(answer.schedule))
    else:
        lines.append(
            Text(
                f"Out of reach by {answer.by:%Y-%m-%d} with at most "
                f"{answer.max_per_month} new contracts a month.",
                style="bold red",
            )
        )
        if answer.nearest is not None and answer.nearest_contracts is not None:
            lines.append(
                Text(
                    f"Nearest reachable: {_day(answer.nearest)} with "
                    f"{answer.nearest_contracts} good contracts of {format_money(answer.size)} "
                    f"({format_score(answer.nearest.score)}).",
                    style="bold",
                )
            )
            lines.append(_schedule(answer.nearest_schedule))
        else:
            lines.append(Text("Not reachable within the search horizon either."))
    if len(answer.options) > 1:
        lines.append(_options(answer))
    lines += _assumptions(recovery_assumptions(answer))
    return Group(*lines)


def _now(reading: Reading) -> str:
    if reading.score is None:
        return "no score yet"
    return f"{format_score(reading.score)} ({reading.window})"


def _schedule(ends: tuple[datetime, ...]) -> Group:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("ends on or before")
    for number, end in enumerate(ends, start=1):
        table.add_row(str(number), end.strftime("%Y-%m-%d"))
    return Group(Text("Schedule, each contract as late as it can end:"), table)


def _options(answer: Recovery) -> Group:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("new contracts", justify="right")
    table.add_column("target first shows")
    for count, day in answer.options:
        table.add_row(str(count), day.strftime("%Y-%m-%d"))
    return Group(Text("Sooner, with more contracts:"), table)


def pace_view(answer: PaceRecovery) -> Group:
    head = Text(
        f"Recover to {answer.target:g} at {answer.per_month:g} contracts a month of "
        f"{format_money(answer.size)} — {answer.policy_name}, now {_now(answer.now)}",
        style="bold",
    )
    if answer.reached is None:
        verdict = Text(f"Not reached by {answer.horizon:%Y-%m-%d} at this pace.", style="bold red")
    elif answer.reached.at == answer.as_of:
        verdict = Text("Already at the target.", style="bold green")
    else:
        verdict = Text(
            f"Reached on {_day(answer.reached)} ({format_score(answer.reached.score)}, "
            f"{answer.reached.window} window), after {answer.contracts_by_then} new contracts.",
            style="bold green",
        )
    return Group(head, verdict, *_assumptions(pace_assumptions(answer)))


def _percent(p: float) -> str:
    return f"{p:.0%}" if p >= 0.095 else f"{p:.1%}"


def screen_view(answer: ClientRisk) -> Group:
    head = Text(
        f"Client {answer.client_id}: {_percent(answer.probability)} chance a contract ends as a "
        "bad "
        f"outcome ({answer.policy_name} rules)",
        style="bold red" if answer.probability >= 0.3 else "bold",
    )
    facts = Table(show_edge=False, pad_edge=False, show_header=False)
    facts.add_column("fact")
    facts.add_column("value")
    stars = (
        "—"
        if answer.stars_given_mean is None
        else f"{answer.stars_given_mean:.1f} over {answer.stars_given_count} ratings "
        f"(marketplace {answer.marketplace.stars_mean:.1f})"
    )
    private = (
        "—"
        if answer.private_given_mean is None
        else f"{answer.private_given_mean:.1f}/10 over {answer.private_given_count} "
        f"(marketplace {answer.marketplace.private_mean:.1f})"
    )
    verified = {True: "yes", False: "no", None: "unknown"}[answer.payment_verified]
    for fact, value in (
        (
            "contracts",
            f"{answer.contracts} with {answer.freelancers} freelancer(s), "
            f"{answer.ended} ended, {answer.rated} rated, {answer.bad} bad",
        ),
        ("stars given", stars),
        ("private scores given", private),
        ("refunded", f"{answer.refunded_share:.0%}"),
        ("disputed", f"{answer.disputed_share:.0%}"),
        ("ended without feedback", f"{answer.silent_share:.0%}"),
        ("spend", format_money(answer.spend)),
        ("payment verified", verified),
        ("flagged", "yes" if answer.flagged else "no"),
    ):
        facts.add_row(fact, value)
    reasons = Table(show_edge=False, pad_edge=False, title="Reasons, largest first")
    reasons.add_column("points", justify="right")
    reasons.add_column("reason")
    for reason in answer.reasons:
        reasons.add_row(_delta(reason.contribution), screen_reason_words(reason))
    return Group(head, facts, reasons, *_assumptions(screen_assumptions(answer)))
