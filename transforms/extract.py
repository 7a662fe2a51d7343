"""Public entry points: HTML + URL in, an Article (or NotAnArticle) out. Pure: no I/O."""

from __future__ import annotations

from datetime import date

from transforms.profiles.registry import get_profile, profile_for_url
from transforms.records import Article, NotAnArticle

GENERIC = "generic"


def extract_article(
    html: str,
    url: str,
    *,
    profile: str | None = None,
    default_timezone: str = "UTC",
    on: date | None = None,
) -> Article:
    """Extract with the named profile, else the one registered for the URL's host, else generic.

    `on` picks the profile version in force on that date (defaults to the newest version).
    """
    site = None
    if profile and profile != GENERIC:
        site = get_profile(profile)
    elif profile is None:
        site = profile_for_url(url)
    if site is None:
        from transforms.generic import extract_generic

        return extract_generic(html, url, default_timezone=default_timezone)
    version = site.version_for(on)
    return version(html, url, default_timezone).extract()


def article_text(html: str, url: str) -> str:
    """The body text the pipeline would store: blocks separated by blank lines ("" if none)."""
    try:
        return extract_article(html, url).text
    except NotAnArticle:
        return ""
