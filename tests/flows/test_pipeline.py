"""The whole pipeline over real HTTP on loopback into a real DuckDB file (plain steps, no Prefect)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import rows as query
from helpers import scalar, wait_until

from fetch.archive import read_archived
from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings, Source

ARTICLE_PATH = re.compile(r"^/\d{4}-\d{2}/\d{2}/c_\d+\.htm$")


def article_paths(requests: list[tuple[str, str, int]]) -> list[str]:
    return [path for _, path, _ in requests if ARTICLE_PATH.match(path)]


def versions_of(settings: Settings, path: str) -> list[tuple]:
    return query(
        settings,
        "SELECT version, change_kind, is_deleted, valid_to IS NULL, is_current, content_hash "
        "FROM stg_article_versions WHERE url LIKE ? ORDER BY version",
        ["%" + path],
    )


def test_first_run_loads_every_article_once(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    summary = run_source(settings, demo_source)
    assert summary.status == "completed"
    assert summary.counts.new_articles == 30 and summary.counts.failed == 0
    assert scalar(settings, "SELECT count(*) FROM articles") == 30
    assert scalar(settings, "SELECT count(DISTINCT article_id) FROM raw_article_versions") == 30
    assert scalar(settings, "SELECT count(*) FROM raw_article_versions") == 30
    titles = {row[0] for row in query(settings, "SELECT title FROM articles")}
    assert titles == {article.title for article in demo_site.live_articles()}
    assert scalar(settings, "SELECT count(*) FROM loads") >= 1
    assert scalar(settings, "SELECT status FROM runs") == "completed"


def test_every_response_is_archived_and_indexed(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    rows = query(
        settings, "SELECT url, warc_file, warc_offset, body_sha256, status_code FROM stg_responses"
    )
    assert len(rows) == 30 + 3 + 1  # articles, listing pages and robots.txt
    for url, warc_file, offset, sha256, status in rows:
        archived = read_archived(settings.raw_dir, warc_file, offset)
        assert archived.url == url and archived.status_code == status == 200
        assert __import__("hashlib").sha256(archived.body).hexdigest() == sha256
        assert (
            archived.body
            == demo_site.render(url.split(":", 2)[2].split("/", 1)[1].join(["/", ""]))[2]
        )


def test_second_run_with_nothing_changed_fetches_no_article(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    before = len(demo_site.requests)
    summary = run_source(settings, demo_source)
    new_requests = demo_site.requests[before:]
    assert [path for _, path, _ in new_requests] == ["/robots.txt", "/news/node_1.htm"]
    assert (
        summary.discovered == 0 and summary.counts.new_articles == summary.counts.new_versions == 0
    )
    assert scalar(settings, "SELECT count(*) FROM raw_article_versions") == 30


def test_new_article_is_found_without_walking_the_whole_listing(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    published = demo_site.publish()
    before = len(demo_site.requests)
    summary = run_source(settings, demo_source)
    paths = [path for _, path, _ in demo_site.requests[before:]]
    assert summary.discovered == 1 and summary.counts.new_articles == 1
    assert article_paths(demo_site.requests[before:]) == [published.path]
    assert "/news/node_1_3.htm" not in paths


def test_edit_makes_exactly_one_new_version_and_closes_the_old(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    target = demo_site.live_articles()[4]
    demo_site.edit(target.article_id)
    summary = run_source(settings, demo_source, recheck_all=True)
    assert summary.counts.new_versions == 1 and summary.counts.unchanged == 29
    versions = versions_of(settings, target.path)
    assert [(v[0], v[1], v[3], v[4]) for v in versions] == [
        (1, "first", False, False),
        (2, "content", True, True),
    ]
    body = scalar(settings, "SELECT body_text FROM articles WHERE url LIKE ?", ["%" + target.path])
    assert body == "\n\n".join(demo_site.article(target.article_id).paragraphs)
    assert scalar(settings, "SELECT count(*) FROM raw_article_versions") == 31


def test_edits_back_and_forth_keep_every_version(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    target = demo_site.live_articles()[7]
    for revision in (1, 0, 1):
        demo_site.set_revision(target.article_id, revision)
        run_source(settings, demo_source, recheck_all=True)
    versions = versions_of(settings, target.path)
    assert [v[0] for v in versions] == [1, 2, 3, 4]
    hashes = [v[5] for v in versions]
    assert hashes[0] == hashes[2] != hashes[1] == hashes[3]
    assert [v[4] for v in versions] == [False, False, False, True]


def test_deleted_article_gets_a_deletion_marker(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    target = demo_site.live_articles()[3]
    demo_site.delete(target.article_id)
    summary = run_source(settings, demo_source, recheck_all=True)
    assert summary.counts.deletions == 1
    versions = versions_of(settings, target.path)
    assert [(v[1], v[2], v[4]) for v in versions] == [
        ("first", False, False),
        ("deleted", True, True),
    ]
    assert scalar(settings, "SELECT count(*) FROM articles") == 29
    again = run_source(settings, demo_source, recheck_all=True)
    assert again.counts.deletions == 0 and len(versions_of(settings, target.path)) == 2


def test_page_without_body_goes_to_quarantine(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    target = demo_site.live_articles()[2]
    demo_site.make_empty(target.article_id)
    summary = run_source(settings, demo_source)
    assert summary.counts.quarantined == 1 and summary.counts.new_articles == 29
    rows = query(settings, "SELECT url, reason FROM stg_quarantine")
    assert rows == [(demo_source.base_url + target.path, "empty_body")]
    assert (
        scalar(settings, "SELECT count(*) FROM articles WHERE url LIKE ?", ["%" + target.path]) == 0
    )


def test_unreachable_source_fails_fast_with_a_network_error(settings: Settings) -> None:
    source = settings.source("bit").with_base_url("http://127.0.0.1:9")  # discard port: refused
    try:
        run_source(settings, source)
    except Exception as error:  # noqa: BLE001
        message = str(error)
    else:
        raise AssertionError("an unreachable source must fail")
    assert "network_error" in message and "ConnectError" in message
    status, error = query(settings, "SELECT status, error FROM runs")[0]
    assert status == "failed" and "network_error" in error


RUN_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from dataclasses import replace
    from pathlib import Path
    from flows.engine.source_run import run_source
    from settings import load_settings

    data_dir, base_url, pause_file = sys.argv[1], sys.argv[2], sys.argv[3]
    settings = replace(load_settings(environ={}), data_dir=Path(data_dir), per_host_delay_seconds=0.0)
    if pause_file != "-":
        import time
        from warehouse import load as store
        original = store._BatchWriter.write
        def write_then_hang(self):
            rows = original(self)
            Path(pause_file).write_text("inside the load transaction")
            time.sleep(600)
            return rows
        store._BatchWriter.write = write_then_hang
    summary = run_source(settings, settings.source("demo").with_base_url(base_url))
    print(json.dumps(summary.as_row()))
    """
)


def start_run_process(
    tmp_path: Path, settings: Settings, base_url: str, pause_file: str = "-"
) -> subprocess.Popen:
    script = tmp_path / "run_once.py"
    script.write_text(RUN_SCRIPT)
    return subprocess.Popen(
        [sys.executable, str(script), str(settings.data_dir), base_url, pause_file],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_two_runs_at_once_serialise_and_duplicate_nothing(
    tmp_path: Path, settings: Settings, demo_server: DemoServer
) -> None:
    processes = [start_run_process(tmp_path, settings, demo_server.base_url) for _ in range(2)]
    outputs = [process.communicate(timeout=120) for process in processes]
    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
    rows = [json.loads(stdout.strip().splitlines()[-1]) for stdout, _ in outputs]
    assert sorted(row["new_articles"] for row in rows) == [0, 30]
    assert scalar(settings, "SELECT count(*) FROM raw_article_versions") == 30
    assert (
        scalar(
            settings,
            "SELECT count(*) FROM (SELECT article_id FROM raw_article_versions GROUP BY 1 HAVING count(*) > 1)",
        )
        == 0
    )
    assert scalar(settings, "SELECT count(*) FROM runs WHERE status = 'completed'") == 2


def test_crash_mid_load_leaves_no_half_version(
    tmp_path: Path, settings: Settings, demo_source: Source, demo_server: DemoServer
) -> None:
    pause_file = tmp_path / "paused"
    process = start_run_process(tmp_path, settings, demo_server.base_url, str(pause_file))
    wait_until(pause_file.exists, timeout=60, what="the run's load", process=process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)

    assert scalar(settings, "SELECT count(*) FROM raw_article_versions") == 0
    assert scalar(settings, "SELECT count(*) FROM loads") == 0
    summary = run_source(settings, demo_source)
    assert summary.counts.new_articles == 30
    assert scalar(settings, "SELECT count(*) FROM raw_article_versions") == 30
    # the killed run is marked by the next one, which holds the run lock
    assert query(settings, "SELECT status FROM runs ORDER BY started_at") == [
        ("interrupted",),
        ("completed",),
    ]
