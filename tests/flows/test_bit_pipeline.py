"""BIT's URL families and multi-page articles through the whole pipeline over loopback HTTP."""

from __future__ import annotations

import json

import pytest
from helpers import rows as query
from helpers import scalar

from flows.engine.source_run import run_source
from flows.operations.reprocess import reprocess_source
from newsetl.demo_site import DemoSite
from settings import Settings, Source

# first page of the three-page article of each era that paginates, and its template's profile
PAGINATED = {
    "/NewsEvents/BITNews/7801.htm": "bit:news-events-v1",
    "/news2020/focus/5a1c9e0b7d3f4e21a6b8c0d2e4f61357.htm": "bit:news2020-v1",
    "/2025-03/14/c_1160300.htm": "bit:china-daily-v1",
}


@pytest.fixture
def demo_site() -> DemoSite:
    return DemoSite(3, url_families=True)


def versions_of(settings: Settings, path: str) -> list[tuple]:
    return query(
        settings,
        "SELECT version, change_kind, body_text, is_incomplete, missing_pages "
        "FROM stg_article_versions WHERE url LIKE ? ORDER BY version",
        ["%" + path],
    )


def current(settings: Settings, path: str) -> dict:
    columns = "title, published_on, body_text, is_incomplete, profile, credits, field_sources"
    values = query(settings, f"SELECT {columns} FROM articles WHERE url LIKE ?", ["%" + path])
    assert len(values) == 1, f"{path}: {len(values)} current articles"
    return dict(zip(columns.split(", "), values[0], strict=True))


def test_every_url_family_lands_with_its_title_and_date(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    summary = run_source(settings, demo_source)
    assert summary.status == "completed" and summary.counts.failed == 0
    families = demo_site.family_articles
    assert summary.counts.new_articles == 3 + len(families)
    assert scalar(settings, "SELECT count(*) FROM articles") == 3 + len(families)
    for article in families:
        loaded = current(settings, article.path)
        assert loaded["title"] == article.title, article.path
        assert loaded["published_on"] == article.published_on, article.path
        assert loaded["body_text"] == article.body_text, article.path
        assert loaded["is_incomplete"] is False
        assert json.loads(loaded["field_sources"])["title"] == loaded["profile"]
    # China Daily's template on the demo has no author line: the profile's selector misses it,
    # which is recorded, but only a missed title, body or date counts towards profile drift
    optional = "SELECT count(*) FROM raw_article_versions WHERE len(profile_misses) > 0"
    anchors = (
        "SELECT count(*) FROM raw_article_versions "
        "WHERE list_has_any(profile_misses, ['title', 'body', 'published_at'])"
    )
    assert scalar(settings, optional) > 0
    assert summary.counts.profile_misses == scalar(settings, anchors)
    assert summary.counts.pages_extracted == summary.counts.new_articles
    assert current(settings, "/NewsEvents/BITBulletin/7802.htm")["credits"] == [
        "Translator: Zhang Wei",
        "Editor: Liu Fang",
    ]


def test_a_three_page_article_of_each_era_is_one_article_with_the_whole_body(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    summary = run_source(settings, demo_source)
    for path, profile in PAGINATED.items():
        article = demo_site.family_article(path)
        loaded = current(settings, path)
        assert loaded["profile"] == profile
        assert loaded["body_text"] == article.body_text
        assert len(loaded["body_text"].split("\n\n")) == 3 * len(article.pages[0])
        for later_page in article.page_paths[1:]:
            assert not query(
                settings, "SELECT 1 FROM raw_article_versions WHERE url LIKE ?", ["%" + later_page]
            )
            # every page's response is archived and indexed
            assert (
                scalar(
                    settings,
                    "SELECT count(*) FROM raw_responses WHERE url LIKE ?",
                    ["%" + later_page],
                )
                == 1
            )
    # a page counts as extracted once per article, whatever its page count
    assert summary.counts.pages_extracted == summary.counts.new_articles
    assert summary.counts.incomplete == 0


@pytest.mark.parametrize("path", list(PAGINATED))
def test_an_edit_on_page_two_makes_exactly_one_new_version(
    settings: Settings, demo_source: Source, demo_site: DemoSite, path: str
) -> None:
    run_source(settings, demo_source)
    article = demo_site.edit_family_page(path, 2)
    summary = run_source(settings, demo_source, recheck_all=True)
    assert summary.counts.new_versions == 1
    versions = versions_of(settings, path)
    assert [(v[0], v[1]) for v in versions] == [(1, "first"), (2, "content")]
    assert versions[-1][2] == article.body_text
    # nothing changed since: the next re-check makes no version
    again = run_source(settings, demo_source, recheck_all=True)
    assert again.counts.new_versions == 0 and len(versions_of(settings, path)) == 2


@pytest.mark.parametrize("path", list(PAGINATED))
def test_a_failed_page_three_flags_the_article_and_a_later_run_completes_it(
    settings: Settings, demo_source: Source, demo_site: DemoSite, path: str
) -> None:
    article = demo_site.family_article(path)
    page_three = article.page_paths[2]
    demo_site.failing_paths.add(page_three)
    first = run_source(settings, demo_source)
    assert first.counts.incomplete == 1
    (version,) = versions_of(settings, path)
    assert version[3] is True and version[4][0].endswith(page_three)
    assert current(settings, path)["is_incomplete"] is True
    assert article.pages[2][0] not in version[2]

    demo_site.failing_paths.clear()
    later = run_source(settings, demo_source)
    assert later.counts.new_versions == 1
    versions = versions_of(settings, path)
    assert [(v[0], v[1], v[3]) for v in versions] == [(1, "first", True), (2, "content", False)]
    assert versions[-1][2] == article.body_text
    assert current(settings, path)["is_incomplete"] is False


def test_later_pages_are_never_planned_as_articles_of_their_own(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    demo_site.requests.clear()
    run_source(settings, demo_source, recheck_all=True)
    paths = [path for _, path, _ in demo_site.requests]
    for first_page in PAGINATED:
        article = demo_site.family_article(first_page)
        # page 1 once (304), each later page once (304): no page fetched as an article of its own
        assert [p for p in paths if p in article.page_paths].count(first_page) == 1
        for later_page in article.page_paths[1:]:
            assert paths.count(later_page) == 1
    assert scalar(settings, "SELECT count(*) FROM articles") == 3 + len(demo_site.family_articles)


def test_reprocessing_the_archive_keeps_multi_page_articles_whole(
    settings: Settings, demo_source: Source, demo_site: DemoSite
) -> None:
    run_source(settings, demo_source)
    summary = reprocess_source(settings, demo_source)
    assert summary.status == "completed"
    assert summary.counts.new_versions == 0 and summary.counts.quarantined == 0
    assert summary.counts.new_articles == 0
    for path in PAGINATED:
        assert [v[0] for v in versions_of(settings, path)] == [1]
        assert current(settings, path)["body_text"] == demo_site.family_article(path).body_text
