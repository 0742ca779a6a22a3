"""Hostile HTTP receivers on 127.0.0.1: a drip of bytes, a huge body (issue 13)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Hostile:
    """What the receiver does with each POST; ``sent`` counts the body bytes it wrote."""

    mode: str
    """``drip-body``: 500 and its headers at once, then one body byte a second;
    ``drip-headers``: the status line one byte a second; ``huge``: 500 with a 1 GiB body sent
    as fast as the client reads; ``ok``: 200 at once."""
    url: str = ""
    sent: int = 0
    requests: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


@contextmanager
def hostile_receiver(mode: str) -> Iterator[Hostile]:
    state = Hostile(mode)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            state.requests.append(self.path)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                getattr(self, "_" + state.mode.replace("-", "_"))()  # the client may give up

        def _ok(self) -> None:
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def _drip_body(self) -> None:
            self.send_response(500)
            self.send_header("content-length", str(1 << 20))
            self.end_headers()
            self.wfile.flush()
            while not state.stop.wait(1.0):
                self.wfile.write(b"x")
                self.wfile.flush()
                state.sent += 1

        def _drip_headers(self) -> None:
            for byte in b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n":
                if state.stop.wait(1.0):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()

        def _huge(self) -> None:
            self.send_response(500)
            self.send_header("content-length", str(1 << 30))
            self.end_headers()
            chunk = b"x" * 65536
            while state.sent < 1 << 30 and not state.stop.is_set():
                self.wfile.write(chunk)
                state.sent += len(chunk)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_port}/hook"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()
        server.shutdown()
        server.server_close()
        time.sleep(0.05)
