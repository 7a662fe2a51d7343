"""`newsetl status`: last runs and counts per source, read from the warehouse."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsetl.commands.arguments import positive_int
from newsetl.commands.common import console, load_checked_settings

if TYPE_CHECKING:
    from flows.operations.health import SourceHealth


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "status", help="last runs and counts per source, from the warehouse"
    )
    parser.add_argument(
        "--runs", type=positive_int, default=5, help="runs to show per source (default 5)"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a source is flagged (for monitoring)"
    )
    parser.add_argument("--source", help="show only this source")
    parser.set_defaults(handler=command_status)


def command_status(args: argparse.Namespace) -> int:
    from rich.table import Table

    from flows.operations.health import FAILED_STATUSES, source_health
    from warehouse import Warehouse, WarehouseMissing, readers

    settings = load_checked_settings(args.config, needs_data_dir=False)
    try:
        with Warehouse.open(settings.warehouse_path, read_only=True, wait_seconds=10) as warehouse:
            runs = [
                list(row.values()) for row in readers.latest_runs_per_source(warehouse, args.runs)
            ]
            per_source = [
                list(row.values()) for row in readers.article_totals_per_source(warehouse)
            ]
            health = source_health(settings, warehouse)
    except WarehouseMissing as error:
        console.print(str(error))
        return 1
    if args.source:
        settings.source(args.source)  # an unknown name is a configuration error
        runs = [row for row in runs if row[0] == args.source]
        per_source = [row for row in per_source if row[0] == args.source]
        health = [row for row in health if row.source == args.source]
    table = Table(title=f"Last runs ({settings.warehouse_path})")
    for header in (
        "source",
        "run",
        "status",
        "started (UTC)",
        "new",
        "versions",
        "deleted",
        "failed",
        "error",
    ):
        table.add_column(header)
    for source, run_id, status, started_at, new, versions, deleted, failed, error in runs:
        colour = (
            "green" if status == "completed" else "red" if status in FAILED_STATUSES else "yellow"
        )
        table.add_row(
            source, run_id, f"[{colour}]{status}[/{colour}]", f"{started_at:%Y-%m-%d %H:%M:%S}",
            str(new), str(versions), str(deleted), str(failed), (error or "")[:80],
        )  # fmt: skip
    console.print(table)
    counts = Table(title="Per source")
    for header in (
        "source",
        "current articles",
        "versions",
        "deleted",
        "quarantined",
        "last change (UTC)",
    ):
        counts.add_column(header)
    for source, articles, versions, deleted, quarantined, last_change in per_source:
        counts.add_row(
            source,
            str(articles),
            str(versions),
            str(deleted),
            str(quarantined),
            f"{last_change:%Y-%m-%d %H:%M}",
        )
    console.print(counts)
    print_health(health)
    return 1 if args.check and any(h.flags for h in health) else 0


def print_health(health: list[SourceHealth]) -> None:
    from rich.table import Table

    table = Table(title="Source health")
    for header in ("source", "last success (UTC)", "failures 30 d", "hours since new", "flags"):
        table.add_column(header)
    for row in health:
        rate = f"{row.failure_rate_30d:.0%}" if row.failure_rate_30d is not None else ""
        flags = ", ".join(row.flags) or "ok"
        colour = "red" if row.flags else "green"
        table.add_row(
            row.source,
            f"{row.last_success_at:%Y-%m-%d %H:%M}" if row.last_success_at else "never",
            rate,
            _hours_since_new(row),
            f"[{colour}]{flags}[/{colour}]",
        )
    console.print(table)
    for row in health:
        for reason in row.describe_flags():
            console.print(f"[red]{row.source}: {reason}[/red]")


def _hours_since_new(row: SourceHealth) -> str:
    """Hours since the last new article; "never" for a source that never loaded one (its
    clock would otherwise start at a run that found nothing)."""
    if row.last_success_at is None and row.last_new_article_at is None:
        return "never"
    if row.hours_since_new_article is None:
        return ""
    return f"{row.hours_since_new_article:.0f}"
