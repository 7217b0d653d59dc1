"""Results as tables a person can read in a terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from jobscore.instants import format_instant
from jobscore.money import format_money
from jobscore.render.line_table import LineTable
from jobscore.scoring.result import ContractScore, ScoreResult

__all__ = ["explain_view", "format_score", "score_view"]

WINDOW_LABELS = {
    "24m": "24 months",
    "12m": "12 months",
    "6m": "6 months",
    "3m": "3 months",
    "trending": "trending (6m+3m)/2",
    "all": "whole history",
}


def format_score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _headline(result: ScoreResult, who: str | None) -> Text:
    name = f"{who}: " if who else ""
    policy = f"{result.policy_name} {result.policy_version}"
    when = format_instant(result.as_of)
    if result.score is None:
        text = Text(f"{name}no score yet", style="bold")
        text.append(f"  ({policy}, as of {when})", style="dim")
        return text
    text = Text(f"{name}Job Success Score {format_score(result.score)}", style="bold")
    if result.interval is not None:
        lo, hi = result.interval
        text.append(f"  (80% interval {lo:.1f}–{hi:.1f})")
    if result.window == "all":
        text.append("  from the whole history, weighted by recency")
    else:
        label = WINDOW_LABELS.get(result.window or "", result.window or "")
        text.append(f"  from the {label} window")
    if result.extra.get("limited_history"):
        text.append("  — limited history", style="yellow")
    text.append(f"  ({policy}, as of {when})", style="dim")
    return text


def _raw(value: float | None) -> Text:
    """A window without enough data is not a score: show its raw ratio, dimmed."""
    return Text("—" if value is None else f"— (raw {value:.1f})", style="dim")


def score_view(result: ScoreResult, who: str | None = None) -> Group:
    windows = Table(title=None, show_edge=False, pad_edge=False)
    windows.add_column("window")
    windows.add_column("score", justify="right")
    windows.add_column("contracts", justify="right")
    windows.add_column("clients", justify="right")
    windows.add_column("enough data")
    for name, window in result.windows.items():
        marker = " ◀ displayed" if name == result.window else ""
        windows.add_row(
            WINDOW_LABELS.get(name, name) + marker,
            format_score(window.score) if window.enough_data else _raw(window.score),
            str(window.counted),
            str(window.clients),
            "yes" if window.enough_data else "no",
            style="bold" if marker else None,
        )
    lines: list[RenderableType] = [_headline(result, who), windows]
    badges = ", ".join(b.replace("_", " ") for b in result.badges) or "none"
    lines.append(Text(f"Badges: {badges}"))
    if result.hold.held:
        until = format_instant(result.hold.until) if result.hold.until else "lifted by hand"
        lines.append(Text(f"Account on hold until {until}", style="bold red"))
    for finding in result.findings:
        lines.append(Text(f"note: {finding.message}", style="yellow"))
    return Group(*lines)


def _outcome_cell(item: ContractScore) -> Text:
    if item.excluded_because:
        return Text(f"excluded: {item.excluded_because}", style="dim")
    style = {"good": "green", "bad": "red"}.get(str(item.outcome), "")
    return Text(str(item.outcome), style=style)


def _points_cell(item: ContractScore) -> Text:
    if item.points is None:
        return Text("?")
    if abs(item.points) < 0.05:
        return Text("0.0", style="dim")
    return Text(f"{item.points:+.1f}", style="bold red" if item.points < 0 else "green")


def explain_view(result: ScoreResult, who: str | None = None) -> Group:
    # The column that matters is when a contract leaves the displayed window; trending is
    # made of the 6- and 3-month windows, so a contract leaves it with the 6-month one.
    shown = {None: "24m", "trending": "6m"}.get(result.window, result.window) or "24m"
    # One row per contract, hundreds for a long record: a LineTable draws them line by line.
    table = LineTable(
        [
            ("contract", "left"),
            ("client", "left"),
            ("ended", "left"),
            ("net", "right"),
            ("outcome", "left"),
            ("weight", "right"),
            ("windows", "left"),
            ("points", "right"),
            (f"leaves {shown}", "left"),
        ]
    )
    ordered = sorted(
        result.contracts, key=lambda c: (c.points if c.points is not None else 0.0, c.contract_id)
    )
    for item in ordered:
        leaves = item.ages_out_at.get(shown)
        table.add_row(
            item.contract_id,
            item.client_id,
            item.ended_at.strftime("%Y-%m-%d") if item.ended_at else "open",
            format_money(item.net_earnings),
            _outcome_cell(item),
            f"{item.weight:.2f}" if item.weight else "",
            ",".join(item.windows),
            _points_cell(item),
            leaves.strftime("%Y-%m-%d") if leaves else "",
        )
    lines: list[RenderableType] = [score_view(result, who), Text("")]
    worst = ordered[0] if ordered and (ordered[0].points or 0) < 0 else None
    if worst is not None and result.window:
        label = WINDOW_LABELS.get(result.window, result.window)
        lines.append(
            Text(
                f"Contract {worst.contract_id} cost you the most: {abs(worst.points or 0):.1f} "
                f"points in the {label} window, which is the one displayed.",
                style="bold",
            )
        )
    lines.append(table)
    return Group(*lines)
