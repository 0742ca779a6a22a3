"""``sinowatch crawl``: crawl sources once, with progress, then a table per source.

Runs the same :class:`crawler.runner.CrawlRunner` the service uses; the first successful crawl
of a source is its baseline (stored, never alerted).
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from crawler.config import SourceSettings
from crawler.records import SourceReport
from sinowatch.commands.db import opened_database
from sinowatch.context import CliContext
from sinowatch.logs import configure_command_logging
from sinowatch.settings import Settings
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
    ("skip", "entries skipped"),
    ("fail", "entries or index documents failed"),
)
"""Short headers (the table fits 80 columns) and what they mean (the legend under it)."""
SENT_BY = "sent by the next `sinowatch run` or `sinowatch crawl`"
"""What sends deliveries waiting in the outbox (said wherever retries are scheduled)."""
EXIT_INTERRUPTED = 130
"""The shell's status for a command ended by a signal (128 + SIGINT)."""

STATUS_STYLES = {"error": "red", "interrupted": "red", "warning": "yellow"}
"""How the crawl table colours a source's status."""


def crawl_command(
    ctx: typer.Context,
    source_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="SOURCE_ID", help="Sources to crawl (default: all enabled)."),
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
    stderr (live on a terminal, one line per source otherwise; library
    tracebacks only with -vv), the table to stdout: every entry offered is
    new, updated, known, skipped or failed, with the reasons under it.

    Ctrl-C or SIGTERM stops the crawl: pages in flight are stored, the rest
    is left for the next crawl.

    Exit status: 0 when every source crawled (or was not modified), 1 when
    any source failed or an alert could not be delivered, 2 on an unknown
    source id or a config error, 130 when interrupted.

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
    handler = configure_command_logging(settings, cli.verbose)
    from crawler.runner import run_crawl
    from sinowatch.app import alert_hook, deliver_pending

    hook = alert_hook(settings)  # the same hook `sinowatch run` uses: alerts are queued

    with opened_database(cli) as database:
        log.info(
            "crawling %s: %s",
            plural(len(sources), "source"),
            ", ".join(source.id for source in sources),
        )
        with crawl_progress(len(sources), handler) as progress:
            reports = run_crawl(
                database,
                sources,
                crawler=settings.crawler,
                dedup=settings.dedup,
                relevance=settings.relevance,
                on_article=hook,
                progress=progress,
            )
        interrupted = any(report.status == "interrupted" for report in reports)
        dead = 0
        if deliver and not interrupted:
            stats = deliver_pending(settings, database)
            dead = stats.dead
            if stats.claimed:
                log.info("%s", delivery_summary(stats))
    console = Console()
    console.print(report_table(reports))
    for line in report_notes(reports):
        console.print(line, highlight=False, markup=False)
    if interrupted:
        typer.echo(
            "crawl interrupted: what was stored is kept; unfinished entries are left for the "
            "next crawl (alerts queued so far are sent by the next `sinowatch run` or "
            "`sinowatch crawl`)",
            err=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED)
    if dead or any(report.status == "error" for report in reports):
        raise typer.Exit(1)


@contextlib.contextmanager
def crawl_progress(
    total: int, handler: logging.Handler
) -> Iterator[Callable[[str, SourceReport], None]]:
    """The runner's progress callback: one log line per finished source and, on a terminal, a
    live line (sources done, entries done of those offered, failures so far)."""
    from sinowatch.service import log_crawl

    latest: dict[str, SourceReport] = {}
    done: set[str] = set()
    console = Console(stderr=True)
    live = console.is_terminal and not console.is_dumb_terminal
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not live,
    )
    task = bar.add_task(progress_line(latest, done, total), total=None)

    def progress(event: str, report: SourceReport) -> None:
        latest[report.source_id] = report
        if event == "done":
            done.add(report.source_id)
            log_crawl(report)
        bar.update(task, description=progress_line(latest, done, total))

    stream = getattr(handler, "stream", None)
    with bar:
        if live and isinstance(handler, logging.StreamHandler):
            handler.setStream(sys.stderr)  # Rich's proxy: log lines print above the live line
        try:
            yield progress
        finally:
            if isinstance(handler, logging.StreamHandler) and stream is not None:
                handler.setStream(stream)


def progress_line(latest: dict[str, SourceReport], done: set[str], total: int) -> str:
    """``crawling: 1/3 sources done, 40/120 entries done, 2 failed``."""
    offered = sum(r.entries for r in latest.values())
    finished = sum(
        r.new_articles + r.revised + r.known + r.skipped_count + r.failed_count
        for r in latest.values()
    )
    failed = sum(r.failed_count for r in latest.values())
    return (
        f"crawling: {len(done)}/{total} sources done, {finished}/{offered} entries done, "
        f"{failed} failed"
    )


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
    table = Table(title="Crawl", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1, 0, 0))
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
            *map(str, (*counts, r.alerts, r.skipped_count, r.errors)),
            f"{r.seconds:.1f}s",
            style=STATUS_STYLES.get(r.status),
        )
    return table


def report_notes(reports: Sequence[SourceReport]) -> list[str]:
    """The lines under the table: the legend; per source its error, skipped and failed reasons,
    warnings; each baseline."""
    notes = [", ".join(f"{header}: {meaning}" for header, meaning in COLUMNS)]
    for r in reports:
        if r.error:
            notes.append(f"{r.source_id}: {r.error}")
        for outcome, reasons in (("skipped", r.skipped), ("failed", r.failed)):
            if reasons:
                counts = ", ".join(f"{reason}: {n}" for reason, n in reasons.items())
                notes.append(f"{r.source_id}: {outcome} {counts}")
        notes.extend(f"{r.source_id}: warning: {warning}" for warning in r.warnings)
        if r.status == "baseline":
            notes.append(
                f"first crawl of {r.source_id}: articles stored silently; "
                "alerts start with the next crawl"
            )
    return notes


def register(app: typer.Typer) -> None:
    app.command("crawl")(crawl_command)
