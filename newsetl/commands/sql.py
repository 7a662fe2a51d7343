"""`newsetl sql "..."`: a read-only query over the warehouse (or its Parquet exports)."""

from __future__ import annotations

import argparse
import csv
import sys

from newsetl.commands.common import console, load_checked_settings


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "sql",
        help="run a read-only SQL query over the warehouse (views: articles, article_changes, "
        "daily_publications, weekly_publications, source_health, quality_issues, stg_*)",
    )
    parser.add_argument("query", help='e.g. "SELECT source, count(*) FROM articles GROUP BY 1"')
    parser.add_argument(
        "--wait",
        type=float,
        default=15.0,
        help="seconds to retry while a run holds the warehouse (default 15)",
    )
    parser.add_argument(
        "--parquet",
        action="store_true",
        help="query the Parquet exports of the marts instead: never waits for a run",
    )
    parser.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    parser.set_defaults(handler=command_sql)


def command_sql(args: argparse.Namespace) -> int:
    from rich.table import Table

    from warehouse import WarehouseLocked, WarehouseMissing
    from warehouse.export import PARQUET_DIR_NAME, QueryFailed, read_query

    settings = load_checked_settings(args.config, needs_data_dir=False)
    try:
        columns, rows = read_query(
            settings.warehouse_path,
            settings.data_dir / PARQUET_DIR_NAME,
            args.query,
            parquet=args.parquet,
            wait_seconds=args.wait,
        )
    except WarehouseMissing as error:
        console.print(str(error))
        return 1
    except WarehouseLocked as error:
        console.print(f"[red]{error}[/red]\nOr query the Parquet exports: add --parquet.")
        return 3
    except QueryFailed as error:
        console.print(f"[red]{error}[/red]")
        return 2
    if args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
        return 0
    table = Table(title=f"{len(rows)} row(s)")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row))
    console.print(table)
    return 0
