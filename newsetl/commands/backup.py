"""`newsetl backup`: a consistent copy of the warehouse, taken while no run writes."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from newsetl.commands.common import console, load_checked_settings

BACKUP_DIR_NAME = "backups"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "backup",
        help="a consistent copy of the warehouse (waits for a running run to finish first)",
    )
    parser.add_argument(
        "--output", type=Path, help="folder for the copy (default: <data_dir>/backups)"
    )
    parser.add_argument(
        "--wait", type=float, default=600.0, help="seconds to wait for a running run (default 600)"
    )
    parser.set_defaults(handler=command_backup)


def command_backup(args: argparse.Namespace) -> int:
    from flows.engine.resources import run_lock
    from warehouse import WarehouseMissing, backup_warehouse

    settings = load_checked_settings(args.config)
    output = args.output or settings.data_dir / BACKUP_DIR_NAME
    try:
        with run_lock(settings, wait_seconds=args.wait):
            copy = backup_warehouse(settings.warehouse_path, output, datetime.now(UTC))
    except WarehouseMissing as error:
        console.print(str(error))
        return 1
    console.print(f"Backup: {copy.resolve()}")
    console.print(f"Restore: stop runs, then copy it back over {settings.warehouse_path.resolve()}")
    return 0
