"""crawler.sitemaps.parse_sitemap: indexes, Google News sitemaps, gzip, broken sitemaps."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.sitemaps import parse_sitemap

URL = "http://127.0.0.1/sitemap.xml"


def corpus_sitemap(corpus_dir: Path, name: str) -> bytes:
    return (corpus_dir / "sitemaps" / name).read_bytes()


def test_google_news_sitemap_nytimes(corpus_dir: Path):
    sitemap = parse_sitemap(corpus_sitemap(corpus_dir, "google_news_nytimes_2020-05.xml"), URL)
    assert sitemap.kind == "urlset" and sitemap.error is None
    assert len(sitemap.entries) == 6
    first = sitemap.entries[0]
    # Whitespace-padded loc and title are trimmed.
    assert first.loc == (
        "https://www.nytimes.com/interactive/2020/05/11/magazine/quarantine-insanity.html"
    )
    assert first.title is not None and first.title.startswith("Quarantine Was Driving Me Crazy")
    assert first.published == datetime(2020, 5, 11, 9, 0, 1, tzinfo=UTC)
    assert first.lastmod == datetime(2020, 5, 19, 21, 57, 45, tzinfo=UTC)
    assert first.publication == "The New York Times"
    assert first.language == "en-US"
    assert first.date == first.published


def test_google_news_sitemap_with_other_prefix(corpus_dir: Path):
    body = corpus_sitemap(corpus_dir, "google_news_washingtonpost_politics_2017-11-23.xml")
    sitemap = parse_sitemap(body, URL)
    assert len(sitemap.entries) == 4
    entry = sitemap.entries[0]
    assert entry.loc.startswith("https://www.washingtonpost.com/politics/")
    assert "\n" not in entry.loc
    assert entry.title == "The Latest: Roy Moore thanks Trump in new fundraising appeal"
    assert entry.published == datetime(2017, 11, 23, 2, 5, 12, tzinfo=UTC)
    assert entry.publication == "Washington Post"


@pytest.mark.parametrize(
    ("name", "count"), [("sitemap_index_advertools.xml", 4), ("sitemap_index_cdata.xml", 2)]
)
def test_sitemap_index(corpus_dir: Path, name: str, count: int):
    sitemap = parse_sitemap(corpus_sitemap(corpus_dir, name), URL)
    assert sitemap.kind == "index"
    assert len(sitemap.sitemaps) == count
    assert all(loc.startswith("http") for loc in sitemap.sitemaps)
    assert sitemap.entries == []


def test_cdata_loc(corpus_dir: Path):
    sitemap = parse_sitemap(corpus_sitemap(corpus_dir, "sitemap_index_cdata.xml"), URL)
    assert "http://www.example.com/sitemap2.xml.gz" in sitemap.sitemaps


def test_plain_urlset_dates(corpus_dir: Path):
    sitemap = parse_sitemap(corpus_sitemap(corpus_dir, "sitemaps_org_urlset.xml"), URL)
    assert len(sitemap.entries) == 84
    assert sitemap.entries[0].date == datetime(2016, 11, 21, tzinfo=UTC)
    assert all(e.title is None for e in sitemap.entries)


def test_gzip_body_is_decompressed(corpus_dir: Path):
    plain = corpus_sitemap(corpus_dir, "zipped_sitemap_advertools.xml")
    sitemap = parse_sitemap(gzip.compress(plain), URL)
    assert [e.loc for e in sitemap.entries] == [e.loc for e in parse_sitemap(plain, URL).entries]
    assert len(sitemap.entries) == 5


def test_gz_name_but_plain_xml(corpus_dir: Path):
    sitemap = parse_sitemap(corpus_sitemap(corpus_dir, "malformed/not_really_gzipped.xml.gz"), URL)
    assert len(sitemap.entries) == 5


def test_gzip_bomb_is_refused():
    bomb = gzip.compress(b"<urlset>" + b" " * 2_000_000 + b"</urlset>")
    sitemap = parse_sitemap(bomb, URL, max_bytes=100_000)
    assert sitemap.error is not None and "larger than" in sitemap.error


def test_broken_sitemap_says_why(corpus_dir: Path):
    sitemap = parse_sitemap(corpus_sitemap(corpus_dir, "malformed/error_sitemap.xml"), URL)
    assert sitemap.entries == []
    assert sitemap.error is not None and "malformed sitemap" in sitemap.error


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"", "not a sitemap"),
        (b"<html><body><a href='/x'>x</a></body></html>", "root element is <html>"),
        (b"\x1f\x8b not really gzip", "cannot decompress"),
    ],
)
def test_not_a_sitemap(body: bytes, expected: str):
    sitemap = parse_sitemap(body, URL)
    assert sitemap.error is not None and expected in sitemap.error


def test_external_entities_are_not_resolved(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<urlset xmlns:n="http://www.google.com/schemas/sitemap-news/0.9"><url>'
        "<loc>http://example.com/&x;</loc><n:news><n:title>Chips &x; ban</n:title></n:news>"
        "</url></urlset>"
    ).encode()
    sitemap = parse_sitemap(body, URL)
    # the reference is dropped, the text on both sides of it kept
    assert [(e.loc, e.title) for e in sitemap.entries] == [("http://example.com/", "Chips ban")]


def test_undated_and_bad_dates_are_none():
    body = (
        b"<urlset><url><loc>http://example.com/a</loc><lastmod>yesterday</lastmod></url>"
        b"<url><loc> </loc></url></urlset>"
    )
    sitemap = parse_sitemap(body, URL)
    assert [(e.loc, e.date) for e in sitemap.entries] == [("http://example.com/a", None)]
