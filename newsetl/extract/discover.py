"""Walk a source's listing pages and collect article links, stopping once a page holds nothing new."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from newsetl.extract.http import Fetcher, FetchFailed, FetchRequest
from newsetl.extract.records import DiscoveredLink, FetchResult
from newsetl.settings import Source
from transforms.decode import decode_html
from transforms.listing import parse_listing


@dataclass
class Discovery:
    links: list[DiscoveredLink] = field(default_factory=list)
    new_urls: list[str] = field(default_factory=list)
    responses: list[FetchResult] = field(default_factory=list)
    pages_read: int = 0
    stopped_because: str = ""


def discover_from_listings(
    fetcher: Fetcher,
    source: Source,
    known_urls: Callable[[list[str]], set[str]],
    *,
    backfill: bool = False,
) -> Discovery:
    """Page through every listing of `source`; incremental unless `backfill`.

    Raises FetchFailed when the first listing page cannot be read: a source whose front
    listing is unreachable has failed, not found nothing.
    """
    discovery = Discovery()
    seen: set[str] = set()
    for start_url in source.listing_urls:
        url: str | None = start_url
        visited: set[str] = set()
        while url and url not in visited and len(visited) < source.max_listing_pages:
            visited.add(url)
            response = fetcher.fetch(FetchRequest(url), "listing")
            discovery.responses.append(response)
            if response.outcome != "fetched" or response.body is None:
                if discovery.pages_read == 0:
                    raise FetchFailed(response)
                discovery.stopped_because = f"listing page {url} failed: {response.outcome}"
                break
            discovery.pages_read += 1
            html, _ = decode_html(response.body, response.content_type)
            page = parse_listing(html, response.final_url or url, source.article_url_pattern)
            page_urls = [article.url for article in page.articles if article.url not in seen]
            known = known_urls(page_urls)
            for article in page.articles:
                if article.url in seen:
                    continue
                seen.add(article.url)
                discovery.links.append(
                    DiscoveredLink(article.url, article.title, article.listed_date, url)
                )
                if article.url not in known:
                    discovery.new_urls.append(article.url)
            if not backfill and page_urls and not set(page_urls) - known:
                discovery.stopped_because = f"{url} holds only known articles"
                break
            url = page.next_url
        else:
            discovery.stopped_because = discovery.stopped_because or "last listing page reached"
    return discovery
