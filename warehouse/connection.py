"""The door to the DuckDB file: opening it (waiting out another writer's lock), and the handle
every other warehouse module takes."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from warehouse.schema import create_views, migrate

LOCK_PID = re.compile(r"PID (\d+)")


class WarehouseLocked(RuntimeError):
    """Another process holds the DuckDB file (DuckDB allows one writer, and no readers then)."""


class WarehouseUnreadable(RuntimeError):
    """The warehouse file exists but DuckDB cannot open it (corrupt, or not a DuckDB file)."""


class WarehouseMissing(FileNotFoundError):
    """A read was asked of a warehouse that no run has created yet."""


def _lock_message(path: Path, error: Exception) -> str:
    pid = LOCK_PID.search(str(error))
    holder = f"process {pid.group(1)}" if pid else "another process"
    return (
        f"the warehouse {path} is locked by {holder}; DuckDB allows one writer at a time. "
        "Wait for that run to finish (or stop it) and try again."
    )


def connect(
    path: Path, *, read_only: bool = False, wait_seconds: float = 0.0
) -> duckdb.DuckDBPyConnection:
    """Open the file, retrying while another process holds its lock for up to `wait_seconds`."""
    if read_only and not path.exists():
        raise WarehouseMissing(
            f"no warehouse at {path} yet: run `newsetl demo` or `newsetl run` first"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            connection = duckdb.connect(str(path), read_only=read_only)
            connection.execute("SET TimeZone = 'UTC'")
            return connection
        except duckdb.ConnectionException as error:
            # this process holds the file open for writing (a run in progress): not damage
            raise WarehouseLocked(
                f"the warehouse {path} is open for writing by a run in this process: "
                f"{str(error).splitlines()[0]}"
            ) from None
        except duckdb.Error as error:
            if "lock" not in str(error).lower():
                reason = str(error).splitlines()[0] if str(error) else type(error).__name__
                raise WarehouseUnreadable(
                    f"cannot open the warehouse {path}: {reason}. Restore a copy made by "
                    "`newsetl backup`, or move the file aside to start a new warehouse."
                ) from None
            if time.monotonic() >= deadline:
                raise WarehouseLocked(_lock_message(path, error)) from None
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


class Warehouse:
    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    @contextmanager
    def open(
        cls, path: Path, *, read_only: bool = False, wait_seconds: float = 0.0
    ) -> Iterator[Warehouse]:
        connection = connect(path, read_only=read_only, wait_seconds=wait_seconds)
        try:
            if not read_only:
                create_views(connection, force=bool(migrate(connection)))
            yield cls(connection, path)
        finally:
            connection.close()

    def query(
        self, sql: str, parameters: Sequence[Any] | None = None
    ) -> tuple[list[str], list[tuple]]:
        cursor = self.connection.execute(sql, parameters or [])
        columns = [column[0] for column in cursor.description or []]
        return columns, cursor.fetchall()
