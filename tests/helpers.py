"""Helpers shared by the test modules: fast loopback settings and read-only warehouse queries."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from newsetl.settings import Settings, load_settings
from warehouse import Warehouse

LOOPBACK_SETTINGS: dict[str, Any] = {
    "per_host_delay_seconds": 0.0,
    "max_in_flight": 8,
    "retry_backoff_seconds": 0.01,
    "request_timeout_seconds": 2.0,
    "lock_timeout_seconds": 60.0,
}


def fast_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a site on loopback: no politeness delay, short timeouts and back-offs."""
    return replace(
        load_settings(environ={}), data_dir=tmp_path / "data", **{**LOOPBACK_SETTINGS, **overrides}
    )


def rows(settings: Settings, sql: str, parameters: list | None = None) -> list[tuple]:
    with Warehouse.open(settings.warehouse_path, read_only=True) as warehouse:
        return warehouse.query(sql, parameters)[1]


def scalar(settings: Settings, sql: str, parameters: list | None = None) -> Any:
    return rows(settings, sql, parameters)[0][0]
