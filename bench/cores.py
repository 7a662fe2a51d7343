"""Every core busy (issue 21): a cold 2,000-article backfill through the CLI with 1, 2 and all
transform workers, against Scrapy + trafilatura on the same site (text only, and with metadata),
and `newsetl reprocess` of the archived pages with 1 and 2 workers. One run, one site.

The site is served by this process for everyone; each crawler runs as its own process (the
peer too: Scrapy's reactor starts once per process). Peak RSS is the largest process's
(`ru_maxrss` of the children), workers included.

Run: `uv run python bench/cores.py [--articles 2000]`.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cli_paths import articles_in, clean_env

from newsetl.demo_site import DemoServer, DemoSite

ROOT = Path(__file__).resolve().parents[1]
IN_FLIGHT = 8
PATTERN = r"/\d{4}-\d{2}/\d{2}/c_\d+\.htm$"
CONFIG = """[settings]
data_dir = "{data}"
per_host_delay_seconds = 0.0
max_in_flight = {in_flight}

[sources.big]
base_url = "{url}"
listing_paths = ["/news/node_1.htm"]
article_url_pattern = '{pattern}'
timezone = "Asia/Shanghai"
profile = "bit"
"""


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        print(result.stdout[-2000:], result.stderr[-2000:])
        raise SystemExit(f"{' '.join(command)} exited {result.returncode}")
    return wall, result.stdout


def newsetl(work: Path, url: str, label: str, workers: int, *args: str) -> tuple[float, Path]:
    data = work / label
    config = work / f"{label}.toml"
    if not config.exists():
        config.write_text(CONFIG.format(data=data, url=url, in_flight=IN_FLIGHT, pattern=PATTERN))
    env = clean_env(NEWSETL_TRANSFORM_WORKERS=str(workers))
    wall, _ = timed(
        [str(ROOT / ".venv/bin/newsetl"), "--config", str(config), *args], env, work
    )
    return wall, data


def peer(url: str, metadata: bool, work: Path) -> tuple[float, int]:
    wall, output = timed(
        [sys.executable, __file__, "--peer", url, *(["--metadata"] if metadata else [])],
        clean_env(),
        work,
    )
    return wall, int(re.findall(r"extracted (\d+)", output)[0])


def run_peer(url: str, metadata: bool) -> None:
    """Scrapy + trafilatura, in this process (called in a subprocess by `peer`)."""
    from peer_scrapy import scrapy_crawl

    _, extracted = scrapy_crawl(url, PATTERN, with_metadata=metadata)
    print(f"extracted {extracted}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("--metadata", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        run_peer(args.peer, args.metadata)
        return
    cores = len(os.sched_getaffinity(0))
    print(f"{args.articles} articles, {IN_FLIGHT} in flight, loopback, {cores} cores")
    with tempfile.TemporaryDirectory() as tmp, DemoServer(DemoSite(args.articles)) as site:
        work = Path(tmp)
        text_peer, text_n = peer(site.base_url, False, work)
        meta_peer, meta_n = peer(site.base_url, True, work)
        walls: dict[int, float] = {}
        for workers in sorted({1, 2, cores}):
            walls[workers], data = newsetl(
                work, site.base_url, f"w{workers}", workers, "run", "--backfill"
            )
            loaded = articles_in(data)
            print(
                f"newsetl run --backfill, {workers} transform worker(s): {walls[workers]:5.1f} s, "
                f"{loaded / walls[workers]:5.0f} articles/s ({loaded} loaded)"
            )
        print(f"scrapy + trafilatura, text only:     {text_peer:5.1f} s ({text_n} extracted)")
        print(f"scrapy + trafilatura, with metadata: {meta_peer:5.1f} s ({meta_n} extracted)")
        best = min(walls.values())
        print(
            f"newsetl (best) speed / peer speed: text only {text_peer / best:.2f}x, "
            f"metadata {meta_peer / best:.2f}x; 1 -> 2 workers {walls[1] / walls[2]:.2f}x"
        )
        reprocess = {}
        for workers in (1, 2):
            reprocess[workers], _ = newsetl(
                work, site.base_url, "w1", workers, "reprocess", "--source", "big"
            )
        print(
            f"reprocess of {args.articles} archived pages: 1 worker {reprocess[1]:.1f} s, "
            f"2 workers {reprocess[2]:.1f} s ({reprocess[1] / reprocess[2]:.2f}x)"
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of the largest process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
