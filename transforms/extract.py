"""Public entry points: HTML + URL in, an Article (or NotAnArticle) out. Pure: no I/O.

The page is parsed once (`transforms.page.Page`): the profile's versions, the field fallbacks
and the generic extractor read the same tree and the same metadata.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from records.article import GENERIC_PROFILE, Article, NotAnArticle
from transforms.fields import extract_with_profile
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.interstitial import interstitial_kind, titled_kind
from transforms.page import Page, element_text
from transforms.pagination import continuation_urls
from transforms.profiles.registry import get_profile, profile_for_url


def run_generic(
    page: Page, default_timezone: str | None, options: ExtractionOptions = DEFAULT_OPTIONS
) -> Article:
    """The generic extractor on the page's own parse and metadata: one parse per page.

    The article carries the other pages' URLs when it is split over pages (`a1.htm`,
    `a1_2.htm`, ... behind a page-number bar or a "Next" link), as on the profile path, so the
    pipeline fetches and assembles them whatever the source's profile.
    """
    from transforms.generic import extract_generic

    article = extract_generic(
        page.tree,
        page.url,
        default_timezone=default_timezone,
        metadata=page.metadata,
        options=options,
    )
    return replace(article, continuation_urls=continuation_urls(page))


def extract_article(
    html: str,
    url: str,
    *,
    profile: str | None = None,
    default_timezone: str | None = None,
    on: date | None = None,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> Article:
    """Extract with the named profile, else the one registered for the URL's host, else generic.

    With a profile, each field comes from the version the page's markup shows (or the one in
    force on `on`), then the site's other versions, then page metadata and the generic
    extractor: `Article.field_sources` tells which. `default_timezone` places dates the page
    gives without an offset; it defaults to the profile's own zone, and for generic to the
    zone the page tells (`transforms.zones`), else UTC.
    `options` holds every tunable of extraction (`ExtractionOptions`).
    """
    site = None
    if profile and profile != GENERIC_PROFILE:
        site = get_profile(profile)
    elif profile is None:
        site = profile_for_url(url)
    page = Page(html, url)
    try:
        if site is None:
            article = run_generic(page, default_timezone, options)
        else:
            article = extract_with_profile(
                page,
                site,
                default_timezone=default_timezone or site.timezone,
                on=on,
                generic=partial(run_generic, options=options),
                options=options,
            )
    except NotAnArticle as refusal:
        # a profile missing its selectors on the site's "page not found" is no profile drift
        kind = titled_kind(_page_titles(page), options) if options.interstitials_refused else None
        if kind is None:
            raise
        raise _interstitial(kind) from refusal
    if options.interstitials_refused:
        kind = interstitial_kind(article.title, article.body, options)
        if kind is not None:
            raise _interstitial(kind)
    return article


def _interstitial(kind: str) -> NotAnArticle:
    return NotAnArticle("interstitial", f"the page is {kind}, not an article")


def _page_titles(page: Page) -> list[str]:
    """The page's first `<h1>` and its `<title>`, as it shows them."""
    tree = page.tree
    heading = next(tree.iter("h1"), None)
    title = next(tree.iter("title"), None)
    return [element_text(node) for node in (heading, title) if node is not None]


def article_text(html: str, url: str) -> str:
    """The body text the pipeline would store: blocks separated by blank lines ("" if none)."""
    try:
        return extract_article(html, url).text
    except NotAnArticle:
        return ""
