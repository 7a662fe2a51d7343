"""Extraction on every core (issue 21): a run with transform workers stores exactly what a run
in one process stores, and a pool that breaks costs speed, never a page."""

from __future__ import annotations

import threading
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from helpers import fast_settings, rows
from test_safety_reprocess import garble_middle

from flows.engine import transform_pool, worker_pool
from flows.engine.source_run import run_sources
from flows.engine.steps import now_utc
from flows.operations.reprocess import reprocess_source
from newsetl.commands.common import load_checked_settings
from newsetl.demo_site import DemoServer, DemoSite
from records.fetch import FetchResult
from transforms.listing import parse_listing_document

ARTICLES = transform_pool.PARALLEL_TRANSFORM_MIN_PAGES + 20


def stored(tmp_path: Path, name: str, workers: int, server: DemoServer) -> list[tuple]:
    settings = replace(fast_settings(tmp_path / name), transform_workers=workers)
    source = settings.source("demo").with_base_url(server.base_url)
    (result,) = run_sources(settings, [source], backfill=True)
    assert result.status == "completed", result
    return rows(
        settings,
        "SELECT url, title, content_hash, published_at, authors FROM articles ORDER BY url",
    )


def test_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    worker_pool.shutdown_pools()  # a pool another test started would hide whether this one did
    with DemoServer(DemoSite(ARTICLES)) as server:
        alone = stored(tmp_path, "alone", 1, server)
        assert 2 not in worker_pool._pools
        shared = stored(tmp_path, "shared", 2, server)
        assert 2 in worker_pool._pools  # the pages did go through the workers
    assert len(alone) == ARTICLES
    assert shared == alone


def test_a_broken_pool_falls_back_to_transforming_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(workers: int):
        raise BrokenProcessPool("a worker was killed")

    monkeypatch.setattr(worker_pool, "pool", broken)
    with DemoServer(DemoSite(ARTICLES)) as server:
        assert len(stored(tmp_path, "broken", 2, server)) == ARTICLES


def test_reprocess_in_the_workers_reads_transforms_and_records_what_one_process_does(
    tmp_path: Path,
) -> None:
    """Reading the archive moved into the workers: with 1 or 2 workers, the same pages
    re-extracted, no new version where nothing changed, the same damaged record skipped and
    recorded with its reason."""
    outcomes = {}
    with DemoServer(DemoSite(ARTICLES)) as server:
        for workers in (1, 2):
            settings = replace(fast_settings(tmp_path / f"w{workers}"), transform_workers=workers)
            source = settings.source("demo").with_base_url(server.base_url)
            (result,) = run_sources(settings, [source], backfill=True)
            assert result.status == "completed", result
            url, warc_file, offset, length = rows(
                settings,
                "SELECT url, warc_file, warc_offset, warc_length FROM raw_responses "
                "WHERE purpose = 'article' AND outcome = 'fetched' ORDER BY url LIMIT 1",
            )[0]
            garble_middle(settings.raw_dir / warc_file, offset, length)
            worker_pool.shutdown_pools()
            summary = reprocess_source(settings, source)
            assert (2 in worker_pool._pools) == (workers == 2)
            outcomes[workers] = (
                summary.counts.fetched,
                summary.counts.failed,
                summary.counts.new_versions,
                rows(settings, "SELECT url FROM reprocess_errors"),
                rows(settings, "SELECT url, content_hash, version FROM articles ORDER BY url"),
            )
            assert outcomes[workers][3] == [(url,)]
    assert outcomes[2] == outcomes[1]
    assert outcomes[1][:3] == (ARTICLES - 1, 1, 0)


def test_listing_pages_go_to_the_workers_only_once_they_are_up(tmp_path: Path) -> None:
    """A walk must not wait for a worker's start to parse one page: until the workers have
    started, `parse_listing_later` declines and the page is parsed in the run's process."""
    worker_pool.shutdown_pools()
    settings = replace(fast_settings(tmp_path), transform_workers=2)
    pattern = settings.source("demo").article_url_pattern
    with DemoServer(DemoSite(30)) as server:
        url = server.base_url + "/news/node_1.htm"
        answer = httpx.get(url)
    listing = FetchResult(
        url, "listing", "fetched", now_utc(), headers=dict(answer.headers), body=answer.content
    )
    here = parse_listing_document(listing.body or b"", listing.content_type, url, pattern)
    assert len(here[0].articles) >= 10

    workers = transform_pool.WorkersOnDemand(settings)
    assert workers.parse_listing_later(listing, pattern) is None  # a small run: never started
    workers.found(transform_pool.PARALLEL_TRANSFORM_MIN_PAGES)
    assert worker_pool.started(2)
    for _ in range(1200):  # a minute at most: a spawned worker imports in a second or two
        if worker_pool.workers_ready(settings):
            break
        time.sleep(0.05)
    parsing = workers.parse_listing_later(listing, pattern)
    assert parsing is not None and parsing.result(timeout=60) == here


@pytest.mark.parametrize(
    ("workers", "start_workers", "started"),
    [(2, True, True), (2, False, False), (1, True, False)],
    ids=["backfill-or-reprocess", "any-other-command", "one-worker"],
)
def test_commands_that_extract_every_page_start_their_workers_with_the_settings(
    tmp_path: Path, workers: int, start_workers: bool, started: bool
) -> None:
    worker_pool.shutdown_pools()
    config = tmp_path / "newsetl.toml"
    config.write_text(
        f'[settings]\ndata_dir = "{tmp_path / "data"}"\ntransform_workers = {workers}\n'
    )
    settings = load_checked_settings(str(config), start_workers=start_workers)
    assert worker_pool.started(2) == started
    for _ in range(1200):  # a minute at most
        if not started or worker_pool.workers_ready(settings):
            break
        time.sleep(0.05)
    assert worker_pool.workers_ready(settings) == started


def test_starting_the_workers_never_holds_up_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first worker's fork waits for the fork server's imports: `warm_up` must return
    before the pool exists, and the pool must still come up once it can."""
    worker_pool.shutdown_pools()
    settings = replace(fast_settings(tmp_path), transform_workers=2)
    may_start = threading.Event()
    real_pool = worker_pool.pool

    def slow_pool(workers: int):
        assert may_start.wait(60)
        return real_pool(workers)

    monkeypatch.setattr(worker_pool, "pool", slow_pool)
    worker_pool.warm_up(settings)
    assert worker_pool.started(2) and not worker_pool.workers_ready(settings)
    assert 2 not in worker_pool._pools  # the caller went on while the start waited
    may_start.set()
    for _ in range(1200):  # a minute at most
        if worker_pool.workers_ready(settings):
            break
        time.sleep(0.05)
    assert worker_pool.workers_ready(settings)
    worker_pool.shutdown_pools()
