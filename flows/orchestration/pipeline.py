"""Flows: one per source run, and a parent over all enabled sources. Thin by design."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from prefect import Task, flow
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows.engine import resources
from flows.engine.source_run import Steps, host_of, run_concurrently, run_source
from flows.operations import run_summary
from flows.orchestration import tasks
from settings import ConfigError, Settings, load_settings
from warehouse import readers


def _without_introspection(prefect_task: Task) -> Callable[..., Any]:
    """Call the task with each argument wrapped in `quote`, so Prefect does not walk every
    response of a batch looking for futures (there are none): that walk cost ~10 % of a
    1,000-article backfill (bench/prefect_overhead.py). The task receives the plain values."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return prefect_task(
            *(quote(value) for value in args), **{k: quote(v) for k, v in kwargs.items()}
        )

    return call


PREFECT_STEPS = Steps(
    discover=_without_introspection(tasks.discover),
    plan_fetches=_without_introspection(tasks.plan_fetches),
    fetch_pages=_without_introspection(tasks.fetch_pages),
    transform_pages=_without_introspection(tasks.transform_pages),
    load_pages=_without_introspection(tasks.load_pages),
)


@flow(name="newsetl-source", flow_run_name="{source_name}")
def source_flow(
    source_name: str,
    config_path: str | None = None,
    base_url: str | None = None,
    backfill: bool = False,
    recheck_all: bool = False,
) -> dict[str, object]:
    settings = load_settings(config_path)
    source = settings.source(source_name)
    if base_url:
        source = source.with_base_url(base_url)
    this_flow_run = str(flow_run.get_id() or "")
    try:
        summary = run_source(
            settings,
            source,
            step_functions=PREFECT_STEPS,
            backfill=backfill,
            recheck_all=recheck_all,
            flow_run_id=this_flow_run,
        )
    finally:
        publish_run_artifacts(settings, [this_flow_run], key=f"newsetl-{source_name}")
    return summary.as_row()


class SourceRunsFailed(RuntimeError):
    pass


@flow(name="newsetl-all-sources")
def all_sources_flow(
    source_names: list[str] | None = None,
    config_path: str | None = None,
    base_urls: dict[str, str] | None = None,
    backfill: bool = False,
    recheck_all: bool = False,
) -> list[dict[str, object]]:
    """Run the sources, `sources_in_parallel` at once (one writer to the warehouse); one failing
    source does not stop the others, but fails the run."""
    settings = load_settings(config_path)
    names = source_names or [source.name for source in settings.enabled_sources()]

    def one(name: str) -> Any:
        return source_flow(
            name,
            config_path=config_path,
            base_url=(base_urls or {}).get(name),
            backfill=backfill,
            recheck_all=recheck_all,
            return_state=True,
        )

    rows: list[dict[str, object]] = []
    child_flow_runs: list[str] = []

    def server_of(name: str) -> str:
        try:
            source = settings.source(name)
        except ConfigError:
            return name  # its flow fails on its own
        url = (base_urls or {}).get(name)
        return host_of(source.with_base_url(url) if url else source)

    states = run_concurrently(settings, names, one, group_of=server_of)
    for name, state in zip(names, states, strict=True):
        if isinstance(state, BaseException):
            rows.append({"source": name, "status": "failed", "error": str(state)})
            continue
        child_flow_runs.append(str(state.state_details.flow_run_id or ""))
        if state.is_completed():
            rows.append(state.result())
        else:
            rows.append({"source": name, "status": "failed", "error": state.message or state.name})
    publish_run_artifacts(settings, child_flow_runs, key="newsetl-run")
    failed = [row for row in rows if row.get("status") != "completed"]
    if failed:
        reasons = "; ".join(f"{row['source']}: {row.get('error') or 'failed'}" for row in failed)
        raise SourceRunsFailed(f"{len(failed)} of {len(rows)} sources failed: {reasons}")
    return rows


def publish_run_artifacts(settings: Settings, flow_run_ids: list[str], *, key: str) -> None:
    """A table of per-source counts and a markdown summary of failures, read from the warehouse."""
    if not settings.warehouse_path.exists():
        return
    with resources.read_warehouse(settings) as warehouse:
        run_ids = readers.run_ids_for_flow_runs(warehouse, flow_run_ids)
        summary = run_summary.summarize(settings, warehouse, run_ids)
    key = re.sub(r"[^a-z0-9-]+", "-", key.lower())
    create_table_artifact(
        key=f"{key}-counts",
        table=summary.counts,
        description="Per-source counts of this run: discovered, fetched, unchanged (of which "
        "304), new articles, new versions, deletions, quarantined, failed, and health flags.",
    )
    create_markdown_artifact(
        key=f"{key}-summary",
        markdown=run_summary.render_markdown(summary),
        description="Failed pages with their reasons, flagged sources, data-quality checks.",
    )
