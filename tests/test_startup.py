"""A command's start-up imports only what parsing its arguments needs (issue: cheap start-up).

Each check runs in a fresh interpreter: this test process has long since imported everything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Imported by the command that needs them, never to build the parser (`newsetl --help`).
HEAVY = (
    "prefect",
    "duckdb",
    "httpx",
    "lxml",
    "warcio",
    "trafilatura",
    "htmldate",
    "dateparser",
    "feedparser",
    "w3lib",
    "rich.progress",
    "flows",
    "fetch",
    "warehouse",
    "transforms",
    "newsetl.report",
    "newsetl.demo_site",
)


def imported_after(code: str, candidates: tuple[str, ...]) -> list[str]:
    """Which of `candidates` (packages or modules) a fresh interpreter has imported after `code`."""
    check = (
        f"{code}\n"
        f"candidates = {candidates!r}\n"
        "print(' '.join(sorted(c for c in candidates"
        " if any(m == c or m.startswith(c + '.') for m in sys.modules))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_parser_of_every_command_imports_nothing_heavy() -> None:
    code = "import sys\nimport newsetl.cli\nnewsetl.cli.build_parser()"
    assert imported_after(code, HEAVY) == []


def test_the_check_sees_a_heavy_import() -> None:
    """The check itself can fail: a module the code imports is reported."""
    code = "import sys\nimport newsetl.cli\nimport duckdb"
    assert imported_after(code, HEAVY) == ["duckdb"]


def test_the_sql_command_parses_its_arguments_without_prefect_or_flows() -> None:
    code = (
        "import argparse, sys\n"
        "from newsetl.commands import sql\n"
        "parser = argparse.ArgumentParser(prog='newsetl')\n"
        "sql.register(parser.add_subparsers(dest='command', required=True))\n"
        "args = parser.parse_args(['sql', 'select 1', '--csv'])\n"
        "assert args.handler is sql.command_sql and args.csv, args"
    )
    assert imported_after(code, ("prefect", "flows", "duckdb")) == []


def test_the_errors_main_imports_late_are_not_oserrors() -> None:
    """`main` tells locks and an unreadable warehouse apart inside `except Exception`, after
    `except OSError`: that is the order it had only while none of them is an OSError."""
    from flows.engine.resources import RunLocked
    from warehouse import WarehouseLocked, WarehouseUnreadable

    for error in (RunLocked, WarehouseLocked, WarehouseUnreadable):
        assert not issubclass(error, OSError), error


def test_checking_a_configuration_does_not_start_prefect() -> None:
    """Every command checks its configuration (crons included) first; `sql` or `status` then
    never need Prefect."""
    code = (
        "import sys\n"
        "from settings import load_settings\n"
        "from flows.operations.config_check import config_problems\n"
        "assert config_problems(load_settings(environ={}), needs_data_dir=False) == []\n"
    )
    assert imported_after(code, ("prefect", "httpx", "duckdb")) == []
