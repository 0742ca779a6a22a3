"""``sinowatch stories``: recent stories, each with the outlets that carried it.

A story groups every copy of one article (wire reprints, syndications, new headlines); see
``dedup.*`` in the config for how copies are recognised.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from crawler.models import Story
from crawler.store import recent_stories
from sinowatch.commands.db import opened_database
from sinowatch.context import CliContext, duration_option
from sinowatch.settings import parse_duration


def stories_command(
    ctx: typer.Context,
    since: Annotated[
        str,
        typer.Option(
            "--since",
            callback=duration_option,
            help="Only stories seen within this time (2h, 2d, 1w).",
        ),
    ] = "2d",
    min_outlets: Annotated[
        int, typer.Option("--min-outlets", min=1, help="Only stories carried by this many outlets.")
    ] = 1,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most N stories.")
    ] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list instead.")] = False,
) -> None:
    """List recent stories, latest first, with their outlets, article count and first/last seen.

    A story groups the copies of one article (wire copies, syndication).

    Examples:
        sinowatch stories
        sinowatch stories --since 1w --min-outlets 2 --limit 20
        sinowatch stories --json | jq '.[].outlets'
    """
    cli: CliContext = ctx.obj
    cutoff = datetime.now(UTC) - parse_duration(since)
    with opened_database(cli) as database, database.session() as session:
        stories = recent_stories(session, since=cutoff, min_outlets=min_outlets, limit=limit)
    if as_json:
        typer.echo(json.dumps([_as_dict(story) for story in stories], indent=2, ensure_ascii=False))
        return
    table = Table(title=f"Stories seen in the last {since}")
    for column in ("id", "last seen (UTC)", "first seen (UTC)", "articles", "outlets", "title"):
        table.add_column(column, overflow="fold")
    for story in stories:
        table.add_row(
            str(story.id),
            _when(story.last_seen),
            _when(story.first_seen),
            str(story.article_count),
            ", ".join(story.outlets or []),
            story.title or "",
        )
    if not stories:
        table.caption = (
            f"no stories with ≥ {min_outlets} outlet(s) in the last {since}: "
            "try a longer --since, or run `sinowatch crawl` first"
        )
    Console().print(table)


def _as_dict(story: Story) -> dict[str, object]:
    return {
        "id": story.id,
        "title": story.title,
        "outlets": list(story.outlets or []),
        "first_outlet": story.first_outlet,
        "article_count": story.article_count,
        "first_seen": story.first_seen.isoformat(),
        "last_seen": story.last_seen.isoformat(),
    }


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def register(app: typer.Typer) -> None:
    app.command("stories")(stories_command)
