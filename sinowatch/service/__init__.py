"""``sinowatch run``: the long-running service — APScheduler on Scrapy's asyncio event loop.

Split by role (all jobs are coroutines on the one loop; see ``notes/scrapy-apscheduler.md``):

- :mod:`~sinowatch.service.scheduling`: when each job runs (crawl per source, digests,
  retention), from the last crawl times in the database;
- :mod:`~sinowatch.service.jobs`: what the jobs do, on the running config and runtime;
- :mod:`~sinowatch.service.reloading`: SIGHUP, or a changed config file with ``--watch-config``,
  reloads the config; an invalid config is logged (file:line) and the running one is kept;
- :mod:`~sinowatch.service.shutdown`: SIGTERM/SIGINT pause scheduling, let running crawls and
  sends finish (up to ``stop_timeout``), log a summary and exit 0; a SQLite file deleted or
  replaced under the service stops it with that error (exit 1);
- :mod:`~sinowatch.service.core`: the :class:`Service` that puts them together;
- :mod:`~sinowatch.service.process`: the process — the asyncio reactor, then the exit status.
"""

from sinowatch.service.core import Service
from sinowatch.service.jobs import log_crawl
from sinowatch.service.process import run_and_exit, run_service
from sinowatch.service.scheduling import claim_min_gap, first_run_time
from sinowatch.service.shutdown import ServiceFailed

__all__ = [
    "Service",
    "ServiceFailed",
    "claim_min_gap",
    "first_run_time",
    "log_crawl",
    "run_and_exit",
    "run_service",
]
