"""Discovery: canonical URLs, feeds, sitemaps with lastmod, gone pages relisted, backfill resume."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from helpers import fast_settings, scalar
from servers.hostile import HostileSite

from flows.engine import steps
from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer
from records.urls import canonical_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.EDU:80/a/b.htm#top", "http://example.edu/a/b.htm"),
        (
            "https://example.edu:443/a?utm_source=x&b=2&a=1&fbclid=y",
            "https://example.edu/a?a=1&b=2",
        ),
        ("https://www.example.edu/a?gclid=1&mc_cid=2", "https://example.edu/a"),
        ("http://example.edu:8080/a%7Eb", "http://example.edu:8080/a~b"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url, preferred_hosts={"example.edu": "example.edu"}) == expected


def test_www_variant_and_tracking_params_are_one_article(tmp_path: Path) -> None:
    site = HostileSite(12, per_page=20)
    settings = fast_settings(tmp_path)
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        run_source(settings, source)
        article = site.live_articles()[0]
        original = site._render_listing  # the listing now links with tracking parameters

        def render_with_tracking(page: int) -> bytes:
            return original(page).replace(
                f'href="{article.path}"'.encode(), f'href="{article.path}?utm_source=x#c"'.encode()
            )

        site._render_listing = render_with_tracking  # type: ignore[method-assign]
        site._changed()
        site.publish()
        run_source(settings, source)
    assert scalar(settings, "SELECT count(*) FROM articles") == 13
    assert scalar(settings, "SELECT count(*) FROM frontier") == 13


XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'


def test_a_site_serving_xhtml_with_an_xml_declaration_is_walked_and_its_feed_found(
    tmp_path: Path,
) -> None:
    site = HostileSite(12, per_page=5)
    listing, home = site._render_listing, site._render_home
    site._render_listing = lambda page: XML_DECLARATION + listing(page)  # type: ignore[method-assign]
    site._render_home = lambda: XML_DECLARATION + home()  # type: ignore[method-assign]
    site._changed()
    settings = fast_settings(tmp_path)
    with DemoServer(site) as server:
        base = replace(settings.source("demo").with_base_url(server.base_url), max_listing_pages=5)
        walked = run_source(settings, base)
        by_feed = run_source(settings, replace(base, discovery=("feed",)))
    assert walked.status == by_feed.status == "completed"
    assert scalar(settings, "SELECT count(*) FROM articles") == 12
    assert scalar(settings, "SELECT count(*) FROM raw_responses WHERE url LIKE '%rss.xml'") == 1


def test_feed_found_from_the_home_page(tmp_path: Path) -> None:
    site = HostileSite(30)
    settings = fast_settings(tmp_path)
    with DemoServer(site) as server:
        source = replace(
            settings.source("demo").with_base_url(server.base_url), discovery=("feed",)
        )
        summary = run_source(settings, source)
        paths = [path for _, path, _ in site.requests]
    assert summary.status == "completed"
    assert "/" in paths and "/news/rss.xml" in paths and "/news/node_1.htm" not in paths
    assert scalar(settings, "SELECT count(*) FROM articles") == 20  # the feed's items


def test_sitemap_from_robots_and_lastmod_finds_edits(tmp_path: Path) -> None:
    site = HostileSite(40, per_page=10)
    settings = fast_settings(tmp_path)
    with DemoServer(site) as server:
        site.robots_txt = f"User-agent: *\nAllow: /\nSitemap: {server.base_url}/sitemap.xml\n"
        source = replace(
            settings.source("demo").with_base_url(server.base_url),
            discovery=("listing", "sitemap"),
        )
        run_source(settings, source)
        assert scalar(settings, "SELECT count(*) FROM articles") == 40
        edited = site.live_articles()[-1]  # the oldest: far from the first listing page
        site.edit(edited.article_id)
        before = len(site.requests)
        summary = run_source(settings, source)
        paths = [path for _, path, _ in site.requests[before:]]
    assert summary.counts.new_versions == 1
    article_paths = [p for p in paths if p.endswith(".htm") and "/news/" not in p]
    assert article_paths == [edited.path]
    month_sitemaps = [p for p in paths if p.startswith("/sitemaps/")]
    assert month_sitemaps == [f"/sitemaps/{edited.published_at:%Y-%m}.xml"]


def test_gone_page_listed_again_is_fetched_again(tmp_path: Path) -> None:
    site = HostileSite(20, per_page=10)
    settings = fast_settings(tmp_path)
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        run_source(settings, source)
        target = site.live_articles()[1]
        site.delete(target.article_id)
        run_source(settings, source, recheck_all=True)
        target.deleted = False
        site._changed()
        before = len(site.requests)
        summary = run_source(settings, source)
        paths = [path for _, path, _ in site.requests[before:]]
    assert target.path in paths
    assert summary.counts.new_versions == 1
    kinds = scalar(
        settings,
        "SELECT list(change_kind ORDER BY version) FROM raw_article_versions WHERE url LIKE ?",
        ["%" + target.path],
    )
    assert kinds == ["first", "deleted", "restored"]


def test_interrupted_backfill_resumes_at_its_cursor(tmp_path: Path) -> None:
    site = HostileSite(50, per_page=10)
    settings = fast_settings(tmp_path, fetch_batch_size=10)
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)

        def interrupt_after_two_pages(stage: str, done: int, total: int | None) -> None:
            if stage == "listing" and done == 2:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            run_source(settings, source, backfill=True, progress=interrupt_after_two_pages)
        before = len(site.requests)
        summary = run_source(settings, source, backfill=True)
        listing_paths = [p for _, p, _ in site.requests[before:] if p.startswith("/news/")]
    assert summary.status == "completed"
    # pages 3-5 are fetched at once (ahead of the walk): each once, in no fixed order
    assert sorted(listing_paths) == [
        "/news/node_1_3.htm",
        "/news/node_1_4.htm",
        "/news/node_1_5.htm",
    ]
    assert scalar(settings, "SELECT count(*) FROM articles") == 50
    assert scalar(settings, "SELECT count(*) FROM crawl_cursors WHERE completed_at IS NULL") == 0


def test_a_backfill_saves_its_listing_pages_in_groups_and_an_interrupt_saves_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(steps, "LISTING_PAGES_PER_SAVE", 3)
    saves: list[tuple[str, str | None]] = []
    real_load_batch = steps.load_batch

    def recording_load_batch(warehouse, run_id, source_name, batch, *, now):  # noqa: ANN001, ANN202
        if batch.cursor_advance is not None:
            saves.append((batch.cursor_advance[1] or "", len(batch.links)))
        return real_load_batch(warehouse, run_id, source_name, batch, now=now)

    monkeypatch.setattr(steps, "load_batch", recording_load_batch)
    site = HostileSite(50, per_page=5)
    settings = fast_settings(tmp_path, fetch_batch_size=10)
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)

        def interrupt_after_five_pages(stage: str, done: int, total: int | None) -> None:
            if stage == "listing" and done == 5:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            run_source(settings, source, backfill=True, progress=interrupt_after_five_pages)
        # pages 1-3 in one save; 4-5 saved by the interrupt, with the cursor past page 5
        assert [(url.rsplit("/", 1)[-1], links) for url, links in saves] == [
            ("node_1_4.htm", 15),
            ("node_1_6.htm", 10),
        ]
        before = len(site.requests)
        summary = run_source(settings, source, backfill=True)
        listing_paths = [p for _, p, _ in site.requests[before:] if p.startswith("/news/")]
    assert summary.status == "completed"
    assert sorted(listing_paths) == sorted(f"/news/node_1_{n}.htm" for n in range(6, 11))
    assert scalar(settings, "SELECT count(*) FROM articles") == 50
