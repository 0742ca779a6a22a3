"""``sinowatch status [SOURCE_ID]``: sources' last crawls, the outbox, and what is stored.

Configured sources that were never crawled are listed too ("never"); sources in the database
that are no longer configured are marked "(not in config)". With a source id: that source's
last crawl ledger, its failed pages with their reasons, and its failed entries waiting for a
retry or given up.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from crawler.crawlstate import failed_entries
from crawler.storage.tables import EntryRetry
from crawler.store import SourceStatus
from sinowatch.commands.db import opened_database
from sinowatch.context import CliContext
from sinowatch.settings import Settings
from sinowatch.summary import StatusSummary, status_summary
from sinowatch.wording import plural

ALWAYS_SHOWN_DELIVERY_STATUSES = ("pending", "dead")


def status_command(
    ctx: typer.Context,
    source_id: Annotated[
        str | None,
        typer.Argument(
            metavar="SOURCE_ID",
            help="Show one source in detail: its last crawl's ledger, failed pages and retries.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead.")] = False,
) -> None:
    """Show each source's last crawl, pending and dead deliveries, and article/story counts.

    Configured sources that never crawled are listed too. Each source's
    last crawl accounts for every entry offered: new, updated, known,
    skipped and failed (by reason); `status SOURCE_ID` lists the failed
    pages with their reasons and the entries waiting for a retry.

    Examples:
        sinowatch status
        sinowatch status xinhua
        sinowatch status --json | jq '.sources[].last_crawl'
    """
    cli: CliContext = ctx.obj
    settings = cli.settings()
    with opened_database(cli) as database, database.session() as session:
        summary = status_summary(session)
        retries = failed_entries(session, source_id) if source_id else []
    sources = _with_configured_sources(summary.sources, settings)
    if source_id is not None:
        _show_source(source_id, sources, retries, as_json=as_json)
        return
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
    table.add_column("failed pages", justify="right")
    table.add_column("last error", overflow="fold")
    for source, configured in sources:
        name = source.id if configured else f"{source.id} (not in config)"
        table.add_row(
            name,
            _when(source.last_run_at),
            source.last_status or "-",
            str(source.consecutive_errors),
            str(source.page_errors),
            source.last_error or "",
            style="red" if source.consecutive_errors else None,
        )
    if not sources:
        table.caption = "no sources configured: add some under `sources:` in your config"
    return table


def _show_source(
    source_id: str,
    sources: list[tuple[SourceStatus, bool]],
    retries: list[EntryRetry],
    *,
    as_json: bool,
) -> None:
    found = [(source, configured) for source, configured in sources if source.id == source_id]
    if not found:
        known = ", ".join(source.id for source, _ in sources) or "none"
        typer.echo(f"error: unknown source {source_id} (known sources: {known})", err=True)
        raise typer.Exit(2)
    [(source, configured)] = found
    retry_rows = [_retry_dict(retry) for retry in retries]
    if as_json:
        data = {
            **source.to_dict(),
            "configured": configured,
            "failed_pages": source.failed_pages or [],
            "failed_entries": retry_rows,
        }
        typer.echo(json.dumps(data, indent=2))
        return
    console = Console()
    note = "" if configured else " (not in config)"
    console.print(f"[bold]{source.id}[/bold] ({source.name}){note}", highlight=False)
    console.print(
        f"last crawl: {_when(source.last_run_at)} UTC, result {source.last_status or '-'}, "
        f"{plural(source.consecutive_errors, 'error')} in a row",
        highlight=False,
    )
    if source.last_error:
        console.print(f"last error: {source.last_error}", highlight=False, markup=False)
    ledger = source.last_crawl
    if ledger is not None:
        console.print(_ledger_table(ledger))
        for warning in ledger["warnings"]:
            console.print(f"warning: {warning}", highlight=False, markup=False)
    if source.failed_pages:
        pages = Table(title="Failed pages of the last crawl")
        for column in ("url", "reason", "detail"):
            pages.add_column(column, overflow="fold")
        for page in source.failed_pages:
            pages.add_row(page["url"], page["reason"], page.get("detail") or "")
        console.print(pages)
    if retry_rows:
        table = Table(title="Failed entries (retried by later crawls until given up)")
        for column in ("url", "reason", "attempts", "next attempt / given up (UTC)", "detail"):
            table.add_column(column, overflow="fold")
        for row in retry_rows:
            when = row["given_up_at"] or row["next_attempt_at"]
            state = "given up " if row["given_up_at"] else ""
            table.add_row(
                row["url"],
                row["reason"],
                str(row["attempts"]),
                f"{state}{when[:16].replace('T', ' ')}",
                row["detail"] or "",
            )
        console.print(table)


def _ledger_table(ledger: dict[str, Any]) -> Table:
    """The last crawl's ledger: every entry offered and what became of it."""
    table = Table(title="Last crawl: what became of each entry offered")
    table.add_column("outcome")
    table.add_column("count", justify="right")
    table.add_row("entries offered", str(ledger["entries"]))
    for key in ("new", "updated", "known"):
        table.add_row(key, str(ledger[key]))
    for outcome in ("skipped", "failed"):
        reasons: dict[str, int] = ledger[outcome]
        style = "red" if outcome == "failed" and reasons else None
        table.add_row(outcome, str(sum(reasons.values())), style=style)
        for reason, count in reasons.items():
            table.add_row(f"  {reason}", str(count), style=style)
    return table


def _retry_dict(retry: EntryRetry) -> dict[str, Any]:
    return {
        "url": retry.url,
        "reason": retry.reason,
        "detail": retry.detail,
        "attempts": retry.attempts,
        "next_attempt_at": None if retry.given_up_at else retry.next_attempt_at.isoformat(),
        "given_up_at": retry.given_up_at.isoformat() if retry.given_up_at else None,
    }


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
