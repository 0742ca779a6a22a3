"""Which entry links a source may fetch: screening the links its feeds, sitemaps and listings offer.

An index document is hostile input: its links may point anywhere. Before anything is fetched,
:func:`screen` turns every offered link into either a link to fetch or a counted skip reason:

1. redirect wrappers are unwrapped (Google Alerts / Google News ``google.com/url?url=…`` and
   ``q=…``, Facebook's ``l.php?u=…``): the real article link is what counts;
2. a link that is no valid absolute URL is skipped as ``malformed URL``;
3. a link that is not an ``http(s)`` page on a public host is skipped as ``not a public web
   page``: other schemes (``file:``, ``ftp:``, ``mailto:``), link-local and cloud metadata
   addresses (``169.254.169.254``, ``fe80::``) always; loopback and private addresses
   (``127.0.0.1``, ``10.x``, ``localhost``) unless the source itself is on such a host (local and
   intranet sources keep working). Host *names* are not resolved here;
4. a link outside the source's allowed sites is skipped as ``other domain``.

Steps 3 (hosts) and 4 apply to links that are fetched: a source with ``fetch_articles: false``
(an aggregator whose entries are stored from the feed alone) keeps links to any public or
private host, since nothing is requested from them.

Allowed sites (``allowed_domains``): an entry ``example.com`` allows that host and its subdomains
on the standard ports (80/443); ``example.com:8080`` allows that host and its subdomains on port
8080 only. Without ``allowed_domains`` a source allows the registrable domains of its own URLs,
with their port when it is not a standard one — so an entry linking to ``127.0.0.1:5432`` is
another site for a source on ``127.0.0.1:8000``.
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar
from urllib.parse import parse_qs, urljoin, urlsplit

from w3lib.url import safe_url_string

from crawler.ledger import SKIP_BAD_URL, SKIP_NOT_WEB, SKIP_OFFSITE
from crawler.urls import registrable_domain

if TYPE_CHECKING:
    from crawler.config import SourceSettings

WEB_SCHEMES = {"http": 80, "https": 443}
STANDARD_PORTS = frozenset(WEB_SCHEMES.values())

METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})
"""Cloud metadata host names (their addresses are link-local and refused as such)."""

LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".lan", ".home.arpa")
"""Host names that only ever mean this machine or the local network."""

WRAPPERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "google": (("/url",), ("url", "q")),
    "facebook": (("/l.php",), ("u",)),
}
"""Redirect wrappers by registrable-domain label: (paths, query parameters holding the target)."""


class HasUrl(Protocol):
    @property
    def url(self) -> str: ...


T = TypeVar("T", bound=HasUrl)


@dataclass(frozen=True, slots=True)
class AllowedSite:
    """One ``allowed_domains`` entry: a domain (with its subdomains) and an optional port."""

    domain: str
    port: int | None = None

    @classmethod
    def parse(cls, entry: str) -> AllowedSite:
        """``example.com`` or ``example.com:8080`` (IPv6: ``[::1]:8080``).

        Raises:
            ValueError: when ``entry`` is a URL, has a path, or a bad port.
        """
        text = entry.strip().lower().rstrip(".")
        if not text or "/" in text or "@" in text or " " in text:
            raise ValueError(f"{entry!r} is not a domain (write example.com or example.com:8080)")
        parts = urlsplit(f"//{text}")
        port = parts.port  # ValueError for a bad port
        if not parts.hostname:
            raise ValueError(f"{entry!r} is not a domain (write example.com or example.com:8080)")
        return cls(parts.hostname, port)

    def allows(self, host: str, port: int) -> bool:
        on_port = port == self.port if self.port is not None else port in STANDARD_PORTS
        return on_port and (host == self.domain or host.endswith("." + self.domain))

    def __str__(self) -> str:
        host = f"[{self.domain}]" if ":" in self.domain else self.domain
        return f"{host}:{self.port}" if self.port is not None else host


@dataclass(frozen=True, slots=True)
class LinkPolicy:
    """What a source may fetch: its allowed sites, and whether non-public hosts are allowed."""

    sites: tuple[AllowedSite, ...]
    local: bool = False
    """The source is itself on a loopback/private host: such entry links are allowed too."""

    @classmethod
    def for_source(cls, source: SourceSettings) -> LinkPolicy:
        urls = source.all_urls
        if source.allowed_domains:
            sites = tuple(AllowedSite.parse(entry) for entry in source.allowed_domains)
        else:
            sites = tuple(dict.fromkeys(default_site(url) for url in urls))
        return cls(sites=sites, local=any(host_kind(_host(url)) == "local" for url in urls))

    def allows(self, url: str) -> bool:
        """Whether ``url`` (a valid http(s) URL) is on one of the allowed sites."""
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port or WEB_SCHEMES.get(parts.scheme.lower(), 0)
        return any(site.allows(host, port) for site in self.sites)


@dataclass(slots=True)
class Screened(Generic[T]):
    """The outcome of :func:`screen`: links to fetch, and skip counts by reason."""

    kept: list[T] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    offsite_hosts: Counter[str] = field(default_factory=Counter)
    """Hosts (``host`` or ``host:port``) of the links skipped as ``other domain``."""


def default_site(url: str) -> AllowedSite:
    """The site a source URL allows by default: its registrable domain, with a non-standard port."""
    parts = urlsplit(url)
    port = parts.port
    return AllowedSite(registrable_domain(url), None if port in (None, *STANDARD_PORTS) else port)


def join(base: str, link: str) -> str:
    """``link`` resolved against ``base``; the link itself when it cannot be (it is malformed and
    :func:`screen` will say so)."""
    try:
        return urljoin(base, link.strip())
    except ValueError:
        return link.strip()


def unwrap(url: str) -> str:
    """The target of a known redirect wrapper (``https://www.google.com/url?…&url=TARGET``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    label = registrable_domain(url).split(".", 1)[0]
    wrapper = WRAPPERS.get(label)
    if wrapper is None or parts.path not in wrapper[0]:
        return url
    query = parse_qs(parts.query)
    for name in wrapper[1]:
        for target in query.get(name, ()):
            if target.lower().startswith(("http://", "https://")):
                return target.strip()
    return url


def problem(url: str, *, local: bool, fetching: bool = True) -> str | None:
    """Why ``url`` is not a fetchable public web page (None when it is).

    Args:
        url: an absolute URL.
        local: loopback / private hosts are allowed (the source is on one).
        fetching: False when the link is only stored, never fetched (``fetch_articles: false``):
            then only a malformed or non-http(s) link is a problem.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a bad port
        safe_url_string(url)  # raises for hosts that cannot be IDNA-encoded
    except ValueError:
        return SKIP_BAD_URL
    if not parts.scheme:
        return SKIP_BAD_URL
    if parts.scheme.lower() not in WEB_SCHEMES:
        return SKIP_NOT_WEB
    host = (parts.hostname or "").rstrip(".")
    if not host or any(c in host for c in " <>\"'\\{}|^`"):
        return SKIP_BAD_URL
    kind = host_kind(host)
    if not fetching or kind == "public" or (kind == "local" and local):
        return None
    return SKIP_NOT_WEB


@lru_cache(maxsize=1024)
def host_kind(host: str) -> str:
    """``public``, ``local`` (loopback / private network) or ``forbidden`` (link-local, cloud
    metadata, unspecified, multicast, reserved). Cached: every entry link and every article
    request of a crawl asks, mostly about a handful of hosts."""
    host = host.lower().rstrip(".")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if host in METADATA_HOSTS:
            return "forbidden"
        if host == "localhost" or host.endswith(LOCAL_NAMES):
            return "local"
        return "public"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_link_local or address.is_unspecified or address.is_multicast:
        return "forbidden"
    if address.is_loopback or address.is_private:
        return "local"
    if address.is_reserved or not address.is_global:
        return "forbidden"
    return "public"


def screen(candidates: Iterable[T], policy: LinkPolicy, *, fetching: bool = True) -> Screened[T]:
    """Unwrap, validate and offsite-check entry links (objects with a ``url``, e.g. Candidate).

    Every candidate ends up either in ``kept`` (with its unwrapped URL) or counted in
    ``skipped`` under its reason. ``fetching=False`` (links stored from the index, never
    fetched): only malformed and non-http(s) links are skipped.
    """
    result: Screened[T] = Screened()
    for candidate in candidates:
        url = unwrap(candidate.url)
        reason = problem(url, local=policy.local, fetching=fetching)
        if reason is None and fetching and not policy.allows(url):
            reason = SKIP_OFFSITE
            result.offsite_hosts[_netloc(url)] += 1
        if reason is not None:
            result.skipped[reason] += 1
        elif url == candidate.url:
            result.kept.append(candidate)
        else:
            result.kept.append(replace(candidate, url=url))  # type: ignore[type-var]
    return result


def offsite_warning(hosts: Counter[str], limit: int = 3) -> str:
    """``12 entries link to other domains (a.org, b.com, …): add them to allowed_domains …``"""
    total = sum(hosts.values())
    names: Sequence[str] = [host for host, _ in hosts.most_common(limit)]
    more = ", …" if len(hosts) > limit else ""
    noun = "entry links" if total == 1 else "entries link"
    return (
        f"{total} {noun} to other domains ({', '.join(names)}{more}): "
        "add them to allowed_domains to follow them"
    )


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _netloc(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port not in (None, *STANDARD_PORTS) else host
