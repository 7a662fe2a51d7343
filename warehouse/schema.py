"""Numbered migrations and the views, built in dependency order."""

from __future__ import annotations

import hashlib
from importlib.resources import files

import duckdb


def _sql_files(package: str) -> list[tuple[str, str]]:
    folder = files("warehouse").joinpath(package)
    entries = [entry for entry in folder.iterdir() if entry.name.endswith(".sql")]
    return [
        (entry.name, entry.read_text("utf-8")) for entry in sorted(entries, key=lambda e: e.name)
    ]


def migrate(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending numbered migrations, each in its own transaction; returns those applied."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ DEFAULT now())"
    )
    applied = {
        row[0] for row in connection.execute("SELECT version FROM schema_migrations").fetchall()
    }
    done: list[str] = []
    for name, sql in _sql_files("migrations"):
        version = int(name.split("_", 1)[0])
        if version in applied:
            continue
        connection.execute("BEGIN TRANSACTION")
        try:
            connection.execute(sql)
            connection.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name]
            )
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
        done.append(name)
    return done


def create_views(connection: duckdb.DuckDBPyConnection, *, force: bool = False) -> None:
    """(Re)create the views: staging (`stg_`) first, then marts, each file in name order.

    Skipped when the view files are those last created (their digest is kept in
    `schema_views`): recreating them costs ~50 ms, and runs open the warehouse at every step.
    """
    views = sorted(_sql_files("views"), key=lambda item: (not item[0].startswith("stg_"), item[0]))
    digest = hashlib.sha256("\n".join(f"{name}\n{sql}" for name, sql in views).encode()).hexdigest()
    connection.execute("CREATE TABLE IF NOT EXISTS schema_views (sql_sha256 VARCHAR)")
    if not force and connection.execute("SELECT sql_sha256 FROM schema_views").fetchall() == [
        (digest,)
    ]:
        return
    for _, sql in views:
        connection.execute(sql)
    connection.execute("DELETE FROM schema_views")
    connection.execute("INSERT INTO schema_views VALUES (?)", [digest])
