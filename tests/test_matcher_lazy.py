"""What the matcher leaves for later: topic snippets and word spans are made when first read,
and a hit read late is the same as one read at once."""

from __future__ import annotations

import copy
import pickle

from alerts.config import TopicSettings, WatchlistSettings
from alerts.hits import ArticleText, Hit
from alerts.matcher import Matcher
from alerts.termscan import FIND_WORDS, Hits, TermIndex, scan_field
from alerts.textnorm import normalize

TEXT = "Intro here. The trade war and new tariffs hurt. Bye."


def topic_hit() -> Hit:
    watchlist = WatchlistSettings(
        name="beat", topics=[TopicSettings(id="trade", name="Trade", query='"trade war"')]
    )
    (hit,) = Matcher.compile([watchlist]).match(ArticleText(title="Talks", text=TEXT))
    return hit


def test_a_topic_hit_is_the_plain_hit_once_read() -> None:
    plain = Hit(
        "beat", "topic", "trade", "Trade", None, None, "The «trade war» and new tariffs hurt."
    )
    hit = topic_hit()
    assert hit == plain and plain == hit and hash(hit) == hash(plain)
    assert repr(hit) == repr(plain)
    assert hit.to_dict() == plain.to_dict()
    for copied in (pickle.loads(pickle.dumps(topic_hit())), copy.deepcopy(topic_hit())):
        assert type(copied) is Hit and copied == plain
    assert hit != Hit("beat", "topic", "trade", "Trade", None, None, "another sentence")


def test_spans_are_made_on_first_read_and_shared_keys_give_each_word_its_own() -> None:
    index = TermIndex()
    exact, prefix, tariff = (
        index.add("中美"),
        index.add("中美", prefix=True),
        index.add("tariff", True),
    )
    scan = normalize("中美关系 and tariffs, 中美 tariff").scan
    hits = index.hits(scan)
    assert isinstance(hits, Hits)
    assert list(hits) == [exact, prefix, tariff]  # in the order they first occur
    assert dict.__getitem__(hits, tariff) is None  # nothing made yet
    assert hits[tariff] == [(9, 16), (21, 27)]
    assert hits.get(exact) == [(0, 2), (18, 20)]
    assert hits[prefix] == [(0, 4), (18, 20)]  # a prefix runs on to the end of its word
    assert hits.get(99, "none") == "none"
    assert hits == {
        exact: [(0, 2), (18, 20)],
        prefix: [(0, 4), (18, 20)],
        tariff: [(9, 16), (21, 27)],
    }


def test_spans_are_the_same_whether_looked_for_one_by_one_or_all_at_once() -> None:
    index = TermIndex()
    words = ["tariff", "trade", "中美", "中美关系", "war", "talks", "ren"]
    ids = [index.add(word, prefix=word == "trade") for word in words]
    scan = normalize(
        "Trade war, tariff talks: 中美关系 and 中美 ren ren; traders' tariffs war"
    ).scan
    forward, backward = index.hits(scan), index.hits(scan)
    assert len(ids) > FIND_WORDS  # the last words read come from the automaton's one pass
    spans = {word_id: forward[word_id] for word_id in ids}
    assert {word_id: backward[word_id] for word_id in reversed(ids)} == spans
    ren = scan.index("ren ren")  # the keys " ren " overlap: both found
    assert spans[ids[words.index("ren")]] == [(ren, ren + 3), (ren + 4, ren + 7)]
    traders = scan.index("traders")  # a prefix runs on to the end of its word
    assert spans[ids[words.index("trade")]] == [(0, 5), (traders, traders + 7)]


MIXED = "Gao在论坛  上表示: the  tariff_talks 한국어는 좋다, 中美关系 and 5G网络 ok"


def test_tokens_counted_from_any_offset_agree_with_tokenising_the_text() -> None:
    fresh, tokenised = normalize(MIXED), normalize(MIXED)
    starts = tokenised.token_starts
    for start in range(len(MIXED) + 1):
        for end in range(start, len(MIXED) + 1):
            expected = sum(start <= offset < end for offset in starts)
            for text in (fresh, tokenised):
                assert text.tokens_starting(start, end, 1_000) == expected
                assert text.tokens_starting(start, end, 3) == min(expected, 3)
    assert fresh._token_starts is None  # counted without tokenising the text


def test_proximity_counts_tokens_only_between_its_words() -> None:
    index = TermIndex()
    trade, war, 中美, peace = (index.add(word) for word in ("trade", "war", "中美", "peace"))
    filler = " ".join(f"w{n}" for n in range(300))
    text = normalize(f"Trade {filler} war. {filler} A trade, one two three, war. 中美 贸易 peace")
    scan = scan_field(index, text)
    near = scan.near(((trade,), (war,)), 3)
    second = text.original.index("trade,")
    war_after = text.original.index("war", second)
    assert text.original.index("war") < second  # 300 words from either trade: too far
    assert [[(o.start, o.end) for o in match] for match in near] == [
        [(second, second + 5), (war_after, war_after + 3)]
    ]
    assert scan.near(((trade,), (war,)), 2) == []  # three words between: one too many
    # a token a CJK character: 美 贸 易 stand between 中 and peace, and 中美 counts as one word
    assert len(scan.near(((中美,), (peace,)), 3)) == 1 and scan.near(((中美,), (peace,)), 2) == []
    assert text._token_starts is None  # the field was not tokenised
