"""The one way to run code on Scrapy's asyncio reactor: :func:`run_on_reactor`.

``sinowatch crawl`` (:func:`crawler.runner.run_crawl`), ``sinowatch run``, ``sinowatch demo`` and
the benchmarks all start Twisted here. Twisted's reactor cannot be restarted, so this runs once
per process; long-running code (the service) awaits its work on the loop instead.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import TypeVar

from crawler.scrapy_settings import ASYNCIO_REACTOR

T = TypeVar("T")


class ReactorStopped(RuntimeError):
    """The reactor stopped (a signal before our handlers were set up) before ``main`` ended."""


def run_on_reactor(main: Callable[[], Awaitable[T]]) -> T:
    """Install the asyncio reactor, run ``main()`` on its loop until it ends, stop the reactor,
    and return what ``main`` returned — or raise what it raised, here rather than through
    Twisted's log (whose "main function encountered error" would bypass our redacting log).

    Raises:
        ReactorStopped: the reactor stopped before ``main`` ended.
    """
    from scrapy.utils.defer import deferred_from_coro
    from scrapy.utils.reactor import install_reactor

    install_reactor(ASYNCIO_REACTOR)
    from twisted.internet import task

    returned: list[T] = []
    raised: list[BaseException] = []

    async def guarded() -> None:
        try:
            returned.append(await main())
        except BaseException as exc:  # re-raised below, once the reactor has stopped
            raised.append(exc)

    with contextlib.suppress(SystemExit):  # react() always exits; guarded() never fails
        task.react(lambda _reactor: deferred_from_coro(guarded()))
    if raised:
        raise raised[0]
    if not returned:
        raise ReactorStopped("the reactor stopped before the work was done")
    return returned[0]
