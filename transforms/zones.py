"""The zone a page's readers live in, for the clocks it shows without an offset.

A source configured with `timezone` says where its pages' bare clocks are ("18:30" under a
headline); one that says nothing leaves it to the page. The page tells it three ways, best
first:

1. the offsets its own machine-readable stamps state (`2026-01-20T18:33:13+07:00` in a
   `<time>`, a script, a meta tag): the site's clock, told exactly;
2. its address's country domain (`.jp`, `.de`), where that country keeps one zone;
3. its language, where that language's readers keep one zone (`ja`, `de`, `pl`; `de-AT` names
   Vienna): "es-ES" or "en-GB" alone is many a CMS's default, on sites in Bogotá and Lagos.

A named zone (2, 3) is kept when the stamps agree with it (it knows summer time); stamps that
disagree win with their offset. A page without any of these stays in UTC, as before.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfoNotFoundError

from lxml.html import HtmlElement

from records.urls import url_parts
from transforms.dates import offset_name, zone_named

# "2026-01-20T18:33:13+07:00", "2024-04-28 19:50:30 +0200": a wall time with its offset
STATED_STAMP = re.compile(
    r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"\s?([+-])(\d{2}):?(\d{2})(?!\d)"
)
STAMP_ATTRIBUTES = ("datetime", "content", "data-date", "data-time", "data-timestamp")
# reading bounds: a page's scripts can be megabytes, a handful of stamps tells the zone
STAMP_TEXT_CHARS = 400_000
STAMPS_READ = 50


def _zones_by_code(table: str) -> dict[str, str]:
    """ "at=Europe/Vienna ba=Europe/Sarajevo ..." -> {"at": "Europe/Vienna", ...}"""
    return dict(pair.split("=") for pair in table.split())


# countries keeping one zone (or whose news is told in one), by ISO code / country domain
COUNTRY_ZONES = _zones_by_code(
    """
    at=Europe/Vienna ba=Europe/Sarajevo bd=Asia/Dhaka be=Europe/Brussels bg=Europe/Sofia
    by=Europe/Minsk ch=Europe/Zurich cn=Asia/Shanghai cz=Europe/Prague de=Europe/Berlin
    dk=Europe/Copenhagen ee=Europe/Tallinn eg=Africa/Cairo es=Europe/Madrid
    fi=Europe/Helsinki fr=Europe/Paris gb=Europe/London gh=Africa/Accra gr=Europe/Athens
    hk=Asia/Hong_Kong hr=Europe/Zagreb hu=Europe/Budapest id=Asia/Jakarta ie=Europe/Dublin
    il=Asia/Jerusalem in=Asia/Kolkata ir=Asia/Tehran is=Atlantic/Reykjavik it=Europe/Rome
    jp=Asia/Tokyo ke=Africa/Nairobi kr=Asia/Seoul li=Europe/Vaduz lk=Asia/Colombo
    lt=Europe/Vilnius lu=Europe/Luxembourg lv=Europe/Riga my=Asia/Kuala_Lumpur
    ng=Africa/Lagos nl=Europe/Amsterdam no=Europe/Oslo nz=Pacific/Auckland ph=Asia/Manila
    pk=Asia/Karachi pl=Europe/Warsaw pt=Europe/Lisbon ro=Europe/Bucharest
    rs=Europe/Belgrade se=Europe/Stockholm sg=Asia/Singapore si=Europe/Ljubljana
    sk=Europe/Bratislava th=Asia/Bangkok tr=Europe/Istanbul tw=Asia/Taipei
    tz=Africa/Dar_es_Salaam ua=Europe/Kyiv uk=Europe/London vn=Asia/Ho_Chi_Minh
    za=Africa/Johannesburg
    """
)
# languages whose readers keep one zone; English, Spanish, French, Portuguese, Arabic and
# Russian span oceans and say nothing without a country
LANGUAGE_ZONES = _zones_by_code(
    """
    bg=Europe/Sofia bs=Europe/Sarajevo ca=Europe/Madrid cs=Europe/Prague
    da=Europe/Copenhagen de=Europe/Berlin el=Europe/Athens et=Europe/Tallinn
    eu=Europe/Madrid fa=Asia/Tehran fi=Europe/Helsinki gl=Europe/Madrid he=Asia/Jerusalem
    hi=Asia/Kolkata hr=Europe/Zagreb hu=Europe/Budapest id=Asia/Jakarta
    is=Atlantic/Reykjavik it=Europe/Rome ja=Asia/Tokyo ko=Asia/Seoul lt=Europe/Vilnius
    lv=Europe/Riga nb=Europe/Oslo nl=Europe/Amsterdam nn=Europe/Oslo no=Europe/Oslo
    pl=Europe/Warsaw ro=Europe/Bucharest sk=Europe/Bratislava sl=Europe/Ljubljana
    sr=Europe/Belgrade sv=Europe/Stockholm th=Asia/Bangkok tr=Europe/Istanbul
    uk=Europe/Kyiv vi=Asia/Ho_Chi_Minh zh=Asia/Shanghai
    """
)
LANGUAGE_TAG = re.compile(r"([a-z]{2,3})(?:[-_](?:[a-z]{4}[-_])?([a-z]{2}))?(?![a-z])", re.I)


class PageZone(NamedTuple):
    name: str  # "Asia/Tokyo", or an offset "+07:00" (`transforms.dates` reads both)
    evidence: str  # what told it: "stamps", "language tag", "domain", "language"


def page_zone(root: HtmlElement, url: str, language: str | None) -> PageZone | None:
    """The zone for the page's bare clocks (module docstring); None when nothing tells it."""
    named = _named_zone(url, language)
    offsets = stated_offsets(root)
    if named and all(
        # "+00:00" is as often a server's UTC as a zone's winter: no evidence against a name
        not offset or named_offset(named.name, wall) == offset
        for wall, offset in offsets
    ):
        return named
    if not offsets:
        return None
    ((offset, _),) = Counter(offset for _, offset in offsets).most_common(1)
    name = offset_name(offset)
    return PageZone(name, "stamps") if name else None


def named_offset(name: str, wall: datetime) -> timedelta | None:
    try:
        return zone_named(name).utcoffset(wall)
    except (ZoneInfoNotFoundError, ValueError):  # a zone database older than the name
        return None


def named_zone(url: str, language: str | None) -> str | None:
    """The zone of the address's country domain, else of the page's language (module
    docstring)."""
    named = _named_zone(url, language)
    return named.name if named else None


def _named_zone(url: str, language: str | None) -> PageZone | None:
    tag = LANGUAGE_TAG.match((language or "").strip())
    language_code, country = (tag[1].lower(), (tag[2] or "").lower()) if tag else ("", "")
    domain = (url_parts(url).hostname or "").rsplit(".", 1)[-1].lower()
    for table, code, evidence in (
        (COUNTRY_ZONES, domain, "domain"),
        # a tag's country only for a language read in one zone anyway: "es-ES" and "en-GB"
        # are many a CMS's default, on sites in Bogotá and Lagos too
        (COUNTRY_ZONES, country if language_code in LANGUAGE_ZONES else "", "language tag"),
        (LANGUAGE_ZONES, language_code, "language"),
    ):
        if code in table and named_offset(table[code], datetime(2000, 1, 1)) is not None:
            return PageZone(table[code], evidence)
    return None


def stated_offsets(root: HtmlElement) -> list[tuple[datetime, timedelta]]:
    """(wall time, offset) of the first stamps with an offset the page's attributes and
    scripts state, read within a bound."""
    found: list[tuple[datetime, timedelta]] = []
    budget = STAMP_TEXT_CHARS
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        texts = [element.get(name) or "" for name in STAMP_ATTRIBUTES]
        if element.tag == "script" and element.text:
            texts.append(element.text[:budget])
        for text in texts:
            if not text:
                continue
            budget -= len(text)
            for stamp in STATED_STAMP.finditer(text):
                year, month, day, hour, minute, sign, hours, minutes = stamp.groups()
                try:
                    wall = datetime(int(year), int(month), int(day), int(hour), int(minute))
                except ValueError:
                    continue
                offset = timedelta(hours=int(hours), minutes=int(minutes))
                if int(minutes) >= 60 or offset_name(offset) is None:
                    continue  # no zone's
                found.append((wall, -offset if sign == "-" else offset))
                if len(found) >= STAMPS_READ:
                    return found
        if budget <= 0:
            break
    return found
