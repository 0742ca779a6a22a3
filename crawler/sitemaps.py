"""Sitemap parsing: sitemap indexes, plain urlsets and Google News sitemaps.

Elements are matched by local name, so any namespace prefix works (``news:``, ``n:``, none), and
values are whitespace-trimmed (real news sitemaps pad them with newlines); the news title and
publication name leave as plain text (:mod:`crawler.plaintext`). A gzip body (a
``.xml.gz`` sitemap served without Content-Encoding) is decompressed up to a size limit.

A sitemap is read from a file (:func:`read_sitemap`) in parts of at most :data:`BATCH_ENTRIES`
entries. A well-formed one (checked first, in one streamed pass) is read as a stream
(``lxml.etree.iterparse``): each entry is turned into a :class:`SitemapEntry` (or dropped, when
the caller's ``keep`` turns it down) as soon as it is complete and its element freed, so a 50 MB
sitemap costs no more memory than a small one. Broken XML is read whole, as far as it goes
(lxml's recovering parser), but an entry the XML breaks in is not trusted: a strict pass finds
the entry in which the first error occurs, and in a truncated document (no closing root tag) the
last, cut-off entry is rejected too. Rejected entries are counted in :attr:`Sitemap.rejected` by
reason, never stored.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO

from dateutil.parser import isoparse
from lxml import etree

from crawler.plaintext import MAX_NAME_CHARS, MAX_TITLE_CHARS, plain_line
from crawler.spool import decode, skip_space, well_formed

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""The sitemaps.org limit for one uncompressed sitemap file."""

BATCH_ENTRIES = 500
"""Entries kept (or child sitemaps) per part of a sitemap read from a file."""

REJECT_BROKEN = "broken sitemap entry"
"""An entry in which the XML is malformed or cut off (a truncated download)."""
REJECT_NO_LOC = "sitemap entry without <loc>"

ENTRY_NAMES = frozenset({"url", "sitemap"})
_CLOSED = re.compile(rb"</(?:[\w.-]+:)?(?:urlset|sitemapindex)\s*>\s*$")


@dataclass(slots=True, frozen=True)
class SitemapEntry:
    """One ``<url>`` of a urlset, with its Google News metadata when present."""

    loc: str
    lastmod: datetime | None = None
    title: str | None = None
    """``news:title``"""
    published: datetime | None = None
    """``news:publication_date``"""
    publication: str | None = None
    """``news:publication/news:name``"""
    language: str | None = None

    @property
    def date(self) -> datetime | None:
        """The best date for age filtering: publication date, else last modification."""
        return self.published or self.lastmod


@dataclass(slots=True)
class Sitemap:
    """A parsed sitemap: child sitemap URLs (an index) or page entries (a urlset)."""

    url: str
    kind: str | None = None
    """``index`` | ``urlset`` | None when unreadable"""
    sitemaps: list[str] = field(default_factory=list)
    entries: list[SitemapEntry] = field(default_factory=list)
    error: str | None = None
    rejected: Counter[str] = field(default_factory=Counter)
    """Entries (``<url>`` or ``<sitemap>``) not used, by reason."""
    dropped: int = 0
    """Entries read but turned down by the caller's ``keep`` (never kept in memory)."""


def parse_sitemap(
    body: bytes,
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    keep: Callable[[SitemapEntry], bool] | None = None,
) -> Sitemap:
    """Parse a sitemap held in memory: :func:`read_sitemap`'s parts as one sitemap."""
    parts = read_sitemap(io.BytesIO(body), url, max_bytes=max_bytes, keep=keep)
    sitemap = next(parts)
    for part in parts:
        sitemap.sitemaps.extend(part.sitemaps)
        sitemap.entries.extend(part.entries)
        sitemap.rejected.update(part.rejected)
        sitemap.dropped += part.dropped
    return sitemap


def read_sitemap(
    document: IO[bytes],
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    keep: Callable[[SitemapEntry], bool] | None = None,
    batch: int = BATCH_ENTRIES,
) -> Iterator[Sitemap]:
    """Read a sitemap index or urlset (optionally gzip-compressed) from a file, in parts.

    Args:
        document: the body as served, a seekable file at its start.
        url: the sitemap URL (for messages).
        max_bytes: refuse to decompress beyond this many bytes.
        keep: which urlset entries to keep (e.g. recent enough); the others are counted in
            :attr:`Sitemap.dropped` as they are read, not kept.
        batch: at most this many entries (or child sitemaps) per part.

    Returns:
        The sitemap's parts, each with its ``kind`` and its share of entries, child sitemaps
        and counts; a sitemap that cannot be read is one part whose ``error`` says why.
    """
    head = document.read(2)
    document.seek(-len(head), io.SEEK_CUR)
    decoded = None
    if head == b"\x1f\x8b":
        try:
            decoded = document = decode(document, b"gzip", max_bytes)
        except ValueError as exc:
            yield Sitemap(url=url, error=f"cannot decompress gzip sitemap: {exc}")
            return
    try:
        start = skip_space(document)
        if well_formed(document):
            document.seek(start)
            yield from _stream(document, url, keep, batch)
        else:
            document.seek(start)
            yield _recover(document.read(), url, keep)
    finally:
        if decoded is not None:
            decoded.close()


def _recover(body: bytes, url: str, keep: Callable[[SitemapEntry], bool] | None) -> Sitemap:
    """Read a sitemap that is not well-formed as far as it goes (see the module docstring)."""
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        return Sitemap(url=url, error=f"not a sitemap: {exc}")
    if root is None:
        return Sitemap(url=url, error="not a sitemap: the document has no XML content")
    name = etree.QName(root).localname
    if name not in ("sitemapindex", "urlset"):
        return Sitemap(url=url, error=f"not a sitemap: root element is <{name}>")
    nodes = list(_children(root, "sitemap" if name == "sitemapindex" else "url"))
    sitemap = Sitemap(url=url, kind="index" if name == "sitemapindex" else "urlset")
    if parser.error_log:
        complete, broken = _strict_extent(body)
        if broken is not None and broken < len(nodes):
            sitemap.rejected[REJECT_BROKEN] += 1
        truncated = not _CLOSED.search(body[-256:])
        if truncated and len(nodes) - 1 > max(complete - 1, broken if broken is not None else -1):
            sitemap.rejected[REJECT_BROKEN] += 1
            broken_last = len(nodes) - 1
        else:
            broken_last = None
        nodes = [n for i, n in enumerate(nodes) if i not in (broken, broken_last)]
    for node in nodes:
        _add(sitemap, node, keep)
    if not sitemap.sitemaps and not sitemap.entries and parser.error_log:
        first = parser.error_log[0]
        sitemap.error = f"malformed sitemap: {first.message} (line {first.line})"
    return sitemap


def _stream(
    document: IO[bytes], url: str, keep: Callable[[SitemapEntry], bool] | None, batch: int
) -> Iterator[Sitemap]:
    """Read a well-formed sitemap entry by entry, each freed once read; a part every ``batch``
    entries kept (or child sitemaps), and one at the end."""
    events = etree.iterparse(
        document,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
    )
    part: Sitemap | None = None
    depth = 0
    for event, element in events:
        if event == "start":
            depth += 1
            if part is None:
                name = etree.QName(element).localname
                if name not in ("sitemapindex", "urlset"):
                    yield Sitemap(url=url, error=f"not a sitemap: root element is <{name}>")
                    return
                kind = "index" if name == "sitemapindex" else "urlset"
                wanted = "sitemap" if kind == "index" else "url"
                part = Sitemap(url=url, kind=kind)
            continue
        depth -= 1
        if depth != 1:
            continue
        if isinstance(element.tag, str) and etree.QName(element).localname == wanted:
            _add(part, element, keep)
            if len(part.entries) + len(part.sitemaps) >= batch:
                yield part
                part = Sitemap(url=url, kind=kind)
        element.clear()  # read: free it, and the siblings before it
        while element.getprevious() is not None:
            del element.getparent()[0]
    if part is not None:
        yield part


def _add(
    sitemap: Sitemap, node: etree._Element, keep: Callable[[SitemapEntry], bool] | None
) -> None:
    """One ``<sitemap>`` of an index or ``<url>`` of a urlset: kept, dropped or rejected."""
    if sitemap.kind == "index":
        loc = _text(node, "loc")
        if loc:
            sitemap.sitemaps.append(loc)
        else:
            sitemap.rejected[REJECT_NO_LOC] += 1
        return
    entry = _entry(node)
    if entry is None:
        sitemap.rejected[REJECT_NO_LOC] += 1
    elif keep is None or keep(entry):
        sitemap.entries.append(entry)
    else:
        sitemap.dropped += 1


def _strict_extent(body: bytes) -> tuple[int, int | None]:
    """Read ``body`` strictly up to its first XML error: how many entries were complete before
    it, and the index of the entry the error is in (None when it is between entries)."""
    parser = etree.XMLPullParser(
        events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=False
    )
    with contextlib.suppress(etree.XMLSyntaxError):
        parser.feed(body)
    # only what the body itself closes: at close(), libxml2 2.14 ends a cut-off entry for us
    events = list(parser.read_events())
    complete, depth, inside = 0, 0, False
    for event, element in events:
        depth += 1 if event == "start" else -1
        if not isinstance(element.tag, str) or etree.QName(element).localname not in ENTRY_NAMES:
            continue
        if event == "start" and depth == 2:
            inside = True
        elif event == "end" and depth == 1:
            inside, complete = False, complete + 1
    return complete, (complete if inside else None)


def _entry(node: etree._Element) -> SitemapEntry | None:
    loc = _text(node, "loc")
    if not loc:
        return None
    news = next(_children(node, "news"), None)
    publication = next(_children(news, "publication"), None) if news is not None else None
    return SitemapEntry(
        loc=loc,
        lastmod=_date(_text(node, "lastmod")),
        title=plain_line(_text(news, "title"), max_chars=MAX_TITLE_CHARS)
        if news is not None
        else None,
        published=_date(_text(news, "publication_date")) if news is not None else None,
        publication=plain_line(_text(publication, "name"), max_chars=MAX_NAME_CHARS)
        if publication is not None
        else None,
        language=_text(publication, "language") if publication is not None else None,
    )


def _children(node: etree._Element, localname: str) -> Iterator[etree._Element]:
    return (
        child
        for child in node
        if isinstance(child.tag, str) and etree.QName(child).localname == localname
    )


def _text(node: etree._Element, localname: str) -> str | None:
    """The text of ``node``'s first ``localname`` child, whitespace collapsed.

    All of it: a declared entity is left unresolved (``resolve_entities=False``: no XXE, no
    billion laughs) and splits the text around its reference node, which is dropped.
    """
    child = next(_children(node, localname), None)
    if child is None:
        return None
    text = etree.tostring(child, method="text", encoding="unicode", with_tail=False)
    return " ".join(text.split()) or None


def _date(value: str | None) -> datetime | None:
    """W3C datetime (``2020-05-11``, ``2020-05-11T09:00:01Z``, with offsets) as aware UTC."""
    if not value:
        return None
    try:
        parsed = isoparse(value)
    except (ValueError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
