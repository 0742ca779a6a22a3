"""What the quote-attribution tests read off a match: one expert's mention kind and quote."""

from __future__ import annotations

from alerts.config import ExpertSettings, WatchlistSettings
from alerts.hits import ArticleText
from alerts.matcher import Matcher


def watching(experts: list[ExpertSettings]) -> Matcher:
    return Matcher.compile([WatchlistSettings(name="w", experts=experts)])


def kind_and_quote(matcher: Matcher, text: str, expert: str) -> tuple[str, str | None]:
    """The mention kind and quote of ``expert`` (its id) in ``text``, which must name them."""
    hits = matcher.match(ArticleText(title="", text=text))
    hit = next(hit for hit in hits if hit.kind == "expert" and hit.id == expert)
    return hit.mention, hit.quote
