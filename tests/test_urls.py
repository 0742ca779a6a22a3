"""crawler.urls: one canonical URL per page; same-site checks for canonical tags."""

from __future__ import annotations

import pytest

from crawler.urls import canonicalize_url, outlet_domain, registrable_domain, same_site

PAGE = "https://www.example.com/world/2025/06/05/china-us-trade-talks"


@pytest.mark.parametrize(
    "variant",
    [
        PAGE,
        PAGE + "/",
        PAGE + "#comments",
        PAGE + "?utm_source=twitter&utm_medium=social&utm_campaign=x",
        PAGE + "?fbclid=IwAR0abc",
        PAGE + "?gclid=abc&mc_cid=1&mc_eid=2",
        PAGE + "?ocid=msn&cmpid=rss&smid=tw-share&ref=home",
        PAGE + "?ns_campaign=a&ns_source=b&guccounter=1",
        "http://www.example.com/world/2025/06/05/china-us-trade-talks",
        "https://WWW.EXAMPLE.COM:443/world/2025/06/05/china-us-trade-talks",
        "http://example.com:80/world/2025/06/05/china-us-trade-talks",
        "https://example.com/world/2025/06/05/china-us-trade-talks",
        "https://m.example.com/world/2025/06/05/china-us-trade-talks",
        "https://mobile.example.com/world/2025/06/05/china-us-trade-talks",
        "https://amp.example.com/world/2025/06/05/china-us-trade-talks",
        "https://www.example.com/amp/world/2025/06/05/china-us-trade-talks",
        "https://www.example.com/world/2025/06/05/china-us-trade-talks/amp",
        "https://www.example.com/world/2025/06/05/china-us-trade-talks/amp/",
        PAGE + "?amp",
        PAGE + "?amp=1",
        PAGE + "?outputType=amp",
        "//www.example.com/world/2025/06/05/china-us-trade-talks",
        "  " + PAGE + "  ",
    ],
)
def test_variants_of_one_page_share_a_canonical_url(variant: str) -> None:
    assert canonicalize_url(variant) == canonicalize_url(PAGE)


def test_canonical_form() -> None:
    assert canonicalize_url(PAGE) == "https://example.com/world/2025/06/05/china-us-trade-talks"


def test_amp_html_suffix_folds_to_html() -> None:
    assert canonicalize_url("https://news.example.org/a/story-1.amp.html") == canonicalize_url(
        "https://news.example.org/a/story-1.html"
    )


def test_meaningful_parameters_are_kept_and_sorted() -> None:
    url = "https://example.com/article.php?page=2&id=1234&utm_source=rss"
    assert canonicalize_url(url) == "https://example.com/article.php?id=1234&page=2"
    assert canonicalize_url("https://example.com/a?id=1") != canonicalize_url(
        "https://example.com/a?id=2"
    )


def test_the_tracker_list_is_our_own_and_matches_any_case() -> None:
    """Stored canonical URLs depend on it: ``cid`` or ``campaign`` may select the article (a
    generic tracker list such as courlan's drops them), ``UTM_Source`` is still a tracker."""
    url = "https://example.com/a?cid=2&campaign=spring&UTM_Source=x&Share=1"
    assert canonicalize_url(url) == "https://example.com/a?campaign=spring&cid=2"


def test_output_parameter_is_kept_unless_it_selects_amp() -> None:
    assert (
        canonicalize_url("https://example.com/a?output=pdf") == "https://example.com/a?output=pdf"
    )
    assert canonicalize_url("https://example.com/a?output=amp") == "https://example.com/a"


def test_different_pages_stay_different() -> None:
    assert canonicalize_url("https://example.com/a") != canonicalize_url("https://example.com/b")
    assert canonicalize_url("https://example.com/a") != canonicalize_url("https://example.org/a")
    assert canonicalize_url("https://example.com/ampere") == "https://example.com/ampere"
    assert canonicalize_url("https://example.com/amp-stories/x") == (
        "https://example.com/amp-stories/x"
    )


def test_non_default_port_and_local_hosts_are_kept() -> None:
    assert canonicalize_url("http://127.0.0.1:8123/news/1?utm_source=x") == (
        "https://127.0.0.1:8123/news/1"
    )


def test_host_prefix_is_not_stripped_down_to_a_public_suffix() -> None:
    assert canonicalize_url("https://m.co.uk/story") == "https://m.co.uk/story"
    assert canonicalize_url("https://www.m.bbc.co.uk/news/amp") == "https://bbc.co.uk/news"


def test_non_ascii_urls_are_encoded_consistently() -> None:
    encoded = "https://example.cn/%E6%96%B0%E9%97%BB?q=%E4%B8%AD"
    assert canonicalize_url("https://example.cn/新闻?q=中") == encoded
    assert canonicalize_url(encoded) == encoded


@pytest.mark.parametrize(
    "bad", ["", "not a url", "/relative/path", "ftp://example.com/x", "mailto:a@b"]
)
def test_bad_urls_raise_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="absolute http"):
        canonicalize_url(bad)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("https://www.bbc.co.uk/news/1", "http://m.bbc.co.uk/news/1", True),
        ("https://edition.cnn.com/a", "https://www.cnn.com/b", True),
        ("https://news.cn/a", "https://english.news.cn/b", True),
        ("https://bbc.co.uk/a", "https://itv.co.uk/a", False),
        ("https://example.com/a", "https://example.com.evil.net/a", False),
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/b", True),
        ("http://127.0.0.1/a", "http://127.0.0.2/a", False),
        ("", "https://example.com", False),
    ],
)
def test_same_site(a: str, b: str, expected: bool) -> None:
    assert same_site(a, b) is expected


def test_registrable_domain_and_outlet() -> None:
    assert registrable_domain("https://english.news.cn/x") == "news.cn"
    assert outlet_domain("https://www.reuters.com/world/") == "reuters.com"
    assert outlet_domain("https://m.economist.com/x") == "economist.com"


def test_urls_too_long_to_store_are_canonicalised_but_not_cached() -> None:
    """The cache holds only URLs the database could store, so a sitemap of huge URLs cannot fill
    memory for the life of the process."""
    from crawler import urls

    long_url = "https://example.com/story?" + "&".join(f"k{i}=v" for i in range(600))
    assert len(long_url) > urls.CACHED_URL_CHARS
    before = urls._cached_canonical.cache_info().currsize
    canonical = canonicalize_url(long_url)
    assert canonical.startswith("https://example.com/story?k0=v&k1=v")
    assert urls._cached_canonical.cache_info().currsize == before
    canonicalize_url("https://example.com/a-short-one-" + str(before))
    assert urls._cached_canonical.cache_info().currsize == before + 1
