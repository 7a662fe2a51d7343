"""The pipeline's steps as plain functions; `flows/` wraps them in Prefect tasks.

Each step takes and returns plain records, so it can be called (and tested) without Prefect.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from fetch import discover as discovery_methods
from fetch.discover import Discovery, DiscoveryFailed, DiscoveryWorkers
from fetch.http import Fetcher, FetchRequest
from flows.engine.page_transform import source_calendar_zone
from flows.engine.resources import (
    listing_limits,
    open_warehouse,
)
from flows.engine.source_summary import SourceRunSummary
from records.fetch import DiscoveredLink, FetchResult
from settings import Settings, Source, run_record
from warehouse import (
    LoadBatch,
    LoadCounts,
    PageResult,
    Warehouse,
    frontier,
    load_batch,
    runs,
)
from warehouse.export import PARQUET_DIR_NAME, export_marts
from warehouse.quality import CheckResult, run_checks
from warehouse.safety import mark_interrupted_runs

# A backfill saves its listing pages and cursor this often (see _UnsavedListingPages).
LISTING_PAGES_PER_SAVE = 10
LISTING_SAVE_SECONDS = 2.0

log = logging.getLogger("newsetl")


class ListingEmpty(RuntimeError):
    """The listing pages were read but held no article link: most likely a site redesign."""


def now_utc() -> datetime:
    return datetime.now(UTC)


Progress = Callable[[str, int, int | None], None]  # (stage, done, total if known)


def start_run(settings: Settings, source: Source, flow_run_id: str | None = None) -> str:
    with open_warehouse(settings) as warehouse:
        return runs.start_run(
            warehouse,
            source.name,
            flow_run_id=flow_run_id,
            started_at=now_utc(),
            settings=run_record(settings, source),  # the run's effective settings, with it
        )


def record_abandoned_runs(settings: Settings) -> list[str]:
    """Runs left `running`: by a process that was killed (called once as a command takes the
    run lock, before its own runs start), or by this command's source runs that did not stop
    in time when it was told to stop (blocked on a slow server). Recorded `interrupted`."""
    with open_warehouse(settings) as warehouse:
        return mark_interrupted_runs(warehouse, now_utc())


def discover(
    settings: Settings,
    source: Source,
    run_id: str,
    *,
    fetcher: Fetcher,
    backfill: bool = False,
    progress: Progress | None = None,
    workers: DiscoveryWorkers | None = None,
) -> Discovery:
    """Run the source's discovery methods with the run's `fetcher`. A backfill loads each listing page's links as it
    goes and keeps a cursor, so an interrupted backfill resumes where it stopped.

    The warehouse is taken only for each read or write, never while a page is fetched, so
    sources running at once share it."""

    read_once: dict[str, str | None] | None = None

    def url_states(urls: list[str]) -> dict[str, str | None]:
        nonlocal read_once
        if not backfill:
            with open_warehouse(settings) as warehouse:
                return frontier.url_states(warehouse, source.name, urls)
        # A backfill reads every listing page: the source's frontier is read once, not once a
        # page (a query a page took a third of the walk's time). The links it saves as it goes
        # are not in that read; the walk's own `seen` and `queued` already cover them.
        if read_once is None:
            with open_warehouse(settings) as warehouse:
                read_once = frontier.all_url_states(warehouse, source.name)
        return {url: read_once[url] for url in urls if url in read_once}

    def watermark_of(url: str) -> datetime | None:
        with open_warehouse(settings) as warehouse:
            return frontier.watermark(warehouse, source.name, url)

    def listing_start(start_url: str) -> str | None:
        with open_warehouse(settings) as warehouse:
            return frontier.open_cursor(warehouse, source.name, start_url, now_utc()).next_url

    def listing_gap(url: str) -> str | None:
        with open_warehouse(settings) as warehouse:
            return frontier.listing_gap(warehouse, source.name, url)

    unsaved = _UnsavedListingPages(settings, source, run_id)

    def on_listing_page(
        start_url: str,
        links: list[DiscoveredLink],
        responses: list[FetchResult],
        next_url: str | None,
    ) -> None:
        unsaved.add(start_url, links, responses, next_url)
        if progress is not None:
            progress("listing", unsaved.pages_read, None)

    try:
        try:
            return discovery_methods.discover(
                fetcher,
                source,
                url_states,
                backfill=backfill,
                watermark_of=watermark_of,
                listing_start=listing_start if backfill else None,
                on_listing_page=on_listing_page if backfill else None,
                listing_gap=listing_gap,
                limits=listing_limits(settings),
                workers=workers,
            )
        finally:
            unsaved.save()  # also when interrupted: the next backfill resumes after them
    except DiscoveryFailed as failed:
        batch = LoadBatch(listing_responses=failed.discovery.responses)
        with open_warehouse(settings) as warehouse:
            load_batch(warehouse, run_id, source.name, batch, now=now_utc())
        raise


class _UnsavedListingPages:
    """A backfill's listing pages read since the last save: their links, their responses and
    the cursor past them are saved in one transaction every LISTING_PAGES_PER_SAVE pages or
    LISTING_SAVE_SECONDS, whichever comes first, and when a walk or the discovery ends. A crash
    between saves costs the re-reading of those pages, never a link."""

    def __init__(self, settings: Settings, source: Source, run_id: str) -> None:
        self.settings, self.source, self.run_id = settings, source, run_id
        self.start_url: str | None = None
        self.next_url: str | None = None
        self.links: list[DiscoveredLink] = []
        self.responses: list[FetchResult] = []
        self.pages = 0
        self.pages_read = 0
        self.saved_at = time.monotonic()

    def add(
        self,
        start_url: str,
        links: list[DiscoveredLink],
        responses: list[FetchResult],
        next_url: str | None,
    ) -> None:
        if self.start_url not in (None, start_url):
            self.save()
        self.start_url, self.next_url = start_url, next_url
        self.links.extend(links)
        self.responses.extend(responses)
        self.pages += 1
        self.pages_read += 1
        due = time.monotonic() - self.saved_at >= LISTING_SAVE_SECONDS
        if next_url is None or due or self.pages >= LISTING_PAGES_PER_SAVE:
            self.save()

    def save(self) -> None:
        if self.start_url is None:
            return
        batch = LoadBatch(
            links=self.links,
            listing_responses=self.responses,
            timezone=source_calendar_zone(self.source),
            cursor_advance=(self.start_url, self.next_url),
        )
        self.start_url, self.links, self.responses, self.pages = None, [], [], 0
        with open_warehouse(self.settings) as warehouse:
            load_batch(warehouse, self.run_id, self.source.name, batch, now=now_utc())
        self.saved_at = time.monotonic()


def plan_fetches(
    settings: Settings, source: Source, discovery: Discovery, *, recheck_all: bool = False
) -> list[FetchRequest]:
    """New URLs first, then known ones a feed or sitemap says changed (conditional GETs), then
    URLs never fetched successfully, then re-checks that are due."""
    with open_warehouse(settings) as warehouse:
        return planned_requests(warehouse, settings, source, discovery, recheck_all=recheck_all)


def planned_requests(
    crawl_state: Warehouse | None,
    settings: Settings,
    source: Source,
    discovery: Discovery,
    *,
    recheck_all: bool = False,
) -> list[FetchRequest]:
    """The plan of `plan_fetches` from a given crawl state (None: nothing stored yet)."""
    if crawl_state is None:
        return fetch_requests(discovery, [], {})
    pending = frontier.pending_pages(
        crawl_state,
        source.name,
        now_utc(),
        settings.max_rechecks_per_run,
        recheck_all=recheck_all,
    )
    changed = frontier.validators(crawl_state, source.name, discovery.changed_urls)
    return fetch_requests(discovery, pending, changed)


def fetch_requests(
    discovery: Discovery,
    pending: list[frontier.PendingPage],
    validators: dict[str, tuple[str | None, str | None]],
) -> list[FetchRequest]:
    """One request per URL, in plan order, with the validators known for conditional GETs."""
    requests = {url: FetchRequest(url) for url in discovery.new_urls}
    for url in discovery.changed_urls:
        requests.setdefault(url, FetchRequest(url, *validators.get(url, (None, None))))
    for page in pending:
        requests.setdefault(page.url, FetchRequest(page.url, page.etag, page.last_modified))
    return list(requests.values())


def load_pages(
    settings: Settings,
    source: Source,
    run_id: str,
    pages: list[PageResult],
    discovery: Discovery | None = None,
    *,
    extractor_changes: bool = False,
) -> LoadCounts:
    batch = LoadBatch(
        links=discovery.links if discovery else [],
        listing_responses=discovery.responses if discovery else [],
        pages=pages,
        timezone=source_calendar_zone(source),
        changes_are_extractor_changes=extractor_changes,
    )
    with open_warehouse(settings) as warehouse:
        # the pages' truncations go into raw_truncations with the batch, in its transaction
        counts = load_batch(warehouse, run_id, source.name, batch, now=now_utc())
        for mark in discovery.watermarks if discovery else []:
            # only now that the entries are in the frontier may the next read skip them
            frontier.save_watermark(
                warehouse, source.name, mark.url, mark.kind, mark.newest, mark.entries, now_utc()
            )
        for start_url, failed_url in (discovery.listing_gaps if discovery else {}).items():
            frontier.save_listing_gap(warehouse, source.name, start_url, failed_url, now_utc())
    return counts


def finish_backfill(settings: Settings, source: Source) -> None:
    """A backfill run completed: its listing walks are done, the next backfill starts afresh."""
    with open_warehouse(settings) as warehouse:
        frontier.complete_cursors(warehouse, source.name, now_utc())


def finish_run(settings: Settings, summary: SourceRunSummary) -> None:
    with open_warehouse(settings) as warehouse:
        runs.finish_run(
            warehouse,
            summary.run_id,
            status=summary.status,
            finished_at=now_utc(),
            counts=summary.counts,
            listing_pages=summary.listing_pages,
            discovered=summary.discovered,
            error=summary.error,
            flow_run_id=summary.flow_run_id,
            stage_seconds=summary.stage_seconds,
        )


def record_flow_run_ids(settings: Settings, flow_run_ids: dict[str, str]) -> None:
    """After the control plane closed: link the run rows to the flow runs it created."""
    if not flow_run_ids:
        return
    with open_warehouse(settings) as warehouse:
        runs.record_flow_run_ids(warehouse, flow_run_ids)


def check_listing(source: Source, discovery: Discovery) -> None:
    """Fail the run when listing pages were read but held no article link (a redesign)."""
    if discovery.listing_pages_read and not discovery.listing_links_seen:
        raise ListingEmpty(
            f"{discovery.listing_pages_read} listing page(s) of {source.name} held no link "
            f"matching {source.article_url_pattern!r}: has the site been redesigned?"
        )


def check_and_export(settings: Settings, summary: SourceRunSummary) -> list[CheckResult]:
    """After a successful run: data-quality checks on what it loaded; the Parquet marts too
    when `parquet_after_each_run` (otherwise they are exported on demand, see warehouse.export)."""
    with open_warehouse(settings) as warehouse:
        results = run_checks(warehouse, summary.run_id, summary.source, now_utc())
        if settings.parquet_after_each_run:
            export_marts(warehouse, settings.data_dir / PARQUET_DIR_NAME)
    return results


def batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]
