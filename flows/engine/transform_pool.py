"""Transform on every core: pages are decoded and extracted in worker processes, one parse per
page, results back in the order the pages came (issue 21).

Extraction is pure Python under one GIL: in one interpreter a backfill ran at ~120 pages/s
whatever the other cores did. Workers are started once per command (`spawn`: the run's fetch
threads make `fork` unsafe) and shared by its sources; small runs never start them, since a
worker's start (~0.5 s, importing the extractors) costs more than it saves under
`PARALLEL_TRANSFORM_MIN_PAGES`.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from flows.engine import steps
from records.fetch import FetchResult
from settings import Settings, Source
from transforms.limits import TextLimits
from warehouse import PageResult

log = logging.getLogger("newsetl")

PARALLEL_TRANSFORM_MIN_PAGES = 200
CHUNKS_PER_WORKER = 2

_pools: dict[int, ProcessPoolExecutor] = {}
_pools_lock = threading.Lock()


def transform_workers(settings: Settings) -> int:
    """The setting, or every core the process may use when it is 0."""
    if settings.transform_workers > 0:
        return settings.transform_workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def wants_workers(settings: Settings, planned_pages: int) -> bool:
    return transform_workers(settings) > 1 and planned_pages >= PARALLEL_TRANSFORM_MIN_PAGES


def warm_up(settings: Settings) -> None:
    """Start the workers now, importing the extractors, while the run fetches its first batch:
    a worker's start (~0.5-2 s) then overlaps the network instead of delaying the transform."""
    workers = transform_workers(settings)
    if workers <= 1:
        return
    try:
        pool = _pool(workers)
        for _ in range(workers):
            pool.submit(_import_extractors)
    except (BrokenProcessPool, OSError) as error:
        log.warning("transform workers unavailable (%s); transforming in process", error)
        _discard_pool(workers)


class WorkersOnDemand:
    """Starts the workers as soon as a run is known to be large: during discovery, as its
    queued URLs pass `PARALLEL_TRANSFORM_MIN_PAGES`, so their start overlaps the listing walk
    instead of delaying the first batch."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._started = False

    def found(self, queued: int) -> None:
        if not self._started and wants_workers(self._settings, queued):
            self._started = True
            warm_up(self._settings)

    def wanted_for(self, planned_pages: int) -> bool:
        """Whether the run's `planned_pages` go through the workers (started if not yet)."""
        wanted = wants_workers(self._settings, planned_pages)
        if wanted:
            self.found(planned_pages)
        return wanted


def _import_extractors() -> None:
    import transforms.extract  # noqa: F401 - the import is the work


class PendingTransform:
    """One batch's transform, started: under way in the workers, or already done in process.

    Starting a batch does not wait for the one before, so the workers always have the next
    chunks queued while the run's process collects, completes and loads the last ones: waiting
    for each batch before sending the next left both workers idle at every batch's tail.
    """

    def __init__(
        self,
        source: Source,
        results: list[FetchResult],
        limits: TextLimits,
        *,
        pages: list[PageResult] | None = None,
        futures: list[Future] | None = None,
        workers: int = 1,
    ) -> None:
        self._source, self._results, self._limits = source, results, limits
        self._pages, self._futures, self._workers = pages, futures, workers

    def result(self) -> list[PageResult]:
        """The batch's pages, in the order fetched."""
        if self._pages is not None:
            return self._pages
        try:
            outcomes = [outcome for future in self._futures or () for outcome in future.result()]
        except (BrokenProcessPool, OSError) as error:
            # a worker killed (out of memory, a signal): this batch, and the run's next ones,
            # are transformed in process; the pool is made anew next time
            log.warning("transform workers unavailable (%s); transforming in process", error)
            _discard_pool(self._workers)
            return steps.transform_pages(self._source, self._results, self._limits)
        pages = []
        for result, (article, rejection, truncations, replaced_chars) in zip(
            self._results, outcomes, strict=True
        ):
            result.replaced_chars = replaced_chars
            pages.append(PageResult(result, article, rejection, truncations=truncations))
        return pages


def start_transform(
    settings: Settings,
    source: Source,
    results: list[FetchResult],
    limits: TextLimits,
    parallel: bool = True,
) -> PendingTransform:
    """`steps.transform_pages` over the workers, in chunks, without waiting for them (in process
    when `parallel` is off, there is one worker or no pool could start)."""
    workers = transform_workers(settings)
    fetched = [result for result in results if result.outcome == "fetched" and result.body]
    if not parallel or workers <= 1 or len(fetched) < 2:
        return PendingTransform(
            source, results, limits, pages=steps.transform_pages(source, results, limits)
        )
    size = max(1, -(-len(results) // (workers * CHUNKS_PER_WORKER)))
    chunks = [results[start : start + size] for start in range(0, len(results), size)]
    try:
        pool = _pool(workers)
        futures = [pool.submit(_transform_chunk, source, chunk, limits) for chunk in chunks]
    except (BrokenProcessPool, OSError) as error:
        log.warning("transform workers unavailable (%s); transforming in process", error)
        _discard_pool(workers)
        return PendingTransform(
            source, results, limits, pages=steps.transform_pages(source, results, limits)
        )
    return PendingTransform(source, results, limits, futures=futures, workers=workers)


_Outcome = tuple[Any, Any, list, int]


def _transform_chunk(
    source: Source, results: list[FetchResult], limits: TextLimits
) -> list[_Outcome]:
    """In a worker: what the transform made of each page, without the page's body, which the
    calling process holds already (sending it back would double what crosses the pipe)."""
    return [
        (page.article, page.rejection, page.truncations, page.fetch.replaced_chars)
        for page in steps.transform_pages(source, results, limits)
    ]


def _pool(workers: int) -> ProcessPoolExecutor:
    with _pools_lock:
        pool = _pools.get(workers)
        if pool is None:
            pool = _pools[workers] = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("spawn")
            )
        return pool


def _discard_pool(workers: int) -> None:
    with _pools_lock:
        pool = _pools.pop(workers, None)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


@atexit.register
def shutdown_pools() -> None:
    with _pools_lock:
        for pool in _pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
        _pools.clear()
