"""The order of one source run, written once: discover, plan, then each batch fetched,
transformed (on every core when the run is large) and delivered, the stages overlapping.

Where the run reads its crawl state and where its batches go is the caller's (`RunWiring`):
a run on one machine reads and writes the warehouse (`flows/engine/source_run.py`); a worker
reads the last committed state and fills a load package (`flows/scale_out/loader.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from fetch.discover import Discovery, DiscoveryWorkers
from fetch.http import Fetcher, FetchRequest
from flows.engine import pages as multi_page
from flows.engine import resources, steps
from flows.engine.source_summary import SourceRunSummary, StageTimer
from flows.engine.stages import pipelined
from flows.engine.transform_pool import PendingTransform, WorkersOnDemand
from flows.engine.transform_pool import start_transform as start_transform_of
from records.fetch import FetchResult
from settings import Settings, Source
from transforms.limits import NO_LIMITS
from warehouse import LoadCounts, PageResult, Warehouse


@dataclass(frozen=True)
class RunWiring:
    """What differs between a run on one machine and a worker's run."""

    # the transform workers: started during discovery once it has queued enough URLs, and
    # parsing the listing pages fetched ahead once they are up
    discover: Callable[[Fetcher, DiscoveryWorkers], Discovery]
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
    returned once every batch is delivered."""
    timer = StageTimer(summary)

    def fetch_more_pages(more: list[FetchRequest]) -> list[FetchResult]:
        return fetcher.fetch_many(more, "article")

    workers = WorkersOnDemand(settings)
    with timer.stage("discover"):
        discovery = wiring.discover(fetcher, workers)
        steps.check_listing(source, discovery)
        requests = multi_page.plan_first_pages(wiring.crawl_state, source, wiring.plan(discovery))
    summary.listing_pages = discovery.pages_read
    summary.discovered = len(discovery.new_urls)
    parallel_transform = workers.wanted_for(len(requests))

    def fetch(batch: list[FetchRequest]) -> list[FetchResult]:
        with timer.stage("fetch"):
            return fetcher.fetch_many(batch, "article")

    def start_transform(results: list[FetchResult]) -> PendingTransform:
        with timer.stage("transform"):
            # uncut: complete_articles cuts every article, a multi-page one once assembled
            return start_transform_of(settings, source, results, NO_LIMITS, parallel_transform)

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

    pending_discovery: Discovery | None = discovery
    delivered = 0
    batches = steps.batches(requests, settings.fetch_batch_size)
    for pages in pipelined(batches, (fetch, start_transform, finish_transform)):
        with timer.stage("load"):
            summary.counts.add(wiring.deliver(pages, pending_discovery))
        pending_discovery = None
        delivered += len(pages)
        if progress is not None:
            progress("fetch", delivered, len(requests))
    if pending_discovery is not None:
        with timer.stage("load"):
            summary.counts.add(wiring.deliver([], pending_discovery))
    return discovery
