"""crawler.prunepaths: trafilatura's discard expressions in Python find the very same elements."""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest
from lxml.etree import XPath
from trafilatura import xpaths

from crawler import prunepaths
from crawler.extract import _load_html, decode_html
from crawler.prunepaths import SHAPES, HiddenDiscard, SectionDiscard, evaluator

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "articles"

TAGS = ("div", "span", "p", "section", "a", "li", "item", "list", "article", "aside")
IDS = ("nav-main", "share-box", "reply-7", "xhiddenx", "content", "reader-comments", "cookie-bar",
       "footer", "jp-post", "ad-slot", "Main", "")  # fmt: skip
CLASSES = ("footer", "comments-title", "hide-me", "x hidden", "menu item", "article-body",
           "ZendeskForm", "Footer", "reply-box", "post ad top", "story", "")  # fmt: skip
OTHERS = (
    ("style", ("display:none", "display: none", "color:red", "visibility:hidden", "")),
    ("role", ("NAVIGATION", "Nav", "main", "")),
    ("aria-hidden", ("true", "false")),
    ("data-component", ("MostPopularStories", "Byline")),
    ("data-lp-replacement-content", ("", "x")),
)


def _made_up_page(seed: int) -> str:
    """Nested elements carrying the attributes the expressions read, in every order."""
    rng = random.Random(seed)

    def element(depth: int) -> str:
        tag = rng.choice(TAGS)
        attributes = []
        if rng.random() < 0.6:
            attributes.append(("id", rng.choice(IDS)))
        if rng.random() < 0.6:
            attributes.append(("class", rng.choice(CLASSES)))
        for name, values in OTHERS:
            if rng.random() < 0.15:
                attributes.append((name, rng.choice(values)))
        rng.shuffle(attributes)
        written = "".join(f' {name}="{value}"' for name, value in attributes)
        children = "".join(element(depth + 1) for _ in range(rng.randint(0, 3) if depth < 4 else 0))
        return f"<{tag}{written}>text {children}</{tag}>tail "

    return f"<html><body>{''.join(element(0) for _ in range(40))}</body></html>"


def _pairs() -> tuple[tuple[XPath, prunepaths.Prune], ...]:
    pairs = prunepaths.install()
    assert len(pairs) == 2, "trafilatura's discard expressions changed: update SHAPES and both"
    return pairs


def _same(tree: lxml.html.HtmlElement) -> None:
    for original, fast in _pairs():
        assert fast(tree) == original(tree)


def test_both_expressions_of_the_installed_trafilatura_are_evaluated_in_python() -> None:
    pairs = _pairs()
    assert [type(fast) for _, fast in pairs] == [SectionDiscard, HiddenDiscard]
    assert list(xpaths.OVERALL_DISCARD_XPATH) == [fast for _, fast in pairs]


@pytest.mark.parametrize("seed", range(30))
def test_the_same_elements_as_the_xpath_on_made_up_pages(seed: int) -> None:
    tree = lxml.html.document_fromstring(_made_up_page(seed))
    found = [fast(tree) for _, fast in _pairs()]
    assert all(found), "every page has elements of both kinds"
    _same(tree)


def test_the_first_of_id_and_class_as_written_is_the_one_read() -> None:
    """``re:test(@id|@class, …)`` reads whichever the element writes first."""
    tree = lxml.html.document_fromstring(
        '<html><body><div id="reply-1" class="x">a</div><div class="x" id="reply-2">b</div>'
        '<div class="reply-3" id="x">c</div><span style="hidden" id="">d</span>'
        '<span id="" style="hidden">e</span></body></html>'
    )  # an attribute written empty is read, as the empty string
    _same(tree)
    hidden = _pairs()[1][1]
    assert [element.text for element in hidden(tree)] == ["a", "c", "d"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the repo")
def test_the_same_elements_as_the_xpath_on_every_corpus_page() -> None:
    pages = sorted(CORPUS.glob("*/*.html"))
    assert len(pages) > 150
    for page in pages:
        tree = _load_html(decode_html(page.read_bytes()))
        if tree is not None:
            _same(tree)


def test_an_expression_of_another_shape_keeps_its_xpath() -> None:
    original = _pairs()[1][0]
    changed = XPath(original.path.replace("display:none", "display:hidden"), namespaces=NS)
    assert evaluator(changed, SHAPES[1], HiddenDiscard) is None
    matches_empty = XPath(
        original.path.replace("re:test(@id, '", "re:test(@id, 'x?|"), namespaces=NS
    )
    assert evaluator(matches_empty, SHAPES[1], HiddenDiscard) is None
    assert evaluator(original, SHAPES[1], HiddenDiscard) is not None


def test_trafilatura_as_released_for_the_duration_of_a_block() -> None:
    pairs = _pairs()
    with prunepaths.as_released():
        assert list(xpaths.OVERALL_DISCARD_XPATH) == [original for original, _ in pairs]
    assert list(xpaths.OVERALL_DISCARD_XPATH) == [fast for _, fast in pairs]


NS = {"re": "http://exslt.org/regular-expressions"}
