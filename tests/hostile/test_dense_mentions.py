"""A page that names watched experts thousands of times among thousands of quotation marks: the
expert check costs in proportion to the page, not to its mentions times its quotations."""

from __future__ import annotations

import time

from alerts.config import ExpertSettings, WatchlistSettings
from alerts.hits import ArticleText
from alerts.matcher import Matcher

LINE = "Anna Berg met Li Hua. “Not now,” it read. Berg’s aide saw “no”.\n"
"""Two watched names, a surname follow-up and two quotations, none of them attributed: every
mention is read for a quote and none is found."""


def _cpu(matcher: Matcher, article: ArticleText, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        matcher.match(article)
        best = min(best, time.process_time() - start)
    return best


def test_sixteen_times_the_mentions_and_quotations_cost_about_sixteen_times() -> None:
    """Each mention looked through every quotation of its field, and every mention of the page
    was read for a quote: 16x the page cost 32x (a 200 KB page 11 s, 1 MB minutes). Quotations
    are now found by bisection and a quote is looked for at an expert's first
    ``QUOTE_MENTIONS`` mentions: 2x here."""
    matcher = Matcher.compile(
        [
            WatchlistSettings(
                name="w",
                topics=[],
                experts=[ExpertSettings(name="Anna Berg"), ExpertSettings(name="Li Hua")],
            )
        ]
    )
    small, big = ArticleText("", LINE * 100), ArticleText("", LINE * 1_600)
    hits = matcher.match(small)
    assert sorted((hit.id, hit.mention) for hit in hits) == [
        ("anna-berg", "mentioned"),
        ("li-hua", "mentioned"),
    ]
    ratio = _cpu(matcher, big, 2) / _cpu(matcher, small, 3)
    assert ratio < 24, ratio
