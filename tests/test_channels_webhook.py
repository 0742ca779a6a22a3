"""Webhook channel against a real local HTTP server; signatures checked by `standardwebhooks`."""

from __future__ import annotations

import asyncio
import base64
import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from alerts.channels import PermanentError, TransientError, build_client
from alerts.channels.webhook import WebhookChannel, retry_after
from alerts.payload import alert_payload, sample_view
from sinowatch import __version__
from sinowatch.config_loader import ConfigError, load_settings
from tests.alerting import Receiver, assert_valid_payload, webhook_receiver

SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    yield from webhook_receiver()


def channel(url: str, **extra: object) -> WebhookChannel:
    return WebhookChannel.model_validate({"type": "webhook", "url": url, **extra})


def send(settings: WebhookChannel, key: str = "swd_test1") -> None:
    async def go() -> None:
        client = build_client("hook", settings)
        try:
            await client.send(sample_view(), key=key)
        finally:
            await client.aclose()

    asyncio.run(go())


def test_payload_schema_and_signature_verify_with_the_reference_library(
    receiver: Receiver,
) -> None:
    send(channel(receiver.url, secret=SECRET, headers={"X-Team": "china-desk"}), key="swd_abc")
    (request,) = receiver.requests
    headers = {k.lower(): v for k, v in request.headers.items()}
    assert headers["webhook-id"] == "swd_abc"
    assert headers["x-team"] == "china-desk"
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"] == f"sinowatch/{__version__}"
    payload = Webhook(SECRET).verify(request.body, headers)
    assert_valid_payload(payload)
    assert payload["version"] == 1 and payload["type"] == "alert"
    assert payload["test"] is True  # sample_view is what `sinowatch alerts test` sends
    assert set(payload) == {
        "version",
        "type",
        "test",
        "alert",
        "watchlist",
        "hits",
        "article",
        "story",
    }
    assert set(payload["story"]) >= {"id", "outlets", "article_count", "title"}
    assert set(payload["article"]) >= {"url", "title", "outlet", "published_at"}
    hit = payload["hits"][0]
    assert hit["kind"] == "expert" and hit["mention"] == "quoted" and "«" in hit["snippet"]
    assert "测试" in payload["alert"]["title"]


def test_schema_rejects_a_payload_that_breaks_it(receiver: Receiver) -> None:
    import jsonschema

    send(channel(receiver.url))
    payload = receiver.requests[0].json()
    del payload["story"]["outlets"]
    with pytest.raises(jsonschema.ValidationError):
        assert_valid_payload(payload)


def test_test_flag_is_false_for_real_alerts_and_a_boolean_when_present() -> None:
    import jsonschema

    real = alert_payload(replace(sample_view(), test=False))
    assert real["test"] is False and real["type"] == "alert"
    assert_valid_payload(real)
    del real["test"]  # payloads sent before the key was added stay valid
    assert_valid_payload(real)
    with pytest.raises(jsonschema.ValidationError):
        assert_valid_payload({**real, "test": "yes"})


def test_a_wrong_secret_or_tampered_body_fails_verification(receiver: Receiver) -> None:
    send(channel(receiver.url, secret=SECRET))
    request = receiver.requests[0]
    other = "whsec_" + base64.b64encode(b"another secret of thirty-two byt").decode()
    with pytest.raises(WebhookVerificationError):
        Webhook(other).verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(request.body.replace(b"sample", b"simple"), request.headers)


def test_without_a_secret_no_signature_is_sent(receiver: Receiver) -> None:
    send(channel(receiver.url))
    headers = {k.lower() for k in receiver.requests[0].headers}
    assert "webhook-id" in headers and "webhook-signature" not in headers


@pytest.mark.parametrize("status", [500, 503, 408])
def test_server_errors_are_transient(receiver: Receiver, status: int) -> None:
    receiver.script.append((status, {}))
    with pytest.raises(TransientError, match=f"HTTP {status}"):
        send(channel(receiver.url))


def test_429_carries_retry_after(receiver: Receiver) -> None:
    receiver.script.append((429, {"Retry-After": "7"}))
    with pytest.raises(TransientError) as caught:
        send(channel(receiver.url))
    assert caught.value.retry_after == 7


@pytest.mark.parametrize("status", [400, 401, 404, 410])
def test_client_errors_are_permanent_with_the_reason(receiver: Receiver, status: int) -> None:
    receiver.script.append((status, {}))
    with pytest.raises(PermanentError, match=f"HTTP {status}: 'ok'"):
        send(channel(receiver.url))


def test_redirect_is_permanent_and_names_the_new_url(receiver: Receiver) -> None:
    receiver.script.append((301, {"Location": "https://hooks.example.org/new"}))
    with pytest.raises(PermanentError, match=r"hooks\.example\.org/new"):
        send(channel(receiver.url))


def test_unreachable_receiver_is_transient() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(TransientError, match="unreachable"):
        send(channel(f"http://127.0.0.1:{port}/hook"))


@pytest.mark.parametrize("secret", ["plainsecret", "whsec_!!notbase64!!", "whsec_"])
def test_malformed_secret_is_refused_with_advice(secret: str) -> None:
    with pytest.raises(ValueError, match="whsec_"):
        build_client("hook", channel("http://127.0.0.1:9/", secret=secret))


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    assert retry_after(httpx.Headers({"Retry-After": "30"})) == 30
    assert 100 < (retry_after(httpx.Headers({"Retry-After": later})) or 0) <= 120
    assert retry_after(httpx.Headers({"Retry-After": "soon"})) is None
    assert retry_after(httpx.Headers({})) is None


def test_a_malformed_secret_is_a_config_error_naming_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(
        "channels:\n"
        "  hook:\n"
        "    type: webhook\n"
        "    url: https://hooks.example.org/x\n"
        "    secret: ${WEBHOOK_SECRET}\n"
        "  unsigned:\n"
        "    type: webhook\n"
        "    url: https://hooks.example.org/y\n"
        "    secret: ${UNSET_SECRET:-}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={"WEBHOOK_SECRET": "hunter2"})
    message = str(caught.value)
    assert message.startswith(f"{config}:5:")
    assert "channels.hook.secret" in message and "whsec_" in message
    assert "hunter2" not in message

    good = "whsec_" + base64.b64encode(b"0123456789abcdef").decode()
    settings = load_settings(config, environ={"WEBHOOK_SECRET": good})
    assert settings.channels["hook"].secret.get_secret_value() == good
    assert settings.channels["unsigned"].secret is None  # empty: requests go unsigned
