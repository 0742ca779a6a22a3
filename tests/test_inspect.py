"""``sinowatch inspect``: one page through the service's own extraction, relevance and matching."""

from __future__ import annotations

import json
import re
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from alerts.matcher import Matcher
from alerts.storage.tables import Alert
from crawler.db import Database
from crawler.extract import token_f1
from crawler.scrapy_settings import scrapy_settings
from crawler.storage.tables import Article
from sinowatch.cli import app
from sinowatch.config_loader import find_config, load_settings
from sinowatch.inspect import JSON_KEYS, RELEVANCE_KEYS, fetch_page, inspect_page, local_page
from tests.corpus_truth import titles_agree
from tests.reactor import sinowatch
from tests.site import Resource, TestSite

PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Tariff truce leaves chipmakers guessing | Harbour Ledger</title>
<link rel="canonical" href="https://news.example.org/world/tariff-truce-chipmakers">
<meta property="article:published_time" content="2026-11-20T08:30:00Z">
<meta name="author" content="Mei Lin">
</head><body>
<nav><a href="/">Home</a> <a href="/china">China</a> <a href="/us">US</a></nav>
<article>
<h1>Tariff truce leaves chipmakers guessing</h1>
<p>WASHINGTON — The United States and China agreed on Thursday to pause new tariffs for ninety
days, but officials in Washington and Beijing gave few details about export controls on advanced
chips, leaving manufacturers on both sides of the Pacific unsure what comes next.</p>
<p>"A pause is not a settlement, and both capitals know it," said Victor Gao, vice president of
the Center for China and Globalization, in an interview on Friday. Gao added that the talks would
resume in Geneva next month.</p>
<p>Trade officials from the U.S. Commerce Department said the tariffs on Chinese electric vehicles
would stay in place while negotiators worked through a list of disputed goods.</p>
<p>Analysts in Shanghai said Chinese exporters had already shifted some orders to Vietnam and
Mexico to avoid the duties, and expected Beijing to press for relief on semiconductor equipment.</p>
<p>The White House did not comment on the chip rules. A spokesperson for China's Ministry of
Commerce said the talks were "candid and constructive".</p>
</article>
<footer>Cookie settings · About us</footer>
</body></html>
"""

WATCHLIST = """\
watchlists:
  - name: desk
    topics:
      - id: tariffs
        name: Trade and tariffs
        query: 'tariff* AND (China OR Beijing)'
      - id: taiwan
        query: 'Taiwan'
    experts:
      - name: Victor Gao
        aliases: [高志凯]
    rules:
      min_relevance: 0
"""

runner = CliRunner()


def default_settings():  # the config `inspect` finds from the test's working directory
    return load_settings(find_config(None))


def run_inspect(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["inspect", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.fixture
def watchlist_file(tmp_path: Path) -> Path:
    path = tmp_path / "desk.yaml"
    path.write_text(WATCHLIST, encoding="utf-8")
    return path


def test_json_has_exactly_the_documented_keys_and_expected_hits(
    page_file: Path, watchlist_file: Path
) -> None:
    code, out, err = run_inspect(
        str(page_file),
        "--url",
        "https://news.example.org/world/tariff-truce-chipmakers?utm_source=x",
        "--watchlist-file",
        str(watchlist_file),
        "--json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert tuple(report) == JSON_KEYS
    assert report["title"] == "Tariff truce leaves chipmakers guessing"
    assert report["canonical_url"].endswith("/world/tariff-truce-chipmakers")
    assert "utm_source" not in report["canonical_url"]
    assert report["authors"] == ["Mei Lin"]
    assert report["published"].startswith("2026-11-20T08:30")
    assert report["relevance"]["relevant"] is True
    assert report["relevance"]["china_terms"] and report["relevance"]["us_terms"]
    assert len(report["fingerprint"]) == 64
    assert tuple(report["relevance"]) == RELEVANCE_KEYS
    for hit in report["hits"]:
        assert tuple(hit) == ("watchlist", "kind", "id", "name", "mention", "quote", "snippet")
    hits = {(h["kind"], h["id"]): h for h in report["hits"]}
    assert set(hits) == {("topic", "tariffs"), ("expert", "victor-gao")}
    gao = hits[("expert", "victor-gao")]
    assert gao["mention"] == "quoted"
    assert "A pause is not a settlement" in gao["quote"]
    assert hits[("topic", "tariffs")]["mention"] is None
    assert "«" in hits[("topic", "tariffs")]["snippet"]
    # A local file is not held to max_age: the November page still alerts.
    assert report["would_alert"] == ["desk"]


def test_json_explains_the_relevance_score(page_file: Path, tmp_path: Path) -> None:
    config = tmp_path / "sinowatch.yaml"
    config.write_text("relevance:\n  threshold: 1.5\n", encoding="utf-8")
    result = runner.invoke(
        app, ["--config", str(config), "inspect", str(page_file), "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    relevance = json.loads(result.stdout)["relevance"]
    assert relevance["threshold"] == 1.5
    explanation = relevance["explanation"]
    assert set(explanation) == {
        "china",
        "us",
        "others",
        "focus",
        "focused",
        "focus_share",
        "weights",
        "body_words",
        "bilateral_weight",
    }
    # where each term was found: the first paragraph is the lead, the rest the body
    assert explanation["china"]["found"]["Beijing"] == {"lead": 1, "body": 1}
    assert explanation["us"]["found"]["White House"] == {"body": 1}
    assert explanation["us"]["found"]["Washington"] == {"lead": 2}
    for side in ("china", "us"):
        counts = {t: sum(w.values()) for t, w in explanation[side]["found"].items()}
        assert counts == relevance[f"{side}_terms"]
        assert explanation[side]["strength"] >= relevance["score"]
    assert relevance["score"] == min(
        explanation["china"]["strength"], explanation["us"]["strength"]
    )
    assert explanation["focused"] is True  # no third country outweighs the weaker side
    assert relevance["relevant"] is (relevance["score"] >= 1.5)
    assert explanation["weights"] == {"title": 3.0, "lead": 2.0, "body": 1.0}


def test_human_output_names_hits_and_the_rule_that_stopped_an_alert(
    page_file: Path, tmp_path: Path
) -> None:
    strict = tmp_path / "strict.yaml"
    strict.write_text(
        "watchlists:\n  - name: strict\n    topics:\n      - id: tariffs\n"
        "        query: tariff*\n    rules:\n      min_relevance: 50\n",
        encoding="utf-8",
    )
    code, out, err = run_inspect(str(page_file), "--watchlist-file", str(strict))
    assert code == 0, err
    assert "Tariff truce leaves chipmakers guessing" in out
    assert "China–U.S. relevance:" in out and "threshold 1," in out
    assert "China side: strength" in out and "Beijing ×2 (lead 1, body 1)" in out
    assert "[strict] topic tariffs" in out, "the watchlist name is printed, not eaten as markup"
    assert "no  strict: China–U.S. relevance" in out and "below min_relevance 50.00" in out


def test_human_output_says_when_third_countries_cap_the_score(tmp_path: Path) -> None:
    page = tmp_path / "summit.html"
    page.write_text(
        "<html><body><article><h1>EU and China hold summit in Brussels</h1>"
        "<p>European Union leaders met Chinese officials in Brussels on Monday. The EU pressed "
        "Beijing on car subsidies while the United States watched closely, and diplomats said "
        "Washington would study the EU's next steps. European exporters hope for calm.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    code, out, err = run_inspect(str(page))
    assert code == 0, err
    out = " ".join(out.split())  # the console wraps long lines
    assert "third countries: strength" in out and "Brussels ×3 (title 1, lead 2)" in out
    assert "not focused (0.40)" in out and "the score is capped at the focus" in out
    assert "China–U.S. relevance: 0.40 (not relevant;" in out


def test_reads_standard_input(watchlist_file: Path) -> None:
    code, out, err = run_inspect(
        "-",
        "--url",
        "https://news.example.org/x",
        "--watchlist-file",
        str(watchlist_file),
        "--json",
        input=PAGE.encode(),
    )
    assert code == 0, err
    assert json.loads(out)["url"] == "https://news.example.org/x"


def test_fetches_a_url_with_the_crawler_user_agent(watchlist_file: Path) -> None:
    with TestSite() as site:
        site["/story.html"] = Resource(PAGE.encode())
        code, out, err = run_inspect(
            site.url("/story.html"), "--watchlist-file", str(watchlist_file), "--json"
        )
        agent = site.requests_for("/story.html")[0].headers["User-Agent"]
        assert code == 0, err
        assert agent == scrapy_settings(default_settings().crawler)["USER_AGENT"], "as a crawl"
        report = json.loads(out)
        assert report["url"] == site.url("/story.html")
        assert report["title"] == "Tariff truce leaves chipmakers guessing"

        code, _out, err = run_inspect(site.url("/missing.html"))
        assert code == 1
        assert "HTTP 404" in err


def test_web_pages_are_held_to_max_age(watchlist_file: Path) -> None:
    old = PAGE.replace("2026-11-20T08:30:00Z", "2019-01-01T00:00:00Z")
    with TestSite() as site:
        site["/old.html"] = Resource(old.encode())
        code, out, err = run_inspect(site.url("/old.html"), "--watchlist-file", str(watchlist_file))
    assert code == 0, err
    assert "no  desk: too old: published 2019-01-01" in out
    assert "UTC, max_age 2d" in out  # as the config writes it, not "2 days, 0:00:00"


def test_download_timeout_bounds_a_slow_drip(tmp_path: Path) -> None:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(f"data_dir: {tmp_path}\ncrawler:\n  download_timeout: 2s\n")
    with TestSite() as site:
        site["/drip.html"] = Resource(size=200_000, drip=0.05)  # ~10 s in 1 KiB pieces
        started = time.monotonic()
        result = runner.invoke(app, ["-c", str(config), "inspect", site.url("/drip.html")])
        elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert "took longer than crawler.download_timeout (2 s)" in result.stderr
    assert elapsed < 6


def test_unreadable_page_exits_1(tmp_path: Path) -> None:
    code, _out, err = run_inspect(str(tmp_path / "nope.html"))
    assert code == 1
    assert "nope.html" in err


def test_invalid_watchlist_file_exits_2_with_file_and_line(page_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "watchlists:\n  - name: desk\n    topics:\n      - id: t\n        query: '(tariff AND'\n",
        encoding="utf-8",
    )
    code, _out, err = run_inspect(str(page_file), "--watchlist-file", str(bad))
    assert code == 2
    assert f"{bad}:5:" in err
    assert "watchlists[0].topics[0].query" in err


def test_url_option_with_a_web_page_exits_2() -> None:
    code, _out, err = run_inspect("https://example.com/a", "--url", "https://example.com/b")
    assert code == 2
    assert "--url is for a local file" in err


def test_another_url_scheme_exits_2_instead_of_reading_a_file() -> None:
    code, _out, err = run_inspect("ftp://example.com/a.html")
    assert code == 2
    assert "cannot fetch a ftp: URL" in err


def test_unknown_watchlist_name_exits_2(page_file: Path) -> None:
    code, _out, err = run_inspect(str(page_file), "--watchlist", "no-such-list")
    assert code == 2
    assert "unknown watchlist no-such-list" in err


@pytest.mark.slow
def test_corpus_pages_agree_with_ground_truth(corpus_dir: Path) -> None:
    """Each page as ``inspect PAGE --url URL --json`` reports it, through the API that command
    calls: the default config is read and its watchlists compiled once, not once per page (the
    CLI's own JSON output is covered above)."""
    settings = default_settings()
    matcher = Matcher.compile(settings.watchlists)
    scores: list[float] = []
    titles: list[bool] = []
    for truth_path in sorted(corpus_dir.glob("articles/*/*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if not truth.get("body_text") or not truth.get("url"):
            continue
        html = truth_path.with_name(truth["html_file"].split("/")[-1])
        page = local_page(html.read_bytes(), truth["url"])
        report = inspect_page(
            page, settings, settings.watchlists, apply_age=False, matcher=matcher
        ).report
        scores.append(token_f1(report["text"] or "", truth["body_text"]))
        if truth.get("title"):
            titles.append(titles_agree(report["title"], truth["title"]))
    assert len(scores) >= 40
    assert statistics.median(scores) >= 0.9
    # Some outlets' ground truth keeps a shorter social headline than the page's <h1>.
    assert len(titles) >= 10
    assert sum(titles) / len(titles) >= 0.8


OTHER_WATCHLISTS = """\
  - name: strict
    channels: [jsonl]
    topics: [{id: tariffs, query: 'tariff* AND China'}]
    rules: {min_relevance: 99}
  - name: quiet
    channels: [jsonl]
    topics: [{id: penguins, query: 'penguin*'}]
"""
NO_ALERT = re.compile(r"no alert for (\S+) on (\S+): (.*)$")


def test_inspect_and_a_real_crawl_agree(tmp_path: Path, watchlist_file: Path) -> None:
    """One code path: what a crawl stores and alerts on is what inspect reports, and each
    watchlist's decision (alert or not, hits, reasons) is the same in both."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    page = PAGE.replace("2026-11-20T08:30:00Z", now).replace(
        'href="https://news.example.org/world/tariff-truce-chipmakers"', 'href="/story.html"'
    )
    with TestSite() as site:
        site["/other.html"] = Resource(
            b"<html><body><article><h1>Harbour notes</h1>"
            + b"<p>The harbour committee met on Tuesday to discuss mooring fees.</p>" * 8
            + b"</article></body></html>"
        )
        site["/feed.xml"] = Resource(
            _rss(site, ["/other.html"]), content_type="application/rss+xml"
        )
        config = tmp_path / "sinowatch.yaml"
        config.write_text(
            f"data_dir: {tmp_path / 'data'}\n"
            "crawler: {download_delay: 0s, autothrottle: false, retries: 0}\n"
            "channels:\n  jsonl: {type: jsonl, path: alerts.jsonl}\n"
            "sources:\n"
            f"  - {{id: ledger, name: Ledger, kind: feed, url: '{site.url('/feed.xml')}'}}\n"
            + WATCHLIST.replace("    rules:", "    channels: [jsonl]\n    rules:")
            + OTHER_WATCHLISTS,
            encoding="utf-8",
        )
        for _round in ("baseline", "new article"):
            done = sinowatch(
                "-vv", "-c", str(config), "crawl"
            )  # in this process; -vv: why no alert
            assert done.returncode == 0, done.stderr[-3000:]
            site["/story.html"] = Resource(page.encode())
            site["/feed.xml"] = Resource(
                _rss(site, ["/other.html", "/story.html"]), content_type="application/rss+xml"
            )
        result = runner.invoke(
            app, ["-c", str(config), "inspect", site.url("/story.html"), "--json"]
        )
        settings = load_settings(config)
        inspection = inspect_page(
            fetch_page(site.url("/story.html"), settings.crawler),
            settings,
            settings.watchlists,
            apply_age=True,
        )
    assert result.exit_code == 0, result.stderr
    crawl_reasons = {
        found[1]: found[3]
        for line in done.stderr.splitlines()
        if (found := NO_ALERT.search(line)) and found[2].endswith("/story.html")
    }
    report = json.loads(result.stdout)
    database = Database(f"sqlite:///{tmp_path / 'data' / 'sinowatch.db'}")
    with database.session() as session:
        stored = session.scalars(select(Article).where(Article.url.like("%/story.html"))).one()
        alerts = list(session.scalars(select(Alert).where(Alert.article_id == stored.id)))
    database.dispose()
    assert report["canonical_url"] == stored.canonical_url
    assert report["title"] == stored.title
    assert report["text"] == stored.text
    assert report["authors"] == stored.authors
    assert report["language"] == stored.language
    assert report["published"] == stored.published_at.isoformat()
    assert report["fingerprint"] == stored.fingerprint
    assert report["relevance"]["score"] == pytest.approx(stored.relevance_score)
    assert report["relevance"]["relevant"] is stored.relevant
    assert report["relevance"]["china_terms"] == stored.relevance_terms["china"]
    assert report["relevance"]["us_terms"] == stored.relevance_terms["us"]
    assert [a.watchlist for a in alerts] == report["would_alert"] == ["desk"]
    assert alerts[0].hits == [hit for hit in report["hits"] if hit["watchlist"] == "desk"]
    decisions = inspection.decisions
    assert [name for name, decision in decisions.items() if decision.alert] == ["desk"]
    assert alerts[0].hits == [hit.to_dict() for hit in decisions["desk"].hits]
    assert crawl_reasons == {
        name: "; ".join(decision.reasons)
        for name, decision in decisions.items()
        if not decision.alert
    }
    assert "min_relevance 99.00" in crawl_reasons["strict"]
    assert "no topic or expert of watchlist 'quiet' found" in crawl_reasons["quiet"]
    # `sinowatch crawl` also delivered the alert it queued.
    delivered = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(delivered) == 1
    assert json.loads(delivered[0])["article"]["title"] == stored.title


def _rss(site: TestSite, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{path}</title><link>{site.url(path)}</link></item>" for path in paths
    )
    channel = f"<channel><title>t</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()
