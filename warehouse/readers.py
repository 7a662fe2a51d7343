"""Every named read the rest of newsetl makes: status, the run summary, health, the report and
reprocess call these instead of writing SQL. Operator reads may use `stg_` views; what the
report shows comes from the marts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from warehouse.connection import Warehouse


def records(
    warehouse: Warehouse, sql: str, parameters: Sequence[Any] | None = None
) -> list[dict[str, Any]]:
    columns, rows = warehouse.query(sql, parameters)
    return [dict(zip(columns, row, strict=True)) for row in rows]


# -- runs (status, command output, run summary) ----------------------------------------------


def runs_by_id(warehouse: Warehouse, run_ids: list[str]) -> list[dict[str, Any]]:
    """These source runs (a command's own), oldest first."""
    return records(
        warehouse,
        "SELECT *, round(coalesce(epoch(finished_at - started_at), 0), 2) AS seconds "
        "FROM runs WHERE list_contains(?, run_id) ORDER BY started_at",
        [run_ids],
    )


def latest_runs_per_source(warehouse: Warehouse, runs_per_source: int) -> list[dict[str, Any]]:
    return records(
        warehouse,
        "SELECT source, run_id, status, started_at, new_articles, new_versions, deletions, "
        "failed, error FROM runs "
        "QUALIFY row_number() OVER (PARTITION BY source ORDER BY started_at DESC) <= ? "
        "ORDER BY source, started_at DESC",
        [runs_per_source],
    )


def article_totals_per_source(warehouse: Warehouse) -> list[dict[str, Any]]:
    return records(
        warehouse,
        "SELECT s.source, count(*) FILTER (WHERE is_current AND NOT is_deleted) AS articles, "
        "count(*) FILTER (WHERE NOT is_deleted) AS versions, "
        "count(*) FILTER (WHERE is_deleted AND is_current) AS deleted, "
        "(SELECT count(*) FROM stg_quarantine q WHERE q.source = s.source) AS quarantined, "
        "max(valid_from) AS last_change FROM stg_article_versions s "
        "GROUP BY s.source ORDER BY s.source",
    )


def runs_with_304_counts(warehouse: Warehouse, run_ids: list[str]) -> list[dict[str, Any]]:
    return records(
        warehouse,
        "SELECT r.*, (SELECT count(*) FROM stg_responses s WHERE s.run_id = r.run_id "
        "AND s.outcome = 'not_modified') AS not_modified_304 "
        "FROM runs r WHERE list_contains(?, run_id) ORDER BY started_at",
        [run_ids],
    )


def page_failures(warehouse: Warehouse, run_ids: list[str]) -> list[dict[str, Any]]:
    """Failed fetches and quarantined pages of these runs, with a one-line reason each."""
    return records(
        warehouse,
        "SELECT source, url, outcome, coalesce(error, 'HTTP ' || status_code, outcome) AS reason "
        "FROM stg_responses WHERE list_contains(?, run_id) "
        "AND outcome NOT IN ('fetched', 'not_modified', 'gone') "
        "UNION ALL SELECT source, url, 'quarantined', reason || coalesce(': ' || detail, '') "
        "FROM stg_quarantine WHERE list_contains(?, run_id) ORDER BY source, outcome, url",
        [run_ids, run_ids],
    )


def failed_quality_checks(warehouse: Warehouse, run_ids: list[str]) -> list[dict[str, Any]]:
    return records(
        warehouse,
        "SELECT source, check_name, failing_rows, examples FROM stg_quality_checks "
        "WHERE list_contains(?, run_id) AND NOT is_passed ORDER BY source, check_name",
        [run_ids],
    )


def source_health_rows(warehouse: Warehouse) -> list[dict[str, Any]]:
    return records(warehouse, "SELECT * FROM source_health ORDER BY source")


# -- reprocess ---------------------------------------------------------------------------------


def latest_archived_responses(warehouse: Warehouse, source: str) -> list[dict[str, Any]]:
    """The newest archived article response of every live URL of `source`."""
    return records(
        warehouse,
        """
        SELECT r.response_id, r.url, r.final_url, r.status_code, r.fetched_at, r.warc_file,
               r.warc_offset, r.warc_length, r.body_sha256
        FROM stg_responses AS r
        JOIN frontier AS f ON f.source = r.source AND f.url = r.url
        WHERE r.source = ? AND r.purpose = 'article' AND r.outcome = 'fetched'
          AND r.warc_file IS NOT NULL AND coalesce(f.last_outcome, '') <> 'gone'
        QUALIFY row_number() OVER (PARTITION BY r.url ORDER BY r.fetched_at DESC, r.response_id DESC) = 1
        ORDER BY r.url
        """,
        [source],
    )


# -- the report (marts only) -------------------------------------------------------------------


def most_changed_articles(warehouse: Warehouse, limit: int) -> list[dict[str, Any]]:
    return records(
        warehouse,
        "SELECT article_id, any_value(source) AS source, count(*) AS versions, "
        "max(valid_from) AS last_changed_at FROM article_history WHERE NOT is_deleted "
        "GROUP BY article_id HAVING count(*) > 1 ORDER BY versions DESC, last_changed_at DESC "
        "LIMIT ?",
        [limit],
    )


def last_two_versions(warehouse: Warehouse, article_id: str) -> list[dict[str, Any]]:
    return records(
        warehouse,
        "SELECT title, body_text, url, version, change_kind, changed_fields "
        "FROM article_changes WHERE article_id = ? AND NOT is_deleted "
        "ORDER BY version DESC LIMIT 2",
        [article_id],
    )


def weekly_publications(warehouse: Warehouse) -> list[dict[str, Any]]:
    return records(
        warehouse,
        "SELECT source, week_start, articles FROM weekly_publications ORDER BY week_start",
    )


def warehouse_totals(warehouse: Warehouse) -> dict[str, int]:
    row = records(
        warehouse,
        "SELECT (SELECT count(*) FROM articles) AS articles, "
        "(SELECT count(*) FROM article_history) AS versions, "
        "(SELECT count(*) FROM article_history WHERE is_deleted AND is_current) AS deleted, "
        "(SELECT count(*) FROM quarantined_pages) AS quarantined, "
        "(SELECT count(*) FROM run_history) AS runs",
    )[0]
    return {key: int(value) for key, value in row.items()}


def recent_quality_issues(warehouse: Warehouse, limit: int = 20) -> list[dict[str, Any]]:
    return records(
        warehouse,
        "SELECT source, issue, affected_rows, examples, found_at FROM quality_issues LIMIT ?",
        [limit],
    )


def latest_articles(warehouse: Warehouse, limit: int) -> list[dict[str, Any]]:
    """The newest current articles by publication time: what a report author looks at first."""
    return records(
        warehouse,
        "SELECT title, published_on, published_at, source, canonical_url FROM articles "
        "ORDER BY published_at DESC NULLS LAST, version_valid_from DESC LIMIT ?",
        [limit],
    )


def quarantine_reasons(warehouse: Warehouse, examples: int) -> list[dict[str, Any]]:
    """Why pages were quarantined, per source and reason, with a few example pages."""
    return records(
        warehouse,
        "SELECT source, reason, count(*) AS pages, max(quarantined_at) AS last_at, "
        "list(url || coalesce(' (' || detail || ')', '') ORDER BY quarantined_at DESC)[1:?] "
        "AS examples FROM quarantined_pages GROUP BY source, reason ORDER BY pages DESC, source",
        [examples],
    )
