"""Is the warehouse intact? `newsetl verify` reads every table in full, so DuckDB checks every
block's checksum, and compares each archived response with the SHA-256 recorded at fetch time.
Also: the one-line explanations of a damaged file or a full disk, instead of a traceback."""

from __future__ import annotations

import contextlib
import errno
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

CORRUPTION_MARKERS = ("corrupt", "checksum", "invalid database file", "not a valid duckdb")
NO_SPACE = "no space left on device"


@dataclass(frozen=True)
class Damage:
    where: str  # "table runs", "warehouse file", "WARC raw/demo/x.warc.gz at 1234"
    reason: str


@dataclass
class VerifyReport:
    tables: dict[str, int] = field(default_factory=dict)  # table -> rows read
    records_checked: int = 0
    damage: list[Damage] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.damage


def rollback_keeping_the_cause(connection: duckdb.DuckDBPyConnection) -> None:
    """Roll back after a failed write; a failed commit (a full disk) has ended the transaction
    already, and "cannot rollback" must not replace the error that says why."""
    with contextlib.suppress(duckdb.Error):
        connection.execute("ROLLBACK")


def storage_problem(error: BaseException, data_dir: Path) -> str | None:
    """One line saying what is wrong with the files and what to do, or None if it is not that."""
    text = str(error)
    lowered = text.lower()
    if NO_SPACE in lowered or (isinstance(error, OSError) and error.errno == errno.ENOSPC):
        return (
            f"no space left on device writing to {data_dir}: the batch in flight was rolled "
            "back; free some space and run again"
        )
    if isinstance(error, duckdb.Error) and any(m in lowered for m in CORRUPTION_MARKERS):
        return (
            f"the warehouse {data_dir / 'warehouse.duckdb'} is damaged ({first_line(error)}); "
            "run `newsetl verify` to see what, then restore it from a backup or move it "
            "aside and rebuild it with `newsetl backfill`"
        )
    return None


def first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
