"""crawler.feeds.parse_feed: real feeds of every format, broken feeds, encodings."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.feeds import parse_feed

FEED_URL = "http://127.0.0.1/feed.xml"

RSS_TEMPLATE = """<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0"><channel><title>{title}</title><link>http://example.com/</link>
<item><title>{title}</title><link>/news/1.html</link><description>{summary}</description>
<pubDate>Tue, 04 Nov 2025 08:30:00 +0800</pubDate><author>a@example.com (Li Wei)</author></item>
</channel></rss>"""

TEXTS = {
    "gb2312": ("中美贸易谈判在北京举行", "双方就关税问题交换了意见"),
    "windows-1251": ("Переговоры Китая и США", "Стороны обсудили пошлины"),
    "iso-8859-1": ("Négociations Chine–États-Unis".replace("–", "-"), "Les deux côtés ont parlé"),
}


def corpus_feed(corpus_dir: Path, name: str) -> bytes:
    return (corpus_dir / "feeds" / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "version", "min_entries"),
    [
        ("misc/rss2sample.xml", "rss20", 4),
        ("misc/rss092_oreilly_example.rss", "rss092", 2),
        ("misc/trafilatura_feed1.atom", "atom10", 2),
        ("news/talkingpointsmemo_all_2017-11-08.atom", "atom10", 20),
        ("news/guardian_2019-05-08.xml", "rss20", 90),
        ("feedparser/illformed/rdf_channel_empty_textinput.xml", "rss10", 0),
    ],
)
def test_reads_every_feed_format(corpus_dir: Path, name: str, version: str, min_entries: int):
    feed = parse_feed(corpus_feed(corpus_dir, name), FEED_URL)
    assert feed.ok, feed.error
    assert feed.version == version
    assert len(feed.entries) >= min_entries
    for entry in feed.entries:
        assert entry.link.startswith("http")


def test_entry_fields_are_normalised(corpus_dir: Path):
    feed = parse_feed(corpus_feed(corpus_dir, "misc/rss2sample.xml"), FEED_URL)
    first = feed.entries[0]
    assert first.title and first.title == first.title.strip()
    assert first.published is not None and first.published.tzinfo is not None
    assert feed.title == "Liftoff News"


@pytest.mark.parametrize(
    ("name", "entries"),
    [
        ("malformed/nodefp_saxerror.xml", 3),
        ("malformed/typepad_leading_whitespace.xml", 10),
        ("news/techcrunch.xml", 20),
        ("news/pcmag_dvorak_illegally_nested.xml", 11),  # nested items are lost
    ],
)
def test_broken_feeds_with_readable_entries_are_tolerated(
    corpus_dir: Path, name: str, entries: int
):
    feed = parse_feed(corpus_feed(corpus_dir, name), FEED_URL)
    assert feed.ok, feed.error
    assert len(feed.entries) >= entries - 1


def test_saxerror_feed_records_the_problem(corpus_dir: Path):
    feed = parse_feed(corpus_feed(corpus_dir, "malformed/nodefp_saxerror.xml"), FEED_URL)
    assert feed.entries[0].link == "http://example.com/good"
    assert feed.warning and "not well-formed" in feed.warning


def test_leading_whitespace_keeps_the_declared_encoding(corpus_dir: Path):
    feed = parse_feed(corpus_feed(corpus_dir, "malformed/typepad_leading_whitespace.xml"), FEED_URL)
    assert feed.encoding == "utf-8"


def test_latin1_feed_without_xml_declaration(corpus_dir: Path):
    body = corpus_feed(corpus_dir, "malformed/uol_noticias_no_xml_decl_latin1.rss")
    feed = parse_feed(body, FEED_URL)
    assert feed.ok
    assert len(feed.entries) >= 10
    text = " ".join(f"{e.title} {e.summary}" for e in feed.entries)
    assert "\ufffd" not in text
    assert any(ch in text for ch in "áéíóúãõç")


def test_real_windows_1251_feed(corpus_dir: Path):
    feed = parse_feed(corpus_feed(corpus_dir, "news/oren_ru_windows-1251.xml"), FEED_URL)
    assert feed.ok
    assert any("а" <= ch <= "я" for e in feed.entries for ch in (e.title or ""))


@pytest.mark.parametrize("encoding", sorted(TEXTS))
def test_declared_encodings(encoding: str):
    title, summary = TEXTS[encoding]
    body = RSS_TEMPLATE.format(encoding=encoding, title=title, summary=summary).encode(encoding)
    feed = parse_feed(body, "http://example.com/rss")
    assert feed.ok, feed.error
    entry = feed.entries[0]
    assert entry.title == title
    assert entry.summary == summary
    assert entry.link == "http://example.com/news/1.html"
    assert entry.published == datetime(2025, 11, 4, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize("encoding", sorted(TEXTS))
def test_encoding_from_http_header_when_undeclared(encoding: str):
    title, summary = TEXTS[encoding]
    xml = RSS_TEMPLATE.format(encoding="x", title=title, summary=summary)
    body = xml.split("?>", 1)[1].encode(encoding)  # no XML declaration at all
    feed = parse_feed(body, FEED_URL, content_type=f"application/rss+xml; charset={encoding}")
    assert feed.entries[0].title == title


def test_gzip_bytes_are_reported_not_parsed(corpus_dir: Path):
    body = corpus_feed(corpus_dir, "malformed/gzip_bytes_not_decoded.xml.gz")
    feed = parse_feed(body, FEED_URL)
    assert not feed.ok
    assert "gzip" in (feed.error or "")
    # The same feed, decompressed as an HTTP client would: readable.
    assert len(parse_feed(gzip.decompress(body), FEED_URL).entries) == 25


def test_html_page_is_not_a_feed(corpus_dir: Path):
    html = next((corpus_dir / "articles" / "bbc.com").glob("*.html")).read_bytes()
    feed = parse_feed(html, FEED_URL)
    assert not feed.ok
    assert "HTML page" in (feed.error or "")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"", "empty response"),
        (b"   \n", "empty response"),
        (b"this is plain text, not a feed", "not a feed"),
        (b'{"version": "https://jsonfeed.org/version/1"}', "not a feed"),
    ],
)
def test_unreadable_bodies_say_why(body: bytes, expected: str):
    feed = parse_feed(body, FEED_URL)
    assert not feed.ok
    assert expected in (feed.error or "")


def test_entries_without_links_are_dropped():
    body = (
        b"<rss version='2.0'><channel><title>t</title>"
        b"<item><title>no link</title></item>"
        b"<item><title>ok</title><link>http://example.com/a</link></item>"
        b"</channel></rss>"
    )
    feed = parse_feed(body, FEED_URL)
    assert [e.link for e in feed.entries] == ["http://example.com/a"]


def test_feed_with_no_items_is_readable_but_empty():
    body = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
    feed = parse_feed(body, FEED_URL)
    assert feed.ok
    assert feed.entries == []
