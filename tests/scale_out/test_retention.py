"""Bounded disk (issue 19): over many rounds `incoming/` and `committed/` stay bounded, the
committed copies hold no second WARC, and `newsetl verify` checks the packages too."""

from __future__ import annotations

import argparse
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import rows
from scale_helpers import settings_for, start_sites

from flows.scale_out.loader import load_ready_packages, packages_dir, run_source_to_package
from newsetl.commands import verify
from newsetl.demo_site import DemoServer
from warehouse.packages import (
    COMMITTED_DIR,
    HEARTBEAT_FILE,
    INCOMING_DIR,
    READY_DIR,
    WARC_DIR_NAME,
    PackageWriter,
)

ROUNDS = 20
KEEP = 3


@pytest.fixture
def site() -> Iterator[DemoServer]:
    with ExitStack() as stack:
        yield start_sites(stack, ["uni_a"], 4)["uni_a"]


def folder_sizes(settings) -> dict[str, int]:  # noqa: ANN001
    root = packages_dir(settings)
    return {
        name: len(list((root / name).iterdir())) if (root / name).is_dir() else 0
        for name in (INCOMING_DIR, READY_DIR, COMMITTED_DIR)
    }


def test_incoming_and_committed_stay_bounded_over_twenty_rounds(
    tmp_path: Path, site: DemoServer
) -> None:
    settings = replace(settings_for(tmp_path, {"uni_a": site}), committed_package_count=KEEP)
    sizes = []
    for round_number in range(ROUNDS):
        site.site.edit(site.site.articles[round_number % 4].article_id)
        run_source_to_package(settings, settings.source("uni_a"))
        # and a worker that died mid-run this round: its staging stays behind, heartbeat stale
        dead = PackageWriter(packages_dir(settings), f"dead-{round_number}", "uni_a")
        stale = time.time() - settings.abandoned_after_seconds - 1
        os.utime(dead.staging / HEARTBEAT_FILE, (stale, stale))
        load_ready_packages(settings)
        sizes.append(folder_sizes(settings))

    assert all(size[INCOMING_DIR] == 0 for size in sizes)
    assert all(size[READY_DIR] == 0 for size in sizes)
    assert max(size[COMMITTED_DIR] for size in sizes) == KEEP
    committed = packages_dir(settings) / COMMITTED_DIR
    assert not any((path / WARC_DIR_NAME).exists() for path in committed.iterdir())
    # every run is on record, the dead ones as crashed; every version loaded
    assert rows(settings, "SELECT status, count(*) FROM runs GROUP BY ALL ORDER BY ALL") == [
        ("completed", ROUNDS),
        ("crashed", ROUNDS),
    ]
    assert rows(settings, "SELECT count(*) FROM load_packages") == [(ROUNDS,)]
    # the WARC files the warehouse points at are all under raw/
    for (warc_file,) in rows(settings, "SELECT DISTINCT warc_file FROM raw_responses"):
        assert warc_file is None or (settings.raw_dir / warc_file).is_file()


def test_committed_packages_older_than_the_policy_are_pruned(
    tmp_path: Path, site: DemoServer
) -> None:
    settings = replace(settings_for(tmp_path, {"uni_a": site}), committed_package_days=1.0)
    run_source_to_package(settings, settings.source("uni_a"))
    load_ready_packages(settings)
    (old,) = (packages_dir(settings) / COMMITTED_DIR).iterdir()
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    assert load_ready_packages(settings).pruned == 1
    assert not old.exists()


def verify_exit_code(settings, capsys) -> tuple[int, str]:  # noqa: ANN001
    config = settings.data_dir.parent / "verify.toml"
    config.write_text(f'[settings]\ndata_dir = "{settings.data_dir}"\n')
    code = verify.command_verify(argparse.Namespace(config=str(config), wait=5.0))
    return code, capsys.readouterr().out


def test_verify_checks_the_packages_too(
    tmp_path: Path, site: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = settings_for(tmp_path, {"uni_a": site})
    run_source_to_package(settings, settings.source("uni_a"))
    load_ready_packages(settings)
    code, out = verify_exit_code(settings, capsys)
    assert code == 0, out
    assert "Load packages checked" in out

    (committed,) = (packages_dir(settings) / COMMITTED_DIR).iterdir()
    (committed / "links.parquet").write_bytes(b"damaged")
    ready = run_source_to_package(settings, settings.source("uni_a")).package_path
    assert ready is not None
    shutil.rmtree(ready / WARC_DIR_NAME)
    dead = PackageWriter(packages_dir(settings), "dead-run", "uni_a")
    stale = time.time() - settings.abandoned_after_seconds - 1
    os.utime(dead.staging / HEARTBEAT_FILE, (stale, stale))

    code, out = verify_exit_code(settings, capsys)
    assert code == 1
    assert f"committed/{committed.name}" in out and "links.parquet" in out
    assert f"ready/{ready.name}" in out
    assert "no heartbeat since" in out


def test_the_loader_service_commits_packages_as_they_become_ready(
    tmp_path: Path, site: DemoServer
) -> None:
    import threading

    from helpers import wait_until

    from flows.scale_out.loader_service import has_work, watch

    settings = settings_for(tmp_path, {"uni_a": site})
    stop = threading.Event()
    summaries: list = []
    service = threading.Thread(target=lambda: summaries.extend(watch(settings, 0.05, stop)))
    service.start()
    try:
        run_source_to_package(settings, settings.source("uni_a"))
        wait_until(lambda: not has_work(settings), timeout=60, what="the package committed")
    finally:
        stop.set()
        service.join(30)
    assert sum(len(summary.committed) for summary in summaries) == 1
    assert rows(settings, "SELECT count(*) FROM articles") == [(4,)]
