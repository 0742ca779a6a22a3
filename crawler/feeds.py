"""RSS / Atom parsing: feedparser behind :func:`read_feed` (a file, read in parts) and
:func:`parse_feed` (bytes), which return our own records.

Scrapy fetches; feedparser only ever sees bytes (never a URL, so it never touches the network).
Broken feeds are tolerated whenever feedparser can still read entries from them (the problem is
kept in :attr:`Feed.warning`); when it cannot, :attr:`Feed.error` says why.

A large feed (over :data:`STREAM_FROM_BYTES`) that is well-formed XML (checked first, in one
streamed pass) is read as a stream (``lxml.etree.iterparse``): its items go to feedparser
:data:`BATCH_ITEMS` at a time, each batch wrapped in the feed's own root (and ``<channel>``)
element, and each batch leaves as one part, so neither feedparser's per-document memory
(several KiB an item) nor the entries read exceed one batch's; a feed that is not well-formed
is parsed whole, as a small one is.

Titles, summaries and author names leave as plain text (:mod:`crawler.plaintext`): feedparser
hands them over as HTML (``sanitize_html=False``: its sanitizer would keep tags and entities, and
the plain-text pass drops both anyway).
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

import feedparser
from lxml import etree

from crawler.plaintext import MAX_NAME_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, plain_line
from crawler.spool import skip_space, well_formed

STREAM_FROM_BYTES = 1024 * 1024
"""Feeds larger than this are read item by item (smaller ones in one go: it is as fast)."""
BATCH_ITEMS = 500
"""Items handed to feedparser at a time when a feed is streamed."""
_ITEM_DEPTH = {"rss": 3, "RDF": 2, "feed": 2}
"""Root element → depth of its items (``rss/channel/item``, ``rdf:RDF/item``, ``feed/entry``)."""
_ITEM_NAMES = frozenset({"item", "entry"})
_DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z][\w.:-]*)["']""")
_HEADER_PROBLEMS = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
"""What feedparser finds wrong with a well-formed feed from its HTTP headers and XML declaration
alone: the same for every batch (each is written in the feed's own encoding), so it is kept."""
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
    """Parse an RSS or Atom document held in memory: :func:`read_feed`'s parts as one feed."""
    parts = read_feed(io.BytesIO(body), url, content_type=content_type)
    feed = next(parts)
    for part in parts:
        feed.entries.extend(part.entries)
        feed.without_link += part.without_link
        feed.warning = feed.warning or part.warning
    return feed


def read_feed(document: IO[bytes], url: str, *, content_type: str | None = None) -> Iterator[Feed]:
    """Read an RSS or Atom document from a file, in parts of at most :data:`BATCH_ITEMS` entries.

    Args:
        document: the body as served (already decompressed by the HTTP client), a seekable
            file at its start.
        url: the feed's URL, used to resolve relative entry links.
        content_type: the HTTP Content-Type header, when known (it may name the charset).

    Returns:
        The feed's parts: the first carries its title, version and encoding, and ``error``
        when no entries could be read (then it is the only one); each part its own entries,
        ``without_link`` count and ``warning``. A feed over :data:`STREAM_FROM_BYTES` that is
        well-formed XML is read as a stream; any other is read whole, in one part.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    start = skip_space(document)
    if document.seek(0, io.SEEK_END) - start > STREAM_FROM_BYTES:
        document.seek(start)
        if well_formed(document):
            document.seek(start)
            parts = _stream(document, url, headers)
            first = next(parts, None)
            if first is not None:
                yield first
                yield from parts
                return
    document.seek(start)
    yield _whole(document.read(), url, headers)


def _whole(body: bytes, url: str, headers: dict[str, str]) -> Feed:
    """A feed parsed in one go (feedparser tolerates what it can; see :class:`Feed`)."""
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    problem = _describe(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    feed = _read(parsed, url)
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


def _read(parsed: Any, url: str) -> Feed:
    """A feedparser result as a :class:`Feed` (its entries, and how many name no web page)."""
    entries = [_entry(raw) for raw in parsed.entries]
    return Feed(
        url=url,
        title=plain_line(parsed.feed.get("title"), max_chars=MAX_TITLE_CHARS),
        version=parsed.get("version") or None,
        encoding=parsed.get("encoding"),
        entries=[e for e in entries if e is not None],
        without_link=entries.count(None),
    )


def _stream(document: IO[bytes], url: str, headers: dict[str, str]) -> Iterator[Feed]:
    """A large well-formed feed in batches of items, one part each. Nothing when the first
    batch is not RSS/Atom, has no entries, or feedparser finds more wrong with it than the
    HTTP headers (the caller then parses the feed whole, as a small one); what it finds wrong
    with a later batch is that part's warning (its entries are read anyway)."""
    first = True
    try:
        for batch in _batches(document):
            parsed = feedparser.parse(batch, response_headers=headers, sanitize_html=False)
            problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
            part = _read(parsed, url)
            if first and (
                (problem is not None and not isinstance(problem, _HEADER_PROBLEMS))
                or not (part.entries or part.without_link)
            ):
                return
            part.warning = _describe(problem) if problem is not None else None
            if not first and isinstance(problem, _HEADER_PROBLEMS):
                part.warning = None  # said once, by the first part
            first = False
            yield part
    except LookupError:  # the first batch is in an encoding Python does not know
        return  # feedparser's to judge


def _batches(document: IO[bytes]) -> Iterator[bytes]:
    """The feed as documents of at most :data:`BATCH_ITEMS` items each, every one inside a copy
    of the feed's root (and channel) element with the channel's own elements that precede the
    items (title, link, author: entries may inherit them). Items leave the stream's tree as they
    are batched, so it never holds more than one batch."""
    head = document.read(256)
    document.seek(-len(head), io.SEEK_CUR)
    events = etree.iterparse(
        document, events=("start", "end"), resolve_entities=False, no_network=True
    )
    depth = 0
    item_depth: int | None = None
    batches = 0
    declared = _DECLARED_ENCODING.match(head)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    shells: list[etree._Element] = []
    header: list[etree._Element] = []
    items: list[etree._Element] = []
    for event, element in events:
        if event == "start":
            depth += 1
            if depth == 1:
                item_depth = _ITEM_DEPTH.get(etree.QName(element).localname)
                if item_depth is None:
                    return  # not RSS/Atom: for feedparser to judge
            if item_depth is not None and depth < item_depth:
                shells.append(element)
            continue
        depth -= 1
        if item_depth is None or depth != item_depth - 1 or not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname in _ITEM_NAMES:
            items.append(element)
            if len(items) == BATCH_ITEMS:
                yield _document(shells, header, items, encoding)
                items = []
                batches += 1
        elif not items and len(header) < BATCH_ITEMS:
            header.append(element)
    if items or not batches:
        yield _document(shells, header, items, encoding)


def _document(
    shells: list[etree._Element],
    header: list[etree._Element],
    items: list[etree._Element],
    encoding: str,
) -> bytes:
    """One batch as a document in the feed's own encoding (feedparser then reads the headers and
    the declaration as it would the whole feed's; what it cannot encode is a character
    reference)."""
    root: etree._Element | None = None
    inner: etree._Element | None = None
    for shell in shells:
        copy = etree.Element(shell.tag, attrib=dict(shell.attrib), nsmap=shell.nsmap)
        if inner is None:
            root = copy
        else:
            inner.append(copy)
        inner = copy
    assert root is not None and inner is not None  # the root element opened the stream
    inner.extend(deepcopy(element) for element in header)
    inner.extend(items)  # moved out of the stream's tree: freed with this document
    return etree.tostring(root, xml_declaration=True, encoding=encoding)


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
