"""Concurrency on PostgreSQL (issue 8): several processes share one database at once.

- Four crawl processes store overlapping article sets through
  :func:`crawler.ingest.ingest_article`, one transaction per page as the pipeline does: no article
  is stored twice and every story exists once, whether the processes meet on the same pages or on
  copies of one story at other outlets (wire reprints).
- Four dispatchers (:class:`alerts.dispatcher.Dispatcher`) drain one outbox into a real webhook
  receiver on 127.0.0.1: every delivery arrives exactly once and ends ``sent``.

Processes are started with ``spawn`` and released together by a barrier so their transactions
really interleave.
"""

from __future__ import annotations

import asyncio
import random
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any

import pytest
from sqlalchemy import select

from alerts.dispatcher import Dispatcher
from alerts.storage.tables import Delivery
from crawler.config import DedupSettings
from crawler.db import Database
from crawler.ingest import ingest_article
from crawler.records import ExtractedArticle, FetchedPage, Relevance
from crawler.storage.tables import Article, Source, Story
from tests.alerting import NOW, Receiver, seed_alerts, settings_with, webhook_receiver
from tests.processes import process_context

pytestmark = pytest.mark.postgres

WORKERS = 4
STORIES = 12
OUTLETS = ("wire.example", "daily.example", "herald.example")
SHARE_PER_WORKER = 0.75  # each worker stores 3/4 of the pages: any two overlap on at least half
WORDS_PER_TEXT = 220
SOURCE_ID = "crawl"
WORKER_TIMEOUT_S = 240
DELIVERIES = 120
# One delivery per claim: at most four requests in flight, within the receiver's listen backlog
# (ThreadingHTTPServer queues 5 connections), so every send reaches it even on a loaded machine.
CLAIM_BATCH = 1

Worker = Callable[[str, int, Barrier, Any], list[Any]]


def _worker_main(
    target: Worker, url: str, worker: int, barrier: Barrier, param: Any, queue: Queue
) -> None:
    """Run ``target`` in a child process; send back its results, or its traceback."""
    try:
        queue.put((worker, target(url, worker, barrier, param)))
    except BaseException:
        barrier.abort()  # do not leave the other workers waiting
        queue.put((worker, traceback.format_exc()))


def _run_workers(target: Worker, pg_url: str, param: Any) -> list[Any]:
    """Start WORKERS processes running ``target`` at once; return all their results."""
    context = process_context()
    barrier = context.Barrier(WORKERS)
    queue = context.Queue()
    processes = [
        context.Process(target=_worker_main, args=(target, pg_url, n, barrier, param, queue))
        for n in range(WORKERS)
    ]
    for process in processes:
        process.start()
    outcomes = dict(queue.get(timeout=WORKER_TIMEOUT_S) for _ in processes)
    for process in processes:
        process.join(timeout=WORKER_TIMEOUT_S)
    failures = {n: out for n, out in outcomes.items() if isinstance(out, str)}
    assert not failures, "\n".join(f"worker {n}:\n{tb}" for n, tb in failures.items())
    return [result for n in sorted(outcomes) for result in outcomes[n]]


def _story_text(story: int) -> str:
    """A distinct random text per story (seeded: the same in every process)."""
    rng = random.Random(f"story-{story}")
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ("".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(WORDS_PER_TEXT))
    return " ".join(words).capitalize() + "."


def _pages(outlets: int) -> dict[str, int]:
    """URL -> story: each story carried by the first ``outlets`` outlets, word for word."""
    return {
        f"https://{outlet}/news/story-{story}": story
        for story in range(STORIES)
        for outlet in OUTLETS[:outlets]
    }


def _ingest_worker(url: str, worker: int, barrier: Barrier, outlets: int) -> list[Any]:
    """Store this worker's share of the pages, in its own order."""
    pages = _pages(outlets)
    mine = random.Random(worker).sample(sorted(pages), int(len(pages) * SHARE_PER_WORKER))
    database = Database(url)
    settings = DedupSettings()
    relevance = Relevance(score=1.0, relevant=True)
    results = []
    barrier.wait()
    for page_url in mine:
        page = FetchedPage(source_id=SOURCE_ID, url=page_url, final_url=page_url)
        article = ExtractedArticle(
            url=page_url, title=f"Story {pages[page_url]}", text=_story_text(pages[page_url])
        )
        with database.transaction() as session:
            result = ingest_article(
                session, page, article, relevance, settings=settings, baseline=False,
                now=datetime.now(UTC),
            )  # fmt: skip
            results.append((page_url, result.status))
    database.dispose()
    return results


@pytest.mark.slow
@pytest.mark.parametrize(
    "outlets",
    [
        pytest.param(1, id="same-pages"),
        pytest.param(len(OUTLETS), id="wire-copies"),
    ],
)
def test_four_processes_store_overlapping_articles_once(pg_url: str, outlets: int) -> None:
    database = Database(pg_url)
    with database.transaction() as session:
        session.add(Source(id=SOURCE_ID, name="Crawl", kind="feed"))

    results = _run_workers(_ingest_worker, pg_url, outlets)

    with database.session() as session:
        articles = session.execute(select(Article.canonical_url, Article.story_id)).all()
        stories = dict(session.execute(select(Story.id, Story.article_count)).all())
    database.dispose()
    pages = _pages(outlets)
    ingested = {url for url, _ in results}
    statuses = Counter(status for _, status in results)
    assert sorted(url for url, _ in articles) == sorted(ingested)
    assert statuses["new"] + statuses["duplicate"] == len(ingested), statuses
    assert statuses["new"] == len(stories), statuses
    story_ids_per_story = defaultdict(set)
    for url, story_id in articles:
        story_ids_per_story[pages[url]].add(story_id)
    split = {story: ids for story, ids in story_ids_per_story.items() if len(ids) > 1}
    assert not split, f"one story stored as several stories: {split}"
    assert len(stories) == len({pages[url] for url in ingested})
    assert stories == dict(Counter(story_id for _, story_id in articles))


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    yield from webhook_receiver()


def _dispatch_worker(url: str, worker: int, barrier: Barrier, hook_url: str) -> list[Any]:
    """Claim and send small batches until the outbox has nothing due."""
    database = Database(url)
    settings = settings_with({"hook": {"type": "webhook", "url": hook_url, "timeout": "10s"}})
    dispatcher = Dispatcher(
        database, settings.channels, worker_id=f"dispatcher-{worker}", now=lambda: NOW
    )
    sent = []

    async def drain() -> None:
        while (stats := await dispatcher.run_once(limit=CLAIM_BATCH)).claimed:
            assert not stats.errors, stats.errors
            sent.append(stats.sent)
        await dispatcher.aclose()

    barrier.wait()
    asyncio.run(drain())
    database.dispose()
    return sent


@pytest.mark.slow
def test_four_dispatchers_send_every_delivery_exactly_once(pg_url: str, receiver: Receiver) -> None:
    database = Database(pg_url)
    seed_alerts(database, [("hook", "instant")], count=DELIVERIES)

    sent = _run_workers(_dispatch_worker, pg_url, receiver.url)

    with database.session() as session:
        rows = session.execute(select(Delivery.idempotency_key, Delivery.status)).all()
    database.dispose()
    received = Counter(request.headers["webhook-id"] for request in receiver.requests)
    repeated = {key: count for key, count in received.items() if count > 1}
    assert not repeated, f"sent more than once: {repeated}"
    assert set(received) == {key for key, _ in rows}
    assert {status for _, status in rows} == {"sent"}
    assert sum(sent) == DELIVERIES
