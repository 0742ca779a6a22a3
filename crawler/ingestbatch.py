"""Store a pipeline batch of pages in one transaction, the independent ones in a few statements.

:func:`crawler.ingest.ingest_article` costs seven or eight statements a page (URL lookup,
fingerprint lookup, band probe, article, aliases, story, the article's story, band rows). Most
pages of a crawl are new and match nothing, so a batch first looks up the URLs, fingerprints and
LSH bands of all its pages at once (one statement each) and calls a page *independent* when none
of its keys is stored already (a URL as canonical URL or alias, a fingerprint with a story in the
window, a band hash at all) nor shared with another page of the batch. For such a page
``ingest_article`` would find nothing and start a story: a run of consecutive independent pages is
stored that way together (articles, aliases, stories, the articles' stories and band rows, one
statement each). Every other page (a known URL, a copy, a page matching another page of the
batch) goes through ``ingest_article`` after the run before it, so pages are stored in batch
order and every outcome, id and story is the one page-by-page ingestion gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from crawler.dedup import band_hashes
from crawler.ingest import Identity, article_fields, ingest_article, lock_batch
from crawler.records import IngestResult
from crawler.storage import articles, lsh_bands, stories

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crawler.config import DedupSettings
    from crawler.records import ExtractedArticle, FetchedPage, Relevance


@dataclass(frozen=True, slots=True)
class Pending:
    """One page of a batch, ready to store."""

    page: FetchedPage
    article: ExtractedArticle
    relevance: Relevance
    identity: Identity
    baseline: bool


def ingest_batch(
    session: Session,
    batch: Sequence[Pending],
    settings: DedupSettings,
    *,
    now: datetime | None = None,
) -> Iterator[IngestResult]:
    """Store ``batch`` in the caller's write transaction, yielding each page's result in order.

    Takes the batch's lock keys first (:func:`crawler.ingest.lock_batch`). Lazy: a page is stored
    only when the previous result was taken, so a caller's per-result work (the alert hook) sees
    the store as page-by-page ingestion would. Storing a run of independent pages fails the
    transaction (IntegrityError) if one of them was stored meanwhile by a writer that took no
    lock; the caller retries page by page.
    """
    now = now or datetime.now(UTC)
    lock_batch(session, [pending.identity for pending in batch], settings)
    run: list[Pending] = []
    for pending, independent in zip(
        batch, _independent(session, batch, settings, now), strict=True
    ):
        if independent:
            run.append(pending)
            continue
        yield from _store_new(session, run, settings, now)
        run = []
        yield ingest_article(
            session,
            pending.page,
            pending.article,
            pending.relevance,
            settings=settings,
            baseline=pending.baseline,
            now=now,
            identity=pending.identity,
            locked=True,
        )
    yield from _store_new(session, run, settings, now)


def _keys(identity: Identity, settings: DedupSettings) -> set[tuple[str, object]]:
    """What ``ingest_article`` could match the page by: its URLs, its fingerprint, its bands."""
    key = identity.key
    keys: set[tuple[str, object]] = {
        ("url", url) for url in (identity.canonical, *identity.aliases)
    }
    if key.exact_matchable:
        keys.add(("fingerprint", key.fingerprint))
    if key.signature is not None:
        keys.update(("band", band) for band in band_hashes(key.signature, settings))
    return keys


def _independent(
    session: Session, batch: Sequence[Pending], settings: DedupSettings, now: datetime
) -> list[bool]:
    """Per page: whether none of its keys is stored already or shared with another page."""
    keys = [_keys(pending.identity, settings) for pending in batch]
    counts = Counter(key for page_keys in keys for key in page_keys)
    by_kind: dict[str, set[object]] = {"url": set(), "fingerprint": set(), "band": set()}
    for kind, value in counts:
        by_kind[kind].add(value)
    stored: set[tuple[str, object]] = set()
    stored.update(("url", url) for url in articles.updated_at_by_url(session, by_kind["url"]))
    stored.update(
        ("fingerprint", fingerprint)
        for fingerprint in articles.fingerprints_with_story(
            session, by_kind["fingerprint"], since=now - settings.window
        )
    )
    stored.update(("band", band) for band in lsh_bands.found(session, by_kind["band"]))
    return [
        all(counts[key] == 1 for key in page_keys) and not page_keys & stored for page_keys in keys
    ]


def _store_new(
    session: Session, run: Sequence[Pending], settings: DedupSettings, now: datetime
) -> Iterator[IngestResult]:
    """Store independent pages as ``ingest_article`` stores a new page, each statement once."""
    if not run:
        return
    stored = articles.insert_many(
        session,
        [
            {
                **article_fields(
                    pending.page,
                    pending.article,
                    pending.relevance,
                    pending.identity.key,
                    baseline=pending.baseline,
                ),
                "canonical_url": pending.identity.canonical,
                "story_id": None,
                "first_seen": now,
                "updated_at": now,
            }
            for pending in run
        ],
    )
    articles.add_alias_rows(
        session,
        [
            (article.id, url)
            for article, pending in zip(stored, run, strict=True)
            for url in pending.identity.aliases
        ],
    )
    started = stories.start_many(session, stored, now=now)
    lsh_bands.add_many(
        session,
        [
            (article.id, story.id, band_hashes(pending.identity.key.signature, settings))
            for article, story, pending in zip(stored, started, run, strict=True)
            if pending.identity.key.signature is not None
        ],
        now=now,
    )
    session.flush()
    for article, story in zip(stored, started, strict=True):
        yield IngestResult(status="new", article=article, story=story, new_outlet=True)
