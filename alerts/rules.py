"""Which matcher hits become alerts.

Driven by each watchlist's ``rules`` (:class:`~alerts.config.RuleSettings`): ``max_age``,
``min_relevance`` (default: the config's ``relevance.threshold``), ``relevant_only`` and
``require: quoted``; and by each expert's own ``require``. An article of a ``relevance: always``
source is marked relevant without a score (:func:`crawler.relevance.always_relevant`): it meets
any ``min_relevance``.

The rules read an :class:`ArticleFacts` record, not an ORM row: the crawl builds it from the stored
article (:meth:`ArticleFacts.of`), ``sinowatch inspect`` from the page it analysed, and both call
:func:`decide` — so ``inspect`` cannot drift from the crawl it explains.

One alert per (watchlist, story) is not decided here: the database's unique constraint enforces it
when :mod:`alerts.hook` inserts the alert.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alerts.config import WatchlistSettings
    from alerts.hits import Hit
    from crawler.storage.tables import Article

HitKey = tuple[str, str, str]


@dataclass(slots=True)
class Decision:
    """Whether a watchlist alerts on an article; ``reasons`` says why not, ``hits`` what counts."""

    alert: bool
    reasons: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """The facts of an article the rules read, whether it was crawled and stored or inspected."""

    published_at: datetime | None
    first_seen: datetime | None
    relevance_score: float | None
    relevant: bool
    """The crawl's relevance mark; with no score it is the ``relevance: always`` mark."""
    baseline: bool = False
    """Stored by the first crawl of its source (never alerts)."""

    @classmethod
    def of(cls, article: Article) -> ArticleFacts:
        """The facts of a stored article (the crawl's record)."""
        return cls(
            published_at=article.published_at,
            first_seen=article.first_seen,
            relevance_score=article.relevance_score,
            relevant=bool(article.relevant),
            baseline=bool(article.baseline),
        )


def hit_key(hit: Hit) -> HitKey:
    """What makes two hits "the same" when comparing an article's revisions."""
    return (hit.watchlist, hit.kind, hit.id)


def qualifying_hits(watchlist: WatchlistSettings, hits: Iterable[Hit]) -> list[Hit]:
    """The watchlist's hits that may alert: experts that must be quoted are dropped if not."""
    quoted_only = _experts_requiring_quote(watchlist)
    kept = []
    for hit in hits:
        if hit.watchlist != watchlist.name:
            continue
        if hit.kind == "expert" and hit.mention != "quoted":
            required = watchlist.rules.require == "quoted"
            if required or hit.id in quoted_only or hit.name in quoted_only:
                continue
        kept.append(hit)
    return kept


def evaluate(
    watchlist: WatchlistSettings,
    hits: Sequence[Hit],
    article: ArticleFacts,
    *,
    relevance_threshold: float,
    now: datetime,
    check_age: bool = True,
) -> Decision:
    """Apply the watchlist's rules to an article's hits.

    Args:
        watchlist: the watchlist (its ``rules`` and experts' ``require``).
        hits: the matcher's hits (other watchlists' hits are ignored).
        article: what the rules read of the article.
        relevance_threshold: the config's ``relevance.threshold``, the default ``min_relevance``.
        now: the current time (aware).
        check_age: False to skip ``max_age`` and the baseline (``sinowatch inspect`` on old pages).

    Returns:
        A :class:`Decision`; every rule that stopped the alert is listed in ``reasons``.
    """
    rules = watchlist.rules
    own = [hit for hit in hits if hit.watchlist == watchlist.name]
    kept = qualifying_hits(watchlist, own)
    reasons: list[str] = []
    if not own:
        reasons.append(f"no topic or expert of watchlist {watchlist.name!r} found")
    elif not kept:
        names = ", ".join(sorted({hit.name for hit in own}))
        reasons.append(f"require: quoted — {names} only mentioned, not quoted")
    if check_age:
        if article.baseline:
            reasons.append("baseline: first crawl of the source is stored without alerts")
        reference = article.published_at or article.first_seen
        if reference is not None and now - reference > rules.max_age:
            which = "published" if article.published_at else "first seen"
            reasons.append(
                f"too old: {which} {reference:%Y-%m-%d %H:%M} UTC, "
                f"max_age {duration_text(rules.max_age)}"
            )
    minimum = rules.min_relevance if rules.min_relevance is not None else relevance_threshold
    score = article.relevance_score or 0.0
    always = article.relevant and score == 0.0  # the `relevance: always` mark: not scored
    if rules.relevant_only and minimum > 0 and score < minimum and not always:
        reasons.append(f"China–U.S. relevance {score:.2f} below min_relevance {minimum:.2f}")
    return Decision(alert=not reasons, reasons=reasons, hits=kept)


def decide(
    watchlists: Sequence[WatchlistSettings],
    hits: Sequence[Hit],
    article: ArticleFacts,
    *,
    relevance_threshold: float,
    now: datetime,
    check_age: bool = True,
) -> dict[str, Decision]:
    """Each watchlist's :func:`evaluate` decision, by name: the one call of the crawl's alert
    hook and of ``sinowatch inspect``, so the two cannot disagree."""
    return {
        watchlist.name: evaluate(
            watchlist,
            hits,
            article,
            relevance_threshold=relevance_threshold,
            now=now,
            check_age=check_age,
        )
        for watchlist in watchlists
    }


def duration_text(value: timedelta) -> str:
    """A duration as the config writes it: ``48h``, ``2d``, ``90m`` (not ``2 days, 0:00:00``)."""
    seconds = value.total_seconds()
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def added_hits(current: Sequence[Hit], previous: Iterable[Hit]) -> list[Hit]:
    """Hits of an edited article that its previous version did not have."""
    before = {hit_key(hit) for hit in previous}
    return [hit for hit in current if hit_key(hit) not in before]


def _experts_requiring_quote(watchlist: WatchlistSettings) -> set[str]:
    names: set[str] = set()
    for expert in watchlist.experts:
        if expert.require == "quoted":
            names.add(expert.name)
            if expert.id:
                names.add(expert.id)
    return names
