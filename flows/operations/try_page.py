"""`newsetl try URL`: what the pipeline would make of one page, with nothing written anywhere."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from fetch.http import Fetcher, FetchRequest
from flows.engine.page_transform import source_timezone
from flows.engine.resources import fetch_policy
from flows.operations.url_patterns import Link, article_links, propose_pattern
from records.article import GENERIC_PROFILE, Article, NotAnArticle
from records.urls import host_key, origin_keys
from settings import Settings, Source
from transforms.decode import decode_html
from transforms.extract import extract_article
from transforms.listing import parse_listing
from transforms.profiles.registry import get_profile, profile_for_url

ANY_LINK = r"."
ARTICLE, LISTING, QUARANTINED, NEITHER = "article", "listing", "would be quarantined", "neither"


@dataclass
class TryResult:
    url: str
    profile: str  # the profile name asked for or found for the host, else "generic"
    article: Article | None = None
    rejection: str | None = None
    profile_version: str = ""  # the name the warehouse records (articles.profile)
    listing_pattern: str = ""
    pattern_origin: str = ""  # "--pattern", "source <name>" or "proposed from the links"
    listing_links: list[tuple[str, str | None]] = field(default_factory=list)  # (url, title)
    verdict: str = ""  # ARTICLE, LISTING, QUARANTINED or NEITHER
    reason: str = ""

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
        name = site.name if site else GENERIC_PROFILE
    result = TryResult(final_url, name)
    if name != GENERIC_PROFILE:
        result.profile_version = get_profile(name).version_for(None, final_url).NAME
    try:
        result.article = extract_article(
            html,
            final_url,
            profile=name,
            default_timezone=source_timezone(source) if source else None,
        )
    except NotAnArticle as rejection:
        result.rejection = str(rejection)
    if result.article is not None and result.article.profile != name:
        result.profile_version = result.article.profile
    if article_url_pattern:
        pattern, result.pattern_origin = article_url_pattern, "--pattern"
    elif source is not None:
        pattern, result.pattern_origin = source.article_url_pattern, f"source {source.name}"
    else:
        every_link = parse_listing(html, final_url, ANY_LINK).articles
        links = [Link(item.url, item.title or "") for item in every_link]
        proposed = propose_pattern(article_links(links, final_url))
        pattern, result.pattern_origin = proposed or ANY_LINK, "proposed from the page's links"
    result.listing_pattern = pattern
    listing = parse_listing(html, final_url, pattern)
    own = _without_fragment(final_url), _without_fragment(url)
    result.listing_links = [
        (item.url, item.title) for item in listing.articles if item.url not in own
    ]
    result.verdict, result.reason = verdict(result, final_url, pattern)
    return result


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def verdict(result: TryResult, url: str, pattern: str) -> tuple[str, str]:
    """What a run would make of the page: an article it stores, one it quarantines, a listing
    it reads for links (and stores nothing from), or neither; and why."""
    if pattern == ANY_LINK:  # no pattern given, none configured, no article-like link seen
        is_article_url = True
        why_url = "no article pattern to judge its URL by (--pattern gives one)"
    else:
        is_article_url = re.search(pattern, url) is not None
        why_url = "its URL matches the article pattern"
    links = len(result.listing_links)
    if is_article_url:
        if result.article is None:
            return QUARANTINED, f"{why_url}, but {result.rejection}"
        return ARTICLE, f"{why_url}; a run stores it as an article"
    if links:
        return LISTING, (
            f"{links} link(s) on it match the article pattern and its own URL does not: a run "
            "reads it for article links and stores nothing from it"
        )
    return NEITHER, (
        "its URL does not match the article pattern and no link on it does: a run would "
        "neither store it nor find articles on it"
    )
