"""What every command shares: the console, the run table, running sources."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console

from newsetl.prefect_defaults import configured_api_url
from settings import ConfigError, Settings, load_settings

console = Console(highlight=False)
if not console.is_terminal:
    console = Console(highlight=False, width=160)

STOPPING_FLUSH_SECONDS = 5.0  # a stopped command tells Prefect briefly, then goes

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


def load_checked_settings(
    config_path: str | None, *, needs_data_dir: bool = True, start_workers: bool = False
) -> Settings:
    """The settings, validated as `newsetl check` does: every command starts with this, so a bad
    cron, profile or data_dir is a configuration error (exit 2) before Prefect starts.

    `start_workers`: the command extracts every page it reads (a backfill, `reprocess`): its
    transform workers start first, and import the extractors while this process checks the
    configuration and imports the pipeline, on the cores it leaves idle (started after the
    check, they cost `reprocess` 0.2 s); a command that then stops waits for their start."""
    settings = load_settings(config_path)
    if start_workers:
        from flows.engine.worker_pool import warm_up

        warm_up(settings)
    from flows.operations.config_check import config_problems

    problems = config_problems(settings, needs_data_dir=needs_data_dir)
    if problems:
        raise ConfigError("\n".join(problems))
    return settings


def recorded_runs(settings: Settings, run_ids: list[str]) -> list[dict[str, object]]:
    """These source runs as the warehouse recorded them: a concurrent command's are not ours."""
    from warehouse import Warehouse, readers

    with Warehouse.open(settings.warehouse_path, read_only=True, wait_seconds=30) as warehouse:
        return readers.runs_by_id(warehouse, run_ids)


def print_flags(settings: Settings, sources: list[str], errors_shown: bool = False) -> None:
    """Health flags of these sources: a run can complete and still need a look.
    `errors_shown`: the run table above printed each failed run's error: say it once."""
    from flows.operations.health import FAILED, LISTING_EMPTY, source_health
    from warehouse import Warehouse

    if not sources:
        return
    with Warehouse.open(settings.warehouse_path, read_only=True, wait_seconds=30) as warehouse:
        health = [row for row in source_health(settings, warehouse) if row.source in sources]
    already_said = (FAILED, LISTING_EMPTY) if errors_shown else ()
    for row in health:
        for flag, reason in zip(row.flags, row.describe_flags(), strict=True):
            if flag not in already_said:
                console.print(f"[red]flagged {row.source}: {reason}[/red]")


def run_sources_command(
    settings: Settings,
    source_names: list[str] | None,
    *,
    base_urls: dict[str, str] | None = None,
    backfill: bool = False,
    recheck_all: bool = False,
    title: str,
) -> int:
    """Run the sources, print what each source run recorded; 0 when all completed.

    The data path runs here, in this process, at once. Prefect hears of it only when an API is
    configured (`configured_api_url`): a flow run for the command and one per source run, sent
    in the background; what could not be sent is reported, never a reason to fail the run.
    """
    from flows.engine.observer import NO_OBSERVER, RunObserver
    from flows.engine.source_run import run_id_of, run_sources, sources_named
    from flows.operations import run_summary

    names = source_names or [source.name for source in settings.enabled_sources()]
    sources = sources_named(settings, names, base_urls)
    observer: RunObserver = NO_OBSERVER
    control_plane = None
    if configured_api_url():
        from flows.orchestration.control_plane import PrefectControlPlane

        observer = control_plane = PrefectControlPlane(title=title, tags=["command"])
    try:
        results = run_sources(
            settings, sources, backfill=backfill, recheck_all=recheck_all, observer=observer
        )
    except BaseException:
        if control_plane is not None:  # stopped, or the run lock timed out: say so, briefly
            control_plane.close(
                failed=True,
                message="the command stopped before its sources finished",
                flush_seconds=min(STOPPING_FLUSH_SECONDS, settings.telemetry_flush_seconds),
            )
        raise
    run_ids = [run_id for result in results if (run_id := run_id_of(result))]
    rows = recorded_runs(settings, run_ids) if run_ids else []
    recorded = {str(row["source"]) for row in rows}
    for source, result in zip(sources, results, strict=True):
        if isinstance(result, BaseException) and source.name not in recorded:
            rows.append({"source": source.name, "status": "failed", "error": str(result)})
    failed = [row for row in rows if row.get("status") != "completed"]
    # the data is in: show it first, then finish telling Prefect (which may take a while)
    print_runs(rows, title)
    print_flags(settings, sorted({str(row["source"]) for row in rows}), errors_shown=True)
    if control_plane is not None:
        report = control_plane.close(
            failed=bool(failed),
            message=f"{len(failed)} of {len(sources)} sources failed" if failed else None,
            artifacts=run_summary.artifacts_of_runs(
                settings, run_ids, key="newsetl-run", title=title
            ),
            flush_seconds=settings.telemetry_flush_seconds,
        )
        if report.flow_run_ids:
            from flows.engine.steps import record_flow_run_ids

            record_flow_run_ids(settings, report.flow_run_ids)
        if warning := report.describe():
            console.print(f"[yellow]{warning}[/yellow]")
    if failed:
        console.print(f"[red]{len(failed)} of {len(sources)} source runs failed[/red]")
        return 1
    return 0
