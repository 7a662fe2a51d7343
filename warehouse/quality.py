"""Data-quality checks run after each source run's load; results go to `raw_quality_checks`.

Each check is one SQL file in `warehouse/checks/`: a query over the rows that run loaded (or the source's current articles)
returning one line per failing row. The body-length drop itself is enforced in the load
(`_BatchWriter.write_article` quarantines the page); here it is counted and reported.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import files

from warehouse.connection import Warehouse

MAX_EXAMPLES = 5


@functools.cache
def checks() -> dict[str, str]:
    """name -> SQL, one file per check in `warehouse/checks/`."""
    folder = files("warehouse").joinpath("checks")
    entries = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".sql"))
    return {
        name.removesuffix(".sql"): folder.joinpath(name).read_text("utf-8").rstrip().rstrip(";")
        for name in entries
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
    """Run every check for one run, as one query, and record the results in one load."""
    sql_of = checks()
    union = " UNION ALL ".join(
        f"SELECT {position} AS check_number, CAST(example AS VARCHAR) "
        f"FROM ({sql}) AS check_rows(example)"
        for position, sql in enumerate(sql_of.values())
    )
    parameters = {"run_id": run_id, "source": source, "now": now}
    used = {key: value for key, value in parameters.items() if f"${key}" in union}
    failing: dict[int, list[str]] = {}
    for position, example in warehouse.connection.execute(union, used).fetchall():
        failing.setdefault(position, []).append(str(example))
    results = [
        CheckResult(name, len(failing.get(position, [])), failing.get(position, [])[:MAX_EXAMPLES])
        for position, name in enumerate(sql_of)
    ]
    record_results(warehouse, run_id, source, now, results)
    return results


def record_results(
    warehouse: Warehouse, run_id: str, source: str, now: datetime, results: list[CheckResult]
) -> None:
    load_id = f"{run_id}:quality-{uuid.uuid4().hex[:8]}"
    connection = warehouse.connection
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute(
            "INSERT INTO raw_quality_checks (run_id, load_id, source, check_name, is_passed, "
            "failing_rows, examples, checked_at) SELECT ?, ?, ?, unnest(?::VARCHAR[]), "
            "unnest(?::BOOLEAN[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[][]), ?",
            [
                run_id,
                load_id,
                source,
                [r.check_name for r in results],
                [r.is_passed for r in results],
                [r.failing_rows for r in results],
                [r.examples for r in results],
                now,
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
