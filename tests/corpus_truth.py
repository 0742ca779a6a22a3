"""Comparing extractions with the shared corpus' ground truth, the same way in every test."""

from __future__ import annotations

_QUOTES = str.maketrans({c: None for c in "\"'‘’“”«»„「」"} | {"\u00ad": None})


def fold(value: str | None) -> str:
    return " ".join((value or "").split())


def titles_agree(got: str | None, want: str | None) -> bool:
    """Equal once quote marks and soft hyphens are set aside, or one is the other plus a
    site name or kicker (``… - Yahoo!ニュース``, ``Coronavirus: …``): ground truths disagree on
    which headline is "the" title (og:title, <h1>, <title> with the site name)."""
    got, want = fold((got or "").translate(_QUOTES)), fold((want or "").translate(_QUOTES))
    return bool(got) and (got == want or got in want or want in got)
