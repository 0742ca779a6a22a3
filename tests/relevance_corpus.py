"""The labelled China–U.S. relevance material of ``../shared/corpus``, split once by outlet.

Two sources, one list of :class:`Sample`:

- ``labels/relevance.json``: every article page under ``articles/`` (HTML, run through
  :func:`crawler.extract.extract_article` once per session, shared with the other corpus tests
  by :mod:`tests.corpus_truth`; a page whose extraction fails is scored from what the pipeline's
  ``extract_page`` would have with no feed metadata: nothing);
- ``texts/relevance-texts.json``: real news excerpts in 17 languages, many positives.

The split into a development part (tuning) and a test part (measuring) is by outlet, the
registrable domain, so one outlet's pages never sit on both sides: an outlet goes to the test part
when the first byte of SHA-256(``SPLIT_SALT`` + domain) is odd. The salt is fixed here forever;
changing it would let tuning see the test part.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from crawler.extract import ExtractionError
from crawler.urls import registrable_domain
from tests.corpus_truth import extract_corpus_page

SPLIT_SALT = "sinowatch-relevance-split-v1"
Part = Literal["dev", "test"]


@dataclass(frozen=True, slots=True)
class Sample:
    """One labelled article as the scorer sees it."""

    id: str
    outlet: str
    lang: str
    title: str
    text: str
    relevant: bool
    kind: Literal["page", "text"]

    @property
    def part(self) -> Part:
        return split_part(self.outlet)


def split_part(outlet: str) -> Part:
    """The fixed side of an outlet: ``test`` or ``dev``."""
    digest = hashlib.sha256(f"{SPLIT_SALT}:{outlet}".encode()).digest()
    return "test" if digest[0] % 2 else "dev"


def _page_samples(corpus: Path) -> list[Sample]:
    labels = json.loads((corpus / "labels" / "relevance.json").read_text(encoding="utf-8"))
    samples = []
    for entry in labels:
        html_path = corpus / entry["html"]
        meta = json.loads(html_path.with_suffix(".json").read_text(encoding="utf-8"))
        folder = html_path.parent.name
        url = meta.get("url") or f"https://{folder}/"
        try:
            article = extract_corpus_page(html_path, url)
            title, text = article.title or "", article.text or ""
        except ExtractionError:
            title = text = ""
        samples.append(
            Sample(
                id=html_path.stem,
                outlet=registrable_domain(f"https://{folder}/"),
                lang=entry["lang"],
                title=title,
                text=text,
                relevant=bool(entry["china_us_relevant"]),
                kind="page",
            )
        )
    return samples


def _text_samples(corpus: Path) -> list[Sample]:
    entries = json.loads((corpus / "texts" / "relevance-texts.json").read_text(encoding="utf-8"))
    samples = []
    for entry in entries:
        title = entry.get("title") or ""
        text = entry["text"]
        if title and text.startswith(title):  # the headline is the first line: give it once
            text = text[len(title) :].lstrip("\n")
        samples.append(
            Sample(
                id=entry["id"],
                outlet=registrable_domain(entry["url"]),
                lang=entry["lang"],
                title=title,
                text=text,
                relevant=bool(entry["china_us_relevant"]),
                kind="text",
            )
        )
    return samples


@cache
def load_samples(corpus: Path) -> tuple[Sample, ...]:
    """Every labelled sample (pages first, then texts); extraction runs once per process."""
    return tuple(_page_samples(corpus) + _text_samples(corpus))


@dataclass(frozen=True, slots=True)
class Counts:
    """True/false positives and misses over some samples."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def summary(self) -> str:
        if self.tp + self.fn == 0:
            return f"{self.fp} false pos." if self.fp else "–"
        return f"P {self.precision:.2f} R {self.recall:.2f}"


@dataclass(frozen=True, slots=True)
class Measured:
    """What a scorer marked on each sample."""

    marks: tuple[tuple[Sample, bool], ...]

    def by_lang(self, lang: str = "all") -> Counts:
        chosen = [(s, m) for s, m in self.marks if lang == "all" or s.lang == lang]
        return Counts(
            tp=sum(m and s.relevant for s, m in chosen),
            fp=sum(m and not s.relevant for s, m in chosen),
            fn=sum(s.relevant and not m for s, m in chosen),
        )

    def errors(self) -> list[tuple[Sample, bool]]:
        return [(s, m) for s, m in self.marks if m != s.relevant]


def measure(scorer: Callable[[Sample], bool], samples: Iterable[Sample]) -> Measured:
    """Run ``scorer`` (sample → marked relevant) over ``samples``."""
    return Measured(tuple((sample, scorer(sample)) for sample in samples))
