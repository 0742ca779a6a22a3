"""``sinowatch status``: sources' last crawls, the outbox, and what is stored.

Configured sources that were never crawled are listed too ("never"); sources in the database
that are no longer configured are marked "(not in config)".
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from crawler.store import SourceStatus, StatusSummary, status_summary
from sinowatch.commands.db import opened_database
from sinowatch.context import CliContext
from sinowatch.settings import Settings

ALWAYS_SHOWN_DELIVERY_STATUSES = ("pending", "dead")
ERROR_PREVIEW_CHARS = 80


def status_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead.")] = False,
) -> None:
    """Show each source's last crawl, pending and dead deliveries, and article/story counts.

    Configured sources that never crawled are listed too.

    Examples:
        sinowatch status
        sinowatch status --json | jq .deliveries
    """
    cli: CliContext = ctx.obj
    settings = cli.settings()
    with opened_database(cli) as database, database.session() as session:
        summary = status_summary(session)
    sources = _with_configured_sources(summary.sources, settings)
    if as_json:
        data = summary.to_dict()
        data["sources"] = [
            {**source.to_dict(), "configured": configured} for source, configured in sources
        ]
        typer.echo(json.dumps(data, indent=2))
        return
    console = Console()
    console.print(_sources_table(sources))
    console.print(_counts_table(summary))


def _with_configured_sources(
    stored: list[SourceStatus], settings: Settings
) -> list[tuple[SourceStatus, bool]]:
    """Stored sources plus configured ones never crawled; each with "is it configured"."""
    configured = {source.id: source for source in settings.sources}
    by_id = {source.id: source for source in stored}
    for source_id, source in configured.items():
        by_id.setdefault(source_id, SourceStatus(source_id, source.name, None, None, 0, None))
    return [(by_id[key], key in configured) for key in sorted(by_id)]


def _sources_table(sources: list[tuple[SourceStatus, bool]]) -> Table:
    table = Table(title="Sources")
    table.add_column("source", overflow="fold")
    table.add_column("last crawl (UTC)", no_wrap=True)
    table.add_column("result")
    table.add_column("errors in a row", justify="right")
    table.add_column("last error", overflow="fold")
    for source, configured in sources:
        name = source.id if configured else f"{source.id} (not in config)"
        error = (source.last_error or "")[:ERROR_PREVIEW_CHARS]
        table.add_row(
            name,
            _when(source.last_run_at),
            source.last_status or "-",
            str(source.consecutive_errors),
            error,
            style="red" if source.consecutive_errors else None,
        )
    if not sources:
        table.caption = "no sources configured: add some under `sources:` in your config"
    return table


def _counts_table(summary: StatusSummary) -> Table:
    table = Table(title="Store and outbox")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(summary.articles))
    table.add_row("  relevant", str(summary.relevant_articles))
    table.add_row("stories", str(summary.stories))
    table.add_row("alerts", str(summary.alerts))
    statuses = dict.fromkeys(ALWAYS_SHOWN_DELIVERY_STATUSES, 0) | summary.deliveries
    for status, count in statuses.items():
        style = "red" if status == "dead" and count else None
        table.add_row(f"deliveries {status}", str(count), style=style)
    return table


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "never"


def register(app: typer.Typer) -> None:
    app.command("status")(status_command)
