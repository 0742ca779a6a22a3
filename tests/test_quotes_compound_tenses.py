"""Speech verbs in compound tenses and stance phrases, across the beat's languages.

Spain's press reports in the perfect ("ha dicho este lunes que …"), French and Italian set an
adverb between the auxiliary and the participle ("a également déclaré", "ha poi aggiunto") or
report in the conditional ("avrebbe detto"); Russian, German and English copy state a view with
a phrase ("не исключил, что", "geht davon aus, dass", "expressed confidence that"); Japanese
often sets no comma after the topic particle (田中氏は関税が…と述べた), Korean forecasts with
것으로 (유지될 것으로 내다봤다), Russian puts where and when before the verb (Иванов в интервью
ТАСС заявил); and English wire copy gives the clause before the name when only when and an
aside follow the verb ("…, Reed said on Tuesday, adding …"). Each article is invented for the
test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

KIM = ExpertSettings(id="x", name="Kim Min-su", aliases=["김민수"])
TANAKA = ExpertSettings(id="x", name="Tanaka Hiroshi", aliases=["田中浩"])


def _watched(expert: str | ExpertSettings) -> ExpertSettings:
    """A watched person given by name alone, or in full where an alias is needed."""
    return expert if isinstance(expert, ExpertSettings) else ExpertSettings(id="x", name=expert)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "Ana Ruiz",
            "Ana Ruiz ha dicho este lunes que los aranceles se mantendrán hasta el verano.",
            "los aranceles se mantendrán hasta el verano.",
        ),
        (
            "Ana Ruiz",
            "La ministra Ana Ruiz ha señalado que los aranceles se mantendrán hasta el verano.",
            "los aranceles se mantendrán hasta el verano.",
        ),
        (
            "Ana Ruiz",
            "A juicio de Ana Ruiz, los aranceles se mantendrán hasta el verano.",
            "los aranceles se mantendrán hasta el verano.",
        ),
        (
            "Anne Roux",
            "Anne Roux a également déclaré que les droits de douane resteraient en place.",
            "les droits de douane resteraient en place.",
        ),
        (
            "Anne Roux",
            "Anne Roux a notamment souligné que les droits de douane resteraient en place.",
            "les droits de douane resteraient en place.",
        ),
        (
            "Marco Bini",
            "Marco Bini avrebbe detto che i dazi resteranno in vigore fino all'estate.",
            "i dazi resteranno in vigore fino all'estate.",
        ),
        (
            "Marco Bini",
            "Marco Bini ha poi aggiunto che i dazi resteranno in vigore fino all'estate.",
            "i dazi resteranno in vigore fino all'estate.",
        ),
        (
            "Сергей Иванов",
            "Сергей Иванов не исключил, что пошлины сохранятся до лета.",
            "пошлины сохранятся до лета.",
        ),
        (
            "Сергей Иванов",
            "Сергей Иванов выразил уверенность, что пошлины сохранятся до лета.",
            "пошлины сохранятся до лета.",
        ),
        (
            "Anna Berg",
            "Anna Berg geht davon aus, dass die Zölle bis zum Sommer bleiben.",
            "die Zölle bis zum Sommer bleiben.",
        ),
        (
            "Tom Reed",
            "Tom Reed expressed confidence that the talks would succeed this year.",
            "the talks would succeed this year.",
        ),
        (
            "Tom Reed",
            "Tom Reed signaled that the tariffs would stay in place until summer.",
            "the tariffs would stay in place until summer.",
        ),
    ],
)
def test_compound_tenses_and_stances_report_speech(name: str, text: str, expected: str) -> None:
    matcher = watching([ExpertSettings(id="x", name=name)])
    assert kind_and_quote(matcher, text, "x") == ("quoted", expected)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # participles as often of other verbs, and a stance phrase without its clause
        ("Anne Roux", "Anne Roux a confié la direction du projet à son adjoint."),
        ("Ana Ruiz", "Ana Ruiz ha defendido la reforma ante los diputados de la oposición."),
        ("Marco Bini", "Marco Bini ha rilevato l'azienda di famiglia nel 2019."),
        ("Anna Berg", "Anna Berg rechnet mit ihrem Team die Kosten durch."),
        ("Tom Reed", "Tom Reed signaled a left turn and drove off."),
    ],
)
def test_their_other_uses_say_nothing(name: str, text: str) -> None:
    matcher = watching([ExpertSettings(id="x", name=name)])
    assert kind_and_quote(matcher, text, "x") == ("mentioned", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Japanese often sets no comma after the topic particle: は straight before a kanji word
        ("田中浩氏は関税が夏まで続くと述べた。", ("quoted", "関税が夏まで続く")),
        ("田中浩氏は関税が夏まで続くとの見通しを示した。", ("quoted", "関税が夏まで続く")),
        ("田中浩氏は会見で「撤退は考えていない」と述べた。", ("quoted", "撤退は考えていない")),
        # … not はじめ ("and others"), nor a quotation another subject's clause gives
        ("田中浩氏はじめ関係者が出席した。", ("mentioned", None)),
        (
            "田中浩氏は発言せず、山本首相が「撤退は考えていない」と引き取った。",
            ("mentioned", None),
        ),
        ("山本太郎首相は田中浩氏が辞任すると述べた。", ("mentioned", None)),
    ],
)
def test_japanese_topic_without_a_comma(text: str, expected: tuple) -> None:
    matcher = watching([TANAKA])
    assert kind_and_quote(matcher, text, "x") == expected


@pytest.mark.parametrize(
    ("expert", "text", "expected"),
    [
        # where or when between a Russian name and its verb
        (
            "Сергей Иванов",
            "Сергей Иванов в интервью ТАСС заявил, что пошлины сохранятся до лета.",
            ("quoted", "пошлины сохранятся до лета."),
        ),
        (
            "Сергей Иванов",
            "Сергей Иванов на брифинге в четверг отметил, что пошлины сохранятся до лета.",
            ("quoted", "пошлины сохранятся до лета."),
        ),
        # after a title of bodies and places, or a title noun; a promise with a quotation
        (
            "Сергей Иванов",
            "Посол КНР в России Сергей Иванов в интервью агентству подчеркнул, что Китай "
            "«никогда не будет дружить против третьих стран».",
            ("quoted", "никогда не будет дружить против третьих стран"),
        ),
        (
            "Сергей Иванов",
            "Министр финансов США Сергей Иванов в начале месяца пообещал «перекрыть все "
            "каналы», через которые идут платежи.",
            ("quoted", "перекрыть все каналы"),
        ),
        # … not someone else's office there, nor a verb denied
        (
            "Сергей Иванов",
            "Сергей Иванов в интервью ТАСС министр заявил, что пошлины сохранятся.",
            ("mentioned", None),
        ),
        (
            "Сергей Иванов",
            "Директор компании Сергей Иванов на запрос не ответил.",
            ("mentioned", None),
        ),
        # Korean's forecast: a future and 것으로, then the verb of seeing ahead
        (
            KIM,
            "김민수 교수는 올해 성장률이 2%에 그칠 것으로 예상했다.",
            ("quoted", "올해 성장률이 2%에 그칠"),
        ),
        (KIM, "김민수 교수는 서울에 도착할 것으로 알려졌다.", ("mentioned", None)),
        # a view before "que", "dass", "que"
        (
            "Ana Ruiz",
            "Ana Ruiz cree que los aranceles se mantendrán hasta el verano.",
            ("quoted", "los aranceles se mantendrán hasta el verano."),
        ),
        (
            "Anna Berg",
            "Anna Berg glaubt, dass die Zölle bis zum Sommer bleiben.",
            ("quoted", "die Zölle bis zum Sommer bleiben."),
        ),
        (
            "Anne Roux",
            "Anne Roux pense que les droits de douane resteront en place.",
            ("quoted", "les droits de douane resteront en place."),
        ),
        # the clause before the name, when only when and an aside follow the verb
        (
            "Tom Reed",
            "The tariffs will stay in place until summer, Tom Reed said on Tuesday, adding that "
            "talks would continue.",
            ("quoted", "The tariffs will stay in place until summer"),
        ),
        (
            "Tom Reed",
            "The tariffs will stay in place, Tom Reed said, according to a transcript of the call.",
            ("quoted", "The tariffs will stay in place"),
        ),
        # the name's own "who said" clause ends at its comma; who tells it is no part of it
        (
            "Tom Reed",
            "Tom Reed, who said last year that the tariffs would stay, has since changed his mind.",
            ("quoted", "the tariffs would stay"),
        ),
        (
            "Tom Reed",
            "Tom Reed told lawmakers the tariffs would stay in place until summer, according to "
            "two people in the room.",
            ("quoted", "the tariffs would stay in place until summer"),
        ),
    ],
)
def test_where_views_and_asides(expert: str | ExpertSettings, text: str, expected: tuple) -> None:
    assert kind_and_quote(watching([_watched(expert)]), text, "x") == expected


@pytest.mark.parametrize(
    ("expert", "text", "expected"),
    [
        # German perfects with an object, another subject or a negation on the way
        ("Jürgen Brandt", "Jürgen Brandt hat ein Buch geschrieben, das im Mai erscheint.", None),
        (
            "Jürgen Brandt",
            "Über Jürgen Brandt hat die Ministerin gesagt, er sei ein guter Verhandler.",
            None,
        ),
        (
            "Jürgen Brandt",
            "Jürgen Brandt hat sich bereit erklärt, den Vorsitz zu übernehmen.",
            None,
        ),
        # German where and when after the comma are what was said
        (
            "Jürgen Brandt",
            "Jürgen Brandt sagte, am Ende zähle nur der Preis, nicht die Herkunft der Ware.",
            "am Ende zähle nur der Preis, nicht die Herkunft der Ware.",
        ),
        # "aus" a name is driven from, a verb that is someone else's
        (
            "Jürgen Brandt",
            "Es wäre ein Fehler, Jürgen Brandt aus dem Beirat zu drängen, sagte die Ministerin.",
            None,
        ),
        # compound tenses of participles as often of other verbs, before no clause
        ("Ana Ruiz", "Ana Ruiz ha escrito dos libros sobre el comercio con China.", None),
        ("Anne Roux", "Anne Roux avait rappelé son ambassadeur à Pékin.", None),
        ("Marco Bini", "Marco Bini ha osservato un minuto di silenzio.", None),
        # a name spoken to opens the clause
        (
            "Marco Bini",
            "A Marco Bini ha poi detto il ministro che la fabbrica chiuderà entro l'anno.",
            None,
        ),
        # a view's verb before a relative "que", "che", "что"
        ("Ana Ruiz", "Ana Ruiz cree en la reforma, que el Congreso aprobó en mayo.", None),
        ("Marco Bini", "Marco Bini osserva il mercato, che da mesi rallenta, con timore.", None),
        (
            "Сергей Иванов",
            "Сергей Иванов не исключил Петрова из делегации, что удивило аналитиков.",
            None,
        ),
        # a court's "rinvio a giudizio di", "не так, как считает"
        (
            "Marco Bini",
            "Il pm ha chiesto il rinvio a giudizio di Marco Bini e di altri tre dirigenti.",
            None,
        ),
        (
            "Сергей Воронцов",
            "Всё обстоит не так, как считает Сергей Воронцов: рынок растёт.",
            None,
        ),
        # where and when before a verb that is the name's aide's
        (
            "Сергей Воронцов",
            "Об этом сообщил Сергей Воронцов. Помощник Воронцова в интервью ТАСС заявил, что "
            "пошлины сохранятся.",
            None,
        ),
        # others' view of a topic with no comma after its particle; a Korean finding
        (TANAKA, "田中浩氏は来月にも辞任するとの見方が強まっている。", None),
        (TANAKA, "田中浩氏は東大教授だと紹介された。", None),
        (KIM, "김민수 교수는 관세가 유지될 것으로 나타났다.", None),
        # places and relatives in apposition before the verb: the name still speaks
        (
            "Tom Reed",
            "Tom Reed, from Charlotte, North Carolina, said the tariffs would stay.",
            "the tariffs would stay.",
        ),
        # a circumstance before the name is no clause of what was said
        (
            "Tom Reed",
            "Speaking to reporters in Geneva, Tom Reed said on Tuesday, according to a "
            "transcript, that the tariffs would stay.",
            "the tariffs would stay.",
        ),
    ],
)
def test_the_fifth_review_s_over_firing(
    expert: str | ExpertSettings, text: str, expected: str | None
) -> None:
    kind, quote = kind_and_quote(watching([_watched(expert)]), text, "x")
    if expected is None:
        assert kind == "mentioned"
    else:
        assert (kind, quote) == ("quoted", expected)


def test_an_answer_with_a_comma_before_its_colon_is_no_label() -> None:
    text = (
        "Our interview with Lin Wei follows.\n\nQ: Who gains most from the tariffs?\n"
        "A: Vietnam, Mexico: they pick up the orders China loses.\n"
    )
    matcher = watching([ExpertSettings(id="x", name="Lin Wei")])
    assert kind_and_quote(matcher, text, "x") == (
        "quoted",
        "Vietnam, Mexico: they pick up the orders China loses.",
    )


def test_said_with_only_how_is_no_quote_and_en_palabras_de_is() -> None:
    reed = watching([ExpertSettings(id="x", name="Tom Reed")])
    assert kind_and_quote(reed, "Tom Reed said in an interview.", "x") == ("mentioned", None)
    ruiz = watching([ExpertSettings(id="x", name="Ana Ruiz")])
    text = "En palabras de Ana Ruiz, «los aranceles se mantendrán hasta el verano»."
    assert kind_and_quote(ruiz, text, "x") == (
        "quoted",
        "los aranceles se mantendrán hasta el verano",
    )
