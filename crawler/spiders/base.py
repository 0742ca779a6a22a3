"""What every source spider shares: index requests, known-URL skipping, article requests.

A source spider fetches its index documents (feeds, sitemaps or listing pages) with conditional
GET, turns them into :class:`Candidate` links, drops the ones already stored, and yields one
:class:`FetchedPage` per remaining article — with the page, or with the reason it could not be
fetched (the feed's title and summary then stand in). It never writes anything.

Entry links are screened once, right after they are counted as offered
(:mod:`crawler.entrylinks`): malformed, non-web, private and offsite links are counted as skipped
with their reason; links to other domains also give one warning with the ``allowed_domains`` hint.

Settings: ``max_articles_per_run`` (through the run context), ``allowed_domains`` of the source
(default: the registered domains of its URLs, see :mod:`crawler.entrylinks` for ports).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.entrylinks import LinkPolicy, offsite_warning, problem, screen
from crawler.fetchguards import Refused
from crawler.middlewares import META_KEY
from crawler.records import FetchedPage

if TYPE_CHECKING:
    from scrapy.http import Response
    from twisted.python.failure import Failure

    from crawler.runcontext import RunContext
    from sinowatch.settings import SourceSettings


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


class SourceSpider(scrapy.Spider):
    """Base of the feed, sitemap and listing spiders; subclasses implement :meth:`parse_index`."""

    kind: ClassVar[str]

    def __init__(self, source: SourceSettings, run: RunContext, **kwargs: Any) -> None:
        super().__init__(name=source.id, **kwargs)
        self.source = source
        self.run = run
        self.links = LinkPolicy.for_source(source)
        self.offsite_hosts: Counter[str] = Counter()
        """Hosts of the entry links skipped as on another domain (one warning at the end)."""

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
            meta={META_KEY: url},
        )

    async def _index_response(self, response: Response) -> AsyncIterator[Any]:
        url = response.meta.get(META_KEY, response.url)
        if response.status == 304:
            self.run.index_not_modified.add(url)
            return
        self.run.index_ok.add(url)
        async for output in self.parse_index(response, url):
            yield output

    def _index_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self.run.index_failed(
            request.meta.get(META_KEY, request.url), describe_failure(failure, self.max_bytes)
        )

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

    def warn_index(self, url: str, text: str) -> None:
        """Something about an index document the user should see (it was still read)."""
        self.run.index_warnings[url] = text
        self.run.ledger.warn(f"{url}: {text}")

    def closed(self, reason: str) -> None:
        if self.offsite_hosts:
            self.run.ledger.warn(offsite_warning(self.offsite_hosts))

    async def article_requests(self, candidates: Iterable[Candidate]) -> AsyncIterator[Any]:
        """Skip stored candidates (unless the index says they changed since they were stored);
        yield requests (or pages) for the rest, up to the limit."""
        candidates = list(candidates)
        self.run.ledger.offered(len(candidates))
        screened = screen(candidates, self.links, fetching=self.source.fetch_articles)
        for reason, count in screened.skipped.items():
            self.run.ledger.skip(reason, count)
        self.offsite_hosts.update(screened.offsite_hosts)
        candidates = screened.kept
        by_url: dict[str, Candidate] = {}
        for candidate in candidates:
            by_url.setdefault(candidate.url, candidate)
        urls = list(by_url)
        known = await asyncio.to_thread(self.run.known_urls, urls) if urls else {}
        fresh = [by_url[u] for u in urls if u not in known or _changed(by_url[u], known[u])]
        self.run.known += len(urls) - len(fresh)
        for candidate in fresh[: self.run.take(len(fresh))]:
            if self.source.fetch_articles:
                yield scrapy.Request(
                    candidate.url,
                    callback=self._article_response,
                    errback=self._article_failed,
                    cb_kwargs={"candidate": candidate},
                )
            else:
                yield self.page(candidate)

    def page(self, candidate: Candidate, **fields: Any) -> FetchedPage:
        return FetchedPage(
            source_id=self.source.id,
            url=candidate.url,
            feed_title=candidate.title,
            feed_summary=candidate.summary,
            feed_published=candidate.published,
            feed_authors=list(candidate.authors),
            outlet=candidate.outlet or self.source.name,
            **fields,
        )

    def _article_response(self, response: Response, candidate: Candidate) -> Iterable[FetchedPage]:
        if not isinstance(response, TextResponse):
            content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
            yield self.page(
                candidate,
                final_url=response.url,
                error=f"not an HTML page (Content-Type: {content_type or 'none'})",
            )
            return
        yield self.page(
            candidate, final_url=response.url, html=response.body, encoding=response.encoding
        )

    def _article_failed(self, failure: Failure) -> Iterable[FetchedPage]:
        request = failure.request  # type: ignore[attr-defined]
        candidate = request.cb_kwargs.get("candidate") or Candidate(url=request.url)
        yield self.page(candidate, error=describe_failure(failure, self.max_bytes))


def _changed(candidate: Candidate, stored_at: datetime) -> bool:
    """Whether the index dates a change of a stored article after sinowatch last stored it."""
    return candidate.updated is not None and candidate.updated > stored_at


def describe_failure(failure: Failure, max_bytes: int | None = None) -> str:
    """A short, user-facing reason for a failed request (``max_bytes``: DOWNLOAD_MAXSIZE, named
    when a download was cancelled for exceeding it)."""
    exc = failure.value
    if isinstance(exc, DownloadCancelledError) and not str(exc).strip():
        return _too_large(max_bytes)  # Scrapy cancels a body past DOWNLOAD_MAXSIZE silently
    if isinstance(exc, IgnoreRequest) and "exceeded DOWNLOAD_MAXSIZE" in str(exc):
        return _too_large(max_bytes, "decompressed")  # HttpCompressionMiddleware's bomb guard
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
        return _too_large(max_bytes)
    return f"{name}: {message}" if message else name


def _too_large(max_bytes: int | None, *details: str) -> str:
    said = ", ".join([*([f"{max_bytes} bytes"] if max_bytes else []), *details])
    return "page too large: over max_page_bytes" + (f" ({said})" if said else "")
