"""University of Ashcombe news (www.ashcombe.ac.uk/news/...): a UK TerminalFour page.

A press release: a type label and standfirst in the header, "Published:" / "Last updated:"
lines (British day-first dates), a lead figure with a credit span, a body that closes with
"Ends", "Notes to editors" and the press office's contact lines, then share links and topics.
The notes to editors are kept as the article's editor note, never as body text.
"""

from __future__ import annotations

import re

from records.article import Block
from transforms.page import HtmlElement, element_text
from transforms.profiles.base import ProfileVersion

NOTES_HEADING = re.compile(r"^notes? (?:to|for) editors?:?$", re.I)
CONTACT_LINE = re.compile(
    r"press office|media relations|tel(?:ephone)?[:.]|@ashcombe\.ac\.uk", re.I
)


class AshcombeT4V1(ProfileVersion):
    NAME = "ashcombe:t4-v1"
    LANGUAGE = "en"
    URL_PATTERN = re.compile(r"/news/\d{4}/[\w-]+/?$")
    TITLE = "h1.news-article__title"
    SUBTITLE = ".news-article__standfirst"
    BODY = ".news-article__body"
    DATE = ".news-article__meta time.published"
    UPDATED = ".news-article__meta .updated"
    TAGS = ".news-article__topics a"
    LEAD_IMAGE = "figure.news-article__image"
    CREDIT = ".news-article__credit"
    EXCLUDE = ("script", "style")
    BODY_END = re.compile(r"^(?:ends|-?\s*ends\s*-?)\.?$", re.I)
    TITLE_SUFFIX = re.compile(r"\s*\|\s*University of Ashcombe$")

    def notes_heading(self) -> HtmlElement | None:
        for root in self.body_roots():
            for node in root.iter("h2", "h3", "p"):
                if NOTES_HEADING.match(element_text(node)):
                    return node
        return None

    def editor_note(self) -> str | None:
        heading = self.notes_heading()
        if heading is None:
            return None
        texts = [element_text(node) for node in heading.itersiblings()]
        kept = [text for text in texts if text and not CONTACT_LINE.search(text)]
        return "\n".join(kept) or None

    def body_blocks(self) -> list[Block]:
        """The notes to editors and everything after them are not body text."""
        heading = self.notes_heading()
        if heading is None:
            return super().body_blocks()
        notes = {element_text(heading), *(element_text(n) for n in heading.itersiblings())}
        blocks = super().body_blocks()
        cut = next((i for i, b in enumerate(blocks) if b.text == element_text(heading)), None)
        blocks = blocks[:cut] if cut is not None else blocks
        return [block for block in blocks if block.text not in notes]


ASHCOMBE_VERSIONS: tuple[type[ProfileVersion], ...] = (AshcombeT4V1,)
