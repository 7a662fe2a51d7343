"""Beijing Institute of Technology, English site (english.bit.edu.cn): three templates.

- `BitNewsEventsV1`, 2005-2019: `/NewsEvents/BITNews/<n>.htm` (and `BITBulletin`,
  `/PictureNews/<n>.htm`), GBK pages, a "release date :... | [ close window ]ViewCount:" line,
  "Translator:" / "Editor:" lines at the foot of the body, centred caption paragraphs under image
  paragraphs, a microblog share bar.
- `BitNews2020V1(BitNewsEventsV1)`, 2020-2023: `/news2020/focus/<32 hex>.htm`,
  `/news2020/events/a<n>.htm`, `/readingbit/<32 hex | a<n>>.htm`; a section label above the
  title, "Time: / News Source: / Photography: / Editor: / Reviewer:" lines above the body.
- `BitChinaDailyV1`, 2024-: China Daily's regional CMS (the shared platform profile), also served
  at regional.chinadaily.com.cn/enbit/.
The version is chosen by the page's markers (`MARKERS`), the URL only as a hint (registry).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from records.article import Image
from transforms.dates import parse_datetime
from transforms.page import HtmlElement
from transforms.profiles.base import NAME_SPLIT, ProfileVersion, looks_like_caption
from transforms.profiles.shared.china_daily import ChinaDailyRegionalV1

LABEL = re.compile(
    r"(Translator|Translated by|Editor|Writer|Author|Reporter|Reviewer|Proof-?reader"
    r"|News Source|News resource & Photographer|Source|Photography|Photographer|Photo|Time)"
    r"\s*[:：]\s*",
    re.I,
)
AUTHOR_LABELS = frozenset({"translator", "writer", "author", "reporter"})
PHOTO_LABELS = frozenset({"photography", "photo", "photographer", "news resource & photographer"})
SITE_NAMES = ("Beijing Institute of Technology", "BIT English", "BIT")


class BitNewsEventsV1(ProfileVersion):
    """2005-2019: the "News & Events" column of the first English site."""

    NAME = "bit:news-events-v1"
    VALID_UNTIL = date(2020, 1, 1)
    URL_PATTERN = re.compile(r"/(?:NewsEvents/\w+|PictureNews)/\d+\.html?$")
    MARKERS = ("#zoom", "div.time", "div.lefttitle", "ul.leftmenu", "#hits")
    LANGUAGE = "en"
    SITE_NAMES = SITE_NAMES
    TITLE = "div.article .title"
    BODY = "#zoom"
    DATE = "div.article .time"
    LABEL_LINES = "#zoom p"  # where the "Label: value" lines sit
    EXCLUDE = ("script", "style")

    def labels(self) -> dict[str, str]:
        """`{"translator": "Zhang Wei", "editor": "Liu Fang", ...}` from the label lines."""
        found: dict[str, str] = {}
        for text in self.texts_of(self.LABEL_LINES):
            if not LABEL.match(text) or len(text.split()) > 30:
                continue
            parts = LABEL.split(text)[1:]  # label, value, label, value, ...
            for label, value in zip(parts[::2], parts[1::2], strict=True):
                found.setdefault(label.lower(), value.strip(" |/"))
        return found

    def credits(self) -> tuple[str, ...]:
        """Every label line but the date, as "Label: value" ("Editor: Liu Fang")."""
        found: dict[str, str] = {}
        for text in self.texts_of(self.LABEL_LINES):
            if not LABEL.match(text) or len(text.split()) > 30:
                continue
            parts = LABEL.split(text)[1:]
            for label, value in zip(parts[::2], parts[1::2], strict=True):
                if label.lower() != "time" and value.strip(" |/"):
                    found.setdefault(label.lower(), f"{label}: {value.strip(' |/')}")
        return tuple(found.values())

    def authors(self) -> tuple[str, ...]:
        values = [v for k, v in self.labels().items() if k in AUTHOR_LABELS]
        return tuple(dict.fromkeys(n for v in values for n in NAME_SPLIT.split(v) if n))

    def is_caption(self, node: HtmlElement) -> bool:
        return looks_like_caption(node)

    def images(self) -> tuple[Image, ...]:
        """The page's "Photography:" line credits every image that has no credit of its own."""
        photographer = next((v for k, v in self.labels().items() if k in PHOTO_LABELS), None)
        return tuple(
            replace(image, credit=image.credit or photographer) for image in super().images()
        )


class BitNews2020V1(BitNewsEventsV1):
    """2020-2023: a VSB-style template; the labels moved to a header above the body."""

    NAME = "bit:news2020-v1"
    VALID_UNTIL = date(2024, 1, 1)
    URL_PATTERN = re.compile(r"/(?:news2020/\w+|readingbit)/(?:[0-9a-f]{32}|a\d+)\.htm$")
    MARKERS = ("div.v_news_content", "#vsb_content", "div.article-info", "div.article-title")
    TITLE = "div.article-title h1"
    BODY = "div.v_news_content"
    DATE = None
    LABEL_LINES = "div.article-info p, div.article-info span, div.v_news_content p, #vsb_content p"

    def published_at(self) -> datetime | None:
        return parse_datetime(self.labels().get("time"), self.default_timezone)


class BitChinaDailyV1(ChinaDailyRegionalV1):
    """2024-: "Presented by China Daily"; also served at regional.chinadaily.com.cn/enbit/."""

    NAME = "bit:china-daily-v1"
    SITE_NAMES = SITE_NAMES


BIT_VERSIONS: tuple[type[ProfileVersion], ...] = (BitNewsEventsV1, BitNews2020V1, BitChinaDailyV1)
