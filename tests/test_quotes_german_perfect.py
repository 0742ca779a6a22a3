"""German reported speech in the perfect, and where and when before the reported clause's comma.

German closes a clause in the perfect with its participle ("Keane hat vor dem Kongress gesagt,
China könne …"), so the speech verb stands words away from the name; and in verb-second order
where and when it was said come between the verb and the comma ("sagte vor dem Kongress, …"),
which are not what was said. Each article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

KEANE = ExpertSettings(id="x", name="Samuel Keane")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Der amerikanische Admiral Samuel Keane hat vor dem Kongress gesagt, China könne bis "
            "2027 bereit sein, Taiwan anzugreifen.",
            ("quoted", "China könne bis 2027 bereit sein, Taiwan anzugreifen."),
        ),
        (
            "Samuel Keane hatte zuvor betont, die Zölle würden bleiben.",
            ("quoted", "die Zölle würden bleiben."),
        ),
        (
            "Samuel Keane hat am Montag erklärt, dass China bis 2027 bereit sein könne.",
            ("quoted", "China bis 2027 bereit sein könne."),
        ),
        (
            "Samuel Keane hat am Montag erklärt: „Die Zölle bleiben.“",
            ("quoted", "Die Zölle bleiben."),
        ),
        # the pronoun's perfect in the next sentence
        (
            "Samuel Keane ist Admiral der US-Marine. Er hat vor dem Kongress gesagt, China könne "
            "bis 2027 bereit sein.",
            ("quoted", "China könne bis 2027 bereit sein."),
        ),
        # where and when before the comma are no part of what was said
        (
            "Samuel Keane sagte vor dem Kongress, China könne bis 2027 bereit sein.",
            ("quoted", "China könne bis 2027 bereit sein."),
        ),
        # … but a clause that opens with a preposition keeps it
        (
            "Samuel Keane sagte, vor dem Kongress habe China gelogen.",
            ("quoted", "vor dem Kongress habe China gelogen."),
        ),
        # a perfect with no speech verb, or someone else's, says nothing of his
        ("Samuel Keane hat den Zöllen widersprochen.", ("mentioned", None)),
        (
            "Der Minister hat Samuel Keane gestern gesagt, die Zölle blieben.",
            ("mentioned", None),
        ),
    ],
)
def test_german_perfect(text: str, expected: tuple) -> None:
    assert kind_and_quote(watching([KEANE]), text, "x") == expected
