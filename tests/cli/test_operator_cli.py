"""Operators' commands as a user runs them: check, try, one-line errors, own runs only."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from test_cli import newsetl, table_row

from newsetl.demo_site import DemoServer, DemoSite
from warehouse import Warehouse, start_run


def source_config(path: Path, base_url: str, **extra: str) -> Path:
    keys = {
        "base_url": f'"{base_url}"',
        "listing_paths": '["/news/node_1.htm"]',
        "article_url_pattern": "'/c_\\d+\\.htm$'",
        "profile": '"bit"',
        **extra,
    }
    lines = [
        "[settings]",
        "per_host_delay_seconds = 0",
        "",
        "[sources.campus]",
        *(f"{key} = {value}" for key, value in keys.items()),
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_check_prints_one_line_per_problem_and_every_command_refuses_the_config(
    tmp_path: Path,
) -> None:
    (tmp_path / "a-file").write_text("")
    config = source_config(
        tmp_path / "bad.toml", "https://example.org", profile='"nope"', schedule='"61 * * *"'
    )
    config.write_text(config.read_text().replace("[settings]", '[settings]\ndata_dir = "a-file"'))
    check = newsetl("check", "--config", str(config), cwd=tmp_path, timeout=60)
    assert check.returncode == 2, check.stdout + check.stderr
    lines = check.stdout.strip().splitlines()
    assert len(lines) == 3
    assert "data_dir a-file is a file" in lines[0]
    assert "unknown profile 'nope'" in lines[1] and "bit" in lines[1]
    assert 'Invalid cron string: "61 * * *"' in lines[2]
    for command in (["run"], ["serve"], ["backfill", "--source", "campus"]):
        result = newsetl(*command, "--config", str(config), cwd=tmp_path, timeout=60)
        assert result.returncode == 2, (command, result.stdout)
        assert "configuration error: source 'campus': schedule" in result.stdout
        assert "Traceback" not in result.stdout + result.stderr


def test_check_probe_counts_the_listing_links(tmp_path: Path) -> None:
    with DemoServer(DemoSite(12)) as server:
        config = source_config(tmp_path / "ok.toml", server.base_url)
        result = newsetl("check", "--probe", "--config", str(config), cwd=tmp_path, timeout=60)
        broken = source_config(tmp_path / "broken.toml", server.base_url)
        broken.write_text(broken.read_text().replace("c_", "story_"))
        no_links = newsetl("check", "--probe", "--config", str(broken), cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "campus: robots.txt" in result.stdout and "10 article link(s)" in result.stdout
    assert no_links.returncode == 2 and "holds no link matching" in no_links.stdout


def test_try_prints_the_extraction_and_writes_nothing(tmp_path: Path) -> None:
    site = DemoSite(12)
    article = site.live_articles()[0]
    with DemoServer(site) as server:
        url = server.base_url + article.path
        result = newsetl("try", url, cwd=tmp_path, timeout=60)
        listing = newsetl("try", server.base_url + "/news/node_1.htm", cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "profile: bit (version bit:china-daily-v1)" in result.stdout
    assert re.search(r"^confidence: [01]\.\d\d", result.stdout, re.MULTILINE)
    assert article.title in result.stdout and "published_at" in result.stdout
    assert "body:" in result.stdout
    assert listing.returncode == 0 and "listing: 10 link(s)" in listing.stdout
    assert not (tmp_path / "data").exists()

    page = tmp_path / "page.html"
    page.write_bytes(site.respond("GET", article.path)[2])
    from_file = newsetl(
        "try", "https://news.example.edu/2024-01/02/c_1.htm", "--file", str(page),
        "--profile", "bit", cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert from_file.returncode == 0 and article.title in from_file.stdout
    unknown = newsetl("try", url, "--profile", "nope", cwd=tmp_path, timeout=60)
    assert unknown.returncode == 2 and "unknown profile 'nope'" in unknown.stdout


def test_broken_cases_are_one_line_with_the_documented_exit_code(tmp_path: Path) -> None:
    backfill = newsetl(
        "backfill", "--source", "demo", "--base-url", "http://127.0.0.1:9", cwd=tmp_path
    )
    assert backfill.returncode == 1, backfill.stdout + backfill.stderr
    assert "backfill of demo failed" in backfill.stdout and "demo --serve" in backfill.stdout
    assert "Traceback" not in backfill.stdout + backfill.stderr

    (tmp_path / "file-not-dir").write_text("")
    demo = newsetl(
        "demo", cwd=tmp_path, timeout=60, env={"NEWSETL_DATA_DIR": str(tmp_path / "file-not-dir")}
    )
    assert demo.returncode == 2 and "is a file, not a directory" in demo.stdout
    assert "Traceback" not in demo.stdout + demo.stderr

    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "warehouse.duckdb").write_bytes(b"not a database at all" * 100)
    status = newsetl("status", cwd=tmp_path, timeout=60, env={"NEWSETL_DATA_DIR": str(corrupt)})
    assert status.returncode == 2, status.stdout + status.stderr
    assert "cannot open the warehouse" in status.stdout and "newsetl backup" in status.stdout
    assert "Traceback" not in status.stdout + status.stderr


def test_a_command_prints_only_its_own_runs_and_backs_up(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Warehouse.open(data / "warehouse.duckdb") as warehouse:
        # another command's run, started "later" than ours: reading by start time would show it
        start_run(
            warehouse,
            "elsewhere",
            flow_run_id="another-command",
            started_at=datetime.now(UTC) + timedelta(hours=1),
        )
    with DemoServer(DemoSite(6)) as server:
        config = source_config(tmp_path / "ok.toml", server.base_url)
        result = newsetl("run", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert table_row(result.stdout, "campus")[1] == "completed"
    assert "elsewhere" not in result.stdout

    status = newsetl("status", "--source", "campus", "--config", str(config), cwd=tmp_path)
    assert status.returncode == 0 and "elsewhere" not in status.stdout

    backup = newsetl("backup", "--config", str(config), cwd=tmp_path, timeout=60)
    assert backup.returncode == 0, backup.stdout + backup.stderr
    (copy,) = (data / "backups").glob("warehouse-*.duckdb")
    with Warehouse.open(copy, read_only=True) as restored:
        assert restored.query("SELECT count(*) FROM runs WHERE source = 'campus'")[1] == [(1,)]


def test_a_command_that_stops_while_its_workers_start_exits_cleanly(tmp_path: Path) -> None:
    """`reprocess` starts its workers with the settings, then finds the source unknown: the
    command must end with its one-line error, not a worker's traceback (a worker forked as its
    command exits cannot read its queues)."""
    config = source_config(tmp_path / "newsetl.toml", "https://example.org")
    config.write_text(config.read_text().replace("[settings]", "[settings]\ntransform_workers = 2"))
    for _ in range(3):  # the race it guards against lost about two runs in three
        result = newsetl("reprocess", "--source", "nope", "--config", str(config), cwd=tmp_path)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "unknown source 'nope'" in result.stdout
        assert "Traceback" not in result.stdout + result.stderr
        assert "transform workers unavailable" not in result.stdout + result.stderr
