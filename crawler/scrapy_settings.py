"""Scrapy settings built from ``crawler:`` in the config (:class:`CrawlerSettings`).

Politeness: robots.txt (``obey_robots``), AutoThrottle (``autothrottle``), per-domain concurrency,
``download_delay``, a user agent that names the project and a contact URL, ``Retry-After``
honoured on 429/503 up to a cap (:mod:`crawler.retrymiddleware`). Safety: download size
(``max_page_bytes``, which also bounds gzip/deflate/brotli decompression) and time
(``download_timeout``) limits, feed and sitemap bodies spooled to disk
(:mod:`crawler.downloadhandler`), ``retries``, visible offsite and robots.txt refusals
(:mod:`crawler.fetchguards`). No telnet console, no job directory, no HTTP cache: a crawl leaves
nothing on disk but the database. Runs on the asyncio reactor so it shares the service's event
loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crawler.fetchguards import SCRAPY_OFFSITE, SCRAPY_ROBOTSTXT
from crawler.retrymiddleware import SCRAPY_RETRY

if TYPE_CHECKING:
    from crawler.config import CrawlerSettings

ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
CONDITIONAL_GET_MIDDLEWARE = "crawler.middlewares.ConditionalGetMiddleware"
OFFSITE_MIDDLEWARE = "crawler.fetchguards.OffsiteMiddleware"
ROBOTSTXT_MIDDLEWARE = "crawler.fetchguards.RobotsTxtMiddleware"
RETRY_MIDDLEWARE = "crawler.retrymiddleware.RetryAfterMiddleware"
STORE_PIPELINE = "crawler.pipelines.StorePipeline"
INDEX_DOWNLOAD_HANDLER = "crawler.downloadhandler.IndexDownloadHandler"


CONCURRENT_ITEMS = 16
"""Outputs of one response processed at once. Scrapy starts this many tasks for every response
(Scrapy's default, 100, costs about 0.75 ms of CPU per article page, which yields one item); 16
still keeps the extraction workers busy with the items of one index page (given-up entries)."""

MAX_INDEX_BYTES = "SINOWATCH_MAX_INDEX_BYTES"
"""``crawler.max_index_bytes``: feeds and sitemaps (their requests carry it as
``download_maxsize``)."""


def user_agent(crawler: CrawlerSettings) -> str:
    """The configured user agent, with the contact URL added when it does not name it."""
    if crawler.contact_url and crawler.contact_url not in crawler.user_agent:
        return f"{crawler.user_agent} (+{crawler.contact_url})"
    return crawler.user_agent


def scrapy_settings(crawler: CrawlerSettings) -> dict[str, Any]:
    """A Scrapy settings dict for one crawl."""
    delay = crawler.download_delay.total_seconds()
    return {
        "TWISTED_REACTOR": ASYNCIO_REACTOR,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_ENABLED": True,
        "LOG_LEVEL": "INFO",
        "ROBOTSTXT_OBEY": crawler.obey_robots,
        "USER_AGENT": user_agent(crawler),
        "CONCURRENT_REQUESTS": crawler.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawler.per_domain_concurrency,
        "CONCURRENT_ITEMS": CONCURRENT_ITEMS,
        "DOWNLOAD_DELAY": delay,
        "AUTOTHROTTLE_ENABLED": crawler.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(delay, 0.25),
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(crawler.per_domain_concurrency),
        "DOWNLOAD_TIMEOUT": crawler.download_timeout.total_seconds(),
        "DOWNLOAD_MAXSIZE": crawler.max_page_bytes,
        "DOWNLOAD_WARNSIZE": crawler.max_page_bytes // 2,
        MAX_INDEX_BYTES: crawler.max_index_bytes,
        "RETRY_ENABLED": crawler.retries > 0,
        "RETRY_TIMES": crawler.retries,
        "COOKIES_ENABLED": False,
        # Only http(s) is ever fetched: no file:, ftp:, s3: or data: download handlers; feed
        # and sitemap bodies go to a temporary file as they arrive (crawler.downloadhandler).
        "DOWNLOAD_HANDLERS": {
            "http": INDEX_DOWNLOAD_HANDLER,
            "https": INDEX_DOWNLOAD_HANDLER,
            "file": None,
            "ftp": None,
            "s3": None,
            "data": None,
        },
        "HTTPCACHE_ENABLED": False,
        "DOWNLOADER_MIDDLEWARES": {
            SCRAPY_OFFSITE: None,
            OFFSITE_MIDDLEWARE: 50,
            SCRAPY_ROBOTSTXT: None,
            ROBOTSTXT_MIDDLEWARE: 100,
            SCRAPY_RETRY: None,
            RETRY_MIDDLEWARE: 550,
            CONDITIONAL_GET_MIDDLEWARE: 580,
        },
        "ITEM_PIPELINES": {STORE_PIPELINE: 300},
        # Both run code sent to them (an HTTP / telnet server in the process); RemoteControl also
        # writes a job file to the user's profile directory.
        "REMOTE_CONTROL_ENABLED": False,
        "EXTENSIONS": {
            "scrapy.extensions.telnet.TelnetConsole": None,
            "scrapy.extensions.remote_control.RemoteControl": None,
        },
        "JOBDIR": None,
        "STATS_DUMP": False,
    }
