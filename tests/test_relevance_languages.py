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
        (  # a restaurant guide: a cuisine and a festival, not the country
            "The best Chinese restaurants in Queens",
            "Chinese food lovers in the United States have never had more choice. Ahead of "
            "Chinese New Year, American diners queue for dumplings; our Chinese takeout pick "
            "is a family place that U.S. critics adore.",
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


@pytest.mark.parametrize(
    ("lang", "title", "text"),
    [
        (  # an EU–China summit that names Washington twice
            "en",
            "EU and China hold summit in Brussels",
            "European Union leaders met Chinese officials in Brussels on Monday. The EU pressed "
            "Beijing on car subsidies while the United States watched closely, and diplomats "
            "said Washington would study the EU's next steps. European exporters hope for calm.",
        ),
        (  # China and Latin America ("America" inside it is not the United States)
            "en",
            "China courts Latin America at Beijing forum",
            "Latin American ministers arrived in Beijing for a forum with China. Chinese loans to "
            "Latin America have grown while the United States raised tariffs, and Washington "
            "urged South American capitals to be careful. Central America sent observers.",
        ),
        (  # a market round-up: every bourse, China and U.S. futures among them
            "en",
            "Asian shares mixed as China stocks rise",
            "Shares in Tokyo slipped while China stocks rose and U.S. futures edged up. The Nikkei "
            "fell 0.3%, Seoul's KOSPI gained 0.1% and Australia's ASX was flat. In Europe, "
            "the FTSE and the DAX opened higher after the U.S. holiday; Hong Kong was closed.",
        ),
        (  # U.S.–Mexico tariffs, China as the steel's origin
            "de",
            "USA erhöhen Zölle auf Stahl aus Mexiko",
            "Die Vereinigten Staaten verlangen von Mexiko höhere Abgaben, weil Stahl aus China "
            "über Mexiko eingeführt werde. Mexiko und Kanada wollen antworten; Mexiko verweist "
            "auf eigene Kontrollen von Stahl aus China.",
        ),
        (  # a China–EU summit that names the U.S. twice
            "zh-Hans",
            "中国与欧盟领导人举行峰会",
            "欧盟领导人抵达北京，与中方讨论电动车补贴问题。欧盟官员表示，美国的关税政策让欧洲企业"
            "更加谨慎，但欧盟不会追随美国的做法。",
        ),
        (  # Japan–China talks that name the U.S. twice
            "zh-Hant",
            "日本與中國舉行外長會談",
            "日本外相在北京與中方會談，要求恢復日本水產品進口。雙方也談到美國的關稅政策，"
            "日本政府表示將與美國保持溝通。",
        ),
        (  # Japan–China talks that name the U.S. twice
            "ja",
            "日本と中国、外相会談を開催",
            "日本の外相は北京で中国側と会談し、日本産水産物の輸入再開を求めた。米国との関係についても"
            "意見を交わしたが、日本政府は米国の対応とは別に協議を続ける方針だ。",
        ),
        (  # a Russia–China summit that names the U.S. twice
            "ko",
            "중국과 러시아 정상회담 개최",
            "러시아 대통령이 베이징을 방문해 중국 지도부와 회담했다. 러시아 측은 미국의 "
            "제재를 비판했고, 양측은 러시아산 가스 공급 확대에 합의했다. 러시아 언론은 미국 "
            "반응에 주목했다.",
        ),
        (  # an EU–China meeting that names Washington
            "fr",
            "L'UE et la Chine se retrouvent à Bruxelles",
            "Les dirigeants de l'Union européenne ont reçu une délégation chinoise. L'UE veut "
            "réduire son déficit avec Pékin sans suivre Washington, ont dit des diplomates "
            "européens ; les États-Unis n'étaient pas invités.",
        ),
        (  # Brazil in Beijing, the U.S. trade war as context
            "es",
            "Lula llega a Pekín para reforzar la relación entre Brasil y China",
            "El presidente de Brasil aterrizó en Pekín para firmar acuerdos con China. Brasil "
            "busca inversiones mientras Estados Unidos mantiene su guerra comercial; Brasil "
            "exporta soja y Washington observa. México y Colombia también enviaron ministros.",
        ),
        (  # a Russia–China meeting that names the U.S. twice
            "ru",
            "Россия и Китай обсудили поставки газа",
            "Министры России и Китая встретились в Пекине. Россия предложила увеличить поставки, "
            "в Москве напомнили о санкциях США. По словам российской стороны, Россия не ждёт "
            "реакции США.",
        ),
    ],
)
def test_an_article_about_china_or_the_us_with_someone_else_is_not_relevant(
    scorer: RelevanceScorer, lang: str, title: str, text: str
) -> None:
    """Both sides clear the threshold, but third countries outweigh the weaker side: not focused."""
    result = scorer.explain(title, text)
    both_sides = min(result.china.strength, result.us.strength)
    assert both_sides >= result.threshold, (lang, result.to_dict())
    assert result.focus is not None and result.focus < 1.0, (lang, result.to_dict())
    assert not result.focused
    # the cap is in the score, so a watchlist's min_relevance sees it too
    assert result.relevance.score == result.focus < result.threshold
    assert not result.relevance.relevant, lang
    assert result.to_dict()["others"]["found"], lang


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "U.S. and China resume tariff talks",
            "Negotiators from Washington and Beijing met in Geneva. Japan and the EU welcomed the "
            "talks, and Chinese officials said the United States had offered to lower duties.",
        ),
        (
            "米中、関税協議を再開",
            "米国と中国の交渉担当者がジュネーブで会談した。日本政府は協議の再開を歓迎した。中国側は、"
            "米政府が関税の引き下げを提案したと明らかにした。",
        ),
    ],
)
def test_a_china_us_article_naming_third_countries_in_passing_stays_relevant(
    scorer: RelevanceScorer, title: str, text: str
) -> None:
    result = scorer.explain(title, text)
    assert result.others.hits > 0
    assert result.focused
    assert result.relevance.relevant, result.to_dict()
