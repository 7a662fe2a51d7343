"""Kestrel Bay University newsroom (news.kestrelbay.edu.au): WordPress, two editors.

Permalinks are `/YYYY/MM/DD/<slug>/` in both versions, so the registry picks the version by the
date in the URL. Jetpack appends its share buttons and related posts *inside* `.entry-content`.
- `KestrelBayClassicV1`, until mid-2021: classic editor; images in `div.wp-caption` with
  `p.wp-caption-text` ("Caption. Photo: Name").
- `KestrelBayBlocksV1_1`, since: the block editor and a new theme; `figure.wp-block-image` with
  `figcaption` ("Caption (Photo: Name)"), a standfirst, pull quotes that repeat body text,
  co-authors, and a Yoast JSON-LD graph.
"""

from __future__ import annotations

import re
from datetime import date

from transforms.profiles.base import ProfileVersion

INLINE_CREDIT = re.compile(r"\s*\b(?:Photo|Image|Picture)\s*:\s*(?P<credit>[^.]+)\.?$", re.I)


class KestrelBayClassicV1(ProfileVersion):
    NAME = "kestrel_bay:classic-v1"
    VALID_UNTIL = date(2021, 7, 1)
    LANGUAGE = "en"
    TITLE = "h1.entry-title"
    BODY = "article.post .entry-content"
    BODY_BLOCKS = "p, h2, h3, h4, li"
    DATE = "article.post .entry-meta time.published"
    UPDATED = "article.post .entry-meta time.updated"
    AUTHOR = "article.post .entry-meta .byline .author a"
    TAGS = "article.post .tags-links a[rel~=tag]"
    FIGURE = "div.wp-caption"
    FIGURE_CAPTION = ".wp-caption-text"
    EXCLUDE = ("script", "style", ".sharedaddy", "#jp-relatedposts", ".jp-relatedposts")
    BODY_END = re.compile(r"^Media (?:enquiries|contact)\s*:", re.I)

    def split_credit(self, caption: str) -> tuple[str | None, str | None]:
        caption_text, credit = super().split_credit(caption)  # "(Photo: Name)"
        match = INLINE_CREDIT.search(caption_text or "") if credit is None else None
        if match is None:
            return caption_text, credit
        return caption[: match.start()].strip() or None, match["credit"].strip()


class KestrelBayBlocksV1_1(KestrelBayClassicV1):  # Fundus's version naming: V1 -> V1_1
    NAME = "kestrel_bay:blocks-v1.1"
    VALID_UNTIL = None
    SUBTITLE = "article.post .entry-header .standfirst"
    AUTHOR = "article.post .entry-meta .byline .author .fn"
    FIGURE = "figure"
    FIGURE_CAPTION = "figcaption"


KESTREL_BAY_VERSIONS: tuple[type[ProfileVersion], ...] = (KestrelBayClassicV1, KestrelBayBlocksV1_1)
