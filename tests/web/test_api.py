"""The JSON API on a database filled by a real crawl: fuzzed from its own OpenAPI document,
cursor pagination, filters, and errors that are 4xx rather than 500s."""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import func, select

from alerts.storage import reports
from alerts.storage.tables import Alert, Delivery
from crawler.db import Database
from crawler.storage.tables import Article, Story
from sinowatch.web import api
from tests.alerting import seed_alerts
from tests.web.filled import HOSTILE_TITLE, HOSTILE_WATCHLIST, Filled, served

OPENAPI_PATH = "/api/v1/openapi.json"
"""Where ``create_app`` serves the OpenAPI document (no /docs: Swagger UI comes from a CDN)."""

EXAMPLES = 25
"""Generated requests per operation (each mode: valid and invalid parameters)."""


def fuzz(base_url: str, examples: int = EXAMPLES) -> None:
    """Generated requests to every operation of the OpenAPI document the app at ``base_url``
    serves: no 500s; status codes, content types and bodies as documented.

    (schemathesis's pytest loader ``from_fixture`` does not run on pytest 9, so each operation's
    strategy is driven by hypothesis here.)
    """
    schema = schemathesis.openapi.from_url(base_url + OPENAPI_PATH)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10, [op.label for op in operations]
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
        def conforms(case: Any) -> None:
            # A generated cursor is a well-formed string but not one the API handed out: the
            # documented 400 is the right answer, so only then is that check left out.
            forged = bool(case.query and case.query.get("cursor"))
            case.call_and_validate(excluded_checks=[positive_data_acceptance] if forged else None)

        conforms()


def test_api_conforms_to_its_openapi_document(live_url: str) -> None:
    fuzz(live_url)


@pytest.mark.postgres
def test_api_conforms_on_postgresql(pg_url: str, filled: Filled) -> None:
    """The same on PostgreSQL (its JSON functions, its stricter types), on a few seeded alerts."""
    database = Database(pg_url)
    try:
        seed_alerts(
            database, [("console", "instant")], 3, title=HOSTILE_TITLE, watchlist=HOSTILE_WATCHLIST
        )
        with served(filled.settings, database) as running:
            fuzz(running.url, examples=10)
    finally:
        database.dispose()


def _walk(client: httpx.Client, path: str, limit: int, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = client.get(path, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
        assert page["items"], "a page with a next cursor must not be empty"


def _rows(database: Database, model: Any) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_cursor_pagination_walks_every_row_once(live_url: str, filled_db: Database) -> None:
    with filled_db.session() as session:
        hits = sum(len(found) for found in session.scalars(select(Alert.hits)))
    expected = {
        "/api/v1/stories": (_rows(filled_db, Story), "id"),
        "/api/v1/articles": (_rows(filled_db, Article), "id"),
        "/api/v1/matches": (_rows(filled_db, Alert), "alert_id"),
        "/api/v1/deliveries": (_rows(filled_db, Delivery), "id"),
        "/api/v1/hits": (hits, ("alert_id", "index")),
    }
    with httpx.Client(base_url=live_url) as client:
        for path, (total, key) in expected.items():
            assert total > 3, f"the crawl stored too little to page through {path}"
            whole = client.get(path, params={"limit": 500}).json()
            assert whole["next_cursor"] is None and len(whole["items"]) == total, path
            for limit in (1, 2, 3):
                walked = _walk(client, path, limit)
                keys = [
                    tuple(item[k] for k in key) if isinstance(key, tuple) else item[key]
                    for item in walked
                ]
                assert len(keys) == len(set(keys)) == total, (path, limit)
                assert walked == whole["items"], (path, limit)  # same order as one big page


def test_stories_filter_by_topic_expert_and_outlet(live_url: str, filled: Filled) -> None:
    with httpx.Client(base_url=live_url) as client:
        matched = client.get("/api/v1/hits", params={"limit": 500}).json()["items"]
        topic = next(hit["id"] for hit in matched if hit["kind"] == "topic")
        stories = client.get("/api/v1/stories", params={"topic": topic}).json()["items"]
        assert {story["id"] for story in stories} == {
            hit["story_id"] for hit in matched if hit["kind"] == "topic" and hit["id"] == topic
        }
        for story in stories:
            detail = client.get(f"/api/v1/stories/{story['id']}").json()
            assert any(hit["id"] == topic for match in detail["matches"] for hit in match["hits"])
            assert {a["outlet"] for a in detail["articles"]} <= set(story["outlets"]) | {None}

        quotes = client.get("/api/v1/quotes", params={"limit": 500}).json()["items"]
        assert quotes and all(q["kind"] == "expert" and q["quote"] for q in quotes)
        expert = quotes[0]["id"]
        only = client.get("/api/v1/quotes", params={"expert": expert}).json()["items"]
        assert only and {q["id"] for q in only} == {expert}

        outlet = client.get("/api/v1/articles", params={"limit": 1}).json()["items"][0]["outlet"]
        by_outlet = client.get("/api/v1/stories", params={"outlet": outlet}).json()["items"]
        assert by_outlet and all(outlet in story["outlets"] for story in by_outlet)
        assert client.get("/api/v1/stories", params={"topic": "no-such-topic"}).json() == {
            "items": [],
            "next_cursor": None,
        }


def test_outlet_type_filter_uses_the_config(live_url: str, filled: Filled) -> None:
    typed = {s.id: s.outlet_type for s in filled.settings.sources if s.outlet_type}
    assert typed, "the demo config describes its outlets"
    outlet_type = next(iter(typed.values()))
    with httpx.Client(base_url=live_url) as client:
        articles = client.get("/api/v1/articles", params={"limit": 500}).json()["items"]
        wanted = {a["story_id"] for a in articles if typed.get(a["source_id"]) == outlet_type}
        got = client.get("/api/v1/stories", params={"outlet_type": outlet_type, "limit": 500})
        assert {story["id"] for story in got.json()["items"]} == wanted
        assert all(a["outlet_type"] == typed.get(a["source_id"]) for a in articles)


def test_forged_cursor_and_unknown_story_are_client_errors_edge_dates_are_not(
    live_url: str,
) -> None:
    with httpx.Client(base_url=live_url) as client:
        for cursor in ("not-a-cursor", "WzFd", "WyJ4IiwxXQ", "W10"):  # junk, [1], ["x",1], []
            response = client.get("/api/v1/stories", params={"cursor": cursor})
            assert response.status_code == 400, (cursor, response.text)
        assert client.get("/api/v1/hits", params={"cursor": "WzFd"}).status_code == 400
        assert client.get("/api/v1/stories/999999").status_code == 404
        # valid moments before year 1 or after 9999 in UTC: the edges of time, not errors
        every = client.get("/api/v1/stories").json()["items"]
        assert every
        early = client.get("/api/v1/stories", params={"since": "0001-01-01T00:00:00+01:00"})
        assert early.status_code == 200 and early.json()["items"] == every
        before = client.get("/api/v1/stories", params={"until": "0001-01-01T00:00:00+01:00"})
        assert before.status_code == 200 and before.json()["items"] == []
        late = client.get("/api/v1/hits", params={"since": "9999-12-31T23:59:59-01:00"})
        assert late.status_code == 200 and late.json()["items"] == []


def test_hostile_title_is_plain_json_text(live_url: str, filled: Filled) -> None:
    with httpx.Client(base_url=live_url) as client:
        matches = client.get("/api/v1/matches", params={"limit": 500}).json()["items"]
    (hostile,) = [m for m in matches if m["alert_id"] == filled.hostile_alert_id]
    assert hostile["title"] == HOSTILE_TITLE


def test_response_models_follow_their_report_dataclasses() -> None:
    """Each response model has exactly its report dataclass's fields, and retyping a field the
    dataclass does not have is refused (a renamed field cannot leave a stale override)."""
    assert list(api.DeliveryOut.model_fields) == [
        one.name for one in dataclasses.fields(reports.DeliveryRow)
    ]
    with pytest.raises(TypeError, match="no fields \\['nowhere'\\]"):
        api._out("NowhereOut", reports.CoverageCount, nowhere=int)
