"""``sinowatch demo``: crawl a local demo news site and watch alerts arrive — fully offline."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

HELP = """Run the whole pipeline offline against a local demo news site and show alerts arriving.

Serves two demo feeds on 127.0.0.1, starts a local webhook receiver and
SMTP server, crawls (baseline), publishes new articles, crawls again, and
delivers the alerts to the console, a JSONL file, the webhook receiver
and the SMTP server. Uses a temporary database unless --db is given.

Examples:
    sinowatch demo
    sinowatch demo --keep        # keep the temp dir, config and DB
    sinowatch demo --db postgresql+psycopg://localhost/sinowatch_demo
"""


def register(app: typer.Typer) -> None:
    @app.command("demo", help=HELP)
    def demo(
        ctx: typer.Context,
        db: Annotated[
            str | None,
            typer.Option(
                "--db", help="SQLAlchemy database URL (default: a temporary SQLite file)."
            ),
        ] = None,
        keep: Annotated[
            bool, typer.Option("--keep", help="Keep the temporary directory (config, DB, JSONL).")
        ] = False,
    ) -> None:
        from rich.console import Console

        from sinowatch.commands.db import check_database
        from sinowatch.demo import Demo
        from sinowatch.logs import configure_logging
        from sinowatch.service import run_and_exit

        verbose = ctx.obj.verbose if ctx.obj is not None else 0
        level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
        configure_logging("human", level=level)
        console = Console()
        if db is not None:
            check_database(db)

        async def main() -> None:
            result = await Demo(console, db_url=db, keep=keep).run()
            if not (result.webhooks_verified and result.emails):
                console.print(
                    "[red]The demo finished without alerts reaching both receivers; rerun with "
                    "-v to see the log.[/red]"
                )
                raise SystemExit(1)

        run_and_exit(main)
