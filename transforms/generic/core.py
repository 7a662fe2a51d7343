"""The generic extractor's entry point: one parse (or the caller's), then walk, score, select.

1. walk the tree once into text blocks (`walk`), skipping markup that never holds article text;
2. score every block and pick the element holding the article (`score`);
3. keep the container's blocks that read like article text, trimmed at both ends (`select`);
4. read title, dates, authors, tags, language and images from metadata and the page (`fields`).

Nothing here changes the tree it is given: a tree parsed once can serve several extractors.
"""

from __future__ import annotations

from lxml import html as lxml_html

from records.article import Article, Block, NotAnArticle
from transforms.generic import settings
from transforms.generic.fields import pick_authors, pick_dates, pick_subtitle, pick_title
from transforms.generic.score import choose_container, inside
from transforms.generic.select import dedupe_blocks, select_blocks, text_key
from transforms.generic.walk import PageWalk, walk_page
from transforms.metadata import PageMetadata, read_metadata, short_language
from transforms.page import parse_html

HtmlElement = lxml_html.HtmlElement


def extract_body(
    root: HtmlElement, url: str, title: str, relaxed: bool, listing: bool = False
) -> tuple[list[Block], PageWalk, HtmlElement | None, float, float]:
    page = walk_page(root, url, relaxed, listing)
    prose: dict[HtmlElement, float] = {}
    container, container_prose, page_prose = choose_container(page.blocks, prose, listing)
    if container is None:
        return [], page, None, 0.0, 0.0
    body = dedupe_blocks(select_blocks(page.blocks, container, title, prose))
    return body, page, container, container_prose, page_prose


def declares_article(meta: PageMetadata) -> bool:
    """Whether the page's metadata dates it as one article (a publish date).

    Index and section pages rarely carry one (og:type "article" alone does not count: site
    templates set it on every page), so a short body there is read as a listing sooner.
    """
    return bool(meta.published)


def confidence_of(
    body: list[Block], container_prose: float, page_prose: float, title_in_page: bool
) -> float:
    chars = sum(len(block.text) for block in body)
    paragraphs = sum(1 for block in body if block.kind == "paragraph")
    dominance = container_prose / page_prose if page_prose > 0 else 0.0
    size = min(1.0, chars / 1500)
    count = min(1.0, paragraphs / 4)
    score = 0.4 * dominance + 0.3 * size + 0.2 * count + 0.1 * float(title_in_page)
    return round(max(0.0, min(1.0, score)), 3)


def extract_generic(
    html_or_tree: str | HtmlElement,
    url: str,
    *,
    default_timezone: str = "UTC",
    metadata: PageMetadata | None = None,
) -> Article:
    """Extract an Article from any news page; raises NotAnArticle when there is none.

    `html_or_tree` is the page's HTML or its already-parsed lxml root (left unchanged);
    `metadata` is the page's metadata when the caller has read it already.
    """
    root = parse_html(html_or_tree) if isinstance(html_or_tree, str) else html_or_tree
    meta = metadata if metadata is not None else read_metadata(root, url)
    title = pick_title(meta, root)
    if not title:
        raise NotAnArticle("no_title", "no og:title, JSON-LD headline, h1 or <title>")

    body, page, container, container_prose, page_prose = extract_body(root, url, title, False)
    if sum(len(b.text) for b in body) < settings.FALLBACK_MIN_CHARS:
        relaxed = extract_body(root, url, title, True)
        if sum(len(b.text) for b in relaxed[0]) > sum(len(b.text) for b in body):
            body, page, container, container_prose, page_prose = relaxed
    trigger = (
        settings.LISTING_ARTICLE_TRIGGER_CHARS
        if declares_article(meta)
        else settings.LISTING_TRIGGER_CHARS
    )
    if settings.LISTING_FALLBACK and sum(len(b.text) for b in body) < trigger:
        # little prose: an index or section page, whose content is the list of teasers
        listing = extract_body(root, url, title, False, listing=True)
        chars = sum(len(b.text) for b in body)
        if sum(len(b.text) for b in listing[0]) > settings.LISTING_MIN_GAIN * chars:
            body, page, container, container_prose, page_prose = listing
    body_chars = sum(len(b.text) for b in body)
    if (
        meta.article_body
        and len(meta.article_body) > settings.ARTICLE_BODY_PREFERRED_RATIO * body_chars
    ):
        # the page ships its full text in JSON-LD while the HTML shows a part of it
        body = dedupe_blocks(
            [Block(line) for line in meta.article_body.split("\n") if line.strip()]
        )
        container_prose = page_prose = float(len(meta.article_body))
    if sum(len(b.text) for b in body) < settings.MIN_BODY_CHARS:
        raise NotAnArticle("empty_body", "no article text found")

    title_key = text_key(title)
    title_in_page = any(title_key and title_key in text_key(b.text) for b in page.blocks[:200])
    confidence = confidence_of(body, container_prose, page_prose, title_in_page)
    if confidence < settings.MIN_CONFIDENCE:
        raise NotAnArticle("low_confidence", f"confidence {confidence}")

    published, updated = pick_dates(meta, root, container, url, default_timezone)
    images = tuple(
        found.image
        for found in page.images
        if container is not None and inside(found.element, container)
    )
    return Article(
        url=url,
        canonical_url=meta.canonical_url or url,
        title=title,
        subtitle=pick_subtitle(meta, body, title),
        body=tuple(body),
        published_at=published,
        updated_at=updated,
        authors=pick_authors(meta, root),
        images=images,
        tags=meta.tags,
        language=short_language(meta.language),
        profile="generic",
        confidence=confidence,
    )
