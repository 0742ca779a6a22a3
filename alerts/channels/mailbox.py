"""Mail addresses as configured (``from:``, ``to:``), split into what SMTP and headers need.

``"sinowatch 监测 <alerts@example.org>"`` has a display name for the headers (RFC 2047-encoded
when the message is written) and a bare address for the envelope (``MAIL FROM:<alerts@…>``).
Domains are IDNA-encoded (``例子.中国`` → ``xn--fsqu00a.xn--fiqs8s``), so only a non-ASCII local
part needs a server that offers SMTPUTF8 (RFC 6531). The config check parses every address with
:func:`parse_mailbox`, so a bad one is reported when the config loads, not at the first alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.errors import NonASCIILocalPartDefect
from email.headerregistry import Address
from email.policy import default

import idna


@dataclass(frozen=True, slots=True)
class Mailbox:
    """One address: display name (may be empty), local part, ASCII (IDNA) domain."""

    display_name: str
    local_part: str
    domain: str

    @property
    def address(self) -> Address:
        """The header form (the email package encodes a non-ASCII display name)."""
        return Address(self.display_name, self.local_part, self.domain)

    @property
    def addr_spec(self) -> str:
        """The bare address for ``MAIL FROM`` / ``RCPT TO`` (quoted local part when needed)."""
        return self.address.addr_spec

    @property
    def needs_smtputf8(self) -> bool:
        return not self.local_part.isascii()


def parse_mailbox(value: str) -> Mailbox:
    """Parse one configured address (``alerts@example.org`` or ``Name <alerts@example.org>``).

    Raises:
        ValueError: not exactly one well-formed address; the message says what is wrong.
    """
    if any(char in value for char in "\r\n\0"):
        raise ValueError("a mail address cannot contain line breaks or NUL characters")
    header = default.header_factory("to", value)
    problems = [d for d in header.defects if not isinstance(d, NonASCIILocalPartDefect)]
    addresses = header.addresses
    if problems or len(addresses) != 1 or not addresses[0].username or not addresses[0].domain:
        if len(addresses) > 1 and not problems:
            reason = "one address per entry (list several recipients under to:)"
        else:
            reason = "expected name@domain, optionally as 'Display Name <name@domain>'"
        detail = f" ({problems[0]})" if problems else ""
        raise ValueError(f"{value!r} is not a mail address: {reason}{detail}")
    found = addresses[0]
    return Mailbox(found.display_name, found.username, _ascii_domain(found.domain, value))


def _ascii_domain(domain: str, value: str) -> str:
    if domain.isascii():
        return domain
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise ValueError(f"{value!r}: the domain {domain!r} is not a valid IDN ({exc})") from exc
