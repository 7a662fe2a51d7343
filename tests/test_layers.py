"""The architecture holds: SQL lives only in warehouse/ (import-linter checks the imports)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES_OUTSIDE_THE_WAREHOUSE = ("newsetl", "flows", "fetch", "transforms", "records")
SQL_STATEMENT = re.compile(
    r"^\s*(SELECT\s.*\bFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s"
    r"|(CREATE|DROP|ALTER)\s+(OR\s+REPLACE\s+)?(TABLE|VIEW|INDEX|SEQUENCE)\s|COPY\s.*\bTO\s)",
    re.IGNORECASE | re.DOTALL,
)


def sql_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and SQL_STATEMENT.match(node.value)
    ]


def test_sql_statements_are_written_only_in_the_warehouse_package() -> None:
    offenders = {
        str(path.relative_to(ROOT)): found
        for package in PACKAGES_OUTSIDE_THE_WAREHOUSE
        for path in sorted((ROOT / package).rglob("*.py"))
        if (found := sql_strings(path))
    }
    assert offenders == {}


def test_the_sql_detector_finds_a_query_in_a_string() -> None:
    assert SQL_STATEMENT.match("SELECT url FROM frontier")
    assert SQL_STATEMENT.match("INSERT INTO runs (run_id) VALUES (?)")
    assert not SQL_STATEMENT.match('e.g. "SELECT source FROM articles"')
    assert not SQL_STATEMENT.match("Drop a block repeating the one before it")
