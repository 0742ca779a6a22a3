"""JSON Lines channel: append one payload line per alert to a file, fsynced.

Settings (``type: jsonl``): ``path``. Each line is the version-1 alert payload of
:mod:`alerts.payload` plus ``"delivery": "<idempotency key>"`` so a reader can drop repeats.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from alerts.channels.base import ChannelBase, ChannelClient, TransientError
from alerts.payload import alert_payload, sort_for_digest

if TYPE_CHECKING:
    from alerts.payload import AlertView


class JsonlChannel(ChannelBase):
    type: Literal["jsonl"]
    path: Path

    def client(self, name: str) -> JsonlClient:
        return JsonlClient(name, self)

    def masked_target(self) -> str:
        return str(self.path)


class JsonlClient(ChannelClient):
    def __init__(self, name: str, settings: JsonlChannel) -> None:
        super().__init__(name)
        self._path = settings.path

    async def send(self, alert: AlertView, *, key: str) -> None:
        await asyncio.to_thread(self._append, [alert], key)

    async def send_digest(self, alerts: Sequence[AlertView], *, key: str) -> None:
        await asyncio.to_thread(self._append, sort_for_digest(alerts), key)

    def _append(self, alerts: Sequence[AlertView], key: str) -> None:
        lines = "".join(
            json.dumps({**alert_payload(alert), "delivery": key}, ensure_ascii=False) + "\n"
            for alert in alerts
        )
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with self._path.open("a", encoding="utf-8") as file:
                file.write(lines)
                file.flush()
                os.fsync(file.fileno())
        except OSError as exc:
            raise TransientError(f"cannot append to {self._path}: {exc}") from exc
