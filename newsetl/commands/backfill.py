"""`newsetl backfill --source X`: walk a source's whole archive, resumable after an interruption."""

from __future__ import annotations

import argparse

from newsetl.commands.arguments import http_url
from newsetl.commands.common import console, load_checked_settings, print_runs


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "backfill",
        help="walk every listing page / full sitemap of a source; resumes where it stopped",
    )
    parser.add_argument("--source", required=True, help="source name")
    parser.add_argument(
        "--base-url", type=http_url, help="serve the source from another address (tests, mirrors)"
    )
    parser.add_argument(
        "--restart", action="store_true", help="forget an unfinished walk and start from page 1"
    )
    parser.set_defaults(handler=command_backfill)


def command_backfill(args: argparse.Namespace) -> int:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    # first: the transform workers start while the pipeline is imported
    settings = load_checked_settings(args.config, start_workers=True)
    from flows.engine.resources import RunLocked, open_warehouse
    from flows.engine.source_run import run_source
    from warehouse import WarehouseLocked, frontier

    source = settings.source(args.source)
    if args.base_url:
        source = source.with_base_url(args.base_url)
    if args.restart:
        with open_warehouse(settings) as warehouse:
            frontier.reset_cursors(warehouse, source.name)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    # Transient: the bar is cleared when the walk ends, so an error (printed after) is the
    # last thing on the screen, never followed by a redrawn bar.
    with Progress(*columns, console=console, transient=True) as bar:
        listing = bar.add_task(f"{source.name}: listing pages", total=None)
        pages = bar.add_task(f"{source.name}: articles", total=None, visible=False)

        def progress(stage: str, done: int, total: int | None) -> None:
            task = listing if stage == "listing" else pages
            bar.update(task, completed=done, total=total, visible=True)

        try:
            summary = run_source(settings, source, backfill=True, progress=progress)
        except (RunLocked, WarehouseLocked):
            raise
        except Exception as error:  # noqa: BLE001 - the run is recorded as failed; say why
            failure = error
        else:
            failure = None
    if failure is not None:
        console.print(f"[red]backfill of {source.name} failed: {failure}[/red]")
        console.print(
            f"Is {source.base_url} reachable? (The demo site: `uv run newsetl demo --serve`, "
            "then `--base-url` with the address it prints.) Run the backfill again: it "
            "resumes where it stopped."
        )
        return 1
    print_runs([summary.as_row()], f"newsetl backfill {source.name}")
    console.print(f"Warehouse: {settings.warehouse_path.resolve()}")
    return 0 if summary.status == "completed" else 1
