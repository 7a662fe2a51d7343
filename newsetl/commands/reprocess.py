"""`newsetl reprocess`: re-run the transforms over archived responses (no network)."""

from __future__ import annotations

import argparse

from newsetl.commands.common import console, load_checked_settings, print_runs


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "reprocess",
        help="re-extract archived pages after an extractor change (no network); "
        "changed articles get change_kind 'extractor' versions",
    )
    parser.add_argument("--source", action="append", help="source name; repeat for several")
    parser.set_defaults(handler=command_reprocess)


def command_reprocess(args: argparse.Namespace) -> int:
    # first: the transform workers start while the pipeline is imported
    settings = load_checked_settings(args.config, start_workers=True)
    from flows.operations.reprocess import reprocess_source

    names = args.source or [source.name for source in settings.sources.values()]
    rows = []
    skipped: list[str] = []
    for name in names:
        source = settings.source(name)
        summary = reprocess_source(settings, source)
        if summary.status != "skipped" or args.source:
            rows.append(summary.as_row())
        if summary.status == "skipped" and args.source:
            skipped.append(name)
    print_runs(rows, "newsetl reprocess (fetched = archived pages re-extracted)")
    for row in rows:
        if row.get("failed"):
            console.print(
                f"[yellow]{row['source']}: {row['failed']} damaged or missing WARC record(s) "
                "skipped; the table reprocess_errors says which and why "
                "(`newsetl verify` checks the whole archive)[/yellow]"
            )
    for name in skipped:
        console.print(
            f"[yellow]{name}: skipped: no archived page to re-extract (no run of {name} has "
            f"fetched an article yet: `newsetl run --source {name}` first)[/yellow]"
        )
    console.print(f"Warehouse: {settings.warehouse_path.resolve()}")
    return 0
