"""Data-quality checks run after each source run's load; results go to `raw_quality_checks`.

Each check is one SQL query over the rows that run loaded (or the source's current articles)
returning one line per failing row. The body-length drop itself is enforced in the load
(`_BatchWriter.write_article` quarantines the page); here it is counted and reported.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from warehouse.connection import Warehouse

MAX_EXAMPLES = 5
FUTURE_TOLERANCE = "INTERVAL 1 DAY"

# name -> SQL with named parameters $run_id, $source, $now; one row (an example) per failure
CHECKS: dict[str, str] = {
    "title_not_null": """
        SELECT url FROM stg_article_versions
        WHERE run_id = $run_id AND source = $source AND NOT is_deleted
          AND coalesce(trim(title), '') = ''
    """,
    "published_not_in_future": f"""
        SELECT url || ' (' || strftime(published_at, '%Y-%m-%d %H:%M') || ' UTC)'
        FROM stg_article_versions
        WHERE run_id = $run_id AND source = $source AND NOT is_deleted
          AND published_at > $now + {FUTURE_TOLERANCE}
    """,
    "body_length_not_dropped": """
        SELECT url || ': ' || coalesce(detail, '') FROM stg_quarantine
        WHERE run_id = $run_id AND source = $source AND reason = 'body_length_drop'
    """,
    "title_unique_per_day": """
        SELECT strftime(published_on, '%Y-%m-%d') || ': ' || any_value(title)
               || ' (x' || count(*) || ')'
        FROM stg_article_versions
        WHERE is_current AND NOT is_deleted AND source = $source AND published_on IS NOT NULL
          AND title IS NOT NULL
        GROUP BY published_on, lower(trim(title))
        HAVING count(*) > 1
    """,
}


@dataclass
class CheckResult:
    check_name: str
    failing_rows: int
    examples: list[str] = field(default_factory=list)

    @property
    def is_passed(self) -> bool:
        return self.failing_rows == 0


def run_checks(warehouse: Warehouse, run_id: str, source: str, now: datetime) -> list[CheckResult]:
    """Run every check for one run and record the results in one load."""
    results: list[CheckResult] = []
    for name, sql in CHECKS.items():
        parameters = {"run_id": run_id, "source": source, "now": now}
        used = {key: value for key, value in parameters.items() if f"${key}" in sql}
        rows = warehouse.connection.execute(sql, used).fetchall()
        results.append(CheckResult(name, len(rows), [str(row[0]) for row in rows[:MAX_EXAMPLES]]))
    record_results(warehouse, run_id, source, now, results)
    return results


def record_results(
    warehouse: Warehouse, run_id: str, source: str, now: datetime, results: list[CheckResult]
) -> None:
    load_id = f"{run_id}:quality-{uuid.uuid4().hex[:8]}"
    connection = warehouse.connection
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.executemany(
            "INSERT INTO raw_quality_checks (run_id, load_id, source, check_name, is_passed, "
            "failing_rows, examples, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    run_id,
                    load_id,
                    source,
                    r.check_name,
                    r.is_passed,
                    r.failing_rows,
                    r.examples,
                    now,
                ]
                for r in results
            ],
        )
        connection.execute(
            "INSERT INTO loads (load_id, run_id, source, completed_at, row_count) VALUES (?, ?, ?, ?, ?)",
            [load_id, run_id, source, now, len(results)],
        )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
