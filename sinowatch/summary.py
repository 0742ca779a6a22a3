"""What ``sinowatch status`` and the service report: the crawl's and the alerts' counts together.

It reads both layers' state, so it lives above them. The counts come from the maintained
``counters`` (:mod:`crawler.storage.counters`: a handful of rows, whatever the store's size), the
sources' state from one small query per source.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from crawler.storage import counters
from crawler.store import SourceStatus, source_statuses

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class StatusSummary:
    """Counts and per-source crawl state for ``sinowatch status``."""

    sources: list[SourceStatus]
    articles: int
    relevant_articles: int
    stories: int
    alerts: int
    deliveries: dict[str, int]
    """Delivery count per status present in the outbox (e.g. pending, sent, dead)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: datetimes as ISO 8601 strings."""
        return {**asdict(self), "sources": [source.to_dict() for source in self.sources]}


def status_summary(session: Session) -> StatusSummary:
    """Read the whole summary in one session."""
    counts = counters.totals(session)
    return StatusSummary(
        sources=source_statuses(session),
        articles=counts.get(counters.ARTICLES, 0),
        relevant_articles=counts.get(counters.RELEVANT_ARTICLES, 0),
        stories=counts.get(counters.STORIES, 0),
        alerts=counts.get(counters.ALERTS, 0),
        deliveries=counters.deliveries_by_status(counts),
    )
