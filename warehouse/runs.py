"""Run bookkeeping: a `runs` row opened at the start of a source run and closed at its end."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from warehouse.connection import Warehouse

if TYPE_CHECKING:
    from warehouse.load import LoadCounts


def start_run(
    warehouse: Warehouse, source: str, *, flow_run_id: str | None = None, started_at: datetime
) -> str:
    run_id = f"{started_at:%Y%m%dT%H%M%S}-{source}-{uuid.uuid4().hex[:8]}"
    warehouse.connection.execute(
        "INSERT INTO runs (run_id, source, flow_run_id, started_at, status) VALUES (?, ?, ?, ?, 'running')",
        [run_id, source, flow_run_id, started_at],
    )
    return run_id


def finish_run(
    warehouse: Warehouse,
    run_id: str,
    *,
    status: str,
    finished_at: datetime,
    counts: LoadCounts,
    listing_pages: int = 0,
    discovered: int = 0,
    error: str | None = None,
    flow_run_id: str | None = None,
    stage_seconds: dict[str, float] | None = None,
) -> None:
    """Close the run row; its `profile_misses` of `pages_extracted` feed the profile-drift flag.
    `flow_run_id` fills in the orchestrator's id when it was not known at the start."""
    stages = json.dumps({k: round(v, 3) for k, v in (stage_seconds or {}).items()})
    warehouse.connection.execute(
        "UPDATE runs SET status = ?, finished_at = ?, listing_pages = ?, discovered = ?, fetched = ?, "
        "unchanged = ?, new_articles = ?, new_versions = ?, deletions = ?, quarantined = ?, failed = ?, "
        "error = ?, pages_extracted = ?, profile_misses = ?, "
        "flow_run_id = coalesce(flow_run_id, ?), stage_seconds = ? WHERE run_id = ?",
        [
            status, finished_at, listing_pages, discovered, counts.fetched, counts.unchanged,
            counts.new_articles, counts.new_versions, counts.deletions, counts.quarantined,
            counts.failed, error, counts.pages_extracted, counts.profile_misses, flow_run_id,
            stages, run_id,
        ],
    )  # fmt: skip


def record_flow_run_ids(warehouse: Warehouse, flow_run_ids: dict[str, str]) -> None:
    """The orchestrator's ids of runs that finished before it answered (never overwrites)."""
    for run_id, flow_run_id in flow_run_ids.items():
        warehouse.connection.execute(
            "UPDATE runs SET flow_run_id = coalesce(flow_run_id, ?) WHERE run_id = ?",
            [flow_run_id, run_id],
        )
