"""Shapes the twentieth and twenty-first invented sets showed missing, each in our own words.

A live blog names two delegation heads together, then each by surname in their own entry: the
pronoun after "08:41 — Crowe has arrived." is his, and a Chinese surname that is a word in
another language ("Ma") still opens an English sentence as the person. Each article is invented
for the test."""

from __future__ import annotations

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

LIVE_BLOG = (
    "08:05 — Delegations led by trade envoy Alan Crowe and Vice Minister Ma Ruixue are due back "
    "at 9 a.m.\n\n"
    '08:41 — Crowe has arrived and stopped briefly in front of the cameras. "We are not there '
    'yet," he said.\n\n'
    '10:12 — Senator Paul Dwyer has weighed in online. "Any deal without fentanyl is a bad '
    'deal," he wrote.\n\n'
    '14:15 — Talks have broken for lunch. Ma briefly addressed reporters on the way out. "The '
    'talks have been candid," she said, according to a pool report.'
)


def test_a_live_blog_s_surnames_each_keep_their_own_pronoun() -> None:
    ma = ExpertSettings(id="ma", name="Ma Ruixue")
    crowe = ExpertSettings(id="crowe", name="Alan Crowe")
    assert kind_and_quote(watching([ma]), LIVE_BLOG, "ma") == (
        "quoted",
        "The talks have been candid",
    )
    both = watching([ma, crowe])
    assert kind_and_quote(both, LIVE_BLOG, "ma") == ("quoted", "The talks have been candid")
    assert kind_and_quote(both, LIVE_BLOG, "crowe") == ("quoted", "We are not there yet")


def test_an_italian_ma_is_no_surname() -> None:
    text = (
        'Il ministro Ma Ruixue è arrivato a Roma. Ma il governo non ha commentato. "È un '
        'errore," ha detto un portavoce.'
    )
    assert kind_and_quote(watching([ExpertSettings(id="ma", name="Ma Ruixue")]), text, "ma") == (
        "mentioned",
        None,
    )
