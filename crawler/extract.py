"""Article text and metadata from HTML.

trafilatura does the heavy lifting (``favor_precision``: measured median token F1 0.99 on the
shared corpus). Around it this module adds what a news pipeline needs:

- robust decoding of raw bytes (BOM, declared charset, ``<meta charset>``, then detection with
  charset-normalizer; GB2312 is read as its superset GB18030, ISO-8859-1 as windows-1252);
- metadata trafilatura leaves out or flattens: the page's canonical URL, a timezone-aware
  publication time from ``article:published_time`` / JSON-LD, the page language;
- a headline without the ``| Site name`` suffix of ``<title>``;
- a last pass over the text that drops boilerplate lines trafilatura keeps: cookie and
  consent notices, "Related" / "Read more" blocks, one-line teasers ("Related: …", "See also:
  …", and in the beat's other languages: "Lire aussi : …", "Mehr zum Thema: …", "Читайте
  также: …", 関連記事：…, 관련기사: …) anywhere in the text, bare timestamps such as ``06:19``,
  share-widget and comment-widget labels (the patterns are the ``*_LINE``, ``RELATED_*`` and
  ``TEASER_LINE`` constants below);
- lines that are items of a list whose every item is mostly a link (related-article teasers,
  sidebars, navigation inside the article's container) are dropped too.
- the text boundary: headline, authors, description and text leave as plain text
  (:func:`crawler.plaintext.plain_text`), the feed's metadata in the fallback as well.

:func:`extract_page` is the pipeline's entry point; it never raises and falls back to the
feed's own metadata (``partial=True``) when the page is missing or yields nothing.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import charset_normalizer
import lxml.html
from dateutil import parser as dateparser
from dateutil.tz import tzoffset
from lxml.etree import (
    ElementDefaultClassLookup,
    ElementNamespaceClassLookup,
    HTMLParser,
    LxmlError,
    strip_elements,
    tostring,
)
from lxml.html import HtmlElement
from w3lib.encoding import html_body_declared_encoding, html_to_unicode

from crawler import prunepaths
from crawler.bylines import find_author
from crawler.plaintext import (
    MAX_NAME_CHARS,
    MAX_SUMMARY_CHARS,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    is_collapsed,
    plain_line,
    plain_text,
)
from crawler.records import ExtractedArticle, FetchedPage

if TYPE_CHECKING:
    from trafilatura.settings import Document

log = logging.getLogger(__name__)

MAX_PAGE_CHARS = 8_000_000
"""Pages longer than this (after decoding) are not parsed: real article pages are < 2 MB."""

MIN_YEAR = 1990
"""Publication dates before this are placeholders, not dates."""

MIN_TEXT_CHARS = 25
"""Shorter extracted text counts as nothing usable."""

TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " -- ", " :: ", "_", "-")
"""Separators between a headline and the site name in ``<title>``/``og:title``."""

PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "date",
)
"""``<meta property|name|itemprop>`` keys holding a publication time, best first."""

LANGUAGE_META = ("content-language", "og:locale", "dc.language", "language")

UNREAD_ELEMENTS = ("style", "svg", "noscript", "iframe")
"""Elements trafilatura deletes, content and all, before it looks for the text (its
``MANUALLY_CLEANED``), taken out of the tree before it is handed over, with scripts other than
JSON-LD (trafilatura reads JSON-LD to tell forum threads): a fifth of a page's elements that
each of its XPath passes and tree copies would walk. The text extracted is the same on every
corpus page (``tests/test_extract.py`` checks that they are in ``MANUALLY_CLEANED``)."""

HEAD_METADATA = ("meta", "link", "title", "base")
"""Elements of ``<head>`` that only the metadata search reads, taken out before trafilatura
extracts the text: it deletes ``<head>`` when it cleans the tree (``MANUALLY_CLEANED``) but
copies and walks it in the passes before, and its other readers of the raw tree (readability,
the baseline) read the body and the JSON-LD. A fifteenth of a corpus page's elements; the text
extracted is the same on every corpus page."""

# --- boilerplate lines --------------------------------------------------------------------
# A line is dropped when it matches one of these (case-insensitive, whole line).
TIMESTAMP_LINE = re.compile(
    r"^(?:(?:updated|published|posted)[:\s]+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s+[A-Z]{2,5})?$",
    re.IGNORECASE,
)
WIDGET_LINE = re.compile(
    r"^(?:advertisement|advert|sponsored|share|share this(?: article| story)?|tweet|email|"
    r"copy link|link copied|print|comments?|\d+ comments?|comments are closed\.?|"
    r"join (?:our|the) (?:commenting forum|conversation)|show comments|view comments|"
    r"loading.{0,30}\.\.\.|\d+\s*min(?:ute)?s? read|tempo de leitura:?.*|"
    r"share (?:on|via) \w+|follow (?:us|\w+(?: \w+)?) on .{0,60}|sign up for .{0,80}newsletter.*|"
    r"subscribe(?: now| today)?|log in or create an account to continue\.?|"
    r"(?:and )?javascript\.?|listen to this article|skip (?:to )?(?:main )?content)$",
    re.IGNORECASE,
)
CONSENT_LINE = re.compile(
    r"\b(?:we use cookies|uses cookies|cookie (?:policy|settings|preferences)|accept (?:all )?"
    r"cookies|by submitting this form|personal data will|revoke this consent|"
    r"data protection policy|privacy policy|browser version with limited support|"
    r"compatibility mode|without styles and javascript|displaying the site without styles|"
    r"enable javascript|ad blocker)\b",
    re.IGNORECASE,
)
CONSENT_WORDS = (
    "cookie",
    "by submitting this form",
    "personal data will",
    "revoke this consent",
    "privacy policy",
    "data protection policy",
    "browser version with limited support",
    "compatibility mode",
    "without styles",
    "enable javascript",
    "ad blocker",
)
"""Words that every match of :data:`CONSENT_LINE` holds, lower-cased: a text holding none of them
is not searched with the pattern (an alternation of phrases after ``\b``, which the regex engine
tries at every character: 0.1 µs each, a tenth of a generated bench page's analysis)."""
ASCII_CASE_FOLD = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
"""The characters other than ASCII letters that an ASCII letter matches under ``re.IGNORECASE``
(İ ı ſ K; ``tests/test_extract.py`` checks all of Unicode), as that letter: ``str.lower`` alone
leaves ı and ſ, and turns İ into two characters."""
_RELATED_LABEL = (
    r"(?:related(?: articles?| stories| coverage| content| news| reading)?|read more|"
    r"more (?:must-reads|stories|news|on this story|from [\w .'’]{1,40})|most read(?: in [\w ]+)?|"
    r"most popular|recommended(?: for you| stories)?|you (?:may|might) also (?:like|be interested"
    r" in)|don'?t miss|also read|read also|see also|trending(?: now)?|editor'?s picks|top stories|"
    r"相关(?:新闻|阅读|文章)|延伸阅读|推荐阅读|"
    r"relacionad[oa]s?|noticias relacionadas|lee también|ver también|lire aussi|à lire aussi|"
    r"voir aussi|sur le même sujet|mehr zum thema|lesen sie auch|auch interessant|leggi anche|"
    r"articoli correlati|potrebbe interessarti|читайте также|смотрите также|по теме|"
    r"相關(?:新聞|閱讀|文章)|延伸閱讀|推薦閱讀|関連記事|関連ニュース|あわせて読みたい|"
    r"관련\s?기사|함께 보면 좋은 기사)"
)
RELATED_HEADER = re.compile(rf"^{_RELATED_LABEL}[:：\s]*$", re.IGNORECASE)
"""The header of a related-links block: it and the headline-like lines after it are dropped."""
RELATED_TEASER = re.compile(rf"^{_RELATED_LABEL}\s*[:：]\s*(?P<headline>\S.*)$", re.IGNORECASE)
"""A one-line teaser anywhere in the text: "Related: Taiwan chipmakers weigh new rules"."""
CARD_HEADINGS = ("h2", "h3", "h4")
"""Headings that, inside a list item or an ``<article>``, head a teaser card when they are a
link (see :func:`_teaser_cards`)."""
MAX_CARD_CHARS = 700
"""A teaser card holds a headline, a summary of a sentence or two and a byline."""
MAX_TEASER_CHARS = 160
MIN_LINK_LIST_ITEMS = 2
LINK_SHARE = 0.5
"""A list item is a teaser link when at least this share of its text is link text."""
_SENTENCE_END = re.compile(r"[.!?。！？]\s")
TEASER_LINE = re.compile(r"^(?:[-•*·]\s+.+|.{0,160}\[[A-Z]{3,12}\]\|?)$")
"""A headline in a link list: a bullet item, or a tabloid teaser tagged ``[INSIGHT]``."""


class ExtractionError(Exception):
    """Nothing usable could be extracted from a page (the message says why)."""


def decode_html(raw: bytes, encoding: str | None = None) -> str:
    """Decode page bytes: BOM, the given (HTTP) charset, ``<meta charset>``, then detection.

    A declared charset that leaves replacement characters behind (a page that lies about its
    encoding) is retried with detection.
    """
    if raw.isascii():
        return raw.decode("ascii")
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Valid UTF-8 with non-ASCII bytes is practically never a legacy encoding, whatever
        # the page declares (pages re-saved as UTF-8 often keep an old gb2312 <meta>).
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    header = f"text/html; charset={encoding}" if encoding else None
    _, text = html_to_unicode(header, raw, auto_detect_fun=_detect_encoding)
    declared = encoding or html_body_declared_encoding(raw)
    if declared and text.count("\ufffd") > max(3, len(text) // 1000):
        detected = _detect_encoding(raw)
        if detected:
            text = raw.decode(detected, errors="replace")
    return text


def _detect_encoding(raw: bytes) -> str | None:
    best = charset_normalizer.from_bytes(raw[:200_000]).best()
    return best.encoding if best else None


REPAIRED_CHARS = 4096
"""The page's start that trafilatura's ``repair_faulty_html`` is given (see :func:`_load_html`),
to the end of its line: it mends a DOCTYPE on the first line and a self-closing ``<html/>`` in
the first four lines of the first 4,096 characters."""
FORM_ELEMENT_CLASSES = {
    "form": lxml.html.FormElement,
    "input": lxml.html.InputElement,
    "select": lxml.html.SelectElement,
    "textarea": lxml.html.TextareaElement,
    "label": lxml.html.LabelElement,
}
"""The elements lxml.html gives a class of their own (its ``HtmlElementClassLookup``)."""
XML_INVALID_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
"""The control characters XML forbids (trafilatura's ``INVALID_XML_CHARS`` below U+0020). In
UTF-8 they are single bytes that no multi-byte sequence contains."""
XML_INVALID_UTF8 = ("\ufffe".encode(), "\uffff".encode())
"""The rest of ``INVALID_XML_CHARS``, in UTF-8."""


def _html_parser() -> HTMLParser:
    """trafilatura's HTML parser (``trafilatura.utils.HTML_PARSER``: the same options and element
    classes) with a class lookup in C: lxml.html's, in Python, runs every time Python code gets
    hold of an element (~4,400 times a page in trafilatura's passes: 5 % of extraction)."""
    lookup = ElementNamespaceClassLookup(
        ElementDefaultClassLookup(
            element=HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    lookup.get_namespace(None).update(FORM_ELEMENT_CLASSES)
    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    parser.set_element_class_lookup(lookup)
    return parser


PARSER = _html_parser()


def _load_html(text: str) -> HtmlElement | None:
    """``trafilatura.load_html(text)``: the same tree (checked on every corpus page), for ~80 %
    of the cost.

    trafilatura repairs the whole decoded page with regexes (a scan of every character, a third
    of its ``load_html``) and parses it as a Python string, which libxml2 converts to UTF-8
    first. Here only the page's start goes through ``repair_faulty_html`` (all it mends is
    there), the forbidden control characters leave the UTF-8 bytes by ``bytes.translate``, and
    the bytes are parsed with trafilatura's parser options (:data:`PARSER`). As in trafilatura,
    a parse that fails, or a single block without ``html`` at the start, is not a page (None).
    """
    from trafilatura.utils import repair_faulty_html

    beginning = text[:50].lower()
    # whole lines: it splits off the first line, and would add a line break to a cut one
    newline = text.find("\n", REPAIRED_CHARS)
    end = len(text) if newline == -1 else newline + 1
    head = repair_faulty_html(text[:end], beginning)
    data = (head + text[end:]).encode("utf-8", "surrogatepass")
    data = data.translate(None, XML_INVALID_BYTES)
    for invalid in XML_INVALID_UTF8:
        if invalid in data:
            data = data.replace(invalid, b"")
    try:
        tree = lxml.html.fromstring(data, parser=PARSER)
    except (ValueError, LxmlError) as exc:
        log.debug("lxml could not parse the page: %r", exc)
        return None
    return None if "html" not in beginning and len(tree) < 2 else tree


def extract_article(
    html: bytes | str, url: str, *, encoding: str | None = None
) -> ExtractedArticle:
    """Extract text, headline, authors, publication time, language and canonical URL.

    Args:
        html: the page as served (bytes, decoded here) or already decoded text.
        url: the URL the page was served from; relative links resolve against it.
        encoding: the charset from the HTTP ``Content-Type`` header, when known.

    Raises:
        ExtractionError: the page is empty, too large, not HTML, or holds no article text.
    """
    import trafilatura  # ~0.25 s to import: only where pages are extracted, not for the matcher

    prunepaths.install()

    text = decode_html(html, encoding) if isinstance(html, bytes) else html
    if not text.strip():
        raise ExtractionError("the page is empty")
    if len(text) > MAX_PAGE_CHARS:
        raise ExtractionError(
            f"the page has {len(text):,} characters, over the {MAX_PAGE_CHARS:,} limit "
            "for extraction"
        )
    tree = _load_html(text)
    if tree is not None and tree.find(".//body") is None:
        # A page without <html>/<body> (a fragment, or markup wrapped in an unknown element):
        # lxml's document parser puts it in a body, as browsers do.
        tree = lxml.html.document_fromstring(text)
    if tree is None or tree.find(".//body") is None:
        raise ExtractionError("the page is not HTML (no document body could be parsed)")
    meta = _page_metadata(tree, url)
    teasers = _link_list_items(tree) | _teaser_cards(tree, url)
    _drop_unread(tree)
    doc = _document_metadata(tree, url, find_date=meta["published"] is None)
    _drop_head_metadata(tree)
    extracted = trafilatura.bare_extraction(
        tree, url=url, favor_precision=True, with_metadata=False, include_comments=False
    )
    body = clean_text(extracted.text or "", teasers) if extracted is not None else ""
    body = plain_text(body, max_chars=MAX_TEXT_CHARS, multiline=True)
    if len(body) < MIN_TEXT_CHARS:
        raise ExtractionError("no article text found on the page")
    site = (doc.sitename or "").strip() or None
    title = _headline(meta["h1"], meta["title_tag"], doc.title or meta["og_title"], site)
    return ExtractedArticle(
        url=url,
        title=plain_line(title, max_chars=MAX_TITLE_CHARS),
        text=body,
        authors=_split_authors(doc.author) or _reporter_bylines(body),
        published=meta["published"] or _parse_datetime(doc.date),
        language=_page_language(meta["language"], body),
        summary=plain_line(doc.description, max_chars=MAX_SUMMARY_CHARS),
        canonical_hint=meta["canonical"],
    )


def _drop_unread(tree: HtmlElement) -> None:
    """Take :data:`UNREAD_ELEMENTS` and non-JSON-LD scripts out of the tree, tails kept."""
    for script in [s for s in tree.iter("script") if s.get("type") != "application/ld+json"]:
        script.drop_tree()
    strip_elements(tree, *UNREAD_ELEMENTS, with_tail=False)


def _drop_head_metadata(tree: HtmlElement) -> None:
    """Take :data:`HEAD_METADATA` out of ``<head>`` once the metadata has been read."""
    head = tree.find("head")
    if head is not None:
        strip_elements(head, *HEAD_METADATA, with_tail=False)


def _document_metadata(tree: HtmlElement, url: str, *, find_date: bool) -> Document:
    """trafilatura's ``extract_metadata`` without the parts this module does not use.

    Title, author, description and site name as trafilatura finds them, in its order; its date
    search (htmldate) only when the page's own meta tags and JSON-LD gave none (``find_date``),
    and not htmldate's extensive search: on the 23 corpus pages with a true date that reach it,
    the plain search finds the right day on 15 (extensive: 13) at 2 ms a page (extensive: 60 ms).
    Categories, tags and licence are not looked for: with them and the date search, metadata was
    a third of extraction's CPU.
    """
    from htmldate import find_date as htmldate_find_date
    from trafilatura import metadata as tm
    from trafilatura.settings import set_date_params

    doc = tm.examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None
    try:
        doc = tm.extract_meta_json(tree, doc)
    except Exception as exc:  # bugs in trafilatura's json_metadata, as it guards them itself
        log.debug("trafilatura's JSON-LD metadata failed on %s: %r", url, exc)
    doc.title = doc.title or tm.extract_title(tree)
    doc.author = doc.author or find_author(tree)
    doc.url = doc.url or tm.extract_url(tree, url)
    if find_date:
        try:
            doc.date = htmldate_find_date(tree, **set_date_params(extensive=False), url=doc.url)
        except ValueError as exc:  # htmldate compares a time whose zone is a day or more
            log.debug("htmldate's date search failed on %s: %r", url, exc)
    doc.sitename = doc.sitename or tm.extract_sitename(tree)
    if doc.sitename:
        doc.sitename = doc.sitename.lstrip("@")
        if doc.sitename and "." not in doc.sitename and not doc.sitename[0].isupper():
            doc.sitename = doc.sitename.title()
    elif doc.url and (found := tm.META_URL.match(doc.url)):
        doc.sitename = found[1]
    doc.clean_and_trim()
    return doc


def extract_page(page: FetchedPage) -> ExtractedArticle:
    """Extract a fetched page, or fall back to the feed's metadata with ``partial=True``.

    Never raises: the pipeline may call it in worker processes over untrusted pages.
    """
    url = page.final_url or page.url
    reason = page.error
    if reason is None and not page.html:
        reason = "the page was not fetched"
    if reason is None:
        try:
            return extract_article(page.html, url, encoding=page.encoding)  # type: ignore[arg-type]
        except ExtractionError as exc:
            reason = str(exc)
        except Exception as exc:  # a broken page must never stop the crawl
            log.warning("extraction crashed on %s: %r", url, exc)
            reason = f"extraction failed: {exc!r}"
    summary = _feed_summary(page.feed_summary)
    return ExtractedArticle(
        url=url,
        title=plain_line(page.feed_title, max_chars=MAX_TITLE_CHARS),
        text=summary or "",
        authors=_plain_names(page.feed_authors),
        published=_aware(page.feed_published),
        summary=summary or None,
        partial=True,
        partial_reason=reason,
    )


def clean_text(text: str, teasers: frozenset[str] = frozenset()) -> str:
    """Drop boilerplate lines: those :func:`article_lines` drops, then consent notices, widget
    labels and bare timestamps."""
    consent = _may_hold_consent(text)  # then each line that may hold one is searched
    return "\n".join(
        line
        for line in article_lines(text, teasers)
        if not (
            TIMESTAMP_LINE.match(line)
            or WIDGET_LINE.match(line)
            or (consent and _may_hold_consent(line) and CONSENT_LINE.search(line))
        )
    )


def _may_hold_consent(text: str) -> bool:
    """False when :data:`CONSENT_LINE` matches nowhere in ``text`` (it holds none of
    :data:`CONSENT_WORDS` in any case); True when it may."""
    if not text.isascii():
        for char, letter in ASCII_CASE_FOLD.items():
            if char in text:
                text = text.replace(char, letter)
    text = text.lower()
    return any(word in text for word in CONSENT_WORDS)


def article_lines(text: str, teasers: frozenset[str] = frozenset()) -> Iterator[str]:
    """The stripped, non-empty lines of ``text`` without related-link blocks, one-line teasers
    and runs of at least two ``teasers`` (items of link lists on the page, see
    :func:`_link_list_items`; one such line alone may be a heading the list links to). Anchored
    patterns only: the matcher reads every article's body through it."""
    run: list[str] = []
    in_related = False
    ordered = sorted(teasers)
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        if teasers and _is_listed(_without_bullet(line), teasers, ordered):
            run.append(line)
            continue
        if len(run) < MIN_LINK_LIST_ITEMS and not in_related:
            yield from run
        run = []
        if RELATED_HEADER.match(line):
            in_related = True
            continue
        if in_related:
            if TEASER_LINE.match(line) or _is_headline_like(line):
                continue
            in_related = False
        if ("[" in line and TEASER_LINE.match(line)) or _is_teaser(line):
            continue
        yield line
    if len(run) < MIN_LINK_LIST_ITEMS and not in_related:
        yield from run


def _without_bullet(line: str) -> str:
    """The line without a leading bullet, spaces folded: ``" ".join(line.lstrip("-•*· ")
    .split())``, without splitting a line that is already collapsed (most: every line of the
    text is looked up)."""
    bare = line.lstrip("-•*· ")
    return bare if is_collapsed(bare) else " ".join(bare.split())


def _is_listed(line: str, teasers: frozenset[str], ordered: list[str]) -> bool:
    """``line`` is one of ``teasers``, or its first words (extraction may drop a card's last
    span: "By A and" of "By A and B"). ``ordered``: the teasers sorted, where those starting
    with ``line + " "`` follow one another from where it would be inserted (a page may list
    hundreds of teasers, and every line of its text is looked up)."""
    if line in teasers:
        return True
    prefix = line + " "
    at = bisect.bisect_left(ordered, prefix)
    return at < len(ordered) and ordered[at].startswith(prefix)


def _link_list_items(tree: HtmlElement) -> frozenset[str]:
    """The items of lists whose every item is mostly a link: related-article teasers, sidebars
    and navigation, which trafilatura can keep inside the article (a name in them is not the
    article's). A list of facts with a link here and there is not one. The page is left as it
    is (removing them would change which container trafilatura takes for the article). ``tree``
    is the document's root: its descendants are the whole page."""
    items: set[str] = set()
    for found in tree.iter("ul", "ol"):  # the XPath "//ul | //ol" at a quarter of its cost
        entries = found.findall("li")
        if len(entries) < MIN_LINK_LIST_ITEMS:
            continue
        texts = []
        for entry in entries:
            text = _link_item_text(entry)
            if text is None:
                break
            texts.append(text)
        else:
            items.update(texts)
    return frozenset(items)


def _teaser_cards(tree: HtmlElement, url: str) -> frozenset[str]:
    """The lines of teaser cards: a list item or an ``<article>`` whose heading is a link to
    another page, with its summary and byline under it (a section front's story list, "More
    from …" cards after the article). Their text is a teaser's, however long, so a name in it
    is not the article's; :func:`article_lines` drops them in runs of two or more."""
    lines: set[str] = set()
    page = urljoin(url, "").split("#")[0]
    for heading in tree.iter(CARD_HEADINGS):  # cheap tests first: this runs for every heading
        links = heading.findall(".//a[@href]")
        if not links:
            continue
        card = next(heading.iterancestors("li", "article"), None)
        if card is None:
            continue
        text = _fold(heading.text_content())
        linked = sum(len(_fold(link.text_content())) for link in links)
        if not text or linked < LINK_SHARE * len(text):
            continue
        if all(urljoin(url, link.get("href", "")).split("#")[0] == page for link in links):
            continue  # the page's own headline linked to itself
        if len(card.text_content()) > 2 * MAX_CARD_CHARS:
            continue
        blocks = [
            line
            for block in card.xpath(".//p | .//h1 | .//h2 | .//h3 | .//h4")
            if (line := " ".join(block.text_content().split()))
        ]
        whole = " ".join(blocks)
        if len(whole) > MAX_CARD_CHARS:
            continue  # not a card: an article whose subheading links somewhere
        under = " ".join(block for block in blocks if block != text)
        lines.update((*blocks, whole, under))  # each block, and the card as one line
    return frozenset(lines)


def _link_item_text(item: HtmlElement) -> str | None:
    """The item's text (spaces folded) when it is short and mostly link text, else None.

    This runs for every list item: the commonest, a lone link (``<li><a>…</a></li>``), is read
    without an iterator or a text serialisation (when only spaces surround the link, its text is
    the item's)."""
    if len(item) == 1 and not len(link := item[0]):
        if link.tag != "a":
            return None
        if _blank(item.text) and _blank(link.tail):
            text = _fold(link.text)
            return text if text and len(text) <= MAX_TEASER_CHARS else None
        links = [link]
    else:
        links = list(item.iter("a"))  # cheaper than find(".//a")
        if not links:
            return None
    text = _fold(_text_content(item))
    if not text or len(text) > MAX_TEASER_CHARS:
        return None
    linked = sum(len(_fold(_text_content(link))) for link in links)
    return text if linked >= LINK_SHARE * len(text) else None


def _blank(text: str | None) -> bool:
    """No text, or only what ``str.split`` takes for spaces."""
    return not text or text.isspace()


def _text_content(element: HtmlElement) -> str:
    """``element.text_content()``, its descendants' text without its tail: an element's own text
    when it has no children, else as libxml2 writes it out (lxml.html evaluates the XPath
    ``string()`` for it, at twice the cost; it runs for every list item and link of a page's
    lists)."""
    if not len(element):
        return element.text or ""
    return tostring(element, method="text", encoding="unicode", with_tail=False)


def _is_teaser(line: str) -> bool:
    """A label and one headline; not a label before a sentence ("See also: the 2019 deal, ….")."""
    match = RELATED_TEASER.match(line)
    if match is None:
        return False
    headline = match["headline"]
    return (
        len(headline) <= MAX_TEASER_CHARS
        and not headline.endswith((".", "。"))
        and _SENTENCE_END.search(headline) is None
    )


def _is_headline_like(line: str) -> bool:
    """A short line without closing punctuation: a link title in a list, not a paragraph."""
    return len(line) <= 120 and not line.endswith((".", "!", "?", "”", '"', "。", ":"))


def _page_metadata(tree: HtmlElement, url: str) -> dict:
    metas: dict[str, str] = {}
    for node in tree.iterfind(".//meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        key = key or (node.get("http-equiv") or "").lower()
        content = (node.get("content") or "").strip()
        if key and content and key not in metas:
            metas[key] = content
    canonical = next(
        (
            (link.get("href") or "").strip()
            for link in tree.iterfind(".//link")
            if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")
        ),
        None,
    ) or metas.get("og:url")
    published = next(
        (dt for key in PUBLISHED_META if (dt := _parse_datetime(metas.get(key.lower())))), None
    ) or _jsonld_published(tree)
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    lang = lang or next((metas[k] for k in LANGUAGE_META if metas.get(k)), None)
    title_node = tree.find(".//title")
    h1s = [_fold(h.text_content()) for h in tree.iterfind(".//h1")]
    return {
        "canonical": urljoin(url, canonical) if canonical else None,
        "published": published,
        "language": _language_code(lang),
        "title_tag": _fold(title_node.text_content()) if title_node is not None else "",
        "og_title": _fold(metas.get("og:title")),
        "h1": [h for h in h1s if h],
    }


def _jsonld_published(tree: HtmlElement) -> datetime | None:
    for script in tree.xpath('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found = _parse_datetime(item.get("datePublished"))
                if found:
                    return found
                stack.extend(v for v in item.values() if isinstance(v, list | dict))
    return None


def _headline(
    h1s: list[str], title_tag: str, candidate: str | None, site: str | None
) -> str | None:
    """The article headline: the page's own ``<h1>`` when ``<title>`` is that headline plus a
    site suffix, else trafilatura's title with any site-name suffix removed."""
    distinct = list(dict.fromkeys(h1s))
    if len(distinct) == 1 and title_tag.startswith(distinct[0]):
        return distinct[0]
    title = _fold(candidate) or title_tag
    if not title:
        return None
    return _strip_site_suffix(title, site) or title


def _strip_site_suffix(title: str, site: str | None) -> str:
    names = {site.lower()} if site else set()
    for sep in TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if not found or not head:
            continue
        tail_l = tail.strip().lower()
        # a site name is short and (when known) equals the page's site name or ends the title
        short_tail = len(tail_l) <= 30 and len(tail_l) < len(head)
        if tail_l in names or (short_tail and sep.strip() in {"|", "--", "::"}):
            return head.strip()
        if len(tail_l) <= 12 and sep in {"_", "-"} and _script_language(tail_l) == "zh":
            return head.strip()
    return title


def _split_authors(value: str | None) -> list[str]:
    return _plain_names(value.split(";")) if value else []


def _plain_names(names: list[str]) -> list[str]:
    """Distinct author names as plain text, in order."""
    plain = (plain_text(name, max_chars=MAX_NAME_CHARS) for name in names)
    return [name for name in dict.fromkeys(plain) if name]


_REPORTER = re.compile(r"记者\s*([\u4e00-\u9fff]{2,3})(?![\u4e00-\u9fff])")
"""A Chinese in-text byline: ``记者 张倩``, ``（记者 胡晓蓉）``, ``某报记者马俊峰/文``."""


def _reporter_bylines(body: str) -> list[str]:
    """Reporters named in the text, for pages whose markup names no author."""
    return list(dict.fromkeys(_REPORTER.findall(body)))


def _parse_datetime(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    parsed = _iso_time_with_offset(value)
    if parsed is None:
        try:
            parsed = dateparser.parse(value)
        except (ValueError, OverflowError):
            return None
    if parsed.year < MIN_YEAR:  # placeholders such as 0001-01-01
        return None
    try:  # dateutil reads "+24:00" or "-99:99" as a zone no datetime arithmetic accepts
        parsed.utcoffset()
    except ValueError:
        return None
    return _aware(parsed)


_ISO_TIME_WITH_OFFSET = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})([+-])([0-9]{2}):([0-9]{2})"
)


def _iso_time_with_offset(value: str) -> datetime | None:
    """dateutil's reading of the commonest form of ``article:published_time``,
    ``2026-11-06T05:35:00+08:00``, the same ``tzoffset``, for a twentieth of its cost (dateutil
    tokenises every string in Python). None for any other form, for a date or time out of range
    and for a zero offset (dateutil's zone for it depends on the machine's local zone): those
    are left to dateutil. An offset out of range is read as dateutil reads it, in seconds (and then
    refused by :func:`_parse_datetime`, as dateutil's reading is)."""
    match = _ISO_TIME_WITH_OFFSET.fullmatch(value)
    if match is None:
        return None
    *fields, sign, offset_hours, offset_minutes = match.groups()
    offset = int(offset_hours) * 3600 + int(offset_minutes) * 60
    if not offset:
        return None
    try:
        return datetime(*map(int, fields), tzinfo=tzoffset(None, int(f"{sign}{offset}")))
    except ValueError:
        return None


def _aware(value: datetime | None) -> datetime | None:
    """Naive times are taken as UTC (feeds and pages without an offset are mostly UTC)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _language_code(value: str | None) -> str | None:
    """``en-US`` / ``en_US`` → ``en``."""
    if not value:
        return None
    code = re.split(r"[-_,;\s]", value.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


_CJK = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LETTER = re.compile(r"[^\W\d_]")
_EAST_ASIAN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
"""Any of :data:`_CJK`, :data:`_KANA`, :data:`_HANGUL`: without one, no script names a language."""


def _page_language(declared: str | None, body: str) -> str | None:
    """The declared language, unless the text's script contradicts it: templates often say
    ``lang="en"`` over Chinese text."""
    script = _script_language(body)
    return script if script and declared != script else declared


def _script_language(text: str) -> str | None:
    """``ja``, ``ko`` or ``zh`` when the letters are mostly of those scripts (kana or Hangul
    name their language; Han alone is Chinese): the languages a script names for sure."""
    sample = text[:5000]
    if sample.isascii() or _EAST_ASIAN.search(sample) is None:  # most pages: no counting
        return None
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    kana, hangul = len(_KANA.findall(sample)), len(_HANGUL.findall(sample))
    if kana / letters > 0.05 and kana + len(_CJK.findall(sample)) > letters / 2:
        return "ja"
    if hangul > letters / 2:
        return "ko"
    if len(_CJK.findall(sample)) > letters / 2:
        return "zh"
    return None


def _feed_summary(value: str | None) -> str:
    """Feed summaries often carry HTML: keep the text only."""
    return plain_text(value, max_chars=MAX_SUMMARY_CHARS)


def _fold(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


_TOKEN = re.compile(r"[\u3400-\u9fff]|[^\W\u3400-\u9fff]+")


def token_f1(candidate: str, reference: str) -> float:
    """Bag-of-tokens F1 of an extraction against reference text (case-folded; each Chinese
    character is a token). The measure the tests and ``bench/extraction.py`` report."""
    got = Counter(_TOKEN.findall(candidate.lower()))
    want = Counter(_TOKEN.findall(reference.lower()))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / got.total(), overlap / want.total()
    return 2 * precision * recall / (precision + recall)
