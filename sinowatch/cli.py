"""The ``sinowatch`` command line: global options, then one module per command group.

Each module in :mod:`sinowatch.commands` registers its commands on a Typer app of its own,
imported only when one of its commands is about to run (see :class:`LazyGroup`).
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import MarkupMode, TyperCommand, TyperGroup

from sinowatch import __version__
from sinowatch.commands import COMMANDS

if TYPE_CHECKING:
    from typer._click import Command, Context, HelpFormatter  # typer's own click


class CommandSummary(TyperCommand):
    """A not-yet-imported command: its name and the summary ``sinowatch --help`` lists."""

    def __init__(self, name: str, summary: str) -> None:
        super().__init__(name, help=summary)

    def load(self, rich_markup_mode: MarkupMode) -> Command:
        """Import ``sinowatch.commands.<name>`` and build its real click command."""
        module = importlib.import_module(f"sinowatch.commands.{self.name}")
        holder = typer.Typer(rich_markup_mode=rich_markup_mode)
        module.register(holder)
        return typer.main.get_group(holder).commands[self.name]


class LazyGroup(TyperGroup):
    """The top-level group: a command's module is imported when the command is looked up.

    ``sinowatch --help`` only lists the commands, so it draws them from their
    :class:`CommandSummary` and imports none of them.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, summary in COMMANDS.items():
            self.commands.setdefault(name, CommandSummary(name, summary))
        self._listing = False

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        command = super().get_command(ctx, cmd_name)
        if isinstance(command, CommandSummary) and not self._listing:
            command = self.commands[cmd_name] = command.load(self.rich_markup_mode)
        return command

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        # Typer's help looks every command up: while it draws, hand out the summaries
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    cls=LazyGroup,
    name="sinowatch",
    help=(
        "Watch China–U.S. news coverage: crawl feeds, sitemaps and listing pages, store each "
        "story once, and alert by email or webhook when a new article mentions a watched topic "
        "or quotes a watched expert.\n\n"
        "Start with `sinowatch demo` (offline), then `sinowatch init` to write\n"
        "your own config."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sinowatch {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="Config file (default: ./sinowatch.yaml, then ./config/sinowatch.yaml).",
            envvar="SINOWATCH_CONFIG",
        ),
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv: debug).")
    ] = 0,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print version.")
    ] = False,
) -> None:
    from sinowatch.context import CliContext  # pydantic and the config loader: not for --help

    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx.obj = CliContext(config_path=config, verbose=verbose)


def main() -> None:
    app()
