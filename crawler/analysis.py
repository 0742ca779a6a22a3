"""One page's analysis: extraction, then relevance scoring.

The function the pipeline runs off the event loop, in a thread or in the worker processes of a
:class:`crawler.workers.ExtractionPool`. It lives apart from :mod:`crawler.pipelines` so that a
worker process imports only extraction and scoring (about 43 MiB resident), not the pipeline's
storage and Scrapy stack (about 140 MiB).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from crawler.extract import extract_page
from crawler.records import ExtractedArticle, FetchedPage, Relevance
from crawler.relevance import RelevanceScorer, ScorerSettings, always_relevant
from crawler.workerinit import batched_by


@dataclass(frozen=True, slots=True)
class Analysed:
    page: FetchedPage
    article: ExtractedArticle
    relevance: Relevance


def analyse_together(calls: list[tuple[FetchedPage, ScorerSettings, bool]]) -> list[Analysed]:
    """:func:`analyse` for several pages: all extracted, then all scored. A score right after
    an extraction costs 2–3× one after another score (extraction evicts the scorer's tables and
    code from the caches): 0.17–0.19 ms a score on the crawl bench's pages, 0.12 two at a time,
    0.08 eight at a time."""
    articles = [extract_page(page) for page, _, _ in calls]
    return [
        _scored(page, article, relevance, always)
        for (page, relevance, always), article in zip(calls, articles, strict=True)
    ]


@batched_by(analyse_together)
def analyse(page: FetchedPage, relevance: ScorerSettings, always: bool) -> Analysed:
    """Extract one page and score it (runs in a worker thread or process)."""
    return _scored(page, extract_page(page), relevance, always)


def _scored(
    page: FetchedPage, article: ExtractedArticle, relevance: ScorerSettings, always: bool
) -> Analysed:
    if always:
        return Analysed(page, article, always_relevant())
    return Analysed(page, article, scorer(relevance).score(article.title or "", article.text or ""))


@cache
def scorer(relevance: ScorerSettings) -> RelevanceScorer:
    """The process's scorer for ``relevance`` (building one compiles every term list: ~0.1 s;
    worker processes build their own once)."""
    return RelevanceScorer(relevance)
