"""Shapes of English news copy: a lawmaker named again by party and state, an adverb before the
colon that introduces a quotation, "for years" before "that", and present tenses of speech
verbs, which speak only before "that", a colon or a quotation ("recalls her childhood" does
not). Each article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

BERG = ExpertSettings(id="x", name="Anna Berg")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Sen. Anna Berg (R-Ohio) introduced the bill on Monday. "This is about fairness," '
            "the Ohio Republican said.",
            ("quoted", "This is about fairness"),
        ),
        (
            'Rep. Anna Berg, D-Calif., introduced the bill. "This is about fairness," the '
            "California Democrat said.",
            ("quoted", "This is about fairness"),
        ),
        # the other party, or another lawmaker's state, is someone else
        (
            'Sen. Anna Berg (R-Ohio) introduced the bill on Monday. "This is about fairness," '
            "the Democrat said.",
            ("mentioned", None),
        ),
        (
            "Sen. Anna Berg (R-Ohio) introduced the bill with Sen. Mark Li (D-Ill.). "
            '"This is about fairness," the Illinois Democrat said.',
            ("mentioned", None),
        ),
    ],
)
def test_lawmaker_named_again_by_party(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Anna Berg, reached by phone, said only: "It\'s complicated."',
            ("quoted", "It's complicated."),
        ),
        ('Anna Berg replied curtly: "No comment."', ("quoted", "No comment.")),
        ("Anna Berg said only that it was complicated.", ("quoted", "it was complicated.")),
        (
            "Anna Berg, the trade envoy, has argued for years that tariffs hurt farmers most.",
            ("quoted", "tariffs hurt farmers most."),
        ),
        (
            "In the report, Anna Berg concludes that tariffs have failed.",
            ("quoted", "tariffs have failed."),
        ),
        (
            "Anna Berg recalls that the talks nearly collapsed in 2019.",
            ("quoted", "the talks nearly collapsed in 2019."),
        ),
        # present tenses with an object are other acts
        ("Anna Berg recalls her childhood on a farm in Iowa with fondness.", ("mentioned", None)),
        ("Anna Berg declares bankruptcy for the second time.", ("mentioned", None)),
        ("Anna Berg replies to every letter by hand.", ("mentioned", None)),
    ],
)
def test_english_attribution_shapes(text: str, expected: tuple[str, str | None]) -> None:
    assert kind_and_quote(watching([BERG]), text, "x") == expected
