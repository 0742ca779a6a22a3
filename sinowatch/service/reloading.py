"""Reloading the service's config: on SIGHUP, or when a config file changes (``--watch-config``).

An invalid config is logged (file:line) and the running one is kept, as it is when loading the
config crashes. The extraction workers live across reloads (:class:`ExtractionPools`); crawls
started before a reload finish on the runtime they started on, which is then closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.workers import ExtractionPool
from sinowatch.config_loader import ConfigError

if TYPE_CHECKING:
    from sinowatch.app import Runtime
    from sinowatch.settings import Settings

log = logging.getLogger("sinowatch.service")


class ConfigReloader:
    """Loads the config again and hands a valid one to ``apply``; one reload at a time."""

    def __init__(
        self,
        config_path: Path,
        load: Callable[[Path], Settings],
        apply: Callable[[Settings], Awaitable[None]],
    ) -> None:
        self.config_path = config_path
        self._load = load
        self._apply = apply
        self._lock = asyncio.Lock()

    async def reload(self) -> bool:
        """Load and apply the config; False (logged, running config kept) if it is invalid or
        loading it crashed."""
        async with self._lock:
            try:
                new = await asyncio.to_thread(self._load, self.config_path)
            except ConfigError as exc:
                log.error(
                    "config reload failed, keeping the running config:\n%s",
                    exc,
                    extra={"event": "reload", "ok": False, "problems": exc.problems},
                )
                return False
            except Exception as exc:  # a loader bug must not take the running service down
                log.error(
                    "config reload failed, keeping the running config: loading %s crashed "
                    "(%s: %s); please report this with the config file",
                    self.config_path,
                    type(exc).__name__,
                    exc,
                    exc_info=True,
                    extra={"event": "reload", "ok": False, "problems": [str(exc)]},
                )
                return False
            await self._apply(new)
            return True

    async def watch(self, poll: float, stopping: asyncio.Event) -> None:
        """Poll the config's directory YAML files; reload when one changed and then stayed as it
        is for a poll. A file seen mid-save (truncated, half written: often a valid YAML prefix,
        an empty file a valid all-defaults config) is not loaded, and the save's last write is
        not missed for falling in the same mtime tick as its truncation (sizes are compared)."""
        seen = config_state(self.config_path)
        while not stopping.is_set():
            await asyncio.sleep(poll)
            current = config_state(self.config_path)
            if current == seen:
                continue
            while True:
                await asyncio.sleep(poll)
                if stopping.is_set():
                    return
                settled, current = current, config_state(self.config_path)
                if settled == current:
                    break
            seen = current
            log.info("config files changed: reloading", extra={"event": "reload"})
            await self.reload()


def config_state(config_path: Path) -> dict[Path, tuple[int, int]]:
    """(mtime in ns, size) of the config file and every YAML file below its directory."""
    found = {}
    for path in (
        config_path,
        *config_path.parent.rglob("*.yaml"),
        *config_path.parent.rglob("*.yml"),
    ):
        with contextlib.suppress(OSError):
            stat = path.stat()
            found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


class ExtractionPools:
    """The service's extraction workers, kept for its whole life: a reload replaces them only
    when ``crawler.extract_workers`` changed."""

    def __init__(self, workers: int) -> None:
        self.current = ExtractionPool(workers)

    def for_settings(self, settings: Settings) -> ExtractionPool:
        """The pool for ``settings``: the running one, or a new one of the new size (the old
        one is shut down once the crawls using it are done, see :meth:`retire`)."""
        if settings.crawler.extract_workers != self.current.workers:
            self.current = ExtractionPool(settings.crawler.extract_workers)
        return self.current

    async def retire(self, runtime: Runtime, crawls: set[asyncio.Task[Any]]) -> None:
        """Let crawls started before a reload finish on the old runner, then close it (and its
        extraction workers, when the reload replaced them)."""
        if crawls:
            await asyncio.wait(crawls)
        await runtime.runner.stop()
        if runtime.runner.pool is not self.current:
            await asyncio.to_thread(runtime.runner.pool.shutdown)

    async def shutdown(self) -> None:
        await asyncio.to_thread(self.current.shutdown)
