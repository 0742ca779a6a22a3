"""The term scanner and the matcher: boundaries, overlaps, CJK, snippets, and a regex reference."""

from __future__ import annotations

import re
import sys
import threading
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alerts import textnorm
from alerts.config import ExpertSettings, TopicSettings, WatchlistSettings
from alerts.hits import ArticleText
from alerts.matcher import Matcher
from alerts.termscan import TermIndex, scan_field
from alerts.textnorm import (
    SCRIPT_CHANGE,
    SENTENCE_WINDOW,
    is_cjk,
    normalize,
    sentence_spans,
    words,
)


def reference(terms: list[tuple[str, bool]], norm: str) -> set[tuple[int, int, int]]:
    """The slow way: one regex per term with word boundaries, overlaps included.

    A boundary is a Unicode word boundary (``\\w`` on one side only) or a script change between
    a Latin letter or digit and a Han/kana/Hangul character (``gao在``, ``会见了denis``): Chinese
    puts no space around foreign names. So a prefix runs on over word characters up to the end of
    the word or the first script change. CJK ends need no boundary at all.
    """
    found = set()
    for word_id, (word, prefix) in enumerate(terms):
        left = "" if is_cjk(word[0]) else rf"(?:(?<!\w)|{SCRIPT_CHANGE})"
        edge = "" if is_cjk(word[-1]) else rf"(?:(?!\w)|{SCRIPT_CHANGE})"
        right = rf"(?:(?!{SCRIPT_CHANGE})\w)*" if prefix else edge
        for match in re.finditer(f"(?=({left}{re.escape(word)}{right}))", norm):
            found.add((word_id, match.start(1), match.end(1)))
    return found


def scanned(terms: list[tuple[str, bool]], text: str) -> tuple[set[tuple[int, int, int]], str]:
    index = TermIndex()
    ids = [index.add(word, prefix) for word, prefix in terms]
    assert ids == list(range(len(terms)))
    norm = normalize(text)
    return set(index.find(norm.scan)), norm.norm


ALPHABET = "abcé ren.Rén-中美国,\n'’ßİ_1한は"
word_strategy = st.text(alphabet="abcérnß中美国_1한は", min_size=1, max_size=4).map(
    lambda text: words(text)[0] if words(text) else "a"
)


@settings(max_examples=300, deadline=None)
@given(
    terms=st.lists(st.tuples(word_strategy, st.booleans()), min_size=1, max_size=8, unique=True),
    text=st.text(alphabet=ALPHABET, max_size=80),
)
@pytest.mark.slow
def test_scanner_reports_exactly_what_one_regex_per_term_reports(
    terms: list[tuple[str, bool]], text: str
) -> None:
    found, norm = scanned(terms, text)
    assert found == reference(terms, norm)


def test_unicode_boundaries_and_overlaps() -> None:
    terms = [("ren", False), ("wang", False), ("yong", False), ("中美", False)]
    found, norm = scanned(terms, "Renée met Wang Yong; Ren left. 中美关系")
    by_word = {(terms[i][0], norm[s:e]) for i, s, e in found}
    assert by_word == {("ren", "ren"), ("wang", "wang"), ("yong", "yong"), ("中美", "中美")}
    assert not scanned([("ren", False)], "Renée, Rennes, current")[0]


def test_a_script_change_is_a_word_boundary() -> None:
    terms = [("gao", False), ("denis", False), ("ren", False), ("5g", False), ("19", False),
             ("tariff", True), ("网络", False), ("gao", True)]  # fmt: skip
    text = "Victor Gao在论坛上 会见了Denis。Renée说 5G网络 COVID-19疫情 Gao는 tariffs关税"
    found, norm = scanned(terms, text)
    assert sorted((terms[i][0], terms[i][1], norm[s:e]) for i, s, e in found) == [
        ("19", False, "19"),
        ("5g", False, "5g"),
        ("denis", False, "denis"),
        ("gao", False, "gao"),
        ("gao", False, "gao"),
        ("gao", True, "gao"),  # a prefix stops at the script change too
        ("gao", True, "gao"),
        ("tariff", True, "tariffs"),
        ("网络", False, "网络"),
    ]  # and no "ren" in "renee说": é is a Latin letter, not a script change
    assert words("Victor Gao在论坛上") == ["victor", "gao", "在论坛上"]
    assert words("5G网络 Renée") == ["5g", "网络", "renee"]
    with pytest.raises(ValueError, match="not a single folded word"):
        TermIndex().add("gao在")


def test_normalize_folds_and_maps_back_to_the_original() -> None:
    text = "Ｂeijing’s «ﬁnal» Renée İstanbul STRASSE straße"
    norm = normalize(text)
    assert norm.norm.startswith('beijing\'s "final" renee istanbul strasse strasse')
    assert len(norm.norm) == len(norm.scan)
    start = norm.norm.index("final")
    orig_start, orig_end = norm.to_original(start, start + len("final"))
    assert text[orig_start:orig_end] == "ﬁnal"
    start = norm.norm.rindex("strasse")
    assert text[slice(*norm.to_original(start, start + 7))] == "straße"


def fold_one(char: str) -> str:
    """The definition of folding, one character at a time: NFKC, case-folded, no diacritics,
    typographic quotes and dashes as ASCII."""
    text = unicodedata.normalize("NFKC", char).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text).translate(textnorm._TYPOGRAPHIC)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="Ab ,.-_9éÉ\u0301ßİﬁ…½’“—，。中國한は\ud800", max_size=60)
    | st.text(max_size=30)
)
def test_normalize_folds_each_character_and_each_folded_character_maps_back(text: str) -> None:
    norm = normalize(text)
    folded = [fold_one(char) for char in text]
    assert norm.norm == "".join(folded)
    assert norm.scan == "".join(c if c.isalnum() or c == "_" else " " for c in norm.norm)
    origins = [index for index, piece in enumerate(folded) for _ in piece] + [len(text)]
    assert (norm.offsets or list(range(len(text) + 1))) == origins


RESIZING = [
    chr(point)
    for point in range(0x80, 0x3000)
    if not 0xD800 <= point < 0xE000 and len(fold_one(chr(point))) != 1
]
"""Characters whose fold is longer or shorter than they are (…, ß, ligatures, combining marks)."""


def test_threads_folding_new_characters_at_once_all_get_offset_maps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The matcher runs in the crawl pipeline's threads: a thread that reads a character's fold
    from the shared tables must also find it among the resizing ones, or its text gets no
    offset map and every snippet, mention and quote after it is cut from shifted positions."""
    monkeypatch.setattr(textnorm, "_FOLDING", textnorm._Folding())  # every character new
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch often: the race shows at once when it exists
    unmapped: list[str] = []

    def fold_all() -> None:
        for char in RESIZING:
            if normalize(f"Gao {char} said").offsets is None:
                unmapped.append(char)

    try:
        threads = [threading.Thread(target=fold_all) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert len(RESIZING) > 300 and unmapped == []


def test_the_fold_tables_stop_growing_at_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textnorm, "_FOLDING", textnorm._Folding())
    monkeypatch.setattr(textnorm, "MAX_FOLD_TABLE", 8)
    text = "".join(chr(point) for point in range(0x100, 0x400)) + " … ß ﬁ"
    norm = normalize(text)
    assert len(textnorm._FOLDING.norm) <= 8 and len(textnorm._FOLDING.scan) <= 8
    assert norm.norm == "".join(fold_one(char) for char in text)  # folded all the same
    assert norm.offsets is not None  # and … ß ﬁ still known as resizing


def test_sentences_skip_abbreviations() -> None:
    text = "Mr. Li met U.S. officials. They said no! 中美关系。Next\nline"
    pieces = [text[s:e] for s, e in sentence_spans(text)]
    assert pieces == ["Mr. Li met U.S. officials.", "They said no!", "中美关系。", "Next", "line"]


def test_a_line_break_ends_a_sentence_even_after_an_abbreviation() -> None:
    text = "They are due back at 9 a.m.\n\n08:41 — Crowe has arrived. Talks resume at 2 p.m. today."
    pieces = [text[s:e] for s, e in sentence_spans(text)]
    assert pieces == [
        "They are due back at 9 a.m.",
        "08:41 — Crowe has arrived.",
        "Talks resume at 2 p.m. today.",
    ]


def test_a_sentence_is_cut_to_its_window_and_the_split_is_shared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    splits: list[str] = []
    monkeypatch.setattr(
        textnorm, "sentence_spans", lambda text: splits.append(text) or sentence_spans(text)
    )
    run_on = " ".join(["word"] * 300)  # one 1,499-character sentence
    text = f"First one. {run_on} tariff {run_on}. Last one."
    norm = normalize(text)
    start = norm.norm.index("tariff")
    low, high = norm.sentence(start, start + 6)
    assert (low, high) == (start - SENTENCE_WINDOW, start + 6 + SENTENCE_WINDOW)
    first = norm.norm.index("first")
    assert text[slice(*norm.sentence(first, first + 5))] == "First one."
    last = norm.norm.index("last")
    assert text[slice(*norm.sentence(last, last + 4))] == "Last one."
    assert splits == [text]  # split once, for the whole text
    spans = sentence_spans(text)
    assert text[spans[1][0] : spans[1][1]].endswith("word.")  # the whole run-on, uncut


def test_topic_hit_has_the_sentence_with_matched_words_marked() -> None:
    watchlist = WatchlistSettings(
        name="beat",
        topics=[TopicSettings(id="trade", name="Trade", query='"trade war" OR tariff*')],
    )
    hits = Matcher.compile([watchlist]).match(
        ArticleText(title="Talks", text="Intro here. The trade war and new tariffs hurt. Bye.")
    )
    assert len(hits) == 1
    assert (hits[0].watchlist, hits[0].kind, hits[0].id, hits[0].name) == (
        "beat",
        "topic",
        "trade",
        "Trade",
    )
    assert hits[0].snippet == "The «trade war» and new «tariffs» hurt."


def test_many_watchlists_share_one_automaton_and_keep_their_order() -> None:
    first = WatchlistSettings(name="a", topics=[TopicSettings(id="t", any=["taiwan"])])
    second = WatchlistSettings(
        name="b",
        topics=[TopicSettings(id="t", query="taiwan AND strait")],
        experts=[ExpertSettings(name="Victor Gao")],
    )
    matcher = Matcher.compile([first, second])
    assert matcher.watchlist_names == ("a", "b")
    # "taiwan" once for both lists; "gaos", the German genitive, is the name's too
    assert matcher.term_count == len({"taiwan", "strait", "victor", "gao", "gaos"})
    hits = matcher.match(ArticleText(title="", text="Taiwan Strait tension, Victor Gao said."))
    assert [(h.watchlist, h.kind, h.id) for h in hits] == [
        ("a", "topic", "t"),
        ("b", "topic", "t"),
        ("b", "expert", "victor-gao"),
    ]
    assert matcher.match(ArticleText(title="", text="")) == []


def test_topic_hits_go_to_their_own_watchlist_between_the_experts() -> None:
    topics = [TopicSettings(id="miss", any=["kinmen"]), TopicSettings(id="hit", any=["taiwan"])]
    expert = [ExpertSettings(name="Victor Gao")]
    matcher = Matcher.compile(
        [
            WatchlistSettings(name="a", topics=topics, experts=expert),
            WatchlistSettings(name="b", topics=topics[:1], experts=expert),
            WatchlistSettings(name="c", topics=topics[::-1]),
        ]
    )
    hits = matcher.match(ArticleText(title="", text="On Taiwan, Victor Gao said little."))
    assert [(h.watchlist, h.kind, h.id) for h in hits] == [
        ("a", "topic", "hit"),
        ("a", "expert", "victor-gao"),
        ("b", "expert", "victor-gao"),
        ("c", "topic", "hit"),
    ]


HEADLINE = "China vows firm response to new U.S. tariffs on EVs"


@pytest.mark.parametrize(
    ("topic", "snippet"),
    [
        ({"query": "tariff*"}, "China vows firm response to new U.S. «tariffs» on EVs"),
        ({"query": "tariffs"}, "China vows firm response to new U.S. «tariffs» on EVs"),
        ({"query": '"u.s. tariff*"'}, "China vows firm response to new «U.S. tariffs» on EVs"),
        ({"query": '"tariff* u.s."~8'}, "China vows firm response to new «U.S.» «tariffs» on EVs"),
        ({"query": '"tariff* chin*"~8'}, "«China» vows firm response to new U.S. «tariffs» on EVs"),
        (
            {"query": '"firm response" AND EVs'},
            "China vows «firm response» to new U.S. tariffs on «EVs»",
        ),
        ({"query": "title:tariff*"}, "China vows firm response to new U.S. «tariffs» on EVs"),
        (
            {"query": 'title:"vows EVs"~9'},
            "China «vows» firm response to new U.S. tariffs on «EVs»",
        ),
        (
            {"query": "(tariff* OR chip*) AND NOT grid"},
            "China vows firm response to new U.S. «tariffs» on EVs",
        ),
        ({"any": ["chip*", "new u.s."]}, "China vows firm response to «new U.S.» tariffs on EVs"),
        ({"all": ["tariff*", "china"]}, "«China» vows firm response to new U.S. «tariffs» on EVs"),
        (
            {"all": ['"evs tariffs"~2'], "none": ["grid"]},
            "China vows firm response to new U.S. «tariffs» on «EVs»",
        ),
    ],
)
def test_every_query_form_marks_the_words_that_matched(topic: dict, snippet: str) -> None:
    watchlist = WatchlistSettings(name="w", topics=[TopicSettings(id="t", **topic)])
    matcher = Matcher.compile([watchlist])
    in_title = matcher.match(ArticleText(title=HEADLINE, text=""))
    assert [hit.snippet for hit in in_title] == [snippet]
    if "title:" not in topic.get("query", ""):  # the same words in the body: the body's sentence
        in_body = matcher.match(ArticleText(title="Update", text=f"Intro. {HEADLINE}. Bye."))
        assert [hit.snippet for hit in in_body] == [snippet + "."]


def test_proximity_marks_its_words_not_the_gap_and_not_excluded_words() -> None:
    watchlist = WatchlistSettings(
        name="w",
        topics=[TopicSettings(id="t", query='"tariff* beijing"~8 AND NOT "power tariff*"')],
    )
    text = "Officials in Beijing criticised the tariffs. Power prices rose."
    hits = Matcher.compile([watchlist]).match(ArticleText(title="", text=text))
    assert [hit.snippet for hit in hits] == ["Officials in «Beijing» criticised the «tariffs»."]


def test_a_phrase_is_present_exactly_when_it_has_an_occurrence() -> None:
    index = TermIndex()
    trade, war, talks = (index.add(word) for word in ("trade", "war", "talks"))
    scan = scan_field(index, normalize("Trade, war. The trade war talks; talks trade"))
    assert [(occ.start, occ.end) for occ in scan.unit((trade, war))] == [(0, 10), (16, 25)]
    for unit in [(trade, war), (war, talks), (talks, trade), (war, trade), (talks, war)]:
        assert scan.has_unit(unit) == bool(scan.unit(unit)), unit
    assert not scan.has_unit((war, trade)) and not scan.has_unit((talks, war))
    assert scan.has_unit((trade,)) and not scan.has_unit((index.add("peace"),))


PHRASE_WORDS = st.text(alphabet="abrén中美国한は1ж", min_size=1, max_size=3).map(
    lambda text: words(text)[0] if words(text) else "a"
)


@settings(max_examples=600, deadline=None)
@given(
    unit_words=st.lists(st.tuples(PHRASE_WORDS, st.booleans()), min_size=2, max_size=3),
    text=st.text(alphabet="abén中美国한は1ж .,-\n  ", max_size=40),
    before=st.sampled_from(["", " ", "a", "中", "-", "1", "ж"]),
    gap=st.sampled_from(["", " ", "  ", ", ", "-", "a", "中"]),
    after=st.sampled_from(["", " ", "a", "中", ".", "s", "한"]),
)
def test_a_phrase_is_there_exactly_when_one_of_its_needles_is(
    unit_words: list[tuple[str, bool]], text: str, before: str, gap: str, after: str
) -> None:
    index = TermIndex()
    unit = tuple(index.add(word, prefix) for word, prefix in unit_words)
    needles = index.needles(unit)
    assert (needles is None) == any(prefix for _, prefix in unit_words)
    # the words in the middle of a word or not, with or without a space between them
    spelled = gap.join(word for word, _ in unit_words)
    scan = scan_field(index, normalize(f"{text}{before}{spelled}{after}{text}"))
    assert scan.has_unit(unit, needles) == bool(scan.unit(unit)) == scan.has_unit(unit)
