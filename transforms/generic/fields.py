"""Title, standfirst, dates and authors: page metadata first, the page itself as fallback."""

from __future__ import annotations

import re
from datetime import datetime

from lxml import html as lxml_html

from records.article import Block
from transforms.dates import date_from_url, parse_datetime
from transforms.generic import settings
from transforms.generic.select import text_key
from transforms.metadata import PageMetadata
from transforms.normalize import normalize_text

HtmlElement = lxml_html.HtmlElement


def clean_title(title: str | None, site_name: str | None) -> str | None:
    """Drop a site-name suffix or prefix ("Story | Site", "Site - Story")."""
    if not title:
        return None
    parts = settings.TITLE_SEPARATOR.split(title)
    if len(parts) == 1:
        return title
    if site_name:
        site = text_key(site_name)
        parts = [p for p in parts if text_key(p) != site and site not in text_key(p)] or parts
    if len(parts) > 1:
        longest = max(parts, key=len)
        if len(longest) >= 0.5 * len(title) or len(longest.split()) >= 4:
            return longest
        return " - ".join(parts)
    return parts[0]


def pick_title(meta: PageMetadata, root: HtmlElement) -> str | None:
    h1 = next(root.iter("h1"), None)
    h1_text = normalize_text(h1.text_content()) if h1 is not None else ""
    for candidate in (meta.title, meta.headline, h1_text or None):
        title = clean_title(candidate, meta.site_name)
        if title:
            return title
    return None


def pick_subtitle(meta: PageMetadata, body: list[Block], title: str) -> str | None:
    description = meta.description
    if not description or len(description) < 30 or text_key(description) == text_key(title):
        return None
    if description.endswith(("...", "…", "[…]")):
        return None
    first = text_key(body[0].text) if body else ""
    key = text_key(description)
    if first.startswith(key) and len(first) > len(key) * 1.2:
        return None  # the first paragraph, truncated: not a standfirst
    return description


def pick_dates(
    meta: PageMetadata, root: HtmlElement, container: HtmlElement | None, url: str, zone: str
) -> tuple[datetime | None, datetime | None]:
    published = parse_datetime(meta.published, zone)
    if published is None:
        scope = container if container is not None else root
        for node in (*scope.iter("time"), *root.iter("time")):
            published = parse_datetime(node.get("datetime") or node.text_content(), zone)
            if published is not None:
                break
    if published is None:
        published = date_from_url(url, zone)
    updated = parse_datetime(meta.modified, zone)
    return published, updated


def pick_authors(meta: PageMetadata, root: HtmlElement) -> tuple[str, ...]:
    if meta.authors:
        return meta.authors
    for node in root.iter("a", "span", "div", "p", "address"):
        if (
            node.get("rel") == "author"
            or node.get("itemprop") == "author"
            or (settings.BYLINE_NAME.search(node.get("class") or ""))
        ):
            text = normalize_text(node.text_content())
            text = re.sub(r"^(?:by|von|par|por)\s+", "", text, flags=re.I)
            if 2 < len(text) <= 80 and not settings.DATE_IN_TEXT.search(text):
                return (text,)
    return ()
