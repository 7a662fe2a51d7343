"""Discovery fetches ahead what it will certainly read: the pages a backfill's pager links to,
the first page of every listing, the sitemaps queued. Never more, never past a cap, and never
a second page on an incremental run that stops at known articles."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import BrokenExecutor, Future, ThreadPoolExecutor
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from helpers import LOOPBACK_POLICY
from servers.hostile import HostileSite

from fetch.discover import ListingLimits, discover
from fetch.http import Fetcher
from newsetl.demo_site import DemoServer
from records.fetch import DiscoveredLink, FetchResult
from settings import load_settings
from transforms.listing import ParsedListing, parse_listing_document

POLICY = replace(LOOPBACK_POLICY, timeout_seconds=5.0, max_in_flight=3, respect_robots=False)


def slow_listing_site(n_articles: int, per_page: int) -> HostileSite:
    site = HostileSite(n_articles, per_page=per_page)
    site.slow_seconds = 0.2
    for number in range(1, site.page_count() + 1):
        site.fault(site.listing_page_path(number), "slow")
    return site


def listing_requests(site: HostileSite) -> Counter[str]:
    # a slow fault is logged twice: as the fault (-1), then as the answer given after it
    return Counter(
        path for _, path, status in site.requests if path.startswith("/news/") and status != -1
    )


class PagesDone:
    def __init__(self) -> None:
        self.pages: list[tuple[str, list[DiscoveredLink], str | None]] = []

    def __call__(
        self,
        start: str,
        links: list[DiscoveredLink],
        responses: list[FetchResult],
        next_url: str | None,
    ) -> None:
        self.pages.append((responses[0].url, links, next_url))


def test_a_backfill_fetches_the_pages_its_pager_links_to_ahead_and_reads_them_in_order() -> None:
    site = slow_listing_site(60, per_page=10)
    source = load_settings(environ={}).source("demo")
    done = PagesDone()
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        base_url = server.base_url
        discovery = discover(
            fetcher,
            source.with_base_url(base_url),
            lambda urls: {},
            backfill=True,
            on_listing_page=done,
        )
    paths = [site.listing_page_path(n) for n in range(1, site.page_count() + 1)]
    assert listing_requests(site) == Counter(paths)  # every page once, none twice
    assert [url.removeprefix(base_url) for url, _, _ in done.pages] == paths
    assert [next_url for _, _, next_url in done.pages][-1] is None
    assert sum(len(links) for _, links, _ in done.pages) == 60
    assert 2 <= site.traffic.max_in_flight <= POLICY.max_in_flight  # ahead, within the limit
    assert discovery.listing_pages_read == len(paths)


def test_fetching_ahead_stops_at_the_backfill_cap() -> None:
    site = slow_listing_site(60, per_page=10)
    source = load_settings(environ={}).source("demo")
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        discovery = discover(
            fetcher,
            source.with_base_url(server.base_url),
            lambda urls: {},
            backfill=True,
            on_listing_page=PagesDone(),
            limits=ListingLimits(backfill_max_listing_pages=2),
        )
    assert sum(listing_requests(site).values()) == 2
    assert discovery.listing_pages_read == 2


def test_an_incremental_walk_fetches_no_page_it_will_not_read() -> None:
    site = slow_listing_site(60, per_page=10)
    source = load_settings(environ={}).source("demo")
    known = lambda urls: dict.fromkeys(urls, "fetched")  # noqa: E731
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        discovery = discover(fetcher, source.with_base_url(server.base_url), known)
    assert listing_requests(site) == Counter([site.listing_page_path(1)])
    assert discovery.stopped_because.endswith("holds only known articles")


def test_the_first_pages_of_several_listings_are_fetched_at_once() -> None:
    site = slow_listing_site(60, per_page=10)
    source = load_settings(environ={}).source("demo")
    known = lambda urls: dict.fromkeys(urls, "fetched")  # noqa: E731
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        listings = [site.listing_page_path(n) for n in (1, 3, 5)]
        several = replace(source.with_base_url(server.base_url), listing_paths=tuple(listings))
        discover(fetcher, several, known)
    assert listing_requests(site) == Counter(listings)
    assert site.traffic.max_in_flight == 3


class ParsingWorkers:
    """Stands for the transform workers: parses listing pages on a thread, or is not ready
    (`ready=False`), or has lost its workers (`broken=True`: killed; `cancelled=True`: the
    pool was discarded with the page queued)."""

    def __init__(self, *, ready: bool = True, broken: bool = False, cancelled: bool = False):
        self.ready, self.broken, self.cancelled = ready, broken, cancelled
        self.pool = ThreadPoolExecutor(2)
        self.parsed: list[str] = []
        self.queued: list[int] = []

    def found(self, queued: int) -> None:
        self.queued.append(queued)

    def parse_listing_later(
        self, response: FetchResult, article_url_pattern: str
    ) -> Future[ParsedListing] | None:
        if not self.ready:
            return None
        self.parsed.append(response.url)
        if self.broken:
            lost: Future[ParsedListing] = Future()
            lost.set_exception(BrokenExecutor("a worker was killed"))
            return lost
        if self.cancelled:
            dropped: Future[ParsedListing] = Future()
            dropped.cancel()
            return dropped
        body, page_url = response.body or b"", response.final_url or response.url
        return self.pool.submit(
            parse_listing_document, body, response.content_type, page_url, article_url_pattern
        )


def backfill_with(workers: ParsingWorkers | None) -> list[tuple]:
    """Each listing page read: its path, its links (path, title, date), the next page's path."""
    site = slow_listing_site(60, per_page=10)
    site.slow_seconds = 0.02
    source = load_settings(environ={}).source("demo")
    done = PagesDone()
    with DemoServer(site) as server, Fetcher(POLICY, None, [server.base_url]) as fetcher:
        discover(
            fetcher,
            source.with_base_url(server.base_url),
            lambda urls: {},
            backfill=True,
            on_listing_page=done,
            workers=workers,
        )
    path = lambda url: url and urlsplit(url).path  # noqa: E731 - each run has its own port
    return [
        (path(url), [(path(link.url), link.listed_title, link.listed_date) for link in links],
         path(next_url))
        for url, links, next_url in done.pages
    ]  # fmt: skip


@pytest.mark.parametrize(
    "workers",
    [
        ParsingWorkers(),
        ParsingWorkers(ready=False),
        ParsingWorkers(broken=True),
        ParsingWorkers(cancelled=True),
    ],
    ids=["parsed-by-workers", "workers-not-ready", "workers-lost", "pool-discarded"],
)
def test_listing_pages_parsed_by_the_workers_give_what_parsing_here_gives(
    workers: ParsingWorkers,
) -> None:
    alone = backfill_with(None)
    assert len(alone) == 6 and sum(len(links) for _, links, _ in alone) == 60
    assert all(title for _, links, _ in alone for _, title, _ in links)
    assert backfill_with(workers) == alone
    assert workers.queued[-1] == 60  # told as the URLs were queued, so they can start in time
    # every page went to the workers when they were up: none was parsed in this process
    assert len(workers.parsed) == (6 if workers.ready else 0)
