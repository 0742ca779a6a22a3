"""What every source spider shares: index requests, known-URL skipping, article requests.

A source spider fetches its index documents (feeds, sitemaps or listing pages) with conditional
GET, turns them into :class:`Candidate` links, drops the ones already stored, and yields one
:class:`FetchedPage` per remaining article. It never writes anything.

Feed and sitemap bodies arrive in a temporary file (:mod:`crawler.spool`) and are read in
parts of a few hundred entries in the spider's reading thread; each part goes through
:meth:`SourceSpider.article_requests` (one store lookup for its entries) before the next is
read, so a 100,000-item feed is never held whole, as bytes or as entries.

Every candidate gets exactly one outcome in the run's ledger (:mod:`crawler.ledger`): counted
as offered once per part of an index document at the top of
:meth:`SourceSpider.article_requests`, then
known, skipped (duplicate, over the per-run limit, robots.txt, another domain…) or handed to the
pipeline (new / updated / known / failed). A page that cannot be fetched is a failed entry kept
for a retry by later crawls — fetched when the crawl is otherwise done, even behind a 304 — and,
once its attempts are spent, yielded with the reason so the feed's title and summary stand in.
Redirects that Scrapy would drop without a word (to another host, into a loop) are failed
entries with the reason.

Entry links are screened once, right after they are counted as offered
(:mod:`crawler.entrylinks`): malformed, non-web, private and offsite links are counted as skipped
with their reason; links to other domains also give one warning with the ``allowed_domains`` hint.
Redirects are refused visibly by :mod:`crawler.fetchguards`.

Outcomes are recorded through the run's :class:`~crawler.report.CrawlReport`, which the spider
takes (with the run's :class:`~crawler.runcontext.RunPlan`) from its crawler.

Settings: ``max_articles_per_run`` (through the run plan), ``allowed_domains`` of the source
(default: the registered domains of its URLs, see :mod:`crawler.entrylinks` for ports).
"""

from __future__ import annotations

import asyncio
import io
from collections import Counter
from collections.abc import AsyncIterator, Generator, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any, ClassVar, TypeVar
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, DownloadCancelledError, IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.entrylinks import LinkPolicy, offsite_warning, problem, screen
from crawler.fetchguards import Refused
from crawler.ledger import (
    FAIL_CONNECTION,
    FAIL_NOT_HTML,
    FAIL_OFFSITE_REDIRECT,
    FAIL_REDIRECT_LOOP,
    FAIL_ROBOTS_UNAVAILABLE,
    FAIL_TIMEOUT,
    FAIL_TOO_LARGE,
    SKIP_DUPLICATE,
    SKIP_OVER_LIMIT,
    SKIP_RETRY_WAITING,
    SKIP_ROBOTS,
)
from crawler.middlewares import META_KEY
from crawler.records import FetchedPage
from crawler.runcontext import source_crawler
from crawler.scrapy_settings import MAX_INDEX_BYTES
from crawler.sitemaps import DEFAULT_MAX_BYTES
from crawler.spool import BODY, SPOOL, IndexBody, TooLarge

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from crawler.crawlstate import RetryEntry
    from crawler.report import CrawlReport


T = TypeVar("T")


class Unreadable(Exception):
    """An index body that cannot be read; ``str()`` is the reason shown to the user."""


@dataclass(slots=True, frozen=True)
class Candidate:
    """An article link found in an index document, with what the index says about it."""

    url: str
    title: str | None = None
    summary: str | None = None
    published: datetime | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    updated: datetime | None = None
    """When the index says the article last changed: a stored article older than this is
    fetched again (its changed text becomes a revision)."""

    @classmethod
    def from_retry(cls, retry: RetryEntry) -> Candidate:
        """The candidate of a failed entry, from what its index said when it was offered."""
        entry = retry.entry
        published = entry.get("published")
        return cls(
            url=retry.url,
            title=entry.get("title"),
            summary=entry.get("summary"),
            published=datetime.fromisoformat(published) if published else None,
            authors=list(entry.get("authors") or []),
            outlet=entry.get("outlet"),
        )


class SourceSpider(scrapy.Spider):
    """Base of the feed, sitemap and listing spiders; subclasses implement :meth:`parse_index`."""

    kind: ClassVar[str]
    spool_index: ClassVar[bool] = False
    """Whether index bodies go to a temporary file as they arrive (:mod:`crawler.spool`), read
    from there with :meth:`index_document` (feeds, sitemaps), or stay in memory (listing pages,
    for their selectors)."""

    def __init__(self, report: CrawlReport, **kwargs: Any) -> None:
        self.report = report
        self.plan = report.plan
        self.source = self.plan.source
        super().__init__(name=self.source.id, **kwargs)
        self.links = LinkPolicy.for_source(self.source)
        self.offsite_hosts: Counter[str] = Counter()
        """Hosts of the entry links skipped as on another domain (one warning at the end)."""
        self.seen: set[str] = set()
        """Entry URLs offered so far in this run (a repeat is a duplicate entry)."""
        self.scheduled = 0
        """Candidates taken for fetching so far (see :meth:`take`)."""
        self.reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"index-{self.name}")
        """Where index documents are read (:meth:`read_in_thread`): off the event loop, and
        each one in a single thread, as lxml wants a parse to stay in one."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        report = source_crawler(crawler).report
        spider = super().from_crawler(crawler, *args, report=report, **kwargs)
        crawler.signals.connect(spider._retry_failed_entries, signal=signals.spider_idle)
        crawler.signals.connect(spider._article_dropped, signal=signals.request_dropped)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.source.all_urls:
            yield self.index_request(url)

    def index_request(self, url: str) -> scrapy.Request:
        """A request for an index document, sent as a conditional GET keyed by its URL."""
        return scrapy.Request(
            url,
            callback=self._index_response,
            errback=self._index_failed,
            dont_filter=True,
            priority=10,
            meta={
                META_KEY: url,
                "download_maxsize": self.index_max_bytes,
                "download_warnsize": self.index_max_bytes // 2,
                SPOOL: self.spool_index,
            },
        )

    async def _index_response(self, response: Response) -> AsyncIterator[Any]:
        url = response.meta.get(META_KEY, response.url)
        if response.status == 304:
            self.report.index_unchanged(url)
            return
        self.report.index_read(url)
        try:
            async for output in self.parse_index(response, url):
                yield output
        finally:
            if (body := IndexBody.of(response)) is not None:
                body.close()

    def _index_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self.release_body(request)
        self.report.index_failed(
            request.meta.get(META_KEY, request.url),
            describe_failure(failure, self.index_max_bytes, INDEX_LIMIT),
        )

    @staticmethod
    def release_body(request: scrapy.Request) -> None:
        """Close the spooled body (its temporary file) of a failed index request: part of it
        may have arrived before a timeout or a data loss; every errback calls this."""
        if isinstance(body := request.meta.pop(BODY, None), IndexBody):
            body.close()

    @property
    def index_max_bytes(self) -> int:
        """``crawler.max_index_bytes``: the size limit of a feed or sitemap."""
        return self.crawler.settings.getint(MAX_INDEX_BYTES) or DEFAULT_MAX_BYTES

    @property
    def max_bytes(self) -> int | None:
        """``crawler.max_page_bytes`` (Scrapy's DOWNLOAD_MAXSIZE), for failure reasons."""
        return self.crawler.settings.getint("DOWNLOAD_MAXSIZE") or None

    @staticmethod
    def is_index_request(request: scrapy.Request) -> bool:
        return META_KEY in request.meta

    def index_redirect_refusal(self, request: scrapy.Request) -> Refused | None:
        """Why a redirect of an index document is not followed (None: follow it). An index
        may redirect within its own host or the source's allowed sites, never elsewhere."""
        original = urlsplit(request.meta["redirect_urls"][0])
        target = urlsplit(request.url)
        if target.netloc.lower() == original.netloc.lower():
            return None
        if problem(request.url, local=self.links.local) is None and self.links.allows(request.url):
            return None
        return Refused(f"redirected to another host ({target.netloc}): not followed")

    def parse_index(self, response: Response, url: str) -> AsyncIterator[Any]:
        """Yield index requests and article requests/pages for one index document."""
        raise NotImplementedError

    def index_document(self, response: Response) -> IO[bytes]:
        """The index body as a file at its start, its Content-Encoding decoded (blocking: call
        it in :meth:`read_in_thread`).

        Raises:
            Unreadable: it decodes to more than ``max_index_bytes``, or cannot be decoded.
        """
        body = IndexBody.of(response)
        if body is None:
            return io.BytesIO(response.body)
        try:
            return body.document(self.index_max_bytes)
        except TooLarge:
            raise Unreadable(
                _too_large(self.index_max_bytes, INDEX_LIMIT, "decompressed")
            ) from None
        except ValueError as exc:
            codings = b", ".join(body.encodings).decode("latin-1")
            raise Unreadable(
                f"cannot decompress the body (Content-Encoding {codings}): {exc}"
            ) from exc

    async def read_in_thread(self, parts: Generator[T, None, None]) -> AsyncIterator[T]:
        """The parts of an index document, each read by ``parts`` in :attr:`reader`; the
        spider handles one (its entries' store lookups, its requests) before the next is read,
        so no more than one part's entries are held."""
        loop = asyncio.get_running_loop()
        try:
            while (part := await loop.run_in_executor(self.reader, next, parts, None)) is not None:
                yield part
        finally:  # closed in its thread, after a read still running there (a cancelled crawl)
            try:
                self.reader.submit(parts.close)
            except RuntimeError:  # the spider has closed: nothing runs there any more
                parts.close()

    def warn_index(self, url: str, text: str) -> None:
        """Something about an index document the user should see (it was still read)."""
        self.report.warning(f"{url}: {text}")

    def closed(self, reason: str) -> None:
        self.reader.shutdown(wait=False)
        if self.offsite_hosts:
            self.report.warning(offsite_warning(self.offsite_hosts))

    def take(self, count: int) -> int:
        """How many of ``count`` new candidates may still be fetched in this run.

        A baseline takes every one: it must cover everything offered, or the entries left out
        would alert as new on the next crawl.
        """
        if self.plan.baseline:
            allowed = count
        else:
            allowed = min(count, max(self.plan.source_limit - self.scheduled, 0))
        self.scheduled += allowed
        return allowed

    async def article_requests(self, candidates: Iterable[Candidate]) -> AsyncIterator[Any]:
        """Give every candidate one outcome: skip repeats and stored ones (unless the index
        says they changed since they were stored); yield requests (or pages) for the rest, up to
        the per-run limit (a baseline takes them all)."""
        candidates = list(candidates)
        report, plan = self.report, self.plan
        report.offered(len(candidates))
        screened = screen(candidates, self.links, fetching=self.source.fetch_articles)
        for reason, count in screened.skipped.items():
            report.skipped(reason, count)
        self.offsite_hosts.update(screened.offsite_hosts)
        candidates = screened.kept
        by_url: dict[str, Candidate] = {}
        for candidate in candidates:
            if candidate.url in by_url or candidate.url in self.seen:
                report.skipped(SKIP_DUPLICATE)
            else:
                by_url[candidate.url] = candidate
        self.seen.update(by_url)
        urls = list(by_url)
        known = await asyncio.to_thread(plan.known_urls, urls) if urls else {}
        fresh = []
        for url, candidate in by_url.items():
            retry = plan.retries.get(url)
            if url in known and not _changed(candidate, known[url]):
                report.known(url)  # stored meanwhile (another source): its retry is done
            elif retry is not None and not retry.due:
                report.skipped(SKIP_RETRY_WAITING)
            else:
                fresh.append(candidate)
        allowed = self.take(len(fresh))
        if allowed < len(fresh):
            report.skipped(SKIP_OVER_LIMIT, len(fresh) - allowed)
        for candidate in fresh[:allowed]:
            if self.source.fetch_articles:
                yield self.article_request(candidate)
            else:
                yield self.page(candidate)

    def article_request(self, candidate: Candidate) -> scrapy.Request:
        return scrapy.Request(
            candidate.url,
            callback=self._article_response,
            errback=self._article_failed,
            cb_kwargs={"candidate": candidate},
        )

    def _retry_failed_entries(self) -> None:
        """When the crawl is otherwise done, fetch the failed entries due for a retry that no
        index offered this time (also when every index answered 304)."""
        due = [r for url, r in self.plan.retries.items() if r.due and url not in self.seen]
        if not due:
            return
        self.seen.update(r.url for r in due)
        self.report.offered(len(due))
        for retry in due:
            self.crawler.engine.crawl(self.article_request(Candidate.from_retry(retry)))
        raise DontCloseSpider

    def page(self, candidate: Candidate, **fields: Any) -> FetchedPage:
        retry = self.plan.retries.get(candidate.url)
        return FetchedPage(
            source_id=self.source.id,
            url=candidate.url,
            feed_title=candidate.title,
            feed_summary=candidate.summary,
            feed_published=candidate.published,
            feed_authors=list(candidate.authors),
            outlet=candidate.outlet or self.source.name,
            baseline=bool(retry and retry.baseline),
            **fields,
        )

    def _article_response(self, response: Response, candidate: Candidate) -> Iterable[FetchedPage]:
        if isinstance(response, TextResponse):
            yield self.page(
                candidate, final_url=response.url, html=response.body, encoding=response.encoding
            )
        else:
            content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
            detail = f"not an HTML page (Content-Type: {content_type or 'none'})"
            # the same URL will not turn into a web page: given up now, kept from the index
            yield from self._page_failed(candidate, FAIL_NOT_HTML, detail, final=True)

    def _article_failed(self, failure: Failure) -> Iterable[FetchedPage]:
        request = failure.request  # type: ignore[attr-defined]
        candidate = request.cb_kwargs.get("candidate") or Candidate(url=request.url)
        reason = failure_reason(failure)
        if reason == SKIP_ROBOTS:
            self.report.skipped(SKIP_ROBOTS)
        else:
            detail = describe_failure(failure, self.max_bytes)
            final = reason == FAIL_OFFSITE_REDIRECT  # the same redirect next time: not retried
            yield from self._page_failed(candidate, reason, detail, final=final)

    def _page_failed(
        self, candidate: Candidate, reason: str, detail: str, *, final: bool = False
    ) -> Iterable[FetchedPage]:
        """Record a failed entry; once given up, yield it (stored partial from the index)."""
        page = self.page(candidate)
        if self.report.failed(page, reason, detail, final=final):
            page.error = detail
            yield page

    def _article_dropped(self, request: scrapy.Request) -> None:
        """An article request the scheduler dropped as already seen: a redirect loop, or a
        redirect to a page another entry already fetched."""
        candidate = request.cb_kwargs.get("candidate")
        if candidate is None:
            return
        chain = request.meta.get("redirect_urls") or []
        if request.url in chain:
            detail = "redirect loop: " + " → ".join([*chain, request.url])
            list(self._page_failed(candidate, FAIL_REDIRECT_LOOP, detail))
        else:
            self.report.skipped(SKIP_DUPLICATE)


def _changed(candidate: Candidate, stored_at: datetime) -> bool:
    """Whether the index dates a change of a stored article after sinowatch last stored it."""
    return candidate.updated is not None and candidate.updated > stored_at


def failure_reason(failure: Failure) -> str:
    """The short category of a failed article request (a key of the ledger's ``failed``)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    message = str(exc).lower()
    if isinstance(exc, Refused):  # crawler.fetchguards: robots.txt per RFC 9309, redirects
        if message.startswith("robots.txt unavailable"):
            return FAIL_ROBOTS_UNAVAILABLE
        return FAIL_OFFSITE_REDIRECT
    if _cancelled_for_size(exc):
        return FAIL_TOO_LARGE
    if isinstance(exc, IgnoreRequest):
        if "robots.txt" in message:
            return SKIP_ROBOTS
        if "max redirections" in message:
            return FAIL_REDIRECT_LOOP
        if "offsite" in message:
            return FAIL_OFFSITE_REDIRECT
    name = type(exc).__name__
    if "Timeout" in name or "timed out" in message:
        return FAIL_TIMEOUT
    if "max size" in message or "maxsize" in message:
        return FAIL_TOO_LARGE
    if isinstance(exc, ConnectionError) or any(
        word in name for word in ("Connection", "DNS", "Refused", "ResponseNeverReceived")
    ):
        return FAIL_CONNECTION
    return name


def _cancelled_for_size(exc: BaseException) -> bool:
    """Scrapy cancels a body past DOWNLOAD_MAXSIZE with an empty DownloadCancelledError, and
    HttpCompressionMiddleware refuses one that decompresses past it."""
    if isinstance(exc, DownloadCancelledError) and not str(exc).strip():
        return True
    return isinstance(exc, IgnoreRequest) and "exceeded DOWNLOAD_MAXSIZE" in str(exc)


PAGE_LIMIT = "max_page_bytes"
INDEX_LIMIT = "max_index_bytes"


def describe_failure(
    failure: Failure, max_bytes: int | None = None, limit: str = PAGE_LIMIT
) -> str:
    """A short, user-facing reason for a failed request (``max_bytes``: the size limit, named
    with its setting ``limit`` when a download was cancelled for exceeding it)."""
    exc = failure.value
    if _cancelled_for_size(exc):
        decompressed = isinstance(exc, IgnoreRequest)
        return _too_large(max_bytes, limit, *(["decompressed"] if decompressed else []))
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    message = str(exc).strip()
    if isinstance(exc, Refused):
        return message
    if isinstance(exc, IgnoreRequest):
        if "robots.txt" in message:
            return "disallowed by robots.txt"
        if "max redirections" in message:
            return "redirect loop: too many redirects"
        return f"request dropped: {message or type(exc).__name__}"
    name = type(exc).__name__
    if "Timeout" in name or "timed out" in message.lower():
        return f"timed out ({message or name})"
    if "max size" in message or "maxsize" in message.lower():
        return _too_large(max_bytes, limit)
    return f"{name}: {message}" if message else name


def _too_large(max_bytes: int | None, limit: str, *details: str) -> str:
    said = ", ".join([*([f"{max_bytes} bytes"] if max_bytes else []), *details])
    what = "page" if limit == PAGE_LIMIT else "feed or sitemap"
    return f"{what} too large: over {limit}" + (f" ({said})" if said else "")
