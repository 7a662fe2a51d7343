"""Articles split over several pages (`c_<id>.htm`, `c_<id>_2.htm`, ...): one article, one version.

Two steps around the usual ones:

- `plan_first_pages`: a later page the frontier knows is never fetched as an article of its
  own; its article's first page is planned instead (with the first page's validators).
- `complete_articles`: after the transform, every multi-page article gets all its pages. The
  later pages are fetched through the normal fetcher (archived in the WARC and in
  `raw_responses`); when the first page answered 304 its later pages are re-checked with their
  own validators, and if any of them changed, every page is fetched again in full. The bodies
  are joined by `assemble_pages`; a page that could not be fetched leaves the article
  `incomplete` with the page in `missing_pages`, never silently short.

Both steps serve a one-machine run and a worker's run into a load package alike; what differs is
passed in: `crawl_state` opens the crawl state for a few reads (the run's warehouse session on
one machine, the last committed state, read-only, on a worker), `fetch` fetches requests with
the run's fetcher (archiving into `raw/` on one machine, into the package on a worker).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import groupby
from typing import TypeVar

from fetch.http import FetchRequest
from flows.engine.page_transform import transform_pages
from records.fetch import FetchResult
from settings import Source
from transforms.limits import NO_LIMITS, TextLimits, cap_text_fields
from transforms.pagination import assemble_pages, page_number, page_url
from warehouse import PageResult, Warehouse, frontier

MAX_PAGES = 50  # rounds of "Next page" links followed for one article
Item = TypeVar("Item")
# Opens the crawl state for a few reads; None when there is none yet (before a first commit).
CrawlState = Callable[[], AbstractContextManager[Warehouse | None]]
# Fetches article pages with the run's fetcher, every response archived where the run keeps them.
FetchPages = Callable[[list[FetchRequest]], list[FetchResult]]


def plan_first_pages(
    crawl_state: CrawlState, source: Source, requests: list[FetchRequest]
) -> list[FetchRequest]:
    """The planned requests with every known later page replaced by its article's first page."""
    first_of: dict[str, str] = {}
    first_validators: dict[str, tuple[str | None, str | None]] = {}
    with crawl_state() as warehouse:
        if warehouse is not None:
            first_of = frontier.first_pages(warehouse, source.name, [r.url for r in requests])
            first_validators = frontier.validators(warehouse, source.name, set(first_of.values()))
    planned: dict[str, FetchRequest] = {}
    for request in requests:
        first = first_of.get(request.url)
        if first is None:
            planned.setdefault(request.url, request)
        else:
            planned.setdefault(
                first, FetchRequest(first, *first_validators.get(first, (None, None)))
            )
    return list(planned.values())


@dataclass
class _MultiPageArticle:
    """The pages of one article fetched in this run, each URL's fetches in order."""

    first_page_url: str
    fetches: dict[str, list[PageResult]] = field(default_factory=dict)

    def add(self, page: PageResult) -> None:
        self.fetches.setdefault(page.fetch.url, []).append(page)

    def latest(self, url: str) -> PageResult | None:
        pages = self.fetches.get(url)
        return pages[-1] if pages else None

    def urls(self) -> set[str]:
        """Every page URL any fetched page names, and the first page."""
        found = {self.first_page_url, *self.fetches}
        for pages in self.fetches.values():
            for page in pages:
                if page.article is not None:
                    found.update(page.article.continuation_urls)
        return found

    def any_changed(self) -> bool:
        return any(pages[-1].fetch.outcome == "fetched" for pages in self.fetches.values())

    def not_modified_urls(self) -> list[str]:
        return [
            url for url, pages in self.fetches.items() if pages[-1].fetch.outcome == "not_modified"
        ]


def complete_articles(
    crawl_state: CrawlState,
    fetch: FetchPages,
    source: Source,
    pages: list[PageResult],
    limits: TextLimits,
) -> list[PageResult]:
    """Fetch the other pages of every multi-page article in `pages`, and assemble each.

    `pages` come uncut (transformed with NO_LIMITS): every article is cut to `limits` here,
    an assembled one after assembly, so its content hash, like a single page's, describes the
    text as extracted, and each cut is recorded where it lands."""
    articles: dict[str, _MultiPageArticle] = {}
    for page in pages:
        if page.article is not None and page.article.continuation_urls:
            first = page_url(page.fetch.url, 1)
            articles.setdefault(first, _MultiPageArticle(first)).add(page)
    unchanged = [page for page in pages if page.fetch.outcome == "not_modified"]
    if not articles and not unchanged:
        return cut_to_limits(pages, limits)
    with crawl_state() as warehouse:
        stored = (
            {}
            if warehouse is None
            else frontier.continuation_pages(
                warehouse, source.name, [page.fetch.url for page in unchanged]
            )
        )
        for page in unchanged:
            if stored.get(page.fetch.url) and page.fetch.url not in articles:
                articles[page.fetch.url] = _MultiPageArticle(page.fetch.url)
                articles[page.fetch.url].add(page)
        wanted = {
            first: sorted(set(stored.get(first, [])) | article.urls() - set(article.fetches))
            for first, article in articles.items()
        }
        # a first page that answered 304 re-checks its later pages with their own validators
        checked = (
            {}
            if warehouse is None
            else frontier.validators(
                warehouse,
                source.name,
                [
                    url
                    for first, urls in wanted.items()
                    if not articles[first].any_changed()
                    for url in urls
                ],
            )
        )
    if not articles:
        return cut_to_limits(pages, limits)
    requests = {
        url: (first, FetchRequest(url, *checked.get(url, (None, None))))
        for first, urls in wanted.items()
        for url in urls
    }
    for _round in range(MAX_PAGES):  # "Next page" links name one more page at a time
        if not requests:
            break
        _fetch_into(fetch, source, articles, requests)
        requests = {
            url: (first, FetchRequest(url))
            for first, article in articles.items()
            for url in sorted(article.urls() - set(article.fetches))
        }
    # a later page changed behind a 304: fetch every unchanged page again, in full
    refetch = {
        url: (first, FetchRequest(url))
        for first, article in articles.items()
        if article.any_changed()
        for url in article.not_modified_urls()
    }
    _fetch_into(fetch, source, articles, refetch)
    return cut_to_limits(_with_assembled(pages, articles), limits)


def _fetch_into(
    fetch: FetchPages,
    source: Source,
    articles: dict[str, _MultiPageArticle],
    requests: dict[str, tuple[str, FetchRequest]],
) -> None:
    """Fetch `{url: (first page, request)}` and add each page to its article."""
    if not requests:
        return
    results = fetch([request for _, request in requests.values()])
    # later pages are cut to the limits once assembled, so each cut is recorded where it lands
    for page in transform_pages(source, results, NO_LIMITS):
        articles[requests[page.fetch.url][0]].add(page)


def _with_assembled(
    pages: list[PageResult], articles: dict[str, _MultiPageArticle]
) -> list[PageResult]:
    """`pages` with each multi-page article's pages replaced by: the superseded fetches, the
    assembled first page, the later pages (responses and frontier rows only)."""
    grouped = {
        id(p) for article in articles.values() for ps in article.fetches.values() for p in ps
    }
    done: set[str] = set()
    out: list[PageResult] = []
    for page in pages:
        if id(page) not in grouped:
            out.append(page)
            continue
        first = page_url(page.fetch.url, 1)
        if first not in articles:  # an unchanged first page: its article is keyed by its URL
            first = page.fetch.url
        if first in done:
            continue
        done.add(first)
        out.extend(_assembled(articles[first]))
    return out


def _assembled(article: _MultiPageArticle) -> list[PageResult]:
    first = article.first_page_url
    representative = article.latest(first)
    records: list[PageResult] = []
    for url, fetched in article.fetches.items():
        kept = fetched[:-1] if url == first else fetched
        records.extend(
            PageResult(p.fetch, first_page_url=first, response_id=p.response_id) for p in kept
        )
    superseded = [r for r in records if r.fetch.url == first]
    later = [r for r in records if r.fetch.url != first]
    if representative is None:  # only later pages were in hand and the first page is unknown
        return records
    if representative.fetch.outcome != "fetched" or representative.article is None:
        return [*superseded, representative, *later]
    extracted = [
        page.article
        for url in sorted(article.fetches, key=page_number)
        if (page := article.latest(url)) is not None and page.article is not None
    ]
    assembled = PageResult(
        representative.fetch,
        article=assemble_pages(extracted),
        response_id=representative.response_id,
    )
    return [*superseded, assembled, *later]


def assemble_archived(pages: list[PageResult], limits: TextLimits) -> list[PageResult]:
    """Re-processing: the pages of one multi-page article in `pages` (read from the archive,
    no network) become one assembled article; a later page never becomes an article. As in
    `complete_articles`, `pages` come uncut and every article is cut to `limits` here."""
    articles: dict[str, _MultiPageArticle] = {}
    for page in pages:
        if page.article is not None and page.article.continuation_urls:
            first = page_url(page.fetch.url, 1)
            articles.setdefault(first, _MultiPageArticle(first)).add(page)
    for page in pages:  # a later page whose extraction failed still belongs to its article
        first = page_url(page.fetch.url, 1)
        if (
            first in articles
            and first != page.fetch.url
            and page.fetch.url not in articles[first].fetches
        ):
            articles[first].add(page)
    return cut_to_limits(_with_assembled(pages, articles), limits)


def cut_to_limits(pages: list[PageResult], limits: TextLimits) -> list[PageResult]:
    """Every article in `pages` cut to `limits`, the cuts kept on its page (recorded at load)."""
    for page in pages:
        if page.article is not None:
            page.article, cuts = cap_text_fields(page.article, limits)
            page.truncations = [*page.truncations, *cuts]
    return pages


def batches_keeping_articles_whole(
    items: list[Item], size: int, url_of: Callable[[Item], str]
) -> Iterator[list[Item]]:
    """Batches of about `size` items with every page of one article in the same batch."""
    ordered = sorted(items, key=lambda item: (page_url(url_of(item), 1), page_number(url_of(item))))
    batch: list[Item] = []
    for _, article in groupby(ordered, key=lambda item: page_url(url_of(item), 1)):
        pages = list(article)
        if batch and len(batch) + len(pages) > max(1, size):
            yield batch
            batch = []
        batch.extend(pages)
    if batch:
        yield batch
