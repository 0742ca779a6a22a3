"""crawler.relevance: matching rules and the score (other languages: test_relevance_languages)."""

from __future__ import annotations

import random
from itertools import islice

import pytest

from crawler.config import RelevanceSettings
from crawler.relevance import (
    _WORD,
    LEAD_WORDS,
    RelevanceScorer,
    ScorerSettings,
    _lead_and_body_words,
    always_relevant,
)

LONG_US_BODY = " ".join(
    ["Congress debated the budget again on Tuesday while the White House urged a quick vote."] * 120
)


@pytest.fixture(scope="module")
def scorer() -> RelevanceScorer:
    return RelevanceScorer(RelevanceSettings())


def test_both_sides_required(scorer: RelevanceScorer) -> None:
    china_only = scorer.score("China and Beijing", "China's economy grew. Beijing said so.")
    assert not china_only.relevant and china_only.score == 0
    both = scorer.score("China warns U.S. over Taiwan", "Beijing told Washington to stop.")
    assert both.relevant
    assert both.china_terms == {"China": 1, "Taiwan": 1, "Beijing": 1}
    assert both.us_terms == {"U.S.": 1, "Washington": 1}


def test_us_pronoun_is_not_the_united_states(scorer: RelevanceScorer) -> None:
    text = "China told us nothing. Let us wait, said the Chinese official. Join us in Beijing."
    result = scorer.score("China invites us to talk", text)
    assert result.us_terms == {}
    assert not result.relevant
    assert scorer.score("China invites US to talk", text).us_terms == {"US": 1}


def test_all_caps_headlines(scorer: RelevanceScorer) -> None:
    caps = scorer.score("CHINA HITS BACK AT WHITE HOUSE", "")
    assert caps.china_terms == {"China": 1} and caps.us_terms == {"White House": 1}
    assert caps.relevant
    # a shouted pronoun is still a pronoun
    assert scorer.score("WHAT CHINA MEANS TO US", "").us_terms == {}


def test_washington_post_and_china_airlines_are_excluded(scorer: RelevanceScorer) -> None:
    text = (
        "China Airlines added a route, the Washington Post reported. "
        "A China Airlines jet landed; Washington Post readers wrote in."
    )
    result = scorer.score("China Airlines expands, says Washington Post", text)
    assert result.china_terms == {} and result.us_terms == {}
    assert not result.relevant
    kept = scorer.score("China and Washington", "Washington Post: Washington answered China.")
    assert kept.us_terms == {"Washington": 2}


def test_chinese_text(scorer: RelevanceScorer) -> None:
    result = scorer.score(
        "中美贸易谈判在北京举行", "美国代表团与中国官员会谈。白宫表示欢迎，习近平会见了美方代表。"
    )
    assert result.relevant
    assert result.china_terms["中美"] == 1 and result.china_terms["习近平"] == 1
    assert result.us_terms["美国"] == 1 and result.us_terms["美方"] == 1
    domestic = scorer.score("北京发布药品保供措施", "国家卫健委在北京表示，将保障临床用药需求。")
    assert not domestic.relevant and domestic.us_terms == {}


def test_title_outweighs_body(scorer: RelevanceScorer) -> None:
    body = "Officials met on Tuesday. " * 80 + "China was mentioned. Trump spoke."
    in_body = scorer.score("Officials meet", body)
    in_title = scorer.score("China and Trump", "Officials met on Tuesday. " * 80)
    assert in_title.score > in_body.score
    assert in_title.relevant and not in_body.relevant
    assert in_body.china_terms == in_title.china_terms == {"China": 1}


def test_long_page_with_side_note_is_not_relevant(scorer: RelevanceScorer) -> None:
    note = scorer.score("Budget vote nears", LONG_US_BODY + " China did the same in 2019.")
    assert note.us_terms["Congress"] == 120
    assert note.china_terms == {"China": 1}
    assert not note.relevant
    dense = scorer.score("Budget vote nears", "China warned. " * 100 + LONG_US_BODY)
    assert dense.relevant


def test_counts_saturate(scorer: RelevanceScorer) -> None:
    few = scorer.score("China and the U.S.", "China. " * 3)
    many = scorer.score("China and the U.S.", "China. " * 30)
    assert many.score >= few.score
    assert many.score < 2 * few.score


def test_configured_terms_replace_defaults() -> None:
    scorer = RelevanceScorer(
        RelevanceSettings(china_terms=["PLA", "tariff"], us_terms=["Pentagon"], threshold=0.5)
    )
    result = scorer.score("PLA drills watched by Pentagon", "New TARIFF talk. China reacts.")
    assert result.china_terms == {"PLA": 1, "tariff": 1}  # lowercase term: any case
    assert result.us_terms == {"Pentagon": 1}
    assert result.relevant
    assert not scorer.score("China and the U.S.", "").relevant


def test_threshold_decides(scorer: RelevanceScorer) -> None:
    strict = RelevanceScorer(RelevanceSettings(threshold=5))
    assert scorer.score("China and U.S. talk", "").relevant
    assert not strict.score("China and U.S. talk", "").relevant


@pytest.mark.parametrize(("title", "text"), [("", ""), ("   ", "\n\n"), ("", "!!! ???")])
def test_empty_input(scorer: RelevanceScorer, title: str, text: str) -> None:
    result = scorer.score(title, text)
    assert result.score == 0 and not result.relevant


def test_always_relevant() -> None:
    mark = always_relevant()
    assert mark.relevant is True
    assert mark.score == 0.0 and mark.china_terms == {} and mark.us_terms == {}


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the U.S.-China talks (round 3) resume on Tuesday, 9 a.m. snake_case",
        "Les négociateurs ont repris les pourparlers à Genève — « Chine–États-Unis » ’s",
        "本报讯 记者王小明报道，中美代表团周二在日内瓦恢复谈判 US-China talks 第3轮",
        "",
    ],
)
def test_word_count_fast_paths_count_as_the_word_pattern(text: str) -> None:
    for piece in (text, f"{text} " * 12):  # shorter than a lead, and longer
        assert _lead_and_body_words(piece) == _by_word_pattern(piece), repr(piece)


def _by_word_pattern(text: str) -> tuple[int, int]:
    """The lead's end and the words after it, by :data:`_WORD`'s matches."""
    words = list(islice(_WORD.finditer(text), LEAD_WORDS + 1))
    lead_end = words[LEAD_WORDS - 1].end() if len(words) > LEAD_WORDS else len(text)
    return lead_end, len(_WORD.findall(text, lead_end))


def test_lead_and_word_count_of_ascii_text_as_the_word_pattern_finds_them() -> None:
    rng = random.Random(4)
    pieces = ["talks", "U.S.", "snake_case", "9", "a.m.", " ", "  ", "\n", "-", "(3)", ""]
    texts = ["", " ", "word", "word " * LEAD_WORDS, "word " * (LEAD_WORDS + 1), " x" * 61]
    for _ in range(3_000):
        count = rng.choice([rng.randint(0, 10), rng.randint(LEAD_WORDS - 3, LEAD_WORDS + 3)])
        texts.append(" ".join(rng.choices(pieces, k=count * 2)))
    for text in texts:
        assert _lead_and_body_words(text) == _by_word_pattern(text), repr(text)


def test_plain_scorer_settings_score_as_the_config_does() -> None:
    settings = RelevanceSettings(china_terms=["PLA", "tariff"], us_terms=["Pentagon"], threshold=2)
    plain = ScorerSettings.of(settings)
    assert plain == ScorerSettings(
        threshold=2, china_terms=("PLA", "tariff"), us_terms=("Pentagon",)
    )
    assert ScorerSettings.of(RelevanceSettings()) == ScorerSettings()  # the built-in terms
    title, text = "PLA drills watched by Pentagon", "New TARIFF talk. The Pentagon reacts."
    assert RelevanceScorer(plain).score(title, text) == RelevanceScorer(settings).score(title, text)
