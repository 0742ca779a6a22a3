"""URL identity: one canonical URL per page, however it was linked.

:func:`canonicalize_url` is the key of ``articles.canonical_url``: w3lib's canonicalisation (query
sorted, percent-encoding normalised, fragment dropped) plus what news links add on top —
tracking parameters, ``http``/``https``, default ports, ``www.``/mobile/AMP host and path variants,
a trailing slash. The result is an identity key, not necessarily a URL that resolves (the article
row keeps the URL it was fetched from). :func:`same_site` decides whether a page's own
``<link rel="canonical">`` may be trusted (only when it stays on the page's registrable domain).

The query cleaning stays here: w3lib's ``url_query_cleaner`` matches exact, case-sensitive names
(no ``utm_*`` families, no ``?outputType=amp``), and courlan's tracker list is another one (it
drops ``cid`` and ``campaign``, keeps ``share`` and ``spm``); either would change the identity
keys of articles already stored.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

import tldextract
from w3lib.url import canonicalize_url as w3lib_canonicalize_url

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ocid",
        "cmpid",
        "smid",
        "smtyp",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "_ga",
        "_gl",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "ito",
        "xtor",
        "ftag",
        "mbid",
        "s_cid",
        "wt.mc_id",
        "cmp",
        "taid",
        "sr_share",
        "share",
        "isappinstalled",
        "spm",
        "rss",
        "feedtype",
        "at_medium",
        "at_campaign",
        "pk_campaign",
        "pk_kwd",
        "pk_source",
        "pk_medium",
    }
)
"""Query parameter names (lower case) that only say where a click came from."""

TRACKING_PREFIXES = ("utm_", "ns_", "mtm_", "hsa_")
"""Prefixes of tracking parameter families (utm_source, ns_campaign, mtm_kwd …)."""

AMP_PARAMS = frozenset({"amp", "_amp", "amp_js_v", "usqp"})
"""Parameters that only select an AMP rendering (``?amp``, ``?amp=1``)."""

AMP_OUTPUT_PARAMS = frozenset({"outputtype", "output", "format"})
"""Parameters that select an AMP rendering when their value is ``amp`` (``?outputType=amp``)."""

HOST_VARIANT_PREFIXES = ("www.", "amp.", "m.", "mobile.")
"""Host labels that mark the desktop/mobile/AMP edition of the same site."""

DEFAULT_PORTS = {"http": 80, "https": 443}

_AMP_PATH_SEGMENT = re.compile(r"/amp(?=/|$)", re.IGNORECASE)
_AMP_SUFFIX = re.compile(r"\.amp(?=\.html?$|$)", re.IGNORECASE)

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
"""Public-suffix lookups from the list bundled with tldextract: no network, no cache files."""


CACHED_URL_CHARS = 2000
"""URLs up to this long (the longest the database stores) are cached: the cache's memory stays
bounded by count × length whatever a sitemap lists."""


def canonicalize_url(url: str) -> str:
    """Return the identity key of a page URL.

    Cached for URLs the database could store: a crawl canonicalises each article URL when
    screening its feed entry and again when storing the page (its served URL, canonical tag and
    aliases), ~25 us each time.

    Args:
        url: an absolute http(s) URL, as linked (feed, sitemap, listing, redirect target).

    Returns:
        ``https://host/path?query`` with tracking/AMP parameters removed, the host lower-cased
        and stripped of ``www.``/``m.``/``mobile.``/``amp.``, AMP path forms folded
        (``/amp/``, ``/amp``, ``.amp.html``), no default port, fragment or trailing slash.

    Raises:
        ValueError: when ``url`` is not an absolute http(s) URL.
    """
    if len(url) <= CACHED_URL_CHARS:
        return _cached_canonical(url)
    return _canonical(url)


@lru_cache(maxsize=8192)
def _cached_canonical(url: str) -> str:
    return _canonical(url)


def _canonical(url: str) -> str:
    raw = url.strip()
    if raw.startswith("//"):
        raw = "https:" + raw
    parts = urlsplit(raw)
    if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    parts = urlsplit(w3lib_canonicalize_url(raw))
    host = _fold_host(parts.hostname or "")
    port = parts.port
    if port is not None and port not in DEFAULT_PORTS.values():
        host = f"{host}:{port}"
    path = _fold_path(parts.path)
    query = _clean_query(parts.query)
    return urlunsplit(("https", host, path, query, ""))


def same_site(a: str, b: str) -> bool:
    """True when both URLs belong to one registrable domain (``www.bbc.co.uk`` ~ ``m.bbc.co.uk``).

    Used to accept a page's canonical tag only when it does not point to another site (a
    syndicated copy naming the original is a different page of a different outlet).
    """
    site_a, site_b = registrable_domain(a), registrable_domain(b)
    return bool(site_a) and site_a == site_b


def registrable_domain(url: str) -> str:
    """The domain under the public suffix (``bbc.co.uk``), or the bare host for IPs/localhost."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    return _registrable(host)


def outlet_domain(url: str) -> str:
    """A readable outlet name from a URL: the host without ``www.``/mobile/AMP labels."""
    return _fold_host((urlsplit(url.strip()).hostname or "").lower())


@lru_cache(maxsize=4096)
def _registrable(host: str) -> str:
    if not host:
        return ""
    extracted = _EXTRACT(host)
    return extracted.top_domain_under_public_suffix or host


def _fold_host(host: str) -> str:
    host = host.lower().rstrip(".")
    changed = True
    while changed:
        changed = False
        for prefix in HOST_VARIANT_PREFIXES:
            rest = host[len(prefix) :]
            # Never strip down to a bare public suffix (m.co.uk is a site of its own).
            if host.startswith(prefix) and "." in rest and _registrable(rest) == _registrable(host):
                host, changed = rest, True
    return host


def _fold_path(path: str) -> str:
    path = _AMP_SUFFIX.sub("", path)
    path = _AMP_PATH_SEGMENT.sub("", path)
    path = path.rstrip("/")
    return path or "/"


def _clean_query(query: str) -> str:
    if not query:
        return ""
    kept = []
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        name = name.lower()
        if name in TRACKING_PARAMS or name in AMP_PARAMS or name.startswith(TRACKING_PREFIXES):
            continue
        if name in AMP_OUTPUT_PARAMS and value.lower() == "amp":
            continue
        kept.append(pair)
    return "&".join(kept)
