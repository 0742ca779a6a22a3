"""crawler.relevance across languages and lengths: each failure of issue 14, in invented articles.

Every article here is our own short invented text (never corpus text).
"""

from __future__ import annotations

import pytest

from crawler.config import RelevanceSettings
from crawler.pipelines import analyse
from crawler.records import FetchedPage
from crawler.relevance import RelevanceScorer

FILLER = (
    "Factory managers described new orders, shipping costs and the hiring of engineers. "
    "Several suppliers said they were moving assembly lines to other provinces. "
    "Economists expect the adjustment to take years rather than months. "
)
"""About 40 words naming neither side."""
US_SENTENCE = "The United States tightened its export rules again. "

ZH_FILLER = "工厂负责人介绍了新的订单、运输成本和工程师招聘情况，多家供应商表示正在调整生产线布局。"
"""About 40 characters naming neither side."""


@pytest.fixture(scope="module")
def scorer() -> RelevanceScorer:
    return RelevanceScorer(RelevanceSettings())


def test_long_english_article_with_a_dozen_us_mentions_is_relevant(
    scorer: RelevanceScorer,
) -> None:
    paragraphs = []
    for i in range(48):
        sentence = "Chinese exporters and officials in Beijing watched China's chip output. "
        if i % 4 == 0:
            sentence += US_SENTENCE
        paragraphs.append(FILLER + sentence)
    result = scorer.explain("Chipmakers rethink supply chains", FILLER * 2 + "".join(paragraphs))
    assert result.body_words > 2000
    assert result.relevance.us_terms == {"United States": 12}
    assert result.relevance.china_terms["Beijing"] == 48
    assert result.relevance.relevant, result.to_dict()
    # the same length with one passing U.S. mention stays below the bar
    passing = "".join(paragraphs).replace(US_SENTENCE, "")
    side_note = scorer.score("Chipmakers rethink", FILLER * 2 + passing + " Washington agreed.")
    assert side_note.us_terms == {"Washington": 1}
    assert not side_note.relevant


def test_long_chinese_article_with_a_dozen_us_mentions_is_relevant(
    scorer: RelevanceScorer,
) -> None:
    paragraphs = []
    for i in range(60):
        sentence = "中国芯片企业在北京召开会议。"
        if i % 5 == 0:
            sentence += "美国再次收紧出口规则。"
        paragraphs.append(ZH_FILLER * 2 + sentence)
    result = scorer.explain("芯片企业调整供应链", ZH_FILLER * 3 + "".join(paragraphs))
    assert result.body_words > 2000
    assert result.relevance.us_terms == {"美国": 12}
    assert result.relevance.relevant, result.to_dict()


def test_short_chinese_piece_with_one_zhongmei_is_relevant(scorer: RelevanceScorer) -> None:
    text = ZH_FILLER * 4 + "分析人士认为，中美经贸磋商的结果将影响明年的订单。" + ZH_FILLER
    result = scorer.explain("", text)
    assert result.relevance.china_terms == {"中美": 1} == result.relevance.us_terms
    assert result.china.found["中美"] == {"body": 1}
    assert result.relevance.relevant


@pytest.mark.parametrize(
    ("lang", "title", "text", "china", "us"),
    [
        (
            "ja",
            "米中、貿易協議の再開で合意",
            "米国と中国の政府高官は電話で協議し、関税の引き下げに向けた交渉を来月再開することで"
            "合意した。訪米した中国の副首相は、米政府の輸出規制に懸念を伝えた。",
            {"米中", "中国"},
            {"米中", "米国", "訪米", "米政府"},
        ),
        (
            "ko",
            "미중 무역 협상 다음 달 재개",
            "미국과 중국 정부 고위 관계자들이 전화 통화를 갖고 관세 인하를 위한 협상을 다음 달 "
            "재개하기로 합의했다. 중국 부총리는 미국의 수출 통제에 우려를 전달했다.",
            {"미중", "중국"},
            {"미중", "미국"},
        ),
        (
            "zh-Hant",
            "美國宣布對台軍售 中國外交部強烈抗議",
            "美國國務院週五批准新一批對台軍售，北京隨即表示堅決反對，並要求華府停止干涉。",
            {"中國", "北京"},
            {"美國", "華府"},
        ),
        (
            "fr",
            "Les États-Unis et la Chine reprennent leurs négociations commerciales",
            "Washington et Pékin ont convenu de reprendre les discussions sur les droits de "
            "douane. Les exportateurs chinois espèrent un accord avant la fin de l'année.",
            {"Chine", "Pékin", "chinois*"},
            {"États-Unis", "Washington"},
        ),
        (
            "de",
            "USA und China verhandeln wieder über Zölle",
            "Die Vereinigten Staaten und China haben neue Gespräche vereinbart. Peking hofft auf "
            "eine Senkung der US-Zölle auf chinesische Elektroautos.",
            {"China", "Peking", "chinesisch*"},
            {"USA", "Vereinigten Staaten", "US"},
        ),
        (
            "es",
            "EE. UU. y China retoman las negociaciones comerciales",
            "Washington y Pekín acordaron reanudar el diálogo sobre los aranceles. Los "
            "exportadores chinos esperan un acuerdo con Estados Unidos antes de fin de año.",
            {"China", "Pekín", "chinos"},
            {"EE. UU.", "Washington", "Estados Unidos"},
        ),
        (
            "ru",
            "США и Китай возобновят торговые переговоры",
            "Вашингтон и Пекин договорились вернуться к обсуждению пошлин. Китайские экспортёры "
            "надеются на соглашение с США до конца года, заявили в министерстве торговли Китая.",
            {"Кита*", "Пекин*", "китайск*"},
            {"США", "Вашингтон*"},
        ),
    ],
)
def test_languages(
    scorer: RelevanceScorer, lang: str, title: str, text: str, china: set[str], us: set[str]
) -> None:
    result = scorer.score(title, text)
    assert set(result.china_terms) == china, lang
    assert set(result.us_terms) == us, lang
    assert result.relevant, lang


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (  # a newspaper and an airline, not the two countries
            "China Airlines adds Seattle flights, Washington Post reports",
            "The Taipei-based carrier said the route would start in spring, the Washington Post "
            "reported. China Airlines already flies to Los Angeles.",
        ),
        (  # China and the EU only
            "China and the EU trade barbs over electric car subsidies",
            "Beijing said the European Commission's inquiry into Chinese electric cars was unfair. "
            "Brussels answered that Chinese subsidies distort the market. China's commerce "
            "ministry promised to defend its companies.",
        ),
        (  # U.S. domestic politics only
            "Senate passes the budget after a long night",
            "Congress sent the spending bill to the White House, where President Trump is expected "
            "to sign it. Democrats in Washington said the United States needed a longer deal.",
        ),
        (  # a dollar amount is not the United States
            "Chinese battery maker raises US$500 million",
            "The Chinese company said the US$500 million would fund a new plant in Hubei, "
            "China's central province. Beijing welcomed the investment.",
        ),
        (  # Japanese: 中米 is Central America
            "中国、中米諸国との経済協力を拡大",
            "中国政府は中米のコスタリカやパナマとの貿易を拡大すると発表した。",
        ),
        (  # Chinese: 美元 is a currency, 北美 a continent
            "中国企业海外融资创新高",
            "多家中国企业今年在海外发行以美元计价的债券，北美投资者认购踊跃。",
        ),
    ],
)
def test_hard_negatives(scorer: RelevanceScorer, title: str, text: str) -> None:
    result = scorer.score(title, text)
    assert not result.relevant, (result.china_terms, result.us_terms)


def test_a_term_on_both_sides_counts_double(scorer: RelevanceScorer) -> None:
    result = scorer.explain("", "Analysts expect the US-China talks to resume.")
    assert result.relevance.china_terms == {"US-China": 1} == result.relevance.us_terms
    assert result.china.hits == result.us.hits == 2 * 3  # bilateral, in the lead
    assert result.relevance.relevant


def test_prefix_terms_match_inflections_only_at_word_start(scorer: RelevanceScorer) -> None:
    result = scorer.score("Пекин", "Переговоры с Китаем, Китаю, Китая; подкитайский не считается.")
    assert result.china_terms == {"Пекин*": 1, "Кита*": 3}


def test_explanation_says_where_terms_were_found(scorer: RelevanceScorer) -> None:
    body = FILLER * 3 + "Beijing replied on Friday."
    result = scorer.explain("China warns the U.S.", "Officials in Washington met. " + body)
    assert result.china.found == {"China": {"title": 1}, "Beijing": {"body": 1}}
    assert result.us.found == {"U.S.": {"title": 1}, "Washington": {"lead": 1}}
    assert result.threshold == 1.0
    report = result.to_dict()
    assert report["china"]["found"]["Beijing"] == {"body": 1}
    assert report["weights"]["title"] == 3.0
    assert report["us"]["hits"] == pytest.approx(3 + 2)


def test_a_page_whose_extraction_failed_is_scored_from_the_feed() -> None:
    page = FetchedPage(
        source_id="feed",
        url="https://news.example.org/a/1",
        html=b"<html><body><p>Loading</p></body></html>",
        feed_title="U.S. and China agree to resume tariff talks",
        feed_summary="Negotiators from Washington and Beijing will meet next month.",
    )
    analysed = analyse(page, RelevanceSettings(), always=False)
    assert analysed.article.partial
    assert analysed.relevance.relevant
    assert analysed.relevance.china_terms == {"China": 1, "Beijing": 1}
