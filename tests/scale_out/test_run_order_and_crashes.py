"""A cluster an operator can leave running (issue 19), in process: runs of one source commit in
run order whatever order their packages arrive in, dead workers' runs are on record, unreadable
packages never stop the loader, a resumed commit keeps the counts of its load."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import rows, wait_until
from scale_helpers import settings_for, start_sites

from flows.scale_out import loader
from flows.scale_out.loader import load_ready_packages, packages_dir, run_source_to_package
from newsetl.demo_site import DemoServer
from warehouse.packages import (
    FAILED_DIR,
    HEARTBEAT_FILE,
    INCOMING_DIR,
    MANIFEST_NAME,
    READY_DIR,
    PackageWriter,
)

SOURCE = "uni_a"


@pytest.fixture
def site() -> Iterator[DemoServer]:
    with ExitStack() as stack:
        yield start_sites(stack, [SOURCE], 12)[SOURCE]


def current_body(settings, url_suffix: str) -> str:  # noqa: ANN001
    ((body,),) = rows(
        settings, "SELECT body_text FROM articles WHERE url LIKE ?", [f"%{url_suffix}"]
    )
    return body


def test_overlapping_runs_of_one_source_commit_oldest_first_and_the_newest_text_wins(
    tmp_path: Path, site: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(tmp_path, {SOURCE: site})
    article = site.site.articles[0]
    # the older run has fetched everything and is about to publish when it is held up
    at_publish, go_on = threading.Event(), threading.Event()
    real_publish = PackageWriter.publish
    first_call = threading.Lock()

    def slow_first_publish(self, contents):  # noqa: ANN001, ANN202
        if first_call.acquire(blocking=False):
            at_publish.set()
            assert go_on.wait(60)
        return real_publish(self, contents)

    monkeypatch.setattr(PackageWriter, "publish", slow_first_publish)
    older: dict[str, object] = {}
    thread = threading.Thread(
        target=lambda: older.update(run=run_source_to_package(settings, settings.source(SOURCE)))
    )
    thread.start()
    try:
        assert at_publish.wait(60)
        old_text = " ".join(article.paragraphs)
        site.site.edit(article.article_id)  # the article changes between the two runs
        newer = run_source_to_package(settings, settings.source(SOURCE))

        # the newer package arrived first: it waits for the older run, still being written
        early = load_ready_packages(settings)
        assert early.committed == []
        assert early.held == [newer.run_id]
    finally:
        go_on.set()
        thread.join(60)
    summary = load_ready_packages(settings)

    assert [package.run_id for package in summary.committed] == [older["run"].run_id, newer.run_id]  # type: ignore[attr-defined]
    new_text = " ".join(site.site.article(article.article_id).paragraphs)
    assert new_text != old_text
    body = current_body(settings, article.path)
    assert new_text.split(". ")[0] in body
    history = rows(
        settings,
        "SELECT version, run_id FROM raw_article_versions WHERE url LIKE ? ORDER BY version",
        [f"%{article.path}"],
    )
    assert [run_id for _, run_id in history] == [older["run"].run_id, newer.run_id]  # type: ignore[attr-defined]


def stage_dead_run(settings, *, source: str, seconds_ago: float, flow_run_id: str = "fr-1") -> Path:  # noqa: ANN001
    """A run a worker was writing when it died: its staging directory, heartbeat long stopped."""
    writer = PackageWriter(
        packages_dir(settings), f"20260101T000000-{source}-deadbeef", source,
        flow_run_id=flow_run_id, produced_by="worker-1@host",
    )  # fmt: skip
    (writer.warc_dir).mkdir()
    (writer.warc_dir / "half.warc.gz").write_bytes(b"\x1f\x8b half written")
    stale = time.time() - seconds_ago
    os.utime(writer.staging / HEARTBEAT_FILE, (stale, stale))
    return writer.staging


def test_a_dead_workers_run_is_recorded_crashed_and_its_staging_removed(
    tmp_path: Path, site: DemoServer
) -> None:
    settings = settings_for(tmp_path, {SOURCE: site})
    dead = stage_dead_run(settings, source=SOURCE, seconds_ago=settings.abandoned_after_seconds + 5)
    alive = stage_dead_run(settings, source="uni_b", seconds_ago=1)

    summary = load_ready_packages(settings)

    assert summary.crashed == ["20260101T000000-uni_a-deadbeef"]
    assert not dead.exists() and alive.exists()
    assert rows(
        settings,
        "SELECT source, status, is_failed, is_crashed, produced_by, error LIKE 'crashed: no heartbeat%' "
        "FROM run_history",
    ) == [(SOURCE, "crashed", True, True, "worker-1@host", True)]
    ((last_status,),) = rows(settings, "SELECT last_status FROM source_health")
    assert last_status == "crashed"
    # Prefect says its flow run crashed: no need to wait for the heartbeat to go stale
    load_ready_packages(settings, crashed_flow_runs=frozenset({"fr-1"}))
    assert not alive.exists()
    assert rows(settings, "SELECT error FROM runs WHERE source = 'uni_b'") == [
        ("crashed: Prefect marked its flow run Crashed (worker-1@host stopped beating)",)
    ]
    assert rows(settings, "SELECT source, status FROM runs ORDER BY source") == [
        (SOURCE, "crashed"),
        ("uni_b", "crashed"),
    ]


def test_a_killed_runs_package_published_late_replaces_its_crashed_record(
    tmp_path: Path, site: DemoServer
) -> None:
    settings = settings_for(tmp_path, {SOURCE: site})
    package = run_source_to_package(settings, settings.source(SOURCE))
    run_id = package.run_id
    with loader.resources.open_warehouse(settings) as warehouse:
        from warehouse.runs import record_crashed_run

        record_crashed_run(
            warehouse, run_id, source=SOURCE, started_at=loader.now_utc(),
            finished_at=loader.now_utc(), error="crashed: no heartbeat",
        )  # fmt: skip
    load_ready_packages(settings)
    assert rows(settings, "SELECT status, new_articles FROM runs") == [("completed", 12)]


def test_an_unreadable_manifest_is_moved_aside_and_the_loader_goes_on(
    tmp_path: Path, site: DemoServer
) -> None:
    settings = settings_for(tmp_path, {SOURCE: site})
    good = run_source_to_package(settings, settings.source(SOURCE)).package_path
    ready = packages_dir(settings) / READY_DIR
    broken = ready / "20200101T000000-uni_a-broken"
    broken.mkdir()
    (broken / MANIFEST_NAME).write_text("{ not json")
    damaged = ready / "20200101T000001-uni_a-damaged"
    damaged.mkdir()
    (damaged / MANIFEST_NAME).write_text(
        json.dumps({"package_id": damaged.name, "run_id": damaged.name, "source": SOURCE,
                    "created_at": "2020-01-01T00:00:01+00:00", "files": {"pages.parquet": "0"}})
    )  # fmt: skip

    summary = load_ready_packages(settings)

    assert [package.run_id for package in summary.committed] == [good.name]  # type: ignore[union-attr]
    assert sorted(summary.moved_aside) == sorted([broken.name, damaged.name])
    failed = packages_dir(settings) / FAILED_DIR
    assert "no readable manifest" in (failed / f"{broken.name}.reason").read_text()
    assert "missing or does not match" in (failed / f"{damaged.name}.reason").read_text()
    assert list(ready.iterdir()) == []


def test_a_resumed_commit_keeps_the_counts_its_load_recorded(
    tmp_path: Path, site: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(tmp_path, {SOURCE: site})
    run_source_to_package(settings, settings.source(SOURCE))
    counts = "SELECT fetched, unchanged, new_articles, pages_extracted, profile_misses, incomplete FROM runs"

    def killed_before_move(*args: object, **kwargs: object) -> None:
        raise SystemExit("loader killed after the commit")

    monkeypatch.setattr(loader, "move_to_committed", killed_before_move)
    with pytest.raises(SystemExit):
        load_ready_packages(settings)
    monkeypatch.undo()
    recorded = rows(settings, counts)
    assert recorded == [(12, 0, 12, 12, 0, 0)]

    (resumed,) = load_ready_packages(settings).committed
    assert resumed.already_loaded
    assert rows(settings, counts) == recorded
    assert (resumed.counts.fetched, resumed.counts.pages_extracted) == (12, 12)


def test_rows_left_running_by_a_dead_process_are_recorded_abandoned(
    tmp_path: Path, site: DemoServer
) -> None:
    settings = settings_for(tmp_path, {SOURCE: site})
    with loader.resources.open_warehouse(settings) as warehouse:
        from warehouse.runs import start_run

        start_run(warehouse, SOURCE, started_at=loader.now_utc())
    summary = load_ready_packages(settings)
    assert len(summary.abandoned) == 1
    assert rows(settings, "SELECT status, is_crashed FROM run_history") == [("abandoned", True)]


def test_a_live_workers_heartbeat_keeps_its_run_in_flight(tmp_path: Path, site: DemoServer) -> None:
    settings = replace(settings_for(tmp_path, {SOURCE: site}), package_heartbeat_seconds=0.05)
    writer = PackageWriter(packages_dir(settings), "r-1", SOURCE)
    beat = writer.staging / HEARTBEAT_FILE
    stale = time.time() - 3600
    os.utime(beat, (stale, stale))
    with loader.heartbeat(writer, settings.package_heartbeat_seconds):
        wait_until(lambda: beat.stat().st_mtime > stale + 60, timeout=10, what="a heartbeat")
    assert (packages_dir(settings) / INCOMING_DIR).is_dir()


def test_the_effective_settings_of_a_run_are_recorded_with_it(
    tmp_path: Path, site: DemoServer
) -> None:
    settings = replace(settings_for(tmp_path, {SOURCE: site}), max_rechecks_per_run=17)
    run_source_to_package(settings, settings.source(SOURCE))
    load_ready_packages(settings)
    ((recorded,),) = rows(settings, "SELECT settings FROM runs")
    record = json.loads(recorded)
    assert record["max_rechecks_per_run"] == 17
    assert record["source"]["name"] == SOURCE
    assert record["source"]["base_url"] == site.base_url
