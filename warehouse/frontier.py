"""Crawl state beside the frontier: URL states for discovery, backfill cursors, sitemap and feed
watermarks, and when a failed URL is tried again. Functions take a Warehouse."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from warehouse.connection import Warehouse

BACKFILL_LISTING = "backfill_listing"
LISTING_GAP = "listing_gap"
# Failures the next run should simply try again; the others wait, growing with each failure.
TRANSIENT_OUTCOMES = {"network_error", "http_error"}
# A URL that hangs or drips costs a whole time budget: once is bad luck, twice in a row backs off.
TIMEOUT_OUTCOME = "timeout"
PERMANENT_RETRY_BASE = timedelta(hours=6)
PERMANENT_RETRY_MAX = timedelta(days=7)
RECHECK_INTERVALS = (
    (timedelta(days=1), timedelta(hours=1)),
    (timedelta(days=7), timedelta(days=1)),
    (timedelta(days=30), timedelta(days=7)),
)
RECHECK_AFTER_A_MONTH = timedelta(days=30)


def next_check_after_failure(outcome: str, failures: int, now: datetime) -> datetime:
    """Transient failures are due again at once (the next run); refusals (robots, too large,
    off-site redirect, bad type or XML) back off 6 h, 12 h, ... up to a week, and so do
    timeouts from the second in a row on. Never dropped. `failures`: those before this one."""
    if outcome in TRANSIENT_OUTCOMES or outcome == "gone":
        return now
    if outcome == TIMEOUT_OUTCOME:
        if failures == 0:
            return now
        failures -= 1
    return now + min(PERMANENT_RETRY_BASE * (2 ** max(0, failures)), PERMANENT_RETRY_MAX)


def next_check_after(fetched_at: datetime, published_at: datetime | None) -> datetime:
    """Re-check young articles often (1 h, 1 day, 1 week), older ones monthly."""
    age = fetched_at - published_at if published_at else RECHECK_AFTER_A_MONTH
    for younger_than, interval in RECHECK_INTERVALS:
        if age < younger_than:
            return fetched_at + interval
    return fetched_at + RECHECK_AFTER_A_MONTH


@dataclass(frozen=True)
class PendingPage:
    url: str
    etag: str | None = None
    last_modified: str | None = None


def known_urls(warehouse: Warehouse, source: str, urls: Iterable[str]) -> set[str]:
    urls = list(dict.fromkeys(urls))
    if not urls:
        return set()
    rows = warehouse.connection.execute(
        "SELECT url FROM frontier WHERE source = ? AND list_contains(?, url)", [source, urls]
    ).fetchall()
    return {row[0] for row in rows}


def pending_pages(
    warehouse: Warehouse,
    source: str,
    now: datetime,
    recheck_limit: int,
    *,
    recheck_all: bool = False,
) -> list[PendingPage]:
    """URLs never fetched successfully (all of them), then re-checks that are due (bounded)."""
    never = warehouse.connection.execute(
        "SELECT url FROM frontier WHERE source = ? AND last_fetched_at IS NULL "
        "AND coalesce(last_outcome, '') <> 'gone' AND coalesce(next_check_at <= ?, true) "
        "ORDER BY first_seen_at, url",
        [source, now],
    ).fetchall()
    due_filter = "" if recheck_all else "AND next_check_at <= ?"
    parameters: list[Any] = [source] + ([] if recheck_all else [now]) + [recheck_limit]
    due = warehouse.connection.execute(
        "SELECT url, etag, last_modified FROM frontier WHERE source = ? "
        f"AND last_fetched_at IS NOT NULL AND coalesce(last_outcome, '') <> 'gone' {due_filter} "
        "ORDER BY next_check_at, url LIMIT ?",
        parameters,
    ).fetchall()
    return [PendingPage(row[0]) for row in never] + [PendingPage(*row) for row in due]


def url_states(warehouse: Warehouse, source: str, urls: Iterable[str]) -> dict[str, str | None]:
    """For each URL already in the frontier: its last outcome (None if never fetched)."""
    urls = list(dict.fromkeys(urls))
    if not urls:
        return {}
    rows = warehouse.connection.execute(
        "SELECT url, last_outcome FROM frontier WHERE source = ? AND list_contains(?, url)",
        [source, urls],
    ).fetchall()
    return {row[0]: row[1] for row in rows}


def all_url_states(warehouse: Warehouse, source: str) -> dict[str, str | None]:
    """`url_states` of every URL of the source in the frontier."""
    rows = warehouse.connection.execute(
        "SELECT url, last_outcome FROM frontier WHERE source = ?", [source]
    ).fetchall()
    return dict(rows)


# -- backfill cursors ------------------------------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    start_url: str
    next_url: str | None
    pages_done: int
    walked: bool
    completed: bool


def open_cursor(warehouse: Warehouse, source: str, start_url: str, now: datetime) -> Cursor:
    """The unfinished backfill walk of this listing, or a fresh one from its first page."""
    row = warehouse.connection.execute(
        "SELECT next_url, pages_done, walked_at IS NOT NULL, completed_at IS NOT NULL "
        "FROM crawl_cursors WHERE source = ? AND cursor_kind = ? AND cursor_key = ?",
        [source, BACKFILL_LISTING, start_url],
    ).fetchone()
    if row is not None and not row[3]:
        return Cursor(start_url, row[0], row[1], row[2], False)
    warehouse.connection.execute(
        "INSERT OR REPLACE INTO crawl_cursors (source, cursor_kind, cursor_key, next_url, "
        "pages_done, started_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
        [source, BACKFILL_LISTING, start_url, start_url, now, now],
    )
    return Cursor(start_url, start_url, 0, False, False)


def advance_cursor(
    warehouse: Warehouse, source: str, start_url: str, next_url: str | None, now: datetime
) -> None:
    """One more listing page read (its links already loaded); `next_url` None: walk ended."""
    warehouse.connection.execute(
        "UPDATE crawl_cursors SET next_url = ?, pages_done = pages_done + 1, updated_at = ?, "
        "walked_at = CASE WHEN ? IS NULL THEN ? ELSE walked_at END "
        "WHERE source = ? AND cursor_kind = ? AND cursor_key = ?",
        [next_url, now, next_url, now, source, BACKFILL_LISTING, start_url],
    )


def complete_cursors(warehouse: Warehouse, source: str, now: datetime) -> int:
    """Mark walked backfills of `source` complete (called once their pages were fetched)."""
    rows = warehouse.connection.execute(
        "UPDATE crawl_cursors SET completed_at = ?, updated_at = ? WHERE source = ? "
        "AND cursor_kind = ? AND walked_at IS NOT NULL AND completed_at IS NULL RETURNING 1",
        [now, now, source, BACKFILL_LISTING],
    ).fetchall()
    return len(rows)


def reset_cursors(warehouse: Warehouse, source: str) -> None:
    warehouse.connection.execute(
        "DELETE FROM crawl_cursors WHERE source = ? AND cursor_kind = ?",
        [source, BACKFILL_LISTING],
    )


def listing_gap(warehouse: Warehouse, source: str, start_url: str) -> str | None:
    """The listing page an earlier normal run failed on, not yet walked past."""
    row = warehouse.connection.execute(
        "SELECT next_url FROM crawl_cursors WHERE source = ? AND cursor_kind = ? "
        "AND cursor_key = ?",
        [source, LISTING_GAP, start_url],
    ).fetchone()
    return row[0] if row else None


def save_listing_gap(
    warehouse: Warehouse, source: str, start_url: str, failed_url: str | None, now: datetime
) -> None:
    if failed_url is None:
        warehouse.connection.execute(
            "DELETE FROM crawl_cursors WHERE source = ? AND cursor_kind = ? AND cursor_key = ?",
            [source, LISTING_GAP, start_url],
        )
        return
    warehouse.connection.execute(
        "INSERT OR REPLACE INTO crawl_cursors (source, cursor_kind, cursor_key, next_url, "
        "started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        [source, LISTING_GAP, start_url, failed_url, now, now],
    )


# -- feed and sitemap watermarks -------------------------------------------------------------


def watermark(warehouse: Warehouse, source: str, url: str) -> datetime | None:
    """The newest lastmod seen in this document at its last successful read, if any."""
    row = warehouse.connection.execute(
        "SELECT lastmod_watermark FROM discovery_documents WHERE source = ? AND url = ?",
        [source, url],
    ).fetchone()
    return row[0] if row else None


def save_watermark(
    warehouse: Warehouse,
    source: str,
    url: str,
    kind: str,
    newest: datetime | None,
    entries: int,
    now: datetime,
) -> None:
    warehouse.connection.execute(
        "INSERT INTO discovery_documents (source, url, kind, last_success_at, lastmod_watermark, "
        "entries) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, url) DO UPDATE SET "
        "last_success_at = excluded.last_success_at, entries = excluded.entries, "
        "lastmod_watermark = greatest(coalesce(lastmod_watermark, excluded.lastmod_watermark), "
        "coalesce(excluded.lastmod_watermark, lastmod_watermark))",
        [source, url, kind, now, newest, entries],
    )


def validators(
    warehouse: Warehouse, source: str, urls: Iterable[str]
) -> dict[str, tuple[str | None, str | None]]:
    """ETag and Last-Modified last seen for each URL, for conditional GETs."""
    urls = list(dict.fromkeys(urls))
    if not urls:
        return {}
    rows = warehouse.connection.execute(
        "SELECT url, etag, last_modified FROM frontier WHERE source = ? AND list_contains(?, url)",
        [source, urls],
    ).fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


def first_pages(warehouse: Warehouse, source: str, urls: Iterable[str]) -> dict[str, str]:
    """The first page of each of `urls` that is a later page of a multi-page article."""
    urls = list(dict.fromkeys(urls))
    if not urls:
        return {}
    rows = warehouse.connection.execute(
        "SELECT url, first_page_url FROM frontier WHERE source = ? AND list_contains(?, url) "
        "AND first_page_url IS NOT NULL AND first_page_url <> url",
        [source, urls],
    ).fetchall()
    return dict(rows)


def continuation_pages(
    warehouse: Warehouse, source: str, first_page_urls: Iterable[str]
) -> dict[str, list[str]]:
    """The later pages recorded for each first page, in URL order."""
    first_page_urls = list(dict.fromkeys(first_page_urls))
    if not first_page_urls:
        return {}
    rows = warehouse.connection.execute(
        "SELECT first_page_url, url FROM frontier WHERE source = ? "
        "AND list_contains(?, first_page_url) AND url <> first_page_url ORDER BY url",
        [source, first_page_urls],
    ).fetchall()
    pages: dict[str, list[str]] = {}
    for first, url in rows:
        pages.setdefault(first, []).append(url)
    return pages
