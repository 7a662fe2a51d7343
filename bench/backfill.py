"""Wall time of a 2,000-article backfill against the loopback demo site, politeness off.

Run: `uv run python bench/backfill.py`.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from loopback import loopback_settings

from flows.source_run import run_source
from newsetl.demo_site import DemoServer, DemoSite

ARTICLES = 2000


def main() -> None:
    site = DemoSite(ARTICLES)
    with tempfile.TemporaryDirectory() as data, DemoServer(site) as server:
        settings = loopback_settings(Path(data))
        source = settings.source("demo").with_base_url(server.base_url)
        started = time.perf_counter()
        summary = run_source(settings, source, backfill=True)
        wall = time.perf_counter() - started
    stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.stage_seconds.items())
    print(
        f"backfill of {ARTICLES} articles: {summary.status}, {summary.counts.new_articles} loaded"
    )
    print(f"wall {wall:.1f} s, {ARTICLES / wall:.1f} pages/s")
    print(f"stages: {stages}")
    print("(discover includes reading and loading the 200 listing pages)")


if __name__ == "__main__":
    main()
