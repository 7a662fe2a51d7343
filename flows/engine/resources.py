"""What a run holds while its steps work: the run lock, the warehouse connection the steps share,
and fetchers with the settings' politeness and limits."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from fetch import discover as discovery_methods
from fetch.archive import WarcArchive
from fetch.http import Fetcher, FetchPolicy, crawl_state_for
from settings import Settings, Source
from transforms.limits import TextLimits
from warehouse import Warehouse

LOCK_FILE_NAME = ".newsetl-run.lock"
log = logging.getLogger("newsetl")


class RunLocked(RuntimeError):
    """Another newsetl run is writing to this data directory."""


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


@functools.lru_cache(maxsize=64)
def _session_key(path: Path) -> Path:
    """The warehouse file's real path, worked out once: every step's open asks for it."""
    return path.resolve()


@contextmanager
def warehouse_session(settings: Settings) -> Iterator[None]:
    """Keep the warehouse open for a whole run (or for all the sources of one): every step's
    `open_warehouse` then takes this connection, in turn, instead of opening the file again.

    Sources running at once share it: the one writer. The caller holds the run lock; readers
    of the file wait for the run (or read the Parquet marts).
    """
    key = _session_key(settings.warehouse_path)
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
    if _session_key(settings.warehouse_path) in _sessions:
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
    session = _sessions.get(_session_key(settings.warehouse_path))
    if session is None:
        with Warehouse.open(
            settings.warehouse_path, wait_seconds=settings.lock_timeout_seconds
        ) as warehouse:
            yield warehouse
        return
    with session.lock:
        yield session.warehouse


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
        max_meta_refresh_seconds=settings.max_meta_refresh_seconds,
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


def text_limits(settings: Settings) -> TextLimits:
    return TextLimits(settings.max_title_chars, settings.max_field_chars)
