"""Quote attribution and name placement on the labelled corpus (bench/quotes.py's measures).

The figures are floors just under what the code reaches today on both the development and the
test part (split by outlet; test part: kind 0.896, quote text 0.750, quote text if attributed
0.823, expert hit precision 1.000; development part: 0.987, 0.871, 0.885, 1.000), and on the
invented sets of bench/data/quotes (kind 0.956, quote text 0.827), so a change
that loses attributions fails here; bench/quotes.py prints the figures beside the pre-issue-14
baseline. The issue's target of 0.9 is not reached on the test part. The rules were tuned on the
development part only, where most of what is still wrong is which of a speaker's several
quotations the label holds; the test part's rows were not read (``--show test`` lists them).
Pages are extracted through the session's cache (tests/corpus_truth.py): the same
``extract_article`` results tests/test_extract.py checks, computed once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.quotes import (
    INVENTED,
    attribution,
    extended_label,
    figures,
    load,
    load_invented,
    people,
    placement,
)
from tests.corpus_truth import extract_corpus_page

# Floors a label or two under the measured figures (each part has ~60 labelled quotes: one label
# moves a ratio by ~0.016); bench/quotes.py reports the figures themselves.
KIND_FLOOR = 0.87
QUOTE_TEXT_FLOOR = 0.72
QUOTE_IF_ATTRIBUTED_FLOOR = 0.80
EXPERT_PRECISION_FLOOR = 0.97


def test_label_names_become_watched_people() -> None:
    assert people("肖冰 (Xiao Bing)") == [("Xiao Bing", ("肖冰",))]
    assert people("Johnston (Tom Johnston)") == [("Tom Johnston", ())]
    assert people("Xi Jinping (习近平)") == [("Xi Jinping", ("习近平",))]
    assert people("A Bee, Cee Dee (joint statement)") == [("A Bee", ()), ("Cee Dee", ())]
    for role in ("TikTok spokesman", "US officials (statement)", "Sprecherin (TikTok spokeswoman)"):
        assert people(role) is None


@pytest.mark.parametrize(
    ("label", "text", "extended"),
    [
        # a quotation runs to its closing mark, over a paragraph opening with a mark again
        ("A b.", "He said: “A b. C d.” Then", "A b. C d."),
        ("A b.", "He said: “A b.\n\n“C d,” he said.", "A b.\n\n“C d,"),
        ("Das ist", "Er sagte: „Das ist gut“, und", "Das ist gut"),
        (
            "I've been",
            "'I've been through it. Not again,' he said.",
            "I've been through it. Not again,",
        ),
        # reported speech outside marks runs to its sentence's end, not to a later quotation
        ("A事", "张明表示，A事，B事。“C事”，他说。", "A事，B事。"),
        (
            "the talks",
            'He said the talks were "good" for now. Then "no," he said.',
            'the talks were "good" for now.',
        ),
        # corner brackets close with their own pair, past a nested 『…』
        ("A事。", "张明说：「A事。『B』C事」，然后", "A事。『B』C事"),
        (
            "Les droits",
            "Il a dit : « Les droits “montent” vite » puis",
            "Les droits “montent” vite ",
        ),
        # a label that ends its sentence stays as it is
        ("the talks failed.", "He said the talks failed. “No,” she said.", "the talks failed."),
    ],
)
def test_a_label_extends_to_where_what_it_starts_ends(label: str, text: str, extended: str) -> None:
    assert extended_label(label, text) == extended


@pytest.mark.corpus
def test_labelled_quotes_keep_their_attribution(corpus_dir: Path) -> None:
    result = figures(attribution(load(corpus_dir, extract=False)), [])
    for part in ("dev", "test"):
        row = result[part]
        assert row["speakers"] > 50 and row["quotes"] > 40, part  # both parts are real samples
        assert row["kind_ok"] / row["speakers"] >= KIND_FLOOR, (part, row)
        assert row["quote_ok"] / row["quotes"] >= QUOTE_TEXT_FLOOR, (part, row)
        assert row["quote_ok"] / row["attributed"] >= QUOTE_IF_ATTRIBUTED_FLOOR, (part, row)


@pytest.mark.slow
@pytest.mark.corpus
def test_expert_hits_come_from_the_article_not_beside_it(corpus_dir: Path) -> None:
    result = figures([], placement(load(corpus_dir, extractor=extract_corpus_page)))
    for part in ("dev", "test"):
        row = result[part]
        hits = row["expert_both"] + row["expert_extra"]
        assert hits > 40, part
        assert row["expert_both"] / hits >= EXPERT_PRECISION_FLOOR, (part, row)


INVENTED_KIND_FLOOR = 0.95
INVENTED_QUOTE_TEXT_FLOOR = 0.81


def test_invented_sets_keep_their_attribution() -> None:
    """The invented sets ship with the repository (``bench/data/quotes``), so this runs
    everywhere; floors a few labels under the measured 0.956 and 0.827 (twenty-seven sets, 4753
    judgements; the eleventh to thirteenth, added on 2026-12-02, label a person's first words, a
    fragment or reported speech included, where the matcher reports their quotation joined to its
    attribution; the fourteenth, fifteenth and seventeenth are held out, their rows unread (blind
    runs 0.878 and 0.775, 0.906 and 0.808, 0.882 and 0.684); the sixteenth and eighteenth to
    twenty-seventh were released for development after their blind runs (0.877 and 0.785; 0.912
    and 0.671; 0.822 and 0.695; 0.958 and 0.885; 0.858 and 0.746; 0.939 and 0.765; 0.936 and
    0.885 with 0.873 and 0.569 for the twenty-third's two halves; 0.961 and 0.811; 0.896 and
    0.743; 0.844 and 0.707; 0.928 and 0.821))."""
    row = figures(attribution(load_invented(sorted(INVENTED.glob("*.json")))), [])["invented"]
    assert row["speakers"] > 4400 and row["quotes"] > 2500
    assert row["kind_ok"] / row["speakers"] >= INVENTED_KIND_FLOOR, row
    assert row["quote_ok"] / row["quotes"] >= INVENTED_QUOTE_TEXT_FLOOR, row
