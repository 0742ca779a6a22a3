"""China–U.S. relevance measured on the shared corpus's labelled pages and texts (test part only).

Skips when ``../shared`` is absent. ``python bench/relevance.py`` prints the same figures per
language, beside the previous scorer and a keyword baseline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import RelevanceSettings
from crawler.relevance import RelevanceScorer
from tests.relevance_corpus import Sample, load_samples, measure, split_part

MIN_PRECISION = MIN_RECALL = 0.85


@pytest.fixture(scope="module")
def samples() -> tuple[Sample, ...]:
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    if not (corpus / "labels" / "relevance.json").exists():
        pytest.skip(f"shared corpus labels not found under {corpus}")
    return load_samples(corpus)


@pytest.mark.slow
def test_split_is_by_outlet_and_fixed(samples: tuple[Sample, ...]) -> None:
    parts: dict[str, set[str]] = {}
    for sample in samples:
        parts.setdefault(sample.outlet, set()).add(sample.part)
    assert all(len(sides) == 1 for sides in parts.values()), "an outlet on both sides"
    test = [s for s in samples if s.part == "test"]
    assert 0.3 < len(test) / len(samples) < 0.7
    assert sum(s.relevant for s in test) >= 50
    # the split is recorded in code (salt and hash): these sides must never change
    assert [split_part(d) for d in ("example.org", "example.com", "example.net")] == [
        "dev",
        "dev",
        "test",
    ]


@pytest.mark.slow
def test_precision_and_recall_on_the_test_part(samples: tuple[Sample, ...]) -> None:
    scorer = RelevanceScorer(RelevanceSettings())
    test = [s for s in samples if s.part == "test"]
    result = measure(lambda s: scorer.score(s.title, s.text).relevant, test)
    overall = result.by_lang()
    print(
        f"\nrelevance on the test part ({len(test)} samples): precision {overall.precision:.2f},"
        f" recall {overall.recall:.2f} (tp={overall.tp} fp={overall.fp} fn={overall.fn})"
    )
    assert overall.tp + overall.fn >= 50
    assert overall.precision >= MIN_PRECISION
    assert overall.recall >= MIN_RECALL
