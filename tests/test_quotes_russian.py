"""Russian names in their cases, and Russian dialogue with a copula dash inside it.

Russian news copy declines a name by its role in the sentence: "По словам Сергея Иванова, …"
(according to him, genitive), "сказал Сергею Иванову министр" (said *to* him, dative),
"встретился с Сергеем Ивановым" (met *with* him, instrumental). A name watched in Cyrillic is
found in those cases, full and by surname alone; said to or met with, it is no speaker. A dash
between words inside a line of dialogue is the copula ("Пекин — наш партнёр"), not the dash that
closes the line. Each article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from alerts.experts import name_forms
from tests.quoting import kind_and_quote, watching

IVANOV = ExpertSettings(id="x", name="Сергей Иванов")
IVANOV_LATIN = ExpertSettings(id="x", name="Sergei Ivanov", aliases=["Сергей Иванов"])
PETROVA = ExpertSettings(id="x", name="Anna Petrova", aliases=["Анна Петрова"])
FANG = ExpertSettings(id="x", name="Fang Xiaoyu", aliases=["Фан Сяоюй"])


def test_a_russian_name_is_declined_in_full_and_by_surname() -> None:
    forms = name_forms("Сергей Викторович Лавров")
    assert {("сергею", "викторовичу", "лаврову"), ("сергеем", "лавровым")} <= set(forms.variants)
    assert {"лаврову", "лавровым", "лаврове"} <= set(forms.script_families)
    assert forms.object_cases == {"лаврову", "лавровым"}
    assert forms.gender == "he"
    # the genitive reads as a woman's name too (Лаврова): a mention only after a genitive cue
    assert ("сергея", "викторовича", "лаврова") in forms.cued
    assert ("сергея", "викторовича", "лаврова") not in forms.variants
    assert forms.cued_families == ("лаврова",)
    woman = name_forms("Мария Захарова")
    assert {("марии", "захаровои"), ("марию", "захарову")} <= set(woman.variants)
    assert woman.gender == "she" and not woman.cued and not woman.object_cases
    # a surname that does not read as a woman's declines without a cue
    assert ("ильи", "ковальчука") in name_forms("Илья Ковальчук").variants
    # a woman's surname in a consonant does not decline; a name of another shape tells no gender
    assert ("анны", "берг") in name_forms("Анна Берг").variants
    assert "берг" not in name_forms("Анна Берг").script_families
    assert name_forms("Фан Сяоюй").gender is None
    assert name_forms("Sergei Ivanov").gender is None
    # a short surname in Cyrillic is Korean or Chinese: Мина would be someone else
    assert not name_forms("Ли Мин").script_families


@pytest.mark.parametrize(
    ("expert", "text", "expected"),
    [
        # the surname alone in the genitive, after the full name
        (
            IVANOV,
            "Об этом заявил Сергей Иванов. По словам Иванова, переговоры продолжатся в июне.",
            ("quoted", "переговоры продолжатся в июне."),
        ),
        (
            IVANOV_LATIN,
            "Об этом заявил Сергей Иванов. По словам Иванова, переговоры продолжатся в июне.",
            ("quoted", "переговоры продолжатся в июне."),
        ),
        # the full name only in the genitive
        (
            IVANOV,
            "По словам Сергея Иванова, переговоры продолжатся в июне.",
            ("quoted", "переговоры продолжатся в июне."),
        ),
        # a woman's surname in the genitive
        (
            PETROVA,
            "Анна Петрова выступила в Москве. По словам Петровой, Пекин готов к диалогу.",
            ("quoted", "Пекин готов к диалогу."),
        ),
        # said to him: the minister spoke
        (
            IVANOV,
            "«Пекин готов к диалогу», — сказал Сергею Иванову министр. Встреча прошла в Москве.",
            ("mentioned", None),
        ),
        (
            IVANOV_LATIN,
            "«Пекин готов к диалогу», — сказал Сергею Иванову министр. Встреча прошла в Москве.",
            ("mentioned", None),
        ),
        # met with him, then he speaks, by his surname in the nominative
        (
            IVANOV,
            "Министр встретился с Сергеем Ивановым. «Пекин готов к диалогу», — сказал Иванов.",
            ("quoted", "Пекин готов к диалогу"),
        ),
        # a name that tells no gender: "сказала она" may be hers
        (
            FANG,
            "Об этом заявила официальный представитель МИД Фан Сяоюй. «Мы призываем американскую "
            "сторону вернуться к диалогу», — сказала она.",
            ("quoted", "Мы призываем американскую сторону вернуться к диалогу"),
        ),
    ],
)
def test_russian_cases(expert: ExpertSettings, text: str, expected: tuple) -> None:
    assert kind_and_quote(watching([expert]), text, "x") == expected


XI = ExpertSettings(id="x", name="Xi Jinping", aliases=["Си Цзиньпин"])


def test_an_east_asian_name_declines_its_given_name() -> None:
    forms = name_forms("Xi Jinping", ["Си Цзиньпин"])
    assert {("си", "цзиньпина"), ("си", "цзиньпину"), ("си", "цзиньпином")} <= set(forms.variants)
    assert forms.object_cases >= {"цзиньпину", "цзиньпином"}
    assert forms.gender is None  # Цзиньпин is no Russian surname in -ин: no "he" from it
    assert ("ли", "цяном") in name_forms("Li Qiang", ["Ли Цян"]).variants  # short, declined too


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Встречу с председателем КНР Си Цзиньпином назначили на ноябрь.", ("mentioned", None)),
        (
            "Премьер позвонил Си Цзиньпину. «Мы договорились о новых поставках», — сказал он.",
            ("mentioned", None),
        ),
        # the genitive in an interview's introduction: the one interviewed is someone else
        (
            "О том, чего ждать от встречи Си Цзиньпина с президентом США, он рассказал "
            "«Вестнику».\n\n— Вы верите в разрядку?\n\n— Я верю в то, что обе стороны устали.",
            ("mentioned", None),
        ),
    ],
)
def test_an_east_asian_name_in_russian_cases(text: str, expected: tuple) -> None:
    assert kind_and_quote(watching([XI]), text, "x") == expected


@pytest.mark.parametrize(
    ("expert", "text", "expected"),
    [
        # a man's genitive is a woman's name: without a genitive cue, it is her
        (
            ExpertSettings(id="x", name="Александр Петров"),
            "Депутат Александра Петрова заявила, что законопроект примут до конца года. "
            "Александр Петров с ней не согласен.",
            ("mentioned", None),
        ),
        (
            IVANOV,
            "Сергей Иванов открыл выставку. Его коллега Анна Иванова пришла позже. Иванова "
            "заявила, что фонд выделит деньги на ремонт школы.",
            ("mentioned", None),
        ),
        # "между тем" ends in у, a genitive cue only as a word of its own
        (
            ExpertSettings(id="x", name="Дмитрий Песков"),
            "Дмитрий Песков прилетел в Сочи. Между тем Пескова заявила, что откроет галерею.",
            ("mentioned", None),
        ),
        # a nominative in -у is no dative: he speaks
        (
            ExpertSettings(id="x", name="Márcio Paulino", aliases=["Марсиу Паулину"]),
            "Марсиу Паулину заявил, что бразильская экономика вырастет на 3% в этом году.",
            ("quoted", "бразильская экономика вырастет на 3% в этом году."),
        ),
        # a short surname in Cyrillic is not declined: Мина is someone else
        (
            ExpertSettings(id="x", name="Li Ming", aliases=["Ли Мин"]),
            "Ли Мин приехал в Сеул. «Мы ждём конкретных шагов», — сказала Мина Пак.",
            ("mentioned", None),
        ),
        # the gender of the Russian spelling counts only where the article writes it so: in
        # English, "she" may be Wang Jing's
        (
            ExpertSettings(id="x", name="Wang Jing", aliases=["Ван Цзин"]),
            "Wang Jing spoke at a forum in Shanghai on Monday. She said the yuan would weaken "
            "further this year.",
            ("quoted", "the yuan would weaken further this year."),
        ),
    ],
)
def test_russian_cases_that_name_someone_else(
    expert: ExpertSettings, text: str, expected: tuple
) -> None:
    assert kind_and_quote(watching([expert]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a copula dash inside the line of dialogue
        (
            "Сергей Иванов выступил в Москве. — Пекин — наш главный партнёр, — говорит он.",
            ("quoted", "Пекин — наш главный партнёр"),
        ),
        (
            "Сергей Иванов выступил в Москве.\n— Пекин — наш главный партнёр, — говорит он.",
            ("quoted", "Пекин — наш главный партнёр"),
        ),
        # the dialogue after a sentence of his reported speech: the quotation beats the clause
        (
            "Переговоры продолжатся, считает Сергей Иванов. — Пекин — наш главный партнёр, — "
            "говорит он.",
            ("quoted", "Пекин — наш главный партнёр"),
        ),
        # … and without a copula, as before
        (
            "Сергей Иванов выступил в Москве. — Пекин наш главный партнёр, — говорит он.",
            ("quoted", "Пекин наш главный партнёр"),
        ),
    ],
)
def test_russian_dialogue_with_a_copula(text: str, expected: tuple) -> None:
    assert kind_and_quote(watching([IVANOV]), text, "x") == expected
