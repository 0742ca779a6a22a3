"""Wire copy's formulas in French and Russian, and a statement quoted after its quotation in
three languages: French compound tenses of more verbs after a quotation (a prévenu, a plaidé,
a annoncé), a verb before a fragment in marks (dénonce « … », parle d'« … »), an appositive
that names a place after "Pour X,"; Russian where and when holding an outlet in marks (в беседе с
«Коммерсантом» заявила), "called … «…»" and "urged"; "говорится в заявлении", "heißt es in
einer Erklärung von", "read a statement from". Each article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

BERG = ExpertSettings(id="x", name="Anna Berg", aliases=["Анна Берг"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("« Nous allons riposter », a prévenu Anna Berg.", ("quoted", "Nous allons riposter")),
        (
            "« Il faut négocier », a plaidé Anna Berg devant les députés.",
            ("quoted", "Il faut négocier"),
        ),
        ("« Nous allons riposter », a annoncé Anna Berg.", ("quoted", "Nous allons riposter")),
        ("Anna Berg dénonce « une erreur historique ».", ("quoted", "une erreur historique")),
        ("Anna Berg parle d'« une erreur historique ».", ("quoted", "une erreur historique")),
        (
            "Pour Anna Berg, économiste à l'OFCE, les droits de douane nuisent à tous.",
            ("quoted", "les droits de douane nuisent à tous."),
        ),
        # the same verbs with an object, and a relative clause's "qu'a", say nothing of hers
        ("Anna Berg dénonce un accord déséquilibré.", ("mentioned", None)),
        ("Anna Berg parle d'une erreur.", ("mentioned", None)),
        ("Le programme qu'a lancé Anna Berg en 2019 a échoué.", ("mentioned", None)),
    ],
)
def test_french_wire_formulas(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Анна Берг в беседе с «Коммерсантом» заявила, что пошлины вредят всем.",
            ("quoted", "пошлины вредят всем."),
        ),
        (
            "Анна Берг назвала пошлины «серьезной ошибкой для всей отрасли».",
            ("quoted", "серьезной ошибкой для всей отрасли"),
        ),
        (
            "Анна Берг призвала немедленно отменить все новые пошлины.",
            ("quoted", "немедленно отменить все новые пошлины."),
        ),
        ("Анна Берг назвала имя победителя.", ("mentioned", None)),
    ],
)
def test_russian_wire_formulas(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Пошлины вредят всем», — говорится в заявлении Анны Берг.", "Пошлины вредят всем"),
        (
            "„Zölle schaden allen“, heißt es in einer Erklärung von Anna Berg.",
            "Zölle schaden allen",
        ),
        ('"Tariffs hurt everyone," read a statement from Anna Berg.', "Tariffs hurt everyone"),
    ],
)
def test_a_statement_quoted_after_its_quotation(text: str, expected: str) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == ("quoted", expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Berg ha definito i dazi «un errore storico».", ("quoted", "un errore storico")),
        ("Anna Berg parla di «un errore storico».", ("quoted", "un errore storico")),
        (
            "Anna Berg calificó los aranceles de «error histórico».",
            ("quoted", "los aranceles de «error histórico»."),
        ),
        ("Anna Berg nannte den Namen des Siegers.", ("mentioned", None)),
        ("Anna Berg parla di economia.", ("mentioned", None)),
    ],
)
def test_calling_something_a_quotation(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


KIM = ExpertSettings(id="x", name="Kim Min-jun", aliases=["김민준"])
TANAKA = ExpertSettings(id="x", name="Tanaka Hiroshi", aliases=["田中浩"])


@pytest.mark.parametrize(
    ("expert", "text", "expected"),
    [
        (
            KIM,
            '김민준 교수는 자신의 페이스북에 "관세는 모두에게 해롭다"는 글을 올렸다.',
            ("quoted", "관세는 모두에게 해롭다"),
        ),
        (KIM, "김민준 교수는 페이스북에 사진을 올렸다.", ("mentioned", None)),
        (
            TANAKA,
            "田中浩教授は、来年も交渉を続ける方針を明らかにした。",
            ("quoted", "来年も交渉を続ける"),
        ),
        (TANAKA, "田中浩教授は新しい考えを示した。", ("mentioned", None)),
        (TANAKA, "政府は田中浩教授を任命する方針を示した。", ("mentioned", None)),
    ],
)
def test_east_asian_posts_and_views(
    expert: ExpertSettings, text: str, expected: tuple[str, str | None]
) -> None:
    assert kind_and_quote(watching([expert]), text, "x") == expected
