"""The crawl pipeline's hook: stored article → matcher → rules → alert + deliveries.

Runs inside the transaction that stores the article, so an article, its alerts and their
deliveries commit (or roll back) together. Driven by ``watchlists`` (with their ``rules`` and
``channels``), ``relevance.threshold`` and each channel's ``mode``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from alerts import outbox
from alerts.hits import ArticleText, Hit
from alerts.rules import ArticleFacts, added_hits, decide, qualifying_hits
from crawler.storage.tables import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from alerts.channels import ChannelBase
    from alerts.config import WatchlistSettings
    from alerts.matcher import Matcher
    from crawler.records import IngestResult
    from crawler.storage.tables import Article

log = logging.getLogger(__name__)


class AlertHook:
    """A :data:`crawler.records.ArticleHook` that writes alerts and their outbox deliveries."""

    def __init__(
        self,
        matcher: Matcher,
        *,
        watchlists: Sequence[WatchlistSettings],
        channels: Mapping[str, ChannelBase],
        relevance_threshold: float,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        """``channels``: every channel a watchlist names (each delivery takes its ``mode``);
        ``relevance_threshold``: the default of a watchlist's ``rules.min_relevance``."""
        self._watchlists = watchlists
        self._channels = channels
        self._relevance_threshold = relevance_threshold
        self._matcher = matcher
        self._now = now or utcnow

    def __call__(self, session: Session, result: IngestResult) -> int:
        """Create the alerts ``result`` warrants; returns how many were created."""
        if result.status == "unchanged" or not self._watchlists:
            return 0
        article = result.article
        hits = self._matcher.match(_text(article.title, article.text, article))
        if not hits:
            return 0
        previous: list[Hit] | None = None
        if result.status == "revision":
            previous = self._matcher.match(
                _text(result.previous_title, result.previous_text, article)
            )
        session.flush()
        now = self._now()
        created = 0
        decisions = decide(
            self._watchlists,
            hits,
            ArticleFacts.of(article),
            relevance_threshold=self._relevance_threshold,
            now=now,
        )
        for watchlist in self._watchlists:
            decision = decisions[watchlist.name]
            if not decision.alert:
                log.debug(
                    "no alert for %s on %s: %s",
                    watchlist.name,
                    article.url,
                    "; ".join(decision.reasons),
                    extra={"event": "no_alert", "watchlist": watchlist.name},
                )
                continue
            if previous is not None and not added_hits(
                decision.hits, qualifying_hits(watchlist, previous)
            ):
                log.debug("revision of %s adds no new hit for %s", article.url, watchlist.name)
                continue
            channels = [(name, self._channels[name].mode) for name in watchlist.channels]
            alert_id = outbox.create_alert(
                session,
                watchlist=watchlist.name,
                story_id=result.story.id,
                article_id=article.id,
                title=article.title,
                hits=[hit.to_dict() for hit in decision.hits],
                channels=channels,
                now=now,
            )
            if alert_id is not None:
                created += 1
                log.info("alert %d: %s on %s", alert_id, watchlist.name, article.url)
        return created


def _text(title: str | None, text: str | None, article: Article) -> ArticleText:
    return ArticleText(title=title or "", text=text or "", authors=tuple(article.authors or ()))
