"""Transform on every core: pages are decoded and extracted in worker processes, one parse per
page, results back in the order the pages came (issue 21).

Extraction is pure Python under one GIL: in one interpreter a backfill ran at ~120 pages/s
whatever the other cores did. The workers (`worker_pool`) are started once per command and
shared by its sources; small runs never start them, since a worker's start (~0.5 s, importing
the extractors) costs more than it saves under `PARALLEL_TRANSFORM_MIN_PAGES`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Generic, TypeVar

from flows.engine import worker_pool
from flows.engine.worker_pool import transform_workers, warm_up, workers_ready
from records.fetch import FetchResult
from records.page import PageResult
from settings import Settings, Source
from transforms.limits import TextLimits
from transforms.listing import ParsedListing, parse_listing_document

if TYPE_CHECKING:
    from flows.engine.page_transform import Outcome

log = logging.getLogger("newsetl")

PARALLEL_TRANSFORM_MIN_PAGES = 200
CHUNKS_PER_WORKER = 2

Item = TypeVar("Item")


def wants_workers(settings: Settings, planned_pages: int) -> bool:
    return transform_workers(settings) > 1 and planned_pages >= PARALLEL_TRANSFORM_MIN_PAGES


class WorkersOnDemand:
    """The transform workers as discovery sees them (`fetch.discover.DiscoveryWorkers`).

    They start as soon as a run is known to be large: during discovery, as its queued URLs
    pass `PARALLEL_TRANSFORM_MIN_PAGES`, so their start overlaps the listing walk instead of
    delaying the first batch. Once up, they also parse the listing pages the walk fetches
    ahead: a backfill's walk of hundreds of pages otherwise kept one core busy and the
    other idle."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def found(self, queued: int) -> None:
        if wants_workers(self._settings, queued):
            warm_up(self._settings)

    def wanted_for(self, planned_pages: int) -> bool:
        """Whether the run's `planned_pages` go through the workers (started if not yet)."""
        wanted = wants_workers(self._settings, planned_pages)
        if wanted:
            self.found(planned_pages)
        return wanted

    def parse_listing_later(
        self, response: FetchResult, article_url_pattern: str
    ) -> Future[ParsedListing] | None:
        # never while they start: the walk would wait a worker's start for a 5 ms parse
        if not workers_ready(self._settings):
            return None
        try:
            return worker_pool.pool(transform_workers(self._settings)).submit(
                parse_listing_document,
                response.body or b"",
                response.content_type,
                response.final_url or response.url,
                article_url_pattern,
            )
        except (BrokenProcessPool, OSError, RuntimeError):  # broken or shut down: parse here
            return None


class InWorkers(Generic[Item]):
    """Chunks of work started in the workers (or done in process): their results, in order.

    Starting a batch does not wait for the one before, so the workers always have the next
    chunks queued while the run's process collects, completes and loads the last ones: waiting
    for each batch before sending the next left both workers idle at every batch's tail.
    """

    def __init__(
        self,
        function: Callable[..., list[Item]],
        arguments: tuple,
        chunks: list[list],
        *,
        futures: list[Future] | None = None,
        workers: int = 1,
    ) -> None:
        self._function, self._arguments, self._chunks = function, arguments, chunks
        self._futures, self._workers = futures, workers
        self._done: list[Item] | None = None
        if futures is None:
            self._done = self._in_process()

    def _in_process(self) -> list[Item]:
        return [item for chunk in self._chunks for item in self._function(*self._arguments, chunk)]

    def result(self) -> list[Item]:
        if self._done is not None:
            return self._done
        try:
            return [item for future in self._futures or () for item in future.result()]
        except (BrokenProcessPool, OSError) as error:
            # a worker killed (out of memory, a signal): this batch, and the run's next ones,
            # are done in process; the pool is made anew next time
            log.warning("transform workers unavailable (%s); transforming in process", error)
            worker_pool.discard_pool(self._workers)
            return self._in_process()


def start_in_workers(
    settings: Settings,
    function: Callable[..., list[Item]],
    arguments: tuple,
    items: list,
    parallel: bool = True,
) -> InWorkers[Item]:
    """`function(*arguments, chunk)` over chunks of `items` in the workers, without waiting
    for them; in process when `parallel` is off, there is one worker or no pool could start.
    `function` must be importable by the workers (a module's top-level function)."""
    workers = transform_workers(settings)
    if not parallel or workers <= 1 or len(items) < 2:
        return InWorkers(function, arguments, [items])
    size = max(1, -(-len(items) // (workers * CHUNKS_PER_WORKER)))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    try:
        pool = worker_pool.pool(workers)
        futures = [pool.submit(function, *arguments, chunk) for chunk in chunks]
    except (BrokenProcessPool, OSError) as error:
        log.warning("transform workers unavailable (%s); transforming in process", error)
        worker_pool.discard_pool(workers)
        return InWorkers(function, arguments, chunks)
    return InWorkers(function, arguments, chunks, futures=futures, workers=workers)


class PendingTransform:
    """One batch's transform, started (`start_transform`)."""

    def __init__(self, results: list[FetchResult], outcomes: InWorkers[Outcome]) -> None:
        self._results, self._outcomes = results, outcomes

    def result(self) -> list[PageResult]:
        """The batch's pages, in the order fetched."""
        pages = []
        for result, (article, rejection, truncations, replaced_chars) in zip(
            self._results, self._outcomes.result(), strict=True
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
    """`transform_pages` over the workers, in chunks, without waiting for them."""
    # imported here: this module is imported to start the workers before the extractors are
    from flows.engine.page_transform import transform_outcomes

    fetched = sum(1 for result in results if result.outcome == "fetched" and result.body)
    outcomes = start_in_workers(
        settings, transform_outcomes, (source, limits), results, parallel and fetched >= 2
    )
    return PendingTransform(results, outcomes)
