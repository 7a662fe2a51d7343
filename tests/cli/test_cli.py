"""The `newsetl` command as a user runs it: a real process, a real Prefect (ephemeral) run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from newsetl.demo_site import DemoServer, DemoSite

NEWSETL = Path(sys.executable).with_name("newsetl")


def newsetl(
    *args: str, cwd: Path, timeout: float = 240, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    environment = {name: value for name, value in os.environ.items() if name != "NEWSETL_DATA_DIR"}
    environment.update(env or {})
    return subprocess.run(
        [str(NEWSETL), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
    )


def table_row(output: str, source: str) -> list[str]:
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
        if cells and cells[0] == source:
            return cells
    raise AssertionError(f"no row for {source!r} in:\n{output}")


def test_demo_twice_shows_new_edited_and_deleted_articles_then_status(tmp_path: Path) -> None:
    first = newsetl("demo", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    row = table_row(first.stdout, "demo")
    assert row[1] == "completed" and row[3] == "30" and row[6] == "30" and row[10] == "0"
    assert f"Warehouse: {tmp_path / 'data' / 'warehouse.duckdb'}" in first.stdout
    assert (tmp_path / "data" / "warehouse.duckdb").exists()
    assert list((tmp_path / "data" / "raw" / "demo").glob("*.warc.gz"))

    second = newsetl("demo", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    row = table_row(second.stdout, "demo")
    # one published (new URL), one edited (new version), one deleted; the rest answer 304
    assert (row[3], row[6], row[7], row[8], row[10]) == ("1", "1", "1", "1", "0")

    status = newsetl("status", cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    assert "completed" in status.stdout
    assert table_row(status.stdout.split("Per source")[1], "demo")[1:4] == ["30", "32", "1"]


def test_data_dir_comes_from_the_environment(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    result = newsetl(
        "demo", "--articles", "5", cwd=tmp_path, env={"NEWSETL_DATA_DIR": str(elsewhere)}
    )
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "warehouse.duckdb").exists() and not (tmp_path / "data").exists()


def test_run_against_the_real_site_fails_fast_with_a_network_error(tmp_path: Path) -> None:
    result = newsetl("run", "--source", "bit", cwd=tmp_path)
    assert result.returncode == 1
    assert "network_error" in result.stdout and "english.bit.edu.cn" in result.stdout
    assert table_row(result.stdout, "bit")[1] == "failed"


def test_run_with_the_users_own_sources(tmp_path: Path) -> None:
    with DemoServer(DemoSite(12)) as server:
        config = tmp_path / "my-sources.toml"
        config.write_text(
            "[settings]\nper_host_delay_seconds = 0\n\n"
            "[sources.campus]\n"
            f'base_url = "{server.base_url}"\n'
            'listing_paths = ["/news/node_1.htm"]\n'
            "article_url_pattern = '/c_\\d+\\.htm$'\n"
            'timezone = "Asia/Shanghai"\nprofile = "bit"\n'
        )
        result = newsetl("run", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    row = table_row(result.stdout, "campus")
    assert row[1] == "completed" and row[6] == "12"


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(
        '[sources.x]\nbase_url = "ftp://example.org"\nlisting_paths = ["/"]\narticle_url_pattern = "."\n'
    )
    result = newsetl("run", "--config", str(config), cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "configuration error" in result.stdout and "base_url must be http(s)" in result.stdout


def test_unknown_profile_is_a_configuration_error(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(
        '[sources.x]\nbase_url = "https://example.org"\nlisting_paths = ["/"]\n'
        'article_url_pattern = "."\nprofile = "nope"\n'
    )
    result = newsetl("run", "--config", str(config), cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, result.stdout
    assert "configuration error" in lines[0] and "unknown profile 'nope'" in lines[0]


def test_status_says_clearly_when_the_warehouse_is_locked(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    holder = duckdb.connect(str(tmp_path / "data" / "warehouse.duckdb"))
    try:
        holder.execute("CREATE TABLE t (x INTEGER)")
        # the lock is per process: only another process sees it
        result = newsetl("status", cwd=tmp_path, timeout=60)
    finally:
        holder.close()
    assert result.returncode == 3, result.stdout + result.stderr
    assert "is locked by process" in result.stdout and "Traceback" not in result.stderr


def test_status_before_any_run(tmp_path: Path) -> None:
    result = newsetl("status", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert "no warehouse" in result.stdout


@pytest.mark.flow
def test_round_flow_runs_each_source_and_reports_failures(
    prefect_harness, settings, demo_server, monkeypatch
) -> None:
    from flows.orchestration.pipeline import SourceRunsFailed, round_flow

    monkeypatch.setenv("NEWSETL_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("NEWSETL_RETRY_BACKOFF_SECONDS", "0.01")
    rows = round_flow(source_names=["demo"], base_urls={"demo": demo_server.base_url})
    assert rows[0]["status"] == "completed" and rows[0]["new_articles"] == 30
    state = round_flow(
        source_names=["demo", "bit"],
        base_urls={"demo": demo_server.base_url, "bit": "http://127.0.0.1:9"},
        return_state=True,
    )
    assert state.is_failed()
    with pytest.raises(SourceRunsFailed, match="1 of 2 sources failed: bit"):
        state.result()
