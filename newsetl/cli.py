"""The `newsetl` command. Each sub-command lives in its own module under `newsetl/commands/`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence

from newsetl.commands import (
    add_source,
    backfill,
    backup,
    check,
    cluster,
    demo,
    deploy,
    report,
    reprocess,
    run,
    serve,
    sql,
    status,
    try_page,
    verify,
)
from newsetl.commands.common import console
from settings import ConfigError, load_settings

COMMAND_MODULES = (
    demo,
    check,
    try_page,
    add_source,
    run,
    status,
    serve,
    reprocess,
    sql,
    report,
    backfill,
    backup,
    verify,
    deploy,
    cluster,
)
DEBUG_ENV = "NEWSETL_DEBUG"

# The documented exit codes.
EXIT_OK, EXIT_RUN_FAILED, EXIT_CONFIG, EXIT_LOCKED = 0, 1, 2, 3


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


class Stopped(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so every `finally` and `except BaseException` runs."""


def _stop_on_sigterm(signal_number: int, frame: object) -> None:
    raise Stopped(f"stopped by signal {signal.Signals(signal_number).name}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; errors become one line and a documented exit code, never a traceback
    (set NEWSETL_DEBUG=1 to see the traceback of an unexpected error)."""
    args = build_parser().parse_args(argv)

    # The default SIGTERM ends the process at once: no rollback, the run left "running", and
    # the temporary Prefect server (stopped at exit) left behind. As an exception, it unwinds.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        return args.handler(args)
    except KeyboardInterrupt as stop:
        console.print(
            f"[red]{stop or 'interrupted'}: the batch in flight was rolled back, "
            "the run is recorded as interrupted[/red]"
        )
        return 130
    except ConfigError as error:
        from flows.operations.config_check import all_problems

        for line in all_problems(error):
            console.print(f"configuration error: {line}", style="red", markup=False)
        return EXIT_CONFIG
    except OSError as error:
        if os.environ.get(DEBUG_ENV):
            raise
        if problem := _storage_problem(error, args):
            console.print(f"[red]{problem}[/red]")
            return EXIT_RUN_FAILED
        where = f"{error.filename}: " if error.filename else ""
        console.print(
            f"[red]{where}{error.strerror or error}: check that path and its permissions[/red]"
        )
        return EXIT_CONFIG
    except Exception as error:
        if (code := _locked_or_unreadable(error)) is not None:
            return code
        if os.environ.get(DEBUG_ENV):
            raise
        if problem := _storage_problem(error, args):
            console.print(f"[red]{problem}[/red]")
            return EXIT_RUN_FAILED
        console.print(
            f"[red]{type(error).__name__}: {error}[/red]\n"
            f"(unexpected; set {DEBUG_ENV}=1 for the traceback and report it)"
        )
        return EXIT_RUN_FAILED


def _locked_or_unreadable(error: Exception) -> int | None:
    """A run or the warehouse locked (exit 3), the warehouse unreadable (exit 2): one line.

    Imported here, on the error path only: a command that never opens the warehouse does not
    pay for importing flows and DuckDB. (None of these is an OSError.)"""
    from flows.engine.resources import RunLocked
    from warehouse import WarehouseLocked, WarehouseUnreadable

    if isinstance(error, RunLocked | WarehouseLocked):
        console.print(f"[red]{error}[/red]")
        return EXIT_LOCKED
    if isinstance(error, WarehouseUnreadable):
        console.print(f"[red]{error}[/red]")
        return EXIT_CONFIG
    return None


def _storage_problem(error: Exception, args: argparse.Namespace) -> str | None:
    """A damaged warehouse or a full disk as one line, not a traceback."""
    from warehouse.integrity import storage_problem

    try:
        data_dir = load_settings(args.config).data_dir
    except ConfigError:
        return None
    return storage_problem(error, data_dir)


if __name__ == "__main__":
    sys.exit(main())
