"""crawler.entrylinks: unwrapping, validation, public-host and offsite (host:port) screening."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from crawler.config import SourceSettings
from crawler.entrylinks import (
    AllowedSite,
    LinkPolicy,
    join,
    offsite_warning,
    problem,
    screen,
    unwrap,
)
from crawler.ledger import SKIP_BAD_URL, SKIP_NOT_WEB, SKIP_OFFSITE


@dataclass(frozen=True)
class Link:
    url: str
    title: str = ""


def policy(url: str, allowed: list[str] | None = None) -> LinkPolicy:
    source = SourceSettings(id="s", name="S", kind="feed", url=url, allowed_domains=allowed or [])
    return LinkPolicy.for_source(source)


@pytest.mark.parametrize(
    ("wrapped", "target"),
    [
        (
            "https://www.google.com/url?rct=j&sa=t&url=https://news.example.org/a%3Fid%3D7&ct=ga",
            "https://news.example.org/a?id=7",
        ),
        ("https://www.google.co.uk/url?q=http://example.com/x&sa=U", "http://example.com/x"),
        ("https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fy", "https://example.com/y"),
        # not wrappers: left alone
        ("https://www.google.com/search?q=https://example.com/", None),
        ("https://example.com/url?url=https://evil.example/", None),
        ("https://www.google.com/url?url=javascript:alert(1)", None),
    ],
)
def test_unwrap(wrapped: str, target: str | None):
    assert unwrap(wrapped) == (target or wrapped)


@pytest.mark.parametrize(
    ("url", "local", "reason"),
    [
        ("https://example.com/a", False, None),
        ("http://[::1/broken", False, SKIP_BAD_URL),
        ("http://example.com:99999/", False, SKIP_BAD_URL),
        ("/relative/path", False, SKIP_BAD_URL),
        ("http://exa mple.com/", False, SKIP_BAD_URL),
        ("file:///etc/passwd", True, SKIP_NOT_WEB),
        ("ftp://example.com/f", False, SKIP_NOT_WEB),
        ("javascript:alert(1)", False, SKIP_NOT_WEB),
        ("http://169.254.169.254/latest/meta-data/", True, SKIP_NOT_WEB),
        ("http://[fe80::1]/", True, SKIP_NOT_WEB),
        ("http://[::ffff:169.254.169.254]/", True, SKIP_NOT_WEB),
        ("http://metadata.google.internal/", True, SKIP_NOT_WEB),
        ("http://0.0.0.0/", True, SKIP_NOT_WEB),
        ("http://10.1.2.3/", False, SKIP_NOT_WEB),
        ("http://10.1.2.3/", True, None),
        ("http://127.0.0.1:8080/", False, SKIP_NOT_WEB),
        ("http://127.0.0.1:8080/", True, None),
        ("http://localhost/", False, SKIP_NOT_WEB),
        ("http://intranet.local/", True, None),
    ],
)
def test_problem(url: str, local: bool, reason: str | None):
    assert problem(url, local=local) == reason


def test_default_sites_include_a_non_standard_port():
    local = policy("http://127.0.0.1:8123/feed.xml")
    assert local.local
    assert local.allows("http://127.0.0.1:8123/a")
    assert not local.allows("http://127.0.0.1:5432/")
    assert not local.allows("http://127.0.0.1/")
    public = policy("https://www.example.com/feed.xml")
    assert not public.local
    assert public.allows("https://example.com/a") and public.allows("http://news.example.com/b")
    assert not public.allows("https://example.com:8443/a")
    assert not public.allows("https://notexample.com/a")


def test_allowed_domains_with_and_without_ports():
    configured = policy("https://example.com/feed", ["example.org", "example.com:8080"])
    assert configured.allows("https://www.example.org/x")
    assert configured.allows("http://example.com:8080/x")
    assert not configured.allows("https://example.com/x")  # only :8080 for example.com
    assert str(AllowedSite.parse("[::1]:8080")) == "[::1]:8080"
    for bad in ("https://example.com/", "example.com/news", "example.com:http"):
        with pytest.raises(ValueError):
            AllowedSite.parse(bad)


def test_screen_counts_every_link_once():
    links = [
        Link("https://example.com/ok"),
        Link("https://www.google.com/url?url=https://example.com/wrapped"),
        Link("https://other.org/a"),
        Link("https://other.org/b"),
        Link("http://[::1/broken"),
        Link("file:///etc/passwd"),
    ]
    result = screen(links, policy("https://example.com/feed"))
    assert [link.url for link in result.kept] == [
        "https://example.com/ok",
        "https://example.com/wrapped",
    ]
    assert result.kept[1].title == ""  # the other fields are kept
    assert result.skipped == {SKIP_OFFSITE: 2, SKIP_BAD_URL: 1, SKIP_NOT_WEB: 1}
    assert len(result.kept) + sum(result.skipped.values()) == len(links)
    assert offsite_warning(result.offsite_hosts) == (
        "2 entries link to other domains (other.org): add them to allowed_domains to follow them"
    )


def test_join_keeps_what_it_cannot_resolve():
    assert join("https://example.com/news/", "a.html") == "https://example.com/news/a.html"
    assert join("https://example.com/", " http://[::1/broken ") == "http://[::1/broken"


def test_source_config_rejects_a_url_as_allowed_domain():
    with pytest.raises(ValueError, match="is not a domain"):
        SourceSettings(
            id="s", name="S", kind="feed", url="https://e.com/f", allowed_domains=["https://e.com/"]
        )


def test_links_stored_without_fetching_skip_only_malformed_and_non_web():
    links = [Link("https://other.org/a"), Link("http://10.0.0.1/x"), Link("file:///etc/passwd")]
    result = screen(links, policy("https://example.com/feed"), fetching=False)
    assert [link.url for link in result.kept] == ["https://other.org/a", "http://10.0.0.1/x"]
    assert result.skipped == {SKIP_NOT_WEB: 1}
    assert not result.offsite_hosts
