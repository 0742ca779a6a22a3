"""``sinowatch serve`` and ``sinowatch run --web`` as real processes: they listen, answer, stop.

Each runs on a copy of the filled database (the service writes to it) with its sources disabled
(nothing to crawl: the local site of the fill is gone).
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.web.filled import Filled

pytestmark = pytest.mark.timeout(180)

LISTENING = re.compile(r"(?:dashboard on|Uvicorn running on) (http://127\.0\.0\.1:\d+)")


@pytest.fixture
def config(filled: Filled, tmp_path: Path) -> Path:
    """The filled config on a copy of its database, every source disabled."""
    source = Path(filled.settings.database_url.removeprefix("sqlite:///"))
    shutil.copy(source, tmp_path / "sinowatch.db")
    data = yaml.safe_load(filled.config_path.read_text(encoding="utf-8"))
    data["database"]["url"] = f"sqlite:///{tmp_path / 'sinowatch.db'}"
    data["data_dir"] = str(tmp_path)
    data["sources"] = [{**source, "enabled": False} for source in data["sources"]]
    path = tmp_path / "sinowatch.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


Started = tuple[subprocess.Popen[str], str]


@pytest.fixture
def started(config: Path, request: pytest.FixtureRequest) -> Iterator[Started]:
    """The command ``request.param`` running (parametrized indirectly); its URL once it listens."""
    command = request.param
    env = {k: v for k, v in os.environ.items() if not k.startswith("SINOWATCH_WEB_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "sinowatch", "-c", str(config), *command],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stderr], daemon=True
    ).start()
    seen: list[str] = []
    url = None
    deadline = time.monotonic() + 60
    while url is None and time.monotonic() < deadline:
        try:
            seen.append(lines.get(timeout=1))
        except queue.Empty:
            assert process.poll() is None, "".join(seen)
            continue
        if found := LISTENING.search(seen[-1]):
            url = found.group(1)
    assert url, "never listened:\n" + "".join(seen)
    try:
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def stop(process: subprocess.Popen[str]) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(60)


@pytest.mark.parametrize("started", [["serve", "--port", "0"]], indirect=True)
def test_serve_answers_and_stops(started):
    process, url = started
    page = httpx.get(f"{url}/stories", timeout=20)
    assert page.status_code == 200 and "<h1>Stories</h1>" in page.text
    document = httpx.get(f"{url}/api/v1/openapi.json", timeout=20).json()
    assert document["info"]["title"] == "sinowatch"
    # uvicorn shuts down gracefully, then re-raises the signal: the status says what stopped it
    assert stop(process) == -signal.SIGTERM
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, timeout=5)


@pytest.mark.parametrize("started", [["run", "--web", "--web-port", "0"]], indirect=True)
def test_run_web_serves_beside_the_scheduler(started):
    process, url = started
    deadline = time.monotonic() + 30
    while True:  # the service starts its scheduler just after the web server listens
        health = httpx.get(f"{url}/healthz", timeout=20)
        if health.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert health.status_code == 200, health.text
    assert health.json()["scheduler"]["ok"] is True
    assert "<h1>Overview</h1>" in httpx.get(url, timeout=20).text
    assert stop(process) == 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, timeout=5)
