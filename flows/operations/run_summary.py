"""What one pipeline run did, read back from the warehouse: counts, failures, quality, flags.

Plain functions: `flows/orchestration/pipeline.py` publishes the result as Prefect artifacts, tests read it
directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flows.operations.health import SourceHealth, source_health
from settings import Settings
from warehouse import Warehouse, readers

COUNT_COLUMNS = (
    "source", "status", "discovered", "fetched", "unchanged", "not_modified_304", "new_articles",
    "new_versions", "deletions", "quarantined", "failed", "flags",
)  # fmt: skip
MAX_LISTED_PAGES = 50


@dataclass
class PageFailure:
    source: str
    url: str
    outcome: str
    reason: str


@dataclass
class RunSummary:
    counts: list[dict[str, object]] = field(default_factory=list)
    run_errors: dict[str, str] = field(default_factory=dict)
    page_failures: list[PageFailure] = field(default_factory=list)
    page_failures_total: int = 0
    quality_failures: list[dict[str, object]] = field(default_factory=list)
    health: list[SourceHealth] = field(default_factory=list)

    @property
    def flagged(self) -> list[SourceHealth]:
        return [health for health in self.health if health.flags]


def summarize(settings: Settings, warehouse: Warehouse, run_ids: list[str]) -> RunSummary:
    summary = RunSummary()
    runs = readers.runs_with_304_counts(warehouse, run_ids)
    sources = {str(run["source"]) for run in runs}
    summary.health = [h for h in source_health(settings, warehouse) if h.source in sources]
    flags = {health.source: ", ".join(health.flags) for health in summary.health}
    for run in runs:
        run["flags"] = flags.get(str(run["source"]), "")
        summary.counts.append({column: run.get(column) for column in COUNT_COLUMNS})
        if run.get("error"):
            summary.run_errors[str(run["source"])] = str(run["error"])
    failures = readers.page_failures(warehouse, run_ids)
    summary.page_failures_total = len(failures)
    summary.page_failures = [PageFailure(**row) for row in failures[:MAX_LISTED_PAGES]]  # type: ignore[arg-type]
    summary.quality_failures = readers.failed_quality_checks(warehouse, run_ids)
    return summary


def _cell(value: object) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def render_markdown(summary: RunSummary) -> str:
    lines = ["# newsetl run summary", ""]
    for row in summary.counts:
        lines.append(
            f"- **{row['source']}**: {row['status']}; {row['new_articles']} new articles, "
            f"{row['new_versions']} new versions, {row['deletions']} deletions, "
            f"{row['quarantined']} quarantined, {row['failed']} failed pages"
        )
    if not summary.counts:
        lines.append("- no source run was recorded")
    lines += ["", "## Sources that need a look", ""]
    if summary.flagged:
        for health in summary.flagged:
            for reason in health.describe_flags():
                lines.append(f"- **{health.source}**: {_cell(reason)}")
    else:
        lines.append("None: every source ran, found links and is fresh.")
    lines += ["", "## Failed pages", ""]
    if summary.page_failures:
        lines += ["| source | url | outcome | reason |", "|---|---|---|---|"]
        lines += [
            f"| {f.source} | {_cell(f.url)} | {f.outcome} | {_cell(f.reason)} |"
            for f in summary.page_failures
        ]
        hidden = summary.page_failures_total - len(summary.page_failures)
        if hidden:
            lines += ["", f"... and {hidden} more (see `stg_responses` / `stg_quarantine`)."]
    else:
        lines.append("None.")
    lines += ["", "## Data-quality checks", ""]
    if summary.quality_failures:
        for check in summary.quality_failures:
            examples = "; ".join(str(example) for example in check["examples"] or [])
            lines.append(
                f"- **{check['source']}** `{check['check_name']}`: {check['failing_rows']} "
                f"row(s), e.g. {_cell(examples)}"
            )
    else:
        lines.append("All checks passed.")
    return "\n".join(lines) + "\n"


def artifacts_of_runs(
    settings: Settings, run_ids: list[str], *, key: str, title: str
) -> list[dict[str, object]]:
    """These runs' counts table and failure summary, read back from the warehouse, as the
    artifacts of the command's or round's flow run (none before the warehouse exists)."""
    if not run_ids or not settings.warehouse_path.exists():
        return []
    with Warehouse.open(settings.warehouse_path, read_only=True, wait_seconds=30) as warehouse:
        summary = summarize(settings, warehouse, run_ids)
    return as_artifacts(summary, key=key, title=title)


def as_artifacts(summary: RunSummary, *, key: str, title: str) -> list[dict[str, object]]:
    """The summary as Prefect artifact payloads (REST shape): a table of per-source counts and
    a markdown summary of failures. Plain dicts: this room does not import Prefect."""
    import json
    import re

    key = re.sub(r"[^a-z0-9-]+", "-", key.lower()).strip("-")
    return [
        {
            "key": f"{key}-counts",
            "type": "table",
            "data": json.dumps(summary.counts, default=str),
            "description": f"{title}: per-source counts: discovered, fetched, unchanged (of "
            "which 304), new articles, new versions, deletions, quarantined, failed, flags.",
        },
        {
            "key": f"{key}-summary",
            "type": "markdown",
            "data": render_markdown(summary),
            "description": f"{title}: failed pages with their reasons, flagged sources, "
            "data-quality checks.",
        },
    ]
