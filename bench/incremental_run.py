"""An incremental run (10 new articles) with 2,000 / 20,000 / 100,000 articles already stored:
its pipeline time and the peak RSS of the process that ran it. Both should stay flat.

The stored articles are seeded in bulk (warehouse.seed, bench only) after a first real run of
the demo site; each incremental run is a fresh child process, so its peak RSS is its own.
Run: `uv run python bench/incremental_run.py [--stored 2000 --stored 20000 --stored 100000]`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from loopback import loopback_settings

from newsetl.demo_site import DemoServer, DemoSite

NEW_ARTICLES = 10


def child(data_dir: str, base_url: str) -> None:
    from flows.engine.source_run import run_source

    settings = loopback_settings(Path(data_dir))
    source = settings.source("demo").with_base_url(base_url)
    started = time.perf_counter()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        with cProfile.Profile() as profile:
            summary = run_source(settings, source)
        profile.dump_stats(os.environ["BENCH_PROFILE"])
    else:
        summary = run_source(settings, source)
    seconds = time.perf_counter() - started
    # VmHWM, not ru_maxrss: Linux carries the forking parent's peak into ru_maxrss across exec
    status = Path("/proc/self/status").read_text()
    peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
    stages = {name: round(value, 3) for name, value in summary.stage_seconds.items()}
    print(
        json.dumps({"seconds": seconds, "peak_mb": peak_mb, "stages": stages, **summary.as_row()})
    )


def measure(stored: int) -> dict:
    from flows.engine.resources import open_warehouse
    from flows.engine.source_run import run_source
    from warehouse.seed import seed_synthetic_articles

    site = DemoSite(30)
    with tempfile.TemporaryDirectory() as data, DemoServer(site) as server:
        settings = loopback_settings(Path(data))
        source = settings.source("demo").with_base_url(server.base_url)
        run_source(settings, source)
        with open_warehouse(settings) as warehouse:
            seed_synthetic_articles(
                warehouse, "demo", stored, base_url=server.base_url, now=datetime.now(UTC)
            )
        for _ in range(NEW_ARTICLES):
            site.publish()
        output = subprocess.run(
            [sys.executable, __file__, "--child", data, server.base_url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stored", type=int, action="append")
    parser.add_argument("--child", nargs=2, metavar=("DATA_DIR", "BASE_URL"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    for stored in args.stored or [2000, 20000, 100000]:
        row = measure(stored)
        print(
            f"{stored:>7} stored: pipeline {row['seconds']:.2f} s, peak RSS {row['peak_mb']:.0f} MB, "
            f"{row['new_articles']} new articles, status {row['status']}; stages {row['stages']}"
        )


if __name__ == "__main__":
    main()
