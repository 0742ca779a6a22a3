"""The shared corpus' pages, extracted once per session, and comparing extractions with its
ground truth, the same way in every test."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

from crawler.extract import ExtractionError, extract_article
from crawler.records import ExtractedArticle

_QUOTES = str.maketrans({c: None for c in "\"'‘’“”«»„「」"} | {"\u00ad": None})


def fold(value: str | None) -> str:
    return " ".join((value or "").split())


def titles_agree(got: str | None, want: str | None) -> bool:
    """Equal once quote marks and soft hyphens are set aside, or one is the other plus a
    site name or kicker (``… - Yahoo!ニュース``, ``Coronavirus: …``): ground truths disagree on
    which headline is "the" title (og:title, <h1>, <title> with the site name)."""
    got, want = fold((got or "").translate(_QUOTES)), fold((want or "").translate(_QUOTES))
    return bool(got) and (got == want or got in want or want in got)


@functools.cache
def _extracted(html: Path, url: str) -> ExtractedArticle | ExtractionError:
    try:
        return extract_article(html.read_bytes(), url)
    except ExtractionError as exc:
        return exc


def extract_corpus_page(html: Path, url: str) -> ExtractedArticle:
    """``extract_article(html.read_bytes(), url)``, run once per session for each page and URL
    (trafilatura on the 233 corpus pages is most of the corpus tests' time): every test that
    asks with the same arguments gets a copy of the same result, or the same ExtractionError."""
    result = _extracted(html, url)
    if isinstance(result, ExtractionError):
        raise ExtractionError(*result.args)  # a fresh one: no traceback carried between tests
    return copy.deepcopy(result)
