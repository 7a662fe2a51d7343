"""Parquet copies of the marts, for readers who must not wait for (or block) a writing run.

Layout: `<data_dir>/parquet/<table>/<table>.parquet`, one folder per mart. Each export is
written to a temporary folder next to them and then renamed over the old file, which is atomic
on one filesystem: a reader sees the old file or the new one, never half of one.

Exported on demand (issue 13): a run does not re-export every mart, whose cost grows with the
warehouse; a Parquet query first refreshes the files when loads completed since the last export
(`export_marts_if_stale`) and, while a run holds the warehouse, reads the files as they are.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from warehouse.connection import Warehouse
from warehouse.integrity import storage_problem
from warehouse.readonly import QueryFailed, checked_query, lock_down
from warehouse.schema import mart_contracts

PARQUET_DIR_NAME = "parquet"  # <data_dir>/parquet
MART_TABLES = tuple(mart_contracts())


def parquet_path(parquet_dir: Path, table: str) -> Path:
    return parquet_dir / table / f"{table}.parquet"


def export_marts(
    warehouse: Warehouse, parquet_dir: Path, tables: tuple[str, ...] = MART_TABLES
) -> list[Path]:
    """Write each mart to Parquet and swap it in; returns the files written."""
    parquet_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=parquet_dir))
    try:
        for table in tables:
            staged = staging / f"{table}.parquet"
            escaped = str(staged).replace("'", "''")
            warehouse.connection.execute(
                f"COPY (SELECT * FROM {table}) TO '{escaped}' (FORMAT parquet)"
            )
            target = parquet_path(parquet_dir, table)
            target.parent.mkdir(exist_ok=True)
            os.replace(staged, target)
            written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


EXPORT_STAMP_NAME = ".exported-at-load"


def _loads_stamp(warehouse: Warehouse) -> str:
    """Changes whenever a load completes or a run ends (a failed run loads nothing, yet its
    failure must show in the exported `source_health`)."""
    stamp = warehouse.connection.execute(
        "SELECT (SELECT count(*) FROM loads), (SELECT max(completed_at) FROM loads), "
        "(SELECT count(*) FROM runs), (SELECT max(coalesce(finished_at, started_at)) FROM runs)"
    ).fetchone()
    return " ".join(map(str, stamp))


def export_marts_if_stale(
    warehouse_path: Path, parquet_dir: Path, *, wait_seconds: float = 0.0
) -> bool:
    """Re-export the marts when loads completed or runs ended since the last export; True when
    it exported.

    Needs the warehouse for a moment: while a run holds it, the files stay as they are.
    """
    from warehouse.connection import WarehouseLocked

    if not warehouse_path.exists():
        return False
    stamp_file = parquet_dir / EXPORT_STAMP_NAME
    try:
        with Warehouse.open(warehouse_path, read_only=True, wait_seconds=wait_seconds) as warehouse:
            stamp = _loads_stamp(warehouse)
            exported = all(parquet_path(parquet_dir, table).is_file() for table in MART_TABLES)
            if exported and stamp_file.is_file() and stamp_file.read_text() == stamp:
                return False
            export_marts(warehouse, parquet_dir)
    except (WarehouseLocked, duckdb.ConnectionException):
        # another process writes (its lock), or this one holds the file open for writing
        return False
    stamp_file.write_text(stamp)
    return True


def query_parquet(
    parquet_dir: Path, sql: str, parameters: list | None = None
) -> tuple[list[str], list[tuple]]:
    """Run `sql` in memory over views named after the exported marts (no warehouse lock).

    The connection may read the export directory and nothing else.
    """
    connection = duckdb.connect(":memory:")
    try:
        connection.execute("SET TimeZone = 'UTC'")
        for folder in sorted(path for path in parquet_dir.glob("*") if path.is_dir()):
            if folder.name.startswith("."):
                continue
            pattern = str(folder.resolve() / "*.parquet").replace("'", "''")
            connection.execute(
                f"CREATE VIEW \"{folder.name}\" AS SELECT * FROM read_parquet('{pattern}')"
            )
        lock_down(connection, [parquet_dir] if parquet_dir.is_dir() else [])
        cursor = connection.execute(sql, parameters or [])
        columns = [column[0] for column in cursor.description or []]
        return columns, cursor.fetchall()
    finally:
        connection.close()


def read_query(
    warehouse_path: Path, parquet_dir: Path, sql: str, *, parquet: bool, wait_seconds: float
) -> tuple[list[str], list[tuple]]:
    """One read-only query over the warehouse file, or over the Parquet marts when `parquet`.

    Raises QueryRefused for anything but a single query statement, before opening anything.
    """
    sql = checked_query(sql)
    try:
        if parquet:
            export_marts_if_stale(warehouse_path, parquet_dir)
            return query_parquet(parquet_dir, sql)
        with Warehouse.open(warehouse_path, read_only=True, wait_seconds=wait_seconds) as warehouse:
            lock_down(warehouse.connection)
            return warehouse.query(sql)
    except duckdb.Error as error:
        if isinstance(error, duckdb.IOException) and "lock" in str(error).lower():
            raise
        problem = storage_problem(error, warehouse_path.parent)
        raise QueryFailed(problem or f"{type(error).__name__}: {error}") from None
