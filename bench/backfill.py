"""Wall time of a 2,000-article backfill against the loopback demo site, politeness off.

Run: `uv run python bench/backfill.py [--articles 2000] [--latency-ms 100]`; with a latency,
every response comes that much later (a server far away).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from loopback import demo_site, loopback_settings

from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer

ARTICLES = 2000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--latency-ms", type=float, default=0.0, help="per response")
    args = parser.parse_args()
    site = demo_site(args.articles, args.latency_ms)
    with tempfile.TemporaryDirectory() as data, DemoServer(site) as server:
        settings = loopback_settings(Path(data))
        source = settings.source("demo").with_base_url(server.base_url)
        started = time.perf_counter()
        summary = run_source(settings, source, backfill=True)
        wall = time.perf_counter() - started
    stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.stage_seconds.items())
    print(
        f"backfill of {args.articles} articles ({args.latency_ms:g} ms per response): "
        f"{summary.status}, {summary.counts.new_articles} loaded"
    )
    print(f"wall {wall:.1f} s, {args.articles / wall:.1f} pages/s")
    print(f"stages: {stages}")
    print(f"(discover includes reading and saving the {site.page_count()} listing pages)")


if __name__ == "__main__":
    main()
