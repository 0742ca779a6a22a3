"""Exports from the web UI: the same records as ``sinowatch export``, as downloads."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

from sinowatch import exports
from sinowatch.exports import FORMATS, KINDS
from tests.web.filled import HOSTILE_TITLE, Filled

pytestmark = pytest.mark.timeout(300)


def expected(filled: Filled, kind: str, **filters: object) -> list[dict[str, object]]:
    database = filled.database()
    try:
        with database.session() as session:
            return list(exports.records(session, kind, **filters))
    finally:
        database.dispose()


def parse(fmt: str, text: str) -> list[dict[str, object]]:
    if fmt == "json":
        return json.loads(text)
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_downloads_the_stored_records(dashboard, filled: Filled, kind: str, fmt: str):
    answer = httpx.get(f"{dashboard.url}/export/{kind}.{fmt}", timeout=30)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == exports.MEDIA_TYPES[fmt]
    assert answer.headers["content-disposition"] == f'attachment; filename="sinowatch-{kind}.{fmt}"'
    records = expected(filled, kind)
    assert records, f"the filled database has {kind}"
    rows = parse(fmt, answer.text)
    if fmt == "csv":
        records = [{k: exports.csv_cell(v) for k, v in r.items()} for r in records]
    assert rows == records


def test_export_filters_and_a_bad_since(dashboard, filled: Filled):
    url = f"{dashboard.url}/export/stories.jsonl"
    chosen = parse("jsonl", httpx.get(url, params={"watchlist": "us-china"}).text)
    assert chosen == expected(filled, "stories", watchlist="us-china")
    assert 0 < len(chosen) < len(expected(filled, "stories"))
    assert HOSTILE_TITLE in {row["title"] for row in chosen}  # exported as the text it is
    assert parse("jsonl", httpx.get(url, params={"since": "2000-01-01"}).text) == expected(
        filled, "stories"
    )
    refused = httpx.get(url, params={"since": "yesterday-ish"})
    assert refused.status_code == 400 and "since" in refused.json()["detail"]
    assert httpx.get(f"{dashboard.url}/export/articles.csv").status_code == 422
    assert httpx.get(f"{dashboard.url}/export/stories.xml").status_code == 422


def test_pages_link_their_exports(dashboard):
    stories = httpx.get(f"{dashboard.url}/stories", params={"watchlist": "us-china"}).text
    assert 'href="/export/stories.csv?watchlist=us-china"' in stories
    assert 'href="/export/quotes.json"' in httpx.get(f"{dashboard.url}/experts").text
    assert 'href="/export/hits.jsonl?since=' in httpx.get(f"{dashboard.url}/").text
