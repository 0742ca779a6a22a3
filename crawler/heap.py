"""The crawling process's long-lived objects, kept out of the garbage collector's full passes.

A crawl allocates fast (responses, items, rows), so the cyclic collector runs a full collection
every few hundred pages, and each one walks every tracked object of the process: Scrapy's,
SQLAlchemy's, the scorer's, ~200,000 of them, ~0.6 ms per stored article of a bench crawl. What is
alive once the first crawl of a process is over and no other is running (a crawl in flight is
cyclic: Scrapy's crawler, spider, engine), after a collection, lives as long as the process:
the modules and their lazily imported libraries, compiled statements, settings, pools. It is moved
to the collector's permanent generation (:func:`gc.freeze`) once; objects created later are
collected as before. A frozen object that later becomes cyclic garbage is never freed: at most
once, bounded by what was alive at that moment.
"""

from __future__ import annotations

import functools
import gc
import logging

log = logging.getLogger(__name__)


@functools.cache
def freeze_long_lived() -> int:
    """Collect, then freeze every object alive now; once per process (later calls do nothing).
    Returns how many objects are frozen."""
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    log.debug("froze %d long-lived objects out of the garbage collector's passes", frozen)
    return frozen
