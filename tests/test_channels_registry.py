"""The channel registry: every channel module's settings model is in the ``Channel`` union, and
each model describes its target without its secrets."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil
from typing import Any, get_args

import pytest
from pydantic import TypeAdapter

import alerts.channels
from alerts.channels import Channel, ChannelBase, ChannelClient
from crawler.redact import MASK


def defined_channel_models() -> dict[str, type[ChannelBase]]:
    """Every concrete ChannelBase subclass defined in a module of ``alerts.channels``."""
    found = {}
    for module_info in pkgutil.iter_modules(alerts.channels.__path__):
        module = importlib.import_module(f"alerts.channels.{module_info.name}")
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, ChannelBase)
                and not inspect.isabstract(value)
                and value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_channel_model_is_registered_once_under_its_own_type() -> None:
    union, _discriminator = get_args(Channel)
    registered = set(get_args(union))
    assert registered == set(defined_channel_models().values())
    types = [get_args(model.model_fields["type"].annotation)[0] for model in registered]
    assert (
        sorted(types) == sorted(set(types)) == ["apprise", "console", "email", "jsonl", "webhook"]
    )


EXAMPLES: list[tuple[dict[str, Any], list[str]]] = [
    (
        {
            "type": "email",
            "host": "smtp.example.org",
            "username": "desk",
            "password": "smtp-pass-123",
            "from": "alerts@example.org",
            "to": "desk@example.org",
        },
        ["smtp-pass-123"],
    ),
    (
        {
            "type": "webhook",
            "url": "https://bot:url-pass-456@hooks.example.org/in?token=tok-789",
            "secret": "whsec_c2lub3dhdGNoLXJlZ2lzdHJ5",
            "headers": {"Authorization": "Bearer head-000", "X-Team": "china-desk"},
        },
        ["url-pass-456", "tok-789", "whsec_c2lub3dhdGNoLXJlZ2lzdHJ5", "Bearer head-000"],
    ),
    ({"type": "apprise", "urls": ["slack://tokA/tokB/tokC"]}, ["tokA/tokB/tokC"]),
    ({"type": "console"}, []),
    ({"type": "jsonl", "path": "alerts.jsonl"}, []),
]


@pytest.mark.parametrize(("data", "secrets"), EXAMPLES, ids=[d["type"] for d, _ in EXAMPLES])
def test_the_masked_target_shows_no_secret_and_the_client_builds(
    data: dict[str, Any], secrets: list[str]
) -> None:
    channel = TypeAdapter(Channel).validate_python(data)
    target = channel.masked_target()
    assert target and not [secret for secret in secrets if secret in target]
    assert (MASK in target) == bool(secrets)
    client = channel.client("name")
    assert isinstance(client, ChannelClient)
    asyncio.run(client.aclose())


def test_a_webhook_names_the_secrets_it_holds_outside_secret_fields() -> None:
    data, _ = EXAMPLES[1]
    channel = TypeAdapter(Channel).validate_python(data)
    assert sorted(channel.plain_secrets()) == ["Bearer head-000", "tok-789", "url-pass-456"]
