"""Wall time of one run over many small sources (one listing page, 3 articles each), each on
its own loopback port, run at once with one writer to the warehouse.

Run: `uv run python bench/many_sources.py [--sources 1000] [--concurrency 16]`.
`--concurrency 1` runs them one after another (the old behaviour) for a ratio in one process.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from loopback import loopback_settings
from sites import ManySitesServer

from flows.engine.source_run import run_sources
from newsetl.demo_site import DemoSite


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=3, help="articles per source")
    parser.add_argument("--concurrency", type=int, action="append", help="repeat to compare")
    args = parser.parse_args()
    for concurrency in args.concurrency or [16]:
        sites = [DemoSite(args.articles, seed=i) for i in range(args.sources)]
        with tempfile.TemporaryDirectory() as data, ManySitesServer(sites) as server:
            settings = loopback_settings(Path(data))
            demo = settings.source("demo")
            sources = [
                replace(demo, name=f"site{i:04d}", base_url=url)
                for i, url in enumerate(server.base_urls)
            ]
            started = time.perf_counter()
            results = run_sources(settings, sources, concurrency=concurrency)
            wall = time.perf_counter() - started
        completed = [r for r in results if not isinstance(r, BaseException)]
        loaded = sum(r.counts.new_articles for r in completed if r.status == "completed")
        print(
            f"{args.sources} sources x {args.articles} articles, concurrency {concurrency}: "
            f"wall {wall:.1f} s ({wall / args.sources * 1000:.0f} ms/source), "
            f"{len(completed)} completed, {loaded} articles loaded"
        )
        if loaded != args.sources * args.articles:
            print(f"  NOT ALL LOADED: {loaded} of {args.sources * args.articles} articles")
        for failure in [r for r in results if isinstance(r, BaseException)][:3]:
            print(f"  failed: {type(failure).__name__}: {failure}")


if __name__ == "__main__":
    main()
