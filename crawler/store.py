"""The sources' crawl state as ``sinowatch status`` and the service report it.

Read through :mod:`crawler.storage` (each query answered from an index, so its cost stays flat as
the store grows); callers get plain dataclasses back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from crawler.storage import runs as crawl_runs
from crawler.storage import sources

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

RUNS_LOOKED_AT = 5
"""Finished runs read per source to find its last ledger (a run closed as interrupted after its
process died has none)."""


@dataclass(frozen=True)
class SourceStatus:
    """One source's crawl state as last recorded."""

    id: str
    name: str
    last_run_at: datetime | None
    last_status: str | None
    consecutive_errors: int
    last_error: str | None
    last_crawl: dict[str, Any] | None = None
    """The ledger of the source's last recorded crawl (``entries``, ``new``, ``updated``,
    ``known``, ``skipped`` and ``failed`` by reason, ``warnings``); None before the first."""
    failed_pages: list[dict[str, str]] | None = None
    """That crawl's failed pages: ``url``, ``reason``, ``detail``."""

    @property
    def page_errors(self) -> int:
        """Entries that failed in the last crawl."""
        return sum((self.last_crawl or {}).get("failed", {}).values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the datetime as an ISO 8601 string."""
        data = asdict(self)
        data.pop("failed_pages")
        data["last_run_at"] = self.last_run_at.isoformat() if self.last_run_at else None
        return data


def source_statuses(session: Session) -> list[SourceStatus]:
    """Every source's crawl state as last recorded, by id."""
    return [
        SourceStatus(
            id=row.id,
            name=row.name,
            last_run_at=row.last_run_at,
            last_status=row.last_status,
            consecutive_errors=row.consecutive_errors or 0,
            last_error=row.last_error,
            **last_ledger(session, row.id),
        )
        for row in sources.every(session)
    ]


def last_ledger(session: Session, source_id: str) -> dict[str, Any]:
    """``last_crawl`` and ``failed_pages`` of the source's last finished run with a ledger."""
    runs = crawl_runs.latest_finished_details(session, source_id, limit=RUNS_LOOKED_AT)
    for details in runs:
        if details and "ledger" in details:
            return {
                "last_crawl": details["ledger"],
                "failed_pages": list(details.get("failed_pages") or []),
            }
    return {}
