"""Health judges outcomes, not exit codes: a run that "completed" can still be flagged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fetch.discover import DiscoveryFailed
from flows.engine.source_run import run_source
from flows.operations import health
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings, Source
from warehouse import Warehouse
from warehouse.export import parquet_path, read_query

ARTICLE_PATH = re.compile(r"/\d{4}-\d{2}/\d{2}/c_\d+\.htm$")


class NoArticlesSite(DemoSite):
    """The demo site whose article pages all answer 200 with a page holding no article."""

    def respond(self, method: str, path: str, request_headers: dict[str, str] | None = None):
        if ARTICLE_PATH.search(path):
            return 200, {"Content-Type": "text/html"}, b"<html><body><p>Moved.</p></body></html>"
        return super().respond(method, path, request_headers)


def parquet_query(settings: Settings, sql: str) -> tuple[list[str], list[tuple]]:
    """What `newsetl sql --parquet` answers: the marts, exported first when stale."""
    return read_query(
        settings.warehouse_path, settings.data_dir / "parquet", sql, parquet=True, wait_seconds=5
    )


def test_a_source_whose_every_page_is_quarantined_is_flagged_everywhere(
    settings: Settings, tmp_path: Path
) -> None:
    with DemoServer(NoArticlesSite(6)) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        summary = run_source(settings, source)
    assert summary.status == "completed" and summary.counts.quarantined == 6
    with Warehouse.open(settings.warehouse_path, read_only=True) as warehouse:
        (row,) = health.source_health(settings, warehouse)
    assert row.flags == [health.QUARANTINE_RATE, health.NO_ARTICLES]
    assert "quarantined 6 of 6 fetched pages (100%" in row.describe_flags()[0]
    columns, rows = parquet_query(settings, "SELECT source, last_quarantined FROM source_health")
    assert rows == [("demo", 6)]


def test_a_failed_run_is_in_the_parquet_source_health(settings: Settings, demo_source: Source):
    run_source(settings, demo_source)
    broken = demo_source.with_base_url("http://127.0.0.1:9")
    with pytest.raises(DiscoveryFailed):
        run_source(settings, broken)
    _, rows = parquet_query(settings, "SELECT source, last_status FROM source_health")
    assert rows == [("demo", "failed")]
    assert parquet_path(settings.data_dir / "parquet", "source_health").exists()


def test_outcome_flag_rules() -> None:
    completed = {"last_status": "completed", "hours_since_new_article": 1.0}
    assert health.judge({**completed, "last_fetched": 10, "last_articles_loaded": 10}, 24) == []
    assert health.judge(
        {**completed, "last_fetched": 10, "last_quarantined": 6, "last_articles_loaded": 4}, 24
    ) == [health.QUARANTINE_RATE]
    assert health.judge(
        {**completed, "last_fetched": 2, "last_failed_pages": 8, "last_articles_loaded": 2}, 24
    ) == [health.PAGE_FAILURE_RATE]
    assert health.judge(
        {
            **completed,
            "last_fetched": 10,
            "last_articles_loaded": 10,
            "last_pages_extracted": 10,
            "last_profile_misses": 3,
        },
        24,
    ) == [health.PROFILE_DRIFT]
    strict = health.Thresholds(max_profile_miss_rate=0.5)
    assert (
        health.judge(
            {
                **completed,
                "last_fetched": 10,
                "last_articles_loaded": 10,
                "last_pages_extracted": 10,
                "last_profile_misses": 3,
            },
            24,
            strict,
        )
        == []
    )


def test_a_crashed_or_abandoned_last_run_is_flagged_failed() -> None:
    for status in ("failed", "crashed", "abandoned"):
        row = {"last_status": status, "hours_since_new_article": 1.0}
        assert health.judge(row, 24) == [health.FAILED], status
    assert health.judge({"last_status": "interrupted", "hours_since_new_article": 1.0}, 24) == []
