"""Local receivers the demo (and the end-to-end tests) deliver alerts to.

- :class:`WebhookReceiver`: an HTTP server on 127.0.0.1 that records every POST (headers, body)
  and answers 204 — or a scripted list of statuses, to exercise retries.
- :class:`SmtpSink`: an aiosmtpd SMTP server on 127.0.0.1 that records every message.

Both run in background threads and are context managers.
"""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(slots=True)
class WebhookRequest:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class WebhookReceiver:
    """Records POSTs; answers with ``statuses`` in turn (then 204 for every later request)."""

    statuses: list[int] = field(default_factory=list)
    requests: list[WebhookRequest] = field(default_factory=list)
    port: int = 0
    """0: any free port (see :attr:`url`)."""

    def __post_init__(self) -> None:
        self._lock = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), _webhook_handler(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/hooks/sinowatch"

    def _record(self, request: WebhookRequest) -> int:
        with self._lock:
            self.requests.append(request)
            self._lock.notify_all()
            return self.statuses.pop(0) if self.statuses else 204

    def wait_for(self, count: int, timeout: float) -> list[WebhookRequest]:
        """Block until at least ``count`` requests arrived (or the timeout passed)."""
        with self._lock:
            self._lock.wait_for(lambda: len(self.requests) >= count, timeout=timeout)
            return list(self.requests)

    def start(self) -> WebhookReceiver:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="webhook-receiver", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _webhook_handler(receiver: WebhookReceiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status = receiver._record(WebhookRequest(self.path, headers, body))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: callers read ``requests``."""

    return Handler


class SmtpSink:
    """An SMTP server on 127.0.0.1 (plain, no auth) keeping every message it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[EmailMessage] = []
        self._lock = threading.Condition()
        self.port = _free_port()
        self._controller = Controller(_SmtpHandler(self), hostname="127.0.0.1", port=self.port)

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def _record(self, message: EmailMessage) -> None:
        with self._lock:
            self.messages.append(message)
            self._lock.notify_all()

    def wait_for(self, count: int, timeout: float) -> list[EmailMessage]:
        with self._lock:
            self._lock.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
            return list(self.messages)

    def start(self) -> SmtpSink:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


class _SmtpHandler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.sink._record(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def _free_port() -> int:
    """A port free right now (aiosmtpd's controller cannot bind port 0 and report it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
