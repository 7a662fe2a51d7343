"""Operators' and report authors' features, through plain functions: no Prefect here."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import rows as query

from flows.engine import page_transform, resources, steps
from flows.engine.source_run import run_source
from flows.operations import health, run_summary
from flows.operations.reprocess import reprocess_source
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings, Source
from warehouse import Warehouse
from warehouse import runs as runs_module
from warehouse.export import (
    MART_TABLES,
    export_marts_if_stale,
    parquet_path,
    query_parquet,
    read_query,
)

ROOT = Path(__file__).resolve().parents[2]


def shrink_body(site: DemoSite, article_id: int) -> None:
    """Keep only the first paragraph: a >70 % drop for any demo article with several."""
    with site._lock:
        article = site.article(article_id)
        article.sentences = article.sentences[:1]
        article.revision += 100
        article.modification_count += 1
        site._changed()


class FailingSite(DemoSite):
    """The demo site, with one article answering 500 and one 503 every time."""

    broken: dict[str, int] = {}

    def respond(self, method: str, path: str, headers: dict[str, str]):
        if path in self.broken:
            return self.broken[path], {"Content-Type": "text/plain"}, b"down"
        return super().respond(method, path, headers)


def test_quality_checks_run_after_each_load_and_pass_on_the_demo(
    settings: Settings, demo_source: Source
) -> None:
    run_source(settings, demo_source)
    rows = query(settings, "SELECT check_name, is_passed, failing_rows FROM stg_quality_checks")
    assert {row[0] for row in rows} == {
        "title_not_null",
        "published_not_in_future",
        "body_length_not_dropped",
        "title_unique_per_day",
    }
    assert all(row[1] and row[2] == 0 for row in rows)
    assert query(settings, "SELECT count(*) FROM quality_issues") == [(0,)]


def test_body_length_drop_is_quarantined_not_versioned(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    article = max(demo_site.live_articles(), key=lambda a: len(a.sentences))
    shrink_body(demo_site, article.article_id)
    summary = run_source(settings, demo_source, recheck_all=True)
    assert summary.counts.quarantined == 1 and summary.counts.new_versions == 0
    (reason, detail), *_ = query(settings, "SELECT reason, detail FROM stg_quarantine")
    assert reason == "body_length_drop" and "body fell from" in detail
    assert query(
        settings, "SELECT count(*) FROM stg_article_versions WHERE url LIKE ?", ["%" + article.path]
    ) == [(1,)]
    check = query(
        settings,
        "SELECT is_passed, failing_rows FROM stg_quality_checks "
        "WHERE check_name = 'body_length_not_dropped' AND run_id = ?",
        [summary.run_id],
    )
    assert check == [(False, 1)]
    issues = query(settings, "SELECT issue FROM quality_issues ORDER BY issue")
    assert ("body_length_not_dropped",) in issues and ("quarantined:body_length_drop",) in issues


def test_marts_are_exported_to_parquet_after_each_run(
    settings: Settings, demo_source: Source
) -> None:
    settings = replace(settings, parquet_after_each_run=True)
    run_source(settings, demo_source)
    parquet_dir = settings.data_dir / steps.PARQUET_DIR_NAME
    for table in MART_TABLES:
        assert parquet_path(parquet_dir, table).is_file(), table
    assert not [p for p in parquet_dir.iterdir() if p.name.startswith(".")], "temp dirs left"
    _, rows = query_parquet(parquet_dir, "SELECT count(*) FROM articles")
    assert rows == [(30,)]
    # a reader holding the old file keeps reading it while the next export swaps in a new one
    before = parquet_path(parquet_dir, "articles").stat().st_ino
    with parquet_path(parquet_dir, "articles").open("rb") as old:
        run_source(settings, demo_source)
        assert old.read(4) == b"PAR1"
    assert parquet_path(parquet_dir, "articles").stat().st_ino != before


def test_marts_are_exported_on_demand_when_loads_completed_since(
    settings: Settings, demo_source: Source
) -> None:
    parquet_dir = settings.data_dir / steps.PARQUET_DIR_NAME
    run_source(settings, demo_source)
    assert not parquet_path(parquet_dir, "articles").exists(), "a run no longer exports"
    sql = "SELECT count(*) FROM articles"
    assert read_query(settings.warehouse_path, parquet_dir, sql, parquet=True, wait_seconds=0)[
        1
    ] == [(30,)]
    first = parquet_path(parquet_dir, "articles").stat().st_ino
    assert not export_marts_if_stale(settings.warehouse_path, parquet_dir), "nothing new loaded"
    run_source(settings, demo_source)
    assert export_marts_if_stale(settings.warehouse_path, parquet_dir)
    assert parquet_path(parquet_dir, "articles").stat().st_ino != first
    # while a run holds the warehouse, the Parquet reader reads the files as they are
    with resources.open_warehouse(settings) as held:
        run_id = runs_module.start_run(held, "demo", started_at=steps.now_utc())
        assert run_id
        assert not export_marts_if_stale(settings.warehouse_path, parquet_dir)
        _, rows = query_parquet(parquet_dir, sql)
        assert rows == [(30,)]


def test_views_say_what_changed_and_count_per_week(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    edited = demo_site.live_articles()[3]
    demo_site.edit(edited.article_id)
    run_source(settings, demo_source, recheck_all=True)
    changes = query(
        settings,
        "SELECT version, change_kind, changed_fields, is_body_changed, is_title_changed "
        "FROM article_changes WHERE canonical_url LIKE ? ORDER BY version",
        ["%" + edited.path],
    )
    assert changes == [(1, "first", [], False, False), (2, "content", ["body"], True, False)]
    weekly = query(settings, "SELECT sum(articles) FROM weekly_publications")
    assert weekly == [(30,)]
    health_row = query(
        settings,
        "SELECT last_status, runs_30d, failed_runs_30d, failure_rate_30d FROM source_health",
    )
    assert health_row == [("completed", 2, 0, 0.0)]


def test_flag_rules() -> None:
    assert health.judge({"last_status": "completed", "hours_since_new_article": 1.0}, 24) == []
    assert health.judge({"last_status": "failed", "hours_since_new_article": 1.0}, 24) == [
        health.FAILED
    ]
    assert health.judge({"last_status": "completed", "hours_since_new_article": 25.0}, 24) == [
        health.STALE
    ]
    assert health.judge(
        {"last_status": "failed", "is_last_listing_empty": True, "hours_since_new_article": 30},
        24,
    ) == [health.LISTING_EMPTY, health.STALE]


def test_redesigned_listing_fails_the_run_and_is_flagged(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    redesigned = replace(demo_source, article_url_pattern=r"/news/story-\d+\.html$")
    with pytest.raises(steps.ListingEmpty, match="redesigned"):
        run_source(settings, redesigned)
    with Warehouse.open(settings.warehouse_path, read_only=True) as warehouse:
        (flagged,) = health.source_health(settings, warehouse)
        summary = run_summary.summarize(
            settings, warehouse, [warehouse.query("SELECT max(run_id) FROM runs")[1][0][0]]
        )
    assert flagged.flags == [health.LISTING_EMPTY]
    markdown = run_summary.render_markdown(summary)
    assert "listing held no article link" in markdown and "failed" in markdown


def test_stale_source_is_flagged_in_status(
    settings: Settings, demo_source: Source, tmp_path: Path
) -> None:
    run_source(settings, demo_source)
    with Warehouse.open(settings.warehouse_path) as warehouse:
        warehouse.query("UPDATE raw_article_versions SET valid_from = valid_from - INTERVAL 30 DAY")
        (row,) = health.source_health(settings, warehouse)
    assert row.flags == [health.STALE] and row.hours_since_new_article > 336
    env = {**os.environ, "NEWSETL_DATA_DIR": str(settings.data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "newsetl.cli", "status", "--check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "stale" in result.stdout and "freshness window 336 h" in result.stdout


def test_run_summary_lists_failed_pages_with_reasons(settings: Settings) -> None:
    site = FailingSite(12)
    broken = site.live_articles()[:2]
    FailingSite.broken = {broken[0].path: 500, broken[1].path: 404}
    fast = replace(settings, max_attempts=1)
    with DemoServer(site) as server:
        source = fast.source("demo").with_base_url(server.base_url)
        result = run_source(fast, source)
    FailingSite.broken = {}
    assert result.counts.failed == 1  # the 404 is a deletion candidate, not a failure
    with Warehouse.open(fast.warehouse_path, read_only=True) as warehouse:
        summary = run_summary.summarize(fast, warehouse, [result.run_id])
    (failure,) = summary.page_failures
    assert failure.url.endswith(broken[0].path) and failure.outcome == "http_error"
    assert "500" in failure.reason
    (counts,) = summary.counts
    assert counts["failed"] == 1 and counts["new_articles"] == 10 and counts["flags"] == ""
    markdown = run_summary.render_markdown(summary)
    assert broken[0].path in markdown and "http_error" in markdown


def test_reprocess_reads_the_archive_only_and_marks_extractor_versions(
    settings: Settings, demo_site: DemoSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    with DemoServer(demo_site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        run_source(settings, source)
    # the server is gone: any fetch would fail
    same = reprocess_source(settings, source)
    assert same.status == "completed" and same.counts.fetched == 30
    assert same.counts.unchanged == 30 and same.counts.new_versions == 0

    original = page_transform.extract_article

    def improved_extractor(html, url, **options):
        article = original(html, url, **options)
        return replace(article, title=article.title + " (better)", content_hash="")

    monkeypatch.setattr(page_transform, "extract_article", improved_extractor)
    changed = reprocess_source(settings, source)
    assert changed.counts.new_versions == 30 and changed.counts.failed == 0
    rows = query(
        settings,
        "SELECT v.change_kind, count(*), bool_and(a.title LIKE '% (better)') FROM articles a "
        "JOIN stg_article_versions v USING (article_id, version) GROUP BY 1",
    )
    assert rows == [("extractor", 30, True)]
    assert query(settings, "SELECT count(*) FROM raw_responses WHERE purpose = 'article'") == [
        (30,)
    ]
    linked = query(
        settings,
        "SELECT count(*) FROM stg_article_versions v JOIN raw_responses r USING (response_id) "
        "WHERE v.change_kind = 'extractor'",
    )
    assert linked == [(30,)]


RUN_SCRIPT = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from pathlib import Path
    from flows.engine.source_run import run_source
    from settings import load_settings

    data_dir, base_url, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    settings = replace(load_settings(environ={}), data_dir=Path(data_dir),
                       lock_timeout_seconds=timeout)
    summary = run_source(settings, settings.source("demo").with_base_url(base_url))
    print(summary.status, summary.counts.new_articles)
    """
)


def test_a_second_run_waits_for_the_lock_with_a_clear_line_or_gives_up_clearly(
    settings: Settings, demo_server: DemoServer, tmp_path: Path
) -> None:
    script = tmp_path / "run.py"
    script.write_text(RUN_SCRIPT)

    def start(timeout: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, str(script), str(settings.data_dir), demo_server.base_url, timeout],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    with resources.run_lock(settings):
        gives_up = start("1")
        waits = start("120")
        _, gave_up_err = gives_up.communicate(timeout=60)
    out, waited_err = waits.communicate(timeout=120)
    assert gives_up.returncode != 0
    assert "RunLocked: another newsetl run is writing to" in gave_up_err
    assert "duckdb" not in gave_up_err.lower()
    assert waits.returncode == 0, waited_err
    assert "waiting up to 120 s for it to finish" in waited_err
    assert out.split() == ["completed", "30"]
