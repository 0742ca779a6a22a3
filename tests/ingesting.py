"""Ingest helpers shared by the ingest, ingest-concurrency and retention tests."""

from __future__ import annotations

import weakref
from datetime import UTC, datetime

from crawler.config import DedupSettings
from crawler.db import Database
from crawler.ingest import ingest_article
from crawler.records import ExtractedArticle, FetchedPage, IngestResult, Relevance
from crawler.storage.tables import Source

SETTINGS = DedupSettings()
NOW = datetime(2025, 6, 5, 12, 0, tzinfo=UTC)
RELEVANCE = Relevance(score=0.8, relevant=True, china_terms={"China": 2}, us_terms={"U.S.": 1})
RELATED_BLOCK = (
    "\n\nRelated\n\nStocks slip as investors weigh the latest data\n\n"
    "Five things to know before the markets open on Monday\n\nWeather: storms expected"
)
BODY = "\n\n".join(
    f"Paragraph {i}: negotiators from Beijing and Washington met again on day {i} to discuss "
    f"tariffs on item {i * 7}, export controls and the {i}th round of talks."
    for i in range(20)
)


_SOURCED: weakref.WeakSet[Database] = weakref.WeakSet()
"""Databases ``ingest`` has given their source (no test deletes it): a corpus test ingests
thousands of pages, and one more transaction per page was ~8% of its time."""


def ensure_source(database: Database, source_id: str = "src") -> None:
    with database.transaction() as session:
        if session.get(Source, source_id) is None:
            session.add(Source(id=source_id, name=source_id, kind="feed"))


def ingest(
    database: Database,
    url: str,
    text: str,
    *,
    title: str = "A title",
    outlet: str | None = None,
    final_url: str | None = None,
    canonical_hint: str | None = None,
    partial: bool = False,
    now: datetime = NOW,
    settings: DedupSettings = SETTINGS,
) -> IngestResult:
    if database not in _SOURCED:
        ensure_source(database)
        _SOURCED.add(database)
    page = FetchedPage(source_id="src", url=url, final_url=final_url, outlet=outlet)
    extracted = ExtractedArticle(
        url=final_url or url,
        title=title,
        text=text,
        authors=["Jane Doe"],
        language="en",
        canonical_hint=canonical_hint,
        partial=partial,
    )
    with database.transaction() as session:
        return ingest_article(
            session, page, extracted, RELEVANCE, settings=settings, baseline=False, now=now
        )
