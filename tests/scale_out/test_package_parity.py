"""A load package gives what a one-machine run gives: multi-page articles assembled (a failed
page flagged), later pages never articles of their own, text truncations recorded once."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from helpers import fast_settings, rows

from flows.engine.source_run import run_source
from flows.operations.reprocess import reprocess_source
from flows.scale_out import loader
from flows.scale_out.loader import (
    load_ready_packages,
    packages_dir,
    run_source_to_package,
)
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings
from warehouse.packages import COMMITTED_DIR, MANIFEST_NAME, READY_DIR, read_package

SOURCE = "demo"
# the first page of each three-page article the URL-family demo serves
PAGINATED = (
    "/NewsEvents/BITNews/7801.htm",
    "/news2020/focus/5a1c9e0b7d3f4e21a6b8c0d2e4f61357.htm",
    "/2025-03/14/c_1160300.htm",
)
# what the two paths must agree on: everything but ids and clocks
ARTICLES = (
    "SELECT url, canonical_url, title, subtitle, published_at, authors, editor_note, body_text, "
    "images, tags, word_count, content_hash, profile, credits, is_incomplete, missing_pages, "
    "version FROM articles ORDER BY url"
)
VERSIONS = (
    "SELECT url, version, change_kind, body_text, is_incomplete, missing_pages "
    "FROM stg_article_versions ORDER BY url, version"
)
FRONTIER = "SELECT url, last_outcome, article_id IS NULL, etag FROM frontier ORDER BY url"
PAGE_RESPONSES = (
    "SELECT url, outcome, status_code, body_sha256 FROM raw_responses "
    "WHERE purpose = 'article' ORDER BY url, outcome"
)
TRUNCATIONS = (
    "SELECT url, field, original_chars, kept_chars FROM raw_truncations ORDER BY url, field"
)
RUNS = (
    "SELECT status, listing_pages, discovered, fetched, unchanged, new_articles, new_versions, "
    "deletions, quarantined, failed FROM runs ORDER BY started_at"
)


@pytest.fixture
def site() -> DemoSite:
    return DemoSite(3, url_families=True)


@pytest.fixture
def server(site: DemoSite) -> Iterator[DemoServer]:
    with DemoServer(site) as running:
        yield running


def settings_in(directory: Path, server: DemoServer, **overrides: object) -> Settings:
    settings = fast_settings(directory, **overrides)
    source = settings.source(SOURCE).with_base_url(server.base_url)
    return replace(settings, sources={**settings.sources, SOURCE: source})


def run_directly(settings: Settings) -> None:
    assert run_source(settings, settings.source(SOURCE)).status == "completed"


def run_as_package(settings: Settings, **options: object) -> Path:
    """A worker's run into a package, then the loader's commit."""
    packaged = run_source_to_package(settings, settings.source(SOURCE), **options)
    assert packaged.status == "completed" and packaged.package_path is not None
    assert len(load_ready_packages(settings, export=False).committed) == 1
    return packages_dir(settings) / COMMITTED_DIR / packaged.package_path.name


def content(settings: Settings) -> dict[str, list[tuple]]:
    queries = {
        "articles": ARTICLES,
        "versions": VERSIONS,
        "frontier": FRONTIER,
        "responses": PAGE_RESPONSES,
        "truncations": TRUNCATIONS,
        "runs": RUNS,
    }
    return {name: rows(settings, sql) for name, sql in queries.items()}


def url_like(settings: Settings, sql: str, path: str) -> list[tuple]:
    return rows(settings, sql, ["%" + path])


def test_a_package_loads_each_multi_page_article_whole_like_a_direct_run(
    tmp_path: Path, site: DemoSite, server: DemoServer
) -> None:
    direct = settings_in(tmp_path / "direct", server)
    run_directly(direct)
    workers = settings_in(tmp_path / "workers", server)
    package = run_as_package(workers)

    assert content(workers) == content(direct)
    for path in PAGINATED:
        article = site.family_article(path)
        (loaded,) = url_like(
            workers, "SELECT body_text, is_incomplete FROM articles WHERE url LIKE ?", path
        )
        assert loaded == (article.body_text, False)
        for later_page in article.page_paths[1:]:
            assert not url_like(
                workers, "SELECT 1 FROM raw_article_versions WHERE url LIKE ?", later_page
            )
            # fetched by the worker: in the package's responses and WARC, installed under raw/
            (warc_file,) = url_like(
                workers, "SELECT warc_file FROM raw_responses WHERE url LIKE ?", later_page
            )
            assert warc_file[0] and (workers.raw_dir / warc_file[0]).is_file()
            assert any(
                page.fetch.url.endswith(later_page) for page in read_package(package).batch.pages
            )
    assert rows(workers, "SELECT count(*) FROM articles") == [(3 + len(site.family_articles),)]


def test_a_failed_later_page_leaves_the_packaged_article_incomplete_like_a_direct_run(
    tmp_path: Path, site: DemoSite, server: DemoServer
) -> None:
    page_threes = [site.family_article(path).page_paths[2] for path in PAGINATED]
    site.failing_paths.update(page_threes)
    direct = settings_in(tmp_path / "direct", server)
    run_directly(direct)
    workers = settings_in(tmp_path / "workers", server)
    run_as_package(workers)

    assert content(workers) == content(direct)
    for path, page_three in zip(PAGINATED, page_threes, strict=True):
        ((is_incomplete, missing_pages, body),) = url_like(
            workers,
            "SELECT is_incomplete, missing_pages, body_text FROM articles WHERE url LIKE ?",
            path,
        )
        assert is_incomplete is True and [p[-len(page_three) :] for p in missing_pages] == [
            page_three
        ]
        assert site.family_article(path).pages[2][0] not in body

    # the page answers again: the next package completes each article with one new version
    site.failing_paths.clear()
    run_as_package(workers)
    for path in PAGINATED:
        versions = url_like(
            workers,
            "SELECT version, change_kind, is_incomplete, body_text FROM stg_article_versions "
            "WHERE url LIKE ? ORDER BY version",
            path,
        )
        assert [v[:3] for v in versions] == [(1, "first", True), (2, "content", False)]
        assert versions[-1][3] == site.family_article(path).body_text


def test_a_package_run_never_plans_a_later_page_as_an_article(
    tmp_path: Path, site: DemoSite, server: DemoServer
) -> None:
    workers = settings_in(tmp_path / "workers", server)
    run_as_package(workers)
    site.requests.clear()
    run_as_package(workers, recheck_all=True)  # every known URL is due, later pages too
    paths = [path for _, path, _ in site.requests]
    for first_page in PAGINATED:
        article = site.family_article(first_page)
        # page 1 once, each later page once (as a page of its article): never twice
        for page in article.page_paths:
            assert paths.count(page) == 1, page
    assert rows(workers, "SELECT count(*) FROM articles") == [(3 + len(site.family_articles),)]
    assert rows(workers, "SELECT count(*), count(DISTINCT url) FROM raw_article_versions") == [
        (3 + len(site.family_articles),) * 2
    ]


def test_truncations_travel_in_the_package_and_are_recorded_once(
    tmp_path: Path, server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    limits = {"max_title_chars": 24, "max_field_chars": 12}
    direct = settings_in(tmp_path / "direct", server, **limits)
    run_directly(direct)
    expected = rows(direct, TRUNCATIONS)
    assert {field for _, field, _, _ in expected} >= {"title"}

    workers = settings_in(tmp_path / "workers", server, **limits)
    packaged = run_source_to_package(workers, workers.source(SOURCE))
    assert packaged.package_path is not None
    cuts = {
        (page.fetch.url, cut.field, cut.original_chars, cut.kept_chars)
        for page in read_package(packaged.package_path).batch.pages
        for cut in page.truncations
    }
    assert sorted(cuts) == expected

    # a loader killed after the commit, before it moved the package: the next one resumes
    def killed_before_move(*args: object, **kwargs: object) -> None:
        raise SystemExit("loader killed after the commit")

    monkeypatch.setattr(loader, "move_to_committed", killed_before_move)
    with pytest.raises(SystemExit):
        load_ready_packages(workers, export=False)
    monkeypatch.undo()
    assert rows(workers, TRUNCATIONS) == expected
    (resumed,) = load_ready_packages(workers, export=False).committed
    assert resumed.already_loaded
    assert rows(workers, TRUNCATIONS) == expected

    # the same package handed to the loader once more: nothing recorded twice
    committed = packages_dir(workers) / COMMITTED_DIR / packaged.package_path.name
    shutil.copytree(committed, packages_dir(workers) / READY_DIR / committed.name)
    (again,) = load_ready_packages(workers, export=False).committed
    assert again.already_loaded
    assert rows(workers, TRUNCATIONS) == expected
    assert rows(workers, "SELECT count(DISTINCT run_id) FROM raw_truncations") == [(1,)]


def test_a_package_written_before_truncations_were_packaged_still_reads(
    tmp_path: Path, server: DemoServer
) -> None:
    workers = settings_in(tmp_path / "workers", server, max_title_chars=24)
    package = run_source_to_package(workers, workers.source(SOURCE)).package_path
    assert package is not None
    assert any(page.truncations for page in read_package(package).batch.pages)
    # format 1: pages.parquet without the truncations column
    pages = package / "pages.parquet"
    older = package / "pages-format-1.parquet"
    connection = duckdb.connect(":memory:")
    connection.execute(
        f"COPY (SELECT * EXCLUDE (truncations) FROM read_parquet('{pages.as_posix()}')) "
        f"TO '{older.as_posix()}' (FORMAT parquet)"
    )
    connection.close()
    older.replace(pages)
    manifest = json.loads((package / MANIFEST_NAME).read_text())
    manifest["format"] = 1
    manifest["files"]["pages.parquet"] = hashlib.sha256(pages.read_bytes()).hexdigest()
    (package / MANIFEST_NAME).write_text(json.dumps(manifest))

    contents = read_package(package)
    assert contents.batch.pages and all(not page.truncations for page in contents.batch.pages)
    assert len(load_ready_packages(workers, export=False).committed) == 1
    assert rows(workers, "SELECT count(*) FROM raw_truncations") == [(0,)]


def test_an_assembled_article_records_its_cuts_like_a_single_page(
    tmp_path: Path, server: DemoServer
) -> None:
    settings = settings_in(tmp_path / "direct", server, max_title_chars=24)
    run_directly(settings)
    for path in PAGINATED:
        ((title,),) = url_like(settings, "SELECT title FROM articles WHERE url LIKE ?", path)
        assert len(title) == 24 and title.endswith("…")
        cuts = url_like(
            settings, "SELECT field, kept_chars FROM raw_truncations WHERE url LIKE ?", path
        )
        assert cuts == [("title", 24)], path
    # re-processing the archive cuts and records the same, and sees no change
    reprocessed = reprocess_source(settings, settings.source(SOURCE))
    assert reprocessed.status == "completed" and reprocessed.counts.new_versions == 0
    for path in PAGINATED:
        cuts = rows(
            settings,
            "SELECT field, kept_chars FROM raw_truncations WHERE url LIKE ? AND run_id = ?",
            ["%" + path, reprocessed.run_id],
        )
        assert cuts == [("title", 24)], path
