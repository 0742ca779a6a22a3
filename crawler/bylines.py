"""Bylines in a page's markup: trafilatura's author search (``extract_author``), cheaper.

trafilatura copies the whole tree, deletes from the copy what its discard XPaths select (comment
lists, sidebars, quotes, ``time``, ``figure``, …), then tries its three byline XPaths in turn and
takes the first element whose text is 3 to 119 characters long. Each of those five XPaths walks
every element of the page with a dozen attribute tests in libxml2, and lxml runs their EXSLT
regexes (``re:test``) as a Python callback per element: even with the regexes guarded
(:func:`_guarded`) the search was a tenth of sinowatch's extraction on the bench's pages, 7 to
24 ms of CPU on each page that reaches it (those whose meta tags and JSON-LD name no author).

:func:`find_author` finds the same name in one pass over the page's elements: their tag and the
attributes the XPaths test are read once, the tests run in Python (a class or id is tested once
a page: pages repeat them), and only a byline that holds a discarded element is copied and
pruned as trafilatura prunes the page. The tests are trafilatura 2.3's ``AUTHOR_XPATHS`` and
``AUTHOR_DISCARD_XPATHS`` written out (``tests/test_bylines.py`` pins their text and checks that
both searches agree); a page with a ``<rel>`` element (the first XPath's ``rel='me'`` tests a
child element's text, which deleting can change) takes trafilatura's search.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from functools import cache, lru_cache

from lxml.etree import Element, XPath
from lxml.html import HtmlElement

AUTHOR_MAX_CHARS = 120
"""trafilatura's ``len_limit`` for a byline's text."""

NAME_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
BYLINE_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
DISCARDED_ELEMENTS = ("time", "figure")
SELECTED_BARE = ("author", *DISCARDED_ELEMENTS)
"""The elements the XPaths select by their tag alone."""
AUTHOR_CARDS = ("AuthorCard", "AuthorURL")
BYLINE_CLASSES = ("byline", "username", "byl", "BBL")
DISCARDED_CLASSES = ("comments", "title", "date")

NAME_CLASS = re.compile("author-?name|AuthorName|authorName")
BYLINE_ID = re.compile("author|zuozhe|bianji|xiaobian")
BYLINE_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
ANY_ID = re.compile("[Aa]uthor")
ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
DISCARDED_ID = re.compile("^comments|comment-?list|ProductReviews")
DISCARDED_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    "article-(?:share|support)|print|category|meta-date|meta-reviewer"
)

REMEMBERED_VALUES = 4096
MAX_REMEMBERED_CHARS = 200
"""Class and id values up to this long have their tests' results remembered (the last
:data:`REMEMBERED_VALUES` of each): pages are untrusted, and a long value is rarely repeated."""

AttributeTests = tuple[bool, bool, bool, bool]


def find_author(tree: HtmlElement) -> str | None:
    """trafilatura's ``extract_author(tree)``: the same name, or None, for a page's tree."""
    from trafilatura.metadata import normalize_authors

    author = _one_pass_search(tree) if tree.find(".//rel") is None else _xpath_search(tree)
    return normalize_authors(None, author) if author else None


def _one_pass_search(tree: HtmlElement) -> str | None:
    """The first byline's text as trafilatura's XPaths over its pruned copy would find it."""
    ranked: tuple[list[HtmlElement], ...] = ([], [], [])
    discarded: set[HtmlElement] = set()
    for element in tree.iter(Element):
        if not element.attrib and element.tag not in SELECTED_BARE:
            continue  # every other test is of an attribute
        rank, discard = _tests(element)
        if rank is not None:
            ranked[rank].append(element)
        # trafilatura's pruning deletes an element from its parent: the root, which has none,
        # always stays (whatever the XPaths select)
        if discard and element is not tree:
            discarded.add(element)
    survives = _survival(discarded)
    for element in (found for rank in ranked for found in rank):
        if discarded and not survives(element):
            continue  # not in trafilatura's pruned copy
        content = _byline_text(element, discarded)
        if content and 2 < len(content) < AUTHOR_MAX_CHARS:
            return content
    return None


def _survival(discarded: set[HtmlElement]) -> Callable[[HtmlElement], bool]:
    """Whether an element is still in trafilatura's pruned copy: neither it nor an ancestor was
    discarded. Each answer is remembered for the whole path walked up, so a page's elements are
    walked up once in all, not once per byline candidate (a hostile page nests 255 deep around
    100,000 candidates)."""
    known: dict[HtmlElement, bool] = {}

    def survives(element: HtmlElement) -> bool:
        path = []
        node: HtmlElement | None = element
        while node is not None and node not in known:
            if node in discarded:
                result = False
                break
            path.append(node)
            node = node.getparent()
        else:
            result = True if node is None else known[node]
        for walked in path:
            known[walked] = result
        return result

    return survives


def _tests(element: HtmlElement) -> tuple[int | None, bool]:
    """Which of trafilatura's ``AUTHOR_XPATHS`` first selects the element (None: none does),
    and whether its ``AUTHOR_DISCARD_XPATHS`` select it."""
    tag, get = element.tag, element.get
    class_name, class_byline, class_any, class_discarded = _class_tests(get("class") or "")
    id_name, id_byline, id_any, id_discarded = _id_tests(get("id") or "")
    itemprop = get("itemprop") or ""
    discard = tag in DISCARDED_ELEMENTS or (
        tag in DISCARD_TAGS
        and (id_discarded or class_discarded or "Figure" in (get("data-component") or ""))
    )
    if tag == "author" or (
        tag in NAME_TAGS
        and (
            class_name
            or id_name
            or itemprop == "author name"
            or get("rel") == "author"
            or get("data-testid") in AUTHOR_CARDS
        )
    ):
        return 0, discard
    if tag in BYLINE_TAGS and (class_byline or id_byline or "author" in itemprop):
        return 1, discard
    if class_any or id_any or "author" in itemprop or "Byline" in (get("data-component") or ""):
        return 2, discard
    return None, discard


def _remembered(tests: Callable[[str], AttributeTests]) -> Callable[[str], AttributeTests]:
    """``tests`` with the results for short values remembered (a page repeats its classes)."""
    remembered = lru_cache(maxsize=REMEMBERED_VALUES)(tests)

    def lookup(value: str) -> AttributeTests:
        return remembered(value) if len(value) <= MAX_REMEMBERED_CHARS else tests(value)

    lookup.cache_info = remembered.cache_info  # type: ignore[attr-defined]
    return lookup


@_remembered
def _class_tests(value: str) -> AttributeTests:
    """The author XPaths' tests of a ``class``: the first byline XPath's, the second's, the
    third's, the first discard XPath's."""
    return (
        value == "author" or NAME_CLASS.search(value) is not None,
        value in BYLINE_CLASSES or BYLINE_CLASS.search(value) is not None,
        ANY_CLASS.search(value) is not None,
        value in DISCARDED_CLASSES or DISCARDED_CLASS.search(value) is not None,
    )


@_remembered
def _id_tests(value: str) -> AttributeTests:
    """The author XPaths' tests of an ``id``, as :func:`_class_tests`."""
    return (
        value == "author",
        BYLINE_ID.search(value) is not None,
        ANY_ID.search(value) is not None,
        value == "comments" or DISCARDED_ID.search(value) is not None,
    )


def _byline_text(element: HtmlElement, discarded: set[HtmlElement]) -> str:
    """The element's text once the discarded elements inside it are deleted, as trafilatura
    reads it (its tails joined to the text before: deleting changes how the pieces join)."""
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.utils import trim

    if discarded and any(
        inner in discarded for inner in element.iter(*DISCARD_TAGS, *DISCARDED_ELEMENTS)
    ):
        element = prune_unwanted_nodes(deepcopy(element), _author_xpaths()[0])
    return trim(" ".join(element.itertext()))


def _xpath_search(tree: HtmlElement) -> str | None:
    """trafilatura's own search, its XPaths guarded (pages with a ``<rel>`` element)."""
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.metadata import extract_metainfo

    discard, bylines = _author_xpaths()
    pruned = prune_unwanted_nodes(deepcopy(tree), discard)
    return extract_metainfo(pruned, bylines, len_limit=AUTHOR_MAX_CHARS)


@cache
def _author_xpaths() -> tuple[list[XPath], list[XPath]]:
    """trafilatura's author discard and byline XPaths, guarded (built once, on first use)."""
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

    return [_guarded(x) for x in AUTHOR_DISCARD_XPATHS], [_guarded(x) for x in AUTHOR_XPATHS]


EXSLT_REGEX = "http://exslt.org/regular-expressions"
_RE_TEST = re.compile(r"re:test\((?P<attr>@[\w-]+),\s*'(?P<pattern>[^']*)'\)")
"""An EXSLT regex test of one attribute in an XPath: ``re:test(@class, 'author|byline')``."""
_REGEX_TOKEN = re.compile(r"\[[^\]]*\][?*+]?|.[?*+]?")


def _guarded(xpath: XPath) -> XPath:
    """The same XPath with each ``re:test(@attr, 'pattern')`` run only where ``@attr`` contains
    a literal that every match of the pattern contains (C-level ``contains()`` tests).

    lxml evaluates EXSLT regexes as a Python callback for every element the step visits, which
    made trafilatura's ``//*[re:test(@class, …)]`` searches cost ~18 ms a page; the guard
    selects the same elements (XPath's ``and`` does not evaluate its right side when the left
    is false). Patterns beyond :func:`_required_literals` are left unguarded.
    """

    def guard(match: re.Match[str]) -> str:
        literals = _required_literals(match["pattern"])
        if not literals:
            return match[0]
        attr = match["attr"]
        tests = " or ".join(f"contains({attr}, '{literal}')" for literal in literals)
        return f"(({tests}) and {match[0]})"

    return XPath(_RE_TEST.sub(guard, xpath.path), namespaces={"re": EXSLT_REGEX})


def _required_literals(pattern: str) -> list[str] | None:
    """For each ``|`` alternative of a simple regex (literals, ``[…]`` classes, ``?*+``,
    anchors; no groups or escapes), its longest run of characters every match contains;
    None when some alternative has none (it could match anything) or the pattern is not simple.
    """
    if any(char in pattern for char in "(){}\\"):
        return None
    literals = []
    for alternative in pattern.split("|"):
        runs, run = [], ""
        for token in _REGEX_TOKEN.findall(alternative):
            if len(token) == 1 and token not in ".^$":
                run += token
                continue
            # ``x+``: one x ends the run so far, one starts the next ("ba+c": "ba", then "ac")
            repeated = token[0] if token[0] not in "[.^$" and token[-1] == "+" else ""
            runs.append(run + repeated)
            run = repeated
        best = max([*runs, run], key=len)
        if not best:
            return None
        literals.append(best)
    return literals
