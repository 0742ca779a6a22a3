"""Quote attribution rules, one invented article per failure class seen on the corpus's
development part (issue 14): which quotation is the speaker's, and who a pronoun or a bare
family name points back to, in English, Chinese, Japanese, Korean and Italian."""

from __future__ import annotations

import time

import pytest

from alerts.config import ExpertSettings, WatchlistSettings
from alerts.experts import name_forms
from alerts.hits import ArticleText, Hit
from alerts.matcher import Matcher

EXPERTS = [
    ExpertSettings(id="zhang", name="Zhang Ming", aliases=["张明", "張明", "장밍"]),
    ExpertSettings(id="berg", name="Anna Berg"),
    ExpertSettings(id="morikawa", name="森川春樹"),
    ExpertSettings(id="li", name="Li Hua", aliases=["李华", "李華"]),
    ExpertSettings(id="sharma", name="Rahul Sharma", aliases=["राहुल शर्मा"]),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.compile([WatchlistSettings(name="w", experts=EXPERTS)])


def hit_of(matcher: Matcher, text: str, expert: str, title: str = "") -> Hit | None:
    hits = matcher.match(ArticleText(title=title, text=text))
    return next((hit for hit in hits if hit.kind == "expert" and hit.id == expert), None)


def kind_and_quote(matcher: Matcher, text: str, expert: str = "zhang") -> tuple[str, str | None]:
    hit = hit_of(matcher, text, expert)
    assert hit is not None
    return hit.mention, hit.quote


def test_a_quotation_joined_to_its_attribution_beats_one_inside_a_reported_clause(
    matcher: Matcher,
) -> None:
    text = (
        "Zhang Ming said that the minister raised the “unresolved questions over the river "
        "border” with his guests.\n\n“Talks must go on even when they stall,” Zhang said."
    )
    assert kind_and_quote(matcher, text) == ("quoted", "Talks must go on even when they stall")


def test_a_capitalised_word_after_a_western_surname_is_no_other_person(matcher: Matcher) -> None:
    text = (
        "Anna Berg spoke at Berg Tower, the hall her grandfather built, on Tuesday.\n\n"
        "“Nobody wins a tariff war,” Berg said."
    )
    assert kind_and_quote(matcher, text, "berg") == ("quoted", "Nobody wins a tariff war")
    namesake = text.replace("the hall her grandfather built", "with her cousin Oskar Berg")
    assert kind_and_quote(matcher, namesake, "berg")[0] == "mentioned"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # the name after "su"/"on" is what the colon quote is about, not who speaks
        ("Il ministro su Anna Berg: «Ha cambiato tutto il negoziato»", "mentioned"),
        ("The minister on Anna Berg: “She changed the whole negotiation.”", "mentioned"),
        # the name is the speaker
        ("Anna Berg: “We changed the whole negotiation.”", "quoted"),
    ],
)
def test_a_colon_quote_about_someone_is_not_theirs(
    matcher: Matcher, text: str, mention: str
) -> None:
    assert kind_and_quote(matcher, text, "berg")[0] == mention


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # traditional characters: 說, 強調, 認為 are not folded to 说, 强调, 认为
        ("外交部發言人張明說，「我們對此強烈不滿，已提出嚴正交涉。」",
         "我們對此強烈不滿，已提出嚴正交涉。"),
        ("張明強調，兩國應當保持溝通，避免誤判。", "兩國應當保持溝通，避免誤判。"),
        ("「考試的時間不可預測，我恐怕只能放棄。」張明無奈道。",
         "考試的時間不可預測，我恐怕只能放棄。"),
        ("「這是明顯的虛假宣傳。」昨日，海關辦案人員張明言之確鑿地告訴記者，案件仍在調查。",
         "這是明顯的虛假宣傳。"),
        # one clause of occasion between the name and the verb
        ("张明今日出席论坛前见记者，表示「两国应当保持沟通，避免误判」。",
         "两国应当保持沟通，避免误判"),
    ],
)  # fmt: skip
def test_chinese_attribution_in_both_scripts(matcher: Matcher, text: str, quote: str) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Zhang Ming spoke in Geneva on Monday.\n\n“We will not be rushed,” he said.",
         "We will not be rushed"),
        ("Zhang Ming spoke in Geneva on Monday. He added: “We will not be rushed.”",
         "We will not be rushed."),
        ("Zhang Ming lost before the Supreme Court.\n\n“We will appeal at once,” he said.",
         "We will appeal at once"),
        ("张明出席了论坛。\n\n他说：“合作比对抗好得多。”", "合作比对抗好得多。"),
        ("張明出席了論壇。\n\n他說，「合作比對抗好得多」。", "合作比對抗好得多"),
        ('장밍 교수가 회견을 열었다. 그는 "대화가 가장 중요하다"며 협상을 촉구했다.',
         "대화가 가장 중요하다"),
    ],
)  # fmt: skip
def test_a_pronoun_quotes_the_person_just_named(matcher: Matcher, text: str, quote: str) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # 这位 and a noun name again the person named before, as 他 and 她 do
        ("清华大学教授张明出席论坛。这位经济学家表示，两国都需要避免战略误判。",
         "quoted", "两国都需要避免战略误判。"),
        ("清華大學教授張明出席論壇。這位學者說，兩國都需要避免誤判。",
         "quoted", "兩國都需要避免誤判。"),
        ("张明出席了论坛。\n\n这位专家说：“合作比对抗好得多。”", "quoted", "合作比对抗好得多。"),
        ("张明出席了论坛。“合作比对抗好得多，”这位经济学家说。", "quoted", "合作比对抗好得多，"),
        # … not past another speaker, nor before the name; 这位于 is "this, in …"
        ("张明出席了论坛。李华表示，会场气氛紧张。这位专家说：“合作比对抗好得多。”",
         "mentioned", None),
        ("“合作比对抗好得多。”这位学者说。张明昨天在北京。", "mentioned", None),
        ("张明出席了论坛。这位于北京的研究所表示，会议很成功。", "mentioned", None),
    ],
)  # fmt: skip
def test_a_chinese_this_noun_names_again_the_person_just_named(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text) == (kind, quote)


@pytest.mark.parametrize(
    "text",
    [
        "Zhang Ming spoke first. Li Wei said it was tense.\n\n“We will not be rushed,” he said.",
        "张明出席了论坛。李华表示，会场气氛紧张。他说：“合作比对抗好得多。”",
        "Zhang Ming spoke first.\n\n“We will not be rushed,” said the chair.",
        "Zhang Ming spoke first, then Li Wei took the floor.\n\n“We will not be rushed,” he said.",
    ],
)
def test_a_pronoun_after_another_speaker_is_not_the_experts(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text)[0] == "mentioned"


@pytest.mark.parametrize(
    ("text", "mention", "quote"),
    [
        ("森川春樹外相は24日、会談した。会談で森川氏は「一方的な行動は認められない」と述べた。",
         "quoted", "一方的な行動は認められない"),
        ("勝利投手は森川春樹投手だった。森川は「もっと記録を残したい」と語った。",
         "quoted", "もっと記録を残したい"),
        # 森川町 is a town, not Mr Morikawa
        ("森川春樹氏が出席した。森川町の住民は「とても静かな町だ」と語った。", "mentioned", None),
    ],
)  # fmt: skip
def test_a_family_name_in_han_characters_follows_up_the_full_name(
    matcher: Matcher, text: str, mention: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "morikawa") == (mention, quote)


def test_an_adverb_before_a_plain_speech_verb(matcher: Matcher) -> None:
    text = "Zhang Ming confidently stated, “We built it before and we will build it again.”"
    assert kind_and_quote(matcher, text) == (
        "quoted",
        "We built it before and we will build it again.",
    )


def test_an_office_before_the_surname_names_the_expert(matcher: Matcher) -> None:
    text = "President Berg told the summit: “Nobody wins a tariff war.”"
    assert kind_and_quote(matcher, text, "berg") == ("quoted", "Nobody wins a tariff war.")
    wang = Matcher.compile(
        [WatchlistSettings(name="w", experts=[ExpertSettings(id="wang", name="Wang Yong")])]
    )
    assert (
        hit_of(wang, "Minister Wang told the summit: “Nobody wins a tariff war.”", "wang") is None
    )


def test_a_head_office_names_a_chinese_surname_that_few_share() -> None:
    people = [ExpertSettings(id="xi", name="Xi Jinping"), ExpertSettings(id="wang", name="Wang Yi")]
    watched = Matcher.compile([WatchlistSettings(name="w", experts=people)])
    text = "President Xi told the summit: “Nobody wins a tariff war.”"
    assert kind_and_quote(watched, text, "xi") == ("quoted", "Nobody wins a tariff war.")
    # "President Wang" may head any university or firm
    assert hit_of(watched, "President Wang opened the new campus on Monday.", "wang") is None


@pytest.mark.parametrize(
    ("text", "mention", "quote"),
    [
        ("专家点评\n\n张明(复旦大学教授)：我认为两国关系会逐步回暖，但仍需谨慎。", "quoted",
         "我认为两国关系会逐步回暖，但仍需谨慎。"),
        # not opening its line: the colon is the chair's agenda, not his words
        ("会议由张明主持：议程共三项，先谈关税。", "mentioned", None),
    ],
)  # fmt: skip
def test_a_name_opening_its_line_then_a_colon_is_a_speaker(
    matcher: Matcher, text: str, mention: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text) == (mention, quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # an opening mark typed for the closing one does not swallow the next paragraph
        ("张明透露了“使用4周后，细纹减少47%“的实验结果。\n\n“数据不会说谎，我们有仪器的记录。”张明表示。",
         "数据不会说谎，我们有仪器的记录。"),
        # German „…“ closes with “: two such quotations stay two
        ("„Der Handel bleibt offen“, sagte ein Sprecher. „Wir reden weiter“, sagte Zhang Ming.",
         "Wir reden weiter"),
    ],
)  # fmt: skip
def test_a_stray_opening_mark_closes_the_quotation(matcher: Matcher, text: str, quote: str) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # Korean follows a full name up by the family name and a title; a full stop ends a
        # sentence even with no space after it
        ('장밍 외교부 대변인이 회견을 열었다.장 대변인은 "대화가 가장 중요하다"고 말했다.',
         "대화가 가장 중요하다"),
        # the quotation the pronoun points to is past one the family name speaks: that one first
        ('장밍 교수와 기자가 문답을 나눴다.장 교수는 "관세는 해법이 아니다"고 말했다.그는 '
         '"협상을 서둘러야 한다"고 강조했다.', "관세는 해법이 아니다"),
    ],
)  # fmt: skip
def test_a_korean_family_name_and_title_follow_up_the_full_name(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


def test_a_korean_family_name_without_a_title_is_no_follow_up(matcher: Matcher) -> None:
    text = '장밍 교수가 회견을 열었다.장 기간 "대화가 가장 중요하다"고 말했다.'
    assert kind_and_quote(matcher, text)[1] != "대화가 가장 중요하다"


def test_a_korean_title_ending_a_compound_word_follows_up_only_itself(matcher: Matcher) -> None:
    text = (
        "국방부는 장밍 국방정책실장을 워싱턴에 보낸다. 장동현 교수는 "
        '"위험하다"고 말했다. 장 교수는 "압박이 강해질 수 있다"고 덧붙였다.'
    )
    assert kind_and_quote(matcher, text) == ("mentioned", None)
    text = '장밍 국방정책실장은 워싱턴을 방문했다. 장 실장은 "협의가 잘 됐다"고 말했다.'
    assert kind_and_quote(matcher, text) == ("quoted", "협의가 잘 됐다")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a pronoun after the quotation, set off by a dash, in Russian
        ("Анна Берг выступила в Женеве. «Мы не спешим», – сказала она журналистам.",
         "Мы не спешим"),
        # 他 then clauses that end in a speech verb and a colon
        ("张明周一出席论坛，在会上发言。\n\n他形容会谈“很坦率”，内容涵盖关税和芯片等议题，并强调："
         "“两国关系的基础依然牢固！”", "两国关系的基础依然牢固！"),
    ],
)  # fmt: skip
def test_a_pronoun_quote_in_more_shapes(matcher: Matcher, text: str, quote: str) -> None:
    expert = "berg" if "Берг" in text else "zhang"
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "mention", "quote"),
    [
        # a sentence the name opens, then a colon and a quotation: the name's words
        ("Anna Berg, accogliendo gli ospiti, l'ha definita: «Una partner solida e leale».",
         "quoted", "Una partner solida e leale"),
        ("Anna Berg was blunt about the tariffs: “Nobody wins a trade war.”", "quoted",
         "Nobody wins a trade war."),
        # his or her words opening a sentence up to a colon, after the name
        ("Anna Berg toured the port on Monday. Her verdict was simple: “The ships are late.”",
         "quoted", "The ships are late."),
        # a preposition before the name: about her, not her words
        ("The verdict of Anna Berg was read out: “Nobody wins a trade war.”", "mentioned", None),
        # another name before the colon: either's words
        ("Anna Berg da Oskar Lind a Roma: «Una serata splendida».", "mentioned", None),
    ],
)  # fmt: skip
def test_a_sentence_the_name_opens_up_to_a_colon_quotes_them(
    matcher: Matcher, text: str, mention: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (mention, quote)


def test_a_quotation_inside_the_sentence_a_trailing_attribution_closes(matcher: Matcher) -> None:
    text = (
        "That the ministry answered within a day shows a “real appetite for a deal” on chips, "
        "says Anna Berg, a trade analyst in Oslo."
    )
    assert kind_and_quote(matcher, text, "berg") == ("quoted", "real appetite for a deal")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Según Anna Berg, los aranceles no resolverán el déficit comercial.",
         "los aranceles no resolverán el déficit comercial."),
        ("Selon Anna Berg, les droits de douane ne régleront rien au déficit.",
         "les droits de douane ne régleront rien au déficit."),
        ("«Nadie gana una guerra comercial», advirtió Anna Berg en Madrid.",
         "Nadie gana una guerra comercial"),
    ],
)  # fmt: skip
def test_reported_speech_in_more_languages(matcher: Matcher, text: str, quote: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


def test_according_to_keeps_the_clause_after_the_name_and_its_appositive(
    matcher: Matcher,
) -> None:
    text = "According to Anna Berg, a trade analyst in Oslo, tariffs will not fix the deficit."
    assert kind_and_quote(matcher, text, "berg") == ("quoted", "tariffs will not fix the deficit.")


@pytest.mark.parametrize(
    ("text", "expert", "quote"),
    [
        # French sets the pronoun after the verb
        ("Anna Berg était à Genève lundi. « Personne ne gagne une guerre commerciale », "
         "a-t-elle déclaré.", "berg", "Personne ne gagne une guerre commerciale"),
        ("Anna Berg était à Genève lundi. « Rien n'est joué », estime-t-elle.", "berg",
         "Rien n'est joué"),
        # German: „…“, so Name
        ("Die Zölle treffen vor allem Bauern. „Niemand gewinnt einen Handelskrieg“, so Anna Berg.",
         "berg", "Niemand gewinnt einen Handelskrieg"),
        # Japanese: 同氏は (the same person) follows the name up
        ("森川春樹教授が会見した。同氏は「対話こそが重要だ」と述べた。", "morikawa",
         "対話こそが重要だ"),
    ],
)  # fmt: skip
def test_attribution_shapes_of_french_german_and_japanese(
    matcher: Matcher, text: str, expert: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("“Tariffs are a tax on our own farmers,” Anna Berg tweeted on Friday.", "quoted"),
        ("Anna Berg conceded that the talks had stalled over export licences.", "quoted"),
        # an action, not speech: announcing plans is no quotation
        ("Anna Berg announced plans to cut emissions by a tenth before 2035.", "mentioned"),
    ],
)
def test_more_english_speech_verbs(matcher: Matcher, text: str, mention: str) -> None:
    assert kind_and_quote(matcher, text, "berg")[0] == mention


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Zhang Ming said: \"This is not a choice. It is a duty.''",
         "This is not a choice. It is a duty."),
        ("\"Ports must stay open,'' Zhang Ming said on Friday.", "Ports must stay open"),
    ],
)  # fmt: skip
def test_a_straight_opener_closed_by_two_apostrophes_is_a_quotation(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


@pytest.mark.parametrize(
    "text",
    [
        # a quotation its attribution interrupts is reported as its first part, as labelled
        "“Tariffs hurt farmers first,” says Zhang Ming, an economist in Ningbo. “They hurt "
        "everyone later.”",
        "“关税首先伤害农民，”张明说。“最后伤害所有人。”",
        # the next paragraph's quotation is a quotation of its own
        "“Tariffs hurt farmers first,” says Zhang Ming.\n\n“They hurt everyone later.”",
        # someone else speaks the next one
        "“Tariffs hurt farmers first,” says Zhang Ming. “They hurt everyone later,” said Li Wei.",
        "“关税首先伤害农民，”张明说。“最后伤害所有人。”李华表示。",
        # a term in quote marks is no part of the quotation
        "“Tariffs hurt farmers first,” says Zhang Ming. “Phase one” was signed in 2020.",
    ],
)
def test_a_quotation_its_attribution_interrupts_is_reported_as_its_first_part(
    matcher: Matcher, text: str
) -> None:
    mention, quote = kind_and_quote(matcher, text)
    assert mention == "quoted"
    assert quote is not None and quote.rstrip("，,") in (
        "Tariffs hurt farmers first",
        "关税首先伤害农民",
    )


@pytest.mark.parametrize(
    ("text", "expert", "quote"),
    [
        # a name set off by commas right before its verb
        ("The envoy, Anna Berg, said tariffs hurt every side of the trade.", "berg",
         "tariffs hurt every side of the trade."),
        # Spanish, Italian, Portuguese and Russian drop the subject after a quotation
        ('Anna Berg estuvo en Madrid. "Los aranceles perjudican a todos", dijo.', "berg",
         "Los aranceles perjudican a todos"),
        ("Анна Берг была в Москве. «Пошлины вредят всем сторонам», — заявила.", "berg",
         "Пошлины вредят всем сторонам"),
        ("Anna Berg mengatakan tarif merugikan semua pihak dalam perdagangan.", "berg",
         "tarif merugikan semua pihak dalam perdagangan."),
        # more Chinese speech verbs, and an occasion ending in 时 with no 在 before it
        ("张明声称，两国应当保持沟通，避免误判。", "zhang", "两国应当保持沟通，避免误判。"),
        ("張明重申，兩國應當保持溝通，避免誤判。", "zhang", "兩國應當保持溝通，避免誤判。"),
        ("张明宣布，双方将恢复磋商。", "zhang", "双方将恢复磋商。"),
        ("研究员张明接受采访时说，两国应当保持沟通。", "zhang", "两国应当保持沟通。"),
        # Japanese 〜とした, Korean 〜고 했다 and "……"는 입장을 밝혔다
        ("森川春樹外相は「一方的な行動は認められない」とした。", "morikawa",
         "一方的な行動は認められない"),
        ('장밍 교수는 "대화가 가장 중요하다"고 했다.', "zhang", "대화가 가장 중요하다"),
        ('장밍 교수는 "대화가 가장 중요하다"는 입장을 밝혔다.', "zhang", "대화가 가장 중요하다"),
        # a reported clause keeps its 다 before the quotative 고
        ("장밍 교수는 대화가 가장 중요하다고 밝혔다.", "zhang", "대화가 가장 중요하다"),
    ],
)  # fmt: skip
def test_speech_verbs_and_attribution_shapes_across_languages(
    matcher: Matcher, text: str, expert: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


@pytest.mark.parametrize(
    "text",
    [
        # 〜として is "as", not a speech verb
        "森川春樹外相は「経済安全保障」担当として会議に出席した。",
        # a subjectless verb after a quotation belongs to whoever was named last
        'Anna Berg llegó primero. Luego habló Pedro Ruiz. "Los aranceles perjudican", dijo.',
    ],
)
def test_attribution_shapes_that_do_not_quote_the_expert(matcher: Matcher, text: str) -> None:
    expert = "morikawa" if "森川" in text else "berg"
    assert kind_and_quote(matcher, text, expert)[0] == "mentioned"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Anna Berg criticised the levies on Friday, saying they hurt every side of the trade.",
         "they hurt every side of the trade."),
        ("Trade Minister Anna Berg hit back, arguing that the levies hurt every side.",
         "the levies hurt every side."),
        ("Xinhua quoted Anna Berg as saying that the levies hurt every side of the trade.",
         "the levies hurt every side of the trade."),
        ("Anna Berg was quoted as saying that the levies hurt every side of the trade.",
         "the levies hurt every side of the trade."),
        ("The minister met Anna Berg, who said the levies hurt every side of the trade.",
         "the levies hurt every side of the trade."),
    ],
)  # fmt: skip
def test_a_participle_or_relative_clause_of_speech_quotes_its_subject(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


@pytest.mark.parametrize(
    "text",
    [
        # the sentence is someone else's: its subject praises the expert
        "The president praised Anna Berg, saying she did a fine job in the talks.",
        "President Li Wei praised Anna Berg on Friday, saying she did a fine job in the talks.",
        # another speaker is named before the participle
        "Anna Berg met Li Wei in Geneva, saying little as he spoke for an hour.",
    ],
)
def test_a_participle_of_someone_elses_sentence_is_not_the_experts(
    matcher: Matcher, text: str
) -> None:
    assert kind_and_quote(matcher, text, "berg")[0] == "mentioned"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("张明教授表示，关税会伤害两国的农民和工人。", "关税会伤害两国的农民和工人。"),
        ("張明教授指出，關稅將損害兩國農民的利益。", "關稅將損害兩國農民的利益。"),
        ("张明主任对记者说，谈判还会继续下去。", "谈判还会继续下去。"),
        ("“合作比对抗好得多。”张明教授说。", "合作比对抗好得多。"),
    ],
)  # fmt: skip
def test_a_chinese_title_between_the_name_and_its_speech_verb(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("在张明看来，关税会伤害两国的农民和工人。", "关税会伤害两国的农民和工人。"),
        ("张明撰文指出，关税会伤害两国的农民和工人。", "关税会伤害两国的农民和工人。"),
        ("張明發文稱，關稅會傷害兩國的農民。", "關稅會傷害兩國的農民。"),
        ("张明对此回应称，关税会伤害两国的农民和工人。", "关税会伤害两国的农民和工人。"),
        # 说 after another speech verb belongs to the verb, not to the quote
        ("张明强调说，关税会伤害两国的农民和工人。", "关税会伤害两国的农民和工人。"),
    ],
)  # fmt: skip
def test_chinese_views_media_and_compound_speech_verbs(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


def test_zai_before_a_name_without_kanlai_reports_nothing(matcher: Matcher) -> None:
    assert kind_and_quote(matcher, "在张明的带领下，团队完成了调查。")[0] == "mentioned"


@pytest.mark.parametrize(
    "text",
    [
        # after a name, a spokesperson, adviser or lawyer is someone else speaking for them
        "张明发言人表示，关税会伤害两国的农民。",
        "“关税会伤害两国的农民。”张明顾问说。",
        "张明律师表示，这些指控毫无根据。",
        # 看来 without a comma after it is "seems", not a view
        "正在北京出席论坛的张明看来心情不错，但他没有接受采访。",
    ],
)
def test_someone_speaking_for_a_chinese_name_or_seeming_is_no_quote(
    matcher: Matcher, text: str
) -> None:
    assert kind_and_quote(matcher, text)[0] == "mentioned"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("张明指出道路建设存在严重问题。", "道路建设存在严重问题。"),
        ("张明表示说明书中的数据有误。", "说明书中的数据有误。"),
        ("张明强调道德风险不容忽视。", "道德风险不容忽视。"),
    ],
)
def test_a_quote_starting_with_shuo_or_dao_keeps_its_first_character(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("张明13日在记者会上表示，港口明年春天重新开放。", "港口明年春天重新开放。"),
        ("張明週二表示，港口明年春天重新開放。", "港口明年春天重新開放。"),
        ("张明去年12月曾指出，港口明年春天重新开放。", "港口明年春天重新开放。"),
        ("“港口明年春天重新开放。”张明1日说。", "港口明年春天重新开放。"),
    ],
)  # fmt: skip
def test_a_date_between_a_chinese_name_and_its_speech_verb(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


def test_a_date_then_another_verb_is_no_speech(matcher: Matcher) -> None:
    assert kind_and_quote(matcher, "张明13日抵达北京，港口明年春天重新开放。")[0] == "mentioned"


@pytest.mark.parametrize(
    "text",
    [
        "张明说明了港口的情况。",
        "张明今天说服了李华。",
        "张明13日说明了港口的情况。",
        "張明說謊的傳聞沒有根據。",
    ],
)
def test_a_word_that_starts_with_shuo_is_no_speech(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text)[0] == "mentioned"


def test_dao_starting_a_word_of_its_own_is_not_read_as_shuodao(matcher: Matcher) -> None:
    assert kind_and_quote(matcher, "张明今天说道路已经修好。") == ("quoted", "道路已经修好。")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("张明说明年“谈判会更艰难”。", "谈判会更艰难"),
        ("张明说明天“港口会重新开放”。", "港口会重新开放"),
        ("张明说法国“不会参加谈判”。", "不会参加谈判"),
        ("張明說情況“正在好轉”。", "正在好轉"),
        ("张明写道德国“不会参加谈判”。", "不会参加谈判"),
    ],
)  # fmt: skip
def test_shuo_before_a_word_that_is_not_a_compound_is_speech(
    matcher: Matcher, text: str, quote: str
) -> None:
    kind, found = kind_and_quote(matcher, text)
    assert kind == "quoted"
    assert found is not None and quote in found


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a name in a phrase attached to another noun: that noun is the subject
        ("A spokesman for Anna Berg said the talks would resume.", None),
        ("An aide to Anna Berg said the talks would resume next week.", None),
        ("Critics of Anna Berg said the plan would fail.", None),
        ("“The talks will resume,” a spokesman for Anna Berg said.", None),
        ("Li Hua, speaking after Anna Berg, said the deal was done.", "the deal was done."),
        ("Li Hua, who spoke after Anna Berg, said the deal was done.", "the deal was done."),
        # inside the speaker's appositive, or the subject of what the speaker reports
        ("“The plan will fail,” said Li Hua, a rival of Anna Berg.", "The plan will fail"),
        ("“The plan will fail,” said Li Hua, who ran against Anna Berg.", "The plan will fail"),
        ("“The plan will fail,” Li Hua, a rival of Anna Berg, said.", "The plan will fail"),
        ("According to Li Hua, Anna Berg is wrong about tariffs.",
         "Anna Berg is wrong about tariffs."),
        # a possessor: the one possessed speaks
        ("“We will continue,” said Anna Berg's successor, Li Hua.", "We will continue"),
        ("“We will continue,” said Anna Berg’s successor, Li Hua.", "We will continue"),
        ("Anna Berg's spokesman said: “The talks will resume.”", None),
        # an object of told, asked: the subject speaks
        ("Li Hua told Anna Berg: “We will not back down.”", "We will not back down."),
        ("Li Hua asked Anna Berg: “Will you sign?”", "Will you sign?"),
    ],
)  # fmt: skip
def test_a_name_in_someone_elses_phrase_is_not_the_speaker(
    matcher: Matcher, text: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg")[0] == "mentioned"
    if quote is not None:  # Li, watched too, is the speaker
        assert kind_and_quote(matcher, text, "li") == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("李华对张明说，谈判将继续。", "谈判将继续。"),
        ("李華對張明說，談判將繼續。", "談判將繼續。"),
        ("李华告诉张明：“谈判将继续。”", "谈判将继续。"),
        ("张明的学生13日表示：“谈判将继续。”", None),
    ],
)  # fmt: skip
def test_a_chinese_object_or_possessor_is_not_the_speaker(
    matcher: Matcher, text: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text)[0] == "mentioned"
    if quote is not None:
        assert kind_and_quote(matcher, text, "li") == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("“Tariffs hurt,” said the professor, Anna Berg of Oslo University.", "Tariffs hurt"),
        ("“Tariffs hurt,” said the head of the institute, Anna Berg.", "Tariffs hurt"),
        ("In the words of Anna Berg, “tariffs hurt everyone.”", "tariffs hurt everyone."),
        ("A message from Anna Berg: “Tariffs hurt everyone.”", "Tariffs hurt everyone."),
        ("Retired Anna Berg: “Tariffs hurt everyone.”", "Tariffs hurt everyone."),
        ("According to its chair, Anna Berg, tariffs hurt everyone.", "tariffs hurt everyone."),
        ("Weeks after Anna Berg said tariffs hurt, the talks failed.",
         "tariffs hurt, the talks failed."),
        ("Anna Berg said little progress had been made.", "little progress had been made."),
        ("Li Hua met Anna Berg, who said the deal was done.", "the deal was done."),
        ("Reuters interviewed Anna Berg. “Tariffs hurt everyone,” she said.",
         "Tariffs hurt everyone"),
        ("According to Anna Berg, the talks failed. “Tariffs hurt everyone,” she said.",
         "Tariffs hurt everyone"),
    ],
)  # fmt: skip
def test_a_name_after_a_title_preposition_or_participle_still_speaks(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


def test_object_and_appositive_rules_stay_linear_on_apostrophes_and_quotes(
    matcher: Matcher,
) -> None:
    head = "Li Hua spoke with Anna Berg. A spokesman for Anna Berg said, of Anna Berg's plan, "

    def cost(size: int) -> float:
        text = head + ("x's '' \"' of a, " * (size // 16 + 1))[:size] + " Anna Berg: “Yes, we do.”"
        start = time.process_time()  # CPU time: the machine may be busy with other work
        matcher.match(ArticleText(title="", text=text))
        return time.process_time() - start

    cost(1_000)  # first call: caches
    small = min(cost(50_000) for _ in range(3))
    large = min(cost(200_000) for _ in range(3))
    assert large < 8 * small + 0.01, (large, small)


def test_single_marks_stay_linear_on_a_body_of_apostrophes(matcher: Matcher) -> None:
    # no double marks: single ones are read as quotation marks, and "y'z" is an apostrophe
    head = "Anna Berg chairs the port council. "

    def cost(size: int) -> float:
        text = head + (" 'x" + "y'z " * 50) * (size // 200 + 1) + " ‘The fees will rise,’ she said."
        start = time.process_time()
        matcher.match(ArticleText(title="", text=text))
        return time.process_time() - start

    cost(1_000)
    small = min(cost(20_000) for _ in range(3))
    large = min(cost(80_000) for _ in range(3))
    assert large < 8 * small + 0.01, (large, small)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a preposition opening the sentence or clause is no object frame: her pronoun is hers
        ("For Anna Berg, the lesson is clear. “We must save more,” she said.", "We must save more"),
        ("In a talk with Anna Berg, the subject turned to rents. “Rents will fall,” she said.",
         "Rents will fall"),
        ("To Anna Berg, the verdict was unfair. “It ignores the evidence,” she said.",
         "It ignores the evidence"),
        ("As for Anna Berg, she said: “The figures are old.”", "The figures are old."),
        ("With Anna Berg in charge, the fund grew. “We were lucky,” she said.", "We were lucky"),
        # someone unnamed addresses her: her pronoun is hers
        ("Reporters asked Anna Berg about her plans. “I will stay,” she said.", "I will stay"),
        ("The board thanked Anna Berg for her work. “It was a privilege,” she said.",
         "It was a privilege"),
        ("Officials met Anna Berg on Friday. “The talks went well,” she said.",
         "The talks went well"),
        ("The prize went to Anna Berg. “I am surprised,” she said.", "I am surprised"),
        # ", who said" after a name in a prepositional phrase: the relative clause is hers
        ("The job fell to Anna Berg, who said the audit would take a year.",
         "the audit would take a year."),
        ("Reuters talked with Anna Berg, who said the merger was off.", "the merger was off."),
        ("He passed the microphone to Anna Berg, who said: “Let us begin.”", "Let us begin."),
        # a title or a list between the speech verb and the name: she is a speaker
        ("“The model fails,” said the study's main author, Professor Anna Berg.",
         "The model fails"),
        ("“We will appeal,” said its chair, economist Anna Berg.", "We will appeal"),
        ("“Costs rise,” said Li Hua, a colleague, and Anna Berg.", "Costs rise"),
        ("According to its head, former minister Anna Berg, the bank is sound.",
         "the bank is sound."),
        ("According to one expert, Anna Berg of Oslo University, the boom will end.",
         "the boom will end."),
        ("According to one expert, Anna Berg at Oslo University, the boom will end.",
         "the boom will end."),
        ("According to one expert, Anna Berg – an economist – the boom will end.",
         "the boom will end."),
        ("According to two economists, Li Hua and Anna Berg, the boom will end.",
         "the boom will end."),
        ("“Costs rise,” said Li Hua, together with Anna Berg, in a joint statement.",
         "Costs rise"),
        ("“Costs rise,” said Li Hua, along with Anna Berg and two colleagues.", "Costs rise"),
        # her possessed noun without a speech verb right after it: the colon quote is hers
        ("Anna Berg's answer, when asked about debt, was short: “It is too high.”",
         "It is too high."),
        ("Anna Berg's view, as she told students, is simple: “Save early.”", "Save early."),
    ],
)  # fmt: skip
def test_a_name_the_object_rules_must_not_take_from_its_speaker(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


def test_a_later_name_in_a_list_after_a_speech_verb_still_speaks(matcher: Matcher) -> None:
    text = "“We object,” said Li Hua, Anna Berg and Zhang Ming in a joint statement."
    assert kind_and_quote(matcher, text) == ("quoted", "We object")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("对张明来说，这次谈判很重要。他说：“我们终于有了共识。”", "我们终于有了共识。"),
        ("对张明而言，这是一个机会。他表示：“我会尽力。”", "我会尽力。"),
        ("本报记者致电张明，他表示：“我暂不评论。”", "我暂不评论。"),
        ("张明的看法是：“复苏还需要时间。”", "复苏还需要时间。"),
        ("张明的说法是：“复苏还需要时间。”", "复苏还需要时间。"),
    ],
)
def test_a_chinese_topic_or_unnamed_callers_object_keeps_its_pronoun(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


@pytest.mark.parametrize(
    "text",
    [
        # a full name after like/alongside/replaced is another speaker, not one met or told
        "Anna Berg fears a slump. Analysts like John Smith disagree. “Demand is strong,” he said.",
        "Anna Berg presented the study alongside John Smith. “It has flaws,” he said.",
        "Anna Berg replaced John Smith as chair. “She will do well,” he said.",
        # a question put to her after a colon is the asker's
        "Reporters asked Anna Berg: “Will you resign?” She said no.",
    ],
)
def test_a_pronoun_after_another_named_person_is_not_hers(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text, "berg")[0] == "mentioned"


def test_a_body_that_speaks_is_no_he_or_she(matcher: Matcher) -> None:
    text = (
        "Anna Berg returned to Oslo after her visa was held up in what the State Department "
        "calls administrative processing.\n\n“Nobody told me I had done anything wrong,” she "
        "said."
    )
    assert kind_and_quote(matcher, text, "berg") == (
        "quoted",
        "Nobody told me I had done anything wrong",
    )


@pytest.mark.parametrize(
    "text",
    ["李华与张明会谈时表示，双方立场接近。", "李华13日同张明通话后表示：“双方立场接近。”"],
)
def test_the_one_met_with_yu_is_not_the_speaker(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text)[0] == "mentioned"
    assert kind_and_quote(matcher, text, "li")[0] == "quoted"


def test_yu_without_a_verb_of_meeting_joins_two_speakers(matcher: Matcher) -> None:
    assert kind_and_quote(matcher, "李华与张明表示，合作将继续深化。")[0] == "quoted"


@pytest.mark.parametrize(
    ("text", "pronoun", "kind"),
    [
        # the nearest name is hers, unless the pronoun says it is someone else's
        ("John Smith thanked Anna Berg for her work. “She earned every prize,” he said.", None,
         "quoted"),
        ("John Smith thanked Anna Berg for her work. “She earned every prize,” he said.", "she",
         "mentioned"),
        ("Li Hua met Anna Berg in Oslo. “We agreed on nothing at all,” she said.", "she",
         "quoted"),
        ("Li Hua met Anna Berg in Oslo. “We agreed on nothing at all,” she said.", "he",
         "mentioned"),
        ("Li Hua met Anna Berg. She added: “We agreed on nothing at all.”", "he", "mentioned"),
        ("Li Hua met Anna Berg. « Nous ne sommes pas d’accord », a-t-il dit.", "she",
         "mentioned"),
        ("Li Hua met Anna Berg. „Wir sind uns nicht einig“, sagte er.", "she", "mentioned"),
        ("Li Hua met Anna Berg. «No estamos de acuerdo», dijo.", "she", "quoted"),
    ],
)  # fmt: skip
def test_a_configured_pronoun_settles_a_pronouns_quotation(
    text: str, pronoun: str | None, kind: str
) -> None:
    watched = ExpertSettings(id="berg", name="Anna Berg", pronoun=pronoun)
    matcher = Matcher.compile([WatchlistSettings(name="w", experts=[watched])])
    assert kind_and_quote(matcher, text, "berg")[0] == kind


@pytest.mark.parametrize(
    ("pronoun", "kind"), [(None, "quoted"), ("she", "quoted"), ("he", "mentioned")]
)
def test_a_configured_pronoun_reads_ta_in_chinese(pronoun: str | None, kind: str) -> None:
    watched = ExpertSettings(id="zhang", name="Zhang Ming", aliases=["张明"], pronoun=pronoun)
    matcher = Matcher.compile([WatchlistSettings(name="w", experts=[watched])])
    assert kind_and_quote(matcher, "李华会见张明。她说：“谈判将继续。”")[0] == kind


@pytest.mark.parametrize(
    ("text", "expert", "quote"),
    [
        ("森川春樹氏は「市場は過剰に反応している」としている。", "morikawa",
         "市場は過剰に反応している"),
        ("森川春樹氏は「外交には忍耐が要る」と語る。", "morikawa", "外交には忍耐が要る"),
        ("森川春樹・東大教授は「年内の利上げは難しい」との見方を示した。", "morikawa",
         "年内の利上げは難しい"),
        ("森川春樹氏は「改革の手を緩めてはならない」と強調。", "morikawa",
         "改革の手を緩めてはならない"),
        ("森川春樹教授は、輸出規制が長く続くとの見方を示した。", "morikawa", "輸出規制が長く続く"),
        ("森川春樹氏は、地方経済の疲弊が深刻だと指摘する。", "morikawa", "地方経済の疲弊が深刻だ"),
        ('장밍 교수는 "공급망 분열이 가속화될 수 있다"고 우려했다.', "zhang",
         "공급망 분열이 가속화될 수 있다"),
        ('장밍 교수는 "대화의 문을 닫아서는 안 된다"며 정상회담 개최를 촉구했다.', "zhang",
         "대화의 문을 닫아서는 안 된다"),
        ("장밍 교수는 중국 경제가 내년에 회복될 것이라고 봤다.", "zhang",
         "중국 경제가 내년에 회복될 것이라"),
    ],
)  # fmt: skip
def test_any_predicate_after_a_quotative_attributes_to_the_sentences_subject(
    matcher: Matcher, text: str, expert: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "expert"),
    [
        ("森川春樹氏は「経済の神様」と呼ばれる。", "morikawa"),
        ("森川春樹氏は「円安の影響」と「物価高の影響」を比べている。", "morikawa"),
        ("森川春樹氏は山田太郎氏と会談した。", "morikawa"),
        ("山田太郎氏は森川春樹氏が辞任するとみている。", "morikawa"),
        ('장밍 교수는 "경제 대통령"이라고 불린다.', "zhang"),
        ('장밍 교수와 박영수 의원은 "협력을 강화하자"고 합의했다.', "zhang"),
    ],
)  # fmt: skip
def test_a_japanese_or_korean_name_that_is_not_the_subject_is_no_speaker(
    matcher: Matcher, text: str, expert: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("张明介绍，今年已有三十多家外资企业落户园区。", "今年已有三十多家外资企业落户园区。"),
        ("张明提醒：“投资者应警惕汇率波动带来的风险。”", "投资者应警惕汇率波动带来的风险。"),
        ("张明举例说，一些企业已经把生产线转移到了越南。", "一些企业已经把生产线转移到了越南。"),
        ("張明分析，美中競爭將延續至少十年。", "美中競爭將延續至少十年。"),
        ("张明分析指出，外需疲软是出口下滑的主要原因。", "外需疲软是出口下滑的主要原因。"),
    ],
)  # fmt: skip
def test_chinese_verbs_of_explaining_speak_before_a_comma_colon_or_quote(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text) == ("quoted", quote)


@pytest.mark.parametrize(
    "text", ["张明介绍了他的新书。", "张明分析了大量数据。", "张明预测模型的准确率很高。"]
)
def test_chinese_verbs_of_explaining_without_a_comma_are_no_speech(
    matcher: Matcher, text: str
) -> None:
    assert kind_and_quote(matcher, text) == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("« Les prix vont encore monter », juge Anna Berg.", "Les prix vont encore monter"),
        ("« Personne ne veut céder », prévient Anna Berg.", "Personne ne veut céder"),
        ('"El acuerdo llega tarde", señala Anna Berg.', "El acuerdo llega tarde"),
        ("„Die Lage bleibt ernst“, erläuterte Anna Berg.", "Die Lage bleibt ernst"),
        ("«Цены будут расти и дальше», — говорит Anna Berg.", "Цены будут расти и дальше"),
        ("«I prezzi saliranno ancora», spiega Anna Berg.", "I prezzi saliranno ancora"),
        ('"Ekspor akan turun lagi," kata Anna Berg.', "Ekspor akan turun lagi"),
        ("Anna Berg считает, что переговоры затянутся до осени.", "переговоры затянутся до осени."),
        ("Anna Berg afirma que o acordo chega tarde.", "o acordo chega tarde."),
        ("Anna Berg opined that the deal came too late.", "the deal came too late."),
        ("« Les ports vont rouvrir », dit Anna Berg, chercheuse à Oslo.", "Les ports vont rouvrir"),
        ("“Los puertos reabrirán pronto”, dice Anna Berg.", "Los puertos reabrirán pronto"),
        ("“Es tarde para todos”, opina Anna Berg.", "Es tarde para todos"),
        ("Anna Berg dice que los puertos reabrirán pronto.", "los puertos reabrirán pronto."),
        ("Anna Berg полагает, что порты скоро откроются.", "порты скоро откроются."),
    ],
)  # fmt: skip
def test_present_tense_speech_verbs_after_a_quotation_or_before_that(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


@pytest.mark.parametrize(
    "text",
    [
        "Le juge Anna Berg a rejeté la demande.",
        "Anna Berg analyse les données du commerce depuis dix ans.",
        "Anna Berg explica su libro en un vídeo.",
        "Anna Berg highlighted the risks in a chart.",
        "Li Hua highlighted Anna Berg's work in his speech.",
        '"Es un error", asegura Li Hua sobre Anna Berg.',
        '"It is a mistake," said Li Hua about Anna Berg.',
        "Anna Berg, dit le rapport, a quitté Oslo.",
        "Anna Berg dice en su libro lo mismo.",
    ],
)
def test_present_tense_speech_verbs_need_a_quotation_or_that(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("राहुल शर्मा ने कहा कि बातचीत अगले महीने फिर शुरू होगी।", "quoted"),
        ('"निर्यात लगातार तीसरे महीने गिरा है," राहुल शर्मा ने बताया।', "quoted"),
        ("राहुल शर्मा की कहानी पिछले महीने छपी।", "mentioned"),
    ],
)
def test_hindi_ne_kaha_is_speech(matcher: Matcher, text: str, mention: str) -> None:
    assert kind_and_quote(matcher, text, "sharma")[0] == mention


@pytest.mark.parametrize(
    ("text", "expert", "quote"),
    [
        ("As per Anna Berg, the policy has failed to attract investment.", "berg",
         "the policy has failed to attract investment."),
        ("In Anna Berg's view, the summit achieved little beyond symbolism.", "berg",
         "the summit achieved little beyond symbolism."),
        ("Anna Berg zufolge sind die Exporte erneut gesunken.", "berg",
         "sind die Exporte erneut gesunken."),
        ("Nach Einschätzung von Anna Berg wird sich der Handel erholen.", "berg",
         "wird sich der Handel erholen."),
        ("D'après Anna Berg, les exportations ont encore reculé.", "berg",
         "les exportations ont encore reculé."),
        ("De acuerdo con Anna Berg, las exportaciones cayeron otra vez.", "berg",
         "las exportaciones cayeron otra vez."),
        ("Menurut Anna Berg, China sedang mengulur waktu.", "berg",
         "China sedang mengulur waktu."),
        ("Как отметил Anna Berg, санкции пока не дали результата.", "berg",
         "санкции пока не дали результата."),
        ("森川春樹氏によると、交渉は来月にも再開される見通しだ。", "morikawa",
         "交渉は来月にも再開される見通しだ。"),
        ("장밍 교수에 따르면 협상은 다음 달 재개될 예정이다.", "zhang",
         "협상은 다음 달 재개될 예정이다."),
        ("राहुल शर्मा के अनुसार, चीन समय खरीदने की कोशिश कर रहा है।", "sharma",
         "चीन समय खरीदने की कोशिश कर रहा है।"),
    ],
)  # fmt: skip
def test_according_to_in_other_languages_before_or_after_the_name(
    matcher: Matcher, text: str, expert: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "expert"),
    [
        ("In Anna Berg's book, the summit is a turning point.", "berg"),
        ("D'après Li Hua, Anna Berg se trompe sur les tarifs.", "berg"),
        ("Nach Angaben von Li Hua hat Anna Berg das Institut verlassen.", "berg"),
        ("Laut Li Hua hat Anna Berg das Institut verlassen.", "berg"),
        ("山田太郎氏によると、森川春樹氏は来月辞任する。", "morikawa"),
        ("박영수 의원에 따르면 장밍 교수는 다음 달 사임한다.", "zhang"),
    ],
)
def test_the_subject_of_what_someone_else_reports_is_not_the_speaker(
    matcher: Matcher, text: str, expert: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "expert", "quote"),
    [
        ("「関税の影響は限定的だ」と森川春樹氏は語った。", "morikawa", "関税の影響は限定的だ"),
        ('"대응이 너무 늦었다"라고 장밍 교수는 말했다.', "zhang", "대응이 너무 늦었다"),
        ('"규제는 첨단 분야에 집중될 것." 장밍 교수의 설명이다.', "zhang",
         "규제는 첨단 분야에 집중될 것."),
        ('"시간은 중국 편이다." 장밍 교수의 말이다.', "zhang", "시간은 중국 편이다."),
    ],
)  # fmt: skip
def test_a_japanese_or_korean_quotation_before_the_name_that_speaks_it(
    matcher: Matcher, text: str, expert: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "expert"),
    [
        ("「関税の影響は限定的だ」と山田太郎氏は森川春樹氏に語った。", "morikawa"),
        ("「米中対立の行方と日本」と題した森川春樹氏の講演が開かれた。", "morikawa"),
        ('"관세는 답이 아니다"라고 장밍 교수를 비판했다.', "zhang"),
        ('"관세는 답이 아니다." 장밍 교수의 책 제목이다.', "zhang"),
        ('"관세는 답이 아니다." 박영수 의원의 말이다. 장밍 교수는 동의하지 않았다.', "zhang"),
    ],
)
def test_a_quotation_before_a_japanese_or_korean_name_that_does_not_speak_it(
    matcher: Matcher, text: str, expert: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("The talks will resume in March, according to Anna Berg, a trade economist.",
         "The talks will resume in March"),
        ("Exports will fall again in May, said Anna Berg, adding that the autumn looks better.",
         "Exports will fall again in May"),
        ("Anna Berg sagte, die Gespräche mit Peking würden bald wieder aufgenommen.",
         "die Gespräche mit Peking würden bald wieder aufgenommen."),
        ("Anna Berg mengatakan bahwa perundingan akan dilanjutkan bulan Maret.",
         "perundingan akan dilanjutkan bulan Maret."),
    ],
)  # fmt: skip
def test_the_quote_is_the_clause_not_its_attribution_or_conjunction(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "expert"),
    [
        ("山田太郎氏は、森川春樹氏と会談したと明らかにした。", "morikawa"),
        ("정부는 장밍 교수를 위원장으로 임명했다고 밝혔다.", "zhang"),
        ("박영수 의원은 장밍 교수와 만나 현안을 논의했다고 말했다.", "zhang"),
    ],
)
def test_a_japanese_or_korean_object_is_not_the_one_whose_words_end_the_sentence(
    matcher: Matcher, text: str, expert: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "mention", "quote"),
    [
        ("—Es un error histórico —dijo Anna Berg.", "quoted", "Es un error histórico"),
        ("“Nobody wins a tariff war.” — Anna Berg, Lund University", "quoted",
         "Nobody wins a tariff war."),
        ("—Es un error —dijo Li Hua a Anna Berg.", "mentioned", None),
        ("—Es un error —dijo Li Hua. Anna Berg no respondió.", "mentioned", None),
        ("The book “Nobody wins a tariff war” — Anna Berg, 2019", "mentioned", None),
        ("“Nobody wins a tariff war.” — Anna Berg's critics say otherwise.", "mentioned", None),
    ],
)  # fmt: skip
def test_dashes_that_attribute_a_line_of_dialogue_or_a_signed_quotation(
    matcher: Matcher, text: str, mention: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (mention, quote)


@pytest.mark.parametrize(
    ("text", "expert"),
    [
        # a document the name owns or made speaks, not the name (によると after の/が)
        ("森川春樹氏の著書によると、景気は来年回復する。", "morikawa"),
        ("森川春樹氏が監修した報告書によると、景気は来年回復する。", "morikawa"),
        # the name inside the subject's phrase, or someone else the topic
        ("森川春樹氏が率いるチームは、新薬の治験を始めたと発表した。", "morikawa"),
        ("首相は森川春樹氏について「景気は回復する」と語った。", "morikawa"),
        # through him: an act, not speech
        ("经张明介绍，李华认识了王强。", "zhang"),
        ("李华只看了张明一眼，说：“开始吧。”", "zhang"),
        # a speech verb with 了 takes an object: nothing is reported
        ("公司总监张明向记者透露了新产品“年轻十岁”的实验秘密：仪器来自日本。", "zhang"),
        ("张明表示了对这项研究的关注和支持。", "zhang"),
        # the name inside the reported clause, or attached to the speaker by von/de/unter
        ("Nach Angaben von Li Hua erhielt Anna Berg den Preis im Jahr 2020.", "berg"),
        ("Ein Kollege von Anna Berg meint, sie habe recht.", "berg"),
        ("Die Kommission unter Anna Berg meint, die Regeln seien zu streng.", "berg"),
        ("Un portavoz de Anna Berg afirma que no hubo delito.", "berg"),
        ("«Está equivocada», señala Li Hua, colega de Anna Berg.", "berg"),
        # a document between "according to" and the name
        ("Menurut buku Anna Berg, krisis itu bisa dicegah.", "berg"),
        ("As per the contract signed by Anna Berg, the fee is due in May.", "berg"),
        # "X's view" of something is no "in X's view,"
        ("In Anna Berg's view of the painting, the colours are too dark.", "berg"),
    ],
)  # fmt: skip
def test_what_the_wider_attribution_must_not_credit(
    matcher: Matcher, text: str, expert: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("According to the author of the report, Anna Berg, the fee is due in May.",
         "the fee is due in May."),
        ("Laut der Ökonomin Anna Berg sinken die Zinsen im Herbst deutlich.",
         "sinken die Zinsen im Herbst deutlich."),
        ("In Anna Berg's view, the colours of the painting are too dark.",
         "the colours of the painting are too dark."),
    ],
)  # fmt: skip
def test_what_the_narrowed_rules_still_credit(matcher: Matcher, text: str, quote: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Иван Петров рассказал сказку детям перед сном.", "mentioned"),
        ("Иван Петров рассказал, что переговоры продолжатся весной.", "quoted"),
        ("Иван Петров рассказал РИА Новости, что переговоры продолжатся весной.", "quoted"),
    ],
)
def test_rasskazal_is_speech_only_before_a_clause(text: str, kind: str) -> None:
    watched = ExpertSettings(id="petrov", name="Ivan Petrov", aliases=["Иван Петров"])
    matcher = Matcher.compile([WatchlistSettings(name="w", experts=[watched])])
    assert kind_and_quote(matcher, text, "petrov")[0] == kind


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Anna Berg told reporters: “We are not done.”\n\n“Neither are we,” he said.",
         "We are not done."),
        ("Anna Berg told the Financial Times: “We are not done.” Later “Neither are we,” he said.",
         "We are not done."),
    ],
)  # fmt: skip
def test_a_quotation_after_told_and_its_listener_beats_a_later_pronouns(
    matcher: Matcher, text: str, quote: str
) -> None:
    """The listener between "told" and the colon does not loosen the quotation from its
    attribution, so a later '“…,” he said' (someone else's) does not outrank it."""
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "expert", "quote"),
    [
        # kana in a Chinese page (a brand, a title, mojibake) leaves its attributions Chinese
        ("“我们有数据说话，不能说是虚假宣传。”张明表示。\n门店挂着ユニクロ的招牌，顾客不多。",
         "zhang", "我们有数据说话，不能说是虚假宣传。"),
        ("张明表示，パナソニック明年将提价。", "zhang", "パナソニック明年将提价。"),
        ("ｱｲｳｴｵｶｷｸｹｺ\n“这项政策会改变行业格局。”张明说。", "zhang", "这项政策会改变行业格局。"),
        # Japanese or Korean with few kana or Hangul: the words after the name tell
        ("森川春樹氏は「景気回復、物価安定、賃金上昇」と強調した。", "morikawa",
         "景気回復、物価安定、賃金上昇"),
        ("森川春樹教授（東京大学）は「円安の是正が急務だ」と述べた。", "morikawa",
         "円安の是正が急務だ"),
        ('장밍 교수는 "稳中求进是明年经济工作的总基调，财政政策更加积极"라고 말했다.', "zhang",
         "稳中求进是明年经济工作的总基调，财政政策更加积极"),
        # 了 after the verb with a pause, and 了 opening a word (了解), report a clause
        ("被问及此事，张明表示了，公司会承担全部责任。", "zhang", "公司会承担全部责任。"),
        ("张明表示，了解客户的真实需求比扩张更重要。", "zhang", "了解客户的真实需求比扩张更重要。"),
        ("张明表示了解股东的不满，董事会下周将公布方案。", "zhang",
         "了解股东的不满，董事会下周将公布方案。"),
        ("面对质疑，张明只说了一句：“请看数据。”", "zhang", "请看数据。"),
        ("张明想了想，又说：“再等一周。”", "zhang", "再等一周。"),
        ("张明沉默片刻，他说：“我们会解释清楚。”", "zhang", "我们会解释清楚。"),
    ],
)  # fmt: skip
def test_the_language_of_an_attribution_and_the_chinese_perfective(
    matcher: Matcher, text: str, expert: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # an affiliation with "at", or with an initial's full stop, before the speech verb
        ("Anna Berg at Nordbank Research said that exports had found a floor.",
         "quoted", "exports had found a floor."),
        ("Professor Anna Berg of the J. K. Lindqvist School said Baltic ports would not choose.",
         "quoted", "Baltic ports would not choose."),
        ("Anna Berg of Lund University, whose work on quotas was cited, said the levies failed.",
         "quoted", "the levies failed."),
        # "Rep." and "St." end no sentence between a quotation and its speaker
        ("“Ports are no bargaining chip,” said Rep. Anna Berg, a member of the committee. “Never.”",
         "quoted", "Ports are no bargaining chip"),
        # a quotation its attribution interrupts mid-sentence is one sentence
        ("“The levies,” said Anna Berg, chief economist at Nordbank, “are a tax on buyers.”",
         "quoted", "The levies are a tax on buyers."),
        ("“The levies,” Anna Berg said, “are a tax on buyers.”",
         "quoted", "The levies are a tax on buyers."),
        ("“The levies are here,” Anna Berg said. “They are a tax on buyers.”",
         "quoted", "The levies are here"),
        # … a first part that stands alone is the quotation as printed
        ("“We will talk to them,” said Anna Berg, “if they call us first.”",
         "quoted", "We will talk to them"),
        # an institute's name between the name and "she said" is no other speaker
        ("Anna Berg, a fellow at the Baltic Trade Policy Institute, has followed the talks. "
         "“Both sides need a win,” she said.", "quoted", "Both sides need a win"),
        # a quotation before a clause the name opens with a conjunction is someone else's
        ('Li Wen said exports had "already touched bottom," while Anna Berg at Nordbank warned '
         "that shipments could slide again.", "quoted", "shipments could slide again."),
        # a Russian quotation its attribution splits after a full stop
        ("«Война вступила в новую фазу, — сказала Анна Берг. — Теперь речь о чипах».",
         "quoted", "Война вступила в новую фазу, — сказала Анна Берг. — Теперь речь о чипах"),
    ],
)  # fmt: skip
def test_affiliations_abbreviations_and_interrupted_quotations(
    matcher: Matcher, text: str, kind: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (kind, quote)


def test_a_person_named_before_the_pronoun_still_takes_it(matcher: Matcher) -> None:
    text = "Anna Berg spoke first, then Li Wen took the floor. “Both sides need a win,” he said."
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "expert", "kind", "quote"),
    [
        # a pronoun and a speech verb opening the next sentence report the person's words
        ("Anna Berg chairs the Nordic port council. She said the levies would be lifted by June.",
         "berg", "quoted", "the levies would be lifted by June."),
        ("Anna Berg leitet das Nordic Trade Policy Institute in Oslo. Sie sagte, die Zölle würden "
         "bald fallen.", "berg", "quoted", "die Zölle würden bald fallen."),
        ("清华大学教授张明出席论坛并发表演讲。他表示，中美两国都需要避免战略误判。",
         "zhang", "quoted", "中美两国都需要避免战略误判。"),
        # … not when another person is named in between, nor inside someone else's quotation
        ("Anna Berg met Oskar Lind on Monday. He said the levies would be lifted by June.",
         "berg", "mentioned", None),
        ("Anna Berg met Lind on Monday. He said the levies would be lifted by June.",
         "berg", "mentioned", None),
        ("Li Wen recalled the dinner. «Anna Berg asked about the ports. Lui ha detto che no.»",
         "berg", "mentioned", None),
        # speech verbs of replies and posts; quoted by a medium as saying
        ('"Another own goal for the ports," Anna Berg, an analyst in Oslo, posted on X on Friday.',
         "berg", "quoted", "Another own goal for the ports"),
        ("« Rien n'est encore signé », a rétorqué Anna Berg, chercheuse à Oslo.",
         "berg", "quoted", "Rien n'est encore signé"),
        ('"Non sono d\'accordo con questa lettura", ha replicato Anna Berg.',
         "berg", "quoted", "Non sono d'accordo con questa lettura"),
        ("Anna Berg was quoted by state media as saying that Oslo would answer the levies.",
         "berg", "quoted", "Oslo would answer the levies."),
        # a phrase in quote marks inside the reported clause is not the quotation
        ("Anna Berg said Oslo “firmly opposes” the levies and would take “resolute steps.”",
         "berg", "quoted", "Oslo “firmly opposes” the levies and would take “resolute steps.”"),
        # Hong Kong's 指, a time of day, and a platform named in quote marks before the verb
        ("張明接受訪問時指，香港應善用自身優勢，在中美之間發揮作用。",
         "zhang", "quoted", "香港應善用自身優勢，在中美之間發揮作用。"),
        ("张明当地时间周五在社交平台“真言”上发文称，双方已经达成初步共识。",
         "zhang", "quoted", "双方已经达成初步共识。"),
        # a title or a so-called term in quote marks is no quotation
        ("张明对记者表示，一些政客炒作所谓“北方产能过剩论”，实质是贸易保护。",
         "zhang", "quoted", "一些政客炒作所谓“北方产能过剩论”，实质是贸易保护。"),
        ("In a report titled “Ports and Sovereignty,” released Monday, Anna Berg argued that the "
         "levies had bought Oslo time.", "berg", "quoted", "the levies had bought Oslo time."),
        ("In “The Harbour According to Oslo,” Anna Berg writes that the ports will be rebuilt.",
         "berg", "quoted", "the ports will be rebuilt."),
    ],
)  # fmt: skip
def test_pronoun_reported_speech_reply_verbs_and_titles_in_quote_marks(
    matcher: Matcher, text: str, expert: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, expert) == (kind, quote)


@pytest.mark.parametrize(
    ("text", "expert", "kind", "quote"),
    [
        # a transcript's or a briefing's speaker: a name opening its line, a colon, speech
        ("We asked two analysts for their view.\nANNA BERG, NORDBANK: Well, the truce will hold "
         "through the summer. After that, nobody knows.", "berg", "quoted",
         "Well, the truce will hold through the summer."),
        ("Reactions:\n• Anna Berg, Nordbank: “The summit lowered the temperature.”\n• Li Wen, "
         "Lund: “Nothing changed.”", "berg", "quoted", "The summit lowered the temperature."),
        ("记者：北方对此有何评论？\n张明：我们已就此向对方提出严正交涉。", "zhang", "quoted",
         "我们已就此向对方提出严正交涉。"),
        # … not a heading that names the person before a colon
        ("Anna Berg: a profile of the economist who shaped the port deal", "berg", "mentioned",
         None),
        ("Anna Berg: 1961-2024\nShe led the port council for a decade.", "berg", "mentioned",
         None),
    ],
)  # fmt: skip
def test_a_speaker_opening_a_transcript_line(
    matcher: Matcher, text: str, expert: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, expert) == (kind, quote)


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # an honorific of another language before the surname is no other person
        ("Anna Berg leitet das Programm in Oslo.\n\nSPIEGEL: Frau Berg, hält der Frieden?\n\n"
         "Berg: Kurzfristig ja, aber es wird nur ein Waffenstillstand sein.", "quoted",
         "Kurzfristig ja, aber es wird nur ein Waffenstillstand sein."),
        # "Pour X, …" opening a sentence gives X's view; "pour X" inside one does not
        ("Pour Anna Berg, chercheuse à Oslo, les restrictions constituent une erreur durable.",
         "quoted", "les restrictions constituent une erreur durable."),
        # past one appositive, with or without an article; the clause keeps its own commas
        ("Laut Anna Berg, Direktorin des Instituts für Hafenforschung (IHF), könnten die Zölle "
         "fallen.", "quoted", "könnten die Zölle fallen."),
        ("According to Anna Berg, a fellow at the Baltic Institute, the average U.S. levy, now "
         "high, will fall.", "quoted", "the average U.S. levy, now high, will fall."),
        ("According to Anna Berg, ties will steady, and trade will grow.", "quoted",
         "ties will steady, and trade will grow."),
        ("Le prix a été remis pour Anna Berg, chercheuse, la semaine dernière à Oslo.",
         "mentioned", None),
        ('Oslo buscará "productos con mayor valor agregado", dijo el secretario para Asia, '
         "Anna Berg.", "quoted", "productos con mayor valor agregado"),
        # the formula that gives the sentence before to the name
        ("«I porti sono il nuovo petrolio». Lo ha detto Anna Berg, intervenendo ieri a Oslo.",
         "quoted", "I porti sono il nuovo petrolio"),
        ("Решение было ожидаемым. Об этом заявила директор центра Анна Берг.", "quoted",
         "Решение было ожидаемым."),
        # a Portuguese pronoun's reported speech; a colon quote after an appositive's names
        ("Anna Berg, professora em Oslo, acompanha a disputa.\n\nEla afirmou que a proibição "
         "acelerou os investimentos.", "quoted", "a proibição acelerou os investimentos."),
        ('La economista Anna Berg, catedrática de la Universidad de Oslo, lo resumió así: "Los '
         'puertos ya no son el destino natural".', "quoted",
         "Los puertos ya no son el destino natural"),
    ],
)  # fmt: skip
def test_honorifics_sentence_openers_and_formulas_of_other_languages(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (kind, quote)


@pytest.mark.parametrize(
    ("text", "expert", "kind", "quote"),
    [
        # a four-character Han alias of a romanised name is followed up by its family name
        ("日本港湾協会の中西浩二・調査部長が12日、講演した。\n\n中西氏は「港の見直しを迫られる」と語った。",
         "nakanishi", "quoted", "港の見直しを迫られる"),
        # a quotation before the name with what stands before the name (an organisation)
        ("「関税の引き下げは歓迎すべきだ」と、北浜総研の森川春樹氏は語る。",
         "morikawa", "quoted", "関税の引き下げは歓迎すべきだ"),
        ('"관세 인상은 소비자 부담이 될 것"이라고 항만경제연구원(PER) 장밍 연구위원은 말했다.',
         "zhang", "quoted", "관세 인상은 소비자 부담이 될 것"),
        # "thus" points to the quotation before or after the sentence
        ("「規制の強化は国産化を加速させる」。北浜大学の森川春樹教授はこう指摘する。",
         "morikawa", "quoted", "規制の強化は国産化を加速させる"),
        ("北浜総研の森川春樹主席研究員は次のように話す。「規制がＡＩに広がれば合弁も見直しだ」",
         "morikawa", "quoted", "規制がＡＩに広がれば合弁も見直しだ"),
        ('장밍 센터 주임은 인터뷰에서 이렇게 말했다. "반도체 봉쇄는 자립을 앞당길 뿐이다."',
         "zhang", "quoted", "반도체 봉쇄는 자립을 앞당길 뿐이다."),
        # a stance declared as the verb's object; a post; a scene-setting では
        ("北浜外務省の森川春樹報道官は11日、「強烈な不満と断固たる反対」を表明した。",
         "morikawa", "quoted", "強烈な不満と断固たる反対"),
        ("森川春樹氏は12日、自身のSNSに「取引は素晴らしいものになる」と投稿した。",
         "morikawa", "quoted", "取引は素晴らしいものになる"),
        ("会合では、北浜総研の森川春樹氏が「過剰生産は世界的な問題だ」と発言。",
         "morikawa", "quoted", "過剰生産は世界的な問題だ"),
        # a long title with a word holding 의; a pronoun's words "in the book"
        ("장밍 전 국가안보회의(NSC) 아시아 담당 선임국장은 지도부가 시간이 자기편이라고 "
         "믿고 있다고 진단했다.", "zhang", "quoted", "지도부가 시간이 자기편이라고 믿고 있다"),
        ('장밍 전 공사가 저서를 펴냈다. 그는 책에서 "한국은 규칙을 만드는 쪽에 서야 한다"고 썼다.',
         "zhang", "quoted", "한국은 규칙을 만드는 쪽에 서야 한다"),
        # someone else's report about the name is not the name's words
        ("장밍 외교부장은 다음 주 방미해 회담할 예정이라고 외교 소식통이 전했다.",
         "zhang", "mentioned", None),
    ],
)  # fmt: skip
def test_japanese_and_korean_attribution_forms(
    text: str, expert: str, kind: str, quote: str | None
) -> None:
    experts = [
        *EXPERTS,
        ExpertSettings(id="nakanishi", name="Nakanishi Koji", aliases=["中西浩二"]),
    ]
    matcher = Matcher.compile([WatchlistSettings(name="w", experts=experts)])
    assert kind_and_quote(matcher, text, expert) == (kind, quote)


def test_a_headline_names_its_speaker_and_quotation_without_a_verb(matcher: Matcher) -> None:
    body = "The minister spoke in Oslo on Monday."
    for title, quote in [
        ("张明主席“外部的干涉不能接受”", "外部的干涉不能接受"),
        ('장밍 "우리는 물러서지 않는다"', "우리는 물러서지 않는다"),
        ("Zhang Ming: “We will not be pushed around”", "We will not be pushed around"),
    ]:
        hit = hit_of(matcher, body, "zhang", title=title)
        assert hit is not None and (hit.mention, hit.quote) == ("quoted", quote), title
    hit = hit_of(matcher, body, "zhang", title="Zhang Ming reads “War and Peace” again")
    assert hit is not None and hit.mention == "mentioned"


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # the introduction names the person; the first marked question's answer is theirs
        ("Anna Berg heads the port council in Oslo.\n\nQ: Will the truce hold?\n\nA: Quite "
         "likely, frankly. Nobody wants a second round.", "quoted", "Quite likely, frankly."),
        ("Anna Berg, investigadora en Oslo, atiende a este diario.\n\nPregunta. ¿Quién gana?\n\n"
         "Respuesta. Nadie. Los aranceles son un impuesto.", "quoted",
         "Nadie. Los aranceles son un impuesto."),
        ("Анна Берг ответила на вопросы агентства.\n\n— Как вы оцениваете итоги переговоров?\n\n"
         "— Это скорее перемирие, чем мир. Стороны договорились.", "quoted",
         "Это скорее перемирие, чем мир."),
        ("Anna Berg insegna economia a Oslo.\n\nProfessoressa Berg, i dazi cambiano le regole?\n"
         "«Sì, ma non nel modo in cui pensa Washington.»", "quoted",
         "Sì, ma non nel modo in cui pensa Washington."),
        # a rhetorical question in a report, with narrative after it, is no interview
        ("Anna Berg chaired the meeting in Oslo.\n\nWhat does this mean for the ports?\n\nThe "
         "council will vote again in June.", "mentioned", None),
        # an answer another speaker's label opens is theirs
        ("Anna Berg and Li Wen met reporters.\n\nQ: Will the truce hold?\n\nLi Wen: For now, "
         "yes. Later, nobody knows.", "mentioned", None),
    ],
)  # fmt: skip
def test_an_interview_introduced_by_the_persons_name(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (kind, quote)


@pytest.mark.parametrize(
    ("text", "expert", "kind", "quote"),
    [
        # the person and a counted or named group, then the group's words
        ("Anna Berg and two co-authors published a paper on port fees. “Higher fees hurt the "
         "exporters first,” they wrote.", "berg", "quoted", "Higher fees hurt the exporters first"),
        ("Anna Berg, along with three other economists, said the truce was fragile.", "berg",
         "quoted", "the truce was fragile."),
        ("A petition led by Anna Berg reached the council. “Reopen the ports,” the signatories "
         "wrote.", "berg", "quoted", "Reopen the ports"),
        ("张明等学者在联名信中表示，两国应恢复学术交流。", "zhang", "quoted",
         "两国应恢复学术交流。"),
        ("张明与共同作者在论文中写道：“关税最终由消费者承担。”", "zhang", "quoted",
         "关税最终由消费者承担。"),
        # meeting a group is not speaking with it
        ("Anna Berg met her colleagues in Oslo. “The vote is close,” they said.", "berg",
         "mentioned", None),
    ],
)  # fmt: skip
def test_a_group_the_person_speaks_with_quotes_them(
    matcher: Matcher, text: str, expert: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, expert) == (kind, quote)


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # the noun of the person's appositive, predicate or title names them again
        ("Anna Berg, an economist at the Oslo institute, spoke on Monday. The economist said "
         "the truce was fragile.", "quoted", "the truce was fragile."),
        ("Anna Berg is a professor at Oslo. “The ports will reopen,” said the professor.",
         "quoted", "The ports will reopen"),
        ("Former ambassador Anna Berg spoke first. “Tariffs hurt both sides,” the ambassador "
         "said.", "quoted", "Tariffs hurt both sides"),
        ("Die Ökonomin Anna Berg war in Oslo. „Die Zölle schaden allen“, sagte die Ökonomin.",
         "quoted", "Die Zölle schaden allen"),
        # another noun is another person, or a thing
        ("Anna Berg, a former diplomat, met the trade minister. “We need calm,” the minister "
         "said.", "mentioned", None),
        ("Anna Berg chairs the port council. The annual report said the ports would reopen.",
         "mentioned", None),
    ],
)  # fmt: skip
def test_the_noun_that_described_the_person_names_them_again(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (kind, quote)


@pytest.mark.parametrize(
    ("text", "expert", "kind", "quote"),
    [
        ("根據張明的說法，今年赴美留學的人數創下新高。", "zhang", "quoted",
         "今年赴美留學的人數創下新高。"),
        ("与会的李华、张明、王强等专家认为，港口收费将推高成本。", "zhang", "quoted",
         "港口收费将推高成本。"),
        ("张明曾在外交部工作多年。谈及港口收费，他认为，该做法本质上是保护主义。", "zhang",
         "quoted", "该做法本质上是保护主义。"),
        # a quotation over paragraphs, each opening with 「 or «, is kept whole
        ("張明說：「港口收費是在玩火。\n\n「雙方都會受損。」", "zhang", "quoted",
         "港口收費是在玩火。 雙方都會受損。"),
        ("Anna Berg a déclaré : « Les ports rouvriront.\n\n« Mais pas avant juin. »", "berg",
         "quoted", "Les ports rouvriront. Mais pas avant juin."),
        # the name inside what another speaker talks about, or beside whom they speak
        ("发言人在回答关于张明的提问时表示，中方支持两国人文交流。", "zhang", "mentioned", None),
        ('장밍 교수와 함께 토론에 나선 이정훈 연구원은 "긴장이 고조되고 있다"고 말했다.', "zhang",
         "mentioned", None),
        ("森川春樹教授と対談した李華氏は、緊張が高まっていると述べた。", "morikawa", "mentioned",
         None),
    ],
)  # fmt: skip
def test_chinese_lists_lead_ins_and_paragraphs_and_someone_elses_subject(
    matcher: Matcher, text: str, expert: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, expert) == (kind, quote)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a person opening a sentence in between may be the pronoun's
        ("Anna Berg spoke at the hearing. Mark Ellis spoke next. “This is naive,” he said.",
         "mentioned"),
        ("A study by Anna Berg was discussed. Senator Mark Ellis dismissed it. “This is naive,” "
         "he said.", "mentioned"),
        # a body or a place opening it is no one
        ("Anna Berg, a fellow at the Asia Society Policy Institute, spoke first. “This is "
         "naive,” she said.", "quoted"),
        ("Anna Berg spoke in Seoul. South Korea hosts the talks. “This is naive,” she said.",
         "quoted"),
        ("Die Ökonomin Anna Berg war zugeschaltet. Die Debatte drehte sich um Hafengebühren. "
         "„Die Gebühren werden steigen“, erklärte die Ökonomin.", "quoted"),
    ],
)  # fmt: skip
def test_a_speaker_opening_a_sentence_in_between_takes_the_pronoun(
    matcher: Matcher, text: str, kind: str
) -> None:
    assert kind_and_quote(matcher, text, "berg")[0] == kind


@pytest.mark.parametrize(
    ("title", "kind", "quote"),
    [
        ("Anna Berg: ‘Trade war has no winners’", "quoted", "Trade war has no winners"),
        ("‘Trade war has no winners’, says Anna Berg", "quoted", "Trade war has no winners"),
        ("Anna Berg: 'Port fees hurt everyone'", "quoted", "Port fees hurt everyone"),
        ("Anna Berg's book 'The Long Game' is out", "mentioned", None),
    ],
)
def test_a_headline_sets_its_quotation_in_single_marks(
    matcher: Matcher, title: str, kind: str, quote: str | None
) -> None:
    hit = hit_of(matcher, "Anna Berg was in Davos this week. She chairs the port council.", "berg",
                 title=title)  # fmt: skip
    assert hit is not None and (hit.mention, hit.quote) == (kind, quote)


def test_an_interview_line_labelled_with_the_surname_gives_a_short_answer_whole(
    matcher: Matcher,
) -> None:
    text = (
        "Anna Berg, an economist in Oslo, spoke to us about port fees.\n\nQ: Will the fees "
        "work?\n\nBerg: Only partly. Shippers will route their cargo through other ports."
    )
    assert kind_and_quote(matcher, text, "berg") == (
        "quoted",
        "Only partly. Shippers will route their cargo through other ports.",
    )


def test_according_to_in_russian_passes_an_appositive_in_the_genitive(matcher: Matcher) -> None:
    text = "По словам Анны Берг, экономиста Кильского института, сборы в портах вырастут вдвое."
    assert kind_and_quote(matcher, text, "berg") == ("quoted", "сборы в портах вырастут вдвое.")


@pytest.mark.parametrize(
    ("text", "expert", "kind", "quote"),
    [
        # the family name and the title that introduced the person follow them up
        ("人民大学教授张明出席了研讨会。\n\n张教授指出，港口收费可能再次上调。", "zhang",
         "quoted", "港口收费可能再次上调。"),
        ("记者采访了李华大使。据李大使介绍，双方将继续对话。", "li", "quoted",
         "双方将继续对话。"),
        ("東京大学の田中浩教授が講演した。田中氏は「港の料金は上がる」と述べた。", "tanaka",
         "quoted", "港の料金は上がる"),
        # another person of the family with the title, a title the person was not introduced
        # with, or the family name ending a word (主张: advocates) is no follow-up
        ("张明教授和张华教授出席了研讨会。张教授指出，港口收费可能再次上调。", "zhang",
         "mentioned", None),
        ("教授张明和教授张华出席了研讨会。张教授指出，港口收费可能再次上调。", "zhang",
         "mentioned", None),
        ("教授张明出席了研讨会。张教授指出，港口收费可能再次上调。", "zhang", "quoted",
         "港口收费可能再次上调。"),
        ("张明出席了研讨会。张主任指出，港口收费可能再次上调。", "zhang", "mentioned", None),
        ("张明教授出席了研讨会。会议主张教授们多交流，港口收费可能再次上调。", "zhang",
         "mentioned", None),
    ],
)  # fmt: skip
def test_a_short_han_name_is_followed_up_by_its_family_name_and_title(
    text: str, expert: str, kind: str, quote: str | None
) -> None:
    experts = [*EXPERTS, ExpertSettings(id="tanaka", name="Tanaka Hiroshi", aliases=["田中浩"])]
    matcher = Matcher.compile([WatchlistSettings(name="w", experts=experts)])
    assert kind_and_quote(matcher, text, expert) == (kind, quote)


@pytest.mark.parametrize(
    "text",
    [
        "张明政府表示，将继续谈判。",
        "張明政権は関税を交渉カードとして使うと表明した。",
        "장밍 행정부는 관세를 유지하겠다고 밝혔다.",
    ],
)
def test_an_institution_named_after_its_head_speaks_not_the_head(
    matcher: Matcher, text: str
) -> None:
    assert kind_and_quote(matcher, text, "zhang") == ("mentioned", None)


def test_a_chinese_name_whose_act_is_the_time_of_anothers_words(matcher: Matcher) -> None:
    text = (
        "美國總統張明上週宣布擬對進口半導體課徵關稅後，經濟部長林志遠今日表示，政府已與美方溝通，"
        "「談判還在進行，現在不適合說明細節。」"
    )
    assert kind_and_quote(matcher, text) == ("mentioned", None)
    assert kind_and_quote(matcher, "张明宣布，美国将对进口半导体加征关税。") == (
        "quoted",
        "美国将对进口半导体加征关税。",
    )


def test_a_japanese_question_about_the_name_is_answered_by_the_one_asked() -> None:
    experts = [
        ExpertSettings(id="tanaka", name="Tanaka Hiroshi", aliases=["田中浩"]),
        ExpertSettings(id="sato", name="Sato Misaki", aliases=["佐藤美咲"]),
    ]
    matcher = Matcher.compile([WatchlistSettings(name="w", experts=experts)])
    text = (
        "佐藤美咲教授に北京で話を聞いた。\n\n田中浩外相が米国側との対話を重ねていることについて"
        "問うと、同氏は「外交チャンネルが機能しているのは前向きな兆候だ」と評価した。"
    )
    assert kind_and_quote(matcher, text, "tanaka") == ("mentioned", None)
    # asked about something, the name answers (passive: the name was asked)
    text = "田中浩外相は輸出規制について問われ、「断固反対する」と述べた。"
    assert kind_and_quote(matcher, text, "tanaka") == ("quoted", "断固反対する")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a report citing the name's words
        ("报道援引张明的话称：“我们不能再天真。”", ("quoted", "我们不能再天真。")),
        ("路透社引述张明的话说，美方不会退让。", ("quoted", "美方不会退让。")),
        # the name's words cited by someone, but not spoken: a remark about them
        ("报道援引张明的研究报告指出，关税将上调。", ("mentioned", None)),
    ],
)  # fmt: skip
def test_a_report_citing_the_names_words(matcher: Matcher, text: str, expected: tuple) -> None:
    assert kind_and_quote(matcher, text, "zhang") == expected


def test_an_abbreviation_does_not_end_the_sentence_a_name_opens(matcher: Matcher) -> None:
    text = (
        "Anna Berg hit back at the U.S. trade envoy on Wednesday, saying the port fees came "
        "with fewer strings than before."
    )
    assert kind_and_quote(matcher, text, "berg") == (
        "quoted",
        "the port fees came with fewer strings than before.",
    )


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # an article after the verb is no pronoun: the minister or spokesman speaks
        ('Anna Berg estaba en Madrid. "Los aranceles seguirán", dijo el ministro.', "mentioned",
         None),
        ("Anna Berg era a Roma. «I dazi resteranno», ha detto il portavoce.", "mentioned", None),
        # the pronoun after a meeting may be the other person's
        ("Die Ökonomin Anna Berg traf am Rande des Gipfels den Handelsminister. „Die Zölle "
         "bleiben“, sagte er anschließend.", "mentioned", None),
        # who was spoken to does not speak
        ("„Frau Berg, Sie unterschätzen Peking“, sagte der Abgeordnete zu Anna Berg.",
         "mentioned", None),
        # the noun that described her, after a Portuguese article or none (Russian)
        ("A investigadora Anna Berg esteve em Lisboa. «Os portos vão reabrir», afirmou a "
         "investigadora.", "mentioned", None),
        ("O investigador Anna Berg esteve em Lisboa. «Os portos vão reabrir», afirmou o "
         "investigador.", "quoted", "Os portos vão reabrir"),
        ("Эксперт Анна Берг выступила в Москве. «Порты откроются уже в июне», — сказал эксперт.",
         "quoted", "Порты откроются уже в июне"),
        ("Anna Berg era a Roma. «I dazi resteranno», ha detto lei.", "quoted",
         "I dazi resteranno"),
    ],
)  # fmt: skip
def test_articles_meetings_and_addressees_are_not_the_persons_attribution(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (kind, quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a title or term in quote marks inside the appositive before "said"
        ('Anna Berg, author of "The Tariff Trap," said the pattern was repeating itself.',
         "the pattern was repeating itself."),
        ('Anna Berg, who coined the term "de-risking" in a paper, said the vote would test it.',
         "the vote would test it."),
        ('Anna Berg, who wrote "The Debt Trap Myth," said banks had become far more cautious.',
         "banks had become far more cautious."),
        # a British paper's quotations in single marks, apostrophes inside
        ("Anna Berg chairs the port council.\n\n‘Shippers treated Oslo as a cash machine and "
         "never asked what would happen,’ she told the Guardian.",
         "Shippers treated Oslo as a cash machine and never asked what would happen"),
        ("Anna Berg said: ‘It’s not overcapacity, it’s competitiveness. Nobody complains when "
         "it’s Boeing.’", "It’s not overcapacity, it’s competitiveness. Nobody complains when "
         "it’s Boeing."),
    ],
)  # fmt: skip
def test_quote_marks_in_an_appositive_and_single_marks_in_a_body(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


def test_apostrophes_in_a_body_without_double_marks_are_no_quotation(matcher: Matcher) -> None:
    text = "Anna Berg toured the '90s-era docks and the workers' union hall on Monday."
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "expert", "quote"),
    [
        # a time or place opens the sentence, then the verb and the name
        ("Am Dienstag sagte Anna Berg, die Gespräche über Hafengebühren stünden kurz vor dem "
         "Abschluss.", "berg", "die Gespräche über Hafengebühren stünden kurz vor dem Abschluss."),
        ("Bei einer Anhörung betonte Anna Berg, dass die Häfen für beide Seiten unverzichtbar "
         "seien.", "berg", "die Häfen für beide Seiten unverzichtbar seien."),
        ("Ayer dijo Anna Berg que las tasas portuarias seguirán hasta junio.", "berg",
         "las tasas portuarias seguirán hasta junio."),
        # a pronoun in "according to", in several languages
        ("Anna Berg chairs the port council. According to her, the fees will double by June.",
         "berg", "the fees will double by June."),
        ("Anna Berg leitet den Hafenrat. Ihr zufolge werden sich die Gebühren bis Juni "
         "verdoppeln.", "berg", "werden sich die Gebühren bis Juni verdoppeln."),
        ("Анна Берг возглавляет совет порта. По её словам, сборы вырастут вдвое к июню.", "berg",
         "сборы вырастут вдвое к июню."),
        # Hindi: words between ने and कहा, the pronoun that says, and "believes"
        ("राहुल शर्मा ने सोमवार को कहा कि बंदरगाह शुल्क जून तक दोगुना होगा।", "sharma",
         "बंदरगाह शुल्क जून तक दोगुना होगा।"),
        ("राहुल शर्मा ने बंदरगाह परिषद की बैठक ली। उन्होंने कहा कि शुल्क जून तक दोगुना होगा।",
         "sharma", "शुल्क जून तक दोगुना होगा।"),
        ("अर्थशास्त्री राहुल शर्मा का मानना है कि शुल्क जून तक दोगुना होगा।", "sharma",
         "शुल्क जून तक दोगुना होगा।"),
        # Dutch, Polish and Russian "according to" and verbs
        ("Volgens Anna Berg, econoom in Oslo, stijgen de havengelden in juni.", "berg",
         "stijgen de havengelden in juni."),
        ("Anna Berg uważa, że opłaty portowe wzrosną w czerwcu.", "berg",
         "opłaty portowe wzrosną w czerwcu."),
        ("По мнению Анны Берг, сборы вырастут вдвое к июню.", "berg",
         "сборы вырастут вдвое к июню."),
    ],
)  # fmt: skip
def test_verb_second_pronoun_according_to_and_more_languages(
    matcher: Matcher, text: str, expert: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


def test_a_comma_before_the_verb_leaves_the_name_to_the_reported_clause(matcher: Matcher) -> None:
    text = "In a statement, Li Wen said Anna Berg, the economist, was wrong about the fees."
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)


@pytest.mark.parametrize(
    "text",
    [
        # the appositive's title in quote marks does not reach past its sentence
        "Anna Berg, an economist in Oslo, published the figures. “These numbers are alarming,” "
        "said Hildegard Voss, who heads the port council.",
        # según and an article name someone else
        "El embajador se reunió con Anna Berg en Oslo. Según el diplomático, el encuentro fue "
        "cordial y se habló de tasas.",
        # the person met by the sentence's subject: the next sentence's pronoun may be theirs
        "Le ministre du Commerce a rencontré Anna Berg à Oslo mardi. Il a affirmé que les "
        "ports restaient ouverts aux investissements.",
    ],
)
def test_someone_elses_words_near_the_name_stay_theirs(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # "according to" and the noun that described her, in the noun's other case too
        ("La sinologa americana Anna Berg ha seguito il vertice di San Francisco. Secondo la "
         "sinologa, il dialogo tra i porti è ripreso.", "quoted",
         "il dialogo tra i porti è ripreso."),
        ("Эксперт Анна Берг выступила на форуме. По мнению эксперта, сборы в портах вырастут.",
         "quoted", "сборы в портах вырастут."),
        # a clause of circumstance before the describing noun or the pronoun
        ("La chercheuse Anna Berg a passé dix ans à Oslo.\n\nInterrogée sur les visas, la "
         "chercheuse a déclaré que les ports perdaient des talents.", "quoted",
         "les ports perdaient des talents."),
        ("Anna Berg spoke at the forum. On Monday, she said the talks would resume in June.",
         "quoted", "the talks would resume in June."),
        # a lead-in naming someone else, or "according to" another noun
        ("Anna Berg spoke at the forum. After Mark Ellis left, he said the talks would resume.",
         "mentioned", None),
        ("El embajador se reunió con Anna Berg. Según el diplomático, las tasas bajarán.",
         "mentioned", None),
    ],
)  # fmt: skip
def test_according_to_the_describing_noun_and_a_lead_in_clause(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (kind, quote)


@pytest.mark.parametrize(
    ("text", "expert", "quote"),
    [
        # who was told, and asides before a colon, are not what was said
        ("Port scholar Anna Berg told us the truce was more about tone than substance.", "berg",
         "the truce was more about tone than substance."),
        ("Anna Berg told reporters the fees would double.", "berg", "the fees would double."),
        ("Anna Berg of the port council put it bluntly: fees are a tax on shippers, not on "
         "Oslo.", "berg", "fees are a tax on shippers, not on Oslo."),
        # the surname of an alias in another alphabet follows the person up
        ('दिल्ली स्थित विशेषज्ञ राहुल शर्मा इसे अवसर मानते हैं।\n\n"भारत को चिप डिज़ाइन में दांव '
         'लगाना चाहिए," शर्मा ने कहा।', "sharma", "भारत को चिप डिज़ाइन में दांव लगाना चाहिए"),
    ],
)  # fmt: skip
def test_the_listener_and_asides_are_dropped_and_another_alphabets_surname_follows_up(
    matcher: Matcher, text: str, expert: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # "that" after the listener: the clause keeps its subject
        ("Anna Berg, a political scientist, told Reuters that Seoul was unlikely to join the "
         "patrols.", "quoted", "Seoul was unlikely to join the patrols."),
        # silence is not speech; "nothing had changed" is
        ("Anna Berg, who was in Oslo last week, has said nothing publicly about the meetings.",
         "mentioned", None),
        ("Anna Berg said nothing had changed since June.", "quoted",
         "nothing had changed since June."),
        # the research another speaker cites
        ("“The data show fees are paid by shippers,” said Senator John Hale, citing research by "
         "Anna Berg.", "mentioned", None),
    ],
)  # fmt: skip
def test_the_listeners_that_silence_and_cited_research(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (kind, quote)


@pytest.mark.parametrize(
    ("text", "expert", "quote"),
    [
        # a meeting noun is no meeting (incontri, rencontre, встреча)
        ("Anna Berg, economista di Oslo, è a Roma per una serie di incontri. «I dazi sono una "
         "tassa sui consumatori», ha aggiunto l'economista.", "berg",
         "I dazi sono una tassa sui consumatori"),
        # the rest of a longer proper name is no one
        ("Anna Berg, an analyst at the Lee Kuan Yew School, has tracked the talks. The analyst "
         "added: “Both sides need a win before the summit.”", "berg",
         "Both sides need a win before the summit."),
        # "von der …" between the name and the verb; と警告した
        ("Anna Berg von der Universität Kiel sagte, die Gebühren würden steigen.", "berg",
         "die Gebühren würden steigen."),
        ("森川春樹教授は取材に対し「偶発的な衝突のリスクが高まっている」と警告した。", "morikawa",
         "偶発的な衝突のリスクが高まっている"),
    ],
)  # fmt: skip
def test_meeting_nouns_longer_proper_names_von_der_and_warned(
    matcher: Matcher, text: str, expert: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # the watched name in brackets after its local spelling speaks with it
        ("德国经济学家安娜·贝格（Anna Berg）日前表示：“这场关税战没有真正的赢家。”",
         "这场关税战没有真正的赢家。"),
        ("Экономист Анна Бергова (Anna Berg) отметила, что сборы вырастут вдвое.",
         "сборы вырастут вдвое."),
        ("«Сборы вырастут вдвое к июню», — заявила в интервью экономист Анна Бергова (Anna "
         "Berg).", "Сборы вырастут вдвое к июню"),
    ],
)  # fmt: skip
def test_a_name_in_brackets_after_its_local_spelling_speaks(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # 이같이 points back to the quotation before the name's sentence
        ('"항만 요금은 두 배가 될 것이다." 장밍 교수는 8일 토론회에서 이같이 강조했다.', "quoted",
         "항만 요금은 두 배가 될 것이다."),
        # a single-quoted quotation joined to its particle
        ("장밍 교수는 15일 세미나에서 '항만 갈등은 최소 10년 이상 지속될 것'이라며 대비를 "
         "주문했다.", "quoted", "항만 갈등은 최소 10년 이상 지속될 것"),
        # a quotation another subject's sentence ended with is not the next sentence's name's
        ('환구시보는 사설에서 장밍 교수의 주장을 "냉전적 사고"라고 비판했다. 장 교수는 입장을 '
         "내지 않았다.", "mentioned", None),
    ],
)  # fmt: skip
def test_korean_thus_single_marks_and_a_sentence_end_before_the_name(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "zhang") == (kind, quote)


@pytest.mark.parametrize(
    "text",
    [
        "张明远表示，两国应当加强沟通。",
        "清华大学教授张明远指出：“合作是唯一出路。”",
        "张明远教授出席了论坛。",
        "记者采访了张明远，他说：“合作是唯一出路。”",
    ],
)
def test_a_two_character_han_name_inside_a_longer_one_is_someone_else(
    matcher: Matcher, text: str
) -> None:
    assert hit_of(matcher, text, "zhang") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("张明也表示，两国应当加强沟通。", "quoted"),
        ("张明和李华出席了论坛。", "mentioned"),
        ("张明出席了论坛。", "mentioned"),
        ("张明今日表示，两国应当加强沟通。", "quoted"),
    ],
)
def test_a_two_character_han_name_before_a_word_of_its_own_is_theirs(
    matcher: Matcher, text: str, kind: str
) -> None:
    assert kind_and_quote(matcher, text)[0] == kind


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # a verb of speaking with only asides after it tells that she spoke, not what she said
        ("Anna Berg testified before the committee.", "mentioned", None),
        ("Anna Berg testified before the port committee on Tuesday.", "mentioned", None),
        ("Anna Berg commented on the draft in Oslo.", "mentioned", None),
        # what she said, when the sentence or the next one gives it
        ("Anna Berg testified that the ports would reopen by June.", "quoted",
         "the ports would reopen by June."),
        ("Anna Berg testified before the committee. “The ports will reopen,” she said.",
         "quoted", "The ports will reopen"),
        ("Anna Berg testified before the committee: “The ports will reopen by June.”",
         "quoted", "The ports will reopen by June."),
        # a verb that stands for what was said keeps its sentence
        ("Anna Berg warned of the risks.", "quoted", "Anna Berg warned of the risks."),
    ],
)  # fmt: skip
def test_an_act_of_speaking_without_what_was_said_is_a_mention(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (kind, quote)


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # "according to" after the name and a long title, in brackets or not
        ("(장밍 한국대학교 국제관계학과 교수)에 따르면 항만 협상은 다음 달 재개될 예정이다.",
         "quoted", "항만 협상은 다음 달 재개될 예정이다."),
        ("장밍 한국대학교 국제관계학과 교수에 따르면 항만 협상은 다음 달 재개될 예정이다.",
         "quoted", "항만 협상은 다음 달 재개될 예정이다."),
        # … not a report of both, nor a document of his
        ("장밍 교수와 박영수 의원에 따르면 항만 협상은 다음 달 재개될 예정이다.", "mentioned",
         None),
        ("장밍 교수의 최근 보고서에 따르면 항만 협상은 다음 달 재개될 예정이다.", "mentioned",
         None),
        # 그는 opening the next sentence, its speech verb ending it, is the named subject's
        ("장밍 교수가 세미나에서 발표했다. 그는 관세 전쟁에는 승자가 없다고 밝혔다.", "quoted",
         "관세 전쟁에는 승자가 없다"),
        ("장밍 교수는 세미나에 참석했다. 그는 양국이 대화를 이어가야 한다고 말했다.", "quoted",
         "양국이 대화를 이어가야 한다"),
        # … not when he was the object, or another subject comes between
        ("박영수 장관은 장밍 교수를 만났다. 그는 양국이 대화를 이어가야 한다고 말했다.",
         "mentioned", None),
        ("장밍 교수가 발표했다. 이어 박영수 의원은 반론을 폈다. 그는 양국이 대화를 이어가야 "
         "한다고 말했다.", "mentioned", None),
        # the topic opening the sentence reports what the name did
        ("박 총재는 장밍 위원이 0.25%포인트 인하 소수의견을 냈다고 밝혔다.", "mentioned", None),
        ("박 총재는 장밍 의장의 발언에 대한 질문에는 \"평가하지 않겠다\"고 답했다.",
         "mentioned", None),
        ("장밍 위원은 0.25%포인트 인하 소수의견을 냈다고 밝혔다.", "quoted",
         "0.25%포인트 인하 소수의견을 냈다"),
    ],
)  # fmt: skip
def test_korean_according_to_after_a_long_title_and_a_pronoun_reporting(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text) == (kind, quote)


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # a noun of the same role as the one that described her names her again
        ("Anna Berg, a professor at Oslo University, spoke on Monday. The scholar said the "
         "ports would reopen soon.", "quoted", "the ports would reopen soon."),
        ("Anna Berg is a professor at Oslo. “The ports will reopen,” the academic added.",
         "quoted", "The ports will reopen"),
        ("Port scholar Anna Berg spoke first. “Tariffs hurt both sides,” said the professor.",
         "quoted", "Tariffs hurt both sides"),
        ("La congresista Anna Berg pidió transparentar los contratos. \"Nadie está contra "
         "China\", señaló la legisladora.", "quoted", "Nadie está contra China"),
        ("Senator Anna Berg spoke first. “Tariffs hurt both sides,” the lawmaker said.",
         "quoted", "Tariffs hurt both sides"),
        ("Oberst Anna Berg war früher Attaché in Peking. „Dort entscheiden junge Kommandeure in "
         "Sekunden“, sagt die frühere Offizierin.", "quoted",
         "Dort entscheiden junge Kommandeure in Sekunden"),
        # another role is someone else; a role word before another noun is no person
        ("Anna Berg, a professor at Oslo University, spoke on Monday. The minister said the "
         "ports would reopen soon.", "mentioned", None),
        ("Anna Berg, a diplomat in Oslo, spoke on Monday. The scholar said the ports would "
         "reopen soon.", "mentioned", None),
        ("Anna Berg, a professor at Oslo University, spoke on Monday. The academic study said "
         "the ports would reopen soon.", "mentioned", None),
    ],
)  # fmt: skip
def test_a_noun_of_the_same_role_names_the_person_again(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (kind, quote)


@pytest.mark.parametrize(
    ("text", "expert", "kind"),
    [
        # where or to whom she spoke between the name and the colon: the quotation is hers
        ("The talks stalled. Anna Berg, speaking to CGTN in Oslo: “The ports will reopen "
         "within a month.”", "berg", "quoted"),
        ("On Monday, Anna Berg, in an interview with Reuters: “The ports will reopen within "
         "a month.”", "berg", "quoted"),
        ("The economist Anna Berg, talking to Nordic Radio: “The ports will reopen within a "
         "month.”", "berg", "quoted"),
        # the one spoken to is no speaker
        ("Li Hua, speaking to Anna Berg: “The ports will reopen within a month.”", "berg",
         "mentioned"),
        ("Li Hua, in an interview with Anna Berg: “The ports will reopen within a month.”",
         "berg", "mentioned"),
        ("Anna Berg, speaking to Li Hua: “The ports will reopen within a month.”", "li",
         "mentioned"),
    ],
)  # fmt: skip
def test_a_colon_quotation_after_where_the_name_spoke(
    matcher: Matcher, text: str, expert: str, kind: str
) -> None:
    hit = kind_and_quote(matcher, text, expert)
    quoted = ("quoted", "The ports will reopen within a month.")
    assert hit == (quoted if kind == "quoted" else ("mentioned", None))


@pytest.mark.parametrize(
    ("text", "kind", "quote"),
    [
        # the inverted verb and pronoun inside the quotation point back to the name
        ("Des propos tenus par Anna Berg ont surpris à Oslo. « Les ports rouvriront bientôt, "
         "a-t-elle dit. Rien n'est encore signé. »", "quoted", "Les ports rouvriront bientôt"),
        ("Voici les propos tenus par Anna Berg lundi. « Les ports rouvriront bientôt, "
         "explique-t-elle, mais pas avant juin. »", "quoted", "Les ports rouvriront bientôt"),
        # … not when another person is named in between
        ("Des propos tenus par Anna Berg ont surpris Paul Martin. « C'est absurde et "
         "dangereux, a-t-il dit. Rien n'est signé. »", "mentioned", None),
    ],
)  # fmt: skip
def test_a_french_incise_inside_the_quotation_points_back_to_the_name(
    matcher: Matcher, text: str, kind: str, quote: str | None
) -> None:
    assert kind_and_quote(matcher, text, "berg") == (kind, quote)


def test_a_french_incise_of_the_other_gender_is_not_hers() -> None:
    watched = ExpertSettings(id="berg", name="Anna Berg", pronoun="she")
    matcher = Matcher.compile([WatchlistSettings(name="w", experts=[watched])])
    text = "Des propos tenus par Anna Berg ont surpris. « C'est absurde, a-t-il dit. Voilà. »"
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "quoted", "mentioned"),
    [
        # the other watched person is the object: the pronoun is the subject's
        ("Anna Berg met Li Hua in Oslo on Monday.\n\n“The ports will reopen within a month,” "
         "she said.", "berg", "li"),
        ("Zhang Ming thanked Li Hua for the invitation. He said the ports would reopen soon.",
         "zhang", "li"),
        ("Zhang Ming told Professor Li Hua about the delay. “The ports will reopen,” he added.",
         "zhang", "li"),
        # both are subjects: the pronoun is nobody's
        ("Anna Berg and Zhang Ming spoke in Oslo. He said the ports would reopen soon.", None,
         "berg"),
        ("Anna Berg and Zhang Ming spoke in Oslo. He said the ports would reopen soon.", None,
         "zhang"),
        ("Li Hua said Zhang Ming had left early. “The ports will reopen,” he added.", None,
         "zhang"),
    ],
)  # fmt: skip
def test_a_pronoun_after_two_watched_people_is_the_subjects_or_nobodys(
    matcher: Matcher, text: str, quoted: str | None, mentioned: str
) -> None:
    if quoted is not None:
        assert kind_and_quote(matcher, text, quoted)[0] == "quoted"
    assert kind_and_quote(matcher, text, mentioned) == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Polish declines a feminine first name in -a: genitive, accusative, locative
        ("Według Anny Berg cła wzrosną w przyszłym roku.", "quoted"),
        ("Premier zaprosił Annę Berg na rozmowy w środę.", "mentioned"),
        ("O Annie Berg mówi się w Oslo dużo, także w ministerstwie.", "mentioned"),
    ],
)
def test_a_polish_declined_first_name_names_the_person(
    matcher: Matcher, text: str, kind: str
) -> None:
    assert kind_and_quote(matcher, text, "berg")[0] == kind


@pytest.mark.parametrize(
    "text",
    [
        # the same spellings are other people's names in other languages
        "Annie Berg said the ports would reopen within a month.",
        "Anne Berg a déclaré que les ports rouvriraient bientôt.",
        "Anny Berg sagte, die Häfen würden bald wieder öffnen.",
        "Annie Berg, a nurse from Ohio, wrote to the paper. Żadnych zmian, said the sign.",
    ],
)
def test_a_declined_spelling_outside_polish_text_is_someone_else(
    matcher: Matcher, text: str
) -> None:
    assert hit_of(matcher, text, "berg") is None


def test_polish_case_forms_of_a_first_name_in_a() -> None:
    assert name_forms("Anna Berg").declined == (
        ("anny", "berg"), ("anne", "berg"), ("annie", "berg"),
    )  # fmt: skip
    assert name_forms("Olga Berg").declined == (("olgi", "berg"), ("olge", "berg"))
    assert name_forms("Hua Li").declined == name_forms("Jia Qingguo").declined == ()


def test_polish_and_german_case_forms_of_a_mans_name() -> None:
    trump = name_forms("Donald Trump")
    assert trump.declined == (
        ("donalda", "trumpa"), ("donaldowi", "trumpowi"), ("donaldem", "trumpem"),
    )  # fmt: skip
    assert trump.genitive == (("donald", "trumps"),)
    assert trump.object_cases == {"trumpowi", "trumpem", "trumps"}  # said to, met with, owned by
    assert trump.oblique_cases == {"trumpa", "trumpowi", "trumpem", "trumps"}
    # a first name in a vowel does not decline; an East Asian family name before the given
    # name does not either; a surname in a vowel or in -s does not take -s
    assert ("joe", "bidena") in name_forms("Joe Biden").declined
    assert name_forms("Xi Jinping").declined[0] == ("xi", "jinpinga")
    assert ("xi", "jinpingiem") in name_forms("Xi Jinping").declined  # after g: -iem
    assert name_forms("Marco Rubio").declined == () and name_forms("Hans Weiss").genitive == ()


WATCHING_TRUMP = Matcher.compile(
    [WatchlistSettings(name="w", experts=[ExpertSettings(id="trump", name="Donald Trump")])]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the German genitive: a mention, and the owner of what speaks is no speaker
        ("Ein Wähler Donald Trumps erzählt, die Zölle hätten ihn überrascht.", ("mentioned", None)),
        (
            "Donald Trumps Sprecherin sagte: „Wir werden die Zölle nicht senken, das ist völlig "
            "klar.“",
            ("mentioned", None),
        ),
        # Polish: genitive and accusative, a speaker by "według"; dative and instrumental not
        (
            "Krok prezydenta Donalda Trumpa uderzył też w małe firmy z Chin.",
            ("mentioned", None),
        ),
        (
            "Według Donalda Trumpa „cła są najpiękniejszym słowem w całym słowniku”.",
            ("quoted", "cła są najpiękniejszym słowem w całym słowniku"),
        ),
        (
            "„Nie zgodzimy się na żadne ustępstwa w sprawie ceł” – powiedział Donaldowi Trumpowi "
            "premier.",
            ("mentioned", None),
        ),
    ],
)
def test_a_mans_name_in_polish_and_german_cases(text: str, expected: tuple) -> None:
    assert kind_and_quote(WATCHING_TRUMP, text, "trump") == expected


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # Polish speech verbs beyond "powiedział": past tense before "że", present after a dash
        (
            "Sekretarz stanu Anna Berg zapewniła we wtorek, że drzwi do porozumienia pozostają "
            "otwarte.",
            "drzwi do porozumienia pozostają otwarte.",
        ),
        (
            "„Mam jeszcze dwa lata badań. Nie wiem, czy pozwolą mi je dokończyć” – mówi Anna Berg.",
            "Mam jeszcze dwa lata badań. Nie wiem, czy pozwolą mi je dokończyć",
        ),
    ],
)
def test_polish_speech_verbs(matcher: Matcher, text: str, quote: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # speech verbs wire copy uses daily, in each language read
        ("Anna Berg confided that the talks had nearly collapsed twice.",
         "the talks had nearly collapsed twice."),
        ("Anna Berg bekräftigte, die Gespräche würden im Juni fortgesetzt.",
         "die Gespräche würden im Juni fortgesetzt."),
        ("Anna Berg a fait savoir que les discussions reprendraient en juin.",
         "les discussions reprendraient en juin."),
        ("Anna Berg ha fatto sapere che i colloqui riprenderanno a giugno.",
         "i colloqui riprenderanno a giugno."),
        ("Anna Berg aclaró que las conversaciones se reanudarán en junio.",
         "las conversaciones se reanudarán en junio."),
        ("Anna Berg sublinhou que as conversas serão retomadas em junho.",
         "as conversas serão retomadas em junho."),
        ("Anna Berg oznajmiła, że rozmowy zostaną wznowione w czerwcu.",
         "rozmowy zostaną wznowione w czerwcu."),
        ("Anna Berg berichtete nach Angaben der Marine, die Schiffe hätten die Fregatte "
         "begleitet.", "die Schiffe hätten die Fregatte begleitet."),
        ("Anna Berg berichtet per Videocall, die ersten Maschinen seien im Mai eingetroffen.",
         "die ersten Maschinen seien im Mai eingetroffen."),
        ("Анна Берг заверила, что переговоры возобновятся в июне.",
         "переговоры возобновятся в июне."),
        ("Anna Berg menandaskan bahwa perundingan akan dilanjutkan pada Juni.",
         "perundingan akan dilanjutkan pada Juni."),
        ('"Perundingan akan dilanjutkan pada Juni," imbuhnya. Anna Berg tiba kemarin.', None),
        ("「交渉は6月に再開する」とアンナ・ベルク氏は記者団に述べた。", "交渉は6月に再開する"),
        ("张明坦言，谈判曾两度濒临破裂。", "谈判曾两度濒临破裂。"),
        ('장밍 교수는 "협상은 6월에 재개된다"고 꼬집었다.', "협상은 6월에 재개된다"),
    ],
)  # fmt: skip
def test_speech_verbs_of_each_language(text: str, quote: str | None) -> None:
    people = [
        ExpertSettings(id="x", name="Anna Berg", aliases=["Анна Берг", "アンナ・ベルク"]),
        ExpertSettings(id="z", name="Zhang Ming", aliases=["张明", "장밍"]),
    ]
    watched = Matcher.compile([WatchlistSettings(name="w", experts=people)])
    hit = next(
        hit for hit in watched.match(ArticleText(title="", text=text)) if hit.kind == "expert"
    )
    if quote is None:  # a verb only after a quotation: the name after it did not say it
        assert hit.mention == "mentioned"
    else:
        assert (hit.mention, hit.quote) == ("quoted", quote)


def test_a_genitive_in_a_headline_over_a_german_body() -> None:
    """The headline is too short to tell its language: the body's opening tells it, and the
    genitive there is the watched man, not another Xi the surname alone may then mean."""
    xi = Matcher.compile(
        [WatchlistSettings(name="w", experts=[ExpertSettings(id="xi", name="Xi Jinping")])]
    )
    title = "Xi Jinpings Besuch im Schatten des Chipstreits"
    text = (
        "BERLIN – Xi Jinping hat in Berlin vor einer Spaltung der Weltwirtschaft gewarnt. Er "
        "kritisierte die Exportkontrollen für Halbleiter in Österreich.\n\n„Wer Mauern baut, "
        "sperrt sich selbst ein“, sagte Xi bei einem Forum."
    )
    hit = hit_of(xi, text, "xi", title=title)
    assert hit is not None
    assert (hit.mention, hit.quote) == ("quoted", "Wer Mauern baut, sperrt sich selbst ein")


@pytest.mark.parametrize(
    "text",
    [
        # "Trumps" and "Trumpa" outside German and Polish text are other words or people
        "The Donald Trumps of this world are rare, said the host.",
        "Donald Trumpa, a painter from Malta, opened a show in Valletta.",
    ],
)
def test_declined_spellings_outside_their_language_are_no_mention(text: str) -> None:
    assert hit_of(WATCHING_TRUMP, text, "trump") is None
