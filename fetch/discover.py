"""Find a source's article URLs: listing pages, RSS/Atom feeds and XML sitemaps, merged by
canonical URL. Listings stop once a page holds nothing new; feeds and sitemaps only yield
entries newer than their watermark (the newest lastmod seen at their last successful read)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from concurrent.futures import BrokenExecutor, CancelledError, Future
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TypeVar

from fetch.http import Fetcher, FetchFailed, FetchRequest
from fetch.threads import DaemonPool
from records.fetch import DiscoveredLink, FetchResult, Purpose
from records.urls import origin_key, preferred_hosts_for, try_canonical_url
from settings import Source
from transforms.decode import decode_html
from transforms.feeds import feed_links, parse_feed
from transforms.listing import ListingPage, ParsedListing, parse_listing_document
from transforms.sitemaps import BadXml, parse_sitemap

Parsed = TypeVar("Parsed")

log = logging.getLogger("newsetl")

MAX_SITEMAPS_PER_RUN = 500
INTERRUPT_GRACE_SECONDS = 1.0


@dataclass(frozen=True)
class ListingLimits:
    """Bounds on listing walks, so an endless `next` chain ends (settings of the same names)."""

    backfill_max_listing_pages: int = 2000  # per backfill run, over all listings; resumes later
    listing_stall_pages: int = 5  # pages in a row without an article URL unseen in this run


UrlStates = Callable[[list[str]], dict[str, "str | None"]]  # url -> last outcome, known URLs only
WatermarkOf = Callable[[str], "datetime | None"]
# Called after each backfill listing page: (start URL, its links, its responses, next page).
ListingPageDone = Callable[[str, list[DiscoveredLink], list[FetchResult], "str | None"], None]
# Where a backfill walk of a listing resumes (None: walked already); also, for a normal run,
# the page where an earlier walk failed (None: no gap), which is then walked to the end.
ListingStart = Callable[[str], "str | None"]


class DiscoveryWorkers(Protocol):
    """What discovery may hand to other processes (the transform workers of a large run)."""

    def found(self, queued: int) -> None:
        """How many URLs are queued for fetching so far: a large run starts its workers."""

    def parse_listing_later(
        self, response: FetchResult, article_url_pattern: str
    ) -> Future[ParsedListing] | None:
        """`parse_listing_document` of a fetched listing page, started elsewhere; None when
        nothing is ready to take it (the page is then parsed here)."""


@dataclass(frozen=True)
class Watermark:
    url: str
    kind: str  # feed | sitemap
    newest: datetime | None
    entries: int


@dataclass
class Discovery:
    links: list[DiscoveredLink] = field(default_factory=list)
    new_urls: list[str] = field(default_factory=list)
    changed_urls: list[str] = field(default_factory=list)  # known; a feed/sitemap says changed
    responses: list[FetchResult] = field(default_factory=list)
    watermarks: list[Watermark] = field(default_factory=list)
    pages_read: int = 0  # listing pages, feeds and sitemaps read
    listing_pages_read: int = 0
    listing_links_seen: int = 0  # article links on the listing pages read, known or not
    stopped_because: str = ""
    failures: dict[str, str] = field(default_factory=dict)  # method -> why it found nothing
    # listing start URL -> the page a walk failed on (None: walked cleanly), saved after load
    listing_gaps: dict[str, str | None] = field(default_factory=dict)


_Fetched = tuple[FetchResult, "Future[ParsedListing] | None"]


class _ReadAhead:
    """Fetches documents discovery will read next while it parses the current one.

    Only URLs discovery is certain or nearly certain to read are started: the first page of
    every listing, the sitemaps queued, the pages a backfill's pager links to. At most
    `max_in_flight` run at once, and the fetcher's per-host gate still spaces them. A
    document started but never read (a walk stopped early) still has its response logged.
    A listing page fetched ahead goes on to `workers` to be parsed as soon as it arrives, so
    a long walk's pages are parsed on every core while this one waits for the next.
    """

    def __init__(
        self,
        fetcher: Fetcher,
        discovery: Discovery,
        source: Source,
        workers: DiscoveryWorkers | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.discovery = discovery
        self.article_url_pattern = source.article_url_pattern
        self.workers = workers
        self.window = max(1, fetcher.policy.max_in_flight)
        self.pool = DaemonPool(self.window, "discover")
        self.started: dict[str, Future[_Fetched]] = {}
        self.read: set[str] = set()  # never fetched ahead again (a pager numbered oddly)

    def start(self, urls: Iterable[str], purpose: Purpose) -> None:
        for url in urls:
            if len(self.started) >= self.window:
                return
            if url not in self.started and url not in self.read:
                self.started[url] = self.pool.submit(self._fetch, url, purpose)

    def _fetch(self, url: str, purpose: Purpose) -> _Fetched:
        response = self.fetcher.fetch(FetchRequest(url), purpose)
        parsing = None
        if (
            purpose == "listing"
            and self.workers is not None
            and response.outcome == "fetched"
            and response.body is not None
        ):
            parsing = self.workers.parse_listing_later(response, self.article_url_pattern)
        return response, parsing

    def fetch(self, url: str, purpose: Purpose) -> FetchResult:
        return self._take(url, purpose)[0]

    def _take(self, url: str, purpose: Purpose) -> _Fetched:
        self.read.add(url)
        future = self.started.pop(url, None)
        return self._fetch(url, purpose) if future is None else future.result()

    def read_listing(self, url: str) -> tuple[FetchResult, ListingPage | None]:
        """A listing page's response, and the page parsed (None when it was not fetched)."""
        response, parsing = self._take(url, "listing")
        if response.outcome != "fetched" or response.body is None:
            return response, None
        if parsing is not None:
            try:
                page, response.replaced_chars = parsing.result()
                return response, page
            except (BrokenExecutor, CancelledError) as error:  # a worker died, the pool went
                log.warning(
                    "listing page %s not parsed by the workers (%r); parsed here", url, error
                )
        page_url = response.final_url or url
        page, response.replaced_chars = parse_listing_document(
            response.body, response.content_type, page_url, self.article_url_pattern
        )
        return response, page

    def close(self, *, interrupted: bool) -> None:
        """Keep the responses of documents fetched and not read. On an interrupt, documents not
        yet started are dropped and those in flight get a second to finish, no more."""
        self.pool.shutdown(wait=not interrupted, cancel_futures=True)
        if interrupted:
            wait_for(self.started.values(), timeout=INTERRUPT_GRACE_SECONDS)
        for future in self.started.values():
            if future.done() and not future.cancelled() and future.exception() is None:
                self.discovery.responses.append(future.result()[0])
        self.started.clear()


class _Collector:
    """Canonicalises, filters by host and article pattern, and sorts URLs into new/changed."""

    def __init__(
        self,
        source: Source,
        url_states: UrlStates,
        discovery: Discovery,
        workers: DiscoveryWorkers | None = None,
    ) -> None:
        self.workers = workers
        self.pattern = re.compile(source.article_url_pattern)
        self.preferred = preferred_hosts_for([source.base_url, *source.listing_urls])
        self.origins = source.origins
        self.url_states = url_states
        self.discovery = discovery
        self.seen: set[str] = set()
        self.queued: set[str] = set()

    def canonical(self, url: str) -> str | None:
        canonical = try_canonical_url(url, preferred_hosts=self.preferred)
        if canonical is None or origin_key(canonical) not in self.origins:
            return None
        return canonical if self.pattern.search(canonical) else None

    def add(
        self,
        candidates: list[tuple[str, str | None, str | None]],
        found_on: str,
        *,
        changed: bool = False,
        keep_links: bool = True,
    ) -> tuple[list[DiscoveredLink], int, int]:
        """Add (url, title, date) candidates; returns the links and how many were new / known."""
        canonical = [(self.canonical(url), title, day) for url, title, day in candidates]
        fresh = [item for item in canonical if item[0] is not None]
        states = self.url_states([url for url, _, _ in fresh if url])
        links: list[DiscoveredLink] = []
        new = known = 0
        for url, title, day in fresh:
            assert url is not None
            if url in states and states[url] != "gone":
                known += 1
            else:
                new += 1
            if url in self.seen:
                continue
            self.seen.add(url)
            link = DiscoveredLink(url, title, day, found_on)
            links.append(link)
            if keep_links:
                self.discovery.links.append(link)
            if url in self.queued:
                continue
            if url not in states or states[url] == "gone":
                self.discovery.new_urls.append(url)
                self.queued.add(url)
            elif changed:
                self.discovery.changed_urls.append(url)
                self.queued.add(url)
        if self.workers is not None:
            self.workers.found(len(self.queued))
        return links, new, known


def discover(
    fetcher: Fetcher,
    source: Source,
    url_states: UrlStates,
    *,
    backfill: bool = False,
    watermark_of: WatermarkOf | None = None,
    listing_start: ListingStart | None = None,
    on_listing_page: ListingPageDone | None = None,
    listing_gap: ListingStart | None = None,
    limits: ListingLimits = ListingLimits(),
    workers: DiscoveryWorkers | None = None,
) -> Discovery:
    """Run the source's discovery methods in order and merge what they find; `workers` hear
    how many URLs are queued for fetching so far, as each document is read, and parse the
    listing pages fetched ahead.

    Raises FetchFailed when no method could read its first document: a source whose
    listings, feeds and sitemaps are all unreachable has failed, not found nothing.
    """
    discovery = Discovery()
    collector = _Collector(source, url_states, discovery, workers)
    ahead = _ReadAhead(fetcher, discovery, source, workers)
    first_failure: FetchResult | None = None
    read_any = False
    finished = False
    try:
        for method in source.discovery:
            before = discovery.pages_read
            if method == "listing":
                failure = _walk_listings(
                    ahead,
                    source,
                    collector,
                    backfill,
                    listing_start,
                    on_listing_page,
                    listing_gap,
                    limits,
                )
            elif method == "feed":
                failure = _read_feeds(ahead, source, collector, backfill, watermark_of)
            else:
                failure = _read_sitemaps(ahead, source, collector, backfill, watermark_of)
            read_any = read_any or discovery.pages_read > before or failure is None
            if failure is not None:
                discovery.failures[method] = f"{failure.url}: {failure.outcome}: {failure.error}"
                first_failure = first_failure or failure
        finished = True
    finally:
        ahead.close(interrupted=not finished)
    discovery.responses[:0] = fetcher.state.take_robots_responses()
    if not read_any and first_failure is not None:
        raise DiscoveryFailed(first_failure, discovery)
    return discovery


class DiscoveryFailed(FetchFailed):
    """No discovery method could read anything; `discovery.responses` holds what was tried."""

    def __init__(self, result: FetchResult, discovery: Discovery) -> None:
        super().__init__(result)
        self.discovery = discovery


# -- listings ----------------------------------------------------------------------------------


def _walk_listings(
    ahead: _ReadAhead,
    source: Source,
    collector: _Collector,
    backfill: bool,
    listing_start: ListingStart | None,
    on_listing_page: ListingPageDone | None,
    listing_gap: ListingStart | None,
    limits: ListingLimits,
) -> FetchResult | None:
    """Page through every listing; returns the failed first page, if one failed.

    A normal run stops at a page holding only known articles. Because that rule is only
    sound when earlier walks saw everything, a page that failed is remembered as a gap and
    the next run walks on from it to the end.
    """
    discovery = collector.discovery
    failure: FetchResult | None = None
    plans: list[tuple[str, str, list[tuple[str, bool]]]] = []
    for start_url in source.listing_urls:
        first = listing_start(start_url) if listing_start else start_url
        if first is None:
            discovery.stopped_because = f"{start_url}: backfill walk already complete"
            continue
        walks = [(first, not backfill)]
        gap = None if backfill or listing_gap is None else listing_gap(start_url)
        if gap and gap != first:
            walks.append((gap, False))
        plans.append((start_url, first, walks))
    ahead.start((url for _, _, walks in plans for url, _ in walks), "listing")
    for start_url, first, walks in plans:
        failed_at: str | None = None
        for number, (url, stop_at_known) in enumerate(walks):
            failed = _walk_one(
                ahead, source, collector, url, stop_at_known, start_url, on_listing_page, limits
            )
            if failed is not None:
                failed_at = failed_at or failed.url
                if number == 0 and failed.url == first:
                    failure = failure or failed
        if not backfill:
            discovery.listing_gaps[start_url] = failed_at
    return failure


def _walk_one(
    ahead: _ReadAhead,
    source: Source,
    collector: _Collector,
    url: str | None,
    stop_at_known: bool,
    start_url: str,
    on_listing_page: ListingPageDone | None,
    limits: ListingLimits,
) -> FetchResult | None:
    """Follow `next` links from `url`; returns the response of a page that failed, if any.

    A normal walk reads at most `source.max_listing_pages`; a backfill shares
    `backfill_max_listing_pages` between its listings and resumes after it. Either ends after
    `listing_stall_pages` pages in a row that hold no article URL unseen in this run.
    A walk that does not stop at known articles fetches the pages the pager links to ahead.
    """
    discovery = collector.discovery
    visited: set[str] = set()
    stalled_pages = 0
    while url and url not in visited:
        if on_listing_page is None and len(visited) >= source.max_listing_pages:
            discovery.stopped_because = f"max_listing_pages ({source.max_listing_pages}) read"
            return None
        if (
            on_listing_page is not None
            and discovery.listing_pages_read >= limits.backfill_max_listing_pages
        ):
            discovery.stopped_because = (
                f"backfill_max_listing_pages ({limits.backfill_max_listing_pages}) read; "
                "the next backfill resumes here"
            )
            return None
        visited.add(url)
        response, page = ahead.read_listing(url)
        if page is None:
            discovery.responses.append(response)
            discovery.stopped_because = f"listing page {url} failed: {response.outcome}"
            return response
        discovery.pages_read += 1
        discovery.listing_pages_read += 1
        links, new, known = collector.add(
            [(a.url, a.title, a.listed_date) for a in page.articles],
            url,
            keep_links=on_listing_page is None,
        )
        discovery.listing_links_seen += new + known
        stalled_pages = 0 if links else stalled_pages + 1
        stalled = stalled_pages >= limits.listing_stall_pages
        next_url = None if stalled else page.next_url
        if next_url and not stop_at_known:
            if on_listing_page is None:
                budget = source.max_listing_pages - len(visited)
            else:
                budget = limits.backfill_max_listing_pages - discovery.listing_pages_read
            ahead.start([next_url, *page.later_pages][: max(0, budget)], "listing")
        if on_listing_page is not None:
            on_listing_page(start_url, links, [response], next_url)
        else:
            discovery.responses.append(response)
        if stalled:
            discovery.stopped_because = (
                f"{stalled_pages} listing pages in a row without a new article URL (at {url})"
            )
            return None
        if stop_at_known and (new + known) and not new:
            discovery.stopped_because = f"{url} holds only known articles"
            return None
        url = next_url
    discovery.stopped_because = discovery.stopped_because or "last listing page reached"
    return None


# -- feeds -------------------------------------------------------------------------------------


def _read_xml(
    ahead: _ReadAhead,
    url: str,
    purpose: str,
    collector: _Collector,
    parse: Callable[[FetchResult], Parsed],
) -> tuple[Parsed | None, FetchResult | None]:
    """Fetch and parse a feed or sitemap, recording the response either way.

    Returns (parsed, None), or (None, the response that failed) when it is unreachable or
    not safe, well-formed XML.
    """
    response = ahead.fetch(url, purpose)  # type: ignore[arg-type]
    collector.discovery.responses.append(response)
    if response.outcome != "fetched" or response.body is None:
        return None, response
    try:
        parsed = parse(response)
    except BadXml as error:
        _reject_xml(response, error)
        return None, response
    collector.discovery.pages_read += 1
    return parsed, None


def _read_feeds(
    ahead: _ReadAhead,
    source: Source,
    collector: _Collector,
    backfill: bool,
    watermark_of: WatermarkOf | None,
) -> FetchResult | None:
    discovery = collector.discovery
    feed_urls = source.feed_full_urls or _feeds_from_home(ahead.fetcher, source, collector)
    ahead.start(feed_urls, "feed")
    failure: FetchResult | None = None
    for url in feed_urls:
        entries, failed = _read_xml(
            ahead,
            url,
            "feed",
            collector,
            lambda response, url=url: parse_feed(response.body or b"", response.final_url or url),
        )
        if entries is None:
            failure = failure or failed
            continue
        mark = None if backfill or watermark_of is None else watermark_of(url)
        newer = [e for e in entries if mark is None or e.updated is None or e.updated > mark]
        collector.add(
            [(e.url, e.title, e.updated.date().isoformat() if e.updated else None) for e in newer],
            url,
            changed=mark is not None,
        )
        newest = max((e.updated for e in entries if e.updated), default=None)
        discovery.watermarks.append(Watermark(url, "feed", newest, len(entries)))
    return failure


def _feeds_from_home(fetcher: Fetcher, source: Source, collector: _Collector) -> list[str]:
    """Feeds the home page announces with <link rel="alternate" type="application/rss+xml">."""
    response = fetcher.fetch(FetchRequest(source.base_url.rstrip("/") + "/"), "home")
    collector.discovery.responses.append(response)
    if response.outcome != "fetched" or response.body is None:
        return []
    html, response.replaced_chars = decode_html(response.body, response.content_type)
    return feed_links(html, response.final_url or source.base_url)


# -- sitemaps ----------------------------------------------------------------------------------


def _read_sitemaps(
    ahead: _ReadAhead,
    source: Source,
    collector: _Collector,
    backfill: bool,
    watermark_of: WatermarkOf | None,
) -> FetchResult | None:
    """Read the sitemaps (and the children of sitemap indexes whose lastmod moved)."""
    discovery = collector.discovery
    queue = list(source.sitemap_full_urls)
    if not queue:
        rules = ahead.fetcher.robots_for(source.base_url)
        queue = list(rules.sitemaps) if rules is not None else []
    failure: FetchResult | None = None
    done: set[str] = set()
    while queue and len(done) < MAX_SITEMAPS_PER_RUN:
        room = MAX_SITEMAPS_PER_RUN - len(done)
        ahead.start([queued for queued in queue if queued not in done][:room], "sitemap")
        url = queue.pop(0)
        if url in done:
            continue
        done.add(url)
        sitemap, failed = _read_xml(
            ahead, url, "sitemap", collector, lambda response: parse_sitemap(response.body or b"")
        )
        if sitemap is None:
            failure = failure or failed
            continue
        mark = None if backfill or watermark_of is None else watermark_of(url)
        newer = [
            e for e in sitemap.entries if mark is None or e.lastmod is None or e.lastmod > mark
        ]
        if sitemap.kind == "sitemapindex":
            for entry in sitemap.entries:
                child = try_canonical_url(entry.url)
                if not child or origin_key(child) not in collector.origins:
                    continue
                # a child is read again only when its lastmod passed its own watermark
                child_mark = None if backfill or watermark_of is None else watermark_of(entry.url)
                if child_mark is None or entry.lastmod is None or entry.lastmod > child_mark:
                    queue.append(entry.url)
        else:
            collector.add(
                [(e.url, None, e.lastmod.date().isoformat() if e.lastmod else None) for e in newer],
                url,
                changed=mark is not None,
            )
        newest = max((e.lastmod for e in sitemap.entries if e.lastmod), default=None)
        kind = "sitemap" if sitemap.kind == "urlset" else "sitemapindex"
        discovery.watermarks.append(Watermark(url, kind, newest, len(sitemap.entries)))
    return failure


def _reject_xml(response: FetchResult, error: BadXml) -> None:
    """The bytes came, but are unsafe or unreadable: record that as the outcome."""
    response.outcome = "bad_xml"
    response.error = str(error)
