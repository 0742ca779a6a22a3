"""Webhook channel: the versioned JSON payload (:mod:`alerts.payload`) POSTed to a URL.

Settings (``type: webhook``): ``url``, ``secret`` (``whsec_<base64>``; signs per Standard
Webhooks), ``headers`` (extra request headers), ``timeout``.

``timeout`` bounds the whole request — connecting, sending, the headers and what is read of the
body — not each read: a receiver that drips a byte at a time cannot hold a send longer. Of an
error answer's body at most :data:`ERROR_BODY_BYTES` are read (for the error message); a 2xx
answer's body is not read at all. The URL is shown with its credentials masked
(:func:`crawler.redact.mask_url`) in every error.

Headers sent: ``webhook-id`` (the delivery's idempotency key, identical on every retry),
``webhook-timestamp`` (epoch seconds) and, with a secret, ``webhook-signature: v1,<base64>`` —
HMAC-SHA256 over ``"{id}.{timestamp}.{body}"``, computed by the ``standardwebhooks`` library. A
2xx answer is success; 408, 429 and 5xx are retried (``Retry-After`` honoured); any other status
is permanent.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, SecretStr, field_validator

from alerts.channels.base import (
    ChannelBase,
    ChannelClient,
    PermanentError,
    TimedOut,
    TransientError,
    masked,
)
from alerts.payload import alert_payload, digest_payload
from crawler.configtypes import Duration, HttpUrl
from crawler.redact import MASK, is_credential_name, mask_url, url_secrets
from crawler.retryafter import retry_after_seconds

if TYPE_CHECKING:
    import httpx

    from alerts.payload import AlertView

SECRET_PREFIX = "whsec_"
RETRYABLE_STATUS = frozenset({408, 429})
USER_AGENT = f"sinowatch/{version('sinowatch')}"
"""From the installed distribution's metadata (``alerts`` does not import ``sinowatch``)."""
ERROR_BODY_BYTES = 4096
"""At most this much of an error answer's body is read (its start goes into the error)."""


class WebhookChannel(ChannelBase):
    type: Literal["webhook"]
    url: HttpUrl
    secret: SecretStr | None = Field(
        default=None, description="whsec_<base64>; empty or absent: requests are not signed"
    )
    headers: dict[str, str] = Field(default_factory=dict)
    timeout: Duration = timedelta(seconds=10)

    @field_validator("secret", mode="before")
    @classmethod
    def _empty_is_unsigned(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("secret")
    @classmethod
    def _well_formed(cls, value: SecretStr | None) -> SecretStr | None:
        """Reject a malformed secret when the config loads, not at the first alert."""
        if value is not None:
            check_secret(value.get_secret_value())
        return value

    def client(self, name: str) -> WebhookClient:
        return WebhookClient(name, self)

    def masked_target(self) -> str:
        shown = (
            f"{name}: {MASK if is_credential_name(name) else value}"
            for name, value in self.headers.items()
        )
        headers = f", headers {', '.join(shown)}" if self.headers else ""
        return f"{mask_url(self.url)}, secret {masked(self.secret)}{headers}"

    def plain_secrets(self) -> list[str]:
        """Credential header values (``Authorization``, ``X-Api-Key``…) and the URL's."""
        headers = [value for name, value in self.headers.items() if is_credential_name(name)]
        return headers + url_secrets(self.url)


class WebhookClient(ChannelClient):
    def __init__(self, name: str, settings: WebhookChannel) -> None:
        # imported here: loading the config (``sinowatch check``) builds no client
        import httpx
        from standardwebhooks import Webhook

        super().__init__(name)
        self._url = settings.url
        self._shown_url = mask_url(settings.url)
        self._deadline = settings.timeout.total_seconds()
        self._signer = Webhook(settings.secret.get_secret_value()) if settings.secret else None
        self._headers = {
            "user-agent": USER_AGENT,
            "content-type": "application/json",
            **settings.headers,
        }
        self._client = httpx.AsyncClient(timeout=settings.timeout.total_seconds())

    async def send(self, alert: AlertView, *, key: str) -> None:
        await self._post(alert_payload(alert), key)

    async def send_digest(self, alerts: Sequence[AlertView], *, key: str) -> None:
        await self._post(digest_payload(alerts), key)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _post(self, payload: dict[str, Any], key: str) -> None:
        import httpx

        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {**self._headers, **self.signature_headers(key, body, int(time.time()))}
        url = self._shown_url
        try:
            async with asyncio.timeout(self._deadline):
                status, response_headers, excerpt = await self._exchange(body, headers)
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise TimedOut(
                f"webhook {url} did not answer within the channel's timeout "
                f"({self._deadline:g}s for the whole request)"
            ) from exc
        except httpx.TransportError as exc:
            raise TransientError(f"webhook {url} unreachable: {exc}") from exc
        if 200 <= status < 300:
            return
        detail = f"webhook {url} answered HTTP {status}: {excerpt[:200]!r}"
        if status in RETRYABLE_STATUS or status >= 500:
            raise TransientError(detail, retry_after=retry_after(response_headers))
        if 300 <= status < 400:
            location = mask_url(response_headers.get("location", "?"))
            detail += f"; it redirects to {location} — set the channel's url to that"
        raise PermanentError(detail)

    async def _exchange(
        self, body: bytes, headers: dict[str, str]
    ) -> tuple[int, httpx.Headers, str]:
        """POST; the status, headers and (for an error only) the start of the body."""
        request = self._client.build_request("POST", self._url, content=body, headers=headers)
        response = await self._client.send(request, stream=True)
        try:
            if 200 <= response.status_code < 300:
                return response.status_code, response.headers, ""
            start = bytearray()
            async for chunk in response.aiter_bytes(chunk_size=1024):
                start += chunk
                if len(start) >= ERROR_BODY_BYTES:
                    break
            try:
                text = bytes(start[:ERROR_BODY_BYTES]).decode(
                    response.charset_encoding or "utf-8", errors="replace"
                )
            except LookupError:  # a charset Python does not know
                text = bytes(start[:ERROR_BODY_BYTES]).decode("utf-8", errors="replace")
            return response.status_code, response.headers, text
        finally:
            await response.aclose()

    def signature_headers(self, key: str, body: bytes, timestamp: int) -> dict[str, str]:
        headers = {"webhook-id": key, "webhook-timestamp": str(timestamp)}
        if self._signer is not None:
            when = datetime.fromtimestamp(timestamp, UTC)
            headers["webhook-signature"] = self._signer.sign(key, when, body.decode())
        return headers


def check_secret(secret: str) -> str:
    """Accept a ``whsec_<base64>`` secret; ``standardwebhooks`` itself would take any text
    (it drops what is not base64), so a typo would sign with a key no receiver has."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError(
            "webhook secret must look like whsec_<base64> (Standard Webhooks); make one with: "
            "python -c \"import base64,os;print('whsec_'+base64.b64encode(os.urandom(24))"
            '.decode())"'
        )
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except binascii.Error:
        raise ValueError("webhook secret: the part after whsec_ is not valid base64") from None
    if not key:
        raise ValueError("webhook secret is empty after whsec_")
    return secret


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); None if absent."""
    return retry_after_seconds(headers.get("retry-after"))
