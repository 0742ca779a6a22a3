"""The text boundary: whatever text enters from outside becomes plain text here, once.

Feed titles, summaries and author names, sitemap news titles, page headlines and extracted article
text all pass :func:`plain_text` before they are stored, scored, matched or sent. The result holds
no markup (tags removed, ``script``/``style``/``noscript``/``template`` content dropped), no
entities (decoded; a double-escaped ``&amp;lt;b&amp;gt;`` as well, up to :data:`MAX_UNESCAPE`
levels), no control characters, bidi overrides, byte-order marks or unpaired surrogates; its
whitespace is collapsed and it has at most ``max_chars`` characters. Every output then escapes
that plain text for its own format (HTML in the mail's HTML part, RFC 2047 in mail headers, JSON
in payloads).

Markup is parsed by lxml's HTML parser, never matched with regular expressions. Text without
``<`` or ``&`` skips the parser (the common case for extracted article text).
"""

from __future__ import annotations

import re

from lxml import etree, html

MAX_TITLE_CHARS = 1_000
"""Headlines (feed, sitemap, page) and feed titles."""
MAX_NAME_CHARS = 200
"""Author and publication names."""
MAX_SUMMARY_CHARS = 10_000
"""Feed summaries and page descriptions."""
MAX_TEXT_CHARS = 1_000_000
"""Extracted article text (real articles are far below: 2–50 thousand characters)."""

MAX_UNESCAPE = 8
"""Markup/entity levels undone (each level is one parse; parsing stops as soon as a level changes
nothing): a feed that escapes its HTML twice or thrice still yields plain text."""

RAW_CHARS_PER_CHAR = 8
"""Input beyond ``max_chars`` times this (plus a little) is not parsed at all: markup rarely
takes more than a few characters per character of text, and the parser's work stays bounded."""

DROPPED_ELEMENTS = ("script", "style", "noscript", "template")
"""Elements whose content is code or a fallback, never text a reader sees."""

BLOCK_ELEMENTS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody"),
        *("td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
"""Elements that end a line: ``<p>a</p><p>b</p>`` reads "a b" (or two lines), never "ab"."""

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates (LRE RLE PDF LRO RLO LRI RLI FSI PDI): they can reorder
what a reader sees ("Trojan Source"), so they never pass."""

_DROPPED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff" + "".join(BIDI_CONTROLS) + "]"
)
"""Control characters but tab and line breaks (Unicode category Cc: U+0000–001F, U+007F–009F),
lone surrogates (Cs), the byte-order mark and :data:`BIDI_CONTROLS`; private-use characters stay
(GB18030 text uses them). One regex: a per-character category lookup cost a fifth of extraction."""

_ASCII_DROPPED = {code: None for code in range(128) if _DROPPED.match(chr(code))}
"""The ASCII characters of :data:`_DROPPED`, as a table for ``str.translate`` (which deletes them
from ASCII text at a sixth of the regex's cost)."""

_PARSER = html.HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, recover=True
)


def plain_text(value: object, *, max_chars: int, multiline: bool = False) -> str:
    """``value`` as plain text: see the module docstring for what that means.

    Args:
        value: text from outside, possibly carrying HTML markup or entities; anything but a
            string (None, a parser's odd value) reads as "".
        max_chars: the result is cut to this many characters (at a space when one is near).
        multiline: keep line breaks (paragraphs of article text: runs of spaces collapse within
            each line, blank lines are dropped); otherwise the result is one line.
    """
    if not isinstance(value, str) or not value:
        return ""
    text = _without_controls(value[: max_chars * RAW_CHARS_PER_CHAR + 1024])
    for _ in range(MAX_UNESCAPE):
        if "<" not in text and "&" not in text:
            break
        parsed = _without_controls(_markup_text(text))
        if _collapse(parsed, multiline) == _collapse(text, multiline):
            break
        text = parsed
    return _bound(_collapse(text, multiline), max_chars)


def plain_line(value: object, *, max_chars: int) -> str | None:
    """:func:`plain_text` on one line, None when nothing is left (optional metadata fields)."""
    return plain_text(value, max_chars=max_chars) or None


def _markup_text(value: str) -> str:
    """The text a browser would show for ``value`` read as an HTML fragment."""
    document = b"<html><body><div>" + value.encode("utf-8") + b"</div></body></html>"
    try:
        root = etree.fromstring(document, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return value
    if root is None:
        return value
    for node in root.iter(*DROPPED_ELEMENTS):
        node.drop_tree()
    body = root.find("body")
    return _text_of(body if body is not None else root)


def _text_of(root: etree._Element) -> str:
    parts: list[str] = []
    for event, node in etree.iterwalk(root, events=("start", "end")):
        block = isinstance(node.tag, str) and node.tag.lower() in BLOCK_ELEMENTS
        if event == "start":
            if block:
                parts.append("\n")
            if isinstance(node.tag, str) and node.text:
                parts.append(node.text)
        else:
            if block:
                parts.append("\n")
            if node is not root and node.tail:
                parts.append(node.tail)
    return "".join(parts)


def _without_controls(value: str) -> str:
    """Drop control and format characters that hide or reorder text; tabs and line breaks stay
    (they are whitespace, collapsed later)."""
    if value.isascii():
        return value if value.isprintable() else value.translate(_ASCII_DROPPED)
    return _DROPPED.sub("", value)


def _collapse(value: str, multiline: bool) -> str:
    if not multiline:
        return " ".join(value.split())
    if is_collapsed(value.replace("\n", " ")):  # single line breaks between collapsed lines
        return value
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def is_collapsed(line: str) -> bool:
    """True when ``" ".join(line.split())`` is ``line`` itself: printable (every space but U+0020
    and every line break is not), no runs of spaces and none at its ends. Told by a few searches
    in C instead of splitting into words: most lines of extracted text (trafilatura trims them)."""
    return (
        line.isprintable()
        and "  " not in line
        and not line.startswith(" ")
        and not line.endswith(" ")
    )


def _bound(value: str, max_chars: int) -> str:
    """Cut to ``max_chars``, at the last space of the final tenth when there is one."""
    if len(value) <= max_chars:
        return value
    cut = value[:max_chars]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space >= max_chars * 9 // 10:
        cut = cut[:space]
    return cut.rstrip()
