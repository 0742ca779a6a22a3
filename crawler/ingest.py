"""Store one fetched article exactly once and file it under its story.

Settings: ``dedup.*`` (see :mod:`crawler.dedup`).

Identity is decided by the database, never by a read-then-write in memory: the article row is
inserted with ``ON CONFLICT (canonical_url) DO NOTHING`` and aliases likewise, so several crawl
processes sharing PostgreSQL cannot store one page twice. What happens to a page:

- known URL (canonical or alias), same text → ``unchanged`` (``updated_at`` records the re-check);
- known URL, changed text → ``revision`` (old text kept as an :class:`ArticleRevision`). The
  spiders fetch a known URL again only when its feed or sitemap dates a change after the article's
  ``updated_at`` (Atom ``updated``, sitemap ``lastmod``);
- new URL whose text matches an article of the window exactly or nearly → ``duplicate``
  (joins that story);
- otherwise → ``new``, with a new :class:`Story`.

Which story a page joins is a read-then-write, so it is serialised with every ingest that could
conflict, and only with those: on PostgreSQL :func:`ingest_article` first takes (unless its
caller's batch took them already) a transaction-level advisory lock per key the page is looked
up by (:func:`lock_keys`: each of its URLs, its exact fingerprint, each of its near-duplicate LSH
bands), held until the caller's batch commits; READ COMMITTED then sees every earlier commit. Two
pages that could join one story share a key (a near-duplicate is only ever found through a shared
band), so they are stored one after the other; pages that share no key are stored in parallel by
several processes. A batch takes the keys of all its pages first, in one ascending order
(:func:`lock_batch`), so two batches never deadlock on them. On SQLite
:meth:`crawler.db.Database.transaction` holds the write lock from ``BEGIN IMMEDIATE``. Two copies
of one wire story crawled at once thus become one story.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from crawler.dedup import TextKey, band_hashes, find_near_duplicate, index_signature, text_key
from crawler.records import IngestResult
from crawler.storage import articles, sql, stories
from crawler.urls import canonicalize_url, outlet_domain, same_site

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crawler.config import DedupSettings
    from crawler.records import ExtractedArticle, FetchedPage, Relevance
    from crawler.storage.tables import Article, Story

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Identity:
    """What a page is looked up by: its canonical URL, its other URLs and its text key."""

    canonical: str
    aliases: list[str]
    key: TextKey


def identify(page: FetchedPage, article: ExtractedArticle, settings: DedupSettings) -> Identity:
    """The page's :class:`Identity` (computed once: the MinHash costs a millisecond or so)."""
    canonical = choose_canonical_url(page, article)
    return Identity(
        canonical,
        _alias_urls(page, article, canonical),
        text_key(article.text or "", settings, partial=article.partial),
    )


def lock_keys(identity: Identity, settings: DedupSettings) -> set[int]:
    """The advisory lock keys of everything an ingest of ``identity`` reads then writes: each URL,
    the exact fingerprint (when it may match) and each LSH band of the MinHash."""
    names = [f"url {url}" for url in (identity.canonical, *identity.aliases)]
    key = identity.key
    if key.exact_matchable:
        names.append(f"fingerprint {key.fingerprint}")
    if key.signature is not None:
        names.extend(f"band {band} {value}" for band, value in band_hashes(key.signature, settings))
    return {_lock_key(name) for name in names}


def _lock_key(name: str) -> int:
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def lock_batch(session: Session, identities: Sequence[Identity], settings: DedupSettings) -> None:
    """Take the keys of every page of a batch at once, in one global order, before storing any:
    the per-page locks of :func:`ingest_article` are then held already, so no two batches
    deadlock on advisory locks whatever order their pages come in."""
    if not sql.has_advisory_locks(session):
        return
    keys: set[int] = set()
    for identity in identities:
        keys |= lock_keys(identity, settings)
    sql.advisory_xact_locks(session, keys)


def ingest_article(
    session: Session,
    page: FetchedPage,
    article: ExtractedArticle,
    relevance: Relevance,
    *,
    settings: DedupSettings,
    baseline: bool,
    now: datetime | None = None,
    identity: Identity | None = None,
    locked: bool = False,
) -> IngestResult:
    """Store ``article`` (from ``page``) as new, duplicate, revision or unchanged.

    Runs inside the caller's transaction (the pipeline commits the article with its alerts).
    On SQLite that must be a write transaction (:meth:`crawler.db.Database.transaction`).
    ``identity``: the page's :func:`identify`, when the caller computed it already.
    ``locked``: the caller's transaction holds the page's lock keys already (:func:`lock_batch`).
    """
    identity = identity or identify(page, article, settings)
    if not locked and sql.has_advisory_locks(session):
        # Taken before any lookup, so no ingest waits on a key while holding rows another needs.
        sql.advisory_xact_locks(session, lock_keys(identity, settings))
    now = now or datetime.now(UTC)
    canonical, aliases, key = identity.canonical, identity.aliases, identity.key

    existing = articles.find(session, canonical, aliases)
    if existing is not None:
        return _refetched(
            session, existing, page, article, relevance, key, aliases, settings, now, baseline
        )

    story_id = matching_story(session, key, settings, now)
    stored = articles.insert_new(
        session,
        {
            **article_fields(page, article, relevance, key, baseline=baseline),
            "canonical_url": canonical,
            "story_id": story_id,
            "first_seen": now,
            "updated_at": now,
        },
    )
    if stored is None:
        # Another process stored this page between our lookup and our insert.
        existing = articles.find(session, canonical, aliases)
        if existing is None:  # pragma: no cover - the conflicting row must be visible now
            raise RuntimeError(f"article {canonical} conflicted but cannot be read back")
        return _refetched(
            session, existing, page, article, relevance, key, aliases, settings, now, baseline
        )

    articles.add_aliases(session, stored.id, aliases)
    outlet = stored.outlet or ""
    if story_id is None:
        story = stories.start(session, stored, now=now)
        status, new_outlet = "new", True
    else:
        story, new_outlet = _join_story(session, story_id, outlet, now)
        status = "duplicate"
    if key.signature is not None:
        index_signature(
            session, stored.id, story.id, key.signature, settings, now=now, new_article=True
        )
    session.flush()
    return IngestResult(status=status, article=stored, story=story, new_outlet=new_outlet)


def known_urls(session: Session, urls: Iterable[str]) -> set[str]:
    """The subset of ``urls`` (as linked) already stored, under a canonical URL or an alias."""
    return set(known_url_times(session, urls))


def known_url_times(session: Session, urls: Iterable[str]) -> dict[str, datetime]:
    """Of ``urls`` (as linked), those already stored (canonical URL or alias), each with its
    article's ``updated_at``: when sinowatch last stored or re-checked the page."""
    forms: dict[str, set[str]] = {}
    for url in urls:
        forms[url] = {url}
        try:
            forms[url].add(canonicalize_url(url))
        except ValueError:
            continue
    every = set().union(*forms.values()) if forms else set()
    if not every:
        return {}
    found = articles.updated_at_by_url(session, every)
    times: dict[str, datetime] = {}
    for url, variants in forms.items():
        stamps = [found[variant] for variant in variants if variant in found]
        if stamps:
            times[url] = max(stamps)
    return times


def choose_canonical_url(page: FetchedPage, article: ExtractedArticle) -> str:
    """The page's own canonical tag when it stays on the site (and is not its home page), else the
    URL the page was served from; canonicalised either way. A tag no URL parser takes (a port out
    of range…) is ignored like any other untrustworthy one."""
    served = page.final_url or page.url
    if article.canonical_hint:
        hint = urljoin(served, article.canonical_hint.strip())
        try:
            if (
                urlsplit(hint).scheme in ("http", "https")
                and same_site(hint, served)
                and urlsplit(hint).path.strip("/") != ""
            ):
                return canonicalize_url(hint)
        except ValueError:
            log.debug("ignoring the malformed canonical URL %r of %s", hint, served)
    return canonicalize_url(served)


def _alias_urls(page: FetchedPage, article: ExtractedArticle, canonical: str) -> list[str]:
    """Every other form under which this page may be linked again (raw and canonicalised)."""
    urls = {page.url, page.final_url or page.url, article.url}
    forms = set(urls)
    for url in urls:
        try:
            forms.add(canonicalize_url(url))
        except ValueError:
            forms.discard(url)
    forms.discard(canonical)
    return sorted(url for url in forms if len(url) <= 2000)


def matching_story(
    session: Session, key: TextKey, settings: DedupSettings, now: datetime
) -> int | None:
    """The story of an article with the same text, else of a confirmed near-duplicate."""
    since = now - settings.window
    if key.exact_matchable:
        story_id = articles.story_with_fingerprint(session, key.fingerprint, since=since)
        if story_id is not None:
            return story_id
    if key.signature is not None:
        match = find_near_duplicate(session, key.signature, settings, since=since)
        if match is not None:
            log.debug(
                "near-duplicate of article %s (jaccard %.2f, containment %.2f)",
                match.article_id,
                match.jaccard,
                match.containment,
            )
            return match.story_id
    return None


def _join_story(session: Session, story_id: int, outlet: str, now: datetime) -> tuple[Story, bool]:
    """Count one more article on the story; add its outlet (row locked where the engine can)."""
    story = stories.count_article(session, story_id, now=now)
    new_outlet = outlet not in (story.outlets or [])
    if new_outlet:
        story.outlets = [*(story.outlets or []), outlet]
    return story, new_outlet


def _refetched(
    session: Session,
    stored: Article,
    page: FetchedPage,
    article: ExtractedArticle,
    relevance: Relevance,
    key: TextKey,
    aliases: list[str],
    settings: DedupSettings,
    now: datetime,
    baseline: bool,
) -> IngestResult:
    articles.add_aliases(session, stored.id, aliases)
    story = stories.get(session, stored.story_id) if stored.story_id is not None else None
    if story is None:  # the story was deleted (retention); start a fresh one
        story = stories.start(session, stored, now=now)
    unchanged = key.fingerprint == stored.fingerprint or (article.partial and not stored.partial)
    if unchanged:
        stored.updated_at = now  # re-checked: an index date older than this is not a change
        session.flush()
        return IngestResult(status="unchanged", article=stored, story=story)

    previous_title, previous_text = stored.title, stored.text
    articles.keep_revision(session, stored, now=now)
    # An edit seen after the source's baseline is news: the article no longer counts as baseline.
    for name, value in article_fields(
        page, article, relevance, key, baseline=stored.baseline and baseline
    ).items():
        if name not in ("url", "source_id", "outlet"):
            setattr(stored, name, value)
    stored.revision += 1
    stored.updated_at = now
    if key.signature is not None:
        index_signature(session, stored.id, story.id, key.signature, settings, now=now)
    session.flush()
    return IngestResult(
        status="revision",
        article=stored,
        story=story,
        previous_title=previous_title,
        previous_text=previous_text,
    )


def article_fields(
    page: FetchedPage,
    article: ExtractedArticle,
    relevance: Relevance,
    key: TextKey,
    *,
    baseline: bool,
) -> dict[str, Any]:
    served = page.final_url or page.url
    return {
        "url": served,
        "source_id": page.source_id,
        "outlet": page.outlet or outlet_domain(served),
        "title": article.title,
        "authors": list(article.authors),
        "published_at": article.published,
        "language": article.language,
        "summary": article.summary,
        "text": article.text,
        "partial": article.partial,
        "relevance_score": relevance.score,
        "relevant": relevance.relevant,
        "relevance_terms": {"china": relevance.china_terms, "us": relevance.us_terms},
        "fingerprint": key.fingerprint,
        "minhash": key.signature.to_bytes() if key.signature is not None else None,
        "baseline": baseline,
    }
