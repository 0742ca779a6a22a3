"""Attributions whose words stand on both sides of the name, or between the verb and what was said.

German's perfect after a quotation puts the auxiliary before the name and the participle after
it („…“, hat Anna Berg gesagt); Russian wire copy names the outlet that quotes the speaker after
her («…», — цитирует Анну Берг РИА Новости); French, Spanish and Italian put whom something was
told between the verb and "that" (a confié au Monde que, ha explicado a EFE que); and Chinese
copy answers a reporters' question with a pronoun after a comma (记者就此询问张明，他表示). Each
article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

BERG = ExpertSettings(id="x", name="Anna Berg", aliases=["Анна Берг"])
ZHANG = ExpertSettings(id="x", name="Zhang Ming", aliases=["张明", "張明"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "„Wir werden das nicht hinnehmen“, hat Anna Berg gesagt.",
            ("quoted", "Wir werden das nicht hinnehmen"),
        ),
        (
            "„Wir werden das nicht hinnehmen“, hat die Ministerin Anna Berg am Montag in Berlin "
            "betont.",
            ("quoted", "Wir werden das nicht hinnehmen"),
        ),
        (
            "Die Gespräche seien gescheitert, hatte Anna Berg erklärt.",
            ("quoted", "Die Gespräche seien gescheitert"),
        ),
        # no speech verb closes the clause, or it is negated, or she was spoken to
        (
            "„Wir werden das nicht hinnehmen“, hat Anna Berg die Frage gestellt.",
            ("mentioned", None),
        ),
        ("„Das stimmt nicht“, hat Anna Berg nicht gesagt.", ("mentioned", None)),
        ("„Nein“, hat Peter Voss zu Anna Berg gesagt.", ("mentioned", None)),
        ("„Nein“, hatte Peter Voss Anna Berg am Montag versichert.", ("mentioned", None)),
        ("„Nein“, hatte Anna Berg Peter Voss am Montag versichert.", ("quoted", "Nein")),
        # her spokesman spoke, whichever tense
        ("„Nein“, hat der Sprecher von Anna Berg gesagt.", ("mentioned", None)),
        ("„Nein“, sagte der Sprecher von Anna Berg.", ("mentioned", None)),
    ],
)
def test_german_perfect_after_a_quotation(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Это ошибка», — цитирует Анну Берг РИА Новости.", ("quoted", "Это ошибка")),
        ("«Это ошибка», — цитирует РИА Новости Анну Берг.", ("quoted", "Это ошибка")),
        ("«Это ошибка», — приводит ТАСС слова Анны Берг.", ("quoted", "Это ошибка")),
        # the one told, in the dative before the speaker's nominative, is no speaker
        ("«Это ошибка», — заявил Анне Берг министр Олег Петров.", ("mentioned", None)),
        ("«Это ошибка», — сказал Анне Берг Олег Петров.", ("mentioned", None)),
        ("«Это ошибка», — сказала Анна Берг Олегу Петрову.", ("quoted", "Это ошибка")),
        ("«Это ошибка», — сказала Анна Берг журналистам.", ("quoted", "Это ошибка")),
        # "приводит" without "слова" leads something else; an appositive's name is no speaker
        ("«Это ошибка», — приводит Анна Берг пример.", ("mentioned", None)),
        (
            "«Это ошибка», — цитирует РИА Новости Ивана Петрова, коллегу Анны Берг.",
            ("mentioned", None),
        ),
    ],
)
def test_russian_outlet_quoting_the_speaker(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anna Berg a confié au Monde que les négociations étaient au point mort.",
            ("quoted", "les négociations étaient au point mort."),
        ),
        (
            "Anna Berg a confié au Monde qu’il n’y aurait pas d’accord.",
            ("quoted", "il n’y aurait pas d’accord."),
        ),
        (
            "Anna Berg a également déclaré qu'il n'y aurait pas d'accord.",
            ("quoted", "il n'y aurait pas d'accord."),
        ),
        (
            "Anna Berg ha explicado a EFE que las negociaciones están estancadas.",
            ("quoted", "las negociaciones están estancadas."),
        ),
        (
            "Anna Berg ha confermato al Corriere che i negoziati sono fermi.",
            ("quoted", "i negoziati sono fermi."),
        ),
        (
            "Anna Berg confie au Monde que tout allait bien.",
            ("quoted", "tout allait bien."),
        ),
        # an object first: the "que" opens a relative clause, nothing was said
        ("Anna Berg a confié la mission à Paul, que tout le monde connaît.", ("mentioned", None)),
        ("Anna Berg a confié le dossier à un juge que tout le monde connaît.", ("mentioned", None)),
        ("Anna Berg a confirmé sa venue à Pékin.", ("mentioned", None)),
    ],
)
def test_romance_verb_then_whom_it_was_told(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("记者就此询问张明，他表示，谈判已经停滞。", ("quoted", "谈判已经停滞。")),
        ("有記者詢問張明，他表示，談判已經停滯。", ("quoted", "談判已經停滯。")),
        # a named person asked: 他 may be either of them
        ("李华就此询问张明，他表示，谈判已经停滞。", ("mentioned", None)),
        # the reporters asked someone else, whose title names Zhang
        ("记者询问张明的助手李华，他表示，谈判已经停滞。", ("mentioned", None)),
    ],
)
def test_chinese_reporters_asking(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([ZHANG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the role spoke first; the next paragraph gives it a name
        (
            "“The United States should stop arming Taiwan,” a Foreign Ministry spokeswoman told a "
            "news briefing. “China will respond.”\n\nThe spokesperson, Anna Berg, said the sale "
            "broke earlier promises.",
            ("quoted", "The United States should stop arming Taiwan"),
        ),
        # a title between the role and the name; the role spoke for someone ("for Mr. Wang")
        (
            "“We are ready,” a spokeswoman for Mr. Wang said. The spokeswoman, Dr. Anna Berg, "
            "added that more was coming.",
            ("quoted", "We are ready"),
        ),
        # another role is someone else
        (
            "“We are ready,” a spokeswoman said. The minister, Anna Berg, added that more was "
            "coming.",
            ("quoted", "more was coming."),
        ),
        # a role brought in as "the", not "a", is someone named before
        (
            "“We are ready,” the spokeswoman said. The spokeswoman, Anna Berg, added that more "
            "was coming.",
            ("quoted", "more was coming."),
        ),
    ],
)
def test_a_role_that_spoke_before_its_name_was_given(
    text: str, expected: tuple[str, str | None]
) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected
