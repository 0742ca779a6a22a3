"""Credentials in URLs stay secret everywhere they could surface (issue 13).

A webhook URL ``http://user:PASSWORD@127.0.0.1:PORT/hook?token=TOKEN`` against a real receiver
that answers 500: the password and token must not appear in log lines (ours and httpx's, human and
JSON), the stored ``deliveries.last_error``, ``alerts list``, ``alerts test`` or ``check``.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from alerts.dispatcher import Dispatcher
from alerts.storage.tables import Delivery
from crawler.db import Database
from crawler.migrate import upgrade
from crawler.redact import mask_url, mask_urls
from crawler.storage.tables import CrawlRun, Source, utcnow
from sinowatch.cli import app
from sinowatch.config_loader import load_settings
from sinowatch.logs import configure_logging, secret_values
from tests.alerting import Receiver, seed_alerts, webhook_receiver
from tests.site import TestSite
from tests.sourcecrawl import crawl_sources
from tests.test_crawl import feed_source

PASSWORD = "pw-5ecret-91"
TOKEN = "tok-77aa42"
LEAKS = (PASSWORD, TOKEN)


@pytest.fixture(autouse=True)
def fresh_root_logger() -> Iterator[None]:
    """Each CLI run installs its log handler on its own captured stderr (basicConfig)."""
    root = logging.getLogger()
    kept, level = list(root.handlers), root.level
    for handler in kept:
        root.removeHandler(handler)
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in kept:
        root.addHandler(handler)
    root.setLevel(level)


@pytest.fixture
def failing_receiver() -> Iterator[Receiver]:
    generator = webhook_receiver()
    receiver = next(generator)
    receiver.script += [(500, {})] * 10
    yield receiver
    generator.close()


@pytest.fixture
def config(tmp_path: Path, failing_receiver: Receiver) -> Path:
    host = failing_receiver.url.removeprefix("http://").removesuffix("/hook")
    path = tmp_path / "sinowatch.yaml"
    path.write_text(
        f"""\
data_dir: {tmp_path}
channels:
  hook:
    type: webhook
    url: "http://desk:{PASSWORD}@{host}/hook?team=cn&token={TOKEN}"
    timeout: 5s
watchlists:
  - name: experts
    channels: [hook]
    topics:
      - {{id: tariffs, query: tariff}}
""",
        encoding="utf-8",
    )
    return path


def assert_masked(text: str, *, where: str) -> None:
    for leak in LEAKS:
        assert leak not in text, f"{leak!r} leaked in {where}:\n{text}"


def test_mask_url_keeps_the_address_and_hides_the_credentials() -> None:
    url = f"https://desk:{PASSWORD}@hooks.example.org:8443/in?team=cn&api_key={TOKEN}#sig=abc"
    assert (
        mask_url(url) == "https://desk:****@hooks.example.org:8443/in?team=cn&api_key=****#sig=****"
    )
    assert mask_url(f"https://{TOKEN}@hooks.example.org/in") == "https://****@hooks.example.org/in"
    assert mask_urls(f"POST {url} failed") == f"POST {mask_url(url)} failed"
    assert mask_urls("no url, token=plain") == "no url, token=plain"  # only inside URLs


def test_delivery_failure_is_masked_in_logs_last_error_and_alerts_list(
    config: Path, tmp_path: Path
) -> None:
    settings = load_settings(config, environ={})
    database = Database(settings.database_url)
    upgrade(database)
    seed_alerts(database, [("hook", "instant")], now=utcnow())
    outputs = {}
    for fmt in ("human", "json"):
        stream = io.StringIO()
        handler = configure_logging(
            fmt, level=logging.DEBUG, secrets=secret_values(settings), stream=stream
        )
        try:
            with database.transaction() as session:  # due again, for the second format
                for delivery in session.scalars(select(Delivery)):
                    delivery.next_attempt_at = utcnow()
            asyncio.run(Dispatcher(database, settings.channels).run_once())
        finally:
            logging.getLogger().removeHandler(handler)
        outputs[fmt] = stream.getvalue()
    for fmt, output in outputs.items():
        assert_masked(output, where=f"the {fmt} log")
        assert "HTTP Request: POST http://desk:****@" in output  # httpx's own line, masked
        assert "failed, retry at" in output and "token=****" in output
    assert all(json.loads(line) for line in outputs["json"].splitlines())
    with database.session() as session:
        (delivery,) = session.scalars(select(Delivery))
    database.dispose()
    assert delivery.last_error is not None and "answered HTTP 500" in delivery.last_error
    assert_masked(delivery.last_error, where="deliveries.last_error")
    assert "desk:****@" in delivery.last_error and "token=****" in delivery.last_error

    runner = CliRunner()
    for extra in ([], ["--json"]):
        result = runner.invoke(
            app, ["--config", str(config), "alerts", "list", *extra], env={"COLUMNS": "400"}
        )
        assert result.exit_code == 0, result.output
        assert "webhook http://desk:****@127.0.0.1:" in result.output
        assert_masked(result.output, where=f"alerts list {extra}")


def test_alerts_test_and_check_mask_the_url(config: Path, failing_receiver: Receiver) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["-vv", "--config", str(config), "alerts", "test", "hook"], env={})
    assert result.exit_code == 1
    assert "FAILED (temporary): webhook http://desk:****@" in result.stderr
    assert_masked(result.output, where="alerts test")
    assert failing_receiver.requests, "the request was really sent"

    result = runner.invoke(app, ["--config", str(config), "check"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "http://desk:****@127.0.0.1:" in result.stdout and "token=****" in result.stdout
    assert_masked(result.output, where="check")


def test_check_masks_database_url_parameters(tmp_path: Path) -> None:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(
        f'database: {{url: "postgresql+psycopg://sw:{PASSWORD}@db.example.org/sw'
        f'?sslpassword={TOKEN}"}}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["--config", str(config), "check"], env={})
    assert result.exit_code == 0, result.output
    assert "database: postgresql+psycopg://sw:****@db.example.org/sw?sslpassword=****" in (
        result.stdout
    )
    assert_masked(result.output, where="check")


def test_stored_crawl_errors_mask_the_source_urls_credentials(database: Database) -> None:
    with TestSite() as site:
        url = site.url("/missing.xml?token=t0kenvalue").replace("://", "://reader:s3cretpw@")
        crawl_sources(database, [feed_source("f", url)])
    with database.session() as session:
        source = session.get(Source, "f")
        run = session.scalars(select(CrawlRun).where(CrawlRun.source_id == "f")).one()
    assert source is not None and source.last_error is not None
    for stored in (source.last_error, run.error, json.dumps(run.details)):
        assert "s3cretpw" not in stored and "t0kenvalue" not in stored, stored
    assert "****" in source.last_error
