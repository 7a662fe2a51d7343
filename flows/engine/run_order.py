"""The order of one source run, written once: discover, plan, then each batch fetched,
transformed (on every core when the run is large) and delivered, the stages overlapping.

Where the run reads its crawl state and where its batches go is the caller's (`RunWiring`):
a run on one machine reads and writes the warehouse (`flows/engine/source_run.py`); a worker
reads the last committed state and fills a load package (`flows/scale_out/loader.py`).
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass

from fetch.discover import Discovery, FoundSoFar
from fetch.http import Fetcher, FetchRequest
from flows.engine import pages as multi_page
from flows.engine import resources, steps
from flows.engine.source_summary import SourceRunSummary, StageTimer
from flows.engine.stages import ABANDON_STAGE_AFTER_SECONDS, pipelined
from flows.engine.transform_pool import PendingTransform, WorkersOnDemand
from flows.engine.transform_pool import start_transform as start_transform_of
from records.fetch import FetchResult
from settings import Settings, Source
from transforms.limits import NO_LIMITS
from warehouse import LoadCounts, PageResult, Warehouse


@dataclass(frozen=True)
class RunWiring:
    """What differs between a run on one machine and a worker's run."""

    # told how many URLs are queued so far, so the transform workers start during discovery
    discover: Callable[[Fetcher, FoundSoFar], Discovery]
    plan: Callable[[Discovery], list[FetchRequest]]
    crawl_state: Callable[[], AbstractContextManager[Warehouse | None]]
    # one batch of pages, with the run's discovery on the first (its links and watermarks go
    # with the first batch, so the next run may skip them only once they are stored)
    deliver: Callable[[list[PageResult], Discovery | None], LoadCounts]


def run_in_order(
    settings: Settings,
    source: Source,
    fetcher: Fetcher,
    wiring: RunWiring,
    summary: SourceRunSummary,
    progress: steps.Progress | None = None,
) -> Discovery:
    """The run's steps in order, its counts and stage timings into `summary`; the discovery
    returned once every batch is delivered.

    New URLs are fetched as discovery finds them (a backfill's listing walk of hundreds of
    pages no longer leaves the fetch and the transform workers idle); the rest of the plan
    (changed URLs, due re-checks, known multi-page articles) once discovery is complete, whose
    links and watermarks go with the next batch delivered after it.
    """
    timer = StageTimer(summary)
    workers = WorkersOnDemand(settings)
    discovering = _DiscoveryAlongside(settings, source, fetcher, wiring, summary, timer, workers)

    def fetch_more_pages(more: list[FetchRequest]) -> list[FetchResult]:
        return fetcher.fetch_many(more, "article")

    def fetch(batch: list[FetchRequest]) -> list[FetchResult]:
        with timer.stage("fetch"):
            return fetcher.fetch_many(batch, "article")

    def start_transform(results: list[FetchResult]) -> PendingTransform:
        with timer.stage("transform"):
            # uncut: complete_articles cuts every article, a multi-page one once assembled
            return start_transform_of(settings, source, results, NO_LIMITS, workers.started)

    def finish_transform(pending: PendingTransform) -> list[PageResult]:
        with timer.stage("transform"):
            pages = pending.result()
        with timer.stage("fetch"):  # the other pages of multi-page articles
            return multi_page.complete_articles(
                wiring.crawl_state,
                fetch_more_pages,
                source,
                pages,
                resources.text_limits(settings),
            )

    delivered = 0
    try:
        stages = (fetch, start_transform, finish_transform)
        for pages in pipelined(discovering.batches(), stages):
            with timer.stage("load"):
                summary.counts.add(wiring.deliver(pages, discovering.take_complete()))
            delivered += len(pages)
            if progress is not None:
                progress("fetch", delivered, discovering.planned)
    finally:
        discovering.stop()
    pending_discovery = discovering.take_complete()
    if pending_discovery is not None:
        with timer.stage("load"):
            summary.counts.add(wiring.deliver([], pending_discovery))
    assert discovering.discovery is not None
    return discovering.discovery


class _DiscoveryStopped(Exception):
    """Raised inside discovery when the run stopped before it finished."""


class _DiscoveryAlongside:
    """Discovery in a thread of its own, its new URLs handed out in batches as they come."""

    def __init__(
        self,
        settings: Settings,
        source: Source,
        fetcher: Fetcher,
        wiring: RunWiring,
        summary: SourceRunSummary,
        timer: StageTimer,
        workers: WorkersOnDemand,
    ) -> None:
        self._settings, self._source, self._fetcher = settings, source, fetcher
        self._wiring, self._summary, self._timer, self._workers = wiring, summary, timer, workers
        self._growing: Discovery | None = None
        self._changed = threading.Condition()
        self._finished = False
        self._error: BaseException | None = None
        self._stopping = threading.Event()
        self._delivered = False
        self._thread: threading.Thread | None = None
        self.discovery: Discovery | None = None  # once complete
        self.planned: int | None = None  # requests in all, once known

    def _found(self, discovery: Discovery) -> None:
        if self._stopping.is_set():
            raise _DiscoveryStopped
        self._workers.found(len(discovery.new_urls) + len(discovery.changed_urls))
        with self._changed:
            self._growing = discovery
            self._changed.notify_all()

    def _discover(self) -> None:
        try:
            with self._timer.stage("discover"):
                discovery = self._wiring.discover(self._fetcher, self._found)
                steps.check_listing(self._source, discovery)
            self._summary.listing_pages = discovery.pages_read
            self._summary.discovered = len(discovery.new_urls)
            self.discovery = discovery
        except BaseException as error:  # noqa: BLE001 - raised in the run's thread
            self._error = error
        finally:
            with self._changed:
                self._finished = True
                self._changed.notify_all()

    def batches(self) -> Iterator[list[FetchRequest]]:
        """Batches of new URLs while discovery runs, then the rest of the plan."""
        size = max(1, self._settings.fetch_batch_size)
        self._thread = threading.Thread(
            target=contextvars.copy_context().run, args=(self._discover,), daemon=True
        )
        self._thread.start()
        sent: set[str] = set()
        taken = 0
        try:
            while True:
                with self._changed:
                    while not self._finished and (
                        self._growing is None or len(self._growing.new_urls) - taken < size
                    ):
                        self._changed.wait(0.1)
                    finished = self._finished
                    new_urls = self._growing.new_urls[taken:] if self._growing else []
                if self._stopping.is_set():
                    return
                if finished:
                    break
                batch, taken = new_urls[:size], taken + size
                planned = multi_page.plan_first_pages(
                    self._wiring.crawl_state, self._source, [FetchRequest(u) for u in batch]
                )
                sent.update(request.url for request in planned)
                yield planned
            if self._error is not None:
                raise self._error
            assert self.discovery is not None
            requests = multi_page.plan_first_pages(
                self._wiring.crawl_state, self._source, self._wiring.plan(self.discovery)
            )
            rest = [request for request in requests if request.url not in sent]
            self.planned = len(sent) + len(rest)
            self._workers.wanted_for(self.planned)
            yield from steps.batches(rest, size)
        finally:
            self._stopping.set()

    def take_complete(self) -> Discovery | None:
        """The complete discovery, the first time it is asked for after it completed."""
        if self.discovery is None or self._delivered or self.planned is None:
            return None
        self._delivered = True
        return self.discovery

    def stop(self) -> None:
        """Discovery stops at its next document (the run ended or failed before it did); a
        listing page still being fetched then is waited for as long as a stage would be."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=ABANDON_STAGE_AFTER_SECONDS)
