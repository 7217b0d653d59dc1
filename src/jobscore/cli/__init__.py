"""The `jobscore` command line. Each group of commands lives in its own module.

Only `score` and `explain` are imported up front; every other command's module (the tools,
the batch engines, the simulator, the template) is imported when that command runs, so that a quick
`jobscore score` does not pay for loading them.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from jobscore import __version__
from jobscore.cli import score_commands

__all__ = ["app", "main"]

#: Command name -> (module, function or Typer group) for the commands loaded on first use.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "whatif": ("jobscore.cli.tool_commands", "whatif"),
    "refund-or-keep": ("jobscore.cli.tool_commands", "refund_or_keep"),
    "recover": ("jobscore.cli.tool_commands", "recover"),
    "screen": ("jobscore.cli.tool_commands", "screen"),
    "batch": ("jobscore.cli.batch_commands", "batch"),
    "simulate": ("jobscore.cli.simulate_commands", "simulate"),
    "template": ("jobscore.cli.template_commands", "template"),
    "import": ("jobscore.cli.store_commands", "import_file"),
    # A group of commands: its module's Typer app.
    "db": ("jobscore.cli.store_commands", "db_app"),
    "token": ("jobscore.cli.serve_commands", "token_app"),
    "serve": ("jobscore.cli.serve_commands", "serve"),
    "demo": ("jobscore.cli.demo_commands", "demo"),
    "snapshot": ("jobscore.cli.snapshot_commands", "snapshot"),
}


class LazyCommands(TyperGroup):
    """A command group that imports a command's module only when the command is asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *LAZY_COMMANDS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in LAZY_COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, name = LAZY_COMMANDS[cmd_name]
        function: Callable[..., Any] = getattr(import_module(module), name)
        if isinstance(function, typer.Typer):
            group = typer.main.get_group(function)
            group.name = cmd_name
            return group
        single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
        single.command(cmd_name)(function)
        return typer.main.get_command(single)


app = typer.Typer(
    name="jobscore",
    cls=LazyCommands,
    help="An open Job Success Score engine: score, explain, and plan a freelancer's record.",
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("score")(score_commands.score)
app.command("explain")(score_commands.explain)


def _print_version(asked: bool) -> None:
    if asked:
        typer.echo(f"jobscore {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="print the version and exit"
        ),
    ] = False,
) -> None:
    # A bare `jobscore` is someone finding their way: the help, and success.
    if ctx.invoked_subcommand is None:
        # With rich, the help is printed as it is formatted and nothing is left to echo.
        if text := ctx.get_help():
            typer.echo(text)
        raise typer.Exit()


def main() -> None:
    app()
