"""Base class for per-site profiles: selectors as class constants, one short method per field."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import ClassVar
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from transforms.dates import date_from_url, parse_datetime
from transforms.normalize import collapse_repeated_span, dedupe_paragraphs, normalize_text
from transforms.records import Article, Block, Image, NotAnArticle

IMAGE_FILE_NAME = re.compile(r"^[\w\-.]+\.(?:png|jpe?g|gif|webp|bmp|svg)$", re.IGNORECASE)
PAGINATION_DIGITS = re.compile(r"^(?:\d{1,3}\s*)+$")


class ProfileVersion:
    """One version of a site's template. Subclasses override selectors and, rarely, methods."""

    NAME: ClassVar[str] = ""
    VALID_UNTIL: ClassVar[date | None] = None
    LANGUAGE: ClassVar[str | None] = None

    TITLE: ClassVar[str] = "h1"
    SUBTITLE: ClassVar[str | None] = None
    BODY: ClassVar[str] = "article"
    BODY_BLOCKS: ClassVar[str] = "p, h2, h3, h4"
    DATE: ClassVar[str | None] = None
    UPDATED: ClassVar[str | None] = None
    AUTHOR: ClassVar[str | None] = None
    TAGS: ClassVar[str | None] = None
    FIGURE: ClassVar[str | None] = "figure"
    FIGURE_CAPTION: ClassVar[str | None] = "figcaption"
    CREDIT: ClassVar[str | None] = None
    EXCLUDE: ClassVar[tuple[str, ...]] = ()
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

    # -- helpers -------------------------------------------------------------------------

    def text_of(self, selector: str | None) -> str | None:
        if not selector:
            return None
        node = self.soup.select_one(selector)
        if node is None:
            return None
        return normalize_text(node.get_text(" ")) or None

    def meta(self, name: str) -> str | None:
        node = self.soup.find("meta", attrs={"property": name}) or self.soup.find(
            "meta", attrs={"name": name}
        )
        content = node.get("content") if isinstance(node, Tag) else None
        return normalize_text(content) if isinstance(content, str) and content.strip() else None

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
            parse_datetime(self.text_of(self.DATE), self.default_timezone)
            or parse_datetime(self.meta("article:published_time"), self.default_timezone)
            or date_from_url(self.url, self.default_timezone)
        )

    def updated_at(self) -> datetime | None:
        return parse_datetime(self.text_of(self.UPDATED), self.default_timezone)

    def authors(self) -> tuple[str, ...]:
        text = self.text_of(self.AUTHOR)
        if not text:
            return ()
        text = self.AUTHOR_PREFIX.sub("", text)
        names = re.split(r"\s*(?:,|;|\band\b|&)\s*", text)
        return tuple(name for name in (normalize_text(n) for n in names) if name)

    def tags(self) -> tuple[str, ...]:
        if not self.TAGS:
            return ()
        return tuple(
            dict.fromkeys(
                normalize_text(node.get_text(" ")) for node in self.soup.select(self.TAGS)
            )
        )

    def language(self) -> str | None:
        html = self.soup.find("html")
        lang = html.get("lang") if isinstance(html, Tag) else None
        if isinstance(lang, str) and lang.strip():
            return lang.strip().split("-")[0].lower()
        return self.LANGUAGE

    def canonical_url(self) -> str:
        link = self.soup.find("link", rel="canonical")
        href = link.get("href") if isinstance(link, Tag) else None
        if isinstance(href, str) and href.strip():
            return urljoin(self.url, href.strip())
        return self.meta("og:url") or self.url

    def images(self) -> tuple[Image, ...]:
        if self.body_root is None:
            return ()
        images: list[Image] = []
        for img in self.body_root.find_all("img"):
            src = img.get("src")
            if not isinstance(src, str) or not src.strip():
                continue
            alt = img.get("alt")
            alt_text = normalize_text(alt) if isinstance(alt, str) else None
            if alt_text and IMAGE_FILE_NAME.match(alt_text):
                alt_text = None
            caption, credit = self.caption_for(img)
            images.append(Image(urljoin(self.url, src.strip()), caption, credit, alt_text or None))
        return tuple(images)

    def caption_for(self, img: Tag) -> tuple[str | None, str | None]:
        figure = img.find_parent("figure")
        if figure is not None and self.FIGURE_CAPTION:
            caption = figure.select_one(self.FIGURE_CAPTION)
            if caption is not None:
                return self.split_credit(normalize_text(caption.get_text(" ")))
        return None, None

    def split_credit(self, caption: str) -> tuple[str | None, str | None]:
        match = re.search(
            r"\s*[\[(](?:photo|image|credit|photograph)\s*[/:]?\s*([^\])]*)[\])]\s*$", caption, re.I
        )
        if match:
            credit = match.group(1).strip() or None
            caption = caption[: match.start()].strip()
        else:
            credit = None
        return caption or None, credit

    def is_boilerplate_text(self, text: str) -> bool:
        return bool(IMAGE_FILE_NAME.match(text) or PAGINATION_DIGITS.match(text))

    def body_nodes(self) -> list[Tag]:
        if self.body_root is None:
            return []
        for selector in self.EXCLUDE:
            for node in self.body_root.select(selector):
                node.decompose()
        for figure in self.body_root.select(self.FIGURE) if self.FIGURE else []:
            figure.decompose()
        return self.body_root.select(self.BODY_BLOCKS)

    def body(self) -> tuple[Block, ...]:
        blocks: list[Block] = []
        for node in self.body_nodes():
            if node.find_parent(["p", "li"]) is not None and node.name in ("p",):
                continue
            text = collapse_repeated_span(normalize_text(node.get_text(" ")))
            if not text or self.is_boilerplate_text(text):
                continue
            if self.EDITOR_NOTE_PREFIX is not None and not blocks and self.editor_note_text is None:
                match = self.EDITOR_NOTE_PREFIX.match(text)
                if match:
                    self.editor_note_text = text[match.end() :].strip() or None
                    continue
            kind = "heading" if node.name in ("h2", "h3", "h4", "h5", "h6") else "paragraph"
            blocks.append(Block(text, kind))
        kept = iter(dedupe_paragraphs([block.text for block in blocks]))
        next_kept = next(kept, None)
        deduped: list[Block] = []
        for block in blocks:
            if block.text == next_kept:
                deduped.append(block)
                next_kept = next(kept, None)
        return tuple(deduped)

    # -- the record ----------------------------------------------------------------------

    def extract(self) -> Article:
        title = self.title()
        if not title:
            raise NotAnArticle(
                "no_title", f"{self.NAME}: title selector {self.TITLE!r} found nothing"
            )
        images = self.images()
        body = self.body()
        if not body:
            raise NotAnArticle("empty_body", f"{self.NAME}: no text under {self.BODY!r}")
        return Article(
            url=self.url,
            canonical_url=self.canonical_url(),
            title=title,
            subtitle=self.subtitle(),
            body=body,
            published_at=self.published_at(),
            updated_at=self.updated_at(),
            authors=self.authors(),
            editor_note=self.editor_note_text,
            images=images,
            tags=self.tags(),
            language=self.language(),
            profile=self.NAME,
        )
