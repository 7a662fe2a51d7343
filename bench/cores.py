"""Every core busy (issue 21): a cold 2,000-article backfill through the CLI with 1, 2 and all
transform workers, against Scrapy + trafilatura on the same site (text only, and with metadata),
and `newsetl reprocess` of the archived pages with 1 and 2 workers. One run, one site; newsetl's
commands are repeated in rounds (1 and 2 workers alternating) and their medians compared, since
shared cores move one pair of runs by ±10 %.

The site is served by this process for everyone; each crawler runs as its own process (the
peer too: Scrapy's reactor starts once per process). Peak RSS is the largest process's
(`ru_maxrss` of the children), workers included.

Run: `uv run python bench/cores.py [--articles 2000] [--rounds 3]`.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
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
    wall, _ = timed([str(ROOT / ".venv/bin/newsetl"), "--config", str(config), *args], env, work)
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
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="newsetl's runs are repeated, 1 and 2 workers alternating, and their medians "
        "compared: on shared cores one pair of runs swung 1.42x to 1.66x minutes apart",
    )
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("--metadata", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        run_peer(args.peer, args.metadata)
        return
    cores = len(os.sched_getaffinity(0))
    print(
        f"{args.articles} articles, {IN_FLIGHT} in flight, loopback, {cores} cores, "
        f"{args.rounds} round(s) of newsetl, medians"
    )
    with tempfile.TemporaryDirectory() as tmp, DemoServer(DemoSite(args.articles)) as site:
        work = Path(tmp)
        text_peer, text_n = peer(site.base_url, False, work)
        meta_peer, meta_n = peer(site.base_url, True, work)
        backfills: dict[int, list[float]] = {}
        reprocesses: dict[int, list[float]] = {1: [], 2: []}
        for round_ in range(args.rounds):
            for workers in sorted({1, 2, cores}):
                label = f"r{round_}w{workers}"
                wall, data = newsetl(work, site.base_url, label, workers, "run", "--backfill")
                backfills.setdefault(workers, []).append(wall)
                loaded = articles_in(data)
                print(
                    f"round {round_ + 1}: newsetl run --backfill, {workers} transform "
                    f"worker(s): {wall:5.1f} s, {loaded / wall:5.0f} articles/s ({loaded} loaded)"
                )
            for workers in (1, 2):  # the pages this round's 1-worker backfill archived
                wall, _ = newsetl(
                    work, site.base_url, f"r{round_}w1", workers, "reprocess", "--source", "big"
                )
                reprocesses[workers].append(wall)
                print(f"round {round_ + 1}: reprocess, {workers} worker(s): {wall:5.1f} s")
        walls = {workers: statistics.median(runs) for workers, runs in backfills.items()}
        again = {workers: statistics.median(runs) for workers, runs in reprocesses.items()}
        print(f"scrapy + trafilatura, text only:     {text_peer:5.1f} s ({text_n} extracted)")
        print(f"scrapy + trafilatura, with metadata: {meta_peer:5.1f} s ({meta_n} extracted)")
        for workers, wall in walls.items():
            print(
                f"newsetl run --backfill, {workers} worker(s), median: {wall:5.1f} s, "
                f"{args.articles / wall:5.0f} articles/s"
            )
        best = min(walls.values())
        pairs = [f"{one / two:.2f}x" for one, two in zip(backfills[1], backfills[2], strict=True)]
        print(
            f"newsetl (best) speed / peer speed: text only {text_peer / best:.2f}x, "
            f"metadata {meta_peer / best:.2f}x; 1 -> 2 workers {walls[1] / walls[2]:.2f}x "
            f"(round by round {', '.join(pairs)})"
        )
        pairs = [
            f"{one / two:.2f}x" for one, two in zip(reprocesses[1], reprocesses[2], strict=True)
        ]
        print(
            f"reprocess of {args.articles} archived pages, median: 1 worker {again[1]:.1f} s, "
            f"2 workers {again[2]:.1f} s ({again[1] / again[2]:.2f}x; round by round "
            f"{', '.join(pairs)})"
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of the largest process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
