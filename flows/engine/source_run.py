"""The order of the steps for one source run, shared by the Prefect flow and direct calls."""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import wait
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from fetch.discover import Discovery, DiscoveryWorkers
from fetch.http import Fetcher, retire_crawl_state
from fetch.threads import DaemonPool
from flows.engine import resources, steps, worker_pool
from flows.engine.observer import NO_OBSERVER, RunObserver
from flows.engine.run_order import RunWiring, run_in_order
from flows.engine.source_summary import SourceRunSummary, StageTimer
from flows.engine.stages import STOP_REQUESTED, STOP_WAIT_SECONDS
from settings import Settings, Source
from warehouse import LoadCounts, PageResult


@contextmanager
def recorded_run(
    settings: Settings,
    source: Source,
    flow_run_id: str | None = None,
    observer: RunObserver = NO_OBSERVER,
) -> Iterator[SourceRunSummary]:
    """A run row from start to finish: its status and error whatever happens, checks on success.
    The observer hears of the start and the end; the row never waits for it.

    The caller holds the run lock.
    """
    started = time.perf_counter()
    summary = SourceRunSummary(source.name, steps.start_run(settings, source, flow_run_id))
    observer.source_started(source.name, summary.run_id)
    try:
        yield summary
        summary.status = "completed"
    except BaseException as error:
        # KeyboardInterrupt and SystemExit end the run too: record them, never leave it "running".
        summary.status = "failed" if isinstance(error, Exception) else "interrupted"
        summary.error = f"{type(error).__name__}: {error}"
        error.newsetl_run_id = summary.run_id  # type: ignore[attr-defined] # see run_id_of
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        summary.flow_run_id = flow_run_id or observer.flow_run_id(summary.run_id)
        retire_crawl_state(summary.run_id)
        try:
            steps.finish_run(settings, summary)
        finally:
            if summary.status != "completed":
                observer.source_finished(summary)
    with StageTimer(summary).stage("check_and_export"):
        steps.check_and_export(settings, summary)
    observer.source_finished(summary)


def run_source(
    settings: Settings,
    source: Source,
    *,
    backfill: bool = False,
    recheck_all: bool = False,
    flow_run_id: str | None = None,
    progress: steps.Progress | None = None,
    observer: RunObserver = NO_OBSERVER,
) -> SourceRunSummary:
    """Discover, fetch, transform and load one source, batch by batch, under the run lock.

    Fetch, transform and load overlap (`pipelined`): while a batch loads, the next is being
    transformed and the one after fetched. Batches still load one at a time, in order, each in
    its own transaction. Called by `run_sources`, which holds the lock and the warehouse.
    """
    if backfill:
        # a backfill walks every listing page: its workers are wanted, and started now they
        # import while the run opens the warehouse and reads robots.txt, on a core otherwise idle
        worker_pool.warm_up(settings)
    if _holds_run_lock():
        return _run_source_locked(
            settings, source, backfill, recheck_all, flow_run_id, progress, observer
        )
    with resources.run_lock(settings), resources.warehouse_session(settings):
        steps.record_abandoned_runs(settings)  # nobody else holds the lock: none is live
        return _run_source_locked(
            settings, source, backfill, recheck_all, flow_run_id, progress, observer
        )


def _run_source_locked(
    settings: Settings,
    source: Source,
    backfill: bool,
    recheck_all: bool,
    flow_run_id: str | None,
    progress: steps.Progress | None,
    observer: RunObserver,
) -> SourceRunSummary:
    with (
        recorded_run(settings, source, flow_run_id, observer) as summary,
        # one fetcher for the run: robots rules, pace and open connections kept across steps
        resources.make_fetcher(settings, source, summary.run_id) as fetcher,
    ):
        run_id = summary.run_id

        def discover(fetcher: Fetcher, workers: DiscoveryWorkers) -> Discovery:
            return steps.discover(
                settings,
                source,
                run_id,
                backfill=backfill,
                fetcher=fetcher,
                workers=workers,
                **({"progress": progress} if progress else {}),
            )

        def deliver(pages: list[PageResult], discovery: Discovery | None) -> LoadCounts:
            return steps.load_pages(settings, source, run_id, pages, discovery)

        wiring = RunWiring(
            discover=discover,
            plan=lambda discovery: steps.plan_fetches(
                settings, source, discovery, recheck_all=recheck_all
            ),
            crawl_state=lambda: resources.open_warehouse(settings),
            deliver=deliver,
        )
        run_in_order(settings, source, fetcher, wiring, summary, progress)
        if backfill:
            steps.finish_backfill(settings, source)
    return summary


_run_lock_holder = threading.local()


def _holds_run_lock() -> bool:
    return getattr(_run_lock_holder, "held", False)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def sources_named(
    settings: Settings, names: list[str], base_urls: dict[str, str] | None = None
) -> list[Source]:
    """The configured sources of these names, each at its base URL override if given."""
    sources = []
    for name in names:
        source = settings.source(name)
        url = (base_urls or {}).get(name)
        sources.append(source.with_base_url(url) if url else source)
    return sources


def run_id_of(result: SourceRunSummary | BaseException) -> str | None:
    """The run row a result of `run_sources` was recorded as: a failed source run's error
    carries it too, so a command reports the row, not only the exception."""
    if isinstance(result, SourceRunSummary):
        return result.run_id
    return getattr(result, "newsetl_run_id", None)


def run_sources(
    settings: Settings,
    sources: list[Source],
    *,
    concurrency: int | None = None,
    backfill: bool = False,
    recheck_all: bool = False,
    observer: RunObserver = NO_OBSERVER,
) -> list[SourceRunSummary | BaseException]:
    """Run many sources at once, each with its own fetcher and politeness, under one run lock
    and one warehouse connection (the one writer; steps take it in turn). One source failing
    does not stop the others: its place in the list holds the error, in the order given."""

    def one(source: Source) -> SourceRunSummary:
        return run_source(
            settings,
            source,
            backfill=backfill,
            recheck_all=recheck_all,
            observer=observer,
        )

    return run_concurrently(
        settings, sources, one, concurrency=concurrency, group_of=lambda source: host_of(source)
    )


def host_of(source: Source) -> str:
    """The server (host and port) a source is fetched from: sources sharing one run one after
    another, so the per-host politeness (in flight, delay) holds across them."""
    parts = urlsplit(source.base_url)
    return f"{(parts.hostname or source.base_url).lower()}:{parts.port or parts.scheme}"


def run_concurrently(
    settings: Settings,
    items: list[Any],
    run_one: Callable[[Any], Any],
    *,
    concurrency: int | None = None,
    group_of: Callable[[Any], str] | None = None,
) -> list[Any]:
    """`run_one(item)` for every item, up to `concurrency` (default: the `sources_in_parallel`
    setting) at once, under one run lock and one shared warehouse connection; results (or the
    exception raised) in the order of `items`. Items of one group (`group_of`, e.g. one host)
    run one after another. Each worker sees the caller's context (Prefect's flow run, for
    subflows and tasks started there)."""
    groups: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        key = group_of(item) if group_of else str(position)
        groups.setdefault(key, []).append(position)
    results: list[Any] = [None] * len(items)

    def run_group(positions: list[int]) -> None:
        _run_lock_holder.held = True
        try:
            for position in positions:
                try:
                    results[position] = run_one(items[position])
                except Exception as error:  # noqa: BLE001 - recorded in its run row, reported
                    results[position] = error
        finally:
            _run_lock_holder.held = False

    workers = max(1, concurrency or settings.sources_in_parallel)
    STOP_REQUESTED.clear()
    with resources.run_lock(settings), resources.warehouse_session(settings):
        steps.record_abandoned_runs(settings)  # once, before any of ours starts: none is live
        # daemon threads: a command told to stop waits STOP_WAIT_SECONDS for its source runs,
        # never for a source blocked on a slow server (its batch rolls back either way)
        pool = DaemonPool(workers, "newsetl-source")
        futures = [
            pool.submit(contextvars.copy_context().run, run_group, positions)
            for positions in groups.values()
        ]
        try:
            for future in futures:
                future.result()
        except BaseException:
            # Ctrl-C or SIGTERM reach this thread only: ask the source runs to stop at their
            # next batch boundary (the batch loading then commits or rolls back), wait a little
            STOP_REQUESTED.set()
            _, still_running = wait(futures, timeout=STOP_WAIT_SECONDS)
            if still_running:
                steps.record_abandoned_runs(settings)
            raise
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
    return results
