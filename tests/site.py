"""A local test web site on 127.0.0.1, served from a thread.

Tests describe the site as a dict of path → :class:`Resource` and may change it between crawls::

    with TestSite() as site:
        site["/feed.xml"] = Resource(feed_bytes, content_type="application/rss+xml", etag='"v1"')
        site.redirect("/old", "/feed.xml")
        crawl(site.url("/feed.xml"))
        assert site.requests_for("/feed.xml")[0].headers.get("If-None-Match") is None

Supported: ETag / Last-Modified validators (a matching ``If-None-Match`` / ``If-Modified-Since``
gets ``304``), delays (for timeouts), redirects (loops too), gzip ``Content-Encoding`` when the
client accepts it, and huge bodies streamed without holding them in memory (``size=``).
Unknown paths get ``404``. Every request is recorded in :attr:`TestSite.requests`.
"""

from __future__ import annotations

import gzip as gzip_module
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import ClassVar

import brotli

FILLER = b"<p>" + b"x" * 1021 + b"\n"
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": gzip_module.compress,
    "deflate": zlib.compress,
    "br": brotli.compress,
}


@dataclass
class Resource:
    """What the site serves at one path."""

    body: bytes = b""
    _: KW_ONLY
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    """Seconds to wait before answering (a slow server, for timeouts)."""
    gzip: bool = False
    """Compress with Content-Encoding: gzip when the client accepts it."""
    encoding: str | None = None
    """Compress with this Content-Encoding instead (``deflate`` or ``br``) when accepted."""
    size: int | None = None
    """Serve this many bytes of filler HTML instead of ``body`` (streamed)."""
    chunked: bool = False
    """Stream ``size`` with ``Transfer-Encoding: chunked`` (no Content-Length announced)."""
    drip: float = 0.0
    """Seconds to wait between the 1 KiB pieces of a ``size`` body (a slow drip)."""


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]


class TestSite:
    """The server; use as a context manager (it starts on a free port and stops on exit)."""

    __test__ = False  # not a pytest test class

    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.requests: list[RecordedRequest] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def __setitem__(self, path: str, resource: Resource) -> None:
        self.resources[path] = resource

    def __getitem__(self, path: str) -> Resource:
        return self.resources[path]

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        """Answer ``path`` with a redirect to ``to`` (a path or a full URL)."""
        self.resources[path] = Resource(status=status, headers={"Location": to})

    def requests_for(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    def start(self) -> TestSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> TestSite:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _handler_for(site: TestSite) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        pass

    Handler.site = site
    return Handler


class _Handler(BaseHTTPRequestHandler):
    site: ClassVar[TestSite]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read :attr:`TestSite.requests` instead."""

    def do_HEAD(self) -> None:
        self._safely(send_body=False)

    def do_GET(self) -> None:
        self._safely(send_body=True)

    def _safely(self, *, send_body: bool) -> None:
        try:
            self._answer(send_body=send_body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout, too big)
            self.close_connection = True

    def _answer(self, *, send_body: bool) -> None:
        path = self.path
        self.site.requests.append(RecordedRequest(self.command, path, dict(self.headers.items())))
        resource = self.site.resources.get(path) or Resource(b"not found", status=404)
        if resource.delay:
            time.sleep(resource.delay)
        if self._not_modified(resource):
            self.send_response(304)
            self._validators(resource)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if resource.size is not None:
            self._stream(resource, send_body=send_body)
            return
        body = resource.body
        self.send_response(resource.status)
        self.send_header("Content-Type", resource.content_type)
        coding = "gzip" if resource.gzip else resource.encoding
        if coding and coding in self.headers.get("Accept-Encoding", ""):
            body = COMPRESSORS[coding](body)
            self.send_header("Content-Encoding", coding)
        self._validators(resource)
        for name, value in resource.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self._write(body)

    def _not_modified(self, resource: Resource) -> bool:
        if resource.status != 200:
            return False
        if resource.etag and self.headers.get("If-None-Match") == resource.etag:
            return True
        since = self.headers.get("If-Modified-Since")
        return bool(resource.last_modified and since == resource.last_modified)

    def _validators(self, resource: Resource) -> None:
        if resource.etag:
            self.send_header("ETag", resource.etag)
        if resource.last_modified:
            self.send_header("Last-Modified", resource.last_modified)

    def _stream(self, resource: Resource, *, send_body: bool) -> None:
        size = resource.size or 0
        self.send_response(resource.status)
        self.send_header("Content-Type", resource.content_type)
        if resource.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        sent = 0
        while send_body and sent < size:
            chunk = FILLER[: size - sent]
            framed = b"%x\r\n%s\r\n" % (len(chunk), chunk) if resource.chunked else chunk
            if not self._write(framed):
                return
            sent += len(chunk)
            if resource.drip:
                self.wfile.flush()
                time.sleep(resource.drip)
        if send_body and resource.chunked:
            self._write(b"0\r\n\r\n")

    def _write(self, data: bytes) -> bool:
        """Write to the client; False when it hung up (a client may cancel a big download)."""
        try:
            self.wfile.write(data)
            return True
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
            return False
