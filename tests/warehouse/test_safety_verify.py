"""`newsetl verify` finds damage; damaged files and full disks are one clear line, no traceback."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import fast_settings, rows

from fetch.archive import WarcArchive
from flows.engine.source_run import run_source
from flows.operations.reprocess import reprocess_source
from newsetl.cli import main
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings

HEADER_BYTES = 3 * 4096
BLOCK_BYTES = 256 * 1024


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory after one demo run, copied by each test that damages it."""
    settings = fast_settings(tmp_path_factory.mktemp("pristine"))
    with DemoServer(DemoSite(12)) as server:
        run_source(settings, settings.source("demo").with_base_url(server.base_url))
    return settings.data_dir


@pytest.fixture
def data(pristine: Path, tmp_path: Path) -> Iterator[tuple[Settings, Path]]:
    settings = fast_settings(tmp_path)
    shutil.copytree(pristine, settings.data_dir)
    config = tmp_path / "config.toml"
    config.write_text(f'[settings]\ndata_dir = "{settings.data_dir}"\n')
    yield settings, config


def newsetl(capsys: pytest.CaptureFixture, config: Path, *args: str) -> tuple[int, str]:
    code = main([args[0], "--config", str(config), *args[1:]])
    return code, capsys.readouterr().out


def test_verify_passes_an_intact_warehouse(data, capsys) -> None:
    settings, config = data
    code, output = newsetl(capsys, config, "verify")
    assert code == 0, output
    assert "intact" in output and "raw_responses" in output


def test_verify_finds_a_garbled_block_that_status_does_not_notice(data, capsys) -> None:
    settings, config = data
    path = settings.warehouse_path
    original = path.read_bytes()
    blocks = (len(original) - HEADER_BYTES) // BLOCK_BYTES
    damaged_table = None
    for block in range(1, blocks):
        garbled = bytearray(original)
        start = HEADER_BYTES + block * BLOCK_BYTES + 64
        garbled[start : start + 64] = b"\xa5" * 64
        path.write_bytes(bytes(garbled))
        status_code, status_output = newsetl(capsys, config, "status")
        code, output = newsetl(capsys, config, "verify")
        assert "Traceback" not in status_output + output
        if status_code == 0 and code == 1:
            damaged_table = next(
                line.split(":")[0].removeprefix("table ")
                for line in output.splitlines()
                if line.startswith("table ")
            )
            break
    assert damaged_table, "no garbled block went unnoticed by status, or verify missed it"
    assert "damaged" in output and "checksum" in output
    code, output = newsetl(capsys, config, "sql", f"SELECT * FROM {damaged_table}")
    assert code == 2 and "is damaged" in output and "newsetl verify" in output
    assert "Traceback" not in output


def test_verify_finds_a_warc_record_that_differs_and_a_missing_warc(data, capsys) -> None:
    settings, config = data
    url, warc_file, offset, run_id = rows(
        settings,
        "SELECT url, warc_file, warc_offset, run_id FROM raw_responses "
        "WHERE warc_file IS NOT NULL ORDER BY warc_offset DESC LIMIT 1",
    )[0]
    warc = settings.raw_dir / warc_file
    with warc.open("r+b") as handle:
        handle.truncate(offset)  # the last record, written again with another body
    WarcArchive(settings.raw_dir, "demo", run_id).append(url, 200, "OK", {}, b"<p>forged</p>")
    code, output = newsetl(capsys, config, "verify")
    assert code == 1
    assert f"WARC {warc_file} at {offset}" in output and "SHA-256 differs" in output

    warc.unlink()
    code, output = newsetl(capsys, config, "verify")
    assert code == 1 and "FileNotFoundError" in output and "Traceback" not in output


def test_a_full_disk_says_no_space_left_on_device(data, capsys) -> None:
    settings, config = data
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full to stand in for a full disk")
    wal = settings.warehouse_path.with_name(settings.warehouse_path.name + ".wal")
    os.symlink("/dev/full", wal)
    with pytest.raises(Exception, match="No space left on device") as raised:
        reprocess_source(settings, settings.source("demo"))
    assert "cannot rollback" not in str(raised.value)
    code, output = newsetl(capsys, config, "reprocess", "--source", "demo")
    assert code == 1
    assert "no space left on device" in output and "Traceback" not in output
