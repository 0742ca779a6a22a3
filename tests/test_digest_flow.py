"""A digest end to end: real matcher and hook → outbox → dispatcher → real SMTP server.

Two watchlists share one digest email channel. A story is stored, then a second outlet's copy
of it joins the story after the alerts were created; the digest sent later groups the alerts by
watchlist and story and lists the late outlet in that story's entry.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from alerts.dispatcher import Dispatcher
from alerts.hook import AlertHook
from alerts.matcher import Matcher
from alerts.storage.tables import Alert, Delivery
from tests.alerting import NOW, STORY_TEXT, settings_with, store
from tests.smtp import Inbox, parts, smtp_inbox

OTHER_STORY = (
    "Washington raised tariffs on Chinese steel again on Monday, and Beijing promised to answer "
    "in kind. Steelmakers in Ohio welcomed the duties while importers warned of higher prices "
    "for builders across the country, who already pay more for lumber and copper this year. "
)


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    yield from smtp_inbox()


def test_digest_groups_by_watchlist_and_story_and_lists_a_late_outlet(database, inbox) -> None:  # type: ignore[no-untyped-def]
    settings = settings_with(
        {
            "daily": {
                "type": "email",
                "host": "127.0.0.1",
                "port": inbox.port,
                "security": "none",
                "from": "sinowatch@example.org",
                "to": ["desk@example.org"],
                "mode": "digest",
            }
        },
        watchlists=[
            {
                "name": "experts",
                "channels": ["daily"],
                "experts": [{"name": "Victor Gao"}],
                "rules": {"min_relevance": 0},
            },
            {
                "name": "trade",
                "channels": ["daily"],
                "topics": [{"id": "tariffs", "any": ["tariff*"]}],
                "rules": {"min_relevance": 0},
            },
        ],
    )
    hook = AlertHook(
        Matcher.compile(settings.watchlists),
        watchlists=settings.watchlists,
        channels=settings.channels,
        relevance_threshold=settings.relevance.threshold,
        now=lambda: NOW,
    )
    first, created = store(
        database, url="https://a.example.org/1", outlet="a.example.org", hook=hook
    )
    assert created == 2  # one alert per watchlist
    _, created = store(
        database,
        url="https://c.example.com/steel",
        outlet="c.example.com",
        title="Steel duties rise again",
        text=OTHER_STORY,
        hook=hook,
    )
    assert created == 1
    copy, created = store(
        database,
        url="https://b.example.net/copy",
        outlet="b.example.net",
        text=STORY_TEXT + "Reporting by B.",
        hook=hook,
    )
    assert copy.story.id == first.story.id and created == 0  # no second alert for the story

    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == 3
        assert set(session.scalars(select(Delivery.mode))) == {"digest"}
    dispatcher = Dispatcher(database, settings.channels, now=lambda: NOW)
    assert asyncio.run(dispatcher.run_once(100)).claimed == 0  # digests wait for their schedule
    assert asyncio.run(dispatcher.send_digests("daily")) == 3

    ((rcpts, message),) = inbox.messages
    assert rcpts == ["desk@example.org"]
    assert message["Subject"] == "[sinowatch] Digest: 3 alerts (experts, trade)"
    text, html = parts(message)
    experts, trade = text.index("== experts (1)"), text.index("== trade (2)")
    assert experts < trade
    entries = text[trade:].split("\n- ")[1:]
    assert [entry.splitlines()[0] for entry in entries] == [
        "Xi–Trump call offers a breakthrough",  # the first story, then the later one
        "Steel duties rise again",
    ]
    assert "outlets: a.example.org, b.example.net" in entries[0]
    assert "outlets: c.example.com" in entries[1]
    assert "outlets: a.example.org, b.example.net" in text[experts:trade]
    assert "Victor Gao quoted" in text[experts:trade]
    assert html.count('<section class="watchlist">') == 2 and "b.example.net" in html
    with database.session() as session:
        assert set(session.scalars(select(Delivery.status))) == {"sent"}
    assert asyncio.run(dispatcher.send_digests("daily")) == 0  # each alert goes in one digest
