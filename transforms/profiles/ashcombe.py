"""University of Ashcombe news (www.ashcombe.ac.uk/news/...): a UK TerminalFour page.

A press release: a type label and standfirst in the header, "Published:" / "Last updated:"
lines (British day-first dates), a lead figure with a credit span, a body that closes with
"Ends", "Notes to editors" and the press office's contact lines, then share links and topics.
The notes to editors are kept as the article's editor note, never as body text.
"""

from __future__ import annotations

import re

from bs4 import Tag

from transforms.normalize import normalize_text
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

    def body_nodes(self) -> list[Tag]:
        if self.body_root is not None:
            heading = next(
                (
                    h
                    for h in self.body_root.find_all(["h2", "h3", "p"])
                    if NOTES_HEADING.match(normalize_text(h.get_text(" ")))
                ),
                None,
            )
            if heading is not None:
                notes = [heading, *heading.find_next_siblings()]
                texts = [normalize_text(node.get_text(" ")) for node in notes[1:]]
                kept = [text for text in texts if text and not CONTACT_LINE.search(text)]
                self.editor_note_text = "\n".join(kept) or None
                for node in notes:
                    node.decompose()
        return super().body_nodes()


ASHCOMBE_VERSIONS: tuple[type[ProfileVersion], ...] = (AshcombeT4V1,)
