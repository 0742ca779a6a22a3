"""``sinowatch check``: validate the config and summarise it; secrets are shown as ``****``.

Exit 0 when the config is valid; 2 with every problem (``FILE:LINE:COL: key: message``) when not.
Cron schedules and digests show their next time in the configured ``timezone``.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from alerts.rules import duration_text
from crawler.config import Schedule
from crawler.redact import mask_url
from sinowatch.config_loader import find_config
from sinowatch.context import CliContext
from sinowatch.schedules import next_fire_times
from sinowatch.settings import Settings


def check_command(ctx: typer.Context) -> None:
    """Validate the config (and its includes) and print what it sets up. Starts nothing.

    Exits 2 listing every problem as FILE:LINE:COL: key.path: message.

    Examples:
        sinowatch check
        sinowatch --config ~/sinowatch/sinowatch.yaml check
    """
    cli: CliContext = ctx.obj
    settings = cli.settings()
    path = find_config(cli.config_path)
    console = Console(soft_wrap=True)  # long lines stay whole (paths, URLs); tables fit width
    console.print(Text.assemble(("config OK", "bold green"), f": {path}"))
    for label, value in (
        ("data_dir", str(settings.data_dir)),
        ("database", mask_url(settings.database_url)),
        ("user agent", settings.crawler.user_agent),
        ("timezone", f"{settings.timezone} (cron schedules and digests)"),
    ):
        console.print(Text(f"{label}: {value}"))
    console.print(_sources_table(settings))
    console.print(_watchlists_table(settings))
    console.print(_channels_table(settings))
    for warning in [*config_warnings(settings), *empty_watchlists(settings)]:
        console.print(Text.assemble(("warning: ", "yellow"), warning))


def config_warnings(settings: Settings) -> list[str]:
    """Valid but probably unintended settings."""
    warnings = [
        f"watchlist {w.name!r} names no channels: its alerts are stored but sent nowhere"
        for w in settings.watchlists
        if not w.channels
    ]
    if not any(source.enabled for source in settings.sources):
        warnings.append("no enabled sources: nothing will be crawled")
    return warnings


def empty_watchlists(settings: Settings) -> list[str]:
    """Watchlists that can never alert: no topic and no expert to match."""
    return [
        f"watchlist {w.name!r} has no topics and no experts: it can never alert"
        for w in settings.watchlists
        if not w.topics and not w.experts
    ]


def _sources_table(settings: Settings) -> Table:
    kinds = Counter(source.kind for source in settings.sources)
    by_kind = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    table = Table(title=f"Sources: {len(settings.sources)} ({by_kind or 'none'})")
    for column in ("kind", "id", "name", "type", "lang", "schedule"):
        # ids are what `sinowatch crawl ID` takes: never broken; names and types fold instead
        table.add_column(
            column, overflow="fold", no_wrap=column in ("kind", "id", "lang", "schedule")
        )
    for source in sorted(settings.sources, key=lambda s: (s.kind, s.id)):
        table.add_row(
            *map(
                Text,
                (
                    source.kind,
                    source.id if source.enabled else f"{source.id} (disabled)",
                    source.name,
                    (source.outlet_type or "").replace("_", " "),
                    "/".join(filter(None, (source.language, source.country))),
                    _schedule(settings.schedule_for(source), settings.timezone),
                ),
            )
        )
    return table


def _watchlists_table(settings: Settings) -> Table:
    table = Table(title=f"Watchlists: {len(settings.watchlists)}")
    for column in ("name", "topics", "experts", "channels"):
        table.add_column(column, overflow="fold")
    for watchlist in settings.watchlists:
        table.add_row(
            Text(watchlist.name),
            Text(", ".join(topic.name or topic.id for topic in watchlist.topics)),
            Text(", ".join(expert.name for expert in watchlist.experts)),
            Text(", ".join(watchlist.channels)),
        )
    return table


def _channels_table(settings: Settings) -> Table:
    table = Table(title=f"Channels: {len(settings.channels)}")
    for column in ("name", "type", "mode", "target"):
        table.add_column(column, overflow="fold")
    for name, channel in settings.channels.items():
        mode = channel.mode
        if channel.mode == "digest":
            when = next_time(channel.digest_cron, settings.timezone)
            mode = f"digest ({channel.digest_cron}), {when}"
        table.add_row(Text(name), channel.type, Text(mode), Text(channel.masked_target()))
    return table


def next_time(cron: str, timezone: str) -> str:
    """``next 2026-12-01 08:00 CET``: the next fire time of ``cron`` in the configured zone."""
    fires = next_fire_times(cron, timezone, datetime.now(UTC), 1)
    return f"next {fires[0]:%Y-%m-%d %H:%M %Z}" if fires else "never fires again"


def _schedule(schedule: Schedule, timezone: str) -> str:
    if schedule.cron:
        when = f"cron {schedule.cron}, {next_time(schedule.cron, timezone)}"
    elif schedule.interval:
        when = f"every {duration_text(schedule.interval)}"
    else:
        return "not scheduled"
    return f"{when} ±{duration_text(schedule.jitter)}" if schedule.jitter else when


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
