"""Beijing Institute of Technology, English site (english.bit.edu.cn).

The current template is China Daily's regional CMS (`/YYYY-MM/DD/c_<id>.htm`): body in
`div.art_cont`, figures as an image-only paragraph followed by a caption paragraph that ends
in a credit such as "[Photo/]", an ADDRESS/copyright footer outside the body, and slide
digits that can sit inside the body.
"""

from __future__ import annotations

import re
from datetime import date

from bs4 import Tag

from transforms.normalize import normalize_text
from transforms.profiles.base import ProfileVersion

CAPTION_CREDIT = re.compile(r"\[\s*(?:photo|image)\s*/[^\]]*\]\s*$", re.I)
MAX_CAPTION_WORDS = 40


class BitChinaDailyV1(ProfileVersion):
    """The 2024– template ("Presented by China Daily")."""

    NAME = "bit:china-daily-v1"
    LANGUAGE = "en"
    TITLE = "h1.art_title, .main h1, h1"
    BODY = "div.art_cont, #Content"
    DATE = ".info .date"
    AUTHOR = ".info .author"
    EXCLUDE = ("script", "style", ".page_nav", ".share", ".related")
    EDITOR_NOTE_PREFIX = re.compile(r"^\[\s*editor'?s?[’']?s? note\s*\]\s*", re.I)
    TITLE_SUFFIX = re.compile(r"\s+-\s+Beijing Institute of Technology$")

    def caption_for(self, img: Tag) -> tuple[str | None, str | None]:
        holder = img.find_parent("p") or img
        following = holder.find_next_sibling()
        if isinstance(following, Tag) and self.is_caption(following):
            return self.split_credit(normalize_text(following.get_text(" ")))
        return super().caption_for(img)

    def is_caption(self, node: Tag) -> bool:
        if node.name != "p" or node.find("img") is not None:
            return False
        text = normalize_text(node.get_text(" "))
        classes = node.get("class") or []
        if "caption" in classes:
            return True
        return bool(CAPTION_CREDIT.search(text)) and len(text.split()) <= MAX_CAPTION_WORDS

    def body_nodes(self) -> list[Tag]:
        if self.body_root is not None:
            for img in self.body_root.find_all("img"):
                holder = img.find_parent("p")
                following = holder.find_next_sibling() if holder is not None else None
                if isinstance(following, Tag) and self.is_caption(following):
                    following.decompose()
            for node in self.body_root.find_all("p"):
                if self.is_caption(node):
                    node.decompose()
        return super().body_nodes()


BIT_VERSIONS: tuple[type[ProfileVersion], ...] = (BitChinaDailyV1,)
BIT_TEMPLATE_SINCE = date(2024, 1, 1)
