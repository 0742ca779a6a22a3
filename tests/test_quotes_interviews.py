"""Interviews and transcripts: the interviewer a credit or an introduction names ("She spoke with
our books editor, Tom Hale", "Das Gespräch führte …", "Беседовала …") is no one who answers, and
the one interviewed may be said to be so a few sentences after being named; French transcripts
label their speakers with a stop and a dash ("ANNA BERG. – …"), Japanese questions and answers
with the name and title and a space ("北村社長　…"). Each article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

BERG = ExpertSettings(id="berg", name="Anna Berg")
HALE = ExpertSettings(id="hale", name="Tom Hale")


def test_an_interview_label_by_a_surname_that_is_an_english_word() -> None:
    tan = ExpertSettings(id="tan", name="Gregory Tan")
    text = (
        "Gregory Tan spent years as a negotiator.\n\nThe Dispatch: What is on the table?\n\n"
        "Tan: Less than people think. I would expect a purchase commitment."
    )
    assert kind_and_quote(watching([tan]), text, "tan") == ("quoted", "Less than people think.")


def test_a_partner_named_after_with_is_not_the_one_interviewed() -> None:
    text = (
        "Anna Berg's company makes magnets.\n\nBerg, 41, co-founded it with Tom Hale in 2021. "
        "She says the goal is modest, she said in an interview at the plant.\n\n"
        "Q. Is the new licensing good for you?\n\nA. Both. Our phones have been ringing."
    )
    matcher = watching([BERG, HALE])
    assert kind_and_quote(matcher, text, "hale") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "berg", "hale"),
    [
        (
            "Novelist Anna Berg left Oslo in 2021. Her new novel follows three generations of "
            "ferry workers. She spoke with our books editor, Tom Hale.\n\nQ: Why ferries?\n\n"
            "A: Because the ferry is the one place where everyone is slow. Nobody hurries.",
            ("quoted", "Because the ferry is the one place where everyone is slow."),
            ("mentioned", None),
        ),
        (
            "Die Lage bleibt heikel, sagt Anna Berg, Leiterin des Instituts. Das Gespräch führte "
            "Tom Hale.\n\nFrage: Frau Berg, ist die Atempause eine gute Nachricht?\n\n"
            "Antwort: Kurzfristig ja. Langfristig ändert sie wenig.",
            ("quoted", "Die Lage bleibt heikel"),
            ("mentioned", None),
        ),
    ],
)
def test_the_interviewer_answers_nothing(
    text: str, berg: tuple[str, str | None], hale: tuple[str, str | None]
) -> None:
    matcher = watching([BERG, HALE])
    assert kind_and_quote(matcher, text, "berg") == berg
    assert kind_and_quote(matcher, text, "hale") == hale


def test_a_french_transcript_labels_its_speakers_with_a_dash() -> None:
    text = (
        "Extraits de l'émission. Animation : Tom Hale. Avec nous, la sinologue Anna Berg.\n\n"
        "TOM HALE. – Bonjour à tous. Taïwan peut-elle compter sur Washington ?\n\n"
        "ANNA BERG. – Je ne suis pas tout à fait d'accord. Pékin doute de la volonté politique."
    )
    matcher = watching([BERG, HALE])
    assert kind_and_quote(matcher, text, "berg") == (
        "quoted",
        "Je ne suis pas tout à fait d'accord.",
    )
    assert kind_and_quote(matcher, text, "hale") == (
        "quoted",
        "Bonjour à tous.",
    )


def test_a_japanese_answer_labelled_by_name_and_title() -> None:
    kitamura = ExpertSettings(id="k", name="Kitamura Makoto", aliases=["北村誠"])
    text = (
        "東陽エレクトロンの北村誠社長は20日、記者会見を開いた。主なやりとりは次の通り。\n\n"
        "――業績への影響は。\n\n"
        "北村社長　中国向けは売上高の約4割を占めており、短期的な影響は避けられない。"
    )
    assert kind_and_quote(watching([kitamura]), text, "k") == (
        "quoted",
        "中国向けは売上高の約4割を占めており、短期的な影響は避けられない。",
    )


def test_a_transcript_line_is_its_speakers_own_words() -> None:
    father = ExpertSettings(id="f", name="Leung Ka-ho", aliases=["梁家豪"])
    son = ExpertSettings(id="s", name="Leung Tsz-long", aliases=["梁子朗"])
    text = (
        "港商梁家豪在觀塘其辦公室接受本報訪問。\n\n"
        "記者：對你的生意影響有多大？\n\n"
        "梁家豪：最直接是文件多了三倍。以前一批貨兩日清關。\n\n"
        "記者：有人說香港的角色已經過時。\n\n"
        "梁家豪：我唔同意。我個仔梁子朗喺三藩市做律師，佢成日同我講：「美國客仲係想經香港做嘢。」"
    )
    matcher = watching([father, son])
    assert kind_and_quote(matcher, text, "f") == ("quoted", "最直接是文件多了三倍。")
    assert kind_and_quote(matcher, text, "s") == ("quoted", "美國客仲係想經香港做嘢。")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a transcript's host by role before the name
        (
            "TRANSCRIPT\n[Hosted by Anna Berg.]\n\nHOST ANNA BERG: Good morning. The Taiwan "
            "Strait was quieter this week.",
            ("quoted", "Good morning. The Taiwan Strait was quieter this week."),
        ),
        # a transcript's speaker by title, abbreviated or not, before the name
        (
            "WHITFIELD: Senator, how serious was this?\n\nSEN. ANNA BERG: Well, first of all, "
            "our crew is safe.\n\nWHITFIELD: And Beijing?\n\nBERG: None of that is new.",
            ("quoted", "Well, first of all, our crew is safe."),
        ),
        (
            "WHITFIELD: Do you agree?\n\nCONGRESSWOMAN ANNA BERG: I think the senator is right.",
            ("quoted", "I think the senator is right."),
        ),
        # a recording's time before the speaker
        (
            "[00:00:04] HOST TOM REED: Welcome back.\n\n[00:00:09] ANNA BERG: Thanks for having "
            "me. It is good to be here.",
            ("quoted", "Thanks for having me."),
        ),
        # a fact check's claim signed with a dash, title before the name, where after it
        (
            'The claim:\n\n"Since March, seizures at the border have dropped 80 percent. That is '
            'the deal working." — Rep. Anna Berg, R-Ariz., in a post on X, Oct. 3\n\nThe facts: '
            'seizures "dropped 80 percent" is wrong.',
            (
                "quoted",
                "Since March, seizures at the border have dropped 80 percent. That is the deal "
                "working.",
            ),
        ),
        # a broadcast's "Quote:" between the attribution and the quotation
        (
            'HALE: Let me read you what the spokesman, Anna Berg, said on Friday. Quote: "The '
            'United States is politicizing trade, and it will not succeed." Anne-Marie?',
            ("quoted", "The United States is politicizing trade, and it will not succeed."),
        ),
        # a live blog's time before the name
        (
            "Anna Berg arrived on Monday.\n\n16:05 — Berg, at a separate briefing, offered her "
            'own summary: "The door of dialogue is open, but dialogue is not a substitute for '
            'respect."',
            (
                "quoted",
                "The door of dialogue is open, but dialogue is not a substitute for respect.",
            ),
        ),
        # what was said listed below the attribution
        (
            "16:03 Uhr – Peking reagiert. Sprecherin Anna Berg sagte auf einer Pressekonferenz:\n"
            "• China werde seine legitimen Rechte entschlossen verteidigen.\n• Die USA verstießen "
            "gegen die Regeln.",
            ("quoted", "China werde seine legitimen Rechte entschlossen verteidigen."),
        ),
        # a firm's name in marks right before the name is no quotation of hers
        (
            "Аналитик компании «Восток Капитал» Анна Берг отметила, что на Китай приходится "
            "около 70% мировой добычи.",
            ("quoted", "на Китай приходится около 70% мировой добычи."),
        ),
    ],
)
def test_broadcast_and_live_blog_shapes(text: str, expected: tuple[str, str | None]) -> None:
    berg = ExpertSettings(id="berg", name="Anna Berg", aliases=["Анна Берг"])
    assert kind_and_quote(watching([berg]), text, "berg") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a feature introduces someone, then lets them speak in the next paragraph
        (
            "Para los trabajadores, la discusión suena lejana. Anna Berg, de 34 años, lleva dos "
            "años en la planta. Antes trabajaba en una maquiladora y ahora gana un 15% más.\n\n"
            "«A mí me da igual si el dueño es chino o gringo. Lo que quiero es que no cierren».",
            (
                "quoted",
                "A mí me da igual si el dueño es chino o gringo. Lo que quiero es que no cierren",
            ),
        ),
        # … not when the quotation is attributed, someone else comes between, or it is a title
        (
            "Anna Berg, de 34 años, lleva dos años en la planta.\n\n«A mí me da igual si el "
            "dueño es chino o gringo», dice su jefe, Pedro Ruiz.",
            ("mentioned", None),
        ),
        (
            "Anna Berg runs the plant. Her manager, Pedro Ruiz, hired her in 2019.\n\n"
            '"We will not close this plant while I am here."',
            ("mentioned", None),
        ),
        (
            "Anna Berg leitet seit Jahren die Redaktion.\n\n„Der lange Schatten“ erscheint "
            "samstags in der Zeitung.",
            ("mentioned", None),
        ),
        (
            'Anna Berg declined to comment. A spokeswoman said the firm was "reviewing the '
            'outcome closely."',
            ("mentioned", None),
        ),
    ],
)
def test_a_feature_introduces_then_quotes(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "berg") == expected


@pytest.mark.parametrize(
    ("expert", "text", "quote"),
    [
        # a Korean broadcast's interview caption: a label, the name, a slash, the affiliation
        (
            ExpertSettings(id="x", name="Kim Tae-yoon", aliases=["김태윤"]),
            "정부가 오늘 새 규정을 발표했습니다.\n\n[인터뷰] 김태윤/한국무역협회 수석연구위원 : "
            '"허가 한 건 받는 데 두세 달씩 걸렸거든요."\n\n다만 변수가 남아 있습니다.',
            "허가 한 건 받는 데 두세 달씩 걸렸거든요.",
        ),
        # a Taiwanese broadcast's caption: the title and the name in brackets
        (
            ExpertSettings(id="x", name="Chang Hung-tao", aliases=["張宏濤"]),
            "軍演持續第二天。\n\n（政大外交系教授 張宏濤）："
            "「北京要讓華府知道，台灣議題沒有妥協空間。」",
            "北京要讓華府知道，台灣議題沒有妥協空間。",
        ),
    ],
)
def test_a_broadcasts_caption_names_who_speaks(
    expert: ExpertSettings, text: str, quote: str
) -> None:
    assert kind_and_quote(watching([expert]), text, "x") == ("quoted", quote)


def test_an_interviews_credit_line_is_of_the_one_its_introduction_opens_with() -> None:
    text = (
        "Anna Berg is a professor of economics who advises several ministries. She spoke by "
        "video from Oslo. The interview has been condensed and edited.\n\n"
        "Q: How much has the trade war hurt?\n\nA: Less than Washington hoped. Exports are down."
    )
    assert kind_and_quote(watching([BERG]), text, "berg") == (
        "quoted",
        "Less than Washington hoped.",
    )
    # named further into the introduction, she is not who it opens with
    other = text.replace("Anna Berg is", "Tom Hale is").replace(
        "several ministries.", "several ministries, as Anna Berg does."
    )
    assert kind_and_quote(watching([BERG]), other, "berg") == ("mentioned", None)
