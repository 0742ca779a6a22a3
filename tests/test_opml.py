"""``sinowatch sources export|import``: OPML round trip, duplicates counted, bad input refused."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawler.config import SourceSettings
from sinowatch.cli import app
from sinowatch.config_loader import load_settings
from sinowatch.opml import MAX_OPML_BYTES, OpmlError, export_opml, import_opml
from sinowatch.paths import default_config_dir

EVERY_SETTING = SourceSettings.model_validate(
    {
        "id": "every.setting",
        "name": 'Every <setting> & "quote" 中文',
        "kind": "listing",
        "urls": ["https://a.example.org/news", "https://b.example.org/news?x=1&y=2"],
        "schedule": {"cron": "*/20 6-23 * * *", "jitter": "90s"},
        "language": "zh-Hant",
        "country": "TW",
        "outlet_type": "wire",
        "relevance": "always",
        "allowed_domains": ["example.org", "cdn.example.org:8080"],
        "link_selector": '[data-kind="story"] a[href$="/c.html"]',
        "max_age": "36h",
        "fetch_articles": False,
        "enabled": False,
    }
)


def same(left: list[SourceSettings], right: list[SourceSettings]) -> None:
    """Equal sources: every setting, with ``url``/``urls`` compared as the URLs they give."""

    def plain(source: SourceSettings) -> dict[str, object]:
        return {**source.model_dump(exclude={"url", "urls"}), "all_urls": source.all_urls}

    assert [plain(s) for s in left] == [plain(s) for s in right]


def test_export_then_import_gives_the_same_sources() -> None:
    sources = [*load_settings(default_config_dir() / "sinowatch.yaml").sources, EVERY_SETTING]
    result = import_opml(export_opml(sources), {})
    assert result.skipped == []
    same(result.sources, sources)
    assert len(sources) > 20


def test_cli_round_trip_through_an_included_sources_file(tmp_path: Path) -> None:
    runner = CliRunner()
    exported = tmp_path / "sources.opml"
    default = default_config_dir() / "sinowatch.yaml"
    result = runner.invoke(app, ["-c", str(default), "sources", "export", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "sinowatch.yaml"
    fresh.write_text("data_dir: data\n", encoding="utf-8")
    result = runner.invoke(app, ["-c", str(fresh), "sources", "import", str(exported)])
    assert result.exit_code == 0, result.output
    wanted = load_settings(default).sources
    into = tmp_path / "sources-imported.yaml"
    assert f"imported {len(wanted)} sources into {into}, skipped 0\n" in result.stdout
    assert "does not include it yet: add `include: [sources-imported.yaml]`" in result.stdout
    # readable like the config beside it (a service user reads what root imported), not 0600
    assert stat.S_IMODE(into.stat().st_mode) == stat.S_IMODE(fresh.stat().st_mode)
    assert stat.S_IMODE(exported.stat().st_mode) == stat.S_IMODE(fresh.stat().st_mode)
    fresh.write_text("data_dir: data\ninclude: [sources-imported.yaml]\n", encoding="utf-8")
    same(load_settings(fresh).sources, wanted)
    again = runner.invoke(app, ["-c", str(fresh), "sources", "import", str(exported)])
    assert again.exit_code == 0, again.output
    count = len(wanted)
    assert f"imported 0 sources, skipped {count} (duplicate id ×{count})" in again.stdout
    assert "outline 1 'CGTN': duplicate id: 'cgtn' is already configured" in again.stderr


FEED_READER = """\
<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News">
      <outline type="rss" text="Wire One" xmlUrl="https://wire.example.org/rss.xml"
               htmlUrl="https://wire.example.org/"/>
      <outline type="rss" text="Wire One" xmlUrl="https://wire.example.org/asia.xml"/>
      <outline type="rss" text="Copy" xmlUrl="https://known.example.org/feed.xml"/>
      <outline text="Just a bookmark" htmlUrl="https://bookmark.example.org/"/>
      <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
      <outline type="rss" text="Wire One" xmlUrl="https://wire.example.org/rss.xml"/>
    </outline>
    <outline text="人民网" type="rss" xmlUrl="http://www.people.com.cn/rss/world.xml"/>
    <outline text="Empty"/>
  </body>
</opml>
"""


def test_a_feed_readers_export_imports_feeds_and_counts_every_skip() -> None:
    known = SourceSettings(
        id="known", name="Known", kind="feed", url="https://known.example.org/feed.xml"
    )
    result = import_opml(FEED_READER.encode(), {"configured": [known]})
    assert [(s.id, s.kind, s.url) for s in result.sources] == [
        ("wire-one", "feed", "https://wire.example.org/rss.xml"),
        ("wire-one-2", "feed", "https://wire.example.org/asia.xml"),
        ("www-people-com-cn-rss-world-xml", "feed", "http://www.people.com.cn/rss/world.xml"),
    ]
    assert result.sources[2].name == "人民网"
    assert result.skip_counts() == {"duplicate url": 2, "invalid": 2, "no url": 1}
    reasons = {label: detail for label, _, detail in result.skipped}
    assert reasons["outline 3 'Copy'"] == (
        "https://known.example.org/feed.xml is already the url of source 'known'"
    )
    assert "link_selector" in reasons["outline 4 'Just a bookmark'"]
    assert reasons["outline 5 'Local file'"].startswith("url: not an http(s) URL")
    assert reasons["outline 6 'Wire One'"].endswith("is already the url of source 'wire-one'")


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<opml version="2.0"><body><outline text="&x;" type="rss" '
            'xmlUrl="https://a.example.org/f.xml"/></body></opml>',
            "declares a DTD",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            '<opml version="2.0"><body><outline text="&c;"/></body></opml>',
            "declares a DTD",
        ),
        ('<rss version="2.0"><channel/></rss>', "the root element is <rss>, not <opml>"),
        ("<opml><body><outline", "not well-formed XML"),
        ("<opml>" + " " * MAX_OPML_BYTES + "</opml>", "larger than 5 MB"),
    ],
    ids=["xxe", "billion-laughs", "not-opml", "truncated", "too-large"],
)
def test_hostile_or_wrong_files_are_refused_with_the_reason(document: str, problem: str) -> None:
    with pytest.raises(OpmlError, match=problem):
        import_opml(document.encode(), {})


def test_import_never_writes_the_main_config_and_refuses_a_bad_file(tmp_path: Path) -> None:
    runner = CliRunner()
    config = tmp_path / "sinowatch.yaml"
    original = "data_dir: data\n"
    config.write_text(original, encoding="utf-8")
    feeds = tmp_path / "feeds.opml"
    feeds.write_text(FEED_READER, encoding="utf-8")
    into_main = runner.invoke(
        app, ["-c", str(config), "sources", "import", str(feeds), "--into", str(config)]
    )
    assert into_main.exit_code == 2
    assert "is the main config file" in into_main.stderr
    assert config.read_text(encoding="utf-8") == original
    for text in ("data_dir: x\nsources: []\n", "sources: []  # written by hand\n"):
        other = tmp_path / "other.yaml"
        other.write_text(text, encoding="utf-8")
        refused = runner.invoke(
            app, ["-c", str(config), "sources", "import", str(feeds), "--into", str(other)]
        )
        assert refused.exit_code == 2 and "is not a sources file" in refused.stderr
        assert other.read_text(encoding="utf-8") == text
    (tmp_path / "bad.opml").write_text("<html/>", encoding="utf-8")
    bad = runner.invoke(app, ["-c", str(config), "sources", "import", str(tmp_path / "bad.opml")])
    assert bad.exit_code == 2 and "not <opml>" in bad.stderr
    assert not (tmp_path / "sources-imported.yaml").exists()


def test_a_second_import_adds_to_the_file_the_first_one_wrote(tmp_path: Path) -> None:
    runner = CliRunner()
    config = tmp_path / "sinowatch.yaml"
    config.write_text("data_dir: data\n", encoding="utf-8")
    first, second = tmp_path / "first.opml", tmp_path / "second.opml"
    first.write_bytes(export_opml([EVERY_SETTING]))
    second.write_text(FEED_READER, encoding="utf-8")
    into = tmp_path / "sources" / "news.yaml"
    for opml in (first, second):
        result = runner.invoke(
            app, ["-c", str(config), "sources", "import", str(opml), "--into", str(into)]
        )
        assert result.exit_code == 0, result.output
    assert "imported 4 sources into" in result.stdout and "(after its 1)" in result.stdout
    config.write_text("data_dir: data\ninclude: [sources/news.yaml]\n", encoding="utf-8")
    loaded = load_settings(config).sources
    assert [s.id for s in loaded] == [
        "every.setting",
        "wire-one",
        "wire-one-2",
        "copy",
        "www-people-com-cn-rss-world-xml",
    ]
    same(loaded[:1], [EVERY_SETTING])
