"""Read the marts, render the HTML, write it atomically."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from newsetl.report.data import load_report_data
from newsetl.report.render import render_html
from settings import Settings
from warehouse import Warehouse


def write_report(settings: Settings, output: Path, *, wait_seconds: float = 30.0) -> Path:
    with Warehouse.open(
        settings.warehouse_path, read_only=True, wait_seconds=wait_seconds
    ) as warehouse:
        data = load_report_data(settings, warehouse, datetime.now(UTC))
    output.parent.mkdir(parents=True, exist_ok=True)
    staged = output.with_name(output.name + ".tmp")
    staged.write_text(render_html(data), encoding="utf-8")
    os.replace(staged, output)
    return output
