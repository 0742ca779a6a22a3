"""Rules (alerts.rules) and the pipeline hook (alerts.hook) on real stored articles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from alerts import outbox
from alerts.config import WatchlistSettings
from alerts.hook import AlertHook
from alerts.rules import ArticleFacts, added_hits, evaluate
from alerts.storage.tables import Alert, Delivery
from crawler.relevance import always_relevant
from crawler.storage.tables import Article
from tests.alerting import (
    NOW,
    STORY_TEXT,
    FixedMatcher,
    expert_hit,
    settings_with,
    store,
    topic_hit,
)

EXPERT = {"id": "victor-gao", "name": "Victor Gao", "aliases": ["高志凯"]}


def watchlist(**rules: object) -> WatchlistSettings:
    return WatchlistSettings.model_validate(
        {
            "name": "experts",
            "experts": [EXPERT],
            "topics": [{"id": "tariffs", "any": ["tariff"]}],
            "rules": rules,
        }
    )


def article(**fields: object) -> ArticleFacts:
    """The rules' record of a stored article, built as the crawl's hook builds it."""
    values = {
        "baseline": False,
        "published_at": NOW - timedelta(hours=2),
        "first_seen": NOW - timedelta(hours=1),
        "relevance_score": 3.0,
    }
    values.update(fields)
    return ArticleFacts.of(Article(**values))


def decide(wl: WatchlistSettings, hits: list, art: ArticleFacts, **kw: object):  # type: ignore[no-untyped-def]
    return evaluate(wl, hits, art, relevance_threshold=1.0, now=NOW, **kw)


def test_new_relevant_article_with_a_quote_alerts() -> None:
    decision = decide(watchlist(), [expert_hit()], article())
    assert decision.alert and decision.reasons == []
    assert decision.hits == [expert_hit()]


def test_baseline_article_does_not_alert() -> None:
    decision = decide(watchlist(), [expert_hit()], article(baseline=True))
    assert not decision.alert
    assert any("baseline" in reason for reason in decision.reasons)


def test_article_older_than_max_age_does_not_alert() -> None:
    old = article(published_at=NOW - timedelta(hours=49))
    decision = decide(watchlist(), [expert_hit()], old)
    assert not decision.alert and "too old" in decision.reasons[0]
    assert decide(watchlist(max_age="3d"), [expert_hit()], old).alert


def test_age_falls_back_to_first_seen_when_unpublished() -> None:
    unpublished = article(published_at=None, first_seen=NOW - timedelta(days=3))
    assert "first seen" in decide(watchlist(), [expert_hit()], unpublished).reasons[0]
    assert decide(watchlist(), [expert_hit()], unpublished, check_age=False).alert


def test_relevance_threshold_and_its_overrides() -> None:
    weak = article(relevance_score=0.5)
    assert "relevance 0.50 below" in decide(watchlist(), [topic_hit()], weak).reasons[0]
    assert decide(watchlist(min_relevance=0.4), [topic_hit()], weak).alert
    assert decide(watchlist(min_relevance=0), [topic_hit()], weak).alert
    assert decide(watchlist(relevant_only=False), [topic_hit()], weak).alert
    assert not decide(watchlist(min_relevance=5), [topic_hit()], article()).alert


def test_relevance_always_source_meets_min_relevance() -> None:
    marked = article(relevance_score=0.0, relevant=True)  # crawler.relevance.always_relevant()
    assert decide(watchlist(), [topic_hit()], marked).alert
    assert decide(watchlist(min_relevance=5), [topic_hit()], marked).alert
    unscored = article(relevance_score=0.0, relevant=False)
    assert "relevance 0.00 below" in decide(watchlist(), [topic_hit()], unscored).reasons[0]


def test_require_quoted_on_the_watchlist_filters_mentions_but_keeps_topics() -> None:
    strict = watchlist(require="quoted")
    mention = expert_hit(mention="mentioned")
    decision = decide(strict, [mention], article())
    assert not decision.alert and "only mentioned" in decision.reasons[0]
    assert decide(strict, [expert_hit()], article()).alert
    mixed = decide(strict, [mention, topic_hit()], article())
    assert mixed.alert and mixed.hits == [topic_hit()]


def test_require_quoted_per_expert() -> None:
    wl = WatchlistSettings.model_validate(
        {"name": "experts", "experts": [{**EXPERT, "require": "quoted"}, {"name": "Other One"}]}
    )
    other = expert_hit(mention="mentioned").__class__(
        watchlist="experts", kind="expert", id="other-one", name="Other One", mention="mentioned"
    )
    decision = decide(wl, [expert_hit(mention="mentioned"), other], article())
    assert decision.alert and decision.hits == [other]


def test_other_watchlists_hits_are_ignored_and_several_reasons_are_listed() -> None:
    decision = decide(watchlist(), [expert_hit("someone-else")], article(baseline=True))
    assert not decision.alert
    assert len(decision.reasons) == 2 and "no topic or expert" in decision.reasons[0]


def test_added_hits_compares_by_watchlist_kind_and_id() -> None:
    assert added_hits([expert_hit(), topic_hit()], [topic_hit()]) == [expert_hit()]
    assert added_hits([topic_hit()], [topic_hit()]) == []


# --- the hook, on a real database -----------------------------------------------------------

CHANNELS = {
    "mail": {"type": "email", "host": "127.0.0.1", "from": "a@example.org", "to": ["b@x.org"]},
    "daily": {"type": "jsonl", "path": "alerts.jsonl", "mode": "digest"},
}


def hook_for(matcher: FixedMatcher, **rules: object) -> AlertHook:
    settings = settings_with(
        CHANNELS,
        watchlists=[
            {"name": "experts", "channels": ["mail", "daily"], "experts": [EXPERT], "rules": rules}
        ],
    )
    return AlertHook(
        matcher,  # type: ignore[arg-type]
        watchlists=settings.watchlists,
        channels=settings.channels,
        relevance_threshold=settings.relevance.threshold,
        now=lambda: NOW,
    )


def counts(database) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Alert)) or 0,
            session.scalar(select(func.count()).select_from(Delivery)) or 0,
        )


def test_hook_creates_one_alert_and_a_delivery_per_channel(any_database) -> None:  # type: ignore[no-untyped-def]
    hook = hook_for(FixedMatcher([expert_hit(), topic_hit()]))
    result, created = store(any_database, url="https://a.example.org/1", outlet="a", hook=hook)
    assert created == 1
    with any_database.session() as session:
        alert = session.scalars(select(Alert)).one()
        assert alert.story_id == result.story.id and alert.watchlist == "experts"
        assert alert.hits == [expert_hit().to_dict(), topic_hit().to_dict()]
        deliveries = {d.channel: d for d in session.scalars(select(Delivery))}
    assert {name: d.mode for name, d in deliveries.items()} == {
        "mail": "instant",
        "daily": "digest",
    }
    assert len({d.idempotency_key for d in deliveries.values()}) == 2


def test_relevance_always_source_alerts_with_the_default_rules(any_database) -> None:  # type: ignore[no-untyped-def]
    hook = hook_for(FixedMatcher([expert_hit()]))  # min_relevance: the threshold (1.0)
    _, created = store(
        any_database,
        url="https://a.example.org/1",
        outlet="a",
        relevance=always_relevant(),
        hook=hook,
    )
    assert created == 1 and counts(any_database) == (1, 2)


def test_baseline_crawl_sends_nothing(any_database) -> None:  # type: ignore[no-untyped-def]
    hook = hook_for(FixedMatcher([expert_hit()]))
    _, created = store(
        any_database, url="https://a.example.org/1", outlet="a", baseline=True, hook=hook
    )
    assert created == 0 and counts(any_database) == (0, 0)


def test_old_article_sends_nothing(any_database) -> None:  # type: ignore[no-untyped-def]
    hook = hook_for(FixedMatcher([expert_hit()]))
    _, created = store(
        any_database,
        url="https://a.example.org/1",
        outlet="a",
        published=NOW - timedelta(days=5),
        hook=hook,
    )
    assert created == 0 and counts(any_database) == (0, 0)


def test_second_outlets_copy_adds_the_outlet_but_no_second_alert(any_database) -> None:  # type: ignore[no-untyped-def]
    hook = hook_for(FixedMatcher([expert_hit()]))
    first, created = store(any_database, url="https://a.example.org/1", outlet="a", hook=hook)
    assert created == 1
    copy, created = store(
        any_database,
        url="https://b.example.net/x",
        outlet="b",
        text=STORY_TEXT + "Reporting by B.",
        hook=hook,
    )
    assert copy.status == "duplicate" and copy.story.id == first.story.id
    assert created == 0 and counts(any_database) == (1, 2)
    assert copy.story.outlets == ["a", "b"]


def test_unchanged_refetch_never_runs_the_matcher(any_database) -> None:  # type: ignore[no-untyped-def]
    matcher = FixedMatcher([expert_hit()])
    store(any_database, url="https://a.example.org/1", outlet="a", hook=hook_for(matcher))
    calls = len(matcher.calls)
    again, created = store(
        any_database, url="https://a.example.org/1", outlet="a", hook=hook_for(matcher)
    )
    assert again.status == "unchanged" and created == 0 and len(matcher.calls) == calls


def test_revision_alerts_only_when_the_edit_adds_a_hit(any_database) -> None:  # type: ignore[no-untyped-def]
    url = "https://a.example.org/1"
    mention = expert_hit(mention="mentioned")
    # Version 1 only mentions the expert: with require: quoted, no alert.
    matcher = FixedMatcher([mention], previous=[mention])
    _, created = store(
        any_database,
        url=url,
        outlet="a",
        text="OLD: " + STORY_TEXT,
        hook=hook_for(matcher, require="quoted"),
    )
    assert created == 0
    # An edit that still only mentions him: nothing.
    edit, created = store(
        any_database,
        url=url,
        outlet="a",
        text="OLD: edited " + STORY_TEXT,
        hook=hook_for(matcher, require="quoted"),
    )
    assert edit.status == "revision" and created == 0
    # An edit that now quotes him: a new qualifying hit, so one alert.
    quoted = FixedMatcher([expert_hit()], previous=[mention])
    edit, created = store(
        any_database, url=url, outlet="a", text=STORY_TEXT, hook=hook_for(quoted, require="quoted")
    )
    assert edit.status == "revision" and created == 1
    assert counts(any_database) == (1, 2)


@pytest.mark.parametrize(("previous", "expected"), [([topic_hit()], 0), ([], 1)])
def test_revision_alerts_only_if_its_hits_are_new(any_database, previous, expected) -> None:  # type: ignore[no-untyped-def]
    url = "https://a.example.org/1"
    store(any_database, url=url, outlet="a", text="OLD: an earlier draft. " + STORY_TEXT)
    matcher = FixedMatcher([topic_hit()], previous=previous)
    edit, created = store(
        any_database, url=url, outlet="a", text=STORY_TEXT, hook=hook_for(matcher)
    )
    assert edit.status == "revision" and created == expected
    assert [call.text[:4] for call in matcher.calls] == ["Chin", "OLD:"]


def test_database_allows_one_alert_per_watchlist_and_story(any_database) -> None:  # type: ignore[no-untyped-def]
    result, _ = store(any_database, url="https://a.example.org/1", outlet="a")
    fields = {
        "watchlist": "experts",
        "story_id": result.story.id,
        "article_id": result.article.id,
        "title": "t",
        "hits": [],
        "channels": [("mail", "instant")],
        "now": NOW,
    }
    with any_database.transaction() as session:
        assert outbox.create_alert(session, **fields) is not None
        assert outbox.create_alert(session, **fields) is None
    assert counts(any_database) == (1, 1)


@pytest.mark.parametrize("status", ["new", "duplicate"])
def test_no_watchlists_means_no_matching(database, status: str) -> None:  # type: ignore[no-untyped-def]
    matcher = FixedMatcher([expert_hit()])
    hook = AlertHook(
        matcher,  # type: ignore[arg-type]
        watchlists=[],
        channels={},
        relevance_threshold=1.0,
    )
    _, created = store(database, url=f"https://a.example.org/{status}", outlet="a", hook=hook)
    assert created == 0 and matcher.calls == []


def test_hook_with_the_real_matcher_stores_the_quote(any_database) -> None:  # type: ignore[no-untyped-def]
    from alerts.matcher import Matcher

    settings = settings_with(
        CHANNELS,
        watchlists=[
            {
                "name": "experts",
                "channels": ["mail"],
                "experts": [EXPERT],
                "rules": {"require": "quoted"},
            }
        ],
    )
    hook = AlertHook(
        Matcher.compile(settings.watchlists),
        watchlists=settings.watchlists,
        channels=settings.channels,
        relevance_threshold=settings.relevance.threshold,
        now=lambda: NOW,
    )
    _, created = store(any_database, url="https://a.example.org/1", outlet="a", hook=hook)
    assert created == 1
    with any_database.session() as session:
        (hit,) = session.scalars(select(Alert)).one().hits
    assert (hit["id"], hit["mention"]) == ("victor-gao", "quoted")
    assert "turning point" in hit["quote"]
