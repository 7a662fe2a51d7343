"""What every command shares: the console, the run table, running the parent flow."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console

from newsetl.prefect_defaults import apply_embedded_defaults, use_running_local_server
from settings import ConfigError, Settings, load_settings

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
    from rich.table import Table

    table = Table(title=title)
    for _, header in RUN_COLUMNS:
        table.add_column(header, justify="left" if header in ("source", "status") else "right")
    for row in rows:
        table.add_row(*(str(row.get(key, "")) for key, _ in RUN_COLUMNS))
    console.print(table)
    for row in rows:
        if row.get("error"):
            console.print(f"[red]{row['source']}: {row['error']}[/red]")


def load_checked_settings(config_path: str | None, *, needs_data_dir: bool = True) -> Settings:
    """The settings, validated as `newsetl check` does: every command starts with this, so a bad
    cron, profile or data_dir is a configuration error (exit 2) before Prefect starts."""
    from flows.operations.config_check import config_problems

    settings = load_settings(config_path)
    problems = config_problems(settings, needs_data_dir=needs_data_dir)
    if problems:
        raise ConfigError("\n".join(problems))
    return settings


def recorded_runs(settings: Settings, flow_run_ids: list[str]) -> list[dict[str, object]]:
    """The source runs of these flow runs only: a concurrent command's runs are not ours."""
    from warehouse import Warehouse, readers

    with Warehouse.open(settings.warehouse_path, read_only=True, wait_seconds=30) as warehouse:
        return readers.runs_of_flow_runs(warehouse, flow_run_ids)


def child_flow_run_ids(parent_flow_run_id: str) -> list[str]:
    """The source flow runs the all-sources flow run `parent_flow_run_id` started."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterParentFlowRunId

    with get_client(sync_client=True) as client:
        children = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                parent_flow_run_id=FlowRunFilterParentFlowRunId(any_=[parent_flow_run_id])
            )
        )
    return [str(child.id) for child in children]


def print_flags(settings: Settings, sources: list[str]) -> None:
    """Health flags of these sources: a run can complete and still need a look."""
    from flows.operations.health import source_health
    from warehouse import Warehouse

    if not sources:
        return
    with Warehouse.open(settings.warehouse_path, read_only=True, wait_seconds=30) as warehouse:
        health = [row for row in source_health(settings, warehouse) if row.source in sources]
    for row in health:
        for reason in row.describe_flags():
            console.print(f"[red]flagged {row.source}: {reason}[/red]")


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
    from flows.orchestration.pipeline import all_sources_flow

    with embedded_run_settings():
        state = all_sources_flow(
            source_names,
            config_path=config_path,
            base_urls=base_urls,
            backfill=backfill,
            recheck_all=recheck_all,
            return_state=True,
        )
        own_flow_runs = child_flow_run_ids(str(state.state_details.flow_run_id))
    rows = recorded_runs(settings, own_flow_runs) if settings.warehouse_path.exists() else []
    print_runs(rows, title)
    print_flags(settings, sorted({str(row["source"]) for row in rows}))
    if not state.is_completed():
        console.print(f"[red]run failed: {state.message}[/red]")
        return 1
    return 0
