"""`newsetl run` as a user types it (issue 18, issue 20): exit codes and one line per problem."""

from __future__ import annotations

import subprocess
from pathlib import Path

from filelock import FileLock
from helpers import run_newsetl


def newsetl(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run_newsetl(*args, cwd=cwd, timeout=240, PREFECT_HOME=str(cwd / "prefect-home"))


def config_with_unreachable_source(tmp_path: Path, lock_timeout: float = 600.0) -> Path:
    config = tmp_path / "newsetl.toml"
    config.write_text(
        f'[settings]\ndata_dir = "{tmp_path / "data"}"\nmax_attempts = 1\n'
        f"lock_timeout_seconds = {lock_timeout}\n\n"
        '[sources.gone]\nbase_url = "http://127.0.0.1:9"\nlisting_paths = ["/news/"]\n'
        "article_url_pattern = '/a/\\d+\\.htm$'\n"
    )
    return config


def test_a_source_that_cannot_be_reached_is_one_failed_row_and_its_error_once(
    tmp_path: Path,
) -> None:
    result = newsetl("--config", str(config_with_unreachable_source(tmp_path)), "run", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "gone" in result.stdout and "failed" in result.stdout
    assert result.stdout.count("127.0.0.1:9/news/") == 1, result.stdout
    assert "Flow run encountered an exception" not in result.stdout + result.stderr
    assert "1 of 1 source runs failed" in result.stdout


def test_a_run_that_times_out_on_the_run_lock_exits_3_with_one_line(tmp_path: Path) -> None:
    config = config_with_unreachable_source(tmp_path, lock_timeout=1.0)
    (tmp_path / "data").mkdir()
    with FileLock(str(tmp_path / "data" / ".newsetl-run.lock")):
        result = newsetl("--config", str(config), "run", cwd=tmp_path)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "another newsetl run is writing to" in result.stdout
    assert "Traceback" not in result.stderr and "Flow run" not in result.stdout
