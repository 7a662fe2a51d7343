"""Writes for the safety features: truncated fields, skipped archive records, interrupted runs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from records.page import ReprocessError

if TYPE_CHECKING:
    from transforms.limits import Truncation
    from warehouse.connection import Warehouse

INTERRUPTED = "interrupted"


def record_truncations(
    warehouse: Warehouse,
    source: str,
    run_id: str,
    cuts: Iterable[tuple[str, Truncation]],
    now: datetime,
) -> int:
    """Keep one row per (url, field) cut to its limit; returns how many."""
    rows = [
        (source, run_id, url, cut.field, cut.original_chars, cut.kept_chars, now)
        for url, cut in cuts
    ]
    if rows:
        warehouse.connection.executemany(
            "INSERT INTO raw_truncations (source, run_id, url, field, original_chars, "
            "kept_chars, truncated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)


def record_reprocess_errors(
    warehouse: Warehouse, source: str, run_id: str, errors: Iterable[ReprocessError], now: datetime
) -> None:
    rows = [
        (run_id, source, e.response_id, e.url, e.warc_file, e.warc_offset, e.reason, now)
        for e in errors
    ]
    if rows:
        warehouse.connection.executemany(
            "INSERT INTO reprocess_errors (run_id, source, response_id, url, warc_file, "
            "warc_offset, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def mark_interrupted_runs(warehouse: Warehouse, now: datetime) -> list[str]:
    """Runs still `running` although nobody holds the run lock: they were killed. Call only
    while holding the run lock, so no live run is among them. Returns their run ids."""
    rows = warehouse.connection.execute(
        "UPDATE runs SET status = ?, finished_at = coalesce(finished_at, ?), "
        "error = coalesce(error, 'interrupted: the process ended before the run finished') "
        "WHERE status = 'running' RETURNING run_id",
        [INTERRUPTED, now],
    ).fetchall()
    return sorted(row[0] for row in rows)
