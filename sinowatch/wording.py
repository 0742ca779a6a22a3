"""Counts in words: ``1 watchlist``, ``2 watchlists``, ``1 delivery``, ``3 deliveries``."""

from __future__ import annotations


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun``, the noun pluralised unless the count is 1.

    The plural is ``plural_form`` when given, else ``-ies`` for a consonant + ``y`` ending
    (delivery → deliveries), else ``-s``. Only the last word of ``noun`` changes
    (``new article`` → ``new articles``).
    """
    if count == 1:
        return f"{count} {noun}"
    if plural_form is None:
        consonant_y = noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", "")
        plural_form = noun[:-1] + "ies" if consonant_y else noun + "s"
    return f"{count} {plural_form}"
