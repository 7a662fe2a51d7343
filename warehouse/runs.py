"""Run bookkeeping: a `runs` row opened at the start of a source run and closed at its end, and
the rows of runs that never closed themselves (crashed, abandoned)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from warehouse.connection import Warehouse

if TYPE_CHECKING:
    from warehouse.load import LoadCounts

# the counts a run row keeps, in LoadCounts' names (listing_pages and discovered are the run's)
RUN_COUNT_COLUMNS = (
    "fetched", "unchanged", "new_articles", "new_versions", "deletions", "quarantined", "failed",
    "incomplete", "pages_extracted", "profile_misses",
)  # fmt: skip


def start_run(
    warehouse: Warehouse,
    source: str,
    *,
    flow_run_id: str | None = None,
    started_at: datetime,
    settings: dict[str, Any] | None = None,
) -> str:
    """Open a run row; `settings` are the run's effective settings (`settings.run_record`)."""
    run_id = f"{started_at:%Y%m%dT%H%M%S}-{source}-{uuid.uuid4().hex[:8]}"
    warehouse.connection.execute(
        "INSERT INTO runs (run_id, source, flow_run_id, started_at, status, settings) "
        "VALUES (?, ?, ?, ?, 'running', ?)",
        [run_id, source, flow_run_id, started_at, _json(settings)],
    )
    return run_id


def _json(value: dict[str, Any] | None) -> str | None:
    return json.dumps(value, default=str, sort_keys=True) if value is not None else None


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
        "error = ?, pages_extracted = ?, profile_misses = ?, incomplete = ?, "
        "flow_run_id = coalesce(flow_run_id, ?), stage_seconds = ? WHERE run_id = ?",
        [
            status, finished_at, listing_pages, discovered, counts.fetched, counts.unchanged,
            counts.new_articles, counts.new_versions, counts.deletions, counts.quarantined,
            counts.failed, error, counts.pages_extracted, counts.profile_misses,
            counts.incomplete, flow_run_id, stages, run_id,
        ],
    )  # fmt: skip


def record_flow_run_ids(warehouse: Warehouse, flow_run_ids: dict[str, str]) -> None:
    """The orchestrator's ids of runs that finished before it answered (never overwrites)."""
    for run_id, flow_run_id in flow_run_ids.items():
        warehouse.connection.execute(
            "UPDATE runs SET flow_run_id = coalesce(flow_run_id, ?) WHERE run_id = ?",
            [flow_run_id, run_id],
        )


def record_packaged_run(
    warehouse: Warehouse,
    run_id: str,
    *,
    source: str,
    flow_run_id: str | None,
    started_at: datetime,
    produced_by: str,
    settings: dict[str, Any] | None,
) -> None:
    """The row of a run a worker packaged (opened by the loader; a crashed record is reused)."""
    warehouse.connection.execute(
        "INSERT INTO runs (run_id, source, flow_run_id, started_at, status, produced_by, settings) "
        "VALUES (?, ?, ?, ?, 'loading', ?, ?) ON CONFLICT (run_id) DO UPDATE SET "
        "produced_by = excluded.produced_by, settings = excluded.settings",
        [run_id, source, flow_run_id, started_at, produced_by, _json(settings)],
    )


def record_crashed_run(
    warehouse: Warehouse,
    run_id: str,
    *,
    source: str,
    started_at: datetime,
    finished_at: datetime,
    error: str,
    flow_run_id: str | None = None,
    produced_by: str = "",
) -> bool:
    """A run whose worker died before it published anything; False when it has a row already."""
    if warehouse.connection.execute("SELECT 1 FROM runs WHERE run_id = ?", [run_id]).fetchone():
        return False
    warehouse.connection.execute(
        "INSERT INTO runs (run_id, source, flow_run_id, started_at, finished_at, status, error, "
        "produced_by) VALUES (?, ?, ?, ?, ?, 'crashed', ?, ?)",
        [run_id, source, flow_run_id, started_at, finished_at, error, produced_by],
    )
    return True


def abandon_open_runs(warehouse: Warehouse, *, now: datetime, reason: str) -> list[str]:
    """Close every row still `running` or `loading` as `abandoned`; call only while holding the
    data directory's run lock, when no run can be open (its process is gone)."""
    rows = warehouse.connection.execute(
        "UPDATE runs SET status = 'abandoned', finished_at = ?, error = coalesce(error, ?) "
        "WHERE status IN ('running', 'loading') RETURNING run_id",
        [now, reason],
    ).fetchall()
    return [run_id for (run_id,) in rows]


def recorded_counts(warehouse: Warehouse, run_id: str) -> dict[str, int]:
    """The counts the run's own commit recorded with it (never recounted from its rows)."""
    row = warehouse.connection.execute(
        f"SELECT {', '.join(RUN_COUNT_COLUMNS)} FROM runs WHERE run_id = ?",  # noqa: S608
        [run_id],
    ).fetchone()
    return dict(zip(RUN_COUNT_COLUMNS, (value or 0 for value in row), strict=True)) if row else {}
