"""Is the warehouse intact? `newsetl verify` reads every table in full, so DuckDB checks every
block's checksum, and compares each archived response with the SHA-256 recorded at fetch time.
Also: the one-line explanations of a damaged file or a full disk, instead of a traceback."""

from __future__ import annotations

import contextlib
import errno
import hashlib
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


def verify_warehouse(warehouse_path: Path, raw_dir: Path, *, wait_seconds: float) -> VerifyReport:
    """Read every table of the warehouse in full, then check every archived response."""
    from fetch.archive import read_archived
    from warehouse.store import Warehouse

    report = VerifyReport()
    try:
        with Warehouse.open(warehouse_path, read_only=True, wait_seconds=wait_seconds) as warehouse:
            connection = warehouse.connection
            tables = [
                row[0]
                for row in connection.execute(
                    "SELECT table_name FROM duckdb_tables() "
                    "WHERE database_name = current_database() ORDER BY table_name"
                ).fetchall()
            ]
            for table in tables:
                try:
                    # hashing every column makes DuckDB read, and checksum, every block
                    report.tables[table] = connection.execute(
                        f'SELECT count(*), bit_xor(hash(COLUMNS(*))) FROM "{table}"'
                    ).fetchone()[0]
                except duckdb.Error as error:
                    report.damage.append(Damage(f"table {table}", _first_line(error)))
            if "raw_responses" not in report.tables:
                return report
            archived = connection.execute(
                "SELECT response_id, url, warc_file, warc_offset, body_sha256 FROM raw_responses "
                "WHERE warc_file IS NOT NULL ORDER BY warc_file, warc_offset"
            ).fetchall()
    except (duckdb.Error, OSError) as error:
        if isinstance(error, duckdb.IOException) and "lock" in str(error).lower():
            raise
        report.damage.append(Damage(f"warehouse file {warehouse_path}", _first_line(error)))
        return report
    for response_id, url, warc_file, offset, sha256 in archived:
        report.records_checked += 1
        where = f"WARC {warc_file} at {offset} (response {response_id}, {url})"
        try:
            body = read_archived(raw_dir, warc_file, offset).body
        except Exception as error:  # noqa: BLE001 - any failure to read back is damage
            report.damage.append(Damage(where, f"{type(error).__name__}: {_first_line(error)}"))
            continue
        if sha256 and hashlib.sha256(body).hexdigest() != sha256:
            report.damage.append(Damage(where, "body SHA-256 differs from the one recorded"))
    return report


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
            f"the warehouse {data_dir / 'warehouse.duckdb'} is damaged ({_first_line(error)}); "
            "run `newsetl verify` to see what, then restore it from a backup or move it "
            "aside and rebuild it with `newsetl backfill`"
        )
    return None


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
