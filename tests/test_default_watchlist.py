"""The default watchlist hits Chinese, Japanese and Korean text; the sources include such outlets.

Invented sentences, run through the real matcher with the default config as shipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.hits import ArticleText
from alerts.matcher import Matcher
from sinowatch.config_loader import load_settings

CONFIG = Path(__file__).resolve().parents[1] / "config" / "sinowatch.yaml"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    settings = load_settings(CONFIG)
    return Matcher.compile([w for w in settings.watchlists if w.name == "us-china"])


def topics(matcher: Matcher, title: str, text: str) -> set[str]:
    hits = matcher.match(ArticleText(title=title, text=text, authors=()))
    return {hit.id for hit in hits if hit.kind == "topic"}


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (  # Japanese
            "米中、関税引き下げで合意",
            "米国と中国は電話会談を行い、台湾海峡の緊張についても意見を交わした。"
            "米政府は半導体の輸出規制を維持する方針だ。習近平国家主席とトランプ大統領は来月の"
            "首脳会談で最終合意を目指す。中国人留学生のビザ審査も議題に上った。",
            {"trade-tariffs", "taiwan", "export-controls", "summits-calls", "students-exchanges"},
        ),
        (  # Korean: particles attach to the words (관세를, 대만의, 통제를)
            "미중, 관세를 낮추기로 합의",
            "미국과 중국은 대만의 안보 문제도 논의했다. 미국 정부는 반도체 수출 통제를 "
            "유지할 방침이다. 시진핑 주석과 트럼프 대통령은 다음 달 정상회담에서 최종 합의를 "
            "목표로 한다. 중국 유학생에 대한 비자 심사도 의제에 올랐다.",
            {"trade-tariffs", "taiwan", "export-controls", "summits-calls", "students-exchanges"},
        ),
        (  # traditional Chinese
            "美中同意降低關稅",
            "美國與中國舉行通話，並就台灣問題交換意見。華府表示將維持晶片禁令。習近平與川普"
            "預計下月會晤。中國留學生的簽證審查也在議程之中。",
            {"trade-tariffs", "taiwan", "export-controls", "summits-calls", "students-exchanges"},
        ),
        (  # simplified Chinese
            "中美同意降低关税",
            "美国与中国举行通话，并就台湾问题交换意见。华盛顿表示将维持出口管制。习近平与特朗普"
            "预计下月会晤。中国留学生的签证审查也在议程之中。",
            {"trade-tariffs", "taiwan", "export-controls", "summits-calls", "students-exchanges"},
        ),
    ],
)
def test_default_topics_hit_east_asian_text(
    matcher: Matcher, title: str, text: str, expected: set[str]
) -> None:
    assert topics(matcher, title, text) == expected


def test_east_asian_terms_do_not_hit_unrelated_text(matcher: Matcher) -> None:
    assert topics(matcher, "今日の天気", "東京は晴れ、気温は二十度の見込みです。") == set()
    assert topics(matcher, "오늘의 날씨", "서울은 맑고 기온은 20도로 예상된다.") == set()


def test_default_sources_include_east_asian_outlets() -> None:
    """Chinese-language, Taiwanese, Hong Kong, Japanese and Korean outlets beside the English."""
    sources = load_settings(CONFIG).sources
    languages = {source.language for source in sources}
    countries = {source.country for source in sources}
    assert {"en", "zh", "zh-Hant", "ja", "ko"} <= languages
    assert {"CN", "TW", "HK", "JP", "KR"} <= countries
    # feeds in each East Asian language, not only English editions
    for language in ("zh", "zh-Hant", "ja", "ko"):
        feeds = [s for s in sources if s.language == language and s.kind == "feed"]
        assert len(feeds) >= 2, language
