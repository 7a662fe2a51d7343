"""Dates as aware timestamps: the page's own offset when it gives one, else the source's zone."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

URL_DATE = re.compile(r"/((?:19|20)\d{2})[-/]?(\d{2})[-/](\d{2})(?:/|[-_]|$)")
UTC_OFFSET = re.compile(r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)")
ISO_LIKE = re.compile(
    r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def as_aware(moment: datetime, default_timezone: str) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=_zone(default_timezone))
    return moment


def _plausible(moment: datetime | None) -> datetime | None:
    if moment is None or not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return None
    return moment


def _from_iso(text: str) -> datetime | None:
    candidate = text.replace(" ", "T", 1) if len(text) > 10 and text[10] == " " else text
    if candidate.endswith("z"):
        candidate = candidate[:-1] + "Z"
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def parse_datetime(text: str | None, default_timezone: str = "UTC") -> datetime | None:
    """Parse a date or date-time string; naive values are placed in `default_timezone`.

    ISO 8601 (with its offset) is read exactly; an ISO-like date inside other text is taken
    as local time; anything else goes through dateutil. Years outside 1990-2100 are rejected.
    """
    if not text:
        return None
    text = text.strip()
    if not text:
        return None
    parsed = _from_iso(text)
    if parsed is None:
        match = ISO_LIKE.search(text)
        if match and not UTC_OFFSET.match(text, match.end()):
            year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
            try:
                parsed = datetime(year, month, day, hour, minute, second)
            except ValueError:
                return None
    if parsed is None:
        if not HAS_YEAR.search(text):
            return None  # dateutil would fill the missing year from today's date
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
                parsed = dateutil_parser.parse(text, fuzzy=True)
        except (ValueError, OverflowError):
            return None
    parsed = _plausible(parsed)
    return as_aware(parsed, default_timezone) if parsed else None


def date_from_url(url: str, default_timezone: str = "UTC") -> datetime | None:
    """`/2026-01/16/c_1.htm` or `/2026/01/16/slug` -> midnight of that day in the source zone."""
    match = URL_DATE.search(url)
    if not match:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return datetime.combine(day, time(0, 0), tzinfo=_zone(default_timezone))
