"""Read-only by construction: the statement allow-list and the locked-down reader connection.

`newsetl sql` hands user SQL to DuckDB. Two independent fences keep it a query: the statement
must be a single query (checked from DuckDB's own parser, not by pattern matching), and the
connection it runs on can neither touch the file system (`enable_external_access = false`,
except the directories explicitly allowed) nor change that setting (`lock_configuration`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import duckdb

QUERY_STATEMENT_TYPES = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})
EXPLAIN_PREFIX = re.compile(r"^\s*explain\s+(analy[sz]e\s+)?", re.IGNORECASE)


class QueryFailed(ValueError):
    """The SQL of a read-only query is invalid, refused or failed; the message says why."""


class QueryRefused(QueryFailed):
    """The SQL is not one plain query (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN, SUMMARIZE)."""


def checked_query(sql: str) -> str:
    """`sql` when it is exactly one query statement; raises QueryRefused otherwise.

    DESCRIBE, SHOW, SUMMARIZE, WITH and FROM-first queries parse as SELECT. EXPLAIN is let
    through only around a query, since EXPLAIN ANALYZE runs the statement it explains.
    """
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryFailed(f"{type(error).__name__}: {error}") from None
    if len(statements) != 1:
        raise QueryRefused(
            f"one SQL statement per call, got {len(statements)}: run them one at a time"
        )
    statement = statements[0]
    if statement.type not in QUERY_STATEMENT_TYPES:
        raise QueryRefused(_refusal(statement.type))
    if statement.type == duckdb.StatementType.EXPLAIN:
        checked_query(EXPLAIN_PREFIX.sub("", statement.query, count=1))
    return statement.query


def _refusal(statement_type: duckdb.StatementType) -> str:
    name = str(statement_type).rsplit(".", 1)[-1]
    return (
        f"{name} statements are not allowed: `newsetl sql` is read-only "
        "(SELECT, WITH, DESCRIBE, SHOW, EXPLAIN and SUMMARIZE only)"
    )


def lock_down(
    connection: duckdb.DuckDBPyConnection, allowed_directories: Iterable[Path] = ()
) -> None:
    """No file access beyond `allowed_directories`, no extensions, and no way to undo either."""
    directories = [str(path.resolve()) + "/" for path in allowed_directories]
    if directories:
        connection.execute("SET allowed_directories = ?", [directories])
    connection.execute("SET autoinstall_known_extensions = false")
    connection.execute("SET autoload_known_extensions = false")
    connection.execute("SET enable_external_access = false")
    connection.execute("SET lock_configuration = true")
