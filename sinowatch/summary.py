"""What ``sinowatch status`` and the service report: the crawl's and the alerts' counts together.

It reads both layers' storage (:mod:`crawler.storage`, :mod:`alerts.storage`), so it lives above
them; each query is answered from an index or a small aggregate.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from alerts.storage import alerts, deliveries
from crawler.storage import articles, stories
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
    """Read the whole summary in one session (a handful of small aggregate queries)."""
    return StatusSummary(
        sources=source_statuses(session),
        articles=articles.count(session),
        relevant_articles=articles.count(session, relevant=True),
        stories=stories.count(session),
        alerts=alerts.count(session),
        deliveries=deliveries.count_by_status(session),
    )
