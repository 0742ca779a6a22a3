"""Feeds of matches: an Atom feed and a JSON Feed 1.1 per watchlist, topic and expert.

``/feeds/{watchlists|topics|experts}/{name}.{atom|json}`` lists the newest :data:`FEED_SIZE`
alerts of that watchlist (or with a hit on that topic or expert), each linking to the article,
its hits and snippets in the entry text. Atom is written by feedgen (lxml escapes every title:
headlines are untrusted); JSON Feed is plain JSON from pydantic models.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Request, Response
from feedgen.feed import FeedGenerator
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from alerts.experts.names import expert_id
from alerts.storage import reports
from alerts.storage.reports import Match, MatchFilter
from crawler.storage.tables import utcnow
from sinowatch.settings import Settings
from sinowatch.web.deps import SessionDep, SettingsDep

FEED_SIZE = 50
"""Entries per feed: the newest matches."""
ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json; charset=utf-8"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot carry at all (lxml refuses them): dropped from feed text."""

FeedKind = Literal["watchlists", "topics", "experts"]
router = APIRouter(prefix="/feeds", tags=["feeds"], include_in_schema=False)


class JsonFeedAuthor(BaseModel):
    name: str


class JsonFeedItem(BaseModel):
    id: str
    url: str
    title: str
    content_text: str
    date_published: datetime
    tags: list[str] = Field(default_factory=list)


class JsonFeed(BaseModel):
    version: str = JSON_FEED_VERSION
    title: str
    home_page_url: str
    feed_url: str
    description: str
    authors: list[JsonFeedAuthor] = Field(
        default_factory=lambda: [JsonFeedAuthor(name="sinowatch")]
    )
    items: list[JsonFeedItem]


class _Feed:
    """What both formats show: the feed's subject, its URLs and its matches."""

    def __init__(
        self, request: Request, kind: FeedKind, name: str, label: str, matches: list[Match]
    ) -> None:
        self.title = f"sinowatch: {label}"
        self.description = f"New matches of the {kind[:-1]} {label}"
        self.self_url = str(request.url)
        filter_name = kind[:-1]  # the stories page filters by watchlist=, topic=, expert=
        self.home_url = f"{request.base_url}stories?{urlencode({filter_name: name})}"
        self.story_base = f"{request.base_url}stories/"
        self.matches = matches

    def entry_url(self, match: Match) -> str:
        return match.url or f"{self.story_base}{match.story_id}"

    @staticmethod
    def entry_id(match: Match) -> str:
        return f"urn:sinowatch:alert:{match.alert_id}"

    @staticmethod
    def entry_title(match: Match) -> str:
        return match.title or match.url or f"story {match.story_id}"

    @staticmethod
    def entry_text(match: Match) -> str:
        """The match in plain text: the outlet, then one line per hit with its snippet/quote."""
        lines = [f"{match.outlet or 'unknown outlet'} — watchlist {match.watchlist}"]
        for hit in match.hits:
            how = hit.get("mention") or hit.get("kind") or "hit"
            line = f"{hit.get('name')} ({how}): {hit.get('snippet') or ''}"
            if hit.get("quote"):
                line += f' — "{hit["quote"]}"'
            lines.append(line)
        return "\n".join(lines)

    @staticmethod
    def tags(match: Match) -> list[str]:
        return sorted({str(hit.get("name")) for hit in match.hits})


def _subject(settings: Settings, kind: FeedKind, name: str) -> str:
    """The display name of the configured watchlist/topic/expert; 404 if none is configured."""
    for watchlist in settings.watchlists:
        if kind == "watchlists" and watchlist.name == name:
            return watchlist.name
        if kind == "topics":
            for topic in watchlist.topics:
                if topic.id == name:
                    return topic.name or topic.id
        if kind == "experts":
            for expert in watchlist.experts:
                if expert_id(expert) == name:
                    return expert.name
    raise HTTPException(404, f"no {kind[:-1]} {name!r} in the config")


def _feed(
    request: Request, session: Session, settings: Settings, kind: FeedKind, name: str
) -> _Feed:
    label = _subject(settings, kind, name)
    filters = MatchFilter(
        watchlist=name if kind == "watchlists" else None,
        topic=name if kind == "topics" else None,
        expert=name if kind == "experts" else None,
    )
    page = reports.matches(session, filters, limit=FEED_SIZE)
    return _Feed(request, kind, name, label, page.items)


def _xml(text: str) -> str:
    return NOT_XML.sub("", text)


def atom(feed: _Feed) -> bytes:
    """The feed as Atom 1.0."""
    generator = FeedGenerator()
    generator.id(feed.self_url)
    generator.title(_xml(feed.title))
    generator.subtitle(_xml(feed.description))
    generator.author({"name": "sinowatch"})
    generator.link(href=feed.self_url, rel="self")
    generator.link(href=feed.home_url, rel="alternate")
    generator.updated(feed.matches[0].created_at if feed.matches else utcnow())
    for match in feed.matches:
        entry = generator.add_entry(order="append")
        entry.id(feed.entry_id(match))
        entry.title(_xml(feed.entry_title(match)))
        entry.link(href=feed.entry_url(match))
        entry.published(match.created_at)
        entry.updated(match.created_at)
        entry.summary(_xml(feed.entry_text(match)))
        for tag in feed.tags(match):
            entry.category(term=_xml(tag))
    return generator.atom_str(pretty=True)


def json_feed(feed: _Feed) -> JsonFeed:
    """The feed as JSON Feed 1.1."""
    return JsonFeed(
        title=feed.title,
        home_page_url=feed.home_url,
        feed_url=feed.self_url,
        description=feed.description,
        items=[
            JsonFeedItem(
                id=feed.entry_id(match),
                url=feed.entry_url(match),
                title=feed.entry_title(match),
                content_text=feed.entry_text(match),
                date_published=match.created_at,
                tags=feed.tags(match),
            )
            for match in feed.matches
        ],
    )


Name = Annotated[str, Path(max_length=300, pattern=r"^[^\x00]*$")]


@router.get("/{kind}/{name}.atom")
def atom_feed(
    request: Request, session: SessionDep, settings: SettingsDep, kind: FeedKind, name: Name
) -> Response:
    """The Atom feed of a watchlist, topic or expert."""
    return Response(atom(_feed(request, session, settings, kind, name)), media_type=ATOM_TYPE)


@router.get("/{kind}/{name}.json")
def json_feed_route(
    request: Request, session: SessionDep, settings: SettingsDep, kind: FeedKind, name: Name
) -> Response:
    """The JSON Feed 1.1 of a watchlist, topic or expert."""
    feed = json_feed(_feed(request, session, settings, kind, name))
    return Response(_inert(feed.model_dump_json()), media_type=JSON_FEED_TYPE)


def _inert(document: str) -> str:
    """JSON whose strings spell ``<``, ``>`` and ``&`` as escapes: the same values, but no
    markup even if a browser or proxy mistakes the feed for HTML."""
    return document.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
