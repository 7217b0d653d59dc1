"""The `jobscore` command line (SPEC §8). Each group of commands lives in its own module."""

from __future__ import annotations

import typer

from jobscore.cli import score_commands

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


def main() -> None:
    app()
