"""``sinowatch crawl``: crawl sources once, with progress, then a table per source.

Runs the same :class:`crawler.runner.CrawlRunner` the service uses; the first successful crawl
of a source is its baseline (stored, never alerted).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from crawler.records import SourceReport
from sinowatch.commands.db import opened_database
from sinowatch.context import CliContext
from sinowatch.settings import Settings, SourceSettings

COLUMNS = ("requests", "304s", "new", "updated", "known", "relevant", "alerts", "errors", "time")


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
            help="Send the alerts the crawl queued (default), or leave them for `sinowatch run`.",
        ),
    ] = True,
) -> None:
    """Crawl sources once: fetch feeds/sitemaps/listings, extract, score and store new articles.

    Exit status: 0 when every source crawled (or was not modified), 1 when
    any source failed, 2 on an unknown source id or a config error.

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
    console = Console(stderr=True)
    from crawler.runner import run_crawl
    from sinowatch.app import alert_hook, deliver_pending

    hook = alert_hook(settings)  # the same hook `sinowatch run` uses: alerts are queued

    with opened_database(cli) as database, console.status("crawling…") as status:
        pending = {source.id for source in sources}

        def progress(event: str, report: SourceReport) -> None:
            if event == "done":
                pending.discard(report.source_id)
                console.log(_one_line(report))
            status.update(f"crawling {', '.join(sorted(pending))}…")

        reports = run_crawl(settings, database, sources, on_article=hook, progress=progress)
        if deliver and any(report.alerts for report in reports):
            status.update("sending alerts…")
            stats = deliver_pending(settings, database)
            console.log(
                f"alerts: {stats.sent} delivered, {stats.retried} to retry, {stats.dead} failed"
                + "".join(f"\n  {error}" for error in stats.errors)
            )
    Console().print(report_table(reports))
    if any(report.status == "error" for report in reports):
        raise typer.Exit(1)


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
    table = Table(title="Crawl")
    table.add_column("source", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for column in COLUMNS:
        table.add_column(column, justify="right")
    table.add_column("error", overflow="fold")
    for r in reports:
        table.add_row(
            r.source_id,
            r.status,
            *map(str, (r.requests, r.not_modified, r.new_articles, r.revised, r.known)),
            str(r.relevant),
            *map(str, (r.alerts, r.errors)),
            f"{r.seconds:.1f}s",
            r.error or "",
            style="red" if r.status == "error" else None,
        )
    return table


def _one_line(report: SourceReport) -> str:
    if report.status == "error":
        return f"{report.source_id}: error — {report.error}"
    return (
        f"{report.source_id}: {report.status}, {report.new_articles} new, "
        f"{report.revised} updated, {report.known} known, {report.errors} errors "
        f"({report.seconds:.1f}s)"
    )


def register(app: typer.Typer) -> None:
    app.command("crawl")(crawl_command)
