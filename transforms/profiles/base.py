"""Base class for per-site profiles: selectors as class constants, one short method per field.

A profile version is a subclass that sets selectors (and, rarely, overrides a method); a later
template of the same site subclasses the earlier version and overrides only what changed
(Fundus's `V1` / `V1_1`). Each field method answers from the version's own selectors only and
returns None / () when they miss: the fallbacks (other versions, the generic extractor, page
metadata) live in `transforms.fields`, which also records which source served each field.

Profiles read the shared `Page` (one lxml tree, one metadata read) and never change it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import ClassVar

from records.article import Block, Image
from records.urls import join_url
from transforms.dates import parse_datetime
from transforms.furniture import (
    CAPTION_CREDIT,
    IMAGE_FILE_NAME,
    is_credit_line,
    is_stand_in,
    split_caption_credit,
)
from transforms.normalize import normalize_text
from transforms.page import HtmlElement, Page, css, element_text

CREDIT_PREFIX = re.compile(
    r"^\s*[\[(]?\s*(?:photo|image|picture|credit|photograph)\w*\s*(?:by)?\s*[:/]?\s*", re.I
)
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
MAX_CAPTION_WORDS = 40
MAX_CAPTION_CHARS = 400
MAX_LABEL_CAPTION_WORDS = 25  # an unstyled caption: a short line without a sentence's end
SENTENCE_END = re.compile(r"[.!?。！？…:;\"'”’»)]\s*$")


class ProfileVersion:
    """One version of a site's template. Subclasses override selectors and, rarely, methods."""

    NAME: ClassVar[str] = ""
    VALID_UNTIL: ClassVar[date | None] = None
    # Pages whose URL has this shape were rendered by this template (a hint, not the proof).
    URL_PATTERN: ClassVar[re.Pattern[str] | None] = None
    # Selectors only this template's pages match: the page's evidence for the version.
    MARKERS: ClassVar[tuple[str, ...]] = ()
    LANGUAGE: ClassVar[str | None] = None
    # Names the site appends to its titles ("Story - Site"), removed whatever the separator.
    SITE_NAMES: ClassVar[tuple[str, ...]] = ()

    TITLE: ClassVar[str] = "h1"
    SUBTITLE: ClassVar[str | None] = None
    BODY: ClassVar[str] = "article"
    BODY_BLOCKS: ClassVar[str] = "p, h2, h3, h4"
    DATE: ClassVar[str | None] = None
    UPDATED: ClassVar[str | None] = None
    AUTHOR: ClassVar[str | None] = None
    TAGS: ClassVar[str | None] = None
    LEAD_IMAGE: ClassVar[str | None] = None  # a figure outside the body (hero image)
    FIGURE: ClassVar[str | None] = "figure"
    FIGURE_CAPTION: ClassVar[str | None] = "figcaption"
    CREDIT: ClassVar[str | None] = None  # inside the caption / figure
    EXCLUDE: ClassVar[tuple[str, ...]] = ()
    # Whole blocks dropped from the body ("Share this story").
    BOILERPLATE_LINES: ClassVar[tuple[re.Pattern[str], ...]] = ()
    # The first block matching this ends the body ("Ends", "Media contact").
    BODY_END: ClassVar[re.Pattern[str] | None] = None
    AUTHOR_PREFIX: ClassVar[re.Pattern[str]] = re.compile(
        r"^\s*(?:by|author:?|written by)\s+", re.I
    )
    TITLE_SUFFIX: ClassVar[re.Pattern[str] | None] = None

    def __init__(self, page: Page, default_timezone: str = "UTC") -> None:
        self.page = page
        self.url = page.url
        self.default_timezone = default_timezone
        self._body_roots: list[HtmlElement] | None = None
        self._skipped: set[HtmlElement] | None = None

    @classmethod
    def matches_url(cls, url: str) -> bool:
        return cls.URL_PATTERN is not None and cls.URL_PATTERN.search(url) is not None

    @classmethod
    def evidence(cls, page: Page) -> float:
        """Share of this template's markers (and its body selector) the page has, 0..1."""
        probes = (*cls.MARKERS, cls.BODY)
        return sum(1 for selector in probes if page.has(selector)) / len(probes)

    # -- helpers -------------------------------------------------------------------------

    def text_of(self, selector: str | None) -> str | None:
        if not selector:
            return None
        node = self.page.select_one(selector)
        return (element_text(node) or None) if node is not None else None

    def texts_of(self, selector: str | None) -> list[str]:
        if not selector:
            return []
        texts = (element_text(node) for node in self.page.select(selector))
        return [text for text in dict.fromkeys(texts) if text]

    def date_of(self, selector: str | None) -> datetime | None:
        """A `<time datetime>` attribute when the node has one, else the node's text."""
        if not selector:
            return None
        node = self.page.select_one(selector)
        if node is None:
            return None
        stamp = node.get("datetime") or node.get("content")
        text = stamp if stamp else element_text(node)
        return parse_datetime(normalize_text(text), self.default_timezone)

    def meta(self, name: str) -> str | None:
        value = self.page.metadata.meta.get(name.lower())
        return normalize_text(value) if value and value.strip() else None

    # -- fields: the version's own selectors, None when they miss -----------------------

    def title(self) -> str | None:
        title = self.text_of(self.TITLE)
        if title and self.TITLE_SUFFIX is not None:
            title = self.TITLE_SUFFIX.sub("", title).strip()
        return title or None

    def subtitle(self) -> str | None:
        return self.text_of(self.SUBTITLE)

    def published_at(self) -> datetime | None:
        return self.date_of(self.DATE)

    def updated_at(self) -> datetime | None:
        return self.date_of(self.UPDATED)

    def authors(self) -> tuple[str, ...]:
        names: list[str] = []
        for text in self.texts_of(self.AUTHOR):
            names += NAME_SPLIT.split(self.AUTHOR_PREFIX.sub("", text))
        return tuple(dict.fromkeys(name for name in map(normalize_text, names) if name))

    def credits(self) -> tuple[str, ...]:
        """Credit lines the template keeps outside the body (an info bar's "Editor: ...")."""
        return ()

    def editor_note(self) -> str | None:
        """A note the template keeps apart from the body; in-body notes are found by cleaning."""
        return None

    def tags(self) -> tuple[str, ...]:
        return tuple(self.texts_of(self.TAGS))

    def language(self) -> str | None:
        lang = self.page.tree.get("lang")
        if lang and lang.strip():
            return lang.strip().replace("_", "-").split("-")[0].lower()
        return self.LANGUAGE

    def canonical_url(self) -> str | None:
        """The page's `<link rel=canonical>`, else its `og:url`, as the metadata resolved it;
        a profile whose site states it elsewhere overrides this."""
        return self.page.metadata.canonical_url

    def article_key(self) -> str | None:
        """A site-given article identity shared by all its URLs; None when the URL is it."""
        return None

    # -- body ------------------------------------------------------------------------------

    def body_roots(self) -> list[HtmlElement]:
        """Every element the body selector matches (a body split over siblings), outermost only."""
        if self._body_roots is None:
            found = self.page.select(self.BODY)
            inside = set(found)
            self._body_roots = [
                node for node in found if not any(a in inside for a in node.iterancestors())
            ]
        return self._body_roots

    def skipped_nodes(self) -> set[HtmlElement]:
        """Nodes inside the body that are not body text: EXCLUDE matches, figures, captions."""
        if self._skipped is None:
            skipped: set[HtmlElement] = set()
            for root in self.body_roots():
                for selector in self.EXCLUDE:
                    skipped.update(css(selector)(root))
                if self.FIGURE:
                    skipped.update(css(self.FIGURE)(root))
                for img in root.iter("img"):
                    caption = self.caption_paragraph(img)
                    if caption is not None:
                        skipped.add(caption)
                for node in root.iter("p"):
                    if self.is_caption(node):  # a caption whose image was dropped
                        skipped.add(node)
            self._skipped = skipped
        return self._skipped

    def is_skipped(self, node: HtmlElement, root: HtmlElement) -> bool:
        skipped = self.skipped_nodes()
        if node in skipped:
            return True
        for ancestor in node.iterancestors():
            if ancestor is root:
                return False
            if ancestor in skipped:
                return True
        return False

    def body_blocks(self) -> list[Block]:
        """The raw blocks under the body selector, furniture not yet taken out."""
        blocks: list[Block] = []
        for root in self.body_roots():
            for node in css(self.BODY_BLOCKS)(root):
                if node.tag == "p" and any(a.tag in ("p", "li") for a in node.iterancestors()):
                    continue
                if self.is_skipped(node, root):
                    continue
                text = element_text(node)
                if text:
                    kind = "heading" if node.tag in HEADING_TAGS else "paragraph"
                    blocks.append(Block(text, kind))
        return blocks

    # -- images ----------------------------------------------------------------------------

    def image_nodes(self) -> list[HtmlElement]:
        nodes = self.page.select(f"{self.LEAD_IMAGE} img") if self.LEAD_IMAGE else []
        for root in self.body_roots():
            nodes += list(root.iter("img"))
        return nodes

    def images(self) -> tuple[Image, ...]:
        return images_of(self.image_nodes(), self)

    def is_caption(self, node: HtmlElement) -> bool:
        """Whether `node`, the element after an image's paragraph, is that image's caption."""
        return False

    def caption_paragraph(self, img: HtmlElement) -> HtmlElement | None:
        holder = next((a for a in img.iterancestors() if a.tag == "p"), img)
        following = holder.getnext()
        while following is not None and not isinstance(following.tag, str):
            following = following.getnext()
        return following if following is not None and self.is_caption(following) else None

    def figure_of(self, img: HtmlElement) -> HtmlElement | None:
        if not self.FIGURE:
            return None
        figures = set(self.page.select(self.FIGURE))
        return next((node for node in img.iterancestors() if node in figures), None)

    def caption_for(self, img: HtmlElement) -> tuple[str | None, str | None]:
        paragraph = self.caption_paragraph(img)
        if paragraph is not None:
            return self.split_credit(element_text(paragraph))
        figure = self.figure_of(img)
        if figure is None or not self.FIGURE_CAPTION:
            return None, None
        caption_nodes = css(self.FIGURE_CAPTION)(figure)
        credit_nodes = css(self.CREDIT)(figure) if self.CREDIT else []
        credit_text = element_text(credit_nodes[0]) if credit_nodes else ""
        credit = CREDIT_PREFIX.sub("", credit_text) or None
        if not caption_nodes:
            return None, credit
        caption_text = element_text(caption_nodes[0])
        if credit_text:  # a credit span inside the caption is not caption text
            caption_text = normalize_text(caption_text.replace(credit_text, ""))
        caption, inline_credit = self.split_credit(caption_text)
        return caption, credit or inline_credit

    def split_credit(self, caption: str) -> tuple[str | None, str | None]:
        return split_caption_credit(caption)


def looks_like_caption(node: HtmlElement) -> bool:
    """A short text paragraph right under an image paragraph: centred, classed as a caption,
    or ending in a "[Photo/...]" credit. Credit and label lines are not captions.
    """
    if node.tag != "p" or next(node.iter("img"), None) is not None:
        return False
    raw = node.text_content()
    if not raw.strip() or len(raw) > MAX_CAPTION_CHARS:
        return False
    previous = node.getprevious()
    after_image = previous is not None and next(previous.iter("img"), None) is not None
    text = element_text(node)
    if not text or len(text.split()) > MAX_CAPTION_WORDS or is_credit_line(text):
        return False
    if "caption" in (node.get("class") or "").lower():
        return True
    if CAPTION_CREDIT.search(text):
        return True
    style = (node.get("style") or "").replace(" ", "").lower()
    centred = (node.get("align") or "").lower() == "center" or "text-align:center" in style
    # a plain line under the image that does not end like a sentence names the picture
    label = len(text.split()) <= MAX_LABEL_CAPTION_WORDS and not SENTENCE_END.search(text)
    return after_image and (centred or label)


def images_of(nodes: list[HtmlElement], version: ProfileVersion) -> tuple[Image, ...]:
    """Images (absolute src, caption, credit, alt) of `nodes`, one per src."""
    images: dict[str, Image] = {}
    for img in nodes:
        src = img.get("data-src") or img.get("src")
        if not src or not src.strip() or src.startswith("data:") or is_stand_in(src):
            continue
        src = join_url(version.page.base_url, src.strip())
        if src is None:
            continue
        alt = normalize_text(img.get("alt") or "") or None
        if alt and IMAGE_FILE_NAME.match(alt):
            alt = None
        caption, credit = version.caption_for(img)
        images.setdefault(src, Image(src, caption, credit, alt))
    return tuple(images.values())
