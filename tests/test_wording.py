"""sinowatch.wording: counts in words."""

from __future__ import annotations

import pytest

from sinowatch.wording import plural


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "watchlist", "1 watchlist"),
        (0, "watchlist", "0 watchlists"),
        (2, "new article", "2 new articles"),
        (1, "delivery", "1 delivery"),
        (3, "delivery", "3 deliveries"),
        (2, "day", "2 days"),
        (2, "story", "2 stories"),
    ],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_plural_takes_an_irregular_form() -> None:
    assert plural(2, "index", "indices") == "2 indices" and plural(1, "index", "x") == "1 index"
