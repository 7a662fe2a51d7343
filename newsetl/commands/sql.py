"""`newsetl sql "..."`: a read-only query over the warehouse (or its Parquet exports)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from newsetl.commands.common import console, load_checked_settings

FORMATS = ("table", "csv", "json", "line")


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
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (default; wide values wrap), csv, json (an array of objects) or line "
        "(one `column = value` line per field, rows apart: DuckDB's .mode line); csv, json "
        "and line print every value in full",
    )
    parser.add_argument("--csv", action="store_true", help="the same as --format csv")
    parser.set_defaults(handler=command_sql)


def command_sql(args: argparse.Namespace) -> int:
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
    output_format = "csv" if args.csv else args.format
    if output_format == "table":
        print_table(columns, rows)
    else:
        sys.stdout.write(WRITERS[output_format](columns, rows))
    return 0


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} row(s)")
    for column in columns:
        table.add_column(Text(column), overflow="fold")
    for row in rows:  # as Text: a value like "[red]" is data, never markup
        table.add_row(*(Text("" if value is None else str(value)) for value in row))
    console.print(table)


def as_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def as_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """An array of objects, one per row; dates, decimals and the like as their text."""
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"


def as_lines(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """DuckDB's `.mode line`: `column = value`, names right-aligned, a blank line between rows."""
    width = max((len(column) for column in columns), default=0)
    blocks = [
        "\n".join(
            f"{column:>{width}} = {'NULL' if value is None else value}"
            for column, value in zip(columns, row, strict=True)
        )
        for row in rows
    ]
    return "\n\n".join(blocks) + ("\n" if blocks else "")


WRITERS = {"csv": as_csv, "json": as_json, "line": as_lines}
