"""RSS/Atom feeds and feed autodiscovery: bytes or HTML in, entries out. Pure."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser

from records.urls import join_url
from transforms.page import parse_document
from transforms.sitemaps import BadXml, UnsafeXml, safe_xml

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    updated: datetime | None = None  # updated, else published


def _moment(parsed: object) -> datetime | None:
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC)  # type: ignore[arg-type]


CHARACTER_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
NO_CHARACTER = b"&#xFFFD;"


def _valid_reference(reference: re.Match[bytes]) -> bytes:
    """A character reference to no character ("&#xD800;", a lone surrogate; "&#0;") stands
    for the replacement character: feedparser fails on the whole feed for one."""
    hexadecimal, decimal = reference.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return NO_CHARACTER
    return reference[0]


def parse_feed(body: bytes, url: str) -> list[FeedEntry]:
    """Entries with a link; raises UnsafeXml before feedparser ever sees entity declarations.

    Feeds that are merely malformed are left to feedparser's lenient parser.
    """
    try:
        safe_xml(body, allow_dtd=True)
    except UnsafeXml:
        raise
    except BadXml:
        pass
    body = CHARACTER_REFERENCE.sub(_valid_reference, body)
    try:
        parsed = feedparser.parse(body, response_headers={"content-location": url})
    except Exception as error:  # noqa: BLE001 - its lenient parser fails in ways of its own
        # (a KeyError on a broken <link>, a UnicodeEncodeError on "&#xD800;")
        raise BadXml(f"feed unreadable ({type(error).__name__}): {error}") from None
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        moment = _moment(entry.get("updated_parsed")) or _moment(entry.get("published_parsed"))
        absolute = join_url(url, link)
        if absolute is not None:
            entries.append(FeedEntry(absolute, entry.get("title"), moment))
    return entries


def feed_links(html: str, page_url: str) -> list[str]:
    """`<link rel="alternate" type="application/rss+xml|atom+xml" href>` of a page, in order."""
    tree = parse_document(html)
    links: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES[:2] and href:
            absolute = join_url(page_url, href)
            if absolute is not None and absolute not in links:
                links.append(absolute)
    return links
