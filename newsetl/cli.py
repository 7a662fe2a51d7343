"""The `newsetl` command. Each sub-command lives in its own module under `newsetl/commands/`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from newsetl.commands import (  # issue 14: scaling out
    backfill,
    cluster,
    demo,
    deploy,
    report,
    reprocess,
    run,
    serve,
    sql,
    status,
)
from newsetl.commands.common import console
from newsetl.settings import ConfigError

COMMAND_MODULES = (demo, run, status, serve, reprocess, sql, report, backfill, deploy, cluster)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsetl",
        description="Fetch university news, clean it, load versioned articles into DuckDB.",
    )
    parser.add_argument(
        "--config", help="TOML file with [settings] and [sources.*] (or $NEWSETL_CONFIG)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(commands)
    for command in commands.choices.values():
        command.add_argument(
            "--config", default=argparse.SUPPRESS, help="TOML file with [settings] and [sources.*]"
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from flows.steps import RunLocked
    from warehouse import WarehouseLocked

    try:
        return args.handler(args)
    except ConfigError as error:
        console.print(f"[red]configuration error: {error}[/red]")
        return 2
    except (RunLocked, WarehouseLocked) as error:
        console.print(f"[red]{error}[/red]")
        return 3


if __name__ == "__main__":
    sys.exit(main())
