"""OPML 2.0 export and import of sources (``sinowatch sources export|import``).

Export writes one ``<outline>`` per source: ``text``/``title`` (its name), ``type="rss"`` with
``xmlUrl`` for a feed, ``type="link"`` with ``htmlUrl`` for a sitemap or listing page,
``language``, and every other setting the source gives as a ``sinowatch:*`` attribute (``id``,
``kind``, ``schedule``, ``link_selector``…), so that importing the file gives the same sources
back. A source with several URLs becomes an outline holding one child outline per URL: feed
readers import each feed, sinowatch imports one source.

Import reads any OPML file (a feed reader's export too: folders are walked, each feed becomes a
source with an id made from its title) into source settings, validated like the config. Every
outline is counted: imported, or skipped with a reason (duplicate id, duplicate URL, no URL,
invalid). The file is untrusted: at most :data:`MAX_OPML_BYTES`, no DTD (so no entities: no
XXE, no billion laughs), no network, at most :data:`MAX_OUTLINES` outlines.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from pydantic import ValidationError

from alerts.rules import duration_text
from crawler.config import SourceSettings
from sinowatch.config.errors import plain_message

NAMESPACE = "https://github.com/sinowatch/sinowatch/opml"
"""The namespace of the ``sinowatch:*`` outline attributes."""
MAX_OPML_BYTES = 5 * 1024 * 1024
MAX_OUTLINES = 10_000
STRUCTURED = frozenset({"schedule", "allowed_domains"})
"""Settings written as JSON in their attribute (the others are plain text)."""
_OUTLINE_ATTRIBUTES = frozenset({"id", "name", "url", "urls", "kind", "language"})
"""Settings carried by the outline itself rather than a ``sinowatch:*`` attribute."""
_FEED_TYPES = frozenset({"rss", "atom", "feed"})


class OpmlError(ValueError):
    """The file is not an OPML document sinowatch will read (too large, malformed, a DTD)."""


# -- export --------------------------------------------------------------------------------------


def export_opml(sources: Iterable[SourceSettings], *, title: str = "sinowatch sources") -> bytes:
    """An OPML 2.0 document of ``sources`` (UTF-8, with an XML declaration)."""
    root = etree.Element("opml", version="2.0", nsmap={"sinowatch": NAMESPACE})
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = etree.SubElement(root, "body")
    for source in sources:
        outline = etree.SubElement(body, "outline", _source_attributes(source))
        if len(source.all_urls) > 1:
            for url in source.all_urls:
                etree.SubElement(outline, "outline", _url_attributes(source, url))
        else:
            outline.attrib.update(_url_attributes(source, source.all_urls[0]))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _source_attributes(source: SourceSettings) -> dict[str, str]:
    attributes = {"text": source.name, "title": source.name}
    if source.language:
        attributes["language"] = source.language
    attributes[_qualified("id")] = source.id
    attributes[_qualified("kind")] = source.kind
    settings = source.model_dump(exclude_defaults=True, exclude=set(_OUTLINE_ATTRIBUTES))
    for name, value in settings.items():
        attributes[_qualified(name)] = _attribute_text(name, value)
    return attributes


def _url_attributes(source: SourceSettings, url: str) -> dict[str, str]:
    if source.kind == "feed":
        return {"type": "rss", "text": source.name, "xmlUrl": url}
    return {"type": "link", "text": source.name, "htmlUrl": url}


def _attribute_text(name: str, value: Any) -> str:
    """A setting as the config would write it; :data:`STRUCTURED` ones as JSON."""
    plain = _config_value(value)
    if name in STRUCTURED:
        return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    return plain if isinstance(plain, str) else json.dumps(plain)


def _config_value(value: Any) -> Any:
    """Durations as ``2d``/``30m``; nested settings without their defaults' None values."""
    if isinstance(value, timedelta):
        return duration_text(value)
    if isinstance(value, dict):
        return {key: _config_value(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_config_value(item) for item in value]
    return value


def _qualified(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


# -- import --------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """The sources read from an OPML file and every outline skipped, with its reason."""

    sources: list[SourceSettings] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    """``(outline label, reason, detail)``: the reason is a short category that is counted."""

    def skip_counts(self) -> Counter[str]:
        return Counter(reason for _, reason, _ in self.skipped)


def import_opml(data: bytes, existing: Mapping[str, Iterable[SourceSettings]]) -> ImportResult:
    """The sources an OPML document adds to ``existing`` (a duplicate id or URL is skipped).

    ``existing`` maps where sources are (``configured``, ``in sources.yaml``) to the sources.

    Raises:
        OpmlError: too large, not well-formed XML, a DTD, not ``<opml>``, too many outlines.
    """
    root = _parse(data)
    taken_ids: dict[str, str] = {}
    taken_urls: dict[str, str] = {}
    for where, sources in existing.items():
        for source in sources:
            taken_ids.setdefault(source.id, f"is already {where}")
            taken_urls.update(dict.fromkeys(source.all_urls, source.id))
    result = ImportResult()
    for number, outline in enumerate(_source_outlines(root), start=1):
        label = f"outline {number} {outline.get('text') or outline.get('title') or ''!r}"
        try:
            source = _outline_source(outline)
        except _Skip as skip:
            result.skipped.append((label, skip.reason, skip.detail))
            continue
        id_was_given = outline.get(_qualified("id")) is not None
        if not id_was_given:
            source = source.model_copy(update={"id": _free_id(source.id, taken_ids)})
        if source.id in taken_ids:
            detail = f"{source.id!r} {taken_ids[source.id]}"
            result.skipped.append((label, "duplicate id", detail))
            continue
        if clash := next((url for url in source.all_urls if url in taken_urls), None):
            detail = f"{clash} is already the url of source {taken_urls[clash]!r}"
            result.skipped.append((label, "duplicate url", detail))
            continue
        taken_ids[source.id] = "comes from an earlier outline"
        taken_urls.update(dict.fromkeys(source.all_urls, source.id))
        result.sources.append(source)
    return result


def sources_yaml_data(sources: Iterable[SourceSettings]) -> dict[str, list[dict[str, Any]]]:
    """``{"sources": [...]}`` as a config file writes them (what ``include:`` reads back)."""
    items = []
    for source in sources:
        item: dict[str, Any] = {"id": source.id, "name": source.name, "kind": source.kind}
        urls = source.all_urls
        if len(urls) == 1:
            item["url"] = urls[0]
        else:
            item["urls"] = urls
        rest = source.model_dump(
            exclude_defaults=True, exclude={"id", "name", "kind", "url", "urls"}
        )
        item.update({key: _config_value(value) for key, value in rest.items()})
        items.append(item)
    return {"sources": items}


class _Skip(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _parse(data: bytes) -> etree._Element:
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"larger than {MAX_OPML_BYTES // (1024 * 1024)} MB")
    options = {"resolve_entities": False, "no_network": True, "huge_tree": False}
    try:
        # the prolog is read up to the root element's start: refuse a DTD before any entity use
        for _, first in etree.iterparse(io.BytesIO(data), events=("start",), **options):
            if first.getroottree().docinfo.doctype:
                raise OpmlError(_DTD_REFUSED)
            break
        root = etree.fromstring(data, etree.XMLParser(load_dtd=False, **options))
    except etree.XMLSyntaxError as exc:
        if _declares_a_dtd(data, options):  # libxml2 2.14 stops at an entity in the root's start
            raise OpmlError(_DTD_REFUSED) from None
        raise OpmlError(f"not well-formed XML: {exc}") from None
    if root.tag != "opml":
        raise OpmlError(f"the root element is <{root.tag}>, not <opml>")
    if sum(1 for _ in root.iter("outline")) > MAX_OUTLINES:
        raise OpmlError(f"more than {MAX_OUTLINES} outlines")
    return root


_DTD_REFUSED = "declares a DTD (<!DOCTYPE …>): refused, an OPML file needs none"


def _declares_a_dtd(data: bytes, options: dict[str, bool]) -> bool:
    """Whether a file that is not well-formed declares a DTD, read as far as it goes (no
    entity resolved, nothing loaded)."""
    parser = etree.XMLParser(recover=True, load_dtd=False, **options)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return False
    return root is not None and bool(root.getroottree().docinfo.doctype)


def _source_outlines(root: etree._Element) -> Iterator[etree._Element]:
    """Outlines that are sources: folders (no URL, not a sinowatch source) are walked into."""
    body = root.find("body")
    pending = list(body.iterchildren("outline")) if body is not None else []
    while pending:
        outline = pending.pop(0)
        is_folder = outline.get(_qualified("kind")) is None and _own_url(outline) is None
        if is_folder and len(outline):
            pending[:0] = outline.iterchildren("outline")
        else:
            yield outline


def _own_url(outline: etree._Element) -> str | None:
    return outline.get("xmlUrl") or outline.get("htmlUrl") or outline.get("url")


def _outline_source(outline: etree._Element) -> SourceSettings:
    """The source an outline describes (its URL, or its children's for a multi-URL source)."""
    urls = [url for url in (_own_url(outline),) if url] or [
        url for child in outline.iterchildren("outline") if (url := _own_url(child))
    ]
    if not urls:
        raise _Skip("no url", "neither xmlUrl nor htmlUrl")
    name = (outline.get("title") or outline.get("text") or "").strip() or urlsplit(urls[0]).netloc
    data: dict[str, Any] = {
        "id": _slug(name) or _slug(urlsplit(urls[0]).netloc + urlsplit(urls[0]).path),
        "name": name,
        "kind": _kind(outline),
    }
    if outline.get("language"):
        data["language"] = outline.get("language")
    for qualified, value in outline.attrib.items():
        namespace, _, local = qualified.lstrip("{").partition("}")
        if namespace != NAMESPACE:
            continue
        try:
            data[local] = json.loads(value) if local in STRUCTURED else value
        except json.JSONDecodeError:
            raise _Skip("invalid", f"sinowatch:{local}: not JSON") from None
    if len(urls) == 1:
        data["url"] = urls[0]
    else:
        data["urls"] = urls
    try:
        return SourceSettings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, error['loc'])) or 'outline'}: {plain_message(error['msg'])}"
            for error in exc.errors()
        )
        raise _Skip("invalid", problems) from None


def _kind(outline: etree._Element) -> str:
    """A sinowatch outline says its kind; otherwise a feed when it has an xmlUrl or feed type."""
    given = outline.get(_qualified("kind"))
    if given:
        return given
    feedish = outline.get("xmlUrl") or (outline.get("type") or "").lower() in _FEED_TYPES
    return "feed" if feedish else "listing"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _free_id(wanted: str, taken: dict[str, str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… for an id made up from a title."""
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate
