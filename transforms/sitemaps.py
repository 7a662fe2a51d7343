"""XML sitemaps and sitemap indexes: bytes in, entries out. Pure; no entity expansion, ever."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Literal
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

GZIP_MAGIC = b"\x1f\x8b"
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed


class BadXml(ValueError):
    """The document is unsafe (DTD, entities) or not readable XML; the message says which."""


class UnsafeXml(BadXml):
    """The document declares entities or a DTD (a billion-laughs file, an external entity)."""


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: datetime | None = None


@dataclass
class Sitemap:
    kind: Literal["urlset", "sitemapindex"]
    entries: list[SitemapEntry] = field(default_factory=list)


def parse_lastmod(value: str | None) -> datetime | None:
    """W3C datetime (a date, or a date and time with zone) as an aware UTC datetime."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = datetime.combine(datetime.fromisoformat(value[:10]).date(), time())
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def gunzip_limited(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    if not body.startswith(GZIP_MAGIC):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as handle:
            data = handle.read(limit + 1)
    except (OSError, EOFError) as error:
        raise BadXml(f"bad gzip: {error}") from None
    if len(data) > limit:
        raise BadXml(f"sitemap larger than {limit} bytes uncompressed")
    return data


def safe_xml(body: bytes, *, allow_dtd: bool = False) -> Element:
    """Parse with defusedxml: entity declarations and external references are refused."""
    try:
        return fromstring(body, forbid_dtd=not allow_dtd, forbid_entities=True)
    except DefusedXmlException as error:
        raise UnsafeXml(f"unsafe XML refused ({type(error).__name__}): {error}") from None
    except ParseError as error:
        raise BadXml(f"not well-formed XML: {error}") from None
    except (LookupError, ValueError) as error:  # an encoding declared that no codec knows
        raise BadXml(f"unreadable XML: {error}") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


def parse_sitemap(body: bytes) -> Sitemap:
    root = safe_xml(gunzip_limited(body))
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise BadXml(f"not a sitemap: root element <{kind}>")
    item = "url" if kind == "urlset" else "sitemap"
    sitemap = Sitemap(kind)  # type: ignore[arg-type]
    for element in root:
        if _local(element.tag) != item:
            continue
        location = _child_text(element, "loc")
        if location:
            sitemap.entries.append(
                SitemapEntry(location, parse_lastmod(_child_text(element, "lastmod")))
            )
    return sitemap
