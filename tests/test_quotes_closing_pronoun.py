"""Reported speech a pronoun's attribution closes, in the sentence after the name: "They hurt
everyone, she said.", "Sie schadeten allen, sagte sie.", "Ils nuisent à tous, a-t-elle dit.",
"Perjudican a todos, dijo." Each article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

BERG = ExpertSettings(id="x", name="Anna Berg")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anna Berg criticized the tariffs. They hurt everyone, she said.",
            ("quoted", "They hurt everyone"),
        ),
        (
            "Anna Berg criticized the tariffs. The measures will be reviewed next year, she said "
            "on Tuesday in Geneva.",
            ("quoted", "The measures will be reviewed next year"),
        ),
        (
            "Anna Berg spoke at the forum. The talks would resume in June, she told Reuters.",
            ("quoted", "The talks would resume in June"),
        ),
        (
            "Anna Berg kritisierte die Zölle scharf. Sie schadeten allen, sagte sie am Montag.",
            ("quoted", "Sie schadeten allen"),
        ),
        (
            "Anna Berg a critiqué les droits de douane. Ils nuisent à tous, a-t-elle dit.",
            ("quoted", "Ils nuisent à tous"),
        ),
        (
            "Anna Berg criticó los aranceles. Perjudican a todos, dijo.",
            ("quoted", "Perjudican a todos"),
        ),
        # whom it was said to, in German's dative
        (
            "Anna Berg kritisierte die Zölle. Es gehe nicht darum, China einzudämmen, sagte sie "
            "dem Sender CNBC.",
            ("quoted", "Es gehe nicht darum, China einzudämmen"),
        ),
        # a role set off by a comma before the name; her own words going on beat the clause
        (
            "Die zuständige Staatssekretärin im Ministerium, Anna Berg, verteidigte die Zölle. "
            "Es gehe nicht darum, China einzudämmen, sagte sie. „Wir schützen Technologien, "
            "nicht mehr und nicht weniger.“",
            ("quoted", "Wir schützen Technologien, nicht mehr und nicht weniger."),
        ),
        # a new description after the quotation, her firm named after her in it
        (
            "Anna Berg hat eine Landkarte an der Wand hängen. »Vor zwei Jahren hätte ich Ihnen "
            "gesagt, Mexiko ist nichts für uns«, sagt die Geschäftsführerin des Herstellers Berg "
            "Medical.",
            ("quoted", "Vor zwei Jahren hätte ich Ihnen gesagt, Mexiko ist nichts für uns"),
        ),
        (
            "Anna Berg hat eine Landkarte an der Wand hängen. »Vor zwei Jahren hätte ich Ihnen "
            "gesagt, Mexiko ist nichts für uns«, sagt die Geschäftsführerin des Herstellers, "
            "Tina Roth.",
            ("mentioned", None),
        ),
        # "she said" opening a clause of its own reports that clause
        (
            "Anna Berg spoke at the forum. On Monday, she said the talks would resume in June.",
            ("quoted", "the talks would resume in June."),
        ),
        # someone met in between, or named in the clause, may be who the pronoun is
        ("Anna Berg met Li Wei on Monday. The talks went well, he said.", ("mentioned", None)),
        ("Anna Berg criticized the tariffs. Li Wei disagreed, she said.", ("mentioned", None)),
    ],
)
def test_pronoun_closing_reported_speech(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anna Berg sagte gegenüber der dpa, die Zölle schadeten allen.",
            ("quoted", "die Zölle schadeten allen."),
        ),
        (
            "Anna Berg sprach von einem „historischen Fehler“.",
            ("quoted", "einem „historischen Fehler“."),
        ),
        (
            "Auch Anna Berg äußerte sich kritisch: Die Zölle schadeten allen.",
            ("quoted", "Die Zölle schadeten allen."),
        ),
        (
            "Anna Berg kündigte an, die Zölle sofort aufzuheben.",
            ("quoted", "die Zölle sofort aufzuheben."),
        ),
        (
            "Anna Berg forderte, die Zölle sofort aufzuheben.",
            ("quoted", "die Zölle sofort aufzuheben."),
        ),
        (
            "Anna Berg kritisierte, dass die Zölle allen schadeten.",
            ("quoted", "die Zölle allen schadeten."),
        ),
        # the same verbs with an object, or without a word, say nothing
        ("Anna Berg kritisierte die Zölle scharf.", ("mentioned", None)),
        ("Anna Berg forderte die Regierung zum Handeln auf.", ("mentioned", None)),
        ("Anna Berg sprach mit dem Minister über die Zölle.", ("mentioned", None)),
        ("Anna Berg äußerte sich nicht.", ("mentioned", None)),
    ],
)
def test_german_verbs_of_saying(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a view inside someone's labelled answer is their reading of the person
        (
            "Sommer: Peking spielt auf Zeit. Staats- und Parteichef Xi Jinping geht davon aus, "
            "dass die Zeit für China arbeitet.",
            ("mentioned", None),
        ),
        (
            "Staats- und Parteichef Xi Jinping geht davon aus, dass die Zeit für China arbeitet.",
            ("quoted", "die Zeit für China arbeitet."),
        ),
        (
            "Sommer: Xi Jinping hat betont, dass die Zeit für China arbeite.",
            ("quoted", "die Zeit für China arbeite."),
        ),
        # a quotation that is all a reported clause says is the quote
        (
            "Frage: Der Präsident Xi Jinping spricht von „Überkapazitäten“.",
            ("quoted", "Überkapazitäten"),
        ),
    ],
)
def test_views_in_answers_and_marked_words(text: str, expected: tuple[str, str | None]) -> None:
    xi = ExpertSettings(id="x", name="Xi Jinping")
    assert kind_and_quote(watching([xi]), text, "x") == expected
