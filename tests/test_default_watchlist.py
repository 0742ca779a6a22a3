"""The default watchlist (config/watchlists/us-china.yaml) hits Chinese, Japanese and Korean text.

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
            "首脳会談で最終合意を目指す。",
            {"trade-tariffs", "taiwan", "export-controls", "summits-calls"},
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
            "預計下月會晤。",
            {"trade-tariffs", "taiwan", "export-controls", "summits-calls"},
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
