"""crawler.retryafter: Retry-After as seconds or an HTTP date (the crawl test is in hostile/)."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.retryafter import retry_after_seconds


def test_retry_after_values():
    now = datetime(2026, 10, 21, 7, 27, 0, tzinfo=UTC)
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds(b"Wed, 21 Oct 2026 07:28:00 GMT", now) == 60.0
    assert retry_after_seconds(b"Wed, 21 Oct 2026 07:00:00 GMT", now) == 0.0
    assert retry_after_seconds(b"soon") is None
    assert retry_after_seconds(None) is None
