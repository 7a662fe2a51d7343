"""Prefect's overhead on a 1,000-article backfill, and end-to-end pages/s with the stage split.

    uv run python bench/prefect_overhead.py [--articles 1000] [--repeat 3]

The same backfill of the demo site (served on 127.0.0.1, politeness off) runs three times per
repeat, each time into a fresh data directory: through the plain functions
(`runner.run_source` with PLAIN_STEPS), through the Prefect flow (`flows.orchestration.pipeline.source_flow`,
i.e. PREFECT_STEPS, plus its run artifacts), and through the flow with flow-run heartbeats off. The one-off start of
Prefect's temporary API server (15-25 s here) is NOT timed: a small warm-up flow run starts it
first, and a warm-up plain run loads every module, before any timing. Every page of the demo
site is rendered once beforehand, so the site's own rendering is not timed either.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from newsetl.prefect_defaults import apply_embedded_defaults

apply_embedded_defaults()
os.environ["PREFECT_LOGGING_LEVEL"] = "ERROR"

from flows.engine.source_run import run_source  # noqa: E402
from newsetl.demo_site import DemoServer, DemoSite  # noqa: E402
from settings import Settings, Source, load_settings  # noqa: E402

TARGET_RATIO = 1.15
TARGET_PAGES_PER_SECOND = 100.0
PER_PAGE = 50  # listing entries per page: 1,000 articles in 20 listing pages


def impolite_environment(data_dir: Path) -> dict[str, str]:
    return {
        "NEWSETL_DATA_DIR": str(data_dir),
        "NEWSETL_PER_HOST_DELAY_SECONDS": "0",
        "NEWSETL_RETRY_BACKOFF_SECONDS": "0.01",
    }


def settings_for(data_dir: Path) -> Settings:
    return replace(load_settings(environ=impolite_environment(data_dir)), data_dir=data_dir)


def prerender(site: DemoSite) -> None:
    for page in range(1, site.page_count() + 1):
        site.render(site.listing_page_path(page))
    for article in site.live_articles():
        site.render(article.path)


def run_plain(work: Path, source: Source) -> tuple[float, dict]:
    settings = settings_for(work)
    started = time.perf_counter()
    summary = run_source(settings, source, backfill=True)
    seconds = time.perf_counter() - started
    assert summary.status == "completed", summary.error
    return seconds, {"summary": summary}


def run_flow(work: Path, source: Source, *, heartbeats: bool = True) -> tuple[float, dict]:
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows.orchestration.pipeline import source_flow

    os.environ.update(impolite_environment(work))
    updates = {} if heartbeats else {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    with temporary_settings(updates=updates):
        started = time.perf_counter()
        row = source_flow(source.name, base_url=source.base_url, backfill=True)
        seconds = time.perf_counter() - started
    assert row["status"] == "completed", row
    return seconds, {"row": row}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    site = DemoSite(args.articles, per_page=PER_PAGE)
    prerender(site)
    warm_site = DemoSite(20, per_page=PER_PAGE, seed=99)
    with (
        DemoServer(site) as server,
        DemoServer(warm_site) as warm_server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        root = Path(tmp)
        source = load_settings(environ={}).source("demo").with_base_url(server.base_url)
        warm_source = source.with_base_url(warm_server.base_url)

        print("warming up: Prefect's temporary API server and every module (not timed) ...")
        started = time.perf_counter()
        run_flow(root / "warm-flow", warm_source)
        print(f"  first flow run incl. server start-up: {time.perf_counter() - started:.1f} s")
        run_plain(root / "warm-plain", warm_source)

        plain_times: list[float] = []
        flow_times: list[float] = []
        quiet_times: list[float] = []
        last_summary = None
        for repeat in range(args.repeat):
            seconds, plain = run_plain(root / f"plain-{repeat}", source)
            plain_times.append(seconds)
            last_summary = plain["summary"]
            flow_times.append(run_flow(root / f"flow-{repeat}", source)[0])
            quiet_times.append(run_flow(root / f"quiet-{repeat}", source, heartbeats=False)[0])
            print(
                f"  repeat {repeat + 1}: plain {plain_times[-1]:.2f} s, flow {flow_times[-1]:.2f} s,"
                f" flow without heartbeats {quiet_times[-1]:.2f} s"
            )

    assert last_summary is not None
    pages = last_summary.counts.fetched + last_summary.listing_pages
    print()
    print(
        f"backfill: {last_summary.counts.new_articles} articles, {pages} pages "
        f"({last_summary.listing_pages} listing), {os.cpu_count()} CPUs shared, politeness off"
    )
    print(f"{'':<26} {'best':>8} {'median':>8}   (of {args.repeat}; best = least disturbed)")
    for label, times in (
        ("plain functions", plain_times),
        ("Prefect flow", flow_times),
        ("flow, heartbeats off", quiet_times),
    ):
        best, median = min(times), statistics.median(times)
        print(f"{label:<26} {best:7.2f}s {median:7.2f}s   {pages / best:6.1f} pages/s (best)")
    for label, times in (("flow / plain", flow_times), ("no-heartbeat flow / plain", quiet_times)):
        best = min(times) / min(plain_times)
        median = statistics.median(times) / statistics.median(plain_times)
        verdict = "ok" if best <= TARGET_RATIO else "MISSED"
        print(f"{label:<26} {best:8.3f} {median:8.3f}   target <= {TARGET_RATIO} (best: {verdict})")
    print("(the temporary API server's start-up is excluded: warmed up first. A flow run's")
    print(" heartbeat thread sleeps in 1 s steps and is joined at exit: up to 1 s per flow run)")
    plain_s = min(plain_times)
    print("stage split of the last plain run:")
    total = sum(last_summary.stage_seconds.values())
    for stage, seconds in last_summary.stage_seconds.items():
        print(f"  {stage:<17} {seconds:6.2f} s  {seconds / total:5.1%}")
    rate = pages / plain_s
    verdict = "ok" if rate >= TARGET_PAGES_PER_SECOND else "MISSED"
    print(
        f"end-to-end      : {rate:7.1f} pages/s (target >= {TARGET_PAGES_PER_SECOND:.0f}: {verdict})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
