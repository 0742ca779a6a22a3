"""``sinowatch demo``: the whole product, offline, in under a minute.

1. Serve the demo news site (``config/demo/``) on 127.0.0.1, start a local webhook receiver and a
   local SMTP server, and write a config pointing at them (``config/demo/sinowatch.yaml`` filled
   in) into a temporary directory, with a temporary SQLite database unless ``--db`` is given.
2. Crawl both feeds with the real spiders and pipeline: the first crawl is the baseline (stored,
   never alerted).
3. Publish new articles to the feeds, crawl again: the matcher finds watched topics and experts,
   the rules turn hits into alerts, the outbox delivers them to console, JSONL, webhook and email.
4. Show what each receiver got, and a summary.

Everything runs through :func:`sinowatch.app.build_runtime`, like ``crawl`` and ``run``.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from crawler.db import Database
from crawler.migrate import upgrade
from sinowatch.app import Runtime, build_runtime
from sinowatch.config_loader import interpolate, load_settings
from sinowatch.demo_site import DemoArticle, DemoSite
from sinowatch.paths import default_config_dir
from sinowatch.sinks import SmtpSink, WebhookReceiver
from sinowatch.summary import status_summary

if TYPE_CHECKING:
    from crawler.records import SourceReport
    from sinowatch.settings import Settings

RECEIPT_TIMEOUT = 15.0
"""Seconds to wait for the webhook receiver and SMTP server to get every alert."""


@dataclass
class DemoResult:
    """What the demo did: the numbers its summary prints (and its test checks)."""

    workdir: Path
    baseline: list[SourceReport] = field(default_factory=list)
    second: list[SourceReport] = field(default_factory=list)
    published: int = 0
    published_articles: list[DemoArticle] = field(default_factory=list)
    articles: int = 0
    stories: int = 0
    alerts: int = 0
    deliveries: dict[str, Counter[str]] = field(default_factory=dict)
    webhooks: int = 0
    webhooks_verified: int = 0
    emails: int = 0
    jsonl_lines: int = 0


def write_demo_config(
    workdir: Path, site: DemoSite, webhook: WebhookReceiver, smtp: SmtpSink, db_url: str | None
) -> tuple[Path, str]:
    """Fill in the demo config template; return its path and the webhook secret it names."""
    config_dir = default_config_dir()
    secret = "whsec_" + base64.b64encode(os.urandom(24)).decode()
    values = {
        "SINOWATCH_DEMO_DIR": str(workdir),
        "SINOWATCH_DEMO_DB": db_url or f"sqlite:///{workdir / 'sinowatch-demo.db'}",
        "SINOWATCH_DEMO_WATCHLISTS": str(config_dir / "watchlists"),
        "SINOWATCH_DEMO_SITE": site.base_url,
        "SINOWATCH_DEMO_WEBHOOK_URL": webhook.url,
        "SINOWATCH_DEMO_WEBHOOK_SECRET": secret,
        "SINOWATCH_DEMO_SMTP_PORT": str(smtp.port),
    }
    template = (config_dir / "demo" / "sinowatch.yaml").read_text(encoding="utf-8")
    path = workdir / "sinowatch.yaml"
    path.write_text(interpolate(template, values), encoding="utf-8")
    return path, secret


def route_to_all_channels(settings: Settings) -> Settings:
    """The demo sends every watchlist's alerts to every channel (to show each receiver)."""
    everywhere = list(settings.channels)
    watchlists = [w.model_copy(update={"channels": everywhere}) for w in settings.watchlists]
    return settings.model_copy(update={"watchlists": watchlists})


class Demo:
    def __init__(self, console: Console, *, db_url: str | None = None, keep: bool = False):
        self.console = console
        self.db_url = db_url
        self.keep = keep

    async def run(self) -> DemoResult:
        workdir = Path(tempfile.mkdtemp(prefix="sinowatch-demo-"))
        site = DemoSite.from_dir(default_config_dir() / "demo")
        try:
            with site, WebhookReceiver() as webhook, SmtpSink() as smtp:
                config_path, secret = write_demo_config(workdir, site, webhook, smtp, self.db_url)
                settings = route_to_all_channels(load_settings(config_path))
                database = Database(settings.database_url)
                await asyncio.to_thread(upgrade, database)
                try:
                    runtime = build_runtime(settings, database)
                    result = await self._play(runtime, site, workdir, config_path)
                    alerted = await self._receipts(result, webhook, smtp, secret, settings)
                    self._explain_silence(site, result.published_articles, settings, alerted)
                    await asyncio.to_thread(self._count, result, database, settings)
                    await runtime.runner.stop()
                    await runtime.dispatcher.aclose()
                finally:
                    database.dispose()
            self._summary(result)
            return result
        finally:
            if self.keep:
                self.console.print(
                    f"\nKept [bold]{workdir}[/bold]: look around with "
                    f"[bold]sinowatch -c {workdir / 'sinowatch.yaml'} status[/bold]"
                )
            else:
                shutil.rmtree(workdir, ignore_errors=True)

    async def _play(
        self, runtime: Runtime, site: DemoSite, workdir: Path, config_path: Path
    ) -> DemoResult:
        say = self.console.print
        settings = runtime.settings
        result = DemoResult(workdir=workdir)
        say("[bold]sinowatch demo[/bold] — everything below runs offline on 127.0.0.1\n")
        say(f"News site      {site.base_url}  (two fictional outlets, one RSS feed each)")
        kept = "" if self.keep else "  (removed at the end; --keep keeps it)"
        say(f"Config         {escape(str(config_path))}{kept}")
        say(f"Database       {_safe_url(settings.database_url)}")
        watchlist = settings.watchlists[0] if settings.watchlists else None
        if watchlist is not None:
            experts = ", ".join(e.name for e in watchlist.experts[:4])
            say(
                f"Watchlist      {escape(watchlist.name)}: {len(watchlist.topics)} topics, "
                f"{len(watchlist.experts)} experts ({escape(experts)}, …)"
            )
        say(f"Channels       {', '.join(settings.channels)}\n")

        say(
            "[bold]1. First crawl[/bold] — the baseline: articles already online are stored, "
            "not alerted"
        )
        result.baseline = await runtime.runner.crawl(settings.sources)
        self.console.print(_report_table(result.baseline))

        published = site.publish()
        result.published = len(published)
        result.published_articles = published
        say(f"\n[bold]2. The newsroom publishes {len(published)} articles[/bold]")
        for article in published:
            say(f"   + {escape(site.outlets[article.outlet].name)}: {escape(article.title)}")

        say("\n[bold]3. Second crawl[/bold] — new articles are matched against the watchlists")
        result.second = await runtime.runner.crawl(settings.sources)
        self.console.print(_report_table(result.second))

        say("\n[bold]4. Alerts[/bold] — the outbox delivers each alert to every channel")
        while (await runtime.dispatcher.run_once()).claimed:
            pass
        return result

    async def _receipts(
        self,
        result: DemoResult,
        webhook: WebhookReceiver,
        smtp: SmtpSink,
        secret: str,
        settings: Settings,
    ) -> set[str]:
        """Print what the receivers got; return the URLs of the alerted articles."""
        from standardwebhooks.webhooks import Webhook, WebhookVerificationError

        expected = sum(report.alerts for report in result.second)
        requests = await asyncio.to_thread(webhook.wait_for, expected, RECEIPT_TIMEOUT)
        emails = await asyncio.to_thread(smtp.wait_for, expected, RECEIPT_TIMEOUT)
        say = self.console.print
        say("\n[bold]5. What the receivers got[/bold]")
        verifier = Webhook(secret)
        alerted: set[str] = set()
        for request in requests:
            try:
                payload = verifier.verify(request.body, request.headers)
                result.webhooks_verified += 1
                check = "[green]signature valid[/green]"
            except WebhookVerificationError as exc:
                payload = request.json()
                check = f"[red]signature invalid: {escape(str(exc))}[/red]"
            hits = ", ".join(sorted({h.get("name", "") for h in payload.get("hits", [])}))
            title = payload.get("article", {}).get("title", "")
            alerted.add(payload.get("article", {}).get("url", ""))
            say(
                f"   webhook  {request.headers.get('webhook-id')}  {check}  "
                f"{escape(title)}  {escape(f'[{hits}]')}"
            )
        for message in emails:
            say(f"   email    to {escape(message['To'])}  subject: {escape(message['Subject'])}")
        result.webhooks = len(requests)
        result.emails = len(emails)
        jsonl = settings.channels.get("jsonl")
        path = getattr(jsonl, "path", None)
        if path is not None and Path(path).exists():
            lines = Path(path).read_text(encoding="utf-8").splitlines()
            result.jsonl_lines = sum(1 for line in lines if line.strip() and json.loads(line))
        return alerted

    def _explain_silence(
        self,
        site: DemoSite,
        articles: list[DemoArticle],
        settings: Settings,
        alerted: set[str],
    ) -> None:
        """Why each new article without an alert of its own stayed silent (``inspect``'s rules)."""
        from alerts.matcher import Matcher
        from sinowatch.inspect import inspect_page, local_page

        silent = [a for a in articles if site.url(a) not in alerted]
        if not silent:
            return
        self.console.print(
            "\n[bold]6. Not alerted[/bold] — and why (`sinowatch inspect` shows this)"
        )
        matcher = Matcher.compile(settings.watchlists)
        for article in silent:
            url = site.url(article)
            page = local_page(site.render(article.path)[2], url)
            inspection = inspect_page(
                page, settings, settings.watchlists, apply_age=True, matcher=matcher
            )
            decisions = inspection.decisions
            if any(decision.alert for decision in decisions.values()):
                why = "a copy of a story already alerted: listed among that alert's outlets"
            else:
                why = "; ".join(r for d in decisions.values() for r in d.reasons)
            self.console.print(f"   - {escape(article.title)}\n     {escape(why)}")

    @staticmethod
    def _count(result: DemoResult, database: Database, settings: Settings) -> None:
        from alerts.outbox import list_deliveries

        with database.session() as session:
            summary = status_summary(session)
            result.articles = summary.articles
            result.stories = summary.stories
            result.alerts = summary.alerts
            for delivery in list_deliveries(session, limit=10_000):
                result.deliveries.setdefault(delivery.channel, Counter())[delivery.status] += 1

    def _summary(self, result: DemoResult) -> None:
        table = Table(title="Summary", show_header=False)
        table.add_row("articles stored", str(result.articles))
        table.add_row("stories (copies of one story count once)", str(result.stories))
        table.add_row("alerts", str(result.alerts))
        for channel, counts in sorted(result.deliveries.items()):
            states = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            table.add_row(f"deliveries via {channel}", states)
        table.add_row(
            "webhook receiver", f"{result.webhooks} received, {result.webhooks_verified} verified"
        )
        table.add_row("SMTP server", f"{result.emails} messages")
        table.add_row("alerts.jsonl", f"{result.jsonl_lines} lines")
        self.console.print()
        self.console.print(table)
        self.console.print(
            "\nNext: [bold]sinowatch init[/bold] writes a config with real sources; edit its "
            "watchlists, then [bold]sinowatch run[/bold]."
        )


def _report_table(reports: list[SourceReport]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("source", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for column in ("requests", "new", "known", "relevant", "alerts", "errors"):
        table.add_column(column, justify="right", no_wrap=True)
    for r in reports:
        table.add_row(
            r.source_id,
            r.status,
            str(r.requests),
            str(r.new_articles),
            str(r.known),
            str(r.relevant),
            str(r.alerts),
            str(r.errors),
        )
    return table


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
