"""crawler.bylines: trafilatura's author search in one pass finds what trafilatura's finds."""

from __future__ import annotations

import copy
import random
import time
from collections.abc import Callable

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura.metadata import extract_author
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from crawler import bylines
from crawler.bylines import _author_xpaths, _required_literals, find_author
from crawler.extract import PARSER

TRANSCRIBED_XPATHS = [
    "//*[self::a or self::address or self::div or self::link or self::p or self::span or "
    "self::strong][ @rel='author' or @id='author' or @class='author' or @itemprop='author name' "
    "or rel='me' or @data-testid='AuthorCard' or @data-testid='AuthorURL' or re:test(@class, "
    "'author-?name|AuthorName|authorName')]|//author",
    "//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][ @class='byline' "
    "or @class='username' or @class='byl' or @class='BBL' or contains(@itemprop, 'author') or "
    "re:test(@id, 'author|zuozhe|bianji|xiaobian') or re:test(@class, 'author|channel-name|"
    "zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name')]",
    "//*[ contains(@data-component, 'Byline') or contains(@itemprop, 'author') or re:test(@id, "
    "'[Aa]uthor') or re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]",
    ".//*[self::a or self::div or self::section or self::span][ @id='comments' or "
    "@class='comments' or @class='title' or @class='date' or re:test(@id, '^comments|"
    "comment-?list|ProductReviews') or re:test(@class, '^[Cc]omments|commentlist|comments-list|"
    "sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|print|category|"
    "meta-date|meta-reviewer') or contains(@data-component, 'Figure')]",
    "//time|//figure",
]
"""trafilatura's author XPaths that :mod:`crawler.bylines` writes out as Python tests."""

ARTICLE = (
    "<p>Officials from both delegations met on Tuesday to settle the remaining questions over "
    "export controls, according to people familiar with the talks.</p>"
)

PAGES = {
    "name class": ("<div class='meta'><span class='author-name'>Li Wei</span></div>", "Li Wei"),
    "rel author": ("<p>Story by <a rel='author' href='/li'>Jane Doe</a></p>", "Jane Doe"),
    "author element": ("<author>Wang Fang</author>", "Wang Fang"),
    "author card": ("<div data-testid='AuthorCard'>Maria Rossi</div>", "Maria Rossi"),
    "itemprop": ("<h4 itemprop='author'>Carlos Ruiz</h4>", "Carlos Ruiz"),
    "chinese id": ("<span id='zuozhe'>王小明</span>", "王小明"),
    "byline class": ("<p class='byline'>By Jane Doe</p>", "Jane Doe"),
    "any element": ("<section class='article-writer'>Ana Lima</section>", "Ana Lima"),
    "data component": ("<footer data-component='Byline'>Tom Berg</footer>", "Tom Berg"),
    # the first XPath's matches win over the third's, whatever comes first on the page
    "first xpath first": (
        "<div class='Byline-wrap'>Press Desk Staff</div><span class='authorName'>Li Wei</span>",
        "Li Wei",
    ),
    # bylines inside discarded containers are not looked at
    "in sidebar": (
        "<div class='sidebar'><span class='author'>Sidebar Person</span></div>"
        "<p class='byline'>Jane Doe</p>",
        "Jane Doe",
    ),
    "in comments": (
        "<section id='comments-list'><a class='author'>Commenter</a></section>"
        "<div class='writer'>Li Wei</div>",
        "Li Wei",
    ),
    "figure caption": (
        "<figure><span class='author'>Photo Agency</span></figure><p class='byline'>Ana Lima</p>",
        "Ana Lima",
    ),
    # a discarded element inside a byline is deleted and its tail joins the text before it
    "time inside": (
        "<div class='author'>Jane<time>10 May</time>Doe</div>",
        None,  # trafilatura's answer, checked below, is its own
    ),
    "date inside": (
        "<p class='byline'>By <span class='date'>today</span> Carlos Ruiz</p>",
        None,
    ),
    "too long": (
        "<span class='author'>" + "Someone with a very long description " * 5 + "</span>"
        "<span class='writer'>Ana Lima</span>",
        "Ana Lima",
    ),
    "too short": ("<span class='author'>AB</span><p class='byline'>Li Wei</p>", "Li Wei"),
    "none": ("<div class='headline'>Talks resume</div>", None),
    # a child element <rel> (the first XPath's ``rel='me'``) takes trafilatura's own search
    "rel child": ("<span><rel>me</rel>Jane Doe</span>", None),
}


def _tree(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(
        f"<html><head><title>Talks</title></head>"
        f"<body><article><h1>Talks resume</h1>{body}{ARTICLE}</article></body></html>"
    )


def test_the_written_out_xpaths_are_trafilaturas() -> None:
    """A trafilatura that changes its author XPaths must change :mod:`crawler.bylines` too."""
    paths = [" ".join(x.path.split()) for x in (*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS)]
    assert paths == TRANSCRIBED_XPATHS


@pytest.mark.parametrize("case", PAGES)
def test_finds_what_trafilatura_finds(case: str) -> None:
    body, expected = PAGES[case]
    found = find_author(_tree(body))
    assert found == extract_author(_tree(body))
    if expected is not None:
        assert found == expected


def test_a_discarded_element_inside_a_byline_joins_its_neighbours() -> None:
    assert find_author(_tree(PAGES["time inside"][0])) == "JaneDoe"
    assert find_author(_tree(PAGES["date inside"][0])) == "Carlos Ruiz"


def test_the_root_is_never_discarded_by_class() -> None:
    # trafilatura's discard XPath is relative (``.//*``): a root with a discarded class stays
    markup = "<div class='sidebar'><span class='author'>Li Wei</span></div>"
    tree = lxml.html.fragment_fromstring(markup)
    assert find_author(tree) == extract_author(lxml.html.fragment_fromstring(markup)) == "Li Wei"


def test_only_bylines_holding_a_discarded_element_are_copied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copied: list[str] = []

    def counting_deepcopy(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
        copied.append(element.tag)
        return copy.deepcopy(element)

    monkeypatch.setattr(bylines, "deepcopy", counting_deepcopy)
    assert find_author(_tree(PAGES["byline class"][0])) == "Jane Doe"
    assert copied == []  # trafilatura's search copies the whole page
    assert find_author(_tree(PAGES["date inside"][0])) == "Carlos Ruiz"
    assert copied == ["p"]


def test_only_short_class_values_are_remembered() -> None:
    short, long = "story-author-box", "story " + "x" * bylines.MAX_REMEMBERED_CHARS
    before = bylines._class_tests.cache_info().currsize
    body = f"<div class='{long}'>Ignored text</div><span class='{short}'>Li Wei</span>"
    assert find_author(_tree(body)) == "Li Wei"
    after = bylines._class_tests.cache_info()
    assert after.currsize <= before + 1  # the short value at most, never the long one
    assert bylines._class_tests(long) == (False, False, False, False)
    assert bylines._class_tests.cache_info().currsize == after.currsize


@pytest.mark.slow
def test_corpus_pages_give_trafilaturas_author(corpus_dir) -> None:
    from crawler.extract import _drop_unread, _load_html, decode_html

    # Every third page: trafilatura's own search, the reference, costs seconds over the corpus
    # (all pages agreed when crawler.bylines was written: 444 trees, with and without scripts).
    pages = sorted((corpus_dir / "articles").glob("*/*.html"))[::3]
    named = 0
    for path in pages:
        tree = _load_html(decode_html(path.read_bytes()))
        if tree is None:
            continue
        _drop_unread(tree)
        found = find_author(tree)
        assert found == extract_author(tree), path.name
        named += found is not None
    assert named > len(pages) / 3


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("author|byline", ["author", "byline"]),
        ("[Aa]uthor|screenname", ["uthor", "screenname"]),
        ("author-?name|AuthorName", ["author", "AuthorName"]),
        ("^comments|comment-?list", ["comments", "comment"]),
        ("a+uthor", ["author"]),
        ("ba+c", ["ba"]),
        ("author|", None),  # an empty alternative matches everywhere
        ("^(?:post|entry)-meta", None),  # groups are beyond the simple parser
        ("a.b", ["a"]),
        ("ab?cd", ["cd"]),
    ],
)
def test_required_literals(pattern: str, literals: list[str] | None) -> None:
    assert _required_literals(pattern) == literals


def test_guarded_author_xpaths_select_what_trafilaturas_do() -> None:
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

    page = lxml.html.document_fromstring(
        "<html><body><div class='article-author'><span class='AuthorName'>Li Wei</span></div>"
        "<p class='Byline'>By Jane Doe</p><span id='zuozhe'>王小明</span><a rel='author'>X</a>"
        "<div class='author-bio'>bio</div><div class='sidebar'><span class='writer'>Y</span>"
        "</div><div class='comments-list'>c</div><div class='commentlist'>d</div>"
        "<p class='authorless'>no</p><p class='authorname'>Z</p></body></html>"
    )
    discard, bylines = _author_xpaths()
    pairs = [*zip(AUTHOR_XPATHS, bylines, strict=True)]
    pairs += [*zip(AUTHOR_DISCARD_XPATHS, discard, strict=True)]
    assert any("contains(" in guarded.path for _, guarded in pairs)
    for original, guarded in pairs:
        found = original(page)
        assert guarded(page) == found
    assert len(bylines[0](page)) >= 3


@pytest.mark.parametrize(
    "fragment",
    [
        "<time><span class='author'>Li Wei</span></time>",
        "<figure><p class='byline'>Jane Doe</p><figcaption>a photo</figcaption></figure>",
        "<div class='sidebar'><span class='author'>Li Wei</span></div>",
    ],
)
def test_a_discardable_root_is_searched_as_trafilatura_searches_it(fragment: str) -> None:
    """trafilatura deletes elements from their parents: a tree's root, having none, stays."""
    root = lxml.html.fragment_fromstring(fragment)
    assert find_author(root) == extract_author(copy.deepcopy(root)) is not None


TAGS = ["a", "address", "div", "p", "span", "strong", "h3", "h4", "section", "time", "figure"]
TAGS += ["author", "b", "li", "footer", "AUTHOR", "H3"]
CLASSES = ["author", "byline", "Byline", "username", "byl", "authorName", "author-name", "comments"]
CLASSES += ["title", "date", "sidebar", "quote", "commentlist", "writer", "posted-by", "zuozhe"]
CLASSES += ["is-hidden", "byline author", "\nauthor", "Comments x", "xcomments", "channel-name"]
IDS = ["author", "comments", "comment-list", "zuozhe", "Author", "ProductReviews", "author-box"]
TEXTS = ["", " ", "me", "<!--c-->", "Li Wei", "By Jane Doe", "王小明", "ab", "x" * 130, "Ann"]


def _random_page(rng: random.Random) -> str:
    """A page of nested elements with the attribute values trafilatura's XPaths test."""

    def attributes() -> str:
        pairs = {}
        for name, chance, values in (
            ("class", 0.5, CLASSES),
            ("id", 0.2, IDS),
            ("itemprop", 0.15, ["author", "author name", "name"]),
            ("rel", 0.1, ["author", "me"]),
            ("data-testid", 0.1, ["AuthorCard", "AuthorURL", "x"]),
            ("data-component", 0.1, ["Byline", "Figure", "x"]),
        ):
            if rng.random() < chance:
                pairs[name.upper() if rng.random() < 0.1 else name] = rng.choice(values)
        return "".join(f' {name}="{value}"' for name, value in pairs.items())

    def children(depth: int) -> str:
        parts = []
        for _ in range(rng.randint(0, 4 if depth < 4 else 0)):
            tag = rng.choice(TAGS)
            inner = rng.choice(TEXTS) + children(depth + 1)
            parts.append(f"<{tag}{attributes()}>{inner}</{tag}>{rng.choice(TEXTS)}")
        return "".join(parts)

    return f"<html><body{attributes()}>{children(0)}</body></html>"


@settings(max_examples=150, deadline=None)
@given(st.randoms(use_true_random=False))
def test_random_pages_give_trafilaturas_author(rng: random.Random) -> None:
    """Competing bylines of every rank, nested in and around discarded containers."""
    html = _random_page(rng)
    for tree in (lxml.html.fromstring(html.encode(), parser=PARSER), lxml.html.fromstring(html)):
        assert find_author(tree) == extract_author(copy.deepcopy(tree)), html


def test_the_remembered_values_are_bounded() -> None:
    assert bylines._class_tests.cache_info().maxsize == bylines.REMEMBERED_VALUES
    assert bylines._id_tests.cache_info().maxsize == bylines.REMEMBERED_VALUES


def test_candidates_nested_deep_cost_what_shallow_ones_cost() -> None:
    """A hostile page: 20,000 candidates in a discarded container, 250 levels deep or 1. Each
    element's ancestors are walked once in all, not once per candidate (which made the deep page
    15-23x the shallow one's cost, 6x trafilatura's own search)."""

    def page(depth: int) -> lxml.html.HtmlElement:
        html = (
            "<html><body><div class='sidebar'>" + "<div>" * depth
            + "<i class='author'>a</i>" * 20_000 + "</div>" * depth + "</div></body></html>"
        )  # fmt: skip
        return lxml.html.fromstring(html.encode(), parser=PARSER)

    shallow, deep = page(1), page(250)
    find_author(shallow)  # first call: imports, caches
    shallow_cost = min(_cpu(lambda: find_author(shallow)) for _ in range(3))
    deep_cost = min(_cpu(lambda: find_author(deep)) for _ in range(3))
    assert deep_cost < 4 * shallow_cost, (deep_cost, shallow_cost)


def _cpu(call: Callable[[], object]) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start
