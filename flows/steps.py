"""The pipeline's steps as plain functions; `flows/` wraps them in Prefect tasks.

Each step takes and returns plain records, so it can be called (and tested) without Prefect.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from fetch import discover as discovery_methods
from fetch.archive import WarcArchive
from fetch.discover import Discovery, DiscoveryFailed
from fetch.http import Fetcher, FetchPolicy, FetchRequest, crawl_state_for
from newsetl.settings import Settings, Source
from records.article import NotAnArticle
from records.fetch import DiscoveredLink, FetchResult
from transforms.decode import decode_html
from transforms.extract import extract_article
from transforms.limits import TextLimits, cap_text_fields
from warehouse import (
    LoadBatch,
    LoadCounts,
    PageResult,
    Warehouse,
    frontier,
    load_batch,
    runs,
)
from warehouse.export import export_marts
from warehouse.quality import CheckResult, run_checks
from warehouse.safety import mark_interrupted_runs, record_truncations

LOCK_FILE_NAME = ".newsetl-run.lock"
PARQUET_DIR_NAME = "parquet"
log = logging.getLogger("newsetl")


class RunLocked(RuntimeError):
    """Another newsetl run is writing to this data directory."""


class ListingEmpty(RuntimeError):
    """The listing pages were read but held no article link: most likely a site redesign."""


@dataclass
class SourceRunSummary:
    source: str
    run_id: str
    status: str = "running"
    listing_pages: int = 0
    discovered: int = 0
    counts: LoadCounts = field(default_factory=LoadCounts)
    error: str | None = None
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def as_row(self) -> dict[str, object]:
        return {
            "source": self.source,
            "status": self.status,
            "listing_pages": self.listing_pages,
            "discovered": self.discovered,
            **self.counts.__dict__,
            "seconds": round(self.seconds, 2),
            "error": self.error or "",
        }


def now_utc() -> datetime:
    return datetime.now(UTC)


@contextmanager
def run_lock(settings: Settings, *, wait_seconds: float | None = None) -> Iterator[None]:
    """Serialise runs on one data directory; DuckDB allows a single writer."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    wait = settings.lock_timeout_seconds if wait_seconds is None else wait_seconds
    lock = FileLock(str(settings.data_dir / LOCK_FILE_NAME))
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            log.warning(
                "another newsetl run is writing to %s; waiting up to %.0f s for it to finish",
                settings.data_dir,
                wait,
            )
            lock.acquire(timeout=wait)
    except Timeout:
        raise RunLocked(
            f"another newsetl run is writing to {settings.data_dir} (waited {wait:.0f} s); "
            "it will finish on its own, try again after it"
        ) from None
    try:
        yield
    finally:
        lock.release()


class _WarehouseSession:
    """One open connection shared by the steps of a run, used by one thread at a time."""

    def __init__(self, warehouse: Warehouse) -> None:
        self.warehouse = warehouse
        self.lock = threading.RLock()


_sessions: dict[Path, _WarehouseSession] = {}


@contextmanager
def warehouse_session(settings: Settings) -> Iterator[None]:
    """Keep the warehouse open for a whole run (or for all the sources of one): every step's
    `open_warehouse` then takes this connection, in turn, instead of opening the file again.

    Sources running at once share it: the one writer. The caller holds the run lock; readers
    of the file wait for the run (or read the Parquet marts).
    """
    key = settings.warehouse_path.resolve()
    if key in _sessions:
        yield
        return
    with Warehouse.open(
        settings.warehouse_path, wait_seconds=settings.lock_timeout_seconds
    ) as warehouse:
        _sessions[key] = _WarehouseSession(warehouse)
        try:
            yield
        finally:
            del _sessions[key]


@contextmanager
def read_warehouse(settings: Settings) -> Iterator[Warehouse]:
    """The run's shared connection when one is open in this process, else the file read-only
    (a second connection to a file this process holds for writing is refused by DuckDB)."""
    if settings.warehouse_path.resolve() in _sessions:
        with open_warehouse(settings) as warehouse:
            yield warehouse
        return
    with Warehouse.open(
        settings.warehouse_path, read_only=True, wait_seconds=settings.lock_timeout_seconds
    ) as warehouse:
        yield warehouse


@contextmanager
def open_warehouse(settings: Settings) -> Iterator[Warehouse]:
    """The run's shared connection (held by this thread until the block ends), else the file
    opened for this block alone."""
    session = _sessions.get(settings.warehouse_path.resolve())
    if session is None:
        with Warehouse.open(
            settings.warehouse_path, wait_seconds=settings.lock_timeout_seconds
        ) as warehouse:
            yield warehouse
        return
    with session.lock:
        yield session.warehouse


Progress = Callable[[str, int, int | None], None]  # (stage, done, total if known)


def fetch_policy(settings: Settings, source: Source | None = None) -> FetchPolicy:
    """The settings' politeness, unless the source sets its own (the loopback demo does)."""
    in_flight = getattr(source, "max_in_flight", None)
    delay = getattr(source, "per_host_delay_seconds", None)
    return FetchPolicy(
        user_agent=settings.user_agent,
        timeout_seconds=settings.request_timeout_seconds,
        connect_timeout_seconds=settings.connect_timeout_seconds,
        max_attempts=settings.max_attempts,
        backoff_seconds=settings.retry_backoff_seconds,
        max_in_flight=settings.max_in_flight if in_flight is None else in_flight,
        per_host_delay_seconds=settings.per_host_delay_seconds if delay is None else delay,
        max_body_bytes=settings.max_body_bytes,
        max_body_seconds=settings.max_body_seconds,
        max_redirects=settings.max_redirects,
        max_retry_after_seconds=settings.max_retry_after_seconds,
        respect_robots=source.respect_robots if source else True,
    )


def listing_limits(settings: Settings) -> discovery_methods.ListingLimits:
    return discovery_methods.ListingLimits(
        backfill_max_listing_pages=settings.backfill_max_listing_pages,
        listing_stall_pages=settings.listing_stall_pages,
    )


def make_fetcher(settings: Settings, source: Source, run_id: str) -> Fetcher:
    """A fetcher limited to the source's origins, sharing robots rules and pace with its run."""
    archive = WarcArchive(settings.raw_dir, source.name, run_id)
    return Fetcher(fetch_policy(settings, source), archive, source.origins, crawl_state_for(run_id))


def start_run(settings: Settings, source: Source, flow_run_id: str | None = None) -> str:
    with open_warehouse(settings) as warehouse:
        mark_interrupted_runs(warehouse, now_utc())  # the caller holds the run lock
        return runs.start_run(warehouse, source.name, flow_run_id=flow_run_id, started_at=now_utc())


def discover(
    settings: Settings,
    source: Source,
    run_id: str,
    *,
    backfill: bool = False,
    progress: Progress | None = None,
) -> Discovery:
    """Run the source's discovery methods. A backfill loads each listing page's links as it
    goes and keeps a cursor, so an interrupted backfill resumes where it stopped.

    The warehouse is taken only for each read or write, never while a page is fetched, so
    sources running at once share it."""

    def url_states(urls: list[str]) -> dict[str, str | None]:
        with open_warehouse(settings) as warehouse:
            return frontier.url_states(warehouse, source.name, urls)

    def watermark_of(url: str) -> datetime | None:
        with open_warehouse(settings) as warehouse:
            return frontier.watermark(warehouse, source.name, url)

    def listing_start(start_url: str) -> str | None:
        with open_warehouse(settings) as warehouse:
            return frontier.open_cursor(warehouse, source.name, start_url, now_utc()).next_url

    def listing_gap(url: str) -> str | None:
        with open_warehouse(settings) as warehouse:
            return frontier.listing_gap(warehouse, source.name, url)

    pages_done = 0

    def on_listing_page(
        start_url: str,
        links: list[DiscoveredLink],
        responses: list[FetchResult],
        next_url: str | None,
    ) -> None:
        nonlocal pages_done
        batch = LoadBatch(
            links=links,
            listing_responses=responses,
            timezone=source.timezone,
            cursor_advance=(start_url, next_url),
        )
        with open_warehouse(settings) as warehouse:
            load_batch(warehouse, run_id, source.name, batch, now=now_utc())
        pages_done += 1
        if progress is not None:
            progress("listing", pages_done, None)

    with make_fetcher(settings, source, run_id) as fetcher:
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
            )
        except DiscoveryFailed as failed:
            batch = LoadBatch(listing_responses=failed.discovery.responses)
            with open_warehouse(settings) as warehouse:
                load_batch(warehouse, run_id, source.name, batch, now=now_utc())
            raise


def plan_fetches(
    settings: Settings, source: Source, discovery: Discovery, *, recheck_all: bool = False
) -> list[FetchRequest]:
    """New URLs first, then known ones a feed or sitemap says changed (conditional GETs), then
    URLs never fetched successfully, then re-checks that are due."""
    with open_warehouse(settings) as warehouse:
        pending = frontier.pending_pages(
            warehouse,
            source.name,
            now_utc(),
            settings.max_rechecks_per_run,
            recheck_all=recheck_all,
        )
        changed = frontier.validators(warehouse, source.name, discovery.changed_urls)
    requests = {url: FetchRequest(url) for url in discovery.new_urls}
    for url in discovery.changed_urls:
        requests.setdefault(url, FetchRequest(url, *changed.get(url, (None, None))))
    for page in pending:
        requests.setdefault(page.url, FetchRequest(page.url, page.etag, page.last_modified))
    return list(requests.values())


def fetch_pages(
    settings: Settings, source: Source, run_id: str, requests: list[FetchRequest]
) -> list[FetchResult]:
    with make_fetcher(settings, source, run_id) as fetcher:
        return fetcher.fetch_many(requests, "article")


def text_limits(settings: Settings) -> TextLimits:
    return TextLimits(settings.max_title_chars, settings.max_field_chars)


def transform_pages(
    source: Source, results: list[FetchResult], limits: TextLimits | None = None
) -> list[PageResult]:
    """Decode and extract every fetched body; a page that fails becomes a rejection, never a crash.

    Over-long text fields are cut here, the one place before load, and the cuts kept on the page.
    """
    limits = limits or TextLimits()
    pages: list[PageResult] = []
    for result in results:
        page = PageResult(result)
        if result.outcome == "fetched" and result.body is not None:
            try:
                html, result.replaced_chars = decode_html(result.body, result.content_type)
                article = extract_article(
                    html, result.url, profile=source.profile, default_timezone=source.timezone
                )
                page.article, page.truncations = cap_text_fields(article, limits)
            except NotAnArticle as rejection:
                page.rejection = rejection
            except Exception as error:  # noqa: BLE001 - any extractor bug must quarantine, not crash
                page.rejection = NotAnArticle("extractor_error", f"{type(error).__name__}: {error}")
        pages.append(page)
    return pages


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
        timezone=source.timezone,
        changes_are_extractor_changes=extractor_changes,
    )
    with open_warehouse(settings) as warehouse:
        counts = load_batch(warehouse, run_id, source.name, batch, now=now_utc())
        cuts = [(page.fetch.url, cut) for page in pages for cut in page.truncations]
        record_truncations(warehouse, source.name, run_id, cuts, now_utc())
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
        )


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


class StageTimer:
    def __init__(self, summary: SourceRunSummary) -> None:
        self.summary = summary

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.summary.stage_seconds[name] = (
                self.summary.stage_seconds.get(name, 0.0) + time.perf_counter() - started
            )
