"""crawler.report: one typed recorder per source run; the ledger follows its fields.

The end-to-end behaviour (stored ledger, reasons, statuses) is covered by the crawl tests; these
check the recorder's own rules and the channel that hands it to the Scrapy components.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.config import RelevanceSettings, SourceSettings
from crawler.crawlstate import RetryEntry
from crawler.ledger import (
    FAIL_EXTRACTION,
    FAIL_TIMEOUT,
    OUTCOME,
    SKIP_INTERRUPTED,
    SKIP_OVER_LIMIT,
    CrawlLedger,
)
from crawler.pipelines import StorePipeline
from crawler.records import FetchedPage
from crawler.report import CrawlReport
from crawler.runcontext import RunPlan, SourceCrawler
from crawler.spiders import FeedSpider

SOURCE = SourceSettings(id="news", name="News", kind="feed", url="http://127.0.0.1:9/feed")


def report(*, baseline: bool = False, **plan: object) -> CrawlReport:
    return CrawlReport(RunPlan(source=SOURCE, baseline=baseline, known_urls=dict, **plan))  # type: ignore[arg-type]


def page(url: str) -> FetchedPage:
    return FetchedPage(source_id=SOURCE.id, url=url)


def test_every_outcome_recorded_balances_the_ledger_and_reaches_the_source_report() -> None:
    run = report()
    run.offered(6)
    run.known("http://a/1")
    run.stored_page("http://a/2", "new", relevant=True)
    run.stored_page("http://a/3", "revision", relevant=True)
    run.stored_page("http://a/4", "new", relevant=False, partial="no article text found")
    run.skipped(SKIP_OVER_LIMIT)
    assert not run.failed(page("http://a/5"), FAIL_TIMEOUT, "timed out")
    run.index_read(SOURCE.all_urls[0])
    run.alerted(2)
    run.finish()

    assert run.unbalanced is None
    assert run.ledger.as_dict() == {
        "entries": 6,
        "new": 1,
        "updated": 1,
        "known": 1,
        "skipped": {SKIP_OVER_LIMIT: 1},
        "failed": {FAIL_EXTRACTION: 1, FAIL_TIMEOUT: 1},
        "warnings": [],
    }
    # a known entry is kept only when it has a retry pending (a big feed's would add up)
    assert run.stored == {"http://a/2", "http://a/3", "http://a/4"}
    assert run.failures["http://a/5"].detail == "timed out (attempt 1 of 4; retried later)"
    assert not run.settled, "an entry over the limit is left for the next crawl"
    assert run.validators_to_save() == {}
    summary = run.source_report(requests=3, seconds=0.5)
    assert (summary.new_articles, summary.revised, summary.known) == (1, 1, 1)
    assert (summary.relevant, summary.alerts, summary.errors, summary.status) == (1, 2, 2, "ok")


def test_a_lost_entry_unbalances_the_run_and_an_interrupted_one_is_left_for_later() -> None:
    lost = report()
    lost.offered(2)
    lost.known("http://a/1")
    lost.finish()
    assert lost.unbalanced and "2 entries offered, 1 accounted for" in lost.unbalanced
    assert not lost.settled
    assert lost.details()["unbalanced"] == lost.unbalanced

    stopped = report()
    stopped.offered(2)
    stopped.known("http://a/1")
    stopped.interrupt()
    stopped.finish()
    assert stopped.unbalanced is None
    assert stopped.ledger.skipped == {SKIP_INTERRUPTED: 1}
    assert stopped.status == "interrupted"


def test_a_failed_entry_is_given_up_once_its_attempts_are_spent() -> None:
    prior = RetryEntry(url="http://a/1", attempts=3, due=True, baseline=True, entry={})
    run = report(retries={prior.url: prior}, max_attempts=4, retry_backoff=timedelta(minutes=1))
    run.offered()
    assert run.failed(page(prior.url), FAIL_TIMEOUT, "timed out")
    failure = run.failures[prior.url]
    assert (failure.attempts, failure.given_up, failure.baseline) == (4, True, True)
    assert failure.detail == "given up after 4 attempts: timed out"


def test_a_new_ledger_count_is_one_field() -> None:
    """What the docstring of CrawlLedger promises: the stored form and the invariant follow."""

    @dataclass
    class WithDeferred(CrawlLedger):
        deferred: int = field(default=0, metadata=OUTCOME)

    ledger = WithDeferred()
    ledger.offered(2)
    ledger.known += 1
    with pytest.raises(AssertionError, match="2 entries offered, 1 accounted for"):
        ledger.check()
    ledger.deferred += 1
    ledger.check()
    assert ledger.as_dict()["deferred"] == 1
    assert WithDeferred.from_dict(ledger.as_dict()) == ledger


def test_the_stored_ledger_reads_back_as_it_was() -> None:
    ledger = CrawlLedger()
    ledger.offered(3)
    ledger.skip("robots.txt", 2)
    ledger.fail("HTTP 500", "http://a/1", "HTTP 500")
    ledger.warn("the feed has no entries")
    again = CrawlLedger.from_dict(ledger.as_dict())
    again.check()
    assert again.as_dict() == ledger.as_dict()
    assert again.failed_pages == [], "failed pages are kept beside the ledger, not in it"


def test_the_components_take_the_report_and_services_from_a_source_crawler_only() -> None:
    with pytest.raises(NotConfigured):
        StorePipeline.from_crawler(Crawler(FeedSpider, {}))
    run = report()
    services = SimpleNamespace(relevance=RelevanceSettings())  # what the pipeline reads at start
    crawler = SourceCrawler(FeedSpider, {}, report=run, services=services)  # type: ignore[arg-type]
    pipeline = StorePipeline.from_crawler(crawler)
    assert pipeline.report is run and pipeline.services is services
    spider = FeedSpider.from_crawler(crawler)
    assert (spider.report, spider.plan, spider.name) == (run, run.plan, SOURCE.id)
