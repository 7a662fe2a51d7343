"""Beijing Institute of Technology, English site (english.bit.edu.cn): three templates.

- `BitNewsEventsV1`, 2005-2019: `/NewsEvents/BITNews/<n>.htm` (and `BITBulletin`), GBK pages,
  a "release date :... | [ close window ]ViewCount:" line, "Translator:" / "Editor:" lines at
  the foot of the body, centred caption paragraphs under image paragraphs, a microblog share bar.
- `BitNews2020V1(BitNewsEventsV1)`, 2020-2023: `/news2020/focus/<32 hex>.htm`,
  `/readingbit/<32 hex>.htm`; a section label above the title, "Time: / News Source: /
  Photography: / Editor: / Reviewer:" lines. Only selectors and where the labels sit changed.
- `BitChinaDailyV1`, 2024-: China Daily's regional CMS (the shared platform profile).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from bs4 import Tag

from records.article import Image
from transforms.dates import parse_datetime
from transforms.normalize import normalize_text
from transforms.profiles.base import NAME_SPLIT, ProfileVersion
from transforms.profiles.shared.china_daily import ChinaDailyRegionalV1

LABEL = re.compile(
    r"(Translator|Editor|Writer|Author|Reporter|Reviewer|News Source|Source|Photography"
    r"|Photo|Time)\s*[:：]\s*",
    re.I,
)
AUTHOR_LABELS = frozenset({"translator", "writer", "author", "reporter"})
PHOTO_LABELS = frozenset({"photography", "photo"})
MAX_CAPTION_WORDS = 40
TITLE_SUFFIX = re.compile(r"\s*-\s*Beijing Institute of Technology$")


class BitNewsEventsV1(ProfileVersion):
    """2005-2019: the "News & Events" column of the first English site."""

    NAME = "bit:news-events-v1"
    VALID_UNTIL = date(2020, 1, 1)
    URL_PATTERN = re.compile(r"/NewsEvents/\w+/\d+\.html?$")
    LANGUAGE = "en"
    TITLE = "div.article .title"
    BODY = "#zoom"
    DATE = "div.article .time"
    LABEL_LINES = "#zoom p"  # where the "Label: value" lines sit
    EXCLUDE = ("script", "style")
    TITLE_SUFFIX = TITLE_SUFFIX
    EDITOR_NOTE_PREFIX = re.compile(r"^\[\s*editor'?s?[’']?s? note\s*\]\s*", re.I)

    def labels(self) -> dict[str, str]:
        """`{"translator": "Zhang Wei", "editor": "Liu Fang", ...}` from the label lines."""
        found: dict[str, str] = {}
        for text in self.texts_of(self.LABEL_LINES):
            if not LABEL.match(text):
                continue
            parts = LABEL.split(text)[1:]  # label, value, label, value, ...
            for label, value in zip(parts[::2], parts[1::2], strict=True):
                found.setdefault(label.lower(), value.strip(" |/"))
        return found

    def is_boilerplate_text(self, text: str) -> bool:
        return bool(LABEL.match(text)) or super().is_boilerplate_text(text)

    def authors(self) -> tuple[str, ...]:
        values = [v for k, v in self.labels().items() if k in AUTHOR_LABELS]
        return tuple(dict.fromkeys(n for v in values for n in NAME_SPLIT.split(v) if n))

    def is_caption(self, node: Tag) -> bool:
        """A short centred paragraph right under an image paragraph."""
        previous = node.find_previous_sibling()
        if node.name != "p" or node.find("img") or previous is None or not previous.find("img"):
            return False
        centred = node.get("align") == "center" or "center" in str(node.get("style", ""))
        text = normalize_text(node.get_text(" "))
        return centred and 0 < len(text.split()) <= MAX_CAPTION_WORDS and not LABEL.match(text)

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
    URL_PATTERN = re.compile(r"/(?:news2020/\w+|readingbit)/[0-9a-f]{32}\.htm$")
    TITLE = "div.article-title h1, h1"
    BODY = "div.v_news_content"
    DATE = None
    LABEL_LINES = "div.article-info p, div.article-info span, div.v_news_content p"

    def published_at(self) -> datetime | None:
        return parse_datetime(self.labels().get("time"), self.default_timezone)


class BitChinaDailyV1(ChinaDailyRegionalV1):
    """2024-: "Presented by China Daily"; also served at regional.chinadaily.com.cn/enbit/."""

    NAME = "bit:china-daily-v1"
    TITLE_SUFFIX = TITLE_SUFFIX


BIT_VERSIONS: tuple[type[ProfileVersion], ...] = (BitNewsEventsV1, BitNews2020V1, BitChinaDailyV1)
