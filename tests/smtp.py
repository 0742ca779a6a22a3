"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 keeping what it accepts in an :class:`Inbox`.

Recipients starting with ``gone`` are refused for good (550), ``busy`` for now (451).
"""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Inbox:
    port: int
    messages: list[tuple[list[str], email.message.EmailMessage]] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]
        if address.startswith("gone"):
            return "550 5.1.1 no such user"
        if address.startswith("busy"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"


def free_port() -> int:
    """A port free right now (aiosmtpd's controller cannot bind port 0 and report it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(inbox: Inbox, **kwargs: Any) -> Controller:
    """Serve ``inbox`` on its port; ``kwargs`` go to aiosmtpd's ``Controller`` (TLS, auth)."""
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port, **kwargs)
    controller.start()
    return controller


def smtp_inbox() -> Iterator[Inbox]:
    """Generator for a fixture: yields the :class:`Inbox` of a running plain SMTP server."""
    box = Inbox(free_port())
    controller = start(box)
    try:
        yield box
    finally:
        controller.stop()


def parts(message: email.message.EmailMessage) -> tuple[str, str]:
    """The text and HTML bodies of a multipart/alternative message."""
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()
