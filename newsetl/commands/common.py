"""What every command shares: the console, the run table, running the parent flow."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from rich.console import Console
from rich.table import Table

from newsetl.prefect_defaults import apply_embedded_defaults, use_running_local_server
from newsetl.settings import Settings

console = Console(highlight=False)
if not console.is_terminal:
    console = Console(highlight=False, width=160)

RUN_COLUMNS = (
    ("source", "source"),
    ("status", "status"),
    ("listing_pages", "listing pages"),
    ("discovered", "new URLs"),
    ("fetched", "fetched"),
    ("unchanged", "unchanged"),
    ("new_articles", "new articles"),
    ("new_versions", "new versions"),
    ("deletions", "deletions"),
    ("quarantined", "quarantined"),
    ("failed", "failed"),
    ("seconds", "seconds"),
)


def print_runs(rows: Sequence[dict[str, object]], title: str) -> None:
    table = Table(title=title)
    for _, header in RUN_COLUMNS:
        table.add_column(header, justify="left" if header in ("source", "status") else "right")
    for row in rows:
        table.add_row(*(str(row.get(key, "")) for key, _ in RUN_COLUMNS))
    console.print(table)
    for row in rows:
        if row.get("error"):
            console.print(f"[red]{row['source']}: {row['error']}[/red]")


def recorded_runs(settings: Settings, since: datetime) -> list[dict[str, object]]:
    from warehouse import Warehouse, readers

    with Warehouse.open(settings.warehouse_path, read_only=True, wait_seconds=30) as warehouse:
        return readers.runs_started_since(warehouse, since)


@contextmanager
def embedded_run_settings() -> Iterator[None]:
    """Without a Prefect server, flow-run heartbeats only slow a run down.

    They let a server notice a crashed run; the temporary server of ephemeral mode ends with
    this process, and the heartbeat thread is joined in 1 s steps at the end of every flow run.
    """
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        temporary_settings,
    )

    if PREFECT_API_URL.value():
        yield
        return
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def run_flow(
    settings: Settings,
    source_names: list[str] | None,
    *,
    config_path: str | None,
    base_urls: dict[str, str] | None = None,
    backfill: bool = False,
    recheck_all: bool = False,
    title: str,
) -> int:
    """Run the all-sources flow, print what each source run recorded; 0 when all completed."""
    apply_embedded_defaults()
    use_running_local_server()
    from flows.pipeline import all_sources_flow

    started = datetime.now(UTC)
    with embedded_run_settings():
        state = all_sources_flow(
            source_names,
            config_path=config_path,
            base_urls=base_urls,
            backfill=backfill,
            recheck_all=recheck_all,
            return_state=True,
        )
    rows = recorded_runs(settings, started) if settings.warehouse_path.exists() else []
    print_runs(rows, title)
    if not state.is_completed():
        console.print(f"[red]run failed: {state.message}[/red]")
        return 1
    return 0
