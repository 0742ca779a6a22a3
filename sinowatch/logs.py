"""Log output for ``sinowatch run``, ``crawl``, ``demo``: human lines or one JSON object a line.

Service code logs events with structured fields in ``extra`` (``event="crawl"``, ``source=...``);
the JSON formatter emits them as keys, the human formatter shows the message only. Every secret
value of the settings (``SecretStr`` fields — SMTP passwords, webhook secrets, apprise URLs — and
the password of the database URL) is replaced by ``****`` in every line, whichever logger wrote
it, also where it appears JSON-escaped or percent-encoded. Any URL in a line (a webhook's, a
library's request line) has its user info and credential-like parameters masked too
(:func:`crawler.redact.mask_urls`).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Literal, TextIO
from urllib.parse import quote

from pydantic import BaseModel, SecretStr

from crawler.redact import MASK, mask_urls, url_secrets
from sinowatch.settings import Settings

LogFormat = Literal["human", "json"]
REDACTED = MASK
_STANDARD_ATTRS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
QUIET_LOGGERS = (
    "scrapy",
    "twisted",
    "apscheduler",
    "trafilatura",
    "htmldate",
    "httpx",
    "filelock",
    "alembic",
)
"""Chatty libraries: shown at WARNING unless the user asks for debug output."""
SUMMARISED_LOGGERS = (
    "scrapy.downloadermiddlewares.retry",
    "scrapy.downloadermiddlewares.robotstxt",
)
"""Download failures that the crawl's own line already reports (URL and reason): debug only."""


def secret_values(settings: Settings) -> list[str]:
    """Every secret in the settings: SecretStr values, the password of the database URL, the
    credentials written in source URLs (:func:`url_secrets`), and what each channel holds outside
    SecretStr fields (:meth:`~alerts.channels.ChannelBase.plain_secrets`: a webhook's credential
    headers and URL)."""
    found: list[str] = []
    _collect_secrets(settings, found)
    found += [
        secret
        for source in settings.sources
        for url in source.all_urls
        for secret in url_secrets(url)
    ]
    for channel in settings.channels.values():
        found += channel.plain_secrets()
    if settings.database.url:
        from sqlalchemy.engine import make_url  # SQLAlchemy costs ~0.5 s to import: only here

        password = make_url(settings.database.url).password
        if password:
            found.append(str(password))
    return sorted({s for s in found if s}, key=len, reverse=True)


def _collect_secrets(value: object, found: list[str]) -> None:
    if isinstance(value, SecretStr):
        found.append(value.get_secret_value())
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _collect_secrets(getattr(value, name), found)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_secrets(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect_secrets(item, found)


def _written_forms(secret: str) -> set[str]:
    """A secret as it may appear in a line: as is, JSON-escaped, percent-encoded in a URL."""
    return {
        secret,
        json.dumps(secret, ensure_ascii=False)[1:-1],
        quote(secret, safe=""),
        quote(secret),
    }


class _Redacting(logging.Formatter):
    def __init__(self, secrets: Iterable[str] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        forms = {form for secret in secrets if secret for form in _written_forms(secret)}
        self.secrets = sorted(forms, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return mask_urls(text)


class HumanFormatter(_Redacting):
    """``2026-11-29 10:00:01 INFO  crawl ledger: ok, 3 new …`` — one readable line per event."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__(
            secrets, fmt="%(asctime)s %(levelname)-5s %(message)s", datefmt="%Y-%m-%d %H:%M:%S"
        )

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


class JsonFormatter(_Redacting):
    """One JSON object per line: ts, level, logger, msg, the record's ``extra`` fields, exc."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return self.redact(json.dumps(entry, ensure_ascii=False, default=str))


class _RedactingWrapper(_Redacting):
    """Another formatter's lines, with the secrets taken out."""

    def __init__(self, inner: logging.Formatter, secrets: Iterable[str]) -> None:
        super().__init__(secrets)
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(self.inner.format(record))


def redact_root_handlers(secrets: Iterable[str]) -> None:
    """Make the root logger's current handlers redact ``secrets`` (for commands that keep the
    plain log set up by the command line, e.g. ``crawl -v``, ``alerts test``)."""
    secrets = list(secrets)
    for handler in logging.getLogger().handlers:
        inner = handler.formatter or logging.Formatter()
        if isinstance(inner, _RedactingWrapper):
            inner = inner.inner
        handler.setFormatter(_RedactingWrapper(inner, secrets))


def configure_logging(
    fmt: LogFormat = "human",
    *,
    level: int = logging.INFO,
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
) -> logging.Handler:
    """Replace the root handlers with one redacting handler; quiet chatty libraries.

    Also stops Scrapy from installing its own root handler on every crawl.
    """
    from scrapy.utils.log import configure_logging as scrapy_configure_logging

    scrapy_configure_logging({"LOG_INSTALL_ROOT_HANDLER": False})
    handler = logging.StreamHandler(stream or sys.stderr)
    formatter = JsonFormatter(secrets) if fmt == "json" else HumanFormatter(secrets)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    library_level = logging.DEBUG if level <= logging.DEBUG else logging.WARNING
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(library_level)
    for name in SUMMARISED_LOGGERS:
        logging.getLogger(name).setLevel(
            logging.DEBUG if level <= logging.DEBUG else logging.CRITICAL
        )
    return handler


def configure_command_logging(
    settings: Settings, verbose: int, fmt: LogFormat = "human"
) -> logging.Handler:
    """The log of a command that crawls (``run``, ``crawl``): INFO lines, DEBUG with ``-vv``.

    Below ``-vv`` the libraries' download tracebacks stay quiet: the crawl's own line names the
    reason.
    """
    level = logging.DEBUG if verbose >= 2 else logging.INFO
    return configure_logging(fmt, level=level, secrets=secret_values(settings))
