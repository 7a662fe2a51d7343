"""`newsetl sql` is read-only by construction: no writes, no file reads, one query per call."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import fast_settings

from flows.engine.source_run import run_source
from flows.engine.steps import PARQUET_DIR_NAME
from newsetl.cli import main
from newsetl.demo_site import DemoServer, DemoSite
from warehouse.export import export_marts_if_stale, parquet_path


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(config file, data dir) of a warehouse holding one demo run and its Parquet export."""
    root = tmp_path_factory.mktemp("sql")
    settings = fast_settings(root)
    with DemoServer(DemoSite(5)) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        assert run_source(settings, source).status == "completed"
    assert export_marts_if_stale(settings.warehouse_path, settings.data_dir / PARQUET_DIR_NAME)
    config = root / "config.toml"
    config.write_text(f'[settings]\ndata_dir = "{settings.data_dir}"\n')
    yield config, settings.data_dir


def files_under(*folders: Path) -> dict[Path, tuple[int, int]]:
    return {
        path: (path.stat().st_size, path.stat().st_mtime_ns)
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file()
    }


def escapes(target: Path) -> list[str]:
    export = parquet_path(target.parent / "data" / PARQUET_DIR_NAME, "articles")
    return [
        f"COPY (SELECT 1 AS x) TO '{target / 'out.csv'}'",
        f"COPY (SELECT 1 AS x) TO '{export}' (FORMAT parquet)",
        f"EXPORT DATABASE '{target / 'dump'}'",
        f"ATTACH '{target / 'other.duckdb'}' (READ_WRITE)",
        f"ATTACH '{target / 'other.duckdb'}' AS other; CREATE TABLE other.t (x INT)",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_csv('/etc/hostname')",
        "SELECT * FROM read_blob('/etc/passwd')",
        f"SELECT * FROM read_text('{target.parent / 'data' / 'warehouse.duckdb'}')",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        "PRAGMA enable_profiling",
        "CHECKPOINT",
        "SELECT 1; SELECT 2",
        f"SELECT 1; COPY (SELECT 1) TO '{target / 'second.csv'}'",
        f"EXPLAIN ANALYZE COPY (SELECT 1) TO '{target / 'explained.csv'}'",
        "CREATE TABLE scratch AS SELECT 1",
        "INSERT INTO runs (run_id) VALUES ('x')",
    ]


@pytest.mark.parametrize("mode", [[], ["--parquet"]], ids=["warehouse", "parquet"])
def test_sql_escapes_are_refused_with_exit_2_and_write_nothing(
    loaded: tuple[Path, Path], tmp_path: Path, mode: list[str], capsys: pytest.CaptureFixture
) -> None:
    config, data_dir = loaded
    target = data_dir.parent
    before = files_under(data_dir, target)
    for query in escapes(target):
        code = main(["sql", "--config", str(config), *mode, query])
        output = capsys.readouterr().out
        assert code == 2, f"{query!r} was not refused:\n{output}"
        assert "Traceback" not in output
    assert files_under(data_dir, target) == before
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("mode", [[], ["--parquet"]], ids=["warehouse", "parquet"])
def test_sql_still_answers_every_kind_of_query(
    loaded: tuple[Path, Path], mode: list[str], capsys: pytest.CaptureFixture
) -> None:
    config, _ = loaded
    queries = [
        "SELECT count(*) AS n FROM articles",
        "WITH a AS (SELECT * FROM articles) SELECT count(*) FROM a",
        "DESCRIBE articles",
        "SHOW TABLES",
        "SUMMARIZE articles",
        "EXPLAIN SELECT * FROM articles",
        "FROM articles SELECT title LIMIT 1;",
    ]
    for query in queries:
        code = main(["sql", "--config", str(config), "--csv", *mode, query])
        output = capsys.readouterr().out
        assert code == 0, f"{query!r}: {output}"
    main(["sql", "--config", str(config), "--csv", *mode, "SELECT count(*) AS n FROM articles"])
    assert capsys.readouterr().out.splitlines() == ["n", "5"]


def test_refusals_say_why(loaded: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    config, _ = loaded
    assert main(["sql", "--config", str(config), "SELECT 1; SELECT 2"]) == 2
    assert "one SQL statement per call" in capsys.readouterr().out
    assert main(["sql", "--config", str(config), "COPY runs TO 'x.csv'"]) == 2
    assert "COPY statements are not allowed" in capsys.readouterr().out
    assert main(["sql", "--config", str(config), "SELECT * FROM read_text('/etc/passwd')"]) == 2
    assert "disabled by configuration" in capsys.readouterr().out
