"""`newsetl run`: one run of the pipeline over the enabled sources (or the named ones)."""

from __future__ import annotations

import argparse

from newsetl.commands.common import console, load_checked_settings, run_sources_command
from settings import ConfigError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "run", help="run the pipeline for the enabled sources (or --source)"
    )
    parser.add_argument("--source", action="append", help="source name; repeat for several")
    parser.add_argument(
        "--backfill", action="store_true", help="walk every listing page, not just new ones"
    )
    parser.set_defaults(handler=command_run)


def command_run(args: argparse.Namespace) -> int:
    settings = load_checked_settings(args.config, start_workers=args.backfill)
    names = args.source or None
    for name in names or []:
        settings.source(name)
    if names is None and not settings.enabled_sources():
        raise ConfigError("no enabled sources: name one with --source or enable one in the config")
    code = run_sources_command(settings, names, backfill=args.backfill, title="newsetl run")
    console.print(f"Warehouse: {settings.warehouse_path.resolve()}")
    return code
