"""Scrapy's HTTP/1.1 download handler, writing feed and sitemap bodies to disk as they arrive.

For a request marked ``meta[crawler.spool.SPOOL]`` (the feed and sitemap spiders' index
requests) a ``200`` body goes to a :class:`crawler.spool.IndexBody` (a temporary file) instead
of the handler's in-memory buffer, so a 50 MB sitemap is never held whole; the response's
``body`` is empty. Everything else is Scrapy's own code path: ``download_maxsize`` /
``download_warnsize`` count the bytes as they arrive (past the limit the file is emptied and the
download cancelled, as the buffer is), timeouts, data loss, TLS, proxies. Every other request
(articles, listing pages, robots.txt, redirects, error answers) is downloaded as Scrapy does.

At most :data:`SPOOLED_AT_ONCE` bodies are spooled at once per crawl.

Settings: ``DOWNLOAD_HANDLERS`` (``http``/``https``, see :mod:`crawler.scrapy_settings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler, _ScrapyAgent
from scrapy.utils._download_handlers import wrap_twisted_exceptions
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import DeferredSemaphore

from crawler.spool import BODY, DECODED, SPOOL, IndexBody

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.internet.protocol import Protocol
    from twisted.web.client import Response as TxResponse

CONTENT_ENCODING = b"content-encoding"


SPOOLED_AT_ONCE = 4
"""Spooled bodies on disk at once per crawl, downloading or waiting to be parsed. Their
responses' empty ``body`` escapes Scrapy's scraper-slot size accounting, so without this
cap a sitemap index of 200 children could put 200 × ``max_index_bytes`` in the temporary
directory at once; a download past the cap waits (before its timeout starts)."""


class IndexDownloadHandler(HTTP11DownloadHandler):
    """``HTTP11DownloadHandler`` that spools the bodies of ``meta[SPOOL]`` requests."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._spool_slots = DeferredSemaphore(SPOOLED_AT_ONCE)
        """Taken for each spooling download; given back when its body is closed (parsed or
        failed, see :class:`crawler.spool.IndexBody`), or at once when none was spooled."""

    async def download_request(self, request: Request) -> Response:
        if not request.meta.get(SPOOL):
            return await super().download_request(request)
        if isinstance(earlier := request.meta.pop(BODY, None), IndexBody):
            earlier.close()  # a retry copies the meta of its request, with its body
        await maybe_deferred_to_future(self._spool_slots.acquire())
        try:
            return await self._spool(request)
        finally:
            body = request.meta.get(BODY)
            if isinstance(body, IndexBody) and not body.file.closed:
                body.on_close = self._spool_slots.release
            else:  # a 304, an error answer, a body in another encoding: nothing on disk
                self._spool_slots.release()

    async def _spool(self, request: Request) -> Response:
        agent = _SpoolingAgent(
            contextFactory=self._contextFactory,
            bindAddress=self._bind_address,
            pool=self._pool,
            maxsize=self._default_maxsize,
            warnsize=self._default_warnsize,
            fail_on_dataloss=self._fail_on_dataloss,
            crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging,
        )
        with wrap_twisted_exceptions():
            return await maybe_deferred_to_future(agent.download_request(request))


class _SpoolingAgent(_ScrapyAgent):
    """Hands Scrapy's body reader an :class:`IndexBody` as its buffer when the body is a
    ``200`` in an encoding the spider decodes from the file."""

    def _cb_bodyready(self, txresponse: TxResponse, request: Request) -> Any:
        headers = txresponse.headers
        encodings = [
            part.strip().lower()
            for value in headers.getRawHeaders(CONTENT_ENCODING, [])
            for part in value.split(b",")
            if part.strip()
        ]
        if txresponse.code == 200 and set(encodings) <= DECODED:
            deliver = txresponse.deliverBody

            def spooled(reader: Protocol) -> None:
                body = IndexBody(encodings)
                reader._bodybuf = body  # type: ignore[attr-defined]  # Scrapy's BytesIO
                request.meta[BODY] = body
                headers.removeHeader(CONTENT_ENCODING)  # decoded by the spider, from the file
                deliver(reader)

            txresponse.deliverBody = spooled  # type: ignore[method-assign]
        return super()._cb_bodyready(txresponse, request)
