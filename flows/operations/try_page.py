"""`newsetl try URL`: what the pipeline would make of one page, with nothing written anywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from fetch.http import Fetcher, FetchRequest
from flows.engine.resources import fetch_policy, source_timezone
from records.article import Article, NotAnArticle
from records.urls import host_key, origin_keys
from settings import Settings, Source
from transforms.decode import decode_html
from transforms.extract import GENERIC, extract_article
from transforms.listing import parse_listing
from transforms.profiles.registry import get_profile, profile_for_url

ANY_LINK = r"."


@dataclass
class TryResult:
    url: str
    profile: str  # the profile name asked for or found for the host, else "generic"
    article: Article | None = None
    rejection: str | None = None
    profile_version: str = ""
    listing_pattern: str = ""
    listing_links: list[tuple[str, str | None]] = field(default_factory=list)  # (url, title)

    def field_sources(self) -> dict[str, str]:
        """Where each field came from: the extractor's own account when it gives one."""
        given = getattr(self.article, "field_sources", None)
        return dict(given) if given else {}


class PageUnavailable(RuntimeError):
    """The page could not be fetched (or the file read)."""


def read_page(settings: Settings, url: str, file: Path | None = None) -> tuple[str, str]:
    """The page's HTML and its final URL, from `file` when given (nothing is fetched then)."""
    if file is not None:
        try:
            body = file.read_bytes()
        except OSError as error:
            raise PageUnavailable(f"cannot read {file}: {error.strerror}") from None
        return decode_html(body)[0], url
    with Fetcher(fetch_policy(settings), None, origin_keys([url])) as fetcher:
        response = fetcher.fetch(FetchRequest(url), "article")
    if response.outcome != "fetched" or response.body is None:
        reason = response.error or f"HTTP {response.status_code}"
        raise PageUnavailable(f"{url}: {response.outcome}: {reason}")
    return decode_html(response.body, response.content_type)[0], response.final_url or url


def source_for_url(settings: Settings, url: str) -> Source | None:
    """The configured source serving `url`'s host, if any."""
    host = host_key(urlsplit(url).hostname)
    for source in settings.sources.values():
        if host_key(urlsplit(source.base_url).hostname) == host:
            return source
    return None


def try_page(
    settings: Settings,
    url: str,
    *,
    profile: str | None = None,
    file: Path | None = None,
    article_url_pattern: str | None = None,
) -> TryResult:
    """Extract `url` (or `file`, read as if served at `url`) as the pipeline would.

    The profile: `profile`, else the configured source's for that host, else the one registered
    for the host, else generic. Listing links: those matching `article_url_pattern`, else the
    source's pattern, else every link on the page's own host.
    """
    html, final_url = read_page(settings, url, file)
    source = source_for_url(settings, final_url)
    name = profile or (source.profile if source else None)
    if name is None:
        site = profile_for_url(final_url)
        name = site.name if site else GENERIC
    result = TryResult(final_url, name)
    if name != GENERIC:
        result.profile_version = get_profile(name).version_for(None, final_url).__name__
    try:
        result.article = extract_article(
            html,
            final_url,
            profile=name,
            default_timezone=source_timezone(source) if source else None,
        )
    except NotAnArticle as rejection:
        result.rejection = str(rejection)
    pattern = article_url_pattern or (source.article_url_pattern if source else ANY_LINK)
    result.listing_pattern = pattern
    listing = parse_listing(html, final_url, pattern)
    result.listing_links = [(item.url, item.title) for item in listing.articles]
    return result
