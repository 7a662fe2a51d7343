"""Unbounded work is bounded: endless listings, huge text fields, hanging and dripping URLs."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from helpers import fast_settings, rows

from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer, DemoSite
from records.article import Article, Block, Image
from settings import Settings
from transforms.limits import TextLimits, cap_text_fields
from warehouse.frontier import next_check_after_failure

LISTING = "/news/node_1.htm"


class EndlessSite(DemoSite):
    """The demo listing's last page links to `/news/endless_2.htm`, which links to _3, ...

    With `fresh_links`, each endless page lists an article URL never seen before (they 404);
    without, each lists the demo's first article again.
    """

    fresh_links = True

    def respond(self, method: str, path: str, request_headers: dict[str, str] | None = None):  # noqa: ANN201
        if path.startswith("/news/endless_"):
            number = int(path.removeprefix("/news/endless_").removesuffix(".htm"))
            with self._lock:
                self.requests.append((method, path, 200))
            article = (
                f"/2020-01/01/c_{900000 + number}.htm"
                if self.fresh_links
                else self.live_articles()[0].path
            )
            body = (
                f'<html><body><div class="lis_box"><h3><a href="{article}">Old news {number}'
                f'</a></h3></div><a rel="next" href="/news/endless_{number + 1}.htm">next</a>'
                "</body></html>"
            )
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()
        status, headers, body = super().respond(method, path, request_headers)
        if path == LISTING and status == 200:
            body = body.replace(
                b'<div class="pages">',
                b'<a rel="next" href="/news/endless_2.htm">next</a><div class="pages">',
            )
        return status, headers, body


def endless_pages_read(site: DemoSite) -> int:
    return sum(1 for _, path, _ in site.requests if path.startswith("/news/endless_"))


def test_an_endless_listing_chain_ends_at_the_cap_with_what_it_found_loaded(tmp_path) -> None:
    settings = fast_settings(tmp_path, backfill_max_listing_pages=12, listing_stall_pages=50)
    site = EndlessSite(5)
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        summary = run_source(settings, source, backfill=True)
        assert summary.status == "completed"
        assert summary.listing_pages == 12 and endless_pages_read(site) == 11
        # the demo's articles were loaded, and every URL the walk found is in the frontier
        assert rows(settings, "SELECT count(*) FROM articles")[0][0] == 5
        found = rows(settings, "SELECT count(*) FROM frontier WHERE url LIKE '%c_9000%'")[0][0]
        assert found == 11
        # the next backfill resumes where the cap stopped this one
        again = run_source(settings, source, backfill=True)
        assert again.status == "completed" and again.listing_pages == 12
        assert endless_pages_read(site) == 23


def test_a_listing_chain_without_new_links_stops_after_the_stall_limit(tmp_path) -> None:
    settings = fast_settings(tmp_path, listing_stall_pages=4)
    site = EndlessSite(5)
    site.fresh_links = False
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        backfill = run_source(settings, source, backfill=True)
        assert backfill.status == "completed" and endless_pages_read(site) == 4
        normal = run_source(settings, source)  # the cap applies to normal runs as well
        assert normal.status == "completed"
    assert endless_pages_read(site) <= 8
    assert rows(settings, "SELECT count(*) FROM articles")[0][0] == 5


def test_over_long_text_fields_are_cut_and_the_cut_recorded(settings: Settings) -> None:
    site = DemoSite(5)
    article = site.live_articles()[0]
    article.title = "Long title " * 10_000
    article.author = "Author " * 2_000
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        assert run_source(settings, source).status == "completed"
        url = server.base_url + article.path
    title, authors = rows(settings, "SELECT title, authors FROM articles WHERE url = ?", [url])[0]
    assert len(title) == settings.max_title_chars and title.endswith("…")
    assert all(len(author) <= settings.max_field_chars for author in authors)
    cuts = rows(
        settings,
        "SELECT field, original_chars, kept_chars FROM raw_truncations WHERE url = ? ORDER BY 1",
        [url],
    )
    assert cuts[-1] == ("title", len(article.title.strip()), settings.max_title_chars)
    assert any(field.startswith("authors[") for field, _, _ in cuts)
    assert rows(settings, "SELECT count(DISTINCT url) FROM raw_truncations")[0][0] == 1


def test_cap_text_fields_leaves_short_articles_alone_and_cuts_captions() -> None:
    article = Article(
        url="http://example.org/a",
        canonical_url="http://example.org/a",
        title="Short",
        body=(Block("Body"),),
        images=(Image("http://example.org/i.png", caption="c" * 50),),
    )
    assert cap_text_fields(article, TextLimits()) == (article, [])
    capped, cuts = cap_text_fields(article, TextLimits(max_title_chars=10, max_field_chars=20))
    assert capped.images[0].caption == "c" * 19 + "…"
    assert [(cut.field, cut.original_chars, cut.kept_chars) for cut in cuts] == [
        ("images[0].caption", 50, 20)
    ]
    assert capped.content_hash == article.content_hash


class DripAnswer:
    """200 with a body that never ends: one byte every 50 ms."""

    def perform(self, handler: Any, *, send_body: bool) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        try:
            for _ in range(2_000):
                handler.wfile.write(b"x")
                handler.wfile.flush()
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass


class DrippingSite(DemoSite):
    dripping = ""

    def respond(self, method: str, path: str, request_headers: dict[str, str] | None = None):  # noqa: ANN201
        if path == self.dripping:
            with self._lock:
                self.requests.append((method, path, -1))
            return DripAnswer()
        return super().respond(method, path, request_headers)


def test_a_dripping_url_times_out_once_per_run_then_backs_off(tmp_path) -> None:
    settings = fast_settings(tmp_path, max_body_seconds=0.5)
    site = DrippingSite(5)
    site.dripping = site.live_articles()[0].path
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        for _ in range(3):
            assert run_source(settings, source).status == "completed"
        url = server.base_url + site.dripping
    drips = [path for _, path, _ in site.requests if path == site.dripping]
    assert len(drips) == 2  # once in each of the first two runs, then it waits
    outcome, attempts, error = rows(
        settings,
        "SELECT outcome, attempts, error FROM raw_responses WHERE url = ? ORDER BY fetched_at DESC",
        [url],
    )[0]
    assert (outcome, attempts) == ("timeout", 1) and "max_body_seconds" in error
    failures, next_check = rows(
        settings, "SELECT failures, next_check_at FROM frontier WHERE url = ?", [url]
    )[0]
    assert failures == 2 and next_check > datetime.now(UTC) + timedelta(hours=5)


def test_timeouts_back_off_from_the_second_in_a_row() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert next_check_after_failure("timeout", 0, now) == now
    assert next_check_after_failure("timeout", 1, now) == now + timedelta(hours=6)
    assert next_check_after_failure("timeout", 2, now) == now + timedelta(hours=12)
    assert next_check_after_failure("timeout", 30, now) == now + timedelta(days=7)
    assert next_check_after_failure("network_error", 5, now) == now
