"""Quote attribution in shapes the invented sets showed missed once their other rules were in:
a Western name in Han characters or katakana followed up by its family name (马克·温斯顿 …
温斯顿), the way words came before a Chinese 说 (回忆说, 笑着说), a pronoun's occasion before its
verb (他在接受采访时说), 批评 before a comma and 以书面回复指出, an adverb before the verb in
other languages (ранее заявила, también dijo), an aside between dashes before "said", and the
act of speaking in a participle after "by" ("closed the hearing by announcing that …"). And the
false ones: who quoted someone ("quoted by journalist X as saying"), silence ("has said little
publicly"), a spokesperson for a titled name, a name inside someone else's relative clause in
French or Italian, or in the clause a pronoun reports ("…, sagte sie, ihre Kollegin X habe …").
Each article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from alerts.hits import ArticleText
from alerts.matcher import Matcher
from tests.quoting import kind_and_quote, watching

EXPERTS = [
    ExpertSettings(id="winston", name="Mark Winston", aliases=["马克·温斯顿"]),
    ExpertSettings(id="brown", name="David Brown", aliases=["大卫·布朗"]),
    ExpertSettings(id="thompson", name="Michael Thompson", aliases=["マイケル・トンプソン"]),
    ExpertSettings(id="huang", name="Huang Zihan", aliases=["黄子涵"]),
    ExpertSettings(id="pryce", name="Owen Pryce"),
    ExpertSettings(id="haines", name="Victor Haines"),
    ExpertSettings(id="berg", name="Anna Berg"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return watching(EXPERTS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the family name alone, before any word, then a pronoun's quotation
        (
            "合资公司副董事长马克·温斯顿每年有一半时间住在苏州。\n\n温斯顿对前景并不乐观。"
            "“客户还在，订单还在。”他说。",
            ("quoted", "客户还在，订单还在。"),
        ),
        (
            "合资公司副董事长马克·温斯顿到访苏州。温斯顿表示：“我们没有理由离开。”",
            ("quoted", "我们没有理由离开。"),
        ),
        # traditional characters and the dot Taiwan sets
        (
            "副董事長馬克‧溫斯頓到訪。溫斯頓表示：「我們沒有理由離開。」",
            ("quoted", "我們沒有理由離開。"),
        ),
        # someone else's full name with the same transliteration speaks, not him
        (
            "马克·温斯顿到访苏州。约翰·温斯顿表示：“我们不会离开。”",
            ("mentioned", None),
        ),
        (
            "马克·温斯顿到访苏州。温斯顿·丘吉尔曾说：“永不放弃。”",
            ("mentioned", None),
        ),
    ],
)
def test_a_dotted_name_is_followed_up_by_its_family_name(
    matcher: Matcher, text: str, expected: tuple[str, str | None]
) -> None:
    assert kind_and_quote(matcher, text, "winston") == expected


def test_a_short_transliterated_family_name_needs_a_verb_or_title_after_it(
    matcher: Matcher,
) -> None:
    """布朗 is in 布朗大学 (Brown University): only 布朗表示 is him."""
    university = "大卫·布朗到访上海。布朗大学校长表示：“欢迎各位。”"
    assert kind_and_quote(matcher, university, "brown") == ("mentioned", None)
    himself = "大卫·布朗到访上海。布朗表示：“欢迎各位。”"
    assert kind_and_quote(matcher, himself, "brown") == ("quoted", "欢迎各位。")


def test_a_katakana_name_is_followed_up_by_its_family_name(matcher: Matcher) -> None:
    text = (
        "米国のマイケル・トンプソン国防長官が来日した。"
        "トンプソン氏は「同盟国はもっと負担すべきだ」と述べた。"
    )
    assert kind_and_quote(matcher, text, "thompson") == ("quoted", "同盟国はもっと負担すべきだ")


@pytest.mark.parametrize("verb", ["回忆说", "回忆道", "感叹道", "笑着说", "总结说"])
def test_how_the_words_came_before_a_chinese_speech_verb(matcher: Matcher, verb: str) -> None:
    after = f"来自杭州的黄子涵原本计划赴美读博。\n\n“面签官只问了我三个问题。”黄子涵{verb}。"
    assert kind_and_quote(matcher, after, "huang") == ("quoted", "面签官只问了我三个问题。")
    before = f"黄子涵{verb}：“面签官只问了我三个问题。”"
    assert kind_and_quote(matcher, before, "huang") == ("quoted", "面签官只问了我三个问题。")


def test_a_chinese_pronoun_with_its_occasion_before_the_verb(matcher: Matcher) -> None:
    text = "马克·温斯顿担任副董事长。“我在中国工作了二十年。”他在接受电话采访时说，“但客户还在。”"
    assert kind_and_quote(matcher, text, "winston") == ("quoted", "我在中国工作了二十年。")
    other = "马克·温斯顿担任副董事长。“我在中国工作了二十年。”他的同事在接受采访时说。"
    assert kind_and_quote(matcher, other, "winston") == ("mentioned", None)


@pytest.mark.parametrize(
    "text",
    [
        "Councillor Owen Pryce — no relation — said the council had applied for funding.",
        "Owen Pryce – a former builder – who represents the ward, said the council had "
        "applied for funding.",
    ],
)
def test_an_aside_between_dashes_before_the_verb(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text, "pryce") == (
        "quoted",
        "the council had applied for funding.",
    )


def test_a_name_inside_someone_elses_dashed_aside_does_not_speak(matcher: Matcher) -> None:
    inside = "Li Hua — a rival of Anna Berg — said the bank erred."
    assert kind_and_quote(matcher, inside, "berg") == ("mentioned", None)
    met = "Li Hua met Anna Berg — a rare encounter — and said the bank erred."
    assert kind_and_quote(matcher, met, "berg") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Committee chairman Victor Haines closed the hearing by announcing that he would "
            "introduce legislation.",
            "he would introduce legislation.",
        ),
        (
            "Victor Haines ended the meeting by saying that the bill would pass.",
            "the bill would pass.",
        ),
        ("Victor Haines responded by saying the bill would pass.", "the bill would pass."),
    ],
)
def test_speech_in_a_participle_after_by(matcher: Matcher, text: str, quote: str) -> None:
    assert kind_and_quote(matcher, text, "haines") == ("quoted", quote)


def test_an_announcement_of_a_thing_is_no_speech(matcher: Matcher) -> None:
    text = "Victor Haines closed the hearing by announcing a vote for Tuesday."
    assert kind_and_quote(matcher, text, "haines") == ("mentioned", None)


@pytest.mark.parametrize(
    "text",
    [
        # who quoted someone did not say it
        "Retired admiral Kong Deshan was quoted by Hong Kong journalist Anna Berg as saying "
        "that such patrols had become routine.",
        # silence
        "Anna Berg has said little publicly about the drills.",
        # her spokesperson speaks, whatever the who-clause on the way
        "A spokesperson for Senator Anna Berg said the bill would stay on the table.",
        "A spokesperson for Senator Anna Berg, who has sponsored the bill, said it would stay "
        "on the table.",
        # past an agency's name and a title, before or after the quotation
        "Tom Reed, a spokesman for Drug Enforcement Administration chief Anna Berg, said: "
        "“Results, not announcements, will decide.”",
        "“Results will decide,” said Tom Reed, a spokesman for DEA chief Anna Berg.",
        # spoken on behalf of a titled name
        "A government spokesman, speaking on behalf of Chief Secretary Anna Berg, who is on a "
        "visit to Beijing, said the administration would issue a rebuttal.",
        # in the speaker's participle clause after the verb
        '"Trade wars have no winners at all," said Reed, recalling the consensus reached by '
        "Anna Berg and Tom Hale.",
        '"Le guerre commerciali non hanno vincitori", ha aggiunto Reed, ricordando il "consenso" '
        "raggiunto dai presidenti Anna Berg e Tom Hale.",
    ],
)
def test_who_quoted_kept_silent_or_was_spoken_for(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Anna Berg said little progress had been made.", "little progress had been made."),
        (
            "The task fell to Anna Berg, who said the bill would stay on the table.",
            "the bill would stay on the table.",
        ),
        (
            "Minister of Commerce Anna Berg told reporters that the talks had been useful.",
            "the talks had been useful.",
        ),
    ],
)
def test_what_is_still_hers(matcher: Matcher, text: str, quote: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


@pytest.mark.parametrize(
    "text",
    [
        # a relative clause about her in another language, closed before the verb
        "Le négociateur en chef, Liu Guoqiang, qui a succédé l'an dernier à la vétérane Anna "
        "Berg, a estimé mardi que les pays riches devaient payer.",
        "Il negoziatore Li Hua, che ha sostituito Anna Berg, ha detto che i Paesi ricchi devono "
        "pagare.",
        # a pronoun after the verb said it; her name is in the clause it reports
        "Sie müsse um acht Uhr auf der Station sein, sagte sie, ihre Kollegin Anna Berg habe "
        "schon zweimal angerufen.",
    ],
)
def test_a_name_in_someone_elses_clause_in_other_languages(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "La négociatrice Anna Berg, qui a succédé l'an dernier à Liu, a estimé mardi que les "
            "pays riches devaient payer.",
            "les pays riches devaient payer.",
        ),
        (
            "Ihre Kollegin, die Ökonomin Anna Berg, sagte, die Lage sei ernst.",
            "die Lage sei ernst.",
        ),
        ("„Wir warten“, sagte Anna Berg, die Krankenpflegerin.", "Wir warten"),
    ],
)
def test_her_own_relative_clause_and_appositive_in_other_languages(
    matcher: Matcher, text: str, quote: str
) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Помощник министра Анна Берг ранее заявила, что Вашингтон будет наказывать банки.",
            "Вашингтон будет наказывать банки.",
        ),
        ("La ministra Anna Berg también dijo que los bancos pagarán.", "los bancos pagarán."),
    ],
)
def test_an_adverb_between_the_name_and_its_verb_in_other_languages(
    matcher: Matcher, text: str, quote: str
) -> None:
    berg = watching([ExpertSettings(id="berg", name="Anna Berg", aliases=["Анна Берг"])])
    assert kind_and_quote(berg, text, "berg") == ("quoted", quote)


def test_criticism_and_a_written_reply_in_chinese(matcher: Matcher) -> None:
    criticised = "立委黄子涵质询时批评，政府至今未说明细节，“人民有权知道政府答应了什么”。"
    assert kind_and_quote(matcher, criticised, "huang") == ("quoted", "人民有权知道政府答应了什么")
    not_speech = "黄子涵批评了政府的做法。"
    assert kind_and_quote(matcher, not_speech, "huang") == ("mentioned", None)
    written = "发言人马克·温斯顿则以书面回复指出，双方“在多项议题上已取得良好进展”。"
    assert kind_and_quote(matcher, written, "winston") == ("quoted", "在多项议题上已取得良好进展")


@pytest.mark.parametrize(
    ("expert", "text", "quote"),
    [
        # Hindi: ने, a long phrase of time and place, then कहा
        (
            ExpertSettings(id="x", name="Rajesh Verma", aliases=["राजेश वर्मा"]),
            'मंत्री राजेश वर्मा ने गुरुवार को दिल्ली में निर्यातकों के एक सम्मेलन में कहा, "यह एक ऐतिहासिक अवसर है।"',
            "यह एक ऐतिहासिक अवसर है।",
        ),
        # Portuguese diz, after the quotation
        (
            ExpertSettings(id="x", name="Antônio Carvalho"),
            '"Sobra mais espaço para nós", diz o produtor Antônio Carvalho, que cultiva soja.',
            "Sobra mais espaço para nós",
        ),
        # Indonesian katanya: "she said"
        (
            ExpertSettings(id="x", name="Liem Sutanto"),
            "Liem Sutanto, pemilik pabrik tekstil, mengaku khawatir. "
            '"Kami sudah kesulitan bersaing," katanya.',
            "Kami sudah kesulitan bersaing",
        ),
        # Russian лишь ("only") between the name and its verb
        (
            ExpertSettings(id="x", name="Michael Harris", aliases=["Майкл Харрис"]),
            "Ее представитель Майкл Харрис лишь сообщил, что компании "
            '"внимательно изучают новые правила".',
            "внимательно изучают новые правила",
        ),
        # what someone used to tell people
        (
            ExpertSettings(id="x", name="Frank Delgado"),
            'As my first boss, Frank Delgado, used to tell us, "Never negotiate against yourself."',
            "Never negotiate against yourself.",
        ),
    ],
)
def test_more_ways_to_say_it(expert: ExpertSettings, text: str, quote: str) -> None:
    assert kind_and_quote(watching([expert]), text, "x") == ("quoted", quote)


def test_a_hindi_attribution_stays_in_its_sentence() -> None:
    """ने and कहा in different sentences (the danda between) are no attribution."""
    matcher = watching([ExpertSettings(id="x", name="Rajesh Verma", aliases=["राजेश वर्मा"])])
    text = 'राजेश वर्मा ने सम्मेलन का उद्घाटन किया। सुनील कुमार ने कहा, "यह एक अवसर है।"'
    assert kind_and_quote(matcher, text, "x") == ("mentioned", None)


@pytest.mark.parametrize(
    ("expert", "text"),
    [
        (
            ExpertSettings(id="x", name="Kim Ji-hoon", aliases=["김지훈"]),
            "(서울=연합뉴스) 김지훈 기자 = 박성호 장관은 13일 "
            '"우리 수출의 불확실성을 완화하는 긍정적인 신호"라고 평가했다.',
        ),
        (
            ExpertSettings(id="x", name="Li Hua", aliases=["李华"]),
            "新华社北京3月5日电（记者张明、李华）外交部发言人表示，“中方坚决反对。”",
        ),
        (
            ExpertSettings(id="x", name="Zhang Ming", aliases=["张明"]),
            "（中央社記者張明台北20日電）外交部今天表示，「我們堅決反對」。",
        ),
        (
            ExpertSettings(id="x", name="Tanaka Hiroshi", aliases=["田中浩"]),
            "【ワシントン＝田中浩】米国務省は「懸念している」と述べた。",
        ),
    ],
)
def test_a_wire_byline_in_east_asian_copy_is_the_author(expert: ExpertSettings, text: str) -> None:
    assert kind_and_quote(watching([expert]), text, "x") == ("byline", None)


def test_a_reporter_named_in_the_body_may_still_speak() -> None:
    matcher = watching([ExpertSettings(id="x", name="Zhang Ming", aliases=["张明"])])
    text = "本报记者张明表示：“我们在现场看到了变化。”"
    assert kind_and_quote(matcher, text, "x") == ("quoted", "我们在现场看到了变化。")


def test_the_addressee_before_a_list_of_speakers_does_not_speak(matcher: Matcher) -> None:
    text = (
        "In a letter to Anna Berg, the under secretary of commerce, Sen. Mark Whitaker and "
        "Sen. Diane Castillo asked the department to review the company."
    )
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)
    listed = "Anna Berg, Li and Wang said the review was overdue."
    assert kind_and_quote(matcher, listed, "berg") == ("quoted", "the review was overdue.")


def test_a_pronoun_after_another_described_speaker_is_theirs(matcher: Matcher) -> None:
    farmer = (
        "Hoffmeier once hosted a delegation on this farm, led by a manager named Anna Berg, who "
        "toured the fields. “Nice woman,” the farmer said. “I wonder if she still has a job.”"
        "\n\nFor now, the bins stay full. “You can’t eat politics,” she said."
    )
    assert kind_and_quote(matcher, farmer, "berg") == ("mentioned", None)
    own = (
        "Anna Berg, a professor at Oslo, spoke first. “It is bad,” the professor said."
        "\n\n“Very bad,” she added."
    )
    assert kind_and_quote(matcher, own, "berg") == ("quoted", "It is bad")


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg and Mark Whitaker said the review was overdue.",
        "Anna Berg, Mark Whitaker and Diane Castillo said the review was overdue.",
        "Sen. Anna Berg and Sen. Mark Whitaker wrote that the review was overdue.",
    ],
)
def test_speakers_joined_by_and_share_the_verb(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", "the review was overdue.")


@pytest.mark.parametrize(
    "text",
    [
        # the object of another verb, not a subject
        "Li Hua criticised Anna Berg and Mark Whitaker said the review was overdue.",
        # a noun phrase may be anyone
        "Anna Berg and the minister said the review was overdue.",
        # a sentence ends between
        "Anna Berg, professora em Oslo, acompanha a disputa.\n\nMark Whitaker said it was late.",
    ],
)
def test_what_and_does_not_join(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text, "berg")[0] == "mentioned"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Anna Berg said the United States was “concerned by China's provocative military "
            "activity” and urged restraint.",
            "concerned by China's provocative military activity",
        ),
        (
            "黄子涵表示，美方限制的方向不会改变，“即便关税有所下调，科技领域的限制只会越来越多”。",
            "即便关税有所下调，科技领域的限制只会越来越多",
        ),
        # a term or name in marks is no quotation: the clause stays
        (
            "Anna Berg said the drills, code-named “Azure Shield,” were a warning.",
            "the drills, code-named “Azure Shield,” were a warning.",
        ),
    ],
)
def test_own_words_in_marks_inside_a_reported_clause(
    matcher: Matcher, text: str, quote: str
) -> None:
    expert = "huang" if "黄子涵" in text else "berg"
    assert kind_and_quote(matcher, text, expert) == ("quoted", quote)


def test_one_of_a_family_is_followed_up_by_the_first_name() -> None:
    matcher = watching([ExpertSettings(id="x", name="Curtis Henning")])
    text = (
        "On the farm, Dale Henning grows soybeans.\n\n“We can't eat promises,” Henning said.\n\n"
        "His younger brother, Curtis Henning, who farms the next field, is blunter. "
        "“Washington started this fight,” Curtis said."
    )
    assert kind_and_quote(matcher, text, "x") == ("quoted", "Washington started this fight")
    # the first name inside someone else's name is not him
    other = (
        "On the farm, Dale Henning grows soybeans. His brother, Curtis Henning, farms nearby.\n\n"
        "“We will not sell,” Curtis Lee said."
    )
    assert kind_and_quote(matcher, other, "x") == ("mentioned", None)


def test_an_english_name_before_a_cantonese_one() -> None:
    """Alice Leung Wai-man is Ms Leung: her family name is the middle word, not "Man"."""
    matcher = watching([ExpertSettings(id="x", name="Alice Leung Wai-man")])
    text = (
        "Alice Leung Wai-man runs a toy company.\n\n"
        "Leung, who chairs the traders' association, spoke on Monday. "
        "“Nobody wanted to leave Dongguan,” she said."
    )
    assert kind_and_quote(matcher, text, "x") == ("quoted", "Nobody wanted to leave Dongguan")
    stranger = "Alice Leung Wai-man runs a toy company. “It is over,” the Man said."
    assert kind_and_quote(matcher, stranger, "x") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Secretary Alice Leung Wai-man told the forum the government was “fully aware of the "
            "pressure” on small traders.",
            "fully aware of the pressure",
        ),
        (
            "Lawmaker Alice Leung Wai-man, who represents the sector, said the scheme should be "
            "extended by a year.",
            "the scheme should be extended by a year.",
        ),
    ],
)
def test_a_cantonese_given_name_after_the_watched_english_one(text: str, quote: str) -> None:
    """Watched as Alice Leung, written as Hong Kong papers do, with her Cantonese name after."""
    matcher = watching([ExpertSettings(id="x", name="Alice Leung")])
    assert kind_and_quote(matcher, text, "x") == ("quoted", quote)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a particle or honorific written onto the name
        ("김민수는 “우리는 준비가 되어 있다”고 말했다.", ("quoted", "우리는 준비가 되어 있다")),
        ("김민수씨는 “우리는 준비가 되어 있다”고 말했다.", ("quoted", "우리는 준비가 되어 있다")),
        # 도 ("too") is a subject's particle as 는 is
        (
            "김민수 교수도 “우리는 준비가 되어 있다”고 말했다.",
            ("quoted", "우리는 준비가 되어 있다"),
        ),
        # a verb's 는 after its object is no other topic (배를 타는 동생 …)
        (
            "함께 배를 타는 동생 김민수(57)씨도 “바다 말고는 할 줄 아는 게 없다”고 말했다.",
            ("quoted", "바다 말고는 할 줄 아는 게 없다"),
        ),
        # another topic before the name still speaks instead
        ("정부는 김민수 씨가 “문제가 없다”고 말했다고 밝혔다.", ("mentioned", None)),
    ],
)
def test_korean_particles_on_the_name(text: str, expected: tuple[str, str | None]) -> None:
    matcher = watching([ExpertSettings(id="x", name="Kim Min-su", aliases=["김민수"])])
    assert kind_and_quote(matcher, text, "x") == expected


def test_a_longer_korean_name_is_someone_else() -> None:
    matcher = watching([ExpertSettings(id="x", name="Kim Min-su", aliases=["김민수"])])
    text = "김민수진 씨는 “우리는 준비가 되어 있다”고 말했다."
    hits = matcher.match(ArticleText(title="", text=text))
    assert not any(hit.kind == "expert" for hit in hits)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Western name in Hangul with a particle written onto its surname
        (
            "워싱턴의 연구원 에밀리 카터는 “홍콩은 여전히 중요하다”고 말했다.",
            ("quoted", "홍콩은 여전히 중요하다"),
        ),
        ("에밀리 카터가 기자들과 만났다.", ("mentioned", None)),
        # its surname alone with a particle follows the full name up
        (
            "에밀리 카터 연구원이 보고서를 냈다. 카터는 “시간이 없다”고 말했다.",
            ("quoted", "시간이 없다"),
        ),
        # 평가했다 ("assessed") is a speech verb, not a subject 평 with 했다; where it was said
        # (최근 보고서에서) is not what was said
        (
            "에밀리 카터는 최근 보고서에서 홍콩의 독립성이 약해지고 있다고 평가했다.",
            ("quoted", "홍콩의 독립성이 약해지고 있다"),
        ),
        # another subject before the verb still reports instead
        ("에밀리 카터는 회담이 연기될 것이라고 외교 소식통이 전했다.", ("mentioned", None)),
    ],
)
def test_a_western_name_in_hangul_with_particles(
    text: str, expected: tuple[str, str | None]
) -> None:
    matcher = watching([ExpertSettings(id="x", name="Emily Carter", aliases=["에밀리 카터"])])
    assert kind_and_quote(matcher, text, "x") == expected


def test_an_english_first_name_alone_is_no_follow_up() -> None:
    matcher = watching([ExpertSettings(id="x", name="Anna Berg")])
    text = (
        "Anna Berg chaired the panel on trade and tariffs with the other members of the board.\n\n"
        '"We will not back down on this," said Anna, a student who was in the audience.'
    )
    assert kind_and_quote(matcher, text, "x") == ("mentioned", None)


def test_a_surname_in_hangul_alone_needs_the_full_name_first() -> None:
    matcher = watching([ExpertSettings(id="x", name="Emily Carter", aliases=["에밀리 카터"])])
    text = "카터는 “시간이 없다”고 말했다."
    hits = matcher.match(ArticleText(title="", text=text))
    assert not any(hit.kind == "expert" for hit in hits)


def test_japanese_mo_is_a_subjects_particle() -> None:
    matcher = watching([ExpertSettings(id="x", name="Tanaka Hiroshi", aliases=["田中浩"])])
    text = "田中浩氏も「準備はできている」と述べた。"
    assert kind_and_quote(matcher, text, "x") == ("quoted", "準備はできている")


@pytest.mark.parametrize(
    "text",
    [
        "Einer seiner Doktoranden, Anna Berg, spricht offen. „Ich bin wegen der Ausbildung "
        "gekommen“, sagt die 29-Jährige.",
        "Anna Berg studies here. “I came for the training,” the 29-year-old said.",
    ],
)
def test_an_age_names_the_person_as_a_pronoun_does(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text, "berg")[0] == "quoted"


def test_an_age_names_the_nearest_person_only(matcher: Matcher) -> None:
    text = (
        "Ihre Kollegin Anna Berg betreut vier Doktoranden. Sie wollte sich nicht äußern.\n\n"
        "Einer der Doktoranden, Li Hao, spricht offen. „Ich bin wegen der Ausbildung "
        "gekommen“, sagt der 29-Jährige."
    )
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)


def test_a_german_separable_verb_of_speech(matcher: Matcher) -> None:
    text = "Ihre Sprecherin Anna Berg teilte mit, man prüfe „alle Optionen in Nordamerika“."
    assert kind_and_quote(matcher, text, "berg") == ("quoted", "alle Optionen in Nordamerika")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a reflexive verb inverted after a French quotation
        (
            "Anna Berg gère les exportations. « Les importateurs nous disent d'attendre. "
            "Attendre quoi ? » s'interroge-t-elle.",
            "Les importateurs nous disent d'attendre. Attendre quoi ?",
        ),
        # present tenses of the press after a quotation or before que
        (
            "« Nos enfants ne sont pas des chiffres », lance Anna Berg, mère de deux élèves.",
            "Nos enfants ne sont pas des chiffres",
        ),
        (
            "Anna Berg, técnica de la cooperativa, confirma que muchos socios están igual.",
            "muchos socios están igual.",
        ),
    ],
)
def test_more_present_tenses_of_speech(matcher: Matcher, text: str, quote: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


def test_a_present_tense_that_is_another_verb_too(matcher: Matcher) -> None:
    assert kind_and_quote(matcher, "Anna Berg lance un appel aux parents.", "berg") == (
        "mentioned",
        None,
    )


def test_a_titled_family_name_is_his_until_a_relative_is_introduced() -> None:
    matcher = watching([ExpertSettings(id="x", name="Wang Lei", aliases=["王磊"])])
    before = (
        "大学院生の王磊さん（26）は方針を変えた。「夢のために何年も待つことはできません」と王さんは話す。"
        "\n\n妹の王芳さん（22）も大阪に進学する予定だ。"
    )
    assert kind_and_quote(matcher, before, "x") == (
        "quoted",
        "夢のために何年も待つことはできません",
    )
    after = "妹の王芳さんが来た。兄の王磊さんも来た。「大変でした」と王さんは言う。"
    assert kind_and_quote(matcher, after, "x") == ("mentioned", None)


def test_a_kin_noun_tells_the_gender(matcher: Matcher) -> None:
    text = (
        "Chen Mei-ling runs a fish stall. “The fish are the same fish,” she said.\n\n"
        "The couple's son, Anna Berg, is a petty officer. She said she had not heard from him."
    )
    # a son is "he": "She said" is his mother's, not his
    assert kind_and_quote(matcher, text, "berg") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Critics of Commerce Secretary Anna Berg say the help came late.", ("mentioned", None)),
        (
            "The ministry said it opposes the move. Spokeswoman Anna Berg told a briefing that "
            "the tariffs broke the rules.",
            ("quoted", "the tariffs broke the rules."),
        ),
    ],
)
def test_of_before_a_title_attaches_the_name(
    matcher: Matcher, text: str, expected: tuple[str, str | None]
) -> None:
    assert kind_and_quote(matcher, text, "berg") == expected


@pytest.mark.parametrize(
    "text",
    [
        # an attribution in parentheses, or a list that is no list of names
        "Anna Berg, police said, was arrested at her home on Friday.",
        "Anna Berg and Li, officials said, have clashed for years over the budget.",
        "Anna Berg, Li told reporters, was the strongest candidate in the race.",
        "Anna Berg and two aides left early, witnesses said.",
        "Anna Berg & Partners and Lintel Capital were fined, regulators said.",
        # a dashed aside inside someone else's phrase
        "Voters who backed Anna Berg — the incumbent — said they felt betrayed.",
        # another clause or noun on the way to "by announcing"
        "Anna Berg watched as the chairman closed the session by announcing that the vote "
        "was postponed.",
        "Anna Berg's husband ended the speculation by announcing that he would not run.",
        # verbs that are other verbs after a name
        "Anna Berg teilte mit ihrer Schwester eine Wohnung in Berlin.",
        "Anna Berg gab an der Universität Hamburg Seminare zur Geldpolitik.",
        "Anna Berg lance, ce mardi, une pétition contre la réforme.",
        "Anna Berg katanya akan mundur dari jabatannya bulan depan.",
        "O escândalo envolvendo Anna Berg diz respeito a contratos sem licitação.",
        "A irmã de Anna Berg diz que a família está tranquila.",
        # an age that is someone else's
        "Anna Berg, 61, praised the rescuer. “I just did my job,” the 23-year-old said.",
        "Anna Berg hired a young engineer last year. “The job is exciting,” the 26-year-old said.",
        "Anna Berg lobte die junge Retterin. „Ich habe nur meine Arbeit gemacht“, sagt die "
        "23-Jährige.",
        # a "whose" clause whose own subject speaks
        "Anna Berg, whose spokesman said the measures were late, did not comment further.",
        "Anna Berg, whose lawyer, Dan Ruiz, argued the case was weak, did not comment.",
        "Anna Berg used to tell the truth about it, “mostly”.",
    ],
)
def test_what_the_new_rules_must_not_credit(matcher: Matcher, text: str) -> None:
    assert kind_and_quote(matcher, text, "berg")[0] == "mentioned"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # an institution's name before a title is no phrase the name is attached to
        (
            "Bank of Oslo Governor Anna Berg said inflation would fall faster than expected.",
            "inflation would fall faster than expected.",
        ),
        # a who-clause whose verb comes after an aside is hers
        (
            "The decision fell to Anna Berg, who, after weeks of talks, said the plan would go "
            "ahead.",
            "the plan would go ahead.",
        ),
        (
            "Anna Berg said little, if anything, would change for renters.",
            "little, if anything, would change for renters.",
        ),
        # a kin word inside a whose-clause tells nothing of her
        (
            "Anna Berg, whose son was arrested in May, spoke at the rally. “We want answers,” "
            "she said.",
            "We want answers",
        ),
        (
            "Anna Berg, 23, studies here. “I came for the training,” the 23-year-old said.",
            "I came for the training",
        ),
        # her own "whose" clause, with its verb, closed by a comma before hers
        (
            "Anna Berg, whose brother, the activist Tom Berg, is serving a six-year sentence, "
            "said by phone from London that the measures would not bring him home.",
            "the measures would not bring him home.",
        ),
        # the listener between the pronoun's verb and its colon; the quotation a paragraph on
        (
            "Anna Berg gave the committee a sentence worth reading aloud. She told senators:\n\n"
            "“Our margin is thinner than at any time in my career.”",
            "Our margin is thinner than at any time in my career.",
        ),
        # "said to me", then an aside between dashes, before the quotation
        (
            "Anna Berg never improvised. When we were stuck, she said to me — I remember it "
            'clearly — "You want a referee only you can appoint. Would you accept that?"',
            "You want a referee only you can appoint. Would you accept that?",
        ),
        # what she used to tell any listener
        (
            "My deputy, Anna Berg, used to tell new officers, “Every visa we deny is a story told "
            "for forty years.”",
            "Every visa we deny is a story told for forty years.",
        ),
    ],
)
def test_what_the_new_rules_must_still_credit(matcher: Matcher, text: str, quote: str) -> None:
    assert kind_and_quote(matcher, text, "berg") == ("quoted", quote)


@pytest.mark.parametrize(
    ("expert", "text"),
    [
        # 继续 + 称霸 / 说服 are no speech
        (ExpertSettings(id="x", name="Zhang Ming", aliases=["张明"]), "张明继续称霸亚洲乒坛。"),
        (ExpertSettings(id="x", name="Zhang Ming", aliases=["张明"]), "张明继续说服家人支持他。"),
        # someone else's dotted name with the family name makes it anyone's
        (
            ExpertSettings(id="x", name="Mark Johnson", aliases=["马克·约翰逊"]),
            "马克·约翰逊与鲍里斯·约翰逊同台亮相。约翰逊表示，英国需要新的领导人。",
        ),
        # 도 inside a word (제도) is no particle
        (
            ExpertSettings(id="x", name="Kim Min-su", aliases=["김민수"]),
            '김민수 교수 제도 개선 방안에 대해 정부는 "검토하겠다"고 말했다.',
        ),
        # a first name that is a month; a first name after another's full name
        (
            ExpertSettings(id="x", name="May Henning"),
            (
                "May Henning and her mother, Ruth Henning, run the inn. In May, officials said, "
                "the inn would close."
            ),
        ),
    ],
)
def test_review_shapes_in_other_scripts(expert: ExpertSettings, text: str) -> None:
    assert kind_and_quote(watching([expert]), text, "x")[0] == "mentioned"


def test_a_bracketed_aside_is_no_byline() -> None:
    matcher = watching([ExpertSettings(id="x", name="Zhang Ming", aliases=["张明"])])
    text = "（在记者会上，张明表示，公司不会裁员。）"
    assert kind_and_quote(matcher, text, "x")[0] == "quoted"


def test_a_two_syllable_korean_name_takes_no_attached_particle() -> None:
    matcher = watching([ExpertSettings(id="x", name="Cho Kuk", aliases=["조국"])])
    text = "그는 조국을 떠난 지 30년이 지났다고 말했다."
    hits = matcher.match(ArticleText(title="", text=text))
    assert not any(hit.kind == "expert" for hit in hits)
