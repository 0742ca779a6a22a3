"""Atom and JSON Feed of matches per watchlist, topic and expert: valid (feedparser, no bozo),
one entry per stored alert, hostile headlines escaped."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import feedparser
import httpx
import pytest
from sqlalchemy import select

from alerts.experts.names import expert_id
from alerts.storage.tables import Alert
from crawler.db import Database
from tests.web.filled import HOSTILE_TITLE, HOSTILE_WATCHLIST, Filled


def _alerts(database: Database) -> list[Alert]:
    with database.session() as session:
        return list(session.scalars(select(Alert).order_by(Alert.id.desc())))


def _has(alert: Alert, kind: str, item: str) -> bool:
    return any(hit["kind"] == kind and hit["id"] == item for hit in alert.hits)


def _subjects(filled: Filled) -> list[tuple[str, str]]:
    """Every feed the demo config has: each watchlist, topic and expert."""
    found = []
    for watchlist in filled.settings.watchlists:
        found.append(("watchlists", watchlist.name))
        found.extend(("topics", topic.id) for topic in watchlist.topics)
        found.extend(("experts", expert_id(expert)) for expert in watchlist.experts)
    return found


def _expected(alerts: list[Alert], kind: str, name: str) -> list[int]:
    if kind == "watchlists":
        return [a.id for a in alerts if a.watchlist == name]
    return [a.id for a in alerts if _has(a, kind[:-1], name)]


def _check_json_feed(document: dict[str, Any]) -> None:
    """What JSON Feed 1.1 requires (feedparser 6 reads no JSON Feed): a title, string ids,
    content_text or content_html, RFC 3339 dates, absolute URLs."""
    assert isinstance(document["title"], str) and document["title"]
    assert document["feed_url"].startswith("http://127.0.0.1:")
    for item in document["items"]:
        assert isinstance(item["id"], str)
        assert isinstance(item.get("content_text") or item.get("content_html"), str)
        assert datetime.fromisoformat(item["date_published"]).tzinfo is not None
        assert item["url"].startswith("http")


def test_every_feed_is_valid_and_lists_the_stored_matches(
    live_url: str, filled: Filled, filled_db: Database
) -> None:
    alerts = _alerts(filled_db)
    subjects = _subjects(filled)
    nonempty = 0
    with httpx.Client(base_url=live_url) as client:
        for kind, name in subjects:
            expected = [f"urn:sinowatch:alert:{i}" for i in _expected(alerts, kind, name)]
            nonempty += bool(expected)

            atom = client.get(f"/feeds/{kind}/{name}.atom")
            assert atom.status_code == 200
            assert atom.headers["content-type"].startswith("application/atom+xml")
            parsed = feedparser.parse(atom.content)
            assert not parsed.bozo, (name, parsed.get("bozo_exception"))
            assert parsed.version == "atom10"
            assert [entry.id for entry in parsed.entries] == expected, (kind, name)
            assert any(link.rel == "self" for link in parsed.feed.links)

            body = client.get(f"/feeds/{kind}/{name}.json")
            assert body.headers["content-type"].startswith("application/feed+json")
            document = body.json()
            assert document["version"] == "https://jsonfeed.org/version/1.1"
            assert [item["id"] for item in document["items"]] == expected
            _check_json_feed(document)
    assert nonempty >= 3, "the demo's crawl alerted too little for the feeds to say anything"


def test_entries_carry_the_article_link_and_hit_snippets(
    live_url: str, filled_db: Database
) -> None:
    alert = next(a for a in _alerts(filled_db) if a.title != HOSTILE_TITLE)
    topic = next(hit for hit in alert.hits if hit["kind"] == "topic")
    with httpx.Client(base_url=live_url) as client:
        parsed = feedparser.parse(client.get(f"/feeds/topics/{topic['id']}.atom").content)
    (entry,) = [e for e in parsed.entries if e.id == f"urn:sinowatch:alert:{alert.id}"]
    assert entry.title == alert.title
    assert entry.link.startswith("http://127.0.0.1:")
    assert topic["snippet"] in entry.summary
    assert topic["name"] in {tag.term for tag in entry.tags}


@pytest.mark.parametrize("fmt", ["atom", "json"])
def test_hostile_title_is_escaped_text(live_url: str, filled: Filled, fmt: str) -> None:
    with httpx.Client(base_url=live_url) as client:
        response = client.get(f"/feeds/watchlists/{HOSTILE_WATCHLIST}.{fmt}")
    raw = response.text
    assert "<script>" not in raw and "<b>" not in raw
    wanted = f"urn:sinowatch:alert:{filled.hostile_alert_id}"
    if fmt == "json":
        (item,) = [i for i in json.loads(raw)["items"] if i["id"] == wanted]
        assert item["title"] == HOSTILE_TITLE
    else:
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo
        (entry,) = [e for e in parsed.entries if e.id == wanted]
        assert entry.title == HOSTILE_TITLE


def test_unknown_subject_is_404(live_url: str) -> None:
    with httpx.Client(base_url=live_url) as client:
        assert client.get("/feeds/watchlists/nope.atom").status_code == 404
        assert client.get("/feeds/topics/nope.json").status_code == 404
        assert client.get("/feeds/planets/earth.json").status_code == 422
