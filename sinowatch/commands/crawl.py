"""``sinowatch crawl``: crawl sources once, with progress, then a table per source.

Runs the same :class:`crawler.runner.CrawlRunner` the service uses; the first successful crawl
of a source is its baseline (stored, never alerted).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from crawler.records import SourceReport
from sinowatch.commands.db import opened_database
from sinowatch.context import CliContext
from sinowatch.logs import configure_command_logging
from sinowatch.settings import Settings, SourceSettings
from sinowatch.wording import plural

if TYPE_CHECKING:
    from alerts.dispatcher import DispatchStats

log = logging.getLogger("sinowatch.crawl")

COLUMNS = (
    ("req", "requests"),
    ("304", "not modified (HTTP 304)"),
    ("new", "new articles"),
    ("upd", "updated"),
    ("known", "already stored"),
    ("rel", "relevant"),
    ("alerts", "alerts"),
    ("err", "errors"),
)
"""Short headers (the table fits 80 columns) and what they mean (the legend under it)."""
SENT_BY = "sent by the next `sinowatch run` or `sinowatch crawl`"
"""What sends deliveries waiting in the outbox (said wherever retries are scheduled)."""


def crawl_command(
    ctx: typer.Context,
    source_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="[SOURCE_ID]...", help="Sources to crawl (default: all enabled)."),
    ] = None,
    all_sources: Annotated[
        bool, typer.Option("--all", help="Crawl every enabled source (the default).")
    ] = False,
    deliver: Annotated[
        bool,
        typer.Option(
            "--deliver/--no-deliver",
            help="Send the alerts the crawl queued and any retries due (default), or leave them "
            "for `sinowatch run`.",
        ),
    ] = True,
) -> None:
    """Crawl sources once: fetch feeds/sitemaps/listings, extract, score and store new articles.

    The first crawl of a source is its baseline: its articles are stored
    without alerting; alerts start with the next crawl. Progress goes to
    stderr (library tracebacks only with -vv), the table to stdout.

    Exit status: 0 when every source crawled (or was not modified), 1 when
    any source failed or an alert could not be delivered, 2 on an unknown
    source id or a config error.

    Examples:
        sinowatch crawl
        sinowatch crawl xinhua scmp
    """
    cli: CliContext = ctx.obj
    settings = cli.settings()
    sources = select_sources(settings, [] if all_sources else source_ids or [])
    if not sources:
        typer.echo("No enabled sources in the config: add some under `sources:`.", err=True)
        raise typer.Exit(2)
    configure_command_logging(settings, cli.verbose)
    from crawler.runner import run_crawl
    from sinowatch.app import alert_hook, deliver_pending
    from sinowatch.service import log_crawl

    hook = alert_hook(settings)  # the same hook `sinowatch run` uses: alerts are queued

    def progress(event: str, report: SourceReport) -> None:
        if event == "done":
            log_crawl(report)

    with opened_database(cli) as database:
        log.info(
            "crawling %s: %s",
            plural(len(sources), "source"),
            ", ".join(source.id for source in sources),
        )
        reports = run_crawl(settings, database, sources, on_article=hook, progress=progress)
        dead = 0
        if deliver:
            stats = deliver_pending(settings, database)
            dead = stats.dead
            if stats.claimed:
                log.info("%s", delivery_summary(stats))
    console = Console()
    console.print(report_table(reports))
    for line in report_notes(reports):
        console.print(line, highlight=False, markup=False)
    if dead or any(report.status == "error" for report in reports):
        raise typer.Exit(1)


def delivery_summary(stats: DispatchStats) -> str:
    """``alerts: 1 delivered, 1 to retry at … UTC (sent by the next …), 0 failed``.

    The reasons are not repeated: the dispatcher logged one line per failed delivery.
    """
    retry = f"{stats.retried} to retry"
    if stats.retried and stats.next_retry_at is not None:
        retry += f" at {stats.next_retry_at:%Y-%m-%d %H:%M} UTC ({SENT_BY} after that)"
    return f"alerts: {stats.sent} delivered, {retry}, {stats.dead} failed"


def select_sources(settings: Settings, source_ids: Sequence[str]) -> list[SourceSettings]:
    """The named sources (even disabled ones, when named), else every enabled one; exit 2 on an
    unknown id, naming the known ones."""
    if not source_ids:
        return [source for source in settings.sources if source.enabled]
    known = {source.id: source for source in settings.sources}
    unknown = [source_id for source_id in source_ids if source_id not in known]
    if unknown:
        names = ", ".join(sorted(known)) or "none configured"
        typer.echo(f"error: unknown source {', '.join(unknown)} (known sources: {names})", err=True)
        raise typer.Exit(2)
    return [known[source_id] for source_id in dict.fromkeys(source_ids)]


def report_table(reports: Sequence[SourceReport]) -> Table:
    """One row per source; fits 80 columns (reasons go under it, see :func:`report_notes`)."""
    table = Table(title="Crawl", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("source", overflow="fold")
    table.add_column("status", no_wrap=True)
    for header, _meaning in COLUMNS:
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    for r in reports:
        counts = (r.requests, r.not_modified, r.new_articles, r.revised, r.known, r.relevant)
        table.add_row(
            r.source_id,
            r.status,
            *map(str, (*counts, r.alerts, r.errors)),
            f"{r.seconds:.1f}s",
            style="red" if r.status == "error" else None,
        )
    return table


def report_notes(reports: Sequence[SourceReport]) -> list[str]:
    """The lines under the table: the legend, each failed source's reason, each baseline."""
    notes = [", ".join(f"{header}: {meaning}" for header, meaning in COLUMNS)]
    for r in reports:
        if r.error:
            notes.append(f"{r.source_id}: {r.error}")
        if r.status == "baseline":
            notes.append(
                f"first crawl of {r.source_id}: articles stored silently; "
                "alerts start with the next crawl"
            )
    return notes


def register(app: typer.Typer) -> None:
    app.command("crawl")(crawl_command)
