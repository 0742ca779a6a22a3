"""Experts: name variants, follow-ups, namesakes and mention kinds (written and real pages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import trafilatura
import yaml

from alerts.config import ExpertSettings, WatchlistSettings
from alerts.experts import expert_id, name_forms, pinyin_split
from alerts.hits import ArticleText, Hit
from alerts.matcher import Matcher
from crawler.extract import extract_article

CONFIG = Path(__file__).resolve().parents[1] / "config" / "watchlists" / "us-china.yaml"

# Written for this test in the style of a news analysis; every name form appears once on purpose.
ANALYSIS = """\
BEIJING — Chinese and American scholars disagree on what comes after the Taiwan election.

"Washington has misread Beijing's signals for a decade," said Victor Gao, vice president of the \
Center for China and Globalization. Gao's warning came days after the vote. Gao emphasized that \
dialogue must continue.

Zhu Feng told CGTN that student visa revocations were hurting academic exchanges between \
Chinese students and American universities. "We are losing a generation of bridges," Zhu said.

According to Zhou Mi, the real pressure is elsewhere: China's electricity tariffs for factories \
rose 4 percent, squeezing exporters.

Li Ming-jiang, of Nanyang Technological University, said: "Neither side wants a crisis." \
Li Haidong, a professor at China Foreign Affairs University, attended the same forum. \
"Deterrence is eroding," Li said.

Denis Fred Simon has written widely on technology policy. Wang Yong, a Shanghai restaurant \
owner interviewed outside, said business was slow. Renée Zhou-Lambert runs a travel agency.
"""


def load_watchlist() -> WatchlistSettings:
    data = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return WatchlistSettings(**data["watchlists"][0])


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.compile([load_watchlist()])


def by_id(hits: list[Hit]) -> dict[str, Hit]:
    return {hit.id: hit for hit in hits}


def test_written_analysis_finds_each_expert_with_the_right_kind(matcher: Matcher) -> None:
    hits = by_id(
        matcher.match(
            ArticleText(title="After Taiwan's vote", text=ANALYSIS, authors=("John Gong",))
        )
    )
    kinds = {hit_id: hit.mention for hit_id, hit in hits.items() if hit.kind == "expert"}
    assert kinds == {
        "victor-gao": "quoted",
        "zhu-feng": "quoted",
        "zhou-mi": "quoted",
        "li-mingjiang": "quoted",
        "li-haidong": "mentioned",  # "Li said" is ambiguous between the two Lis
        "denis-simon": "mentioned",
        "john-gong": "byline",
    }  # no Wang Yong: the namesake's article never mentions Peking University
    topics = {hit_id for hit_id, hit in hits.items() if hit.kind == "topic"}
    assert topics == {"taiwan", "students-exchanges"}  # the electricity tariff is not trade

    assert hits["victor-gao"].quote == "Washington has misread Beijing's signals for a decade"
    assert "«Victor Gao»" in hits["victor-gao"].snippet
    # his reported speech ("told CGTN that …") comes first, but his quotation is his own words
    assert hits["zhu-feng"].quote == "We are losing a generation of bridges"
    assert hits["li-mingjiang"].quote == "Neither side wants a crisis."
    assert hits["li-mingjiang"].snippet.startswith("«Li Ming-jiang», of Nanyang")
    assert hits["li-haidong"].quote is None
    assert hits["denis-simon"].snippet.startswith("«Denis Fred Simon» has written")
    assert hits["zhou-mi"].quote.startswith("According to Zhou Mi")


def test_surname_follow_up_is_quoted_only_after_a_full_mention(matcher: Matcher) -> None:
    text = 'Gao said tariffs would rise. Later, Victor Gao spoke at a forum. Gao told CGTN: "No."'
    hit = by_id(matcher.match(ArticleText(title="", text=text)))["victor-gao"]
    assert (hit.mention, hit.quote) == ("quoted", "No.")
    alone = "Gao said tariffs would rise. Victor Gao later left the room."
    assert by_id(matcher.match(ArticleText(title="", text=alone)))["victor-gao"].mention == (
        "mentioned"
    )


def test_another_person_with_the_surname_blocks_follow_ups(matcher: Matcher) -> None:
    text = 'Victor Gao was there. Premier Gao Ming spoke too. "We will respond," Gao said.'
    assert by_id(matcher.match(ArticleText(title="", text=text)))["victor-gao"].mention == (
        "mentioned"
    )


def test_context_term_tells_namesakes_apart(matcher: Matcher) -> None:
    namesake = "Wang Yong, a Shanghai restaurant owner, said business was slow."
    assert "wang-yong" not in by_id(matcher.match(ArticleText(title="", text=namesake)))
    scholar = (
        "Yong Wang, a professor at Peking University, said the talks were useful. "
        "Wang added that both sides need patience."
    )
    hit = by_id(matcher.match(ArticleText(title="", text=scholar)))["wang-yong"]
    assert (hit.mention, hit.quote) == ("quoted", "the talks were useful.")


def test_cjk_alias_and_by_line(matcher: Matcher) -> None:
    hits = by_id(
        matcher.match(ArticleText(title="", text="全球化智库副主任高志凯表示，中美关系很重要。"))
    )
    assert (hits["victor-gao"].mention, hits["victor-gao"].quote) == ("quoted", "中美关系很重要。")
    assert hits["victor-gao"].snippet == "全球化智库副主任«高志凯»表示，中美关系很重要。"
    by_line = by_id(matcher.match(ArticleText(title="", text="By Denis F. Simon\nChina's rise...")))
    assert by_line["denis-simon"].mention == "byline"


def test_a_transcripts_reporter_is_its_byline(matcher: Matcher) -> None:
    text = (
        "Our correspondent Denis Simon went to Yiwu.\n\n"
        "DENIS SIMON, BYLINE: The market is less a market than a small town.\n\n"
        "VICTOR GAO: We sell everything here."
    )
    hits = by_id(matcher.match(ArticleText(title="", text=text)))
    assert (hits["denis-simon"].mention, hits["denis-simon"].quote) == ("byline", None)
    assert (hits["victor-gao"].mention, hits["victor-gao"].quote) == (
        "quoted",
        "We sell everything here.",
    )


HEADLINE = "Talks could calm jittery markets, Victor Gao says"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a quotation in the body beats the headline's paraphrase
        (
            'Stocks rose. "Neither capital gains from a tariff war," said Victor Gao, a former '
            "diplomat. Gao said the talks would resume in spring.",
            "Neither capital gains from a tariff war",
        ),
        ("高志凯表示：“合作对两国都有利。”", "合作对两国都有利。"),
        # reported speech in the body beats the headline: the writer's account, not the editor's
        (
            "Stocks rose. Gao said the talks would resume in spring.",
            "the talks would resume in spring.",
        ),
        # the headline alone: its clause before the attribution
        ("Stocks rose on Friday after a quiet week.", "Talks could calm jittery markets"),
    ],
)
def test_the_quote_prefers_quotations_then_the_body_then_the_headline(
    matcher: Matcher, text: str, quote: str
) -> None:
    hit = by_id(matcher.match(ArticleText(title=HEADLINE, text=text)))["victor-gao"]
    assert (hit.mention, hit.quote) == ("quoted", quote)


def test_a_trailing_attribution_quotes_the_clause_before_it(matcher: Matcher) -> None:
    text = "The tariffs will hurt both economies, Victor Gao said on Monday."
    hit = by_id(matcher.match(ArticleText(title="", text=text)))["victor-gao"]
    assert hit.quote == "The tariffs will hurt both economies"
    short = "In Beijing, Victor Gao said."  # too short a clause: the sentence is kept
    assert by_id(matcher.match(ArticleText(title="", text=short)))["victor-gao"].quote == short


def test_mentions_inside_someone_elses_quote_are_not_quotes(matcher: Matcher) -> None:
    text = '"Victor Gao is simply wrong," said the senator. Smith said Gao was wrong.'
    assert by_id(matcher.match(ArticleText(title="", text=text)))["victor-gao"].mention == (
        "mentioned"
    )


# A second analysis, written for this test, with harder forms: an all-caps byline line, a
# "Gao, who …, said" follow-up, "told reporters … that", a "Prof." title, "X of Y said", a
# quotation running over two paragraphs, a photo caption, and a namesake in another article.
ANALYSIS_HARDER = """\
BY JOHN GONG
WASHINGTON — Victor Gao, vice president of the Center for China and Globalization, has spent \
years explaining Beijing to Washington. Gao, who interpreted for Deng Xiaoping in the 1980s, said \
the new tariffs were "a tax on American families."

Zhu Feng told reporters in Nanjing on Monday that the visa curbs would backfire.

Prof. Wang Yong of Peking University said the two sides had "little room to maneuver."

"Neither capital wants to blink first.

"But someone will have to," said Li Mingjiang of Nanyang Technological University.
"""

CAPTION_AND_NAMESAKE = """\
Denis Simon speaks at a forum in Washington, March 4, 2025. (Photo: Xinhua)
SHANGHAI — Wang Yong, a Shanghai restaurateur, said trade tensions had emptied his dining room.
"""


def test_harder_analysis_forms(matcher: Matcher) -> None:
    hits = by_id(matcher.match(ArticleText(title="Tariff talk", text=ANALYSIS_HARDER)))
    kinds = {hit_id: hit.mention for hit_id, hit in hits.items() if hit.kind == "expert"}
    assert kinds == {
        "john-gong": "byline",
        "victor-gao": "quoted",
        "zhu-feng": "quoted",
        "wang-yong": "quoted",
        "li-mingjiang": "quoted",
    }
    assert hits["victor-gao"].quote == "a tax on American families."
    assert hits["zhu-feng"].quote == "the visa curbs would backfire."
    assert hits["wang-yong"].quote == "little room to maneuver."
    assert hits["li-mingjiang"].quote == (
        "Neither capital wants to blink first. But someone will have to"
    )
    colon = 'Victor Gao said:\n\n"Nobody wins a trade war."'
    hit = by_id(matcher.match(ArticleText(title="", text=colon)))["victor-gao"]
    assert (hit.mention, hit.quote) == ("quoted", "Nobody wins a trade war.")


GAO = "Victor Gao, vice president of the Center for China and Globalization,"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (f'{GAO} put it bluntly. "A pause is not a settlement."', "A pause is not a settlement."),
        (
            f'{GAO} put it bluntly.\n\n"A pause is not a settlement."',
            "A pause is not a settlement.",
        ),
        ('Victor Gao put it this way:\n\n"Nobody wins a trade war."', "Nobody wins a trade war."),
        (
            'Victor Gao warned of the risks. "Tariffs hurt both sides," he added.',
            "Tariffs hurt both sides",
        ),
        (
            'Victor Gao argued in a speech on Monday. "Dialogue is cheaper than deterrence."',
            "Dialogue is cheaper than deterrence.",
        ),
        ('Victor Gao told reporters in Beijing. "We are ready."', "We are ready."),
        ('Victor Gao noted: "Trade rose 4 percent."', "Trade rose 4 percent."),
        # the sentence reports what he said; his own words after it beat the paraphrase
        (
            'Victor Gao noted that the talks had stalled. "A pause is not a settlement."',
            "A pause is not a settlement.",
        ),
        # or the whole next paragraph, unsigned
        (
            'Victor Gao noted that the talks had stalled.\n\n"A pause is not a settlement."',
            "A pause is not a settlement.",
        ),
        (
            'Victor Gao noted that the talks had stalled.\n\n"A pause is not a settlement," '
            "Wang Yi said.",
            "the talks had stalled.",
        ),
        # the next quotation belongs to someone else
        (
            'Victor Gao put it bluntly. "We disagree," said Wang Yi.',
            "Victor Gao put it bluntly.",
        ),
        (
            'Victor Gao warned of the risks. "Why now?" Wang Yi asked.',
            "Victor Gao warned of the risks.",
        ),
    ],
)
def test_attribution_sentence_then_its_quotation(matcher: Matcher, text: str, quote: str) -> None:
    hit = by_id(matcher.match(ArticleText(title="", text=text)))["victor-gao"]
    assert (hit.mention, hit.quote) == ("quoted", quote)


def test_caption_is_a_mention_and_a_namesake_without_context_is_no_hit(matcher: Matcher) -> None:
    hits = by_id(matcher.match(ArticleText(title="", text=CAPTION_AND_NAMESAKE)))
    experts = {hit_id: hit.mention for hit_id, hit in hits.items() if hit.kind == "expert"}
    assert experts == {"denis-simon": "mentioned"}


def test_name_variants() -> None:
    assert pinyin_split("mingjiang") == ["ming", "jiang"]
    assert pinyin_split("victor") is None
    forms = name_forms("Li Mingjiang")
    assert forms.family == "li"
    assert {
        ("li", "mingjiang"),
        ("li", "ming", "jiang"),
        ("mingjiang", "li"),
        ("ming", "jiang", "li"),
    } <= set(forms.variants)
    assert name_forms("Wang Yong").variants[:3] == (("wang", "yong"), ("yong", "wang"))[:3] or {
        ("wang", "yong"),
        ("yong", "wang"),
    } <= set(name_forms("Wang Yong").variants)
    simon = name_forms("Denis F. Simon")
    assert simon.family == "simon"
    assert ("denis", "simon") in simon.variants
    assert simon.spread == (("denis", "simon"),)
    assert name_forms("Victor Gao", ["高志凯"]).variants == (
        ("victor", "gao"),
        ("高志凯",),
        ("高志凱",),  # the alias in traditional characters too
    )
    assert expert_id(ExpertSettings(name="Renée O'Neil")) == "renee-o-neil"
    assert expert_id(ExpertSettings(id="vg", name="Victor Gao")) == "vg"


def test_renee_does_not_match_ren() -> None:
    watchlist = WatchlistSettings(name="w", experts=[ExpertSettings(name="Ren Xiao")])
    matcher = Matcher.compile([watchlist])
    assert matcher.match(ArticleText(title="", text="Renée Xiao said hello.")) == []
    assert matcher.match(ArticleText(title="", text="Ren Xiao said hello."))[0].mention == "quoted"


# Written for this test in the style of a Chinese news report: each attribution form once, a
# title before names, a Chinese-only watched name, a bare mention and one English sentence.
CHINESE_REPORT = """\
北京电 中美两国学者本周在北京举行对话会，讨论贸易与科技合作的前景。

中国与全球化智库副主任高志凯表示：“中美之间的分歧不应阻碍正常的人文交流。”他还指出，双方应当恢复\
更多直航航班。

“关税战没有赢家，最终受损的是两国消费者”，北京大学教授贾庆国说。

据朱锋介绍，今年已有两百多名美国学生报名参加南京大学的交流项目。

“科技合作仍有空间。”吴心伯表示。中国人民大学教授金灿荣在接受采访时表示，美方的出口管制措施将加快\
中国芯片产业的自主研发。

王缉思曾任北京大学国际关系学院院长。会议期间，多位美国学者与王缉思会面。

Visiting scholar Denis Simon said the exchanges had "real value for both sides."
"""


@pytest.fixture(scope="module")
def chinese_matcher() -> Matcher:
    experts = [
        *load_watchlist().experts,  # Victor Gao with the alias 高志凯, Zhu Feng, Denis Simon
        ExpertSettings(name="Zhu Feng", aliases=["朱锋"]),
        *(ExpertSettings(name=name) for name in ["贾庆国", "吴心伯", "金灿荣", "王缉思"]),
    ]
    unique = list({expert.name: expert for expert in experts}.values())
    return Matcher.compile([WatchlistSettings(name="zh", experts=unique)])


def test_chinese_report_attribution_forms(chinese_matcher: Matcher) -> None:
    hits = by_id(chinese_matcher.match(ArticleText(title="中美学者对话", text=CHINESE_REPORT)))
    found = {hit_id: (hit.mention, hit.quote) for hit_id, hit in hits.items()}
    assert found == {
        "victor-gao": ("quoted", "中美之间的分歧不应阻碍正常的人文交流。"),
        "贾庆国": ("quoted", "关税战没有赢家，最终受损的是两国消费者"),
        "zhu-feng": ("quoted", "今年已有两百多名美国学生报名参加南京大学的交流项目。"),
        "吴心伯": ("quoted", "科技合作仍有空间。"),
        "金灿荣": ("quoted", "美方的出口管制措施将加快中国芯片产业的自主研发。"),
        "王缉思": ("mentioned", None),
        "denis-simon": ("quoted", "real value for both sides."),
    }
    # A sentence ends after 。 and its closing quote, not before the quote.
    assert hits["victor-gao"].snippet == (
        "中国与全球化智库副主任«高志凯»表示：“中美之间的分歧不应阻碍正常的人文交流。”"
    )
    assert hits["金灿荣"].snippet.startswith("中国人民大学教授«金灿荣»在接受采访时表示")
    assert hits["王缉思"].snippet == "«王缉思»曾任北京大学国际关系学院院长。"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("高志凯说，“合作是唯一正确的选择。”", "合作是唯一正确的选择。"),
        ("高志凯指出：“脱钩不符合任何一方的利益。”", "脱钩不符合任何一方的利益。"),
        ("高志凯认为，「对话比对抗更有效」。", "对话比对抗更有效"),
        ("高志凯称，中美贸易额有望回升。", "中美贸易额有望回升。"),
        ("高志凯强调：“台海和平至关重要！”", "台海和平至关重要！"),
        ("高志凯告诉记者，“我们愿意继续沟通。”", "我们愿意继续沟通。"),
        ("高志凯对记者说：“谈判的大门始终敞开。”", "谈判的大门始终敞开。"),
        ("高志凯在接受采访时表示，“两国元首通话释放了积极信号。”", "两国元首通话释放了积极信号。"),
        ("据高志凯称，双方将在下月举行新一轮磋商。", "双方将在下月举行新一轮磋商。"),
        ("“美国需要中国市场”，高志凯说。", "美国需要中国市场"),
        ("高志凯（中国与全球化智库副主任）也表示：“要管控分歧。”", "要管控分歧。"),
        ("Victor Gao 在论坛上表示，中美应当重启学术交流。", "中美应当重启学术交流。"),
        ("Victor Gao在论坛上表示，中美应当重启学术交流。", "中美应当重启学术交流。"),  # no space
        ("“对话仍有空间。”Victor Gao说。", "对话仍有空间。"),
        ("高志凯表示同意。王毅说：“我们会研究。”", "高志凯表示同意。"),  # not Wang's quote
    ],
)
def test_chinese_attribution_sentences(chinese_matcher: Matcher, text: str, quote: str) -> None:
    hit = by_id(chinese_matcher.match(ArticleText(title="", text=text)))["victor-gao"]
    assert (hit.mention, hit.quote) == ("quoted", quote)


def test_latin_names_against_cjk_text_without_spaces(chinese_matcher: Matcher) -> None:
    hits = by_id(chinese_matcher.match(ArticleText(title="", text="王毅会见了Denis Simon。")))
    assert (hits["denis-simon"].mention, hits["denis-simon"].snippet) == (
        "mentioned",
        "王毅会见了«Denis Simon»。",
    )
    ren = Matcher.compile([WatchlistSettings(name="w", experts=[ExpertSettings(name="Ren Xiao")])])
    assert ren.match(ArticleText(title="", text="Renée Xiao在北京表示，合作很重要。")) == []
    hit = ren.match(ArticleText(title="", text="Ren Xiao在北京表示，合作很重要。"))[0]
    assert (hit.mention, hit.quote) == ("quoted", "合作很重要。")


@pytest.mark.parametrize(
    "text",
    [
        "高志凯曾任外交部翻译，现为智库副主任。",
        "美国代表团昨天在北京与高志凯会面。",
        "高志凯说服了在场的美国学者。",
        "王毅说：“高志凯表示的观点值得商榷。”",  # named inside someone else's quotation
        "“中美关系很重要。”王毅说。高志凯随后离开了会场。",
    ],
)
def test_chinese_mentions_without_attribution(chinese_matcher: Matcher, text: str) -> None:
    hit = by_id(chinese_matcher.match(ArticleText(title="", text=text)))["victor-gao"]
    assert (hit.mention, hit.quote) == ("mentioned", None)


def corpus_article(corpus_dir: Path, name: str) -> ArticleText:
    page = corpus_dir / "articles" / name
    html = page.with_suffix(".html").read_text(encoding="utf-8", errors="replace")
    meta = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    text = trafilatura.extract(html, url=meta.get("url"), favor_precision=True) or ""
    return ArticleText(title=meta.get("title") or "", text=text)


def test_real_pages_quoted_officials(corpus_dir: Path) -> None:
    watchlist = WatchlistSettings(
        name="w",
        experts=[
            ExpertSettings(name="Lawrence White"),
            ExpertSettings(name="Mary Lovely"),
            ExpertSettings(name="Scott Paul"),
            ExpertSettings(name="Ross Burkhart"),
        ],
    )
    matcher = Matcher.compile([watchlist])
    hits = by_id(matcher.match(corpus_article(corpus_dir, "politifact.com/aeb-b6906ca016bb")))
    assert hits["lawrence-white"].mention == "quoted"
    assert hits["lawrence-white"].quote.startswith("As a general matter, import tariffs are a tax")
    assert hits["mary-lovely"].mention == "quoted"  # "Mary E. Lovely", then "Lovely said"
    assert hits["scott-paul"].mention == "quoted"  # "…, said Scott Paul, who heads …"
    assert hits["ross-burkhart"].mention == "quoted"


def test_real_page_pronoun_he_is_not_the_surname_he(corpus_dir: Path) -> None:
    watchlist = WatchlistSettings(
        name="w",
        experts=[ExpertSettings(name="He Jianxiong"), ExpertSettings(name="Eswar Prasad")],
        topics=[],
    )
    article = corpus_article(corpus_dir, "nytimes.com/aeb-702d1da63b8e")
    hits = by_id(Matcher.compile([watchlist]).match(article))
    assert hits["eswar-prasad"].mention == "quoted"
    he = hits["he-jianxiong"]
    assert he.mention == "quoted"
    assert "«He Jianxiong»" in he.snippet


RESTAURATEUR = (
    'Wang Yong, a Shanghai restaurateur, said: "Nobody books a table for twelve any more."'
    ' "The tourists are gone," Wang said.'
)
SCHOLAR = (
    "Prof. Wang Yong of Peking University said the tariff pause was "
    '"a breathing space, not a peace."'
)


@pytest.mark.parametrize("scholar_first", [True, False])
def test_namesakes_in_one_article_keep_their_own_quotes(
    matcher: Matcher, scholar_first: bool
) -> None:
    parts = [SCHOLAR, RESTAURATEUR] if scholar_first else [RESTAURATEUR, SCHOLAR]
    for text in (" ".join(parts), "\n\n".join(parts)):  # one paragraph, then two
        hit = by_id(matcher.match(ArticleText(title="", text=text)))["wang-yong"]
        assert (hit.mention, hit.quote) == ("quoted", "a breathing space, not a peace.")
        assert hit.snippet.startswith("Prof. «Wang Yong» of Peking University said")


@pytest.mark.parametrize("scholar_first", [True, False])
def test_a_namesakes_quote_is_not_lent_to_a_merely_mentioned_expert(
    matcher: Matcher, scholar_first: bool
) -> None:
    scholar = "Wang Yong, who teaches at Peking University, sat in the front row."
    parts = [scholar, RESTAURATEUR] if scholar_first else [RESTAURATEUR, scholar]
    hit = by_id(matcher.match(ArticleText(title="", text="\n\n".join(parts))))["wang-yong"]
    assert (hit.mention, hit.quote) == ("mentioned", None)
    assert hit.snippet == "«Wang Yong», who teaches at Peking University, sat in the front row."


def test_a_mention_tied_by_its_paragraph_goes_before_an_untied_one(matcher: Matcher) -> None:
    text = (
        '"Exports will slow," Wang Yong told a trade fair in Guangzhou.\n\n'
        "Peking University hosted a forum on Monday. "
        '"Both sides misjudge each other," said Wang Yong.'
    )
    hit = by_id(matcher.match(ArticleText(title="", text=text)))["wang-yong"]
    assert hit.quote == "Both sides misjudge each other"
    untied = text.replace("Peking University hosted", "A think tank hosted") + " (Peking U)"
    hit = by_id(matcher.match(ArticleText(title="", text=untied.replace("\n\n", " "))))
    assert hit["wang-yong"].quote == "Exports will slow"  # nothing tied: the first quote, as before


# --- quotations and reported speech (issue 14): short invented articles --------------------

ZHANG = [ExpertSettings(name="Zhang Ming", aliases=["张明", "張明", "장밍"])]


@pytest.fixture(scope="module")
def zhang() -> Matcher:
    return Matcher.compile([WatchlistSettings(name="w", experts=ZHANG)])


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # quote marks around a term in the affiliation are no quotation: the speech after 表示 is
        ("滨海“丝路”研究会会长张明表示，中美两国应当加强沟通，避免误判。",
         "中美两国应当加强沟通，避免误判。"),
        ('The "Silk Road" Institute\'s director Zhang Ming said both sides should keep talking.',
         "both sides should keep talking."),
        ("张明表示，“丝路”倡议为两国带来了新的机遇。", "“丝路”倡议为两国带来了新的机遇。"),
        # a quotation after the term is still the quotation
        ("滨海“丝路”研究会会长张明表示：“中美两国应当加强沟通。”", "中美两国应当加强沟通。"),
    ],
)  # fmt: skip
def test_quote_marks_around_a_term_are_not_a_quotation(
    zhang: Matcher, text: str, quote: str
) -> None:
    hit = zhang.match(ArticleText(title="", text=text))[0]
    assert (hit.mention, hit.quote) == ("quoted", quote)


@pytest.mark.parametrize(
    "text",
    [
        "Zhang Ming told reporters: “A pause is not a settlement.\nBoth sides must keep talking.”",
        "“A pause is not a settlement.\n\nBoth sides must keep talking,” Zhang Ming said.",
        "“A pause is not a settlement.\n\n“Both sides must keep talking,” Zhang Ming said.",
        '"A pause is not a settlement. Both sides must keep talking," said Zhang Ming.',
    ],
)
def test_a_quotation_over_two_sentences_is_kept_whole(zhang: Matcher, text: str) -> None:
    hit = zhang.match(ArticleText(title="", text=text))[0]
    assert hit.mention == "quoted"
    assert hit.quote.rstrip(".,") == "A pause is not a settlement. Both sides must keep talking"


JOINT_LETTER = (
    "A letter led by Zhang Ming of Fudan University urged both governments to restore student "
    "visas. Zhang and his colleagues called the cuts short-sighted. “Closing the door to "
    "students hurts both nations and helps neither,” they wrote."
)


def test_a_joint_letter_led_by_the_expert_quotes_him(zhang: Matcher) -> None:
    hit = zhang.match(ArticleText(title="", text=JOINT_LETTER))[0]
    assert (hit.mention, hit.quote) == (
        "quoted",
        "Closing the door to students hurts both nations and helps neither",
    )
    alone = "Zhang Ming and his colleagues met in Shanghai. “We will respond,” said Li Wei."
    assert zhang.match(ArticleText(title="", text=alone))[0].mention == "mentioned"


@pytest.mark.parametrize(
    ("text", "mention", "quote"),
    [
        ("張明氏は記者会見で「米中関係の安定が最も重要だ」と述べた。", "quoted",
         "米中関係の安定が最も重要だ"),
        ("張明教授は「対話を続けるべきだ」と語った。", "quoted", "対話を続けるべきだ"),
        ("張明氏は、米中関係は安定に向かうと述べた。", "quoted", "米中関係は安定に向かう"),
        ("張明氏は昨日、東京に到着した。", "mentioned", None),
        ('장밍 교수는 "미중 관계는 안정이 가장 중요하다"고 말했다.', "quoted",
         "미중 관계는 안정이 가장 중요하다"),
        ("장밍 교수는 미중 관계가 곧 안정될 것이라고 밝혔다.", "quoted",
         "미중 관계가 곧 안정될 것"),
        ("장밍 교수는 어제 서울에 도착했다.", "mentioned", None),
    ],
)  # fmt: skip
def test_japanese_and_korean_attribution(
    zhang: Matcher, text: str, mention: str, quote: str | None
) -> None:
    hit = zhang.match(ArticleText(title="", text=text))[0]
    assert (hit.mention, hit.quote) == (mention, quote)


# --- names in the article, not beside it ------------------------------------------------------

TEASER_PAGE = (
    "<html><head><title>Soybean exports fall | Example News</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
    "<h1>Soybean exports fall</h1>"
    "<p>Soybean shipments from Iowa fell for a third month as buyers waited for the outcome of "
    "the trade talks, according to figures published by the state on Tuesday.</p>"
    "<p>Farmers said storage costs were rising and that many had sold at a loss to keep their "
    "operations running until the harvest, when prices usually recover somewhat.</p>"
    "<h3>Related</h3><ul><li><a href='/z'>Zhang Ming: tariffs will outlast the talks</a></li>"
    "<li><a href='/y'>Five things to know about export controls</a></li></ul>"
    "<ul><li><a href='/x'>Zhang Ming says Beijing can wait</a></li>"
    "<li><a href='/w'>Markets slip as talks drag on</a></li></ul>"
    "<p>Prices on the Chicago exchange were little changed at the close of trading.</p>"
    "</article></body></html>"
)


def test_a_name_only_in_teasers_beside_the_article_is_no_hit(zhang: Matcher) -> None:
    page = extract_article(TEASER_PAGE.encode(), "https://news.example.org/soy")
    assert "Soybean shipments from Iowa fell" in page.text
    assert zhang.match(ArticleText(title=page.title or "", text=page.text)) == []


@pytest.mark.parametrize(
    "teaser",
    [
        "Related: Zhang Ming says Beijing can wait",
        "Read more\n- Zhang Ming: tariffs will outlast the talks\n- Markets slip",
    ],
)
def test_teaser_lines_stored_in_the_text_are_no_hit(zhang: Matcher, teaser: str) -> None:
    text = f"Soybean shipments fell for a third month.\n{teaser}\nPrices were little changed."
    assert zhang.match(ArticleText(title="", text=text)) == []
    said = text.replace("Prices", "Zhang Ming said prices")
    assert zhang.match(ArticleText(title="", text=said))[0].mention == "quoted"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("«Les deux pays doivent se parler», a affirmé le directeur de l’institut, Zhang Ming.",
         "Les deux pays doivent se parler"),
        ("„Beide Seiten müssen reden“, sagte Zhang Ming am Mittwoch.", "Beide Seiten müssen reden"),
        ("«Ambos países deben hablar», dijo el director del instituto, Zhang Ming.",
         "Ambos países deben hablar"),
        ("„Rozmowy będą trwały dalej” – napisał wcześniej Zhang Ming.",
         "Rozmowy będą trwały dalej"),
        ("“Il dialogo - ha dichiarato il professor Zhang Ming - resta l’unica strada”.",
         "Il dialogo - ha dichiarato il professor Zhang Ming - resta l’unica strada"),
        ('Zhang Ming (Fudan University): "Both sides need more time."',
         "Both sides need more time."),
        ('"Both sides must talk," Institute spokesman Maj. Zhang Ming said.',
         "Both sides must talk"),
    ],
)  # fmt: skip
def test_attribution_in_other_languages_and_forms(zhang: Matcher, text: str, quote: str) -> None:
    hit = zhang.match(ArticleText(title="", text=text))[0]
    assert (hit.mention, hit.quote) == ("quoted", quote)


@pytest.mark.parametrize(
    "text",
    [
        "Zhang Ming: a profile of the economist who wants both sides to talk.",
        "“Il dialogo resta l’unica strada, come dice Zhang Ming”, ha detto Li Wei.",
    ],
)
def test_a_colon_or_a_quotation_naming_him_is_not_his_quote(zhang: Matcher, text: str) -> None:
    hit = zhang.match(ArticleText(title="", text=text))[0]
    assert (hit.mention, hit.quote) == ("mentioned", None)


def test_a_statement_of_several_named_people_quotes_each() -> None:
    names = ["Zhang Ming", "Li Wei", "Anna Novak"]
    matcher = Matcher.compile(
        [WatchlistSettings(name="w", experts=[ExpertSettings(name=name) for name in names])]
    )
    text = (
        "Reps. Zhang Ming (R-Ohio), Li Wei (D-Ill.), and Anna Novak (R-Mich.) released a joint "
        'statement saying, "This bill protects our supply chains."'
    )
    hits = matcher.match(ArticleText(title="", text=text))
    assert [(hit.name, hit.mention, hit.quote) for hit in hits] == [
        (name, "quoted", "This bill protects our supply chains.") for name in names
    ]


def test_a_quotation_right_after_a_closing_attribution_is_the_speakers(zhang: Matcher) -> None:
    text = (
        "Beijing will lead in its own way, says Zhang Ming, an economist at Fudan University. "
        "“Nobody should expect a copy of Washington.”"
    )
    hit = zhang.match(ArticleText(title="", text=text))[0]
    assert (hit.mention, hit.quote) == ("quoted", "Nobody should expect a copy of Washington.")
    other = text.replace("Washington.”", "Washington,” Li Wei said.")
    hit = zhang.match(ArticleText(title="", text=other))[0]
    assert hit.quote == "Beijing will lead in its own way"  # not Li Wei's: the clause he says


def test_a_han_alias_is_found_in_the_other_script() -> None:
    experts = [
        ExpertSettings(id="zhang", name="Zhang Ming", aliases=["张明"]),
        ExpertSettings(id="lin", name="Lin Wei", aliases=["林偉"]),
    ]
    matcher = Matcher.compile([WatchlistSettings(name="w", experts=experts)])
    text = "人民大學教授張明出席。「港口收費將再上調。」張明說。林伟表示，两国应恢复对话。"
    found = {
        hit.id: (hit.mention, hit.quote)
        for hit in matcher.match(ArticleText(title="", text=text))
        if hit.kind == "expert"
    }
    assert found == {
        "zhang": ("quoted", "港口收費將再上調。"),
        "lin": ("quoted", "两国应恢复对话。"),
    }


@pytest.mark.parametrize(
    ("name", "text", "quote"),
    [
        # a Japanese name in either order, and its family name alone after it
        ("Sato Kenji", "Kenji Sato, an economist at Keio University, spoke first. “Tokyo is "
         "hedging,” Sato said.", "Tokyo is hedging"),
        ("Hiroshi Tanaka", "A post by Tanaka Hiroshi, a former envoy, spread fast. “Tokyo must "
         "help them talk,” Tanaka wrote.", "Tokyo must help them talk"),
        # a Korean name with a hyphenated given name, in either order
        ("Park Ji-hoon", "Ji-hoon Park of Yonsei University said Seoul would not join the "
         "patrols.", "Seoul would not join the patrols."),
    ],
)  # fmt: skip
def test_japanese_and_korean_names_in_either_order(name: str, text: str, quote: str) -> None:
    matcher = Matcher.compile(
        [WatchlistSettings(name="w", experts=[ExpertSettings(id="x", name=name)])]
    )
    hits = [hit for hit in matcher.match(ArticleText(title="", text=text)) if hit.kind == "expert"]
    assert [(hit.mention, hit.quote) for hit in hits] == [("quoted", quote)]


def test_a_western_name_opening_with_a_korean_surname_keeps_its_order() -> None:
    forms = name_forms("Kim Darroch")
    assert forms.family == "darroch" and ("darroch", "kim") not in forms.variants


def test_a_name_written_in_han_characters_is_found_in_the_other_script() -> None:
    matcher = Matcher.compile(
        [WatchlistSettings(name="w", experts=[ExpertSettings(id="li", name="李华")])]
    )
    hits = matcher.match(ArticleText(title="", text="李華表示，兩國應恢復對話。"))
    assert [(hit.id, hit.mention, hit.quote) for hit in hits if hit.kind == "expert"] == [
        ("li", "quoted", "兩國應恢復對話。")
    ]
