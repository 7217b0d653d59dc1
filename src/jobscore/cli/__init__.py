"""The `jobscore` command line (SPEC §8). Each group of commands lives in its own module."""

from __future__ import annotations

import typer

from jobscore.cli import batch_commands, score_commands, simulate_commands, tool_commands

__all__ = ["app", "main"]

app = typer.Typer(
    name="jobscore",
    help="An open Job Success Score engine: score, explain, and plan a freelancer's record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("score")(score_commands.score)
app.command("explain")(score_commands.explain)
app.command("whatif")(tool_commands.whatif)
app.command("refund-or-keep")(tool_commands.refund_or_keep)
app.command("recover")(tool_commands.recover)
app.command("screen")(tool_commands.screen)
app.command("batch")(batch_commands.batch)
app.command("simulate")(simulate_commands.simulate)


def main() -> None:
    app()
