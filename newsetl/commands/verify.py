"""`newsetl verify`: is the warehouse intact, does every archived response match it, and are
the scale-out load packages (ready, committed, in flight, moved aside) sound?"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from newsetl.commands.common import console
from settings import Settings, load_settings


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "verify",
        help="read every warehouse table in full (block checksums), check every archived "
        "response against its recorded SHA-256 and every load package against its manifest; "
        "exit 1 when anything is damaged",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=15.0,
        help="seconds to retry while a run holds the warehouse (default 15)",
    )
    parser.set_defaults(handler=command_verify)


def command_verify(args: argparse.Namespace) -> int:
    from rich.table import Table

    from fetch.archive import read_archived
    from warehouse import WarehouseMissing
    from warehouse.verify import verify_warehouse

    settings = load_settings(args.config)
    try:
        report = verify_warehouse(
            settings.warehouse_path,
            lambda warc_file, offset: read_archived(settings.raw_dir, warc_file, offset).body,
            wait_seconds=args.wait,
        )
    except WarehouseMissing as error:
        console.print(str(error))
        return 1
    table = Table(title=f"newsetl verify: {settings.warehouse_path}")
    table.add_column("table")
    table.add_column("rows read", justify="right")
    for name, count in report.tables.items():
        table.add_row(name, str(count))
    console.print(table)
    console.print(f"Archived responses checked against their SHA-256: {report.records_checked}")
    packages_ok = _verify_packages(settings)
    if report.intact and packages_ok:
        console.print(
            "[green]intact: every table read in full, every archived body matches[/green]"
        )
        return 0
    if report.intact:
        return 1
    console.print(f"[red]damaged: {len(report.damage)} problem(s)[/red]")
    for damage in report.damage:
        console.print(f"[red]{damage.where}: {damage.reason}[/red]")
    return 1


def _verify_packages(settings: Settings) -> bool:
    """The load packages under `<data_dir>/packages` (scale-out): True when all are sound."""
    from flows.scale_out.loader import packages_dir
    from warehouse.package_retention import verify_packages

    directory = packages_dir(settings)
    if not directory.is_dir():
        return True
    report = verify_packages(
        directory,
        settings.raw_dir,
        now=datetime.now(UTC),
        abandoned_after_seconds=settings.abandoned_after_seconds,
    )
    counts = ", ".join(f"{name} {count}" for name, count in report.counts.items())
    console.print(f"Load packages checked against their manifests: {counts}")
    for where, what in report.problems:
        console.print(f"[red]packages/{where}: {what}[/red]")
    return not report.problems
