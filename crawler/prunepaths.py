"""trafilatura's two boilerplate-discarding XPaths, evaluated in Python with the same result.

``trafilatura.xpaths.OVERALL_DISCARD_XPATH`` runs twice a page (on the raw tree before
readability, and on the cleaned tree). Its conditions are regular expressions on ``id``,
``class`` and ``style`` (EXSLT ``re:test``), and lxml runs each as a Python callback from
libxml2, element by element: the two expressions were a quarter of a corpus page's extraction
(5.2 of 22 ms; 0.9 of 3.2 ms on the crawl bench's pages). Here the same conditions read the
attributes in one pass over the elements, with the same regular expressions, taken from
trafilatura's own expressions: 2.4–7× faster, the same elements in the same order on every
corpus page (``tests/test_prunepaths.py``).

:func:`install` puts these in the list trafilatura's modules share, in place of the
expressions, only where an expression reads exactly as the one written for here
(:data:`SHAPES`: the expression with its regular expressions left out); an expression of
another trafilatura release keeps its own XPath, and the test that checks the install fails.

XPath semantics kept: ``.//*`` is every element below the tree's root, in document order;
``re:test(@id|@class, …)`` and ``starts-with(@id|@class, …)`` read the first of the two
attributes as the element writes them; an absent attribute reads as the empty string.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

from lxml.etree import Element, XPath
from lxml.html import HtmlElement

RE_TEST = re.compile(r"re:test\(([^,()]+), '([^']*)'\)")
"""An EXSLT ``re:test(attributes, 'pattern')`` call (no flags) in an expression's source."""

SHAPES = (
    ".//*[self::div or self::item or self::list or self::p or self::section or self::span][ "
    "@data-lp-replacement-content or contains(translate(@role, 'N', 'n'), 'nav') or "
    "contains(@data-component, 'MostPopularStories') or re:test(@id|@class, …) or "
    "re:test(@id, …) or re:test(@class, …)]",
    ".//*[@class='comments-title' or starts-with(@id|@class, 'reply-') or "
    "re:test(@id|@style, …) or contains(@style, 'display:none') or "
    "contains(@style, 'display: none') or re:test(@id, …) or re:test(@class, …) or "
    "@aria-hidden='true']",
)
"""The source of ``OVERALL_DISCARD_XPATH``'s two expressions (whitespace collapsed, each
``re:test`` pattern as …) that :class:`SectionDiscard` and :class:`HiddenDiscard` evaluate."""

Prune = Callable[[HtmlElement], list[HtmlElement]]


def _shape(expression: XPath) -> str:
    return " ".join(RE_TEST.sub(r"re:test(\1, …)", expression.path).split())


def _patterns(expression: XPath) -> list[re.Pattern[str]] | None:
    """The expression's ``re:test`` patterns, compiled; None if one matches an empty string
    (then an absent attribute would match, which the classes here do not read)."""
    compiled = [re.compile(pattern) for _, pattern in RE_TEST.findall(expression.path)]
    return None if any(pattern.search("") for pattern in compiled) else compiled


def _first(element: HtmlElement, one: str, other: str) -> str:
    """The string value of ``@one|@other``: the first of the two in the element's order."""
    first, second = element.get(one), element.get(other)
    if first is None:
        return second or ""
    if second is None:
        return first
    for name in element.attrib:  # both present: whichever the element writes first
        if name == one:
            return first
        if name == other:
            return second
    return first


class SectionDiscard:
    """``OVERALL_DISCARD_XPATH[0]``: sections named as navigation, ads, sharing, footers …"""

    TAGS = ("div", "item", "list", "p", "section", "span")

    def __init__(self, either: re.Pattern[str], ids: re.Pattern[str], classes: re.Pattern[str]):
        self.either, self.ids, self.classes = either.search, ids.search, classes.search

    def __call__(self, tree: HtmlElement) -> list[HtmlElement]:
        found = []
        for element in tree.iterdescendants(*self.TAGS):
            get = element.get
            ident, names = get("id"), get("class")
            if (
                get("data-lp-replacement-content") is not None
                or "nav" in (get("role") or "").replace("N", "n")
                or "MostPopularStories" in (get("data-component") or "")
                or (
                    (ident is not None or names is not None)
                    and self.either(_first(element, "id", "class"))
                )
                or (ident is not None and self.ids(ident))
                or (names is not None and self.classes(names))
            ):
                found.append(element)
        return found


class HiddenDiscard:
    """``OVERALL_DISCARD_XPATH[1]``: hidden elements, comment titles, replies …"""

    def __init__(self, hidden: re.Pattern[str], ids: re.Pattern[str], classes: re.Pattern[str]):
        self.hidden, self.ids, self.classes = hidden.search, ids.search, classes.search

    def __call__(self, tree: HtmlElement) -> list[HtmlElement]:
        found = []
        for element in tree.iterdescendants(Element):
            get = element.get
            ident, names, style = get("id"), get("class"), get("style")
            if ident is None and names is None and style is None:
                if get("aria-hidden") == "true":
                    found.append(element)
                continue
            if (
                names == "comments-title"
                or _first(element, "id", "class").startswith("reply-")
                or self.hidden(_first(element, "id", "style"))
                or (style is not None and ("display:none" in style or "display: none" in style))
                or (ident is not None and self.ids(ident))
                or (names is not None and self.classes(names))
                or get("aria-hidden") == "true"
            ):
                found.append(element)
        return found


def evaluator(expression: XPath, shape: str, kind: type) -> Prune | None:
    """``kind`` evaluating ``expression``, if it reads as ``shape``; otherwise None."""
    if _shape(expression) != shape:
        return None
    patterns = _patterns(expression)
    return None if patterns is None or len(patterns) != 3 else kind(*patterns)


@cache
def install() -> tuple[tuple[XPath, Prune], ...]:
    """Put the Python evaluators in trafilatura's ``OVERALL_DISCARD_XPATH`` (the list its
    modules share) where its expressions read as :data:`SHAPES`: the expressions replaced,
    each with its evaluator."""
    from trafilatura import xpaths

    installed = []
    expressions = xpaths.OVERALL_DISCARD_XPATH
    kinds = (SectionDiscard, HiddenDiscard)
    for index, (shape, kind) in enumerate(zip(SHAPES, kinds, strict=True)):
        if index < len(expressions) and isinstance(expressions[index], XPath):
            fast = evaluator(expressions[index], shape, kind)
            if fast is not None:
                installed.append((expressions[index], fast))
                expressions[index] = fast
    return tuple(installed)


@contextmanager
def as_released() -> Iterator[None]:
    """trafilatura's own expressions for the duration of the block: for measuring against
    trafilatura as released (``bench/extraction.py``), in a process that extracts as here."""
    from trafilatura import xpaths

    expressions = xpaths.OVERALL_DISCARD_XPATH
    swapped = [(expressions.index(fast), original, fast) for original, fast in install()]
    for index, original, _ in swapped:
        expressions[index] = original
    try:
        yield
    finally:
        for index, _, fast in swapped:
            expressions[index] = fast
