"""The process of ``sinowatch run`` (and ``demo``): the asyncio reactor, then the exit status."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, NoReturn

from crawler.reactor import ReactorStopped, run_on_reactor
from sinowatch.service.shutdown import ServiceFailed

if TYPE_CHECKING:
    from sinowatch.service.core import Service

log = logging.getLogger("sinowatch.service")


def run_service(service_factory: Callable[[], Service]) -> NoReturn:
    """Run the service until it stops; the process then exits 0 (1 if it failed).

    ``service_factory`` is called on the running loop (the service's events need it).
    """

    async def main() -> None:
        await service_factory().run()

    run_and_exit(main)


def run_and_exit(main: Callable[[], Awaitable[object]]) -> NoReturn:
    """Run ``main`` on the asyncio reactor (:func:`crawler.reactor.run_on_reactor`), then exit:
    0, or 1 if it raised. An unexpected error is logged through our own (redacting) log setup,
    not Twisted's; a :class:`ServiceFailed` was logged already, with its reason.
    """
    try:
        run_on_reactor(main)
    except ServiceFailed:
        raise SystemExit(1) from None
    except ReactorStopped:  # a signal before the service's own handlers: nothing was running
        raise SystemExit(0) from None
    except Exception:
        log.critical("sinowatch stopped on an unexpected error", exc_info=True)
        raise SystemExit(1) from None
    raise SystemExit(0)
