"""`newsetl report`: write a self-contained HTML report of the warehouse."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsetl.commands.common import console, load_checked_settings
from settings import ConfigError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "report", help="write a self-contained HTML report (charts inline; no network to view)"
    )
    parser.add_argument("--output", help="HTML file to write (default: <data_dir>/report.html)")
    parser.set_defaults(handler=command_report)


def command_report(args: argparse.Namespace) -> int:
    from newsetl.report.build import write_report
    from warehouse import WarehouseMissing

    settings = load_checked_settings(args.config, needs_data_dir=False)
    output = Path(args.output) if args.output else settings.data_dir / "report.html"
    if args.output and not output.absolute().parent.is_dir():
        raise ConfigError(
            f"--output {output}: the folder {output.absolute().parent} does not exist "
            "(create it first; the report never creates folders outside data_dir)"
        )
    try:
        write_report(settings, output)
    except WarehouseMissing as error:
        console.print(str(error))
        return 1
    console.print(f"Report: {output.resolve()}")
    return 0
