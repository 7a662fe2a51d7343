"""Settings the benchmarks share: the loopback demo site, politeness off."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsetl.settings import Settings, load_settings


def loopback_settings(data_dir: Path) -> Settings:
    return replace(
        load_settings(environ={}), data_dir=data_dir, per_host_delay_seconds=0.0, max_in_flight=8
    )
