"""RSS / Atom parsing: feedparser behind one function that returns our own records.

Scrapy fetches; feedparser only ever sees bytes (never a URL, so it never touches the network).
Broken feeds are tolerated whenever feedparser can still read entries from them (the problem is
kept in :attr:`Feed.warning`); when it cannot, :attr:`Feed.error` says why.

Titles, summaries and author names leave as plain text (:mod:`crawler.plaintext`): feedparser
hands them over as HTML (``sanitize_html=False``: its sanitizer would keep tags and entities, and
the plain-text pass drops both anyway).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser

from crawler.plaintext import MAX_NAME_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, plain_line

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


@dataclass(slots=True, frozen=True)
class FeedEntry:
    """One feed item: the article link plus the metadata the feed gives about it."""

    link: str
    title: str | None = None
    summary: str | None = None
    published: datetime | None = None
    authors: list[str] = field(default_factory=list)
    updated: datetime | None = None
    """When the feed says the entry last changed (Atom ``updated``); None when it does not say."""


@dataclass(slots=True)
class Feed:
    """A parsed feed: its entries, or the reason none could be read."""

    url: str
    title: str | None = None
    version: str | None = None
    """feedparser's format name: rss20, atom10, rss090…"""
    encoding: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    error: str | None = None
    """Why no entries could be read (the feed is unusable); None when it was read."""
    warning: str | None = None
    """What was wrong with a feed that could still be read (a bozo feed)."""
    without_link: int = 0
    """Entries with no http(s) link to a web page (an Atom ``urn:`` id only, …): not in
    ``entries``, counted so the crawl can say so."""

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_feed(body: bytes, url: str, *, content_type: str | None = None) -> Feed:
    """Parse an RSS or Atom document.

    Args:
        body: the raw bytes as served (already decompressed by the HTTP client).
        url: the feed's URL, used to resolve relative entry links.
        content_type: the HTTP Content-Type header, when known (it may name the charset).

    Returns:
        A :class:`Feed`; ``feed.error`` is set when no entries could be read.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # Whitespace before the XML declaration makes strict parsers fail and hides the declared
    # encoding; it is never meaningful, so drop it.
    parsed = feedparser.parse(body.lstrip(), response_headers=headers, sanitize_html=False)
    problem = _describe(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    entries = [_entry(raw) for raw in parsed.entries]
    feed = Feed(
        url=url,
        title=plain_line(parsed.feed.get("title"), max_chars=MAX_TITLE_CHARS),
        version=parsed.get("version") or None,
        encoding=parsed.get("encoding"),
        entries=[e for e in entries if e is not None],
        without_link=entries.count(None),
    )
    if feed.entries:
        feed.warning = problem
    elif not body.strip():
        feed.error = "empty response: the feed URL returned no content"
    elif _HTML_START.match(body[:2048]):
        feed.error = "not a feed: the URL serves an HTML page (check the source url)"
    elif body[:2] == b"\x1f\x8b":
        feed.error = (
            "not a feed: the body is still gzip-compressed (server sent no Content-Encoding)"
        )
    elif feed.version or feed.without_link:  # readable, with no items to fetch right now
        feed.warning = problem
    else:
        feed.error = (
            f"not a feed: no RSS/Atom entries could be read ({problem or 'unknown format'})"
        )
    return feed


def _entry(raw: Any) -> FeedEntry | None:
    link = _web_link(raw)
    if link is None:
        return None
    authors = [plain_line(a.get("name"), max_chars=MAX_NAME_CHARS) for a in raw.get("authors", [])]
    return FeedEntry(
        link=link,
        title=plain_line(raw.get("title"), max_chars=MAX_TITLE_CHARS),
        summary=plain_line(raw.get("summary"), max_chars=MAX_SUMMARY_CHARS),
        # dict.get: skip feedparser's deprecated updated→published key mapping (it warns)
        published=_timestamp(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")),
        authors=[a for a in authors if a],
        updated=_timestamp(dict.get(raw, "updated_parsed")),
    )


def _web_link(raw: Any) -> str | None:
    """The entry's web page: the original behind a FeedBurner link, else the first HTTP(S) link
    (alternate links first; an Atom id or ``urn:`` is not a page we can fetch)."""
    links = raw.get("links", [])
    candidates = [
        raw.get("feedburner_origlink"),
        *(item.get("href") for item in links if item.get("rel", "alternate") == "alternate"),
        raw.get("link"),
        *(item.get("href") for item in links),
    ]
    for candidate in candidates:
        link = _clean(candidate)
        if link and link.lower().startswith(("http://", "https://")):
            return link
    return None


def _timestamp(value: Any) -> datetime | None:
    """feedparser normalises dates to a UTC ``time.struct_time``."""
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _describe(exc: Any) -> str:
    if exc is None:
        return "malformed feed"
    message = str(exc).strip()
    name = type(exc).__name__
    return f"{name}: {message}" if message else name
