"""Flows: one per source run, and a parent over all enabled sources. Thin by design."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.runtime import flow_run

from flows import tasks
from newsetl.runner import Steps, run_source
from newsetl.settings import load_settings

PREFECT_STEPS = Steps(
    discover=tasks.discover,
    plan_fetches=tasks.plan_fetches,
    fetch_pages=tasks.fetch_pages,
    transform_pages=tasks.transform_pages,
    load_pages=tasks.load_pages,
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
    summary = run_source(
        settings,
        source,
        step_functions=PREFECT_STEPS,
        backfill=backfill,
        recheck_all=recheck_all,
        flow_run_id=str(flow_run.get_id() or ""),
    )
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
    """Run each source in turn; one failing source does not stop the others, but fails the run."""
    settings = load_settings(config_path)
    names = source_names or [source.name for source in settings.enabled_sources()]
    rows: list[dict[str, object]] = []
    for name in names:
        state = source_flow(
            name,
            config_path=config_path,
            base_url=(base_urls or {}).get(name),
            backfill=backfill,
            recheck_all=recheck_all,
            return_state=True,
        )
        if state.is_completed():
            rows.append(state.result())
        else:
            rows.append({"source": name, "status": "failed", "error": state.message or state.name})
    publish_run_artifacts(rows)
    failed = [row for row in rows if row.get("status") != "completed"]
    if failed:
        names_failed = ", ".join(str(row["source"]) for row in failed)
        raise SourceRunsFailed(f"{len(failed)} of {len(rows)} sources failed: {names_failed}")
    return rows


def publish_run_artifacts(rows: list[dict[str, object]]) -> None:
    create_table_artifact(
        key="newsetl-run-counts",
        table=rows,
        description="Per-source counts of this run: discovered, fetched, unchanged, new articles, "
        "new versions, deletions, quarantined, failed.",
    )
    failures = [row for row in rows if row.get("status") != "completed" or row.get("failed")]
    lines = ["# newsetl run summary", ""]
    lines += [
        f"- **{row['source']}**: {row.get('status')}, {row.get('new_articles', 0)} new articles, "
        f"{row.get('new_versions', 0)} new versions, {row.get('failed', 0)} failed pages"
        + (f" — error: `{row['error']}`" if row.get("error") else "")
        for row in rows
    ]
    if not failures:
        lines += ["", "No failures."]
    create_markdown_artifact(key="newsetl-run-summary", markdown="\n".join(lines))
