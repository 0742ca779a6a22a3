"""Quote attribution for names and marks the invented set ``bench/data/quotes/invented-3.json``
showed failing: family-first romanised Chinese names with a hyphenated given name (Yeh Shu-fen),
a title before the name that names the person again later ("Professor Helen Marsh" … "the
professor said"), and British single marks around a quotation holding double ones. Each
article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings, WatchlistSettings
from alerts.experts.names import name_forms
from alerts.hits import ArticleText
from alerts.matcher import Matcher

EXPERTS = [
    ExpertSettings(id="yeh", name="Yeh Shu-fen"),
    ExpertSettings(id="lo", name="Chih-hung Lo"),
    ExpertSettings(id="leung", name="Leung Ho-man"),
    ExpertSettings(id="park", name="Park Ji-hoon"),
    ExpertSettings(id="felbab", name="Vanda Felbab-Brown"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.compile([WatchlistSettings(name="w", experts=EXPERTS)])


def kind_and_quote(matcher: Matcher, text: str, expert: str) -> tuple[str, str | None]:
    hits = matcher.match(ArticleText(title="", text=text))
    hit = next(hit for hit in hits if hit.kind == "expert" and hit.id == expert)
    return hit.mention, hit.quote


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("Yeh Shu-fen", "yeh"),
        ("Lo Chih-hung", "lo"),
        ("Kuo Ming-che", "kuo"),
        ("Leung Ho-man", "leung"),
        ("Yip Tsz-hin", "yip"),
        ("Shu-fen Yeh", "yeh"),
        ("Chih-hung Lo", "lo"),
    ],
)
def test_a_hyphenated_given_name_with_a_lower_case_syllable_leaves_the_family_name(
    name: str, family: str
) -> None:
    forms = name_forms(name)
    assert forms.family == family
    given = tuple(part for part in forms.variants[0] if part != family)
    assert {(family, *given), (*given, family)} <= set(forms.variants)


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("Vanda Felbab-Brown", "brown"),  # a capital after the hyphen: double-barrelled
        ("Park Ji-hoon", "park"),  # Korean, as before
        ("Ji-hoon Park", "park"),
        ("Lee Teng-hui", "lee"),
        ("Mary Shu-fen Yeh", "yeh"),  # three words: the last, as before
        ("Jean-luc Picard", "picard"),  # … and Jean-luc, a given name, stays first
    ],
)
def test_other_hyphenated_names_keep_their_family_name(name: str, family: str) -> None:
    assert name_forms(name).family == family


def test_a_double_barrelled_surname_still_takes_its_offices() -> None:
    assert ("senator", "brown") in name_forms("Vanda Felbab-Brown").variants
    assert not any("senator" in form for form in name_forms("Yeh Shu-fen").variants)


@pytest.mark.parametrize(
    ("text", "expert"),
    [
        (
            "Legislator Yeh Shu-fen questioned the budget on Tuesday.\n\n"
            "“We are paying far too much for ships that come far too late,” Yeh said.",
            "yeh",
        ),
        (
            "Leung Ho-man, a district councillor, spoke outside the court.\n\n"
            "“Nobody on this street expected the ruling to come so quickly,” Leung said.",
            "leung",
        ),
        (
            "Shu-fen Yeh, a legislator, spoke first.\n\n"
            "“The committee has asked these questions for three years now,” Yeh said.",
            "yeh",
        ),
    ],
)
def test_the_family_name_of_a_family_first_hyphenated_name_follows_it_up(
    matcher: Matcher, text: str, expert: str
) -> None:
    assert kind_and_quote(matcher, text, expert)[0] == "quoted"


def test_the_second_given_syllable_is_no_follow_up(matcher: Matcher) -> None:
    text = (
        "Legislator Yeh Shu-fen questioned the budget on Tuesday.\n\n"
        "“We are paying far too much for ships that come far too late,” Fen said."
    )
    assert kind_and_quote(matcher, text, "yeh") == ("mentioned", None)


def test_both_orders_of_a_family_first_hyphenated_name_are_full_mentions(
    matcher: Matcher,
) -> None:
    text = "Minister Chih-hung Lo met Lo Chih-hung's deputy, not Yeh Shu-fen."
    hits = matcher.match(ArticleText(title="", text=text))
    assert {hit.id for hit in hits if hit.kind == "expert"} >= {"lo", "yeh"}
    assert kind_and_quote(matcher, "Shu-fen Yeh arrived on Monday.", "yeh")[0] == "mentioned"
