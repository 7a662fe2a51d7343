"""The fetcher: robots.txt, per-host pace, retries and Retry-After, conditional GETs, limits."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import helpers
import pytest
from helpers import rows
from servers.hostile import HostileSite

from fetch.http import Fetcher, FetchRequest
from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer
from newsetl.demo_site.site import FEED_PATH
from records.fetch import FetchResult
from settings import Settings

POLICY = helpers.LOOPBACK_POLICY


def fast_settings(tmp_path: Path, **overrides: object) -> Settings:
    return helpers.fast_settings(tmp_path, **{"request_timeout_seconds": 1.0, **overrides})


def test_robots_is_read_once_and_its_crawl_delay_paces_requests() -> None:
    site = HostileSite(10)
    site.robots_txt = "User-agent: *\nDisallow: /about/\nCrawl-delay: 0.2\n"
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        urls = [server.base_url + a.path for a in site.live_articles()[:4]]
        results = fetcher.fetch_many([FetchRequest(u) for u in urls], "article")
        blocked = fetcher.fetch(FetchRequest(server.base_url + "/about/"), "article")
    assert [r.outcome for r in results] == ["fetched"] * 4
    gaps = site.traffic.gaps_between({a.path for a in site.live_articles()[:4]})
    # requests leave 0.2 s apart; their arrival may bunch a little on a loaded machine
    assert len(gaps) == 3 and sum(gaps) >= 0.55 and min(gaps) >= 0.1
    assert blocked.outcome == "skipped_robots"
    assert [p for _, p, _ in site.requests].count("/robots.txt") == 1
    assert "/about/" not in [p for _, p, _ in site.requests]


def test_at_most_max_in_flight_per_host() -> None:
    site = HostileSite(10)
    site.slow_seconds = 0.3
    for article in site.live_articles()[:4]:
        site.fault(article.path, "slow")
    policy = replace(POLICY, max_in_flight=2, respect_robots=False)
    with DemoServer(site) as server, Fetcher(policy, None, [server.base_url]) as fetcher:
        urls = [server.base_url + a.path for a in site.live_articles()[:4]]
        results = fetcher.fetch_many([FetchRequest(u) for u in urls], "article")
    assert [r.outcome for r in results] == ["fetched"] * 4
    assert site.traffic.max_in_flight == 2  # the server answered two at once, never more


def test_no_retry_on_404_and_bad_content_type_and_scheme() -> None:
    site = HostileSite(5)
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        gone = fetcher.fetch(FetchRequest(server.base_url + "/2026-01/01/c_1.htm"), "article")
        image = fetcher.fetch(FetchRequest(server.base_url + "/images/logo.png"), "article")
        ftp = fetcher.fetch(FetchRequest("ftp://127.0.0.1/x"), "article")
    assert (gone.outcome, gone.attempts) == ("gone", 1)
    assert image.outcome == "bad_content_type" and image.body is None
    assert ftp.outcome == "refused_redirect" and "not http" in (ftp.error or "")


def fetched_with_faults(*kinds: str, then: str = "") -> list[FetchResult]:
    """Each kind of fault ("none": a plain page) on an article of its own, fetched as an
    article in turn; then the page at `then`, if given."""
    site = HostileSite(5)
    paths = [article.path for article in site.live_articles()[: len(kinds)]]
    for path, kind in zip(paths, kinds, strict=True):
        if kind != "none":
            site.fault(path, kind)
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        return [
            fetcher.fetch(FetchRequest(server.base_url + path), "article")
            for path in [*paths, *([then] if then else [])]
        ]


def test_a_page_under_an_unknowing_label_is_read_when_its_body_is_html() -> None:
    """A static server guessing "application/x-httpd-php" from a ".php" path, or saying
    "application/octet-stream": the body opens as HTML, so it is the page. A PDF under the
    same label is refused, and a picture is refused on its label, unread."""
    php, unknown, pdf, image = fetched_with_faults(
        "html_as_php", "html_as_octet_stream", "pdf_as_octet_stream", then="/images/logo.png"
    )
    for page in (php, unknown):
        assert page.outcome == "fetched" and b"<html" in (page.body or b"").lower()
    assert pdf.outcome == "bad_content_type" and pdf.body is None
    assert "nor its body" in (pdf.error or "")
    assert image.outcome == "bad_content_type" and "nor its body" not in (image.error or "")


def test_a_page_gzipped_without_a_content_encoding_is_read_inflated() -> None:
    """A static server sending a page's ".gz" file as it is, labelled "application/gzip" by
    its name or "text/html": the page is the inflated body, within `max_body_bytes`; a bomb
    sent so is refused as too large."""
    labelled, unlabelled, bomb = fetched_with_faults(
        "html_gz_as_gzip", "html_gz_as_html", "bomb_gz_as_html"
    )
    for page in (labelled, unlabelled):
        assert page.outcome == "fetched" and (page.body or b"").lstrip().startswith(b"<")
        assert b"<html" in (page.body or b"").lower()
    assert bomb.outcome == "too_large" and bomb.body is None


def test_a_binary_body_under_a_page_s_label_is_no_page() -> None:
    """A compressed stream sent without its Content-Encoding, under "text/html": decoded as
    text it would land as an article of noise; it is refused, and a real page still lands."""
    refused, page = fetched_with_faults("brotli_as_html", "none")
    assert refused.outcome == "bad_content_type" and refused.body is None
    assert "binary" in (refused.error or "")
    assert page.outcome == "fetched"


@pytest.mark.parametrize(("kind", "said"), [("json_as_html", "JSON"), ("feed_as_html", "feed")])
def test_json_or_a_feed_under_a_page_s_label_is_no_page(kind: str, said: str) -> None:
    """A script's JSON answer under PHP's default "text/html", a feed where a page was linked:
    no page, and the error says what the body is."""
    (refused,) = fetched_with_faults(kind)
    assert refused.outcome == "bad_content_type" and refused.body is None
    assert said in (refused.error or "")


def test_a_feed_served_as_a_web_page_is_read_as_a_feed() -> None:
    site = HostileSite(5)
    site.fault(FEED_PATH, "xml_as_html")
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        feed = fetcher.fetch(FetchRequest(server.base_url + FEED_PATH), "feed")
        page = fetcher.fetch(FetchRequest(server.base_url + site.live_articles()[0].path), "feed")
    assert feed.outcome == "fetched" and b"<rss" in (feed.body or b"")
    assert page.outcome == "bad_content_type"  # an article page is still no feed


@pytest.mark.parametrize("kind", ["meta_refresh", "refresh_header"])
def test_a_page_that_sends_the_reader_on_is_followed(kind: str) -> None:
    """An old CMS moving a page by a meta refresh (or a Refresh header): the page it sends to
    is fetched, as a redirect is; a refresh to another site is refused like a redirect there,
    and a refresh loop ends at `max_redirects`."""
    site = HostileSite(5)
    stub, moved = (article.path for article in site.live_articles()[:2])
    site.fault(stub, kind)
    never = replace(POLICY, max_meta_refresh_seconds=-1)
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        base = server.base_url
        site.refresh_to = moved
        followed = fetcher.fetch(FetchRequest(base + stub), "article")
        with Fetcher(never, None, [base]) as unfollowing:
            kept = unfollowing.fetch(FetchRequest(base + stub), "article")
        site.refresh_to = f"http://{site.offsite_host}:{base.rsplit(':', 1)[1]}/x"
        offsite = fetcher.fetch(FetchRequest(base + stub), "article")
        site.refresh_to = stub  # each page sends to the stub, the stub to itself: no move
        itself = fetcher.fetch(FetchRequest(base + stub), "article")
    assert followed.outcome == "fetched" and followed.final_url == base + moved
    assert b"has moved" not in (followed.body or b"") and b"Moved." not in (followed.body or b"")
    assert kept.outcome == "fetched" and kept.final_url == base + stub
    assert offsite.outcome == "refused_redirect"
    assert itself.outcome == "fetched" and itself.final_url == base + stub


def test_a_refresh_loop_ends_at_max_redirects() -> None:
    site = HostileSite(5)
    first, second = (article.path for article in site.live_articles()[:2])
    site.fault(first, "meta_refresh")
    site.fault(second, "refresh_header")
    site.refresh_targets = {first: second, second: first}
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        looped = fetcher.fetch(FetchRequest(server.base_url + first), "article")
    assert looped.outcome == "refused_redirect" and "redirects" in (looped.error or "")


def test_long_retry_after_leaves_the_page_for_the_next_run(tmp_path: Path) -> None:
    site = HostileSite(12, per_page=20)
    target = site.live_articles()[3]
    site.fault(target.path, "503_retry_after")
    site.retry_after = "3600"
    settings = fast_settings(tmp_path)
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        first = run_source(settings, source)
        url = server.base_url + target.path
        outcome, attempts, error = rows(
            settings, "SELECT outcome, attempts, error FROM stg_responses WHERE url = ?", [url]
        )[0]
        assert (outcome, attempts) == ("http_error", 1) and "next run" in error
        site.faults.clear()
        second = run_source(settings, source)
    assert first.counts.failed == 1 and first.counts.new_articles == 11
    assert second.counts.new_articles == 1
    assert rows(settings, "SELECT count(*) FROM articles")[0][0] == 12


def test_conditional_get_answers_304_counted_unchanged(tmp_path: Path) -> None:
    site = HostileSite(10)
    settings = fast_settings(tmp_path)
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        run_source(settings, source)
        again = run_source(settings, source, recheck_all=True)
    assert again.counts.unchanged == 10 and again.counts.fetched == 0
    assert [status for *_, status in site.requests].count(304) == 10
    assert (
        rows(settings, "SELECT count(*) FROM stg_responses WHERE outcome = 'not_modified'")[0][0]
        == 10
    )


def test_a_validator_outside_ascii_is_not_sent_back_and_the_page_is_fetched_whole() -> None:
    """A server's ETag or Last-Modified in Latin-1 bytes is stored as it came; sent back, httpx
    could not encode it and the fetch failed every run."""
    site = HostileSite(3)
    url_of = [article.path for article in site.live_articles()]
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        by_etag = fetcher.fetch(
            FetchRequest(server.base_url + url_of[0], etag='"caf\u00e9"'), "article"
        )
        by_date = fetcher.fetch(
            FetchRequest(server.base_url + url_of[1], last_modified="Mon, 01 Ao\u00fbt 2026"),
            "article",
        )
        first = fetcher.fetch(FetchRequest(server.base_url + url_of[2]), "article")
        again = fetcher.fetch(
            FetchRequest(server.base_url + url_of[2], etag=first.headers["etag"]), "article"
        )
    assert (by_etag.outcome, by_etag.status_code) == ("fetched", 200)
    assert (by_date.outcome, by_date.status_code) == ("fetched", 200)
    assert again.outcome == "not_modified"  # an ASCII validator is still sent


def test_archives_of_one_run_share_one_lock_on_its_file(tmp_path: Path) -> None:
    """A fetch batch and a multi-page article's later pages append to one run's WARC from two
    threads, each through its own WarcArchive: one lock must order them, or records interleave."""
    import threading as _threading

    from fetch.archive import WarcArchive, read_archived

    first = WarcArchive(tmp_path, "src", "run-1")
    second = WarcArchive(tmp_path, "src", "run-1")
    assert first._lock is second._lock
    assert WarcArchive(tmp_path, "src", "run-2")._lock is not first._lock
    records = []

    def append(archive: WarcArchive, n: int) -> None:
        for i in range(40):
            records.append(
                archive.append(f"http://x/{n}/{i}", 200, "OK", {}, b"x" * 5000 * (n + 1))
            )

    threads = [_threading.Thread(target=append, args=(a, n)) for n, a in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for record in records:
        assert read_archived(tmp_path, record.warc_file, record.offset).url.startswith("http://x/")


def test_each_archived_response_is_a_gzip_member_any_warc_reader_reads(tmp_path: Path) -> None:
    """Compressed by the archive itself (not by warcio): still one gzip member a record, so a
    WARC tool reads the whole file and a reader seeking to a record's offset reads it alone."""
    import gzip

    from warcio.archiveiterator import ArchiveIterator

    from fetch.archive import WarcArchive, read_archived

    archive = WarcArchive(tmp_path, "src", "run-1")
    bodies = [f"<p>page {n}</p>".encode() * (200 * n + 1) for n in range(3)]
    records = [
        archive.append(f"http://x/{n}", 200, "OK", {"Content-Type": "text/html"}, body)
        for n, body in enumerate(bodies)
    ]
    with (tmp_path / records[0].warc_file).open("rb") as handle:
        read = [
            (record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read())
            for record in ArchiveIterator(handle)
            if record.rec_type == "response"
        ]
    assert read == [(f"http://x/{n}", body) for n, body in enumerate(bodies)]
    data = (tmp_path / records[0].warc_file).read_bytes()
    for record, body in zip(records, bodies, strict=True):
        member = gzip.decompress(data[record.offset : record.offset + record.length])
        assert member.startswith(b"WARC/1.") and member.rstrip().endswith(body)
        assert read_archived(tmp_path, record.warc_file, record.offset).body == body
