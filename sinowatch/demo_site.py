"""The offline demo news site: RSS feeds and article pages served from 127.0.0.1.

The content lives in ``config/demo/`` (``site.yaml`` lists outlets and articles, ``pages/`` holds
each article's body). Publication dates are computed from each article's ``age`` when the site
starts, so the demo articles are always recent enough to alert. Articles start hidden or visible
by ``phase``; :meth:`DemoSite.publish` makes the ``new`` ones appear in their feed, the way a
newsroom publishes between two crawls. Feeds answer conditional GETs (ETag) with 304.

Tests and benchmarks reuse the server with their own outlets and articles
(:meth:`DemoSite.add_outlet`, :meth:`DemoSite.add_article`).
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree

import yaml

from crawler.configtypes import parse_duration

Phase = Literal["baseline", "new"]


@dataclass(slots=True)
class DemoOutlet:
    id: str
    name: str
    feed: str
    """The feed's path on the site, e.g. ``/ledger/feed.xml``."""
    description: str = ""


@dataclass(slots=True)
class DemoArticle:
    page: str
    outlet: str
    title: str
    body: str
    """The article's paragraphs as HTML."""
    published: datetime
    author: str = ""
    phase: Phase = "baseline"
    visible: bool = True

    @property
    def path(self) -> str:
        return f"/news/{self.page}.html"


class DemoSite:
    """A small thread-served news site; ``base_url`` is known once :meth:`start` returns."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.outlets: dict[str, DemoOutlet] = {}
        self.articles: dict[str, DemoArticle] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None
        self.requests: list[str] = []
        self.delays: dict[str, float] = {}
        """Seconds to wait before answering a path (to catch a crawl in flight)."""

    @classmethod
    def from_dir(cls, site_dir: Path, *, now: datetime | None = None) -> DemoSite:
        """Load ``site.yaml`` and ``pages/*.html`` from a demo directory."""
        now = now or datetime.now(UTC)
        manifest = yaml.safe_load((site_dir / "site.yaml").read_text(encoding="utf-8"))
        site = cls()
        for outlet in manifest["outlets"]:
            site.add_outlet(DemoOutlet(**outlet))
        for entry in manifest["articles"]:
            body = (site_dir / "pages" / f"{entry['page']}.html").read_text(encoding="utf-8")
            phase = entry.get("phase", "baseline")
            site.add_article(
                DemoArticle(
                    page=entry["page"],
                    outlet=entry["outlet"],
                    title=entry["title"],
                    body=body,
                    published=now - parse_duration(entry.get("age", "1h")),
                    author=entry.get("author", ""),
                    phase=phase,
                    visible=phase == "baseline",
                )
            )
        return site

    # -- content --------------------------------------------------------------------------

    def add_outlet(self, outlet: DemoOutlet) -> None:
        with self._lock:
            self.outlets[outlet.id] = outlet

    def add_article(self, article: DemoArticle) -> None:
        if article.outlet not in self.outlets:
            raise KeyError(f"unknown outlet {article.outlet!r}; add_outlet() it first")
        with self._lock:
            self.articles[article.page] = article

    def publish(self, phase: Phase = "new") -> list[DemoArticle]:
        """Make every hidden article of ``phase`` visible; return them."""
        with self._lock:
            published = [a for a in self.articles.values() if a.phase == phase and not a.visible]
            for article in published:
                article.visible = True
        return published

    def visible_articles(self, outlet: str | None = None) -> list[DemoArticle]:
        with self._lock:
            return [
                a
                for a in self.articles.values()
                if a.visible and (outlet is None or a.outlet == outlet)
            ]

    # -- serving --------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def feed_url(self, outlet_id: str) -> str:
        return self.base_url + self.outlets[outlet_id].feed

    def url(self, article: DemoArticle) -> str:
        return self.base_url + article.path

    def start(self) -> DemoSite:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="demo-site", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> DemoSite:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def render(self, path: str) -> tuple[int, str, bytes]:
        """Status, content type and body for ``path`` (what the HTTP handler sends)."""
        with self._lock:
            self.requests.append(path)
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        for outlet in list(self.outlets.values()):
            if path == outlet.feed:
                return 200, "application/rss+xml; charset=utf-8", self._feed(outlet)
        for article in self.visible_articles():
            if path == article.path:
                return 200, "text/html; charset=utf-8", self._page(article).encode()
        return 404, "text/plain", b"not found\n"

    def _feed(self, outlet: DemoOutlet) -> bytes:
        rss = ElementTree.Element("rss", version="2.0")
        channel = ElementTree.SubElement(rss, "channel")
        for tag, text in (
            ("title", outlet.name),
            ("link", self.base_url + "/"),
            ("description", outlet.description),
        ):
            ElementTree.SubElement(channel, tag).text = text
        articles = sorted(self.visible_articles(outlet.id), key=lambda a: a.published, reverse=True)
        for article in articles:
            item = ElementTree.SubElement(channel, "item")
            ElementTree.SubElement(item, "title").text = article.title
            ElementTree.SubElement(item, "link").text = self.url(article)
            ElementTree.SubElement(item, "guid", isPermaLink="true").text = self.url(article)
            ElementTree.SubElement(item, "pubDate").text = format_datetime(article.published)
            if article.author:
                ElementTree.SubElement(item, "author").text = article.author
            ElementTree.SubElement(item, "description").text = _first_paragraph(article.body)
        return ElementTree.tostring(rss, encoding="utf-8", xml_declaration=True)

    def _page(self, article: DemoArticle) -> str:
        outlet = self.outlets[article.outlet]
        title = html.escape(article.title)
        published = article.published.isoformat(timespec="seconds")
        author = html.escape(article.author)
        return _PAGE.format(
            title=title,
            outlet=html.escape(outlet.name),
            url=html.escape(self.url(article)),
            published=published,
            published_text=article.published.strftime("%d %B %Y, %H:%M UTC"),
            author=author,
            body=article.body,
        )


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {outlet}</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{outlet}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{published}">
<meta name="author" content="{author}">
</head>
<body>
<header><nav><a href="/">{outlet}</a> · <a href="/">World</a> · <a href="/">Business</a> ·
<a href="/">Technology</a> · <a href="/">Opinion</a></nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By {author} · <time datetime="{published}">{published_text}</time></p>
{body}
</article>
</main>
<footer><p>{outlet} is a fictional outlet of the sinowatch offline demo.</p></footer>
</body>
</html>
"""


def _first_paragraph(body: str) -> str:
    start = body.find("<p>")
    end = body.find("</p>", start)
    if start < 0 or end < 0:
        return ""
    return html.unescape(body[start + 3 : end])


def _handler_for(site: DemoSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            status, content_type, body = site.render(path)
            if path in site.delays:
                time.sleep(site.delays[path])
            etag = '"' + hashlib.sha1(body).hexdigest() + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if status == 200:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def handle(self) -> None:
            """Serve; a crawler that hangs up mid-answer (stopped, killed) is not an error."""
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the demo prints its own story of what happens."""

    return Handler
