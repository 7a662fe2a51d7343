"""Base class for per-site profiles: selectors as class constants, one short method per field.

A profile version is a subclass that sets selectors (and, rarely, overrides a method); a later
template of the same site subclasses the earlier version and overrides only what changed
(Fundus's `V1` / `V1_1`). Version choice lives in the registry, which reads `VALID_UNTIL` and
`URL_PATTERN` here.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any, ClassVar
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag

from records.article import Article, Block, Image, NotAnArticle
from transforms.dates import date_from_url, parse_datetime
from transforms.normalize import collapse_repeated_span, dedupe_paragraphs, normalize_text

IMAGE_FILE_NAME = re.compile(r"^[\w\-.]+\.(?:png|jpe?g|gif|webp|bmp|svg)$", re.IGNORECASE)
PAGINATION_DIGITS = re.compile(r"^(?:\d{1,3}\s*)+$")
CAPTION_CREDIT = re.compile(
    r"\s*[\[(](?:photo|image|credit|photograph)\s*[/:]?\s*([^\])]*)[\])]\s*$", re.I
)
CREDIT_PREFIX = re.compile(
    r"^\s*[\[(]?\s*(?:photo|image|picture|credit|photograph)\w*\s*(?:by)?\s*[:/]?\s*", re.I
)
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


class ProfileVersion:
    """One version of a site's template. Subclasses override selectors and, rarely, methods."""

    NAME: ClassVar[str] = ""
    VALID_UNTIL: ClassVar[date | None] = None
    # Pages whose URL has this shape were rendered by this template (used when no date is given).
    URL_PATTERN: ClassVar[re.Pattern[str] | None] = None
    LANGUAGE: ClassVar[str | None] = None

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
    # Whole blocks dropped from the body ("Editor: ...", "Share this story").
    BOILERPLATE_LINES: ClassVar[tuple[re.Pattern[str], ...]] = ()
    # The first block matching this ends the body ("Ends", "Media contact").
    BODY_END: ClassVar[re.Pattern[str] | None] = None
    EDITOR_NOTE_PREFIX: ClassVar[re.Pattern[str] | None] = None
    AUTHOR_PREFIX: ClassVar[re.Pattern[str]] = re.compile(
        r"^\s*(?:by|author:?|written by)\s+", re.I
    )
    TITLE_SUFFIX: ClassVar[re.Pattern[str] | None] = None

    def __init__(self, html: str, url: str, default_timezone: str = "UTC") -> None:
        self.url = url
        self.default_timezone = default_timezone
        self.soup = BeautifulSoup(html, "lxml")
        self.body_root = self.soup.select_one(self.BODY)
        self.editor_note_text: str | None = None
        self._json_ld: dict[str, Any] | None = None

    @classmethod
    def matches_url(cls, url: str) -> bool:
        return cls.URL_PATTERN is not None and cls.URL_PATTERN.search(url) is not None

    # -- helpers -------------------------------------------------------------------------

    def text_of(self, selector: str | None) -> str | None:
        if not selector:
            return None
        node = self.soup.select_one(selector)
        if node is None:
            return None
        return normalize_text(node.get_text(" ")) or None

    def texts_of(self, selector: str | None) -> list[str]:
        if not selector:
            return []
        texts = (normalize_text(node.get_text(" ")) for node in self.soup.select(selector))
        return [text for text in dict.fromkeys(texts) if text]

    def date_of(self, selector: str | None) -> datetime | None:
        """A `<time datetime>` attribute when the node has one, else the node's text."""
        if not selector:
            return None
        node = self.soup.select_one(selector)
        if node is None:
            return None
        stamp = node.get("datetime") or node.get("content")
        text = stamp if isinstance(stamp, str) else node.get_text(" ")
        return parse_datetime(normalize_text(text), self.default_timezone)

    def meta(self, name: str) -> str | None:
        node = self.soup.find("meta", attrs={"property": name}) or self.soup.find(
            "meta", attrs={"name": name}
        )
        content = node.get("content") if isinstance(node, Tag) else None
        return normalize_text(content) if isinstance(content, str) and content.strip() else None

    def json_ld(self) -> dict[str, Any]:
        """The page's JSON-LD article object (`@graph` searched), or {}."""
        if self._json_ld is None:
            self._json_ld = {}
            for script in self.soup.find_all("script", type="application/ld+json"):
                try:
                    data = json.loads(script.string or "")
                except ValueError:
                    continue
                for obj in _flatten(data):
                    kinds = obj.get("@type")
                    kinds = kinds if isinstance(kinds, list) else [kinds]
                    if any(str(k).endswith(("Article", "Posting")) for k in kinds):
                        self._json_ld = obj
                        return obj
        return self._json_ld

    def in_source_zone(self, moment: datetime | None) -> datetime | None:
        """The same instant on the source's clock (a page's UTC `datetime` attribute, say)."""
        return moment.astimezone(ZoneInfo(self.default_timezone)) if moment else None

    # -- fields --------------------------------------------------------------------------

    def title(self) -> str | None:
        title = self.text_of(self.TITLE) or self.meta("og:title")
        if title is None and self.soup.title is not None:
            title = normalize_text(self.soup.title.get_text())
        if title and self.TITLE_SUFFIX is not None:
            title = self.TITLE_SUFFIX.sub("", title).strip()
        return title or None

    def subtitle(self) -> str | None:
        return self.text_of(self.SUBTITLE)

    def published_at(self) -> datetime | None:
        return (
            self.date_of(self.DATE)
            or parse_datetime(self.json_ld().get("datePublished"), self.default_timezone)
            or parse_datetime(self.meta("article:published_time"), self.default_timezone)
            or date_from_url(self.url, self.default_timezone)
        )

    def updated_at(self) -> datetime | None:
        return (
            self.date_of(self.UPDATED)
            or parse_datetime(self.json_ld().get("dateModified"), self.default_timezone)
            or parse_datetime(self.meta("article:modified_time"), self.default_timezone)
        )

    def authors(self) -> tuple[str, ...]:
        texts = self.texts_of(self.AUTHOR)
        names: list[str] = []
        for text in texts:
            names += NAME_SPLIT.split(self.AUTHOR_PREFIX.sub("", text))
        return tuple(dict.fromkeys(name for name in map(normalize_text, names) if name))

    def tags(self) -> tuple[str, ...]:
        return tuple(self.texts_of(self.TAGS))

    def language(self) -> str | None:
        html = self.soup.find("html")
        lang = html.get("lang") if isinstance(html, Tag) else None
        if isinstance(lang, str) and lang.strip():
            return lang.strip().replace("_", "-").split("-")[0].lower()
        return self.LANGUAGE

    def canonical_url(self) -> str:
        link = self.soup.find("link", rel="canonical")
        href = link.get("href") if isinstance(link, Tag) else None
        if isinstance(href, str) and href.strip():
            return urljoin(self.url, href.strip())
        return self.meta("og:url") or self.url

    def image_nodes(self) -> list[Tag]:
        nodes = self.soup.select(f"{self.LEAD_IMAGE} img") if self.LEAD_IMAGE else []
        if self.body_root is not None:
            nodes += self.body_root.find_all("img")
        return nodes

    def images(self) -> tuple[Image, ...]:
        images: dict[str, Image] = {}
        for img in self.image_nodes():
            src = img.get("data-src") or img.get("src")
            if not isinstance(src, str) or not src.strip() or src.startswith("data:"):
                continue
            src = urljoin(self.url, src.strip())
            alt = img.get("alt")
            alt_text = normalize_text(alt) if isinstance(alt, str) else None
            if alt_text and IMAGE_FILE_NAME.match(alt_text):
                alt_text = None
            caption, credit = self.caption_for(img)
            images.setdefault(src, Image(src, caption, credit, alt_text or None))
        return tuple(images.values())

    def is_caption(self, node: Tag) -> bool:
        """Whether `node`, the element after an image's paragraph, is that image's caption."""
        return False

    def caption_paragraph(self, img: Tag) -> Tag | None:
        holder = img.find_parent("p") or img
        following = holder.find_next_sibling()
        return following if isinstance(following, Tag) and self.is_caption(following) else None

    def figure_of(self, img: Tag) -> Tag | None:
        if not self.FIGURE:
            return None
        parents = (node for node in img.parents if node.name != "[document]")
        return next((node for node in parents if node.css.match(self.FIGURE)), None)

    def caption_for(self, img: Tag) -> tuple[str | None, str | None]:
        paragraph = self.caption_paragraph(img)
        if paragraph is not None:
            return self.split_credit(normalize_text(paragraph.get_text(" ")))
        figure = self.figure_of(img)
        if figure is None or not self.FIGURE_CAPTION:
            return None, None
        caption_node = figure.select_one(self.FIGURE_CAPTION)
        credit_node = figure.select_one(self.CREDIT) if self.CREDIT else None
        credit_text = normalize_text(credit_node.get_text(" ")) if credit_node else ""
        credit = CREDIT_PREFIX.sub("", credit_text) or None
        if caption_node is None:
            return None, credit
        caption_text = normalize_text(caption_node.get_text(" "))
        if credit_text:  # a credit span inside the caption is not caption text
            caption_text = normalize_text(caption_text.replace(credit_text, ""))
        caption, inline_credit = self.split_credit(caption_text)
        return caption, credit or inline_credit

    def split_credit(self, caption: str) -> tuple[str | None, str | None]:
        match = CAPTION_CREDIT.search(caption)
        if match:
            credit = match.group(1).strip() or None
            caption = caption[: match.start()].strip()
        else:
            credit = None
        return caption or None, credit

    def is_boilerplate_text(self, text: str) -> bool:
        return bool(
            IMAGE_FILE_NAME.match(text)
            or PAGINATION_DIGITS.match(text)
            or any(pattern.search(text) for pattern in self.BOILERPLATE_LINES)
        )

    def body_nodes(self) -> list[Tag]:
        if self.body_root is None:
            return []
        for selector in self.EXCLUDE:
            for node in self.body_root.select(selector):
                node.decompose()
        for img in self.body_root.find_all("img"):
            caption = self.caption_paragraph(img)
            if caption is not None:
                caption.decompose()
        for figure in self.body_root.select(self.FIGURE) if self.FIGURE else []:
            figure.decompose()
        return self.body_root.select(self.BODY_BLOCKS)

    def body(self) -> tuple[Block, ...]:
        blocks: list[Block] = []
        for node in self.body_nodes():
            if node.name in ("p",) and node.find_parent(["p", "li"]) is not None:
                continue
            text = collapse_repeated_span(normalize_text(node.get_text(" ")))
            if self.BODY_END is not None and self.BODY_END.search(text):
                break
            if not text or self.is_boilerplate_text(text):
                continue
            if self.EDITOR_NOTE_PREFIX is not None and not blocks and self.editor_note_text is None:
                match = self.EDITOR_NOTE_PREFIX.match(text)
                if match:
                    self.editor_note_text = text[match.end() :].strip() or None
                    continue
            blocks.append(Block(text, "heading" if node.name in HEADING_TAGS else "paragraph"))
        kept = iter(dedupe_paragraphs([block.text for block in blocks]))
        next_kept = next(kept, None)
        deduped: list[Block] = []
        for block in blocks:
            if block.text == next_kept:
                deduped.append(block)
                next_kept = next(kept, None)
        return tuple(deduped)

    # -- the record ----------------------------------------------------------------------

    def article_key(self) -> str | None:
        """A site-given article identity shared by all its URLs; None when the URL is it."""
        return None

    def extract(self) -> Article:
        title = self.title()
        if not title:
            raise NotAnArticle(
                "no_title", f"{self.NAME}: title selector {self.TITLE!r} found nothing"
            )
        images = self.images()  # before body(): body_nodes() removes figures and captions
        body = self.body()
        if not body:
            raise NotAnArticle("empty_body", f"{self.NAME}: no text under {self.BODY!r}")
        return Article(
            url=self.url,
            canonical_url=self.canonical_url(),
            title=title,
            subtitle=self.subtitle(),
            body=body,
            published_at=self.in_source_zone(self.published_at()),
            updated_at=self.in_source_zone(self.updated_at()),
            authors=self.authors(),
            editor_note=self.editor_note_text,
            images=images,
            tags=self.tags(),
            language=self.language(),
            profile=self.NAME,
            article_key=self.article_key(),
        )


def _flatten(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [obj for item in data for obj in _flatten(item)]
    if isinstance(data, dict):
        return [data, *_flatten(data.get("@graph", []))]
    return []
