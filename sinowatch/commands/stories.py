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
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from crawler.configtypes import parse_duration
from crawler.storage import articles
from crawler.storage import stories as stored_stories
from crawler.storage.tables import Story
from sinowatch.commands.db import opened_database
from sinowatch.context import CliContext, duration_option


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
    relevant: Annotated[
        bool,
        typer.Option("--relevant", help="Only stories with a China–U.S. relevant article."),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list instead (with each article's URL).")
    ] = False,
) -> None:
    """List recent stories, latest first, with their outlets, article count and first/last seen.

    A story groups the copies of one article (wire copies, syndication).
    --json adds each story's articles (URL, outlet, title, relevant).

    Examples:
        sinowatch stories
        sinowatch stories --since 1w --min-outlets 2 --limit 20 --relevant
        sinowatch stories --json | jq '.[].articles[].url'
    """
    cli: CliContext = ctx.obj
    cutoff = datetime.now(UTC) - parse_duration(since)
    with opened_database(cli) as database, database.session() as session:
        stories = stored_stories.recent(
            session, since=cutoff, min_outlets=min_outlets, limit=limit, relevant=relevant
        )
        if as_json:
            members = _articles(session, [story.id for story in stories])
            listed = [_as_dict(story, members.get(story.id, [])) for story in stories]
            typer.echo(json.dumps(listed, indent=2, ensure_ascii=False))
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
            escape(", ".join(story.outlets or [])),
            escape(story.title or ""),  # "[/]" in a headline is text, not rich markup
        )
    if not stories:
        which = "relevant stories" if relevant else "stories"
        table.caption = (
            f"no {which} with ≥ {min_outlets} outlet(s) in the last {since}: "
            "try a longer --since, or run `sinowatch crawl` first"
        )
    Console().print(table)


def _articles(session: Session, story_ids: list[int]) -> dict[int, list[dict[str, object]]]:
    """The articles of the given stories, oldest first, as ``--json`` lists them."""
    found: dict[int, list[dict[str, object]]] = {}
    for article in articles.of_stories(session, story_ids):
        found.setdefault(article.story_id or 0, []).append(
            {
                "url": article.url,
                "outlet": article.outlet,
                "title": article.title,
                "relevant": bool(article.relevant),
            }
        )
    return found


def _as_dict(story: Story, articles: list[dict[str, object]]) -> dict[str, object]:
    return {
        "id": story.id,
        "title": story.title,
        "outlets": list(story.outlets or []),
        "first_outlet": story.first_outlet,
        "article_count": story.article_count,
        "first_seen": story.first_seen.isoformat(),
        "last_seen": story.last_seen.isoformat(),
        "articles": articles,
    }


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def register(app: typer.Typer) -> None:
    app.command("stories")(stories_command)
