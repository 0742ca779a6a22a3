"""crawler.ingest under concurrency: copies of one story stored at once still make one story.

Each worker (a thread with its own connection, or a process) stores a different copy of the same
article and keeps its transaction open a little after the story lookup, as a pipeline batch does
before it commits. Without serialised story assignment every worker finds no story and starts its
own; with it the first one starts the story and the others join it. Runs on SQLite (file) and on
PostgreSQL.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier as ProcessBarrier
from typing import Any

import pytest
from sqlalchemy import func, select

from crawler.db import Database
from crawler.dedup import text_key
from crawler.ingest import ingest_article
from crawler.records import ExtractedArticle, FetchedPage
from crawler.storage.tables import Article, Story
from tests.ingesting import BODY, NOW, RELATED_BLOCK, RELEVANCE, SETTINGS, ensure_source
from tests.processes import process_context

HOLD_S = 0.3
"""How long each worker keeps its transaction open between its lookup and its commit."""
WORKER_TIMEOUT_S = 120
DATELINES = ("", "BEIJING, June 5 (Xinhua) -- ", "WASHINGTON (AP) — ", "HONG KONG, June 5 — ")

Copy = tuple[str, str, str, str]
"""(url, outlet, title, text) of one outlet's copy."""


def near_copies(count: int) -> list[Copy]:
    """Syndicated copies, each with its own headline, dateline and a related block appended."""
    copies = []
    for n in range(count):
        headline = f"Outlet {n} exclusive: Beijing and Washington talks resume"
        text = f"{headline}\n\n{DATELINES[n % len(DATELINES)]}{BODY}{RELATED_BLOCK}"
        copies.append((f"https://outlet{n}.example/news/talks", f"Outlet {n}", headline, text))
    return copies


def exact_copies(count: int) -> list[Copy]:
    """Word-for-word copies (case and spacing differ): one fingerprint."""
    variants = (BODY, BODY.upper(), BODY.replace(" ", "  "), BODY.lower())
    return [
        (f"https://outlet{n}.example/wire/talks", f"Outlet {n}", "Talks resume", variants[n % 4])
        for n in range(count)
    ]


def store_copy(url: str, copy: Copy, start: Callable[[], Any]) -> str:
    """Store ``copy`` in its own transaction, held open ``HOLD_S`` after ingest; its status."""
    page_url, outlet, title, text = copy
    database = Database(url)
    try:
        page = FetchedPage(source_id="src", url=page_url, outlet=outlet)
        extracted = ExtractedArticle(url=page_url, title=title, text=text, language="en")
        start()
        with database.transaction() as session:
            result = ingest_article(
                session, page, extracted, RELEVANCE, settings=SETTINGS, baseline=False, now=NOW
            )
            time.sleep(HOLD_S)  # the rest of a pipeline batch, before it commits
            return result.status
    finally:
        database.dispose()


def run_threads(database: Database, copies: list[Copy]) -> list[str]:
    barrier = threading.Barrier(len(copies))
    statuses: list[str] = []
    errors: list[str] = []

    def worker(copy: Copy) -> None:
        try:
            statuses.append(store_copy(database.url, copy, lambda: barrier.wait(timeout=30)))
        except BaseException:  # reported to the test thread below
            barrier.abort()
            errors.append(traceback.format_exc())

    threads = [threading.Thread(target=worker, args=(copy,)) for copy in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=WORKER_TIMEOUT_S)
    assert errors == [], "\n".join(errors)
    return statuses


def _process_main(url: str, copy: Copy, barrier: ProcessBarrier, queue: Queue) -> None:
    try:
        queue.put(store_copy(url, copy, lambda: barrier.wait(timeout=60)))
    except BaseException:
        barrier.abort()
        queue.put(f"error: {traceback.format_exc()}")


def run_processes(database: Database, copies: list[Copy]) -> list[str]:
    context = process_context()
    barrier = context.Barrier(len(copies))
    queue = context.Queue()
    processes = [
        context.Process(target=_process_main, args=(database.url, copy, barrier, queue))
        for copy in copies
    ]
    for process in processes:
        process.start()
    statuses = [queue.get(timeout=WORKER_TIMEOUT_S) for _ in processes]
    for process in processes:
        process.join(timeout=WORKER_TIMEOUT_S)
    errors = [status for status in statuses if status.startswith("error")]
    assert errors == [], "\n".join(errors)
    return statuses


def assert_one_story(database: Database, copies: list[Copy], statuses: list[str]) -> None:
    assert sorted(statuses) == ["duplicate"] * (len(copies) - 1) + ["new"]
    with database.session() as session:
        stories = list(session.scalars(select(Story)))
        story_ids = set(session.scalars(select(Article.story_id)))
        articles = session.scalar(select(func.count()).select_from(Article))
    assert len(stories) == 1, [(story.id, story.outlets) for story in stories]
    story = stories[0]
    assert articles == len(copies) and story_ids == {story.id}
    assert story.article_count == len(copies)
    assert sorted(story.outlets) == sorted(outlet for _, outlet, _, _ in copies)


def fingerprints(copies: list[Copy]) -> set[str]:
    return {text_key(text, SETTINGS).fingerprint for _, _, _, text in copies}


@pytest.mark.parametrize("workers", [2, 4])
def test_near_duplicate_copies_stored_at_once_make_one_story(
    any_database: Database, workers: int
) -> None:
    copies = near_copies(workers)
    assert len(fingerprints(copies)) == workers  # joined by MinHash LSH, not by fingerprint
    ensure_source(any_database)
    statuses = run_threads(any_database, copies)
    assert_one_story(any_database, copies, statuses)


def test_exact_copies_stored_at_once_make_one_story(any_database: Database) -> None:
    copies = exact_copies(4)
    assert len(fingerprints(copies)) == 1
    ensure_source(any_database)
    statuses = run_threads(any_database, copies)
    assert_one_story(any_database, copies, statuses)


@pytest.mark.slow
@pytest.mark.parametrize("make_copies", [near_copies, exact_copies], ids=["near", "exact"])
def test_copies_stored_by_four_processes_make_one_story(
    any_database: Database, make_copies: Callable[[int], list[Copy]]
) -> None:
    copies = make_copies(4)
    ensure_source(any_database)
    statuses = run_processes(any_database, copies)
    assert_one_story(any_database, copies, statuses)


def test_reads_do_not_wait_for_a_storing_transaction(any_database: Database) -> None:
    """While a copy's transaction holds the story lock, another connection still reads."""
    first, second = near_copies(2)
    ensure_source(any_database)
    assert store_copy(any_database.url, first, lambda: None) == "new"
    reader = Database(any_database.url)
    page = FetchedPage(source_id="src", url=second[0], outlet=second[1])
    extracted = ExtractedArticle(url=second[0], title=second[2], text=second[3])
    try:
        with any_database.transaction() as session:
            result = ingest_article(
                session, page, extracted, RELEVANCE, settings=SETTINGS, baseline=False, now=NOW
            )
            assert result.status == "duplicate"
            # A status read on SQLite would fail with "database is locked" (after the busy
            # timeout) if reads took the write lock; on PostgreSQL if they took the story lock.
            with reader.session() as read:
                assert read.scalar(select(Story.article_count)) == 1  # not committed yet
        with reader.session() as read:
            assert read.scalar(select(Story.article_count)) == 2
    finally:
        reader.dispose()


@pytest.mark.postgres
def test_only_pages_that_could_join_one_story_wait_for_each_other(pg_url: str) -> None:
    """One transaction holds a stored page uncommitted: an unrelated page is stored meanwhile
    (one global lock would make it wait), a near copy of the held page waits for its commit."""
    database = Database(pg_url)
    ensure_source(database)
    held, copy = near_copies(2)
    words = " ".join(f"w{i}" for i in range(300))
    unrelated = ("https://other.example/news/floods", "Other", "Floods", words)

    def store(session: Any, item: Copy) -> str:
        page = FetchedPage(source_id="src", url=item[0], outlet=item[1])
        extracted = ExtractedArticle(url=item[0], title=item[2], text=item[3], language="en")
        result = ingest_article(
            session, page, extracted, RELEVANCE, settings=SETTINGS, baseline=False, now=NOW
        )
        return result.status

    def store_within(item: Copy, seconds: float) -> str:
        other = Database(pg_url)
        try:
            with other.transaction() as session:
                session.connection().exec_driver_sql(f"SET LOCAL lock_timeout = '{seconds}s'")
                return store(session, item)
        finally:
            other.dispose()

    try:
        with database.transaction() as session:
            assert store(session, held) == "new"
            assert store_within(unrelated, 5) == "new"
            with pytest.raises(Exception, match="lock timeout"):
                store_within(copy, 1)
        assert store_within(copy, 5) == "duplicate"  # once the held page committed
    finally:
        database.dispose()
