"""The Prefect flow `newsetl serve` schedules: a round over sources.

Thin by design: a flow runs the sources with the run engine in this process, and Prefect hears
of each source run through the control plane (a child flow run per source, a fixed number of
API calls each). The engine records every run in the warehouse first, so a round finishes and
is on record even when the API answers 503 or goes away mid-round.
"""

from __future__ import annotations

from prefect import flow
from prefect.runtime import flow_run

from flows.engine.source_run import run_id_of, run_sources, sources_named
from flows.engine.source_summary import SourceRunSummary
from flows.engine.steps import record_flow_run_ids
from flows.operations import run_summary
from flows.orchestration.control_plane import PrefectControlPlane
from settings import Settings, load_settings

# A local Prefect server took 35-70 ms a call on 2 busy cores, a source run up to 4 calls.
ROUND_FLUSH_SECONDS_PER_SOURCE = 0.3


class SourceRunsFailed(RuntimeError):
    pass


def run_round(
    settings: Settings,
    source_names: list[str],
    *,
    control_plane: PrefectControlPlane,
    base_urls: dict[str, str] | None = None,
    backfill: bool = False,
    recheck_all: bool = False,
    title: str,
) -> list[dict[str, object]]:
    """Run the sources, close the control plane with the round's artifacts, and raise
    `SourceRunsFailed` when any source failed (the round's state); every run is recorded."""
    sources = sources_named(settings, source_names, base_urls)
    results = run_sources(
        settings, sources, backfill=backfill, recheck_all=recheck_all, observer=control_plane
    )
    rows: list[dict[str, object]] = []
    for source, result in zip(sources, results, strict=True):
        if isinstance(result, SourceRunSummary):
            rows.append(result.as_row())
        else:
            rows.append({"source": source.name, "status": "failed", "error": str(result)})
    run_ids = [run_id for result in results if (run_id := run_id_of(result))]
    artifacts = run_summary.artifacts_of_runs(settings, run_ids, key="newsetl-round", title=title)
    failed = [row for row in rows if row.get("status") != "completed"]
    # nobody waits on a round but the next one: give Prefect time for every child flow run
    flush_seconds = max(
        settings.telemetry_flush_seconds, ROUND_FLUSH_SECONDS_PER_SOURCE * len(sources)
    )
    report = control_plane.close(
        failed=bool(failed), artifacts=artifacts, flush_seconds=flush_seconds
    )
    record_flow_run_ids(settings, report.flow_run_ids)
    if failed:
        reasons = "; ".join(f"{row['source']}: {row.get('error') or 'failed'}" for row in failed)
        raise SourceRunsFailed(f"{len(failed)} of {len(rows)} sources failed: {reasons}")
    return rows


@flow(name="newsetl-round", flow_run_name="round-{round_name}")
def round_flow(
    round_name: str = "all",
    source_names: list[str] | None = None,
    config_path: str | None = None,
    base_urls: dict[str, str] | None = None,
    backfill: bool = False,
    recheck_all: bool = False,
) -> list[dict[str, object]]:
    """A scheduled round: the named sources (default: every enabled one), each a child flow
    run of this one, `sources_in_parallel` at once under the one writer."""
    settings = load_settings(config_path)
    names = source_names or [source.name for source in settings.enabled_sources()]
    parent = str(flow_run.get_id() or "") or None
    return run_round(
        settings,
        names,
        control_plane=PrefectControlPlane(
            title=f"round-{round_name}", tags=["round"], parent_flow_run_id=parent
        ),
        base_urls=base_urls,
        backfill=backfill,
        recheck_all=recheck_all,
        title=f"round-{round_name}",
    )
