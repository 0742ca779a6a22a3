"""Quote attribution for names and marks the invented set ``bench/data/quotes/invented-3.json``
showed failing: family-first romanised Chinese names with a hyphenated given name (Yeh Shu-fen),
a title before the name that names the person again later ("Professor Helen Marsh" … "the
professor said"), and British single marks around a quotation holding double ones. Each
article is invented for the test."""

from __future__ import annotations

import pytest

from alerts.config import ExpertSettings
from alerts.experts.names import name_forms
from alerts.experts.quotes import find_quotations
from alerts.hits import ArticleText
from alerts.matcher import Matcher
from alerts.textnorm import normalize
from tests.quoting import kind_and_quote, watching

EXPERTS = [
    ExpertSettings(id="yeh", name="Yeh Shu-fen"),
    ExpertSettings(id="lo", name="Chih-hung Lo"),
    ExpertSettings(id="leung", name="Leung Ho-man"),
    ExpertSettings(id="park", name="Park Ji-hoon"),
    ExpertSettings(id="felbab", name="Vanda Felbab-Brown"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return watching(EXPERTS)


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


MARKS_EXPERTS = [
    ExpertSettings(id="donnelly", name="Claire Donnelly"),
    ExpertSettings(id="reyes", name="Jordan Reyes"),
    ExpertSettings(id="pratt", name="Owen Pratt"),
]


@pytest.fixture(scope="module")
def marks_matcher() -> Matcher:
    return watching(MARKS_EXPERTS)


BRITISH = (
    "Ministers in Beijing's commerce department said any export of 'core code' needs a licence.\n\n"
    "Senator Claire Donnelly said: 'The law is the law. If Beijing wants to block a sale, that "
    "is a choice, and the app goes dark.'\n\n"
    "Jordan Reyes, a baker with two million followers, has moved to other platforms. 'I've been "
    "through three \"final deadlines\" now. I'm not waiting around for a fourth,' he said."
)


def test_single_marks_holding_double_ones_are_the_quotations(marks_matcher: Matcher) -> None:
    assert kind_and_quote(marks_matcher, BRITISH, "donnelly") == (
        "quoted",
        "The law is the law. If Beijing wants to block a sale, that is a choice, and the app "
        "goes dark.",
    )
    assert kind_and_quote(marks_matcher, BRITISH, "reyes") == (
        "quoted",
        "I've been through three \"final deadlines\" now. I'm not waiting around for a fourth",
    )


def test_a_double_mark_quotation_outside_single_ones_keeps_double_marks_read(
    marks_matcher: Matcher,
) -> None:
    text = BRITISH + '\n\nOwen Pratt said: "Nobody here has read the final text yet."'
    assert kind_and_quote(marks_matcher, text, "pratt") == (
        "quoted",
        "Nobody here has read the final text yet.",
    )
    found = normalize(text)
    quotations = [found.norm[start:end] for start, end in find_quotations(found)]
    assert quotations == ["final deadlines", "nobody here has read the final text yet."]


AMERICAN = (
    "Owen Pratt has watched the '90s boom and the workers' slump since he joined the union.\n\n"
    "\"It's not the factories' fault, and it isn't Beijing's alone,\" Pratt said. \"We've "
    "had 'temporary' tariffs for years.\"\n\n"
    "Claire Donnelly, the state's senior senator, said she'd seen the figures. \"They're "
    'grim," she said.'
)


def test_an_american_text_full_of_apostrophes_keeps_its_double_marks(
    marks_matcher: Matcher,
) -> None:
    assert kind_and_quote(marks_matcher, AMERICAN, "pratt") == (
        "quoted",
        "It's not the factories' fault, and it isn't Beijing's alone",
    )
    assert kind_and_quote(marks_matcher, AMERICAN, "donnelly")[0] == "quoted"


def test_a_stretch_between_apostrophes_holds_no_quotation(marks_matcher: Matcher) -> None:
    text = (
        "Owen Pratt said the '90s \"China shock\" hit the workers' pay hard and never let up, "
        'calling it "a slow bleed that nobody in Washington wanted to see."'
    )
    assert kind_and_quote(marks_matcher, text, "pratt") == (
        "quoted",
        "a slow bleed that nobody in Washington wanted to see.",
    )


TITLE_EXPERTS = [
    ExpertSettings(id="marsh", name="Helen Marsh"),
    ExpertSettings(id="okafor", name="David Okafor"),
    ExpertSettings(id="quinn", name="Nora Quinn"),
]


@pytest.fixture(scope="module")
def title_matcher() -> Matcher:
    return watching(TITLE_EXPERTS)


QUOTE = "“Nobody has read the fine print yet, and that will hurt,”"
QUOTED = ("quoted", "Nobody has read the fine print yet, and that will hurt")


@pytest.mark.parametrize(
    ("opening", "noun"),
    [
        ("Professor Helen Marsh", "professor"),
        ("Prof. Helen Marsh", "professor"),
        ("Sen. Helen Marsh", "senator"),
        ("Gov. Helen Marsh", "governor"),
        ("Ambassador Helen Marsh", "ambassador"),
        ("Foreign Minister Helen Marsh", "minister"),
        ("Minister of National Defense Helen Marsh", "minister"),
        ("Spokeswoman Helen Marsh", "spokesperson"),
    ],
)
def test_a_title_before_the_name_names_the_person_again(
    title_matcher: Matcher, opening: str, noun: str
) -> None:
    text = (
        f"{opening} has worked on trade rules for twenty years.\n\n"
        "The rules, signed by the commerce secretary, Gregory Alden, changed in March. "
        "Exporters are still adjusting.\n\n"
        f"{QUOTE} the {noun} said."
    )
    assert kind_and_quote(title_matcher, text, "marsh") == QUOTED


def test_someone_named_in_between_by_another_noun_leaves_the_described_person(
    title_matcher: Matcher,
) -> None:
    text = (
        "Professor Helen Marsh has taught trade law for twenty years.\n\n"
        "Tom Reed said on Friday that the rules were fair to everyone.\n\n"
        f"{QUOTE} the professor said."
    )
    assert kind_and_quote(title_matcher, text, "marsh") == QUOTED


@pytest.mark.parametrize(
    "between",
    [
        "Her colleague, Professor Tom Reed, disagrees with her.",
        "Tom Reed, a professor at a rival university, disagrees with her.",
        "Tom Reed, a scholar at a rival university, disagrees with her.",
    ],
)
def test_another_person_described_by_the_same_noun_in_between_takes_it(
    title_matcher: Matcher, between: str
) -> None:
    text = (
        "Professor Helen Marsh has taught trade law for twenty years.\n\n"
        f"{between}\n\n{QUOTE} the professor said."
    )
    assert kind_and_quote(title_matcher, text, "marsh") == ("mentioned", None)


@pytest.mark.parametrize(
    "text",
    [
        # another noun is someone else
        f"Professor Helen Marsh has taught trade law for years.\n\n{QUOTE} the minister said.",
        f"Foreign Minister Helen Marsh arrived on Monday.\n\n{QUOTE} the professor said.",
        # "the doctor" is a physician: Dr, set before any doctorate, is not read as it
        f"Dr Helen Marsh arrived at the clinic on Monday.\n\n{QUOTE} the doctor said.",
        # a title on someone else's name
        f"Helen Marsh met Professor Tom Reed on Monday.\n\n{QUOTE} the professor said.",
    ],
)
def test_a_title_names_only_its_own_person_again(title_matcher: Matcher, text: str) -> None:
    assert kind_and_quote(title_matcher, text, "marsh") == ("mentioned", None)


def test_a_pronoun_still_yields_to_anyone_named_in_between(title_matcher: Matcher) -> None:
    text = (
        "Professor Helen Marsh has taught trade law for twenty years.\n\n"
        "Tom Reed said on Friday that the rules were fair to everyone.\n\n"
        f"{QUOTE} she said."
    )
    assert kind_and_quote(title_matcher, text, "marsh") == ("mentioned", None)


def test_a_title_before_one_watched_name_names_only_that_one_again(
    title_matcher: Matcher,
) -> None:
    text = (
        "Senator David Okafor opened the hearing on Monday. Professor Nora Quinn spoke next.\n\n"
        f"{QUOTE} the professor said."
    )
    assert kind_and_quote(title_matcher, text, "quinn") == QUOTED
    assert kind_and_quote(title_matcher, text, "okafor") == ("mentioned", None)


FILLER = (
    "Exporters say the paperwork has doubled since the spring, and several small firms have "
    "stopped shipping to the region altogether while they wait for guidance from the ministry. "
)


def test_the_describing_noun_reaches_further_than_a_pronoun(title_matcher: Matcher) -> None:
    opening = "Professor Helen Marsh has taught trade law for twenty years.\n\n"
    far = opening + f"{FILLER * 3}\n\n{FILLER * 3}\n\n"
    assert kind_and_quote(title_matcher, f"{far}{QUOTE} the professor said.", "marsh") == QUOTED
    assert kind_and_quote(title_matcher, f"{far}{QUOTE} she said.", "marsh") == ("mentioned", None)
    too_far = far + f"{FILLER * 3}\n\n{FILLER * 3}\n\n"
    assert kind_and_quote(title_matcher, f"{too_far}{QUOTE} the professor said.", "marsh") == (
        "mentioned",
        None,
    )


@pytest.mark.parametrize(
    ("text", "alone", "both"),
    [
        # the surname alone is the one person of that family named so far …
        ('Manuel Ibarra counts the rigs. "I was doing five turns a day," said Ibarra, 52. His '
         "brother, Luis Ibarra, sold his truck.", "quoted", "quoted"),
        # … and anyone's once another of the family is named, unless news names a relative of
        # its subject in passing ("his brother, Luis Ibarra"): the surname stays its subject's
        ('Manuel Ibarra counts the rigs. His brother, Luis Ibarra, sold his truck. "I was doing '
         'five turns a day," said Ibarra, 52.', "quoted", "quoted"),
        ('Manuel Ibarra counts the rigs. Luis Ibarra, a rival, sold his truck. "I was doing '
         'five turns a day," said Ibarra, 52.', "mentioned", "mentioned"),
        ('In May, Luis Ibarra sold his truck. Manuel Ibarra counts the rigs. "I was doing '
         'five turns a day," said Ibarra, 52.', "mentioned", "mentioned"),
    ],
)  # fmt: skip
def test_a_surname_alone_is_the_one_person_of_that_family_named_so_far(
    text: str, alone: str, both: str
) -> None:
    for watched, mention in ((["Manuel Ibarra"], alone), (["Manuel Ibarra", "Luis Ibarra"], both)):
        matcher = watching([ExpertSettings(id=name.split()[0], name=name) for name in watched])
        assert kind_and_quote(matcher, text, "Manuel")[0] == mention


def test_a_relative_named_in_passing_never_takes_the_surname() -> None:
    matcher = watching(
        [ExpertSettings(id=name.split()[0], name=name) for name in ("Manuel Ibarra", "Luis Ibarra")]
    )
    text = (
        "Manuel Ibarra counts the rigs. His brother, Luis Ibarra, sold his truck. Manuel has "
        'thought about it. "Luis got out at the right time," he said. "I was doing five turns a '
        'day," said Ibarra, 52.'
    )
    assert kind_and_quote(matcher, text, "Luis") == ("mentioned", None)
    assert kind_and_quote(matcher, text, "Manuel") == ("quoted", "Luis got out at the right time")


def test_a_pronoun_after_another_watched_persons_surname_is_not_the_first_ones() -> None:
    matcher = watching(
        [
            ExpertSettings(id="amsel", name="Gregory Amsel"),
            ExpertSettings(id="lin", name="Lin Pei-chen"),
        ]
    )
    text = (
        "Gregory Amsel briefed reporters. Asked whether the package had been shaped by Lin "
        "Pei-chen, the Taiwanese legislator, Amsel demurred. \"I'll leave those choices to "
        'Taiwan," he said.'
    )
    assert kind_and_quote(matcher, text, "lin") == ("mentioned", None)


def test_a_relative_in_passing_in_german() -> None:
    matcher = watching([ExpertSettings(id="martin", name="Martin Albrecht")])
    text = (
        "Martin Albrecht kennt das Problem. Das Werk in Taicang leitet sein Bruder Thomas "
        "Albrecht. „Jetzt rechnet sich das nicht mehr“, sagt Albrecht."
    )
    assert kind_and_quote(matcher, text, "martin") == (
        "quoted",
        "Jetzt rechnet sich das nicht mehr",
    )
