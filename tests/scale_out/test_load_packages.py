"""Load packages and the one loader (issue 14), in process: no Prefect, no cluster."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from helpers import rows
from scale_helpers import settings_for, start_sites

from flows.engine.source_run import run_source
from flows.scale_out import loader
from flows.scale_out.loader import (
    load_ready_packages,
    packages_dir,
    run_source_to_package,
)
from newsetl.demo_site import DemoServer
from settings import Settings
from warehouse import load as warehouse_load
from warehouse.packages import INCOMING_DIR, READY_DIR, PackageInvalid, verify_package

SOURCE_NAMES = ("uni_a", "uni_b", "uni_c")


@pytest.fixture
def three_sites() -> Iterator[dict[str, DemoServer]]:
    with ExitStack() as stack:
        yield start_sites(stack, list(SOURCE_NAMES), 12)


# What a warehouse holds, without the ids and clocks that differ between any two runs.
CONTENT_QUERIES = {
    "versions": "SELECT source, url, version, title, body_text, content_hash, change_kind, "
    "is_deleted FROM raw_article_versions ORDER BY ALL",
    "articles": "SELECT source, count(DISTINCT article_id) FROM raw_article_versions "
    "GROUP BY source ORDER BY ALL",
    "frontier": "SELECT source, url, listed_title, last_outcome, failures, article_id IS NULL, "
    "etag FROM frontier ORDER BY ALL",
    "responses": "SELECT source, url, purpose, outcome, status_code, body_sha256, body_bytes "
    "FROM raw_responses ORDER BY ALL",
    "quarantine": "SELECT source, url, reason FROM raw_quarantine ORDER BY ALL",
    "runs": "SELECT source, status, listing_pages, discovered, fetched, unchanged, new_articles, "
    "new_versions, deletions, quarantined, failed FROM runs ORDER BY ALL",
}


def warehouse_content(settings: Settings) -> dict[str, list[tuple]]:
    return {name: rows(settings, sql) for name, sql in CONTENT_QUERIES.items()}


def test_packages_from_three_runs_committed_in_any_order_equal_loading_directly(
    tmp_path: Path, three_sites: dict[str, DemoServer]
) -> None:
    direct = settings_for(tmp_path / "direct", three_sites)
    for name in SOURCE_NAMES:
        run_source(direct, direct.source(name))
    expected = warehouse_content(direct)
    assert expected["articles"] == [("uni_a", 12), ("uni_b", 13), ("uni_c", 14)]

    workers = settings_for(tmp_path / "workers", three_sites)
    packages = {
        name: run_source_to_package(workers, workers.source(name)).package_path
        for name in SOURCE_NAMES
    }
    assert not workers.warehouse_path.exists()  # a worker never creates nor writes it
    for order in (
        ("uni_a", "uni_b", "uni_c"),
        ("uni_c", "uni_a", "uni_b"),
        ("uni_b", "uni_c", "uni_a"),
    ):
        loaded = settings_for(tmp_path / "-".join(order), three_sites)
        for name in order:  # each package arrives on its own, the loader runs after each
            ready = packages_dir(loaded) / READY_DIR
            ready.mkdir(parents=True, exist_ok=True)
            shutil.copytree(packages[name], ready / packages[name].name)
            assert len(load_ready_packages(loaded).committed) == 1
        assert warehouse_content(loaded) == expected, order
        # the WARC records the warehouse points at were installed under raw/
        for (warc_file,) in rows(
            loaded, "SELECT DISTINCT warc_file FROM raw_responses WHERE warc_file IS NOT NULL"
        ):
            assert (loaded.raw_dir / warc_file).is_file()


def test_a_crashed_loader_resumes_and_loads_each_package_once(
    tmp_path: Path, three_sites: dict[str, DemoServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(tmp_path, three_sites)
    for name in SOURCE_NAMES:
        run_source_to_package(settings, settings.source(name))

    # crash inside the commit of the second package: its transaction rolls back
    real_insert_version = warehouse_load._BatchWriter.insert_version
    calls = {"n": 0}

    def crashing_insert_version(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if self.source == "uni_b":
            calls["n"] += 1
            if calls["n"] == 5:
                raise KeyboardInterrupt("loader killed mid-commit")
        return real_insert_version(self, *args, **kwargs)

    monkeypatch.setattr(warehouse_load._BatchWriter, "insert_version", crashing_insert_version)
    with pytest.raises(KeyboardInterrupt):
        load_ready_packages(settings)
    monkeypatch.undo()
    assert rows(settings, "SELECT source, count(*) FROM load_packages GROUP BY ALL") == [
        ("uni_a", 1)
    ]

    # crash after a commit, before its bookkeeping: the rows are in, the package still ready
    real_move = loader.move_to_committed

    def crash_before_move(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise SystemExit("loader killed after the commit")

    monkeypatch.setattr(loader, "move_to_committed", crash_before_move)
    with pytest.raises(SystemExit):
        load_ready_packages(settings)
    monkeypatch.setattr(loader, "move_to_committed", real_move)

    summary = load_ready_packages(settings)
    assert [package.already_loaded for package in summary.committed] == [True, False]
    assert rows(
        settings,
        "SELECT source, count(*), count(DISTINCT url) FROM raw_article_versions GROUP BY ALL ORDER BY ALL",
    ) == [("uni_a", 12, 12), ("uni_b", 13, 13), ("uni_c", 14, 14)]
    assert rows(settings, "SELECT count(DISTINCT run_id), count(*) FROM load_packages") == [(3, 3)]
    assert rows(settings, "SELECT source, status, new_articles FROM runs ORDER BY source") == [
        ("uni_a", "completed", 12),
        ("uni_b", "completed", 13),
        ("uni_c", "completed", 14),
    ]
    assert load_ready_packages(settings).committed == []  # nothing left, nothing loaded twice


def test_a_half_written_package_is_never_loaded(
    tmp_path: Path, three_sites: dict[str, DemoServer]
) -> None:
    settings = settings_for(tmp_path, three_sites)
    published = run_source_to_package(settings, settings.source("uni_a")).package_path
    # a worker killed while writing: its staging directory stays in incoming/, never read
    staging = packages_dir(settings) / INCOMING_DIR / "killed.tmp"
    shutil.copytree(published, staging)
    (staging / "manifest.json").unlink()
    # a package whose file does not match the manifest is refused, not loaded
    corrupt = packages_dir(settings) / READY_DIR / "corrupt"
    shutil.copytree(published, corrupt)
    (corrupt / "pages.parquet").write_bytes(b"truncated")
    with pytest.raises(PackageInvalid):
        verify_package(corrupt)
    shutil.rmtree(corrupt)
    assert len(load_ready_packages(settings).committed) == 1
    assert rows(settings, "SELECT count(*) FROM raw_article_versions") == [(12,)]


def test_a_worker_reads_the_last_committed_state(
    tmp_path: Path, three_sites: dict[str, DemoServer]
) -> None:
    settings = settings_for(tmp_path, three_sites)
    first = run_source_to_package(settings, settings.source("uni_a"))
    assert first.discovered == 12
    load_ready_packages(settings)
    second = run_source_to_package(settings, settings.source("uni_a"))
    assert second.discovered == 0  # the committed frontier knows every URL
    summary = load_ready_packages(settings)
    assert summary.counts.new_articles == 0
    assert rows(settings, "SELECT count(*) FROM raw_article_versions") == [(12,)]


KILL_LOADER_MID_COMMIT = """
import os, signal, sys
from pathlib import Path
from dataclasses import replace
sys.path[:0] = [{tests!r}]
from helpers import fast_settings
from flows.scale_out.loader import load_ready_packages
from warehouse import load as warehouse_load
real = warehouse_load._BatchWriter.insert_version
calls = [0]
def insert_then_die(self, *args, **kwargs):
    calls[0] += 1
    if calls[0] == 7:
        os.kill(os.getpid(), signal.SIGKILL)  # kill -9 inside the open transaction
    return real(self, *args, **kwargs)
warehouse_load._BatchWriter.insert_version = insert_then_die
settings = replace(fast_settings(Path({root!r})), data_dir=Path({data!r}))
load_ready_packages(settings)
"""


def test_a_loader_killed_mid_commit_loads_the_package_once_on_the_next_run(
    tmp_path: Path, three_sites: dict[str, DemoServer]
) -> None:
    settings = settings_for(tmp_path, three_sites)
    run_source_to_package(settings, settings.source("uni_a"))
    script = KILL_LOADER_MID_COMMIT.format(
        tests=str(Path(__file__).parents[1]), root=str(tmp_path), data=str(settings.data_dir)
    )
    killed = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    assert len(list((packages_dir(settings) / READY_DIR).iterdir())) == 1

    summary = load_ready_packages(settings)

    assert [package.already_loaded for package in summary.committed] == [False]
    assert rows(settings, "SELECT count(*), count(DISTINCT url) FROM raw_article_versions") == [
        (12, 12)
    ]
    assert rows(settings, "SELECT count(*) FROM raw_responses WHERE purpose = 'article'") == [(12,)]
    assert load_ready_packages(settings).committed == []
