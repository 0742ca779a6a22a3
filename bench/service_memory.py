"""Resident memory of `sinowatch run` over many crawl cycles of 20 local sources.

Serves 20 feeds from a local demo site, runs `sinowatch run` with a short interval, publishes a
new article to a few feeds every cycle (so crawls store and alert, not only answer 304), and
samples the RSS of the service and its extraction workers after every 10 cycles. Target: flat
after warm-up, below 300 MB.
Prints the samples and the ratio of the last sample to the warm-up sample (cycle 10).

    python bench/service_memory.py [--cycles 100] [--sources 20] [--interval 2s] [--workers 0]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _service_harness import RunningService, add_article, write_config

from sinowatch.demo_site import DemoOutlet, DemoSite
from sinowatch.sinks import WebhookReceiver

WARM_UP_CYCLES = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=100)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--interval", default="2s")
    parser.add_argument("--workers", type=int, default=0, help="crawler.extract_workers")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sw-memory-"))
    site = DemoSite()
    for s in range(args.sources):
        outlet = f"s{s:02d}"
        site.add_outlet(DemoOutlet(id=outlet, name=f"Source {s}", feed=f"/{outlet}/feed.xml"))
        for n in range(5):
            add_article(site, outlet, n)
    samples: list[tuple[int, float]] = []
    with site, WebhookReceiver() as receiver:
        config = write_config(workdir, site, receiver.url, args.interval, args.workers)
        service = RunningService(config)
        try:
            for cycle in range(1, args.cycles + 1):
                service.wait_crawls(cycle * args.sources)
                outlet = f"s{cycle % args.sources:02d}"
                add_article(site, outlet, 100 + cycle)
                if cycle % WARM_UP_CYCLES == 0:
                    samples.append((cycle, service.rss_mib()))
                    print(
                        f"cycle {cycle:4d}: RSS {samples[-1][1]:6.1f} MiB "
                        f"({len(receiver.requests)} webhooks received)",
                        flush=True,
                    )
        finally:
            print(f"service exit code {service.stop()}")
    warm, end = samples[0][1], samples[-1][1]
    print(f"\n{args.sources} sources × {args.cycles} cycles, interval {args.interval}")
    print(
        f"warm-up (cycle {samples[0][0]}) {warm:.1f} MiB, end {end:.1f} MiB, "
        f"peak {max(m for _, m in samples):.1f} MiB"
    )
    print(f"ratio end/warm-up: {end / warm:.2f} (target ≈ 1.0, and < 300 MB)")


if __name__ == "__main__":
    main()
