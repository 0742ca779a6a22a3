"""sinowatch.config_loader: positions, includes, interpolation and error messages."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from sinowatch.config_loader import (
    ConfigError,
    find_config,
    interpolate,
    load_settings,
    load_watchlist_file,
)
from sinowatch.paths import default_config_dir

CHANNELS = """\
channels:
  console:
    type: console
"""

WATCHLIST = """\
watchlists:
  - name: china-us
    channels: [console]
    topics:
      - id: trade
        query: 'tariff* AND (China OR "trade war")'
    experts:
      - name: Gao Zhikai
        aliases: [高志凯]
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path, environ: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ=environ or {})
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in tmp_path so file names in messages are short and relative."""
    monkeypatch.chdir(tmp_path)
    return Path()


def test_valid_config_with_include(in_tmp: Path) -> None:
    write(in_tmp, "watchlists/us.yaml", WATCHLIST)
    config = write(in_tmp, "sinowatch.yaml", CHANNELS + "include: [watchlists/*.yaml]\n")
    settings = load_settings(config, environ={})
    assert [w.name for w in settings.watchlists] == ["china-us"]
    assert settings.watchlists[0].experts[0].aliases == ["高志凯"]
    assert settings.watchlists[0].topics[0].query == 'tariff* AND (China OR "trade war")'


def test_missing_field_in_included_file_points_at_parent_mapping(in_tmp: Path) -> None:
    write(
        in_tmp,
        "watchlists/us.yaml",
        """\
        watchlists:
          - name: china-us
            experts:
              - name: Gao Zhikai
              - aliases: [Wang Yi]
        """,
    )
    config = write(in_tmp, "sinowatch.yaml", "include: [watchlists/*.yaml]\n")
    assert problems(config) == [
        "watchlists/us.yaml:5:9: watchlists[0].experts[1].name: field required"
    ]


def test_wrong_type_points_at_the_key(in_tmp: Path) -> None:
    config = write(in_tmp, "sinowatch.yaml", "crawler:\n  concurrency: lots\n")
    [problem] = problems(config)
    assert problem.startswith("sinowatch.yaml:2:3: crawler.concurrency: input should be a valid")


def test_an_expert_pronoun_is_he_or_she(in_tmp: Path) -> None:
    text = CHANNELS + WATCHLIST + "        pronoun: it\n"
    [problem] = problems(write(in_tmp, "sinowatch.yaml", text))
    assert problem == (
        "sinowatch.yaml:13:9: watchlists[0].experts[0].pronoun: input should be 'he' or 'she' "
        "(got 'it')"
    )


def test_unknown_key_suggests_the_closest(in_tmp: Path) -> None:
    config = write(
        in_tmp,
        "sinowatch.yaml",
        """\
        dta_dir: data
        crawler:
          user_agnet: me
          zzz: 1
        """,
    )
    found = problems(config)
    assert "sinowatch.yaml:1:1: dta_dir: unknown key 'dta_dir' (did you mean 'data_dir'?)" in found
    assert (
        "sinowatch.yaml:3:3: crawler.user_agnet: unknown key 'user_agnet' "
        "(did you mean 'user_agent'?)"
    ) in found
    [zzz] = [p for p in found if "'zzz'" in p]
    assert zzz.startswith("sinowatch.yaml:4:3: crawler.zzz: unknown key 'zzz' (allowed: ")
    assert "concurrency" in zzz


def test_unknown_key_inside_a_channel_union_member(in_tmp: Path) -> None:
    config = write(
        in_tmp,
        "sinowatch.yaml",
        """\
        channels:
          mail:
            type: email
            host: smtp.example.org
            to: [desk@example.org]
            form: me@example.org
        """,
    )
    found = problems(config)
    assert (
        "sinowatch.yaml:6:5: channels.mail.form: unknown key 'form' (did you mean 'from'?)"
    ) in found
    assert "sinowatch.yaml:3:5: channels.mail.from: field required" in found


def test_bad_channel_type_and_bad_channel_name(in_tmp: Path) -> None:
    config = write(in_tmp, "sinowatch.yaml", "channels:\n  x:\n    type: pigeon\n  bad name:\n")
    found = problems(config)
    assert (
        "sinowatch.yaml:3:5: channels.x.type: unknown type 'pigeon'; "
        "types: email, webhook, apprise, console, jsonl"
    ) in found
    assert any(
        p.startswith("sinowatch.yaml:4:3: channels['bad name']: invalid name 'bad name'")
        for p in found
    )


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("crawler:\n  concurrency: [1\n", "sinowatch.yaml:3:1:", "expected ',' or ']'"),
        ("a: 1\n b: 2\n", "sinowatch.yaml:2:3:", "mapping values are not allowed here"),
        ("key: 'unclosed\n", "sinowatch.yaml:2:1:", "found unexpected end of stream"),
        ("a: 1\n---\nb: 2\n", "sinowatch.yaml:2:1:", "expected a single document"),
    ],
)
def test_bad_yaml_names_the_position(in_tmp: Path, text: str, where: str, what: str) -> None:
    [problem] = problems(write(in_tmp, "sinowatch.yaml", text))
    assert problem.startswith(f"{where} invalid YAML: ")
    assert what in problem


def test_typo_in_channel_type_suggests_the_closest(in_tmp: Path) -> None:
    config = write(in_tmp, "sinowatch.yaml", "channels:\n  hook:\n    type: webhok\n")
    assert problems(config) == [
        "sinowatch.yaml:3:5: channels.hook.type: unknown type 'webhok' (did you mean 'webhook'?); "
        "types: email, webhook, apprise, console, jsonl"
    ]


def test_bad_indentation_says_what_to_check(in_tmp: Path) -> None:
    config = write(in_tmp, "sinowatch.yaml", "crawler:\n  retries: 2\n concurrency: 4\n")
    [problem] = problems(config)
    assert problem.startswith("sinowatch.yaml:3:2: invalid YAML: expected <block end>")
    assert problem.endswith("check this line's indentation, and quote values that contain ': '")


def test_wrong_number_or_choice_echoes_the_value(in_tmp: Path) -> None:
    config = write(
        in_tmp,
        "sinowatch.yaml",
        """\
        crawler:
          concurrency: lots
          retries: -1
        sources:
          - {id: a, name: A, kind: sitemaps, url: https://example.org/s.xml}
        """,
    )
    assert problems(config) == [
        "sinowatch.yaml:2:3: crawler.concurrency: input should be a valid integer, "
        "unable to parse string as an integer (got 'lots')",
        "sinowatch.yaml:3:3: crawler.retries: input should be greater than or equal to 0 (got -1)",
        "sinowatch.yaml:5:22: sources[0].kind: input should be 'feed', 'sitemap' or 'listing' "
        "(got 'sitemaps')",
    ]


def test_a_secret_of_the_wrong_type_is_not_echoed(in_tmp: Path) -> None:
    config = write(
        in_tmp,
        "sinowatch.yaml",
        """\
        channels:
          mail: {type: email, host: h, from: a@b.c, to: d@e.f, password: 918273645}
        """,
    )
    [problem] = problems(config)
    assert problem.startswith("sinowatch.yaml:2:")
    assert "channels.mail.password: input should be a valid string" in problem
    assert "918273645" not in problem


def test_bad_cron_points_at_the_cron_key(in_tmp: Path) -> None:
    config = write(
        in_tmp,
        "sinowatch.yaml",
        """\
        schedule:
          cron: "*/20 6-25 * * *"
        channels:
          jsonl: {type: jsonl, path: a.jsonl, mode: digest, digest_cron: 8am daily}
        """,
    )
    found = problems(config)
    assert len(found) == 2
    assert found[0].startswith(
        "sinowatch.yaml:2:3: schedule.cron: invalid cron expression '*/20 6-25 * * *': "
    )
    assert found[1].startswith(
        "sinowatch.yaml:4:53: channels.jsonl.digest_cron: invalid cron expression '8am daily': "
    )
    assert all(
        p.endswith("(five fields: minute hour day month weekday, e.g. '0 8 * * *')") for p in found
    )


def test_urls_must_be_http_and_are_not_echoed(in_tmp: Path) -> None:
    config = write(
        in_tmp,
        "sinowatch.yaml",
        """\
        sources:
          - id: politico
            name: Politico
            kind: sitemap
            urls: [https://www.politico.com/a.xml, www.politico.com/news-sitemap.xml]
        channels:
          hook: {type: webhook, url: "hooks.example.org/T0KEN"}
        """,
    )
    message = "not an http(s) URL: write it in full, e.g. https://example.org/feed.xml"
    assert problems(config) == [
        f"sinowatch.yaml:5:44: sources[0].urls[1]: {message}",
        f"sinowatch.yaml:7:25: channels.hook.url: {message}",
    ]


def test_one_email_recipient_may_be_written_without_a_list(in_tmp: Path) -> None:
    config = write(
        in_tmp,
        "sinowatch.yaml",
        "channels:\n  mail: {type: email, host: h, from: a@b.c, to: desk@example.org}\n",
    )
    assert load_settings(config, environ={}).channels["mail"].to == ["desk@example.org"]


def test_duplicate_source_id_points_at_the_repeat(in_tmp: Path) -> None:
    config = write(
        in_tmp,
        "sinowatch.yaml",
        """\
        sources:
          - {id: ap, name: AP, kind: feed, url: https://example.org/a}
          - {id: b, name: B, kind: feed, url: https://example.org/b}
          - {id: ap, name: AP2, kind: feed, url: https://example.org/c}
        """,
    )
    assert problems(config) == [
        "sinowatch.yaml:4:6: sources[2].id: duplicate source id 'ap' (item 0 has it too)"
    ]


def test_top_level_must_be_a_mapping(in_tmp: Path) -> None:
    assert problems(write(in_tmp, "sinowatch.yaml", "- a\n- b\n")) == [
        "sinowatch.yaml:1:1: the file must be a mapping of settings (key: value)"
    ]


def test_duplicate_and_non_string_keys(in_tmp: Path) -> None:
    config = write(in_tmp, "sinowatch.yaml", "data_dir: a\nretention: 2d\ndata_dir: b\nyes: 1\n")
    assert problems(config) == [
        "sinowatch.yaml:3:1: duplicate key 'data_dir' (first at line 1)",
        "sinowatch.yaml:4:1: key 'yes' must be a name; quote it: 'yes'",
    ]


def test_bad_duration(in_tmp: Path) -> None:
    config = write(in_tmp, "sinowatch.yaml", "schedule:\n  interval: soon\n")
    assert problems(config) == [
        "sinowatch.yaml:2:3: schedule.interval: not a duration: 'soon' (use e.g. 90s, 15m, 2h, 2d)"
    ]


def test_model_rule_points_at_the_list_item(in_tmp: Path) -> None:
    config = write(
        in_tmp,
        "sinowatch.yaml",
        """\
        sources:
          - id: ok
            name: OK
            kind: feed
            url: https://example.org/feed
          - id: page
            name: Page
            kind: listing
            url: https://example.org/
        """,
    )
    assert problems(config) == [
        "sinowatch.yaml:6:5: sources[1]: a listing source needs link_selector"
    ]


def test_missing_env_var_and_errors_elsewhere_are_all_reported(in_tmp: Path) -> None:
    config = write(
        in_tmp,
        "sinowatch.yaml",
        """\
        channels:
          hook:
            type: webhook
            url: ${HOOK_URL}
            secret: ${WEBHOOK_SECRET}
        retention: never
        """,
    )
    found = problems(config, {"HOOK_URL": "https://example.org/hook"})
    assert found == [
        "sinowatch.yaml:5:13: channels.hook.secret: environment variable WEBHOOK_SECRET is not "
        "set (set it, or write ${WEBHOOK_SECRET:-default})",
        "sinowatch.yaml:6:1: retention: not a duration: 'never' (use e.g. 90s, 15m, 2h, 2d)",
    ]


def test_interpolation_values_defaults_and_escapes(in_tmp: Path) -> None:
    write(in_tmp, "watchlists/us.yaml", WATCHLIST)
    config = write(
        in_tmp,
        "sinowatch.yaml",
        """\
        include: [watchlists/*.yaml]
        crawler:
          user_agent: "bot (+${CONTACT}) $${NOT_A_VAR} ${EMPTY:-fallback}"
        channels:
          console:
            type: console
          mail:
            type: email
            host: ${SMTP_HOST:-localhost}
            port: ${SMTP_PORT:-2525}
            from: a@example.org
            to: [b@example.org]
            password: ${SMTP_PASSWORD:-}
        """,
    )
    settings = load_settings(config, environ={"CONTACT": "https://x.example", "EMPTY": ""})
    assert settings.crawler.user_agent == "bot (+https://x.example) ${NOT_A_VAR} fallback"
    mail = settings.channels["mail"]
    assert (mail.host, mail.port, mail.password.get_secret_value()) == ("localhost", 2525, "")

    settings = load_settings(
        config, environ={"SMTP_PORT": "465", "SMTP_PASSWORD": "s3cret!", "CONTACT": "c"}
    )
    mail = settings.channels["mail"]
    assert mail.port == 465
    assert mail.password.get_secret_value() == "s3cret!"
    assert "s3cret!" not in repr(settings)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("${1X}", "bad variable reference '${1X}'"),
        ("${A-b}", "bad variable reference '${A-b}'"),
        ("abc ${OPEN", "'${' is not closed"),
    ],
)
def test_malformed_references(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("$", r"\$").replace("{", r"\{")):
        interpolate(text, {"A": "a"})


def test_interpolation_is_single_pass() -> None:
    assert interpolate("${A}", {"A": "${B}", "B": "no"}) == "${B}"
    assert interpolate("$$${A}", {"A": "x"}) == "$${A}"
    assert interpolate("cost: $5, ${A:-a:-b}", {}) == "cost: $5, a:-b"


def test_include_that_matches_nothing_is_an_error(in_tmp: Path) -> None:
    config = write(in_tmp, "sinowatch.yaml", "include:\n  - watchlists/*.yaml\n")
    [problem] = problems(config)
    assert problem.startswith(
        "sinowatch.yaml:2:5: include: 'watchlists/*.yaml' matches no file (patterns are relative"
    )


def test_include_must_be_patterns(in_tmp: Path) -> None:
    config = write(in_tmp, "sinowatch.yaml", "include:\n  - {a: 1}\n")
    assert problems(config) == [
        "sinowatch.yaml:2:5: include: expected a glob pattern like watchlists/*.yaml"
    ]


def test_nested_includes_merge_lists_and_mappings(in_tmp: Path) -> None:
    write(in_tmp, "parts/more/second.yaml", WATCHLIST.replace("china-us", "second"))
    write(
        in_tmp,
        "parts/first.yaml",
        WATCHLIST.replace("china-us", "first")
        + "crawler:\n  concurrency: 3\ninclude: [more/*.yaml]\n",
    )
    config = write(
        in_tmp,
        "sinowatch.yaml",
        CHANNELS + WATCHLIST + "crawler:\n  retries: 5\ninclude: parts/*.yaml\n",
    )
    settings = load_settings(config, environ={})
    assert [w.name for w in settings.watchlists] == ["china-us", "first", "second"]
    assert (settings.crawler.concurrency, settings.crawler.retries) == (3, 5)


def test_error_in_nested_include_names_that_file(in_tmp: Path) -> None:
    write(in_tmp, "parts/more/bad.yaml", "watchlists:\n  - name: x\n    topcis: []\n")
    write(in_tmp, "parts/first.yaml", "include: [more/bad.yaml]\n")
    config = write(in_tmp, "sinowatch.yaml", "include: [parts/first.yaml]\n")
    assert problems(config) == [
        "parts/more/bad.yaml:3:5: watchlists[0].topcis: unknown key 'topcis' "
        "(did you mean 'topics'?)"
    ]


def test_bad_yaml_in_an_included_file(in_tmp: Path) -> None:
    write(in_tmp, "w/bad.yaml", "watchlists:\n  - name: [x\n")
    config = write(in_tmp, "sinowatch.yaml", "include: [w/*.yaml]\n")
    [problem] = problems(config)
    assert problem.startswith("w/bad.yaml:3:1: invalid YAML: ")


def test_scalar_set_twice_across_includes(in_tmp: Path) -> None:
    write(in_tmp, "extra.yaml", "crawler:\n  retries: 1\n")
    config = write(in_tmp, "sinowatch.yaml", "crawler:\n  retries: 5\ninclude: [extra.yaml]\n")
    assert problems(config) == [
        "extra.yaml:2:3: crawler.retries: already set at sinowatch.yaml:2:3; "
        "included files may only add list items and new keys"
    ]


def test_include_cycle(in_tmp: Path) -> None:
    write(in_tmp, "a.yaml", "include: [sinowatch.yaml]\n")
    config = write(in_tmp, "sinowatch.yaml", "include: [a.yaml]\n")
    [problem] = problems(config)
    assert problem.startswith("sinowatch.yaml: include cycle")


def query_problem(in_tmp: Path, written: str) -> list[str]:
    """The problem lines for a topic whose ``query:`` value is written as ``written``."""
    text = "watchlists:\n  - name: w\n    topics:\n      - id: t\n        query: " + written
    [problem] = problems(write(in_tmp, "sinowatch.yaml", text))
    return problem.splitlines()


@pytest.mark.parametrize(
    ("written", "where", "line"),
    [
        ("china AND (tariff OR\n", "5:36", "        query: china AND (tariff OR"),
        ("'china AND AND x'\n", "5:27", "        query: 'china AND AND x'"),
        ('"china AND AND x"\n', "5:27", '        query: "china AND AND x"'),
        (
            ">-\n          china OR\n          (tariff*\n          OR duties\n",
            "8:20",
            "          OR duties",
        ),
        (
            "|\n          china\n            AND AND\n          taiwan\n",
            "7:17",
            "            AND AND",
        ),
        (
            ">\n          (tariff* OR 关税\n          OR) AND china\n",
            "7:13",
            "          OR) AND china",
        ),
    ],
)
def test_query_error_points_at_the_file_line_and_column(
    in_tmp: Path, written: str, where: str, line: str
) -> None:
    head, shown, caret = query_problem(in_tmp, written)
    assert re.fullmatch(
        rf"sinowatch\.yaml:{where}: watchlists\[0\]\.topics\[0\]\.query: .+ at query position \d+",
        head,
    ), head
    column = int(where.split(":")[1])
    assert shown == "  " + line.rstrip()
    assert caret == "  " + " " * (column - 1) + "^"


def test_query_error_caret_counts_wide_characters(in_tmp: Path) -> None:
    head, shown, caret = query_problem(in_tmp, "关税 AND AND china\n")
    assert head.startswith("sinowatch.yaml:5:23: ")
    assert shown == "          query: 关税 AND AND china"
    assert caret.index("^") == shown.index("AND AND") + len("AND ") + 2  # 关税: 4 columns


def test_query_error_with_escapes_points_into_the_query(in_tmp: Path) -> None:
    head, shown, caret = query_problem(in_tmp, '"china\\tAND AND x"\n')
    assert head.startswith("sinowatch.yaml:5:16: watchlists[0].topics[0].query: ")
    assert shown == "  china\tAND AND x"
    assert caret == "  " + " " * len("china\tAND ") + "^"


def test_unknown_channel_points_at_the_reference(in_tmp: Path) -> None:
    config = write(in_tmp, "sinowatch.yaml", CHANNELS + WATCHLIST.replace("[console]", "[consle]"))
    assert problems(config) == [
        "sinowatch.yaml:6:16: watchlists[0].channels[0]: unknown channel 'consle' "
        "(did you mean 'console'?)"
    ]


def test_relative_paths_resolve_against_the_file_that_wrote_them(
    in_tmp: Path, tmp_path: Path
) -> None:
    write(
        in_tmp, "conf/parts/sinks.yaml", "channels:\n  log:\n    type: jsonl\n    path: a.jsonl\n"
    )
    config = write(in_tmp, "conf/sinowatch.yaml", "data_dir: state\ninclude: [parts/*.yaml]\n")
    settings = load_settings(config, environ={})
    assert settings.data_dir == tmp_path / "conf" / "state"
    assert settings.channels["log"].path == tmp_path / "conf" / "parts" / "a.jsonl"
    assert settings.database_url == f"sqlite:///{tmp_path / 'conf' / 'state' / 'sinowatch.db'}"


def test_empty_file_gives_defaults(in_tmp: Path, tmp_path: Path) -> None:
    settings = load_settings(write(in_tmp, "sinowatch.yaml", "# nothing yet\n"), environ={})
    assert settings.sources == []
    assert settings.data_dir == tmp_path / "data"


def test_unreadable_config(in_tmp: Path) -> None:
    assert problems(Path("nope.yaml"))[0].startswith("nope.yaml: cannot read config file")
    (in_tmp / "latin1.yaml").write_bytes(b"name: caf\xe9\n")
    assert problems(Path("latin1.yaml"))[0].startswith("latin1.yaml: not UTF-8 text")


def test_find_config(in_tmp: Path) -> None:
    with pytest.raises(ConfigError, match="sinowatch init"):
        find_config(None)
    with pytest.raises(ConfigError, match=r"missing\.yaml: config file not found; check --config"):
        find_config(Path("missing.yaml"))
    nested = write(in_tmp, "config/sinowatch.yaml", "")
    assert find_config(None) == nested
    top = write(in_tmp, "sinowatch.yaml", "")
    assert find_config(None) == top
    assert find_config(nested) == nested


def test_load_watchlist_file(in_tmp: Path) -> None:
    watchlists = load_watchlist_file(write(in_tmp, "w.yaml", WATCHLIST), environ={})
    assert [w.name for w in watchlists] == ["china-us"]
    with pytest.raises(ConfigError) as caught:
        load_watchlist_file(write(in_tmp, "bad.yaml", WATCHLIST + "sources: []\n"), environ={})
    assert caught.value.problems == [
        "bad.yaml:10:1: sources: unknown key 'sources' (allowed: watchlists)"
    ]


def test_default_config_is_valid_without_secrets() -> None:
    config = default_config_dir() / "sinowatch.yaml"
    settings = load_settings(config, environ={})
    assert {s.kind for s in settings.sources} == {"feed", "sitemap", "listing"}
    assert {c.type for c in settings.channels.values()} >= {"console", "jsonl"}
    assert settings.watchlists, "the default config includes watchlists/*.yaml"
    assert "sinowatch" in settings.crawler.user_agent
    assert {s.outlet_type for s in settings.sources} <= {
        "state_media",
        "independent",
        "wire",
        "public_broadcaster",
    }


def test_include_patterns_are_interpolated(in_tmp: Path) -> None:
    write(in_tmp, "lists/us.yaml", WATCHLIST)
    config = write(in_tmp, "sinowatch.yaml", CHANNELS + "include: ['${LISTS:-nowhere}/*.yaml']\n")
    assert [w.name for w in load_settings(config, environ={"LISTS": "lists"}).watchlists] == [
        "china-us"
    ]
    [problem] = problems(config)
    assert problem.startswith("sinowatch.yaml:4:11: include: 'nowhere/*.yaml' matches no file")
    config = write(in_tmp, "sinowatch.yaml", "include: ['${LISTS}/*.yaml']\n")
    assert problems(config) == [
        "sinowatch.yaml:1:11: include: environment variable LISTS is not set "
        "(set it, or write ${LISTS:-default})"
    ]
