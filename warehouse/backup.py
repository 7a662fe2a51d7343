"""A consistent copy of the warehouse file, restorable by copying it back."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from warehouse.connection import Warehouse


def backup_warehouse(path: Path, backup_dir: Path, now: datetime) -> Path:
    """Copy the DuckDB file (and its WAL, if any) into `backup_dir`; returns the copy.

    The caller holds the run lock, so no newsetl run writes meanwhile; the read-only open here
    also fails (WarehouseLocked) if any other process has the file open for writing.
    """
    backup_dir.mkdir(parents=True, exist_ok=True)
    target = backup_dir / f"{path.stem}-{now:%Y%m%dT%H%M%S}{path.suffix}"
    with Warehouse.open(path, read_only=True, wait_seconds=30):
        shutil.copy2(path, target)
        wal = path.with_name(path.name + ".wal")
        if wal.exists():
            shutil.copy2(wal, target.with_name(target.name + ".wal"))
    return target
