"""Helpers shared by the alert tests: stored articles/alerts, settings, a local webhook receiver."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from alerts import outbox
from alerts.hits import ArticleText, Hit
from alerts.payload import SCHEMA_PATH
from crawler.config import DedupSettings
from crawler.db import Database
from crawler.ingest import ingest_article
from crawler.records import ExtractedArticle, FetchedPage, IngestResult, Relevance
from crawler.storage.tables import Source
from sinowatch.settings import Settings

NOW = datetime(2026, 11, 5, 8, 0, tzinfo=UTC)

STORY_TEXT = (
    "Chinese and American negotiators met in Geneva on Tuesday to discuss tariffs on "
    "semiconductors, rare earth exports and agricultural purchases. Victor Gao, a former "
    "interpreter for Deng Xiaoping, said the talks were a turning point for both sides. "
    "Officials from the Commerce Department declined to comment on the timetable, while "
    "Beijing's trade ministry said further rounds would follow in Washington next month. "
)


def expert_hit(watchlist: str = "experts", mention: str = "quoted") -> Hit:
    return Hit(
        watchlist=watchlist,
        kind="expert",
        id="victor-gao",
        name="Victor Gao",
        mention=mention,  # type: ignore[arg-type]
        quote="the talks were a turning point" if mention == "quoted" else None,
        snippet="«Victor Gao», a former interpreter, said the talks were a turning point",
    )


def topic_hit(watchlist: str = "experts", topic: str = "tariffs") -> Hit:
    return Hit(watchlist=watchlist, kind="topic", id=topic, name=topic, snippet=f"«{topic}» rose")


class FixedMatcher:
    """Stands in for alerts.matcher.Matcher: hits chosen per text by the test."""

    def __init__(self, hits: Sequence[Hit], *, previous: Sequence[Hit] = ()) -> None:
        self.hits = list(hits)
        self.previous = list(previous)
        self.calls: list[ArticleText] = []

    def match(self, text: ArticleText) -> list[Hit]:
        self.calls.append(text)
        return self.previous if text.text.startswith("OLD:") else self.hits


def store(
    database: Database,
    *,
    url: str,
    outlet: str,
    text: str = STORY_TEXT,
    title: str = "Xi–Trump call offers a breakthrough",
    baseline: bool = False,
    published: datetime | None = None,
    score: float = 3.0,
    relevance: Relevance | None = None,
    now: datetime = NOW,
    hook: Any = None,
) -> tuple[IngestResult, int]:
    """Ingest one article (and run ``hook`` in the same transaction, like the pipeline);
    ``relevance`` overrides the one made from ``score``."""
    page = FetchedPage(source_id="src", url=url, final_url=url, outlet=outlet)
    extracted = ExtractedArticle(
        url=url, title=title, text=text, published=published or now - timedelta(hours=1)
    )
    relevance = relevance or Relevance(score=score, relevant=score >= 1.0)
    with database.transaction() as session:
        if session.get(Source, "src") is None:
            session.add(Source(id="src", name="Test source", kind="feed"))
            session.flush()
        result = ingest_article(
            session,
            page,
            extracted,
            relevance,
            settings=DedupSettings(),
            baseline=baseline,
            now=now,
        )
        created = hook(session, result) if hook is not None else 0
    return result, created


def seed_alerts(
    database: Database,
    channels: Sequence[tuple[str, str]],
    count: int = 1,
    *,
    title: str = "Xi–Trump call offers a breakthrough",
    now: datetime = NOW,
    watchlist: str = "experts",
) -> list[int]:
    """``count`` stored stories, each with one alert and a delivery per (channel, mode)."""
    alert_ids = []
    for index in range(count):
        result, _ = store(
            database,
            url=f"https://news.example.org/{watchlist}/{index}",
            outlet="news.example.org",
            text=f"{index} unique story number {index}. " * 20,
            title=f"{title} #{index}" if count > 1 else title,
            now=now,
        )
        with database.transaction() as session:
            alert_id = outbox.create_alert(
                session,
                watchlist=watchlist,
                story_id=result.story.id,
                article_id=result.article.id,
                title=result.article.title,
                hits=[expert_hit(watchlist).to_dict(), topic_hit(watchlist).to_dict()],
                channels=channels,
                now=now,
            )
        assert alert_id is not None
        alert_ids.append(alert_id)
    return alert_ids


def assert_valid_payload(payload: Any) -> None:
    """``payload`` satisfies the published JSON schema (alerts/webhook-payload.schema.json)."""
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(payload)


def settings_with(channels: dict[str, dict[str, Any]], **extra: Any) -> Settings:
    return Settings.model_validate({"channels": channels, **extra})


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A real HTTP server (127.0.0.1 by default): answers from ``script`` (then 200), records
    requests."""

    url: str
    requests: list[Received] = field(default_factory=list)
    script: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    hold: threading.Event | None = None
    """When set (cleared), every request is recorded, then waits for it before answering."""
    received: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


def webhook_receiver(host: str = "127.0.0.1") -> Iterator[Receiver]:
    """Generator for a fixture: yields a running :class:`Receiver` listening on ``host``."""
    state: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            receiver = state["r"]
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            with receiver.lock:
                receiver.requests.append(Received(dict(self.headers.items()), body))
                status, headers = receiver.script.pop(0) if receiver.script else (200, {})
            receiver.received.set()
            if receiver.hold is not None:
                receiver.hold.wait(30)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    server.daemon_threads = True
    state["r"] = Receiver(url=f"http://{host}:{server.server_port}/hook")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state["r"]
    finally:
        if state["r"].hold is not None:
            state["r"].hold.set()
        server.shutdown()
        server.server_close()
