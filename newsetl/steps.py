"""The pipeline's steps as plain functions; `flows/` wraps them in Prefect tasks.

Each step takes and returns plain records, so it can be called (and tested) without Prefect.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from filelock import FileLock, Timeout

from newsetl.extract.archive import WarcArchive
from newsetl.extract.discover import Discovery, discover_from_listings
from newsetl.extract.http import Fetcher, FetchPolicy, FetchRequest
from newsetl.extract.records import FetchResult
from newsetl.settings import Settings, Source
from transforms.decode import decode_html
from transforms.extract import extract_article
from transforms.records import NotAnArticle
from warehouse.store import LoadBatch, LoadCounts, PageResult, Warehouse

LOCK_FILE_NAME = ".newsetl-run.lock"


class RunLocked(RuntimeError):
    """Another newsetl run is writing to this data directory."""


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


def open_warehouse(settings: Settings):  # noqa: ANN201 - a context manager of Warehouse
    return Warehouse.open(settings.warehouse_path, wait_seconds=settings.lock_timeout_seconds)


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(
        user_agent=settings.user_agent,
        timeout_seconds=settings.request_timeout_seconds,
        connect_timeout_seconds=settings.connect_timeout_seconds,
        max_attempts=settings.max_attempts,
        backoff_seconds=settings.retry_backoff_seconds,
        max_in_flight=settings.max_in_flight,
        per_host_delay_seconds=settings.per_host_delay_seconds,
    )


def make_fetcher(settings: Settings, source: Source, run_id: str) -> Fetcher:
    hosts = {urlsplit(source.base_url).hostname or ""} | {
        urlsplit(u).hostname or "" for u in source.listing_urls
    }
    archive = WarcArchive(settings.raw_dir, source.name, run_id)
    return Fetcher(fetch_policy(settings), archive, hosts)


def start_run(settings: Settings, source: Source, flow_run_id: str | None = None) -> str:
    with open_warehouse(settings) as warehouse:
        return warehouse.start_run(source.name, flow_run_id=flow_run_id, started_at=now_utc())


def discover(
    settings: Settings, source: Source, run_id: str, *, backfill: bool = False
) -> Discovery:
    with open_warehouse(settings) as warehouse:

        def known_urls(urls: list[str]) -> set[str]:
            return warehouse.known_urls(source.name, urls)

        with make_fetcher(settings, source, run_id) as fetcher:
            return discover_from_listings(fetcher, source, known_urls, backfill=backfill)


def plan_fetches(
    settings: Settings, source: Source, discovery: Discovery, *, recheck_all: bool = False
) -> list[FetchRequest]:
    """New URLs first, then URLs never fetched successfully, then re-checks that are due."""
    with open_warehouse(settings) as warehouse:
        pending = warehouse.pending_pages(
            source.name, now_utc(), settings.max_rechecks_per_run, recheck_all=recheck_all
        )
    requests = {url: FetchRequest(url) for url in discovery.new_urls}
    for page in pending:
        requests.setdefault(page.url, FetchRequest(page.url, page.etag, page.last_modified))
    return list(requests.values())


def fetch_pages(
    settings: Settings, source: Source, run_id: str, requests: list[FetchRequest]
) -> list[FetchResult]:
    with make_fetcher(settings, source, run_id) as fetcher:
        return fetcher.fetch_many(requests, "article")


def transform_pages(source: Source, results: list[FetchResult]) -> list[PageResult]:
    """Decode and extract every fetched body; a page that fails becomes a rejection, never a crash."""
    pages: list[PageResult] = []
    for result in results:
        page = PageResult(result)
        if result.outcome == "fetched" and result.body is not None:
            try:
                html, _ = decode_html(result.body, result.content_type)
                page.article = extract_article(
                    html, result.url, profile=source.profile, default_timezone=source.timezone
                )
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
        return warehouse.load_batch(run_id, source.name, batch, now=now_utc())


def finish_run(settings: Settings, summary: SourceRunSummary) -> None:
    with open_warehouse(settings) as warehouse:
        warehouse.finish_run(
            summary.run_id,
            status=summary.status,
            finished_at=now_utc(),
            counts=summary.counts,
            listing_pages=summary.listing_pages,
            discovered=summary.discovered,
            error=summary.error,
        )


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
