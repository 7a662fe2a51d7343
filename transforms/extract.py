"""Public entry points: HTML + URL in, an Article (or NotAnArticle) out. Pure: no I/O."""

from __future__ import annotations

from datetime import date

from records.article import Article, NotAnArticle
from transforms.profiles.registry import get_profile, profile_for_url

GENERIC = "generic"


def extract_article(
    html: str,
    url: str,
    *,
    profile: str | None = None,
    default_timezone: str | None = None,
    on: date | None = None,
) -> Article:
    """Extract with the named profile, else the one registered for the URL's host, else generic.

    `on` picks the profile version in force on that date; without it the URL's shape picks it
    (see `SiteProfile.version_for`). `default_timezone` places dates the page gives without an
    offset; it defaults to the profile's own zone, and to UTC for the generic extractor.
    """
    site = None
    if profile and profile != GENERIC:
        site = get_profile(profile)
    elif profile is None:
        site = profile_for_url(url)
    if site is None:
        from transforms.generic import extract_generic

        return extract_generic(html, url, default_timezone=default_timezone or "UTC")
    version = site.version_for(on, url)
    return version(html, url, default_timezone or site.timezone).extract()


def article_text(html: str, url: str) -> str:
    """The body text the pipeline would store: blocks separated by blank lines ("" if none)."""
    try:
        return extract_article(html, url).text
    except NotAnArticle:
        return ""
