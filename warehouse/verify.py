"""`newsetl verify`: read every table in full (DuckDB checks each block's checksum as it reads)
and every archived response back against its SHA-256."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb

from warehouse.connection import Warehouse
from warehouse.integrity import Damage, VerifyReport, first_line


def verify_warehouse(
    warehouse_path: Path, read_archived_body: Callable[[str, int], bytes], *, wait_seconds: float
) -> VerifyReport:
    """Read every table of the warehouse in full, then check every archived response (its body
    read back by `read_archived_body(warc_file, offset)`) against its recorded SHA-256."""

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
                    report.damage.append(Damage(f"table {table}", first_line(error)))
            if "raw_responses" not in report.tables:
                return report
            archived = connection.execute(
                "SELECT response_id, url, warc_file, warc_offset, body_sha256 FROM raw_responses "
                "WHERE warc_file IS NOT NULL ORDER BY warc_file, warc_offset"
            ).fetchall()
    except (duckdb.Error, OSError) as error:
        if isinstance(error, duckdb.IOException) and "lock" in str(error).lower():
            raise
        report.damage.append(Damage(f"warehouse file {warehouse_path}", first_line(error)))
        return report
    for response_id, url, warc_file, offset, sha256 in archived:
        report.records_checked += 1
        where = f"WARC {warc_file} at {offset} (response {response_id}, {url})"
        try:
            body = read_archived_body(warc_file, offset)
        except Exception as error:  # noqa: BLE001 - any failure to read back is damage
            report.damage.append(Damage(where, f"{type(error).__name__}: {first_line(error)}"))
            continue
        if sha256 and hashlib.sha256(body).hexdigest() != sha256:
            report.damage.append(Damage(where, "body SHA-256 differs from the one recorded"))
    return report
