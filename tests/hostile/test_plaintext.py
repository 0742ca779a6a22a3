"""The text boundary, :func:`crawler.plaintext.plain_text`, on hostile strings."""

from __future__ import annotations

import random

import pytest

from crawler.plaintext import (
    _DROPPED,
    BIDI_CONTROLS,
    _collapse,
    _without_controls,
    is_collapsed,
    plain_line,
    plain_text,
)

HOSTILE_TITLE = (
    "&lt;b&gt;China&lt;/b&gt; tariffs rise &lt;script&gt;alert(1)&lt;/script&gt; "
    "&lt;img src=x onerror=alert(2)&gt;"
)


def plain(value: object, **kw: object) -> str:
    return plain_text(value, max_chars=kw.pop("max_chars", 1000), **kw)  # type: ignore[arg-type]


def test_tags_go_and_their_text_stays() -> None:
    assert plain("<b>China</b> and <a href='x'>the <i>U.S.</i></a>") == "China and the U.S."


@pytest.mark.parametrize("element", ["script", "style", "noscript", "template"])
def test_code_and_fallback_elements_lose_their_content(element: str) -> None:
    value = f"Officials said.<{element} type='x'>steal(document.cookie)</{element}> Talks resume."
    assert plain(value) == "Officials said. Talks resume."


def test_entities_are_decoded() -> None:
    assert plain("AT&amp;T &amp; Huawei&nbsp;&#8212; &#x4e2d;&eacute;") == "AT&T & Huawei — 中é"


def test_double_escaped_markup_as_feeds_send_it_becomes_plain_text() -> None:
    assert plain(HOSTILE_TITLE) == "China tariffs rise"
    # escaped three times over
    assert plain("&amp;amp;lt;b&amp;amp;gt;Beijing&amp;amp;lt;/b&amp;amp;gt;") == "Beijing"


def test_text_that_only_looks_like_markup_is_kept() -> None:
    assert plain("Profits <5% & AT&T < rivals; 5 > 3") == "Profits <5% & AT&T < rivals; 5 > 3"


def test_control_characters_and_nul_are_removed() -> None:
    assert plain("Bei\x00jing\x1b[31m talks\x07\x7f\x85 end") == "Beijing[31m talks end"


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_bidi_overrides_and_isolates_are_removed(char: str) -> None:
    assert plain(f"invoice{char}fdp.exe") == "invoicefdp.exe"


def test_bidi_overrides_hidden_in_entities_are_removed() -> None:
    assert plain("a&#x202E;b&#8294;c&#0;") == "abc\ufffd"


def test_format_characters_that_scripts_need_are_kept() -> None:
    # zero-width (non-)joiners belong to Persian and Indic spelling and emoji sequences
    assert plain("می\u200cخواهم 👩\u200d💻") == "می\u200cخواهم 👩\u200d💻"


def test_whitespace_collapses_to_one_line() -> None:
    assert plain("  Xi \t meets\r\n\n Biden\u2028in\u00a0Lima  ") == "Xi meets Biden in Lima"


def test_blocks_separate_words() -> None:
    assert plain("<p>said.</p><p>Next</p><ul><li>one</li><li>two</li></ul>a<br>b") == (
        "said. Next one two a b"
    )


def test_multiline_keeps_paragraphs_and_collapses_spaces_within_lines() -> None:
    value = "First   paragraph\tends.\n\n\n  Second <b>one</b>.\r\nThird<script>x()</script>"
    assert plain(value, multiline=True) == "First paragraph ends.\nSecond one.\nThird"
    assert plain("<p>a</p><p>b</p>", multiline=True) == "a\nb"


def test_length_is_bounded_at_a_word_when_one_is_near() -> None:
    assert plain("word " * 100, max_chars=52) == "word " * 9 + "word"
    assert plain("x" * 100, max_chars=10) == "x" * 10
    assert len(plain("<b>" * 100_000 + "y" * 10, max_chars=20)) <= 20


def test_huge_markup_is_cut_before_parsing() -> None:
    value = "<i>ok</i> " * 1_000_000
    assert plain(value, max_chars=30) == "ok " * 9 + "ok"


def test_nothing_left_is_empty_and_optional_fields_become_none() -> None:
    assert plain(None) == "" and plain(42) == "" and plain("<!-- c --><script>x</script>") == ""
    assert plain_line("  <br> ", max_chars=10) is None
    assert plain_line(" <b>t</b> ", max_chars=10) == "t"


def test_xml_declarations_and_broken_markup_do_not_raise() -> None:
    assert plain('<?xml version="1.0" encoding="utf-8"?><x>hi</x>') == "hi"
    assert plain("<div><p>unclosed <b>bold") == "unclosed bold"
    assert plain("</p></div>stray end tags") == "stray end tags"


def test_plain_text_is_stable() -> None:
    for value in (HOSTILE_TITLE, "Profits <5% & AT&T", "<p>a</p><p>b</p>"):
        once = plain(value)
        assert plain(once) == once


# --- shortcuts: the same text as the general paths ---------------------------------------------
TRICKY = " \n\t\r\x0b\x0c\x1c\x1f\x00\x7f\x85\xa0\u2028\u202eaZ.é中"
"""Characters each shortcut must tell apart: spaces and line breaks of every kind, controls, a
bidi override, ASCII and other letters."""


def _strings(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    strings = ["", " ", "\n", "a", "a b\nc d", "a  b", "a \nb", "a\n b", "a\n\nb", " a", "a\n"]
    for _ in range(count):
        alphabet = TRICKY if rng.random() < 0.5 else " \naZ.\t"  # ASCII-only often
        strings.append("".join(rng.choices(alphabet, k=rng.randint(1, 12))))
    return strings


def test_controls_leave_ascii_text_as_the_pattern_removes_them() -> None:
    for value in _strings(20_000, seed=1):
        assert _without_controls(value) == _DROPPED.sub("", value), repr(value)


def test_collapsed_text_is_what_collapsing_leaves() -> None:
    for value in _strings(20_000, seed=2):
        lines = (" ".join(line.split()) for line in value.splitlines())
        assert _collapse(value, multiline=True) == "\n".join(line for line in lines if line)
    assert is_collapsed("Xi meets Biden. Talks resume in Lima.")  # the shortcut is taken
