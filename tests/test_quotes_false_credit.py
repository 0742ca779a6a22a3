"""Passages two adversarial reviews wrote against the eighth session's quote rules, where a new
rule credited the wrong person or lost a right attribution (tests/data/quotes_false_credit.json,
invented text): every person of a passage is watched at once, and each must get the kind a
careful reader gives ("kind": null where the reader's answer is one the matcher misses today)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alerts.config import ExpertSettings
from tests.quoting import kind_and_quote, watching

PASSAGES = json.loads(
    (Path(__file__).parent / "data" / "quotes_false_credit.json").read_text("utf-8")
)


@pytest.mark.parametrize("passage", PASSAGES, ids=[passage["id"] for passage in PASSAGES])
def test_no_false_credit(passage: dict) -> None:
    people = passage["people"]
    matcher = watching(
        [
            ExpertSettings(id=f"p{number}", name=person["name"], aliases=person["aliases"])
            for number, person in enumerate(people)
        ]
    )
    for number, person in enumerate(people):
        if person["kind"] is not None:
            found = kind_and_quote(matcher, passage["text"], f"p{number}")[0]
            assert found == person["kind"], person["name"]
