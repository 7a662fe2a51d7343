"""Field-level fallback: every field from the best source that has it, never a thrown-away page.

For each field the order is: the profile version the page's evidence chose, the site's other
versions, then the page itself (label lines, JSON-LD / OpenGraph / `<meta>`, `<time>`, the URL)
and the generic extractor; `htmldate` is the last resort for the date. `Article.field_sources`
records which source served each field, `Article.profile_misses` the fields the chosen version's
own selectors missed (the per-run profile-miss rate is computed from these). Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from records.article import (
    GENERIC_PROFILE,
    TEMPLATE_ANCHORS,
    Article,
    Block,
    Image,
    NotAnArticle,
)
from records.urls import join_url
from transforms.dates import (
    date_by_htmldate,
    date_from_url,
    first_bare_date,
    labelled_dates,
    parse_datetime,
)
from transforms.furniture import clean_body, credit_parts, is_credit_line, strip_site_name
from transforms.generic.core import prose_words
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.metadata import short_language
from transforms.normalize import normalize_text
from transforms.page import Page, element_text
from transforms.pagination import continuation_urls
from transforms.profiles.base import ProfileVersion, images_of
from transforms.profiles.registry import SiteProfile

T = TypeVar("T")
NON_WORD = re.compile(r"[\W_]+")
METADATA = "metadata"
LABELS = "labels"
URL = "url"
HTMLDATE = "htmldate"
# The thresholds of the hand-over to the generic extractor (generic_body_gain, ...) are
# fields of `ExtractionOptions`, with every other tunable of extraction.
SHINGLE = 4
SENTENCE_END = re.compile(r"[.!?。！？]\s*$")
SAME_MOMENT = timedelta(minutes=1)  # "Updated: 09:41" beside a 09:41:33 publication is no update
SELECTOR_OF = {"updated_at": "UPDATED", "authors": "AUTHOR", "subtitle": "SUBTITLE", "tags": "TAGS"}


class FieldPicker:
    """Tries each source for a field in order and remembers which one served it."""

    def __init__(self, versions: list[ProfileVersion]) -> None:
        self.versions = versions
        self.sources: dict[str, str] = {}
        self.misses: list[str] = []

    def from_versions(self, field: str, read: Callable[[ProfileVersion], T]) -> T | None:
        for index, version in enumerate(self.versions):
            value = read(version)
            if value:
                self.sources[field] = version.NAME
                return value
            if index == 0 and self.expects(field):
                self.misses.append(field)
        return None

    def expects(self, field: str) -> bool:
        """Whether the chosen version's template has this field (a miss is then drift)."""
        if field in TEMPLATE_ANCHORS:
            return True
        selector = SELECTOR_OF.get(field)
        return bool(selector and getattr(self.versions[0], selector, None))

    def served(self, field: str, source: str, value: T) -> T:
        if value:
            self.sources[field] = source
        return value


def extract_with_profile(
    page: Page,
    site: SiteProfile,
    *,
    default_timezone: str,
    on=None,
    generic: Callable[[Page, str], Article] | None = None,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> Article:
    """The article on `page`, field by field (see the module docstring)."""
    chosen, confidence = site.choose_version(page, on=on)
    versions = [chosen(page, default_timezone)] + [
        version(page, default_timezone) for version in site.versions if version is not chosen
    ]
    pick = FieldPicker(versions)
    generic_article = _LazyGeneric(page, default_timezone, generic, options)
    primary = versions[0]

    # images first: their captions are not body text wherever the body comes from
    images = pick.from_versions("images", lambda v: v.images()) or ()
    raw_blocks = pick.from_versions("body", lambda v: v.body_blocks()) or []
    cleaned = clean_body(
        raw_blocks,
        captions=[image.caption for image in images if image.caption],
        extra_furniture=primary.BOILERPLATE_LINES,
        body_end=primary.BODY_END,
    )
    body_source = pick.sources.get("body")
    if _should_ask_generic(page, cleaned.blocks, options):
        found = generic_article.get()
        if found is not None:
            generic_images = _images_on_page(page, found.images, primary)
            all_images = tuple({i.src: i for i in (*generic_images, *images)}.values())
            # compared as it would be stored: furniture out, the standfirst left to `subtitle`
            standfirst = _key(primary.subtitle() or "")
            generic_cleaned = clean_body(
                [block for block in found.body if not standfirst or _key(block.text) != standfirst],
                captions=[i.caption for i in all_images if i.caption],
                extra_furniture=primary.BOILERPLATE_LINES,
                body_end=primary.BODY_END,
                title=found.title,
            )
            if _generic_is_better(generic_cleaned.blocks, cleaned.blocks, options):
                images, cleaned = all_images, generic_cleaned
                body_source = GENERIC_PROFILE
                pick.sources["images"] = pick.sources.get("images", GENERIC_PROFILE)
                if "body" not in pick.misses:
                    pick.misses.append("body")
    if not cleaned.blocks:
        raise NotAnArticle("empty_body", f"{primary.NAME}: no text under {primary.BODY!r}")
    pick.sources["body"] = body_source or GENERIC_PROFILE

    title = _title(page, pick, generic_article)
    if not title:
        raise NotAnArticle("no_title", f"{primary.NAME}: no title selector, heading or <title>")

    published, updated = _dates(page, pick, default_timezone)
    meta = page.metadata
    authors = pick.from_versions("authors", lambda v: v.authors()) or pick.served(
        "authors", METADATA, meta.authors
    )
    credits = tuple(
        dict.fromkeys(
            [*(pick.from_versions("credits", lambda v: v.credits()) or ()), *cleaned.credits]
        )
    )
    # the label lines went with the body selector
    if not credits and body_source == GENERIC_PROFILE:
        lines = [line for line in page.lines if is_credit_line(line)]
        credits = pick.served(
            "credits", LABELS, tuple(dict.fromkeys(p for line in lines for p in credit_parts(line)))
        )
    editor_note = pick.from_versions("editor_note", lambda v: v.editor_note()) or (
        cleaned.editor_note
    )
    if cleaned.editor_note and "editor_note" not in pick.sources:
        pick.sources["editor_note"] = pick.sources["body"]
    language = pick.from_versions("language", lambda v: v.language()) or pick.served(
        "language", METADATA, short_language(meta.language)
    )
    return Article(
        url=page.url,
        canonical_url=primary.canonical_url() or meta.canonical_url or page.url,
        title=title,
        subtitle=pick.from_versions("subtitle", lambda v: v.subtitle()),
        body=tuple(cleaned.blocks),
        published_at=published,
        updated_at=updated,
        authors=tuple(authors or ()),
        editor_note=editor_note,
        images=tuple(images),
        tags=tuple(pick.from_versions("tags", lambda v: v.tags()) or ()),
        language=language,
        profile=primary.NAME,
        article_key=primary.article_key(),
        confidence=round(confidence, 3),
        credits=credits,
        field_sources=tuple(sorted(pick.sources.items())),
        profile_misses=tuple(pick.misses),
        continuation_urls=continuation_urls(page),
    )


class _LazyGeneric:
    """The generic extractor's article, computed at most once and only when asked for."""

    def __init__(
        self,
        page: Page,
        timezone: str,
        run: Callable[[Page, str], Article] | None,
        options: ExtractionOptions,
    ) -> None:
        self.page, self.timezone, self.run, self.options = page, timezone, run, options
        self.done = False
        self.article: Article | None = None

    def get(self) -> Article | None:
        if not self.done and self.run is not None:
            self.done = True
            try:
                found = self.run(self.page, self.timezone)
            except NotAnArticle:
                found = None
            if found is not None and (
                found.confidence >= self.options.generic_min_confidence
                and prose_words(found.body, self.options) >= self.options.generic_min_words
            ):
                self.article = found
        return self.article


def _should_ask_generic(page: Page, blocks: list[Block], options: ExtractionOptions) -> bool:
    """No body, or a fair amount of prose outside the profile's body container: long blocks,
    or sentences (a body pasted as one short line per sentence is prose too)."""
    if not blocks:
        return True
    body_words = sum(len(block.text.split()) for block in blocks)
    prose_body_words = sum(_prose_words(block.text, options) for block in blocks)
    page_words = 0
    for node in page.tree.iter("p", "div", "td"):
        text = node.text_content() if node.tag == "p" else node.text
        page_words += _prose_words(text or "", options)
    return page_words - prose_body_words >= options.outside_prose_share * body_words


def _prose_words(text: str, options: ExtractionOptions) -> int:
    """The words of `text` when it reads as prose: a long block, or a sentence."""
    words = len(text.split())
    if words >= options.outside_prose_min_words:
        return words
    sentence = words >= options.outside_sentence_min_words and SENTENCE_END.search(text)
    return words if sentence else 0


def _shingles(texts: Iterable[str]) -> Counter:
    words = " ".join(texts).casefold().split()
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 0)))


def _generic_is_better(
    generic_body: Iterable[Block], profile_body: list[Block], options: ExtractionOptions
) -> bool:
    generic_texts = [block.text for block in generic_body]
    if not profile_body:
        return bool(generic_texts)
    ours, theirs = _shingles(b.text for b in profile_body), _shingles(generic_texts)
    if sum(theirs.values()) < options.generic_body_gain * sum(ours.values()):
        return False
    contained = sum((ours & theirs).values()) / max(sum(ours.values()), 1)
    return contained >= options.generic_body_contains


def _images_on_page(
    page: Page, images: Iterable[Image], version: ProfileVersion
) -> tuple[Image, ...]:
    """The generic extractor's images, captioned the way the profile captions them."""
    wanted = {image.src for image in images}
    nodes = [
        img
        for img in page.tree.iter("img")
        if img.get("src") and join_url(version.page.base_url, img.get("src").strip()) in wanted
    ]
    return images_of(nodes, version) if nodes else tuple(images)


def _title(page: Page, pick: FieldPicker, generic_article: _LazyGeneric) -> str | None:
    """A selector's title when the page's own title agrees with it, else the page's title."""
    site_names = [*pick.versions[0].SITE_NAMES, page.metadata.site_name or ""]
    document_titles = [
        strip_site_name(t, site_names) for t in (page.metadata.title, page.metadata.headline) if t
    ]
    document_keys = [_key(t) for t in document_titles if _key(t)]

    def agrees(candidate: str) -> bool:
        key = _key(candidate)
        return bool(key) and (
            not document_keys or any(key in doc or doc in key for doc in document_keys)
        )

    for index, version in enumerate(pick.versions):
        candidate = version.title()
        if candidate and agrees(strip_site_name(candidate, site_names)):
            pick.sources["title"] = version.NAME
            return strip_site_name(candidate, site_names)
        if index == 0:
            pick.misses.append("title")
    for heading in page.tree.iter("h1", "h2"):
        text = element_text(heading)
        if text and document_keys and agrees(text) and len(text.split()) >= 2:
            return pick.served("title", "heading", strip_site_name(text, site_names))
    if document_titles:
        return pick.served("title", METADATA, document_titles[0])
    found = generic_article.get()
    return pick.served("title", GENERIC_PROFILE, found.title) if found else None


def _key(text: str) -> str:
    return " ".join(NON_WORD.sub(" ", normalize_text(text).casefold()).split())


def _dates(page: Page, pick: FieldPicker, timezone: str) -> tuple[datetime | None, datetime | None]:
    zone = ZoneInfo(timezone)
    url_day = date_from_url(page.url, timezone)
    published = pick.from_versions("published_at", lambda v: v.published_at())
    labelled_published = labelled_updated = None
    if published is None:
        labelled_published, labelled_updated = labelled_dates(
            page.lines, timezone, day_hint=url_day.date() if url_day else None
        )
    if published is None:
        meta = page.metadata
        for source, value in (
            (LABELS, labelled_published),
            (METADATA, parse_datetime(meta.published, timezone)),
            ("time", _time_element(page, timezone)),
            (LABELS, labelled_updated),
            (LABELS, first_bare_date(page.lines, timezone)),
            (URL, url_day),
        ):
            if value is not None:
                published = pick.served("published_at", source, value)
                break
    if published is None:
        published = pick.served(
            "published_at", HTMLDATE, date_by_htmldate(page.html, page.url, timezone)
        )
    updated = pick.from_versions("updated_at", lambda v: v.updated_at())
    if updated is None:
        modified = parse_datetime(page.metadata.modified, timezone)
        if modified is not None:
            updated = pick.served("updated_at", METADATA, modified)
        elif labelled_updated is not None and (
            published is None or labelled_updated - published > SAME_MOMENT
        ):
            updated = pick.served("updated_at", LABELS, labelled_updated)
    return (
        published.astimezone(zone) if published else None,
        updated.astimezone(zone) if updated else None,
    )


def _time_element(page: Page, timezone: str) -> datetime | None:
    for node in page.tree.iter("time"):
        stamp = parse_datetime(node.get("datetime") or element_text(node), timezone)
        if stamp is not None:
            return stamp
    return None
