"""Shapes the sixteenth invented set showed missing, each in our own words.

A broadcast transcript whose speaker labels carry a role ("CHEN YI-TING, FORMOSA STRATEGY FORUM:
…", "GREGORY HAINES, RETIRED U.S. NAVY ADMIRAL: …"), and a host's question line no answer's;
a name addressed before someone else's name in apposition ("Dr. Chen, the minister, Wu Kuo-liang,
said"); Russian dialogue past a description with a firm's name in marks; a French incise inside
the quotation (« …, raconte-t-elle dans un français hésitant. … »); a Korean broadcast's bare
label line ([왕리신 / 중국 런민대 교수]); Italian's "che" after a verb that needs it (osserva che,
ha assicurato che); German "aus dem …" between a name and its verb; Russian "как отмечает".
Each article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

TRANSCRIPT = (
    "TRANSCRIPT: THE WEEKLY BRIEF\n\n"
    "MARA HOLT, HOST: Good morning, and welcome. Joining me is Lin Pei-shan of the Harbor Forum "
    "and retired Admiral Dale Frost. Admiral, how serious were the drills?\n\n"
    "DALE FROST, RETIRED U.S. NAVY ADMIRAL: Serious, but not new. They rehearse a quarantine.\n\n"
    "HOLT: Dr. Lin, the defense minister, Wu Chien-ming, said the drills were a rehearsal for "
    "a blockade. Is that how Taipei sees it?\n\n"
    "LIN PEI-SHAN, HARBOR FORUM: Mostly, yes. People here worry more about a trade deal.\n"
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mara Holt", "Good morning, and welcome."),
        ("Dale Frost", "Serious, but not new."),
        ("Lin Pei-shan", "Mostly, yes. People here worry more about a trade deal."),
    ],
)
def test_a_transcript_s_labels_with_roles(name: str, expected: str) -> None:
    matcher = watching([ExpertSettings(id="x", name=name)])
    assert kind_and_quote(matcher, TRANSCRIPT, "x") == ("quoted", expected)


def test_a_name_addressed_before_another_in_apposition_does_not_speak() -> None:
    text = (
        "Lin Pei-shan joins us.\n\nDr. Lin, the defense minister, Wu Chien-ming, said the drills "
        "were a rehearsal for a blockade."
    )
    matcher = watching([ExpertSettings(id="x", name="Lin Pei-shan")])
    assert kind_and_quote(matcher, text, "x") == ("mentioned", None)


@pytest.mark.parametrize(
    ("expert", "text", "expected"),
    [
        (
            ExpertSettings(id="x", name="Irina Volkova", aliases=["Ирина Волкова"]),
            "— Американцам не нужно вводить новые санкции, чтобы задеть Россию, — объясняет "
            "аналитик консалтинговой компании «ТехРынок» Ирина Волкова. — Достаточно контроля.",
            "Американцам не нужно вводить новые санкции, чтобы задеть Россию",
        ),
        (
            ExpertSettings(id="x", name="Mei Lan"),
            "Mei Lan, 23 ans, a choisi Lyon. « Mes parents avaient peur que je sois refoulée à "
            "l'aéroport, raconte-t-elle dans un français hésitant. Ici, les règles sont claires. »",
            "Mes parents avaient peur que je sois refoulée à l'aéroport",
        ),
        (
            ExpertSettings(id="x", name="Wang Lixin", aliases=["왕리신"]),
            "전문가들은 관세가 철폐될 것으로 보고 있습니다.\n\n[왕리신 / 중국 런민대 교수]\n"
            '"관세가 철폐되면 중국은 대두 구매 재개로 화답할 가능성이 큽니다."',
            "관세가 철폐되면 중국은 대두 구매 재개로 화답할 가능성이 큽니다.",
        ),
        (
            ExpertSettings(id="x", name="Marco Bini"),
            "Marco Bini osserva che i dazi resteranno in vigore fino all'estate.",
            "i dazi resteranno in vigore fino all'estate.",
        ),
        (
            ExpertSettings(id="x", name="Carla Neri"),
            "La viceministra Carla Neri ha assicurato che il governo segue la situazione.",
            "il governo segue la situazione.",
        ),
        (
            ExpertSettings(id="x", name="Jochen Falk"),
            "Staatssekretär Jochen Falk aus dem Wirtschaftsministerium sagte am Rande einer "
            "Konferenz lediglich, die Regierung stehe mit Washington im Austausch.",
            "die Regierung stehe mit Washington im Austausch.",
        ),
        (
            ExpertSettings(id="x", name="Jessica Reed", aliases=["Джессика Рид"]),
            "Как отмечает аналитик Центра стратегической стабильности Джессика Рид, военные давно "
            "добивались регулярных контактов.",
            "военные давно добивались регулярных контактов.",
        ),
    ],
)
def test_shapes_the_sixteenth_set_showed(expert: ExpertSettings, text: str, expected: str) -> None:
    assert kind_and_quote(watching([expert]), text, "x") == ("quoted", expected)


def test_ha_assicurato_of_goods_says_nothing() -> None:
    matcher = watching([ExpertSettings(id="x", name="Carla Neri")])
    text = "Carla Neri ha assicurato la merce contro i danni."
    assert kind_and_quote(matcher, text, "x") == ("mentioned", None)


@pytest.mark.parametrize(
    ("expert", "text", "expected"),
    [
        # a demonstrative's noun points back to the one just named, when nothing described them
        (
            ExpertSettings(id="x", name="Wang Jun"),
            "Wang Jun montre des guirlandes invendues. « Nous n'avons plus aucune visibilité, "
            "confie cet industriel de 52 ans. Un client a annulé trois conteneurs. »",
            ("quoted", "Nous n'avons plus aucune visibilité"),
        ),
        # … not past someone else named since
        (
            ExpertSettings(id="x", name="Wang Jun"),
            "Wang Jun montre des guirlandes. Son voisin Li Peng est moins inquiet. « Nous "
            "tiendrons », confie cet industriel de 52 ans.",
            ("mentioned", None),
        ),
        # the subject of what a spokesman said, and the officer a spokesman speaks for
        (
            ExpertSettings(id="x", name="Thomas Ridley"),
            "A spokesman for Adm. Thomas Ridley, the command chief, said Ridley had raised the "
            "incident in a call with his counterpart.",
            ("mentioned", None),
        ),
        # a byline in French, Spanish or German names the author
        (
            ExpertSettings(id="x", name="Claire Dubois"),
            "Par Claire Dubois\nPÉKIN, 10 avril 2025\n\nWang Jun montre des guirlandes. « Nous "
            "n'avons plus aucune visibilité », confie cet industriel.",
            ("byline", None),
        ),
    ],
)
def test_who_a_referrer_or_a_byline_names(
    expert: ExpertSettings, text: str, expected: tuple
) -> None:
    assert kind_and_quote(watching([expert]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a caption's act of speaking before a place, and a call to someone: nothing said
        (
            "U.S. Trade Representative Tom Reed testifies before the Senate Finance Committee "
            "on Capitol Hill, April 8, 2025.\n\nThe tariffs will stay.",
            ("mentioned", None),
        ),
        ("Tom Reed called Li Wei on Tuesday.", ("mentioned", None)),
        # … but what was testified, and what a thing was called, are theirs
        (
            "Tom Reed testified that the tariffs would stay in place until summer.",
            ("quoted", "the tariffs would stay in place until summer."),
        ),
        ("Tom Reed called the tariffs a mistake.", ("quoted", "the tariffs a mistake.")),
    ],
)
def test_acts_of_speaking_that_say_nothing(text: str, expected: tuple) -> None:
    matcher = watching([ExpertSettings(id="x", name="Tom Reed")])
    assert kind_and_quote(matcher, text, "x") == expected
