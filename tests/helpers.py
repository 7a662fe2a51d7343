"""Helpers shared by the test modules: fast loopback settings, read-only warehouse queries, and
waiting for a condition (with a bound, so a broken run fails instead of hanging)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from fetch.http import FetchPolicy
from settings import Settings, load_settings
from warehouse import Warehouse

LOOPBACK_SETTINGS: dict[str, Any] = {
    "per_host_delay_seconds": 0.0,
    "max_in_flight": 8,
    "retry_backoff_seconds": 0.01,
    "request_timeout_seconds": 2.0,
    "lock_timeout_seconds": 60.0,
}


# A fetcher's policy for a site on loopback: no politeness delay, short timeouts and back-offs.
LOOPBACK_POLICY = FetchPolicy(
    "newsetl/0.1 (test)",
    timeout_seconds=1.0,
    backoff_seconds=0.01,
    per_host_delay_seconds=0.0,
    max_in_flight=8,
    max_body_bytes=1024 * 1024,
)


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


def wait_until(
    condition: Callable[[], Any],
    *,
    timeout: float,
    what: str,
    process: subprocess.Popen | None = None,
    poll_seconds: float = 0.1,
) -> Any:
    """Poll `condition` until it is truthy and return its value; fail when `process` exits first
    or after `timeout` seconds (a bound against hanging, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            output = process.communicate()
            raise AssertionError(f"the process exited before {what}: {output}")
        time.sleep(poll_seconds)
    raise AssertionError(f"timed out waiting for {what}")


NEWSETL = Path(sys.executable).with_name("newsetl")
OWN_PREFIXES = ("NEWSETL_", "PREFECT_")


def clean_environment(**env: str) -> dict[str, str]:
    """The environment without any NEWSETL_* or PREFECT_* variable but those given."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(OWN_PREFIXES)}
    return {**kept, **env}


def run_newsetl(
    *args: str, cwd: Path, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess:
    """`newsetl ARGS` as a user types it, in `cwd`, with only the given NEWSETL_*/PREFECT_*."""
    return subprocess.run(
        [str(NEWSETL), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=clean_environment(**env),
    )
