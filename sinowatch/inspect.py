"""What sinowatch makes of one page: the service's own extraction, relevance, fingerprint, matching
and rules, run on a single page without a database.

Every step calls the function the crawl pipeline calls (:func:`crawler.analysis.analyse`,
:func:`crawler.ingest.choose_canonical_url`, :func:`crawler.dedup.text_key`,
:meth:`alerts.matcher.Matcher.match`, :func:`alerts.rules.decide` on the same
:class:`alerts.rules.ArticleFacts` record the crawl's alert hook builds), so ``inspect`` and a
crawl cannot disagree. Rules that depend on history (the first-crawl baseline, once per story)
are not applied; ``max_age`` is applied only to pages fetched from the web.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from alerts.config import WatchlistSettings
from alerts.hits import ArticleText, Hit
from alerts.matcher import Matcher
from alerts.rules import ArticleFacts, Decision, decide
from crawler.analysis import analyse, scorer
from crawler.config import CrawlerSettings
from crawler.dedup import text_key
from crawler.ingest import choose_canonical_url
from crawler.records import ExtractedArticle, FetchedPage
from crawler.relevance import ScorerSettings
from crawler.scrapy_settings import user_agent
from crawler.storage.tables import utcnow
from sinowatch.settings import Settings

JSON_KEYS = (
    "url",
    "canonical_url",
    "title",
    "authors",
    "published",
    "language",
    "text",
    "partial",
    "relevance",
    "fingerprint",
    "hits",
    "would_alert",
)
"""The stable keys of ``sinowatch inspect --json`` (documented in the README)."""

RELEVANCE_KEYS = ("score", "relevant", "threshold", "china_terms", "us_terms", "explanation")
"""The keys of its ``relevance`` object (documented in the README)."""


class PageUnavailable(Exception):
    """The page could not be read or fetched (``inspect`` exits 1 with this reason)."""


@dataclass(frozen=True, slots=True)
class Inspection:
    """Everything ``inspect`` found, plus each watchlist's decision."""

    page: FetchedPage
    report: dict[str, Any]
    hits: list[Hit]
    decisions: dict[str, Decision]


def fetch_page(url: str, crawler: CrawlerSettings) -> FetchedPage:
    """Fetch ``url`` once with the crawler's user agent, timeout and size limit.

    ``download_timeout`` bounds the whole download, as in a crawl: httpx's timeout is per read,
    so a server dripping a byte at a time would otherwise hold ``inspect`` forever.

    Raises:
        PageUnavailable: network error, HTTP error status, or a page over ``max_page_bytes``.
    """
    headers = {"User-Agent": user_agent(crawler)}
    timeout = crawler.download_timeout.total_seconds()
    try:
        with (
            httpx.Client(follow_redirects=True, timeout=timeout, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise PageUnavailable(f"{url}: HTTP {response.status_code}")
            body = bytearray()
            deadline = time.monotonic() + timeout
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if time.monotonic() > deadline:
                    raise PageUnavailable(
                        f"{url}: timed out: the page took longer than crawler.download_timeout "
                        f"({timeout:g} s) to download"
                    )
                if len(body) > crawler.max_page_bytes:
                    raise PageUnavailable(
                        f"{url}: page larger than crawler.max_page_bytes "
                        f"({crawler.max_page_bytes:,} bytes)"
                    )
            return FetchedPage(
                source_id="inspect",
                url=url,
                final_url=str(response.url),
                html=bytes(body),
                encoding=response.charset_encoding,
            )
    except httpx.HTTPError as exc:
        raise PageUnavailable(f"{url}: {exc}") from None


def _canonical_url(page: FetchedPage, article: ExtractedArticle) -> str:
    """The URL a crawl would store the page under; a local file without --url keeps its own."""
    try:
        return choose_canonical_url(page, article)
    except ValueError:  # not an http(s) URL: a file:// page inspected without --url
        return page.url


def local_page(html: bytes, url: str) -> FetchedPage:
    """A page read from a file or standard input, filed under ``url``."""
    return FetchedPage(source_id="inspect", url=url, final_url=url, html=html)


def inspect_page(
    page: FetchedPage,
    settings: Settings,
    watchlists: Sequence[WatchlistSettings],
    *,
    apply_age: bool,
    now: datetime | None = None,
    matcher: Matcher | None = None,
) -> Inspection:
    """Run ``page`` through the pipeline's analysis, the matcher and the alert rules.

    ``matcher``: ``Matcher.compile(watchlists)``, for a caller inspecting many pages with the same
    watchlists (compiling them costs more than matching one page).
    """
    now = now or utcnow()
    scoring = ScorerSettings.of(settings.relevance)
    analysed = analyse(page, scoring, always=False)
    article, relevance = analysed.article, analysed.relevance
    explanation = scorer(scoring).explain(article.title or "", article.text or "")
    key = text_key(article.text or "", settings.dedup, partial=article.partial)
    hits = (matcher or Matcher.compile(watchlists)).match(
        ArticleText(
            title=article.title or "", text=article.text or "", authors=tuple(article.authors)
        )
    )
    # The facts a crawl would store for this page (first seen now; never a baseline: that rule
    # depends on the source's history).
    facts = ArticleFacts(
        published_at=article.published,
        first_seen=now,
        relevance_score=relevance.score,
        relevant=relevance.relevant,
    )
    decisions = decide(
        watchlists,
        hits,
        facts,
        relevance_threshold=settings.relevance.threshold,
        now=now,
        check_age=apply_age,
    )
    report = {
        "url": page.url,
        "canonical_url": _canonical_url(page, article),
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "text": article.text,
        "partial": article.partial,
        "relevance": {
            "score": relevance.score,
            "relevant": relevance.relevant,
            "threshold": settings.relevance.threshold,
            "china_terms": relevance.china_terms,
            "us_terms": relevance.us_terms,
            "explanation": explanation.to_dict(),
        },
        "fingerprint": key.fingerprint,
        "hits": [hit.to_dict() for hit in hits],
        "would_alert": [name for name, decision in decisions.items() if decision.alert],
    }
    return Inspection(page=page, report=report, hits=hits, decisions=decisions)
