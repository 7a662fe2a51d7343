"""Numbered migrations and the views, built in dependency order."""

from __future__ import annotations

import hashlib
import re
import tomllib
from graphlib import TopologicalSorter
from importlib.resources import files

import duckdb

from warehouse.integrity import rollback_keeping_the_cause


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
            rollback_keeping_the_cause(connection)
            raise
        done.append(name)
    return done


def views() -> dict[str, str]:
    """View name -> its SQL (one file per view in `warehouse/views/`, named after the view)."""
    return {name.removesuffix(".sql"): sql for name, sql in _sql_files("views")}


def view_dependencies(view_sql: dict[str, str]) -> dict[str, set[str]]:
    """Which views each view reads: the other view names its SQL refers to (as dbt's `ref()`)."""
    names = set(view_sql)
    return {
        name: {
            other
            for other in names - {name}
            if re.search(rf"\b(?:FROM|JOIN)\s+{re.escape(other)}\b", sql, re.IGNORECASE)
        }
        for name, sql in view_sql.items()
    }


def build_order(view_sql: dict[str, str]) -> list[str]:
    """Views ordered so that each comes after the views it reads; a cycle is an error."""
    return list(TopologicalSorter(view_dependencies(view_sql)).static_order())


def mart_contracts() -> dict[str, dict]:
    """The marts' contracts (`warehouse/marts.toml`): description and columns with types."""
    return tomllib.loads(files("warehouse").joinpath("marts.toml").read_text("utf-8"))


def create_views(connection: duckdb.DuckDBPyConnection, *, force: bool = False) -> None:
    """(Re)create the views in dependency order.

    Skipped when the view files are those last created (their digest is kept in
    `schema_views`): recreating them costs ~50 ms, and runs open the warehouse at every step.
    """
    view_sql = views()
    ordered = build_order(view_sql)
    digest = hashlib.sha256(
        "\n".join(f"{name}\n{view_sql[name]}" for name in ordered).encode()
    ).hexdigest()
    connection.execute("CREATE TABLE IF NOT EXISTS schema_views (sql_sha256 VARCHAR)")
    if not force and connection.execute("SELECT sql_sha256 FROM schema_views").fetchall() == [
        (digest,)
    ]:
        return
    for name in ordered:
        connection.execute(view_sql[name])
    connection.execute("DELETE FROM schema_views")
    connection.execute("INSERT INTO schema_views VALUES (?)", [digest])
