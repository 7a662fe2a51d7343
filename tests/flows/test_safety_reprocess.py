"""`reprocess` skips and records damaged or missing WARC records, and processes the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import rows

from flows.engine.source_run import run_source
from flows.operations.reprocess import reprocess_source
from newsetl.cli import main
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings


def garble_middle(path: Path, offset: int, length: int) -> None:
    """Overwrite bytes in the middle of one gzip member: the record no longer inflates."""
    data = bytearray(path.read_bytes())
    middle = offset + length // 2
    data[middle : middle + 32] = bytes(range(200, 232))
    path.write_bytes(bytes(data))


def test_reprocess_skips_damaged_and_missing_records_and_processes_the_rest(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    site = DemoSite(6)
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        run_source(settings, source)
        site.publish()
        run_source(settings, source)
    archived = rows(
        settings,
        "SELECT url, warc_file, warc_offset, warc_length, run_id FROM raw_responses "
        "WHERE purpose = 'article' AND outcome = 'fetched' ORDER BY fetched_at, url",
    )
    first_run = archived[0][4]
    damaged_url, warc_file, offset, length, _ = archived[2]
    garble_middle(settings.raw_dir / warc_file, offset, length)
    missing_url, missing_file = next((url, f) for url, f, _, _, run in archived if run != first_run)
    (settings.raw_dir / missing_file).unlink()

    summary = reprocess_source(settings, source)

    assert summary.status == "completed"
    assert summary.counts.failed == 2 and summary.counts.fetched == len(archived) - 2
    errors = dict(
        rows(
            settings, "SELECT url, reason FROM reprocess_errors WHERE run_id = ?", [summary.run_id]
        )
    )
    assert set(errors) == {damaged_url, missing_url}
    assert "FileNotFoundError" in errors[missing_url]
    assert errors[damaged_url]

    config = tmp_path / "config.toml"
    config.write_text(f'[settings]\ndata_dir = "{settings.data_dir}"\n')
    assert main(["reprocess", "--config", str(config), "--source", "demo"]) == 0
    output = capsys.readouterr().out
    assert "2 damaged or missing WARC record(s) skipped" in output
    assert "Traceback" not in output
