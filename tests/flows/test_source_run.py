"""The pipelined stages and many sources at once, on plain functions and the demo site."""

from __future__ import annotations

import threading
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from helpers import rows as query

from flows.engine.source_run import run_sources
from flows.engine.stages import pipelined
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings, Source
from warehouse import Warehouse


def test_pipelined_keeps_order_and_overlaps_stages() -> None:
    seen_threads: set[str] = set()

    def double(item: int) -> int:
        seen_threads.add(threading.current_thread().name)
        return item * 2

    def add_one(item: int) -> int:
        seen_threads.add(threading.current_thread().name)
        return item + 1

    assert list(pipelined(range(20), (double, add_one))) == [i * 2 + 1 for i in range(20)]
    assert threading.current_thread().name not in seen_threads and len(seen_threads) == 2


def test_pipelined_raises_a_stage_error_and_stops_its_threads() -> None:
    def fail_on_three(item: int) -> int:
        if item == 3:
            raise ValueError("three")
        return item

    before = threading.active_count()
    results: list[int] = []
    with pytest.raises(ValueError, match="three"):
        for item in pipelined(range(100), (fail_on_three, lambda item: item)):
            results.append(item)
    assert results == [0, 1, 2]
    assert threading.active_count() == before


def test_many_sources_at_once_load_each_exactly_once(
    settings: Settings, demo_source: Source
) -> None:
    sites = [DemoSite(3, seed=seed) for seed in range(4)]
    servers = [DemoServer(site).start() for site in sites]
    try:
        sources = [
            replace(demo_source, name=f"site{number}", base_url=server.base_url)
            for number, server in enumerate(servers)
        ]
        results = run_sources(settings, sources, concurrency=4)
        again = run_sources(settings, sources, concurrency=4)
    finally:
        for server in servers:
            server.stop()
    assert [result.status for result in results + again] == ["completed"] * 8
    assert sum(result.counts.fetched for result in again) == 0
    runs = query(
        settings, "SELECT count(*), count(DISTINCT source) FROM runs WHERE status = 'completed'"
    )
    assert runs == [(8, 4)]
    duplicates = query(
        settings,
        "SELECT count(*) FROM (SELECT article_id, version FROM raw_article_versions "
        "GROUP BY ALL HAVING count(*) > 1)",
    )
    assert duplicates == [(0,)]
    latest = query(
        settings,
        "SELECT count(*) FROM article_latest l JOIN (SELECT article_id, max(version) AS version "
        "FROM raw_article_versions GROUP BY 1) v USING (article_id) WHERE l.version <> v.version",
    )
    assert latest == [(0,)]


def test_sources_on_one_server_run_one_after_another(settings: Settings) -> None:
    from flows.engine.source_run import run_concurrently

    running: dict[str, int] = {}
    most_at_once: dict[str, int] = {}
    guard = threading.Lock()

    def run_one(item: tuple[str, int]) -> int:
        host, number = item
        with guard:
            running[host] = running.get(host, 0) + 1
            most_at_once[host] = max(most_at_once.get(host, 0), running[host])
        threading.Event().wait(0.02)
        with guard:
            running[host] -= 1
        return number

    items = [(host, number) for number in range(4) for host in ("a", "b", "c")]
    results = run_concurrently(settings, items, run_one, concurrency=8, group_of=lambda i: i[0])
    assert results == [number for _, number in items]
    assert most_at_once == {"a": 1, "b": 1, "c": 1}


def test_a_backfill_fetches_only_what_the_frontier_does_not_hold_or_holds_as_gone(
    settings: Settings,
) -> None:
    """A backfill reads the source's frontier once, not once a listing page: what that read
    says must sort the URLs as the per-page reads did (known: skipped; gone: fetched again)."""
    site = DemoSite(25)
    with DemoServer(site) as server:
        source = replace(
            settings.source("demo").with_base_url(server.base_url), max_listing_pages=50
        )
        (first,) = run_sources(settings, [source])
        assert first.status == "completed" and first.discovered == 25
        gone = sorted(url for (url,) in query(settings, "SELECT url FROM frontier"))[:3]
        with Warehouse.open(settings.warehouse_path) as warehouse:
            warehouse.connection.execute(
                "UPDATE frontier SET last_outcome = 'gone' WHERE list_contains(?, url)", [gone]
            )
        asked_before = len(site.requests)
        (backfill,) = run_sources(settings, [source], backfill=True)
    assert backfill.status == "completed", backfill
    assert backfill.discovered == 3
    articles_asked = {path for _, path, _ in site.requests[asked_before:] if "/c_" in path}
    assert articles_asked == {urlsplit(url).path for url in gone}
