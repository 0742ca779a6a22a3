"""The ``sinowatch`` command line: global options, then one module per command group.

Each module in :mod:`sinowatch.commands` registers its commands on the shared Typer app.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from sinowatch import __version__
from sinowatch.commands import COMMAND_MODULES
from sinowatch.context import CliContext

app = typer.Typer(
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
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx.obj = CliContext(config_path=config, verbose=verbose)


for _module in COMMAND_MODULES:
    _module.register(app)


def main() -> None:
    app()
