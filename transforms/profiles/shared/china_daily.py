"""China Daily's regional CMS, which hosts the English sites of many Chinese universities.

Article URLs are `/YYYY-MM/DD/c_<id>.htm` (ids are platform-wide), the title is an `h1`, the
body is `div.art_cont` (`#Content`). A figure is an image-only paragraph followed by a caption
paragraph ending in a credit such as "[Photo/]" or "[Photo/Li Na]"; images are often loaded
from `subsites.chinadaily.com.cn/<site>/att/`. The CMS writes its record of the article into
an HTML comment, `<!--enpproperty <date>...</date><author>...</author>... /enpproperty-->`,
which is the most reliable source of the time, author and keywords when a site keeps it.
Long articles are split into pages `c_<id>.htm`, `c_<id>_2.htm`, ... under a page-number bar.
"""

from __future__ import annotations

import re
from datetime import datetime

from transforms.dates import parse_datetime
from transforms.normalize import normalize_text
from transforms.page import HtmlElement
from transforms.profiles.base import NAME_SPLIT, ProfileVersion, looks_like_caption

ARTICLE_ID = re.compile(r"/c_(\d+)(?:_\d+)?\.htm$")
ENP_PROPERTY = re.compile(r"<!--\s*enpproperty(.*?)/enpproperty\s*-->", re.S)
ENP_FIELD = re.compile(r"<(\w+)>([^<]*)</\1>")


class ChinaDailyRegionalV1(ProfileVersion):
    """The platform's article template; sites set NAME and their title suffix."""

    URL_PATTERN = re.compile(r"/\d{4}-\d{2}/\d{2}/c_\d+(?:_\d+)?\.htm$")
    MARKERS = ("div.art_cont", "#Content", "h1.art_title", "span.date", "#div_currpage")
    LANGUAGE = "en"
    TITLE = "h1.art_title, .main h1, h1"
    BODY = "div.art_cont, #Content"
    DATE = ".info .date"
    AUTHOR = ".info .author"
    EXCLUDE = ("script", "style", ".page_nav", "#div_currpage", ".share", ".related")

    def article_key(self) -> str | None:
        """The platform-wide `c_<id>`: one article, whichever host serves it."""
        match = ARTICLE_ID.search(self.url)
        return f"chinadaily:c_{match.group(1)}" if match else None

    def enp_property(self, name: str) -> str | None:
        """One field of the CMS's `enpproperty` comment ("date", "author", "keyword", ...)."""
        match = ENP_PROPERTY.search(self.page.html)
        if match is None:
            return None
        fields = dict(ENP_FIELD.findall(match.group(1)))
        return normalize_text(fields.get(name, "")) or None

    def published_at(self) -> datetime | None:
        return parse_datetime(self.enp_property("date"), self.default_timezone) or (
            super().published_at()
        )

    def subtitle(self) -> str | None:
        return super().subtitle() or self.enp_property("subtitle")

    def authors(self) -> tuple[str, ...]:
        recorded = self.enp_property("author")
        if recorded:
            return tuple(name for name in NAME_SPLIT.split(recorded) if name)
        return super().authors()

    def tags(self) -> tuple[str, ...]:
        keywords = self.enp_property("keyword") or ""
        return tuple(dict.fromkeys(k for k in re.split(r"\s*[,;，]\s*", keywords) if k))

    def is_caption(self, node: HtmlElement) -> bool:
        return looks_like_caption(node)
