"""The generic extractor's entry point: one parse (or the caller's), then walk, score, select.

1. walk the tree once into text blocks (`walk`), skipping markup that never holds article text;
2. score every block and pick the element holding the article (`score`);
3. keep the container's blocks that read like article text, trimmed at both ends (`select`);
   a short text is read again as a listing of teasers unless the page says it is one story: a
   publish date, one <time>, the title heading its box, or a post its blog engine, its
   microformats or its box names mark as the page's only one; and a list beside the box its
   title heads (a video's caption, its "More videos") never replaces the story;
4. read title, dates, authors, tags, language and images from metadata and the page (`fields`).

Nothing here changes the tree it is given: a tree parsed once can serve several extractors.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from records.article import GENERIC_PROFILE, Article, Block, Image, NotAnArticle
from records.urls import host_key, join_url, url_parts
from transforms.furniture import is_stand_in
from transforms.generic.fields import (
    pick_authors_with_source,
    pick_dates_with_sources,
    pick_subtitle,
)
from transforms.generic.score import (
    article_headed_by,
    choose_container,
    inside,
    other_story_box,
    text_key,
    titled_unit,
)
from transforms.generic.select import (
    dedupe_blocks,
    drop_alt_echo_captions,
    drop_own_address_lines,
    drop_repeated_runs,
    select_blocks,
)
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.generic.story import (
    headline_just_above,
    headline_over_text,
    marked_post,
    only_text_box,
    reads_as_one_story,
    set_under_title,
    story_box,
)
from transforms.generic.structured import structured_body_agrees
from transforms.generic.titles import pick_title_with_source, said_by_metadata, title_from_text
from transforms.generic.walk import (
    PageWalk,
    TextBlock,
    custom_elements_as_blocks,
    walk_page,
    weighed_length,
)
from transforms.metadata import (
    PageMetadata,
    linked_host,
    page_hosts,
    read_metadata,
    short_language,
)
from transforms.page import parse_html
from transforms.zones import page_zone

HtmlElement = lxml_html.HtmlElement


def extract_body(
    root: HtmlElement,
    url: str,
    title: str,
    relaxed: bool,
    listing: bool = False,
    options: ExtractionOptions = DEFAULT_OPTIONS,
    site_hosts: frozenset[str] = frozenset(),
    walk_named: bool = True,
) -> tuple[list[Block], PageWalk, HtmlElement | None, float, float]:
    """The body read from `root`: its blocks, the walk, the container and its prose and the
    page's; `site_hosts` are the hosts of the page's own site, as `host_key` gives them. A
    listing walks elements named like teaser parts unless `walk_named` is off."""
    page = walk_page(root, url, relaxed, listing and walk_named, options)
    prose: dict[HtmlElement, float] = {}
    container, container_prose, page_prose = choose_container(page.blocks, prose, listing, options)
    if container is None:
        return [], page, None, 0.0, 0.0
    if options.title_article_wins and not listing:
        headed = article_headed_by(root, container, title)
        if headed is not None:
            # an endless-scroll page: the next stories follow the page's own, each an article
            inner = [block for block in page.blocks if inside(block.element, headed)]
            found, found_prose, prose = _best_of(inner, listing, options)
            if found is not None and found_prose > 0:
                container, container_prose = found, found_prose
    if (options.titled_unit_wins or options.titled_box_wins) and not listing:
        unit, among_kin = titled_unit(container, title, options.story_headings_read)
        wanted = options.titled_unit_min_share if among_kin else options.titled_box_min_share
        if unit is not None and (
            options.titled_unit_wins if among_kin else options.titled_box_wins
        ):
            # the post the title heads of those a blog page lists whole; or the story's own
            # box, when the other headed boxes a climb brought in hold little of the text
            found, found_prose, unit_prose = _best_of(
                [block for block in page.blocks if inside(block.element, unit)], listing, options
            )
            if found is not None and found_prose >= wanted * container_prose:
                container, container_prose, prose = found, found_prose, unit_prose
    blocks = page.blocks
    if options.other_story_left and not listing:
        other = other_story_box(root, container, title, options.story_headings_read)
        if other is not None:
            # the text chosen is a story appended after the page's own: the one under the
            # page's headline, when it holds a fair share of the text
            rest = [block for block in page.blocks if not inside(block.element, other)]
            found, found_prose, rest_prose = _best_of(rest, listing, options)
            if (
                found is not None
                and found_prose >= options.other_story_min_share * container_prose
                and headline_just_above(root, found, title, url, options, min_words=1)
            ):
                container, container_prose, prose, blocks = found, found_prose, rest_prose, rest
    body = dedupe_blocks(
        select_blocks(blocks, container, title, prose, options, page.base_url, site_hosts, listing)
    )
    return body, page, container, container_prose, page_prose


def _best_of(
    blocks: list[TextBlock], listing: bool, options: ExtractionOptions
) -> tuple[HtmlElement | None, float, dict[HtmlElement, float]]:
    """The container chosen among `blocks` alone, its prose and the prose map it was scored by."""
    prose: dict[HtmlElement, float] = {}
    found, found_prose, _ = choose_container(blocks, prose, listing, options)
    return found, found_prose, prose


def confidence_of(
    body: list[Block],
    container_prose: float,
    page_prose: float,
    title_in_page: bool,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> float:
    chars = sum(len(block.text) for block in body)
    paragraphs = sum(1 for block in body if block.kind == "paragraph")
    dominance = container_prose / page_prose if page_prose > 0 else 0.0
    size = min(1.0, chars / options.confidence_full_size_chars)
    count = min(1.0, paragraphs / options.confidence_full_paragraphs)
    score = (
        options.confidence_dominance_weight * dominance
        + options.confidence_size_weight * size
        + options.confidence_paragraphs_weight * count
        + options.confidence_title_weight * float(title_in_page)
    )
    return round(max(0.0, min(1.0, score)), 3)


def lead_image(meta: PageMetadata, url: str) -> tuple[Image, ...]:
    """The picture the page names as its own (`og:image`, `twitter:image`), when the text
    holds none: most news templates set the lead picture above the headline, outside it."""
    src = (
        meta.meta.get("og:image") or meta.meta.get("og:image:url") or meta.meta.get("twitter:image")
    )
    if not src or not src.strip() or src.startswith("data:") or is_stand_in(src):
        return ()  # WordPress.com's default "blank.jpg" is no picture of the story
    alt = meta.meta.get("og:image:alt") or meta.meta.get("twitter:image:alt")
    absolute = join_url(url, src.strip())
    return (Image(absolute, alt=alt),) if absolute else ()


def shown_lead_picture(
    meta: PageMetadata, page: PageWalk, container: HtmlElement, base_url: str
) -> tuple[Image, ...]:
    """The picture set above the text, outside its box (a hero figure under the headline), when
    og:image names it: the text's pictures are the box's, and the lead is the page's own.
    Another crop of it ("…-1445x790.jpg" beside "…-1412x772.jpg") is the same picture."""
    named = meta.meta.get("og:image") or meta.meta.get("twitter:image")
    absolute = join_url(base_url, named.strip()) if named else None
    key = picture_key(absolute) if absolute else None
    if not key:
        return ()
    lead: tuple[Image, ...] = ()
    text_reached = False
    for found in page.images:
        if picture_key(found.image.src) != key:
            text_reached = text_reached or inside(found.element, container)
        elif inside(found.element, container):
            return ()  # the text holds it
        elif not text_reached and not lead:
            lead = (found.image,)
    return lead


PICTURE_SIZE = re.compile(r"[-_@]?(?:\d{2,5}x\d{2,5}|scaled|\d{2,5}w)(?=[-_.@]|$)", re.IGNORECASE)


def picture_key(src: str) -> str:
    """A picture's file name without its extension and size marks: one key for its crops."""
    name = unquote(url_parts(src).path).rsplit("/", 1)[-1].lower()
    name = name.rsplit(".", 1)[0] if "." in name else name
    return PICTURE_SIZE.sub("", name)


def body_text(blocks: list[Block]) -> str:
    return "\n".join(block.text for block in blocks)


# title sources that may name the site rather than the story: the page's own markup, no metadata
SITE_TITLE_SOURCES = frozenset({"title", "h1", "text"})
NO_TITLE = "no og:title, JSON-LD headline, h1, <title> or headline-long h2 or h3"


def prose_words(blocks: Iterable[Block], options: ExtractionOptions = DEFAULT_OPTIONS) -> int:
    """The words of the blocks long enough to be prose (`prose_block_words`), not a menu's."""
    counts = (len(block.text.split()) for block in blocks)
    return sum(count for count in counts if count >= options.prose_block_words)


def _chars(blocks: list[Block]) -> int:
    return sum(len(block.text) for block in blocks)


def _teaser_chars(page: PageWalk, container: HtmlElement | None, options: ExtractionOptions) -> int:
    """The listing reading's length without its menu items: a short story's page read as a
    listing gains its site menus ("Local News", "Weather"), a listing gains teasers."""
    if container is None:
        return 0
    return sum(
        len(block.text)
        for block in page.blocks
        if block.text
        and inside(block.element, container)
        and (
            len(block.text.split()) > options.menu_item_max_words
            or block.link_chars < options.menu_item_min_link_share * len(block.text)
        )
    )


def _read_beside(
    listing: PageWalk, listing_box: HtmlElement | None, box: HtmlElement | None
) -> bool:
    """Whether the listing reading's text lies more beside the box read first than in it: the
    page's rails, not the story's own lists (a changelog, "Previous episodes") that the first
    reading left out."""
    if listing_box is None or box is None:
        return False
    within = beside = 0
    for block in listing.blocks:
        if block.text and inside(block.element, listing_box):
            if inside(block.element, box):
                within += len(block.text)
            else:
                beside += len(block.text)
    return beside > within


def _weighed_chars(blocks: list[Block], options: ExtractionOptions) -> float:
    return sum(weighed_length(block.text, options) for block in blocks)


def extract_generic(
    html_or_tree: str | HtmlElement,
    url: str,
    *,
    default_timezone: str | None = None,
    metadata: PageMetadata | None = None,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> Article:
    """Extract an Article from any news page; raises NotAnArticle when there is none.

    `html_or_tree` is the page's HTML or its already-parsed lxml root (left unchanged);
    `metadata` is the page's metadata when the caller has read it already; `options` holds
    every tunable (`transforms.generic.settings.ExtractionOptions`). `default_timezone` places
    the dates the page gives without an offset (UTC when None), but for the clocks a page
    without one shows: those are in the page's own zone (`transforms.zones`).
    `Article.field_sources` says where the title, body, dates and authors came from.
    """
    owned = isinstance(html_or_tree, str)
    root = parse_html(html_or_tree) if owned else html_or_tree
    if options.custom_elements_as_blocks:
        root = custom_elements_as_blocks(root, owned=owned)
    meta = metadata if metadata is not None else read_metadata(root, url)
    if options.linked_host_names_site and not page_hosts(meta, url, stated=True):
        # fetched from an IP address, naming no address of its own: its links name its site
        found = linked_host(
            root,
            url,
            min_links=options.linked_host_min_links,
            min_lead=options.linked_host_min_lead,
        )
        meta = replace(meta, linked_host=found)
    sources: dict[str, str] = {}
    base = meta.base_url or url  # relative image addresses resolve against <base href>
    own_hosts = frozenset(
        host_key(host)
        for host in (
            urlsplit(base).hostname,
            *page_hosts(meta, url, stated=options.canonical_url_names_page),
        )
        if host
    )
    title, title_source = pick_title_with_source(meta, root, url, options)
    untitled = not title
    if untitled and not options.untitled_text_lands:
        raise NotAnArticle("no_title", NO_TITLE)
    title = title or ""
    sources["title"] = title_source or "metadata"

    body, page, container, container_prose, page_prose = extract_body(
        root, base, title, False, options=options, site_hosts=own_hosts
    )
    if _chars(body) < options.fallback_min_chars:
        # the last-resort walk, through boilerplate too, for a text too short to be an article;
        # a text set under the title's own h1 or h2 gives way only to an article-long one (not
        # a three-line post to the tweet in its sidebar)
        relaxed = extract_body(root, base, title, True, options=options, site_hosts=own_hosts)
        if _chars(relaxed[0]) > _chars(body) and (
            not options.relaxed_keeps_headed_text
            or _chars(relaxed[0]) >= options.relaxed_over_headed_min_chars
            or not set_under_title(container, title, options)
        ):
            body, page, container, container_prose, page_prose = relaxed
    if options.text_box_read_alone and container is not None:
        box = only_text_box(root)
        if (
            box is not None
            and not inside(container, box)
            and not inside(box, container)
            # the walk reads the box: it sits in no comment thread, sidebar or hidden layer
            and any(inside(block.element, box) for block in page.blocks if block.text)
        ):
            alone = extract_body(
                box,
                base,
                title,
                False,
                listing=True,
                options=options,
                site_hosts=own_hosts,
                walk_named=not options.text_box_alone_skips_named,
            )
            if _chars(alone[0]) >= max(
                options.min_body_chars, options.text_box_min_share * _chars(body)
            ):
                body, page, container, container_prose, page_prose = alone
    # a short text on a page that is one story stays; on any other page, a text shorter than
    # `listing_trigger_chars` (and no fuller text in its JSON-LD) is tried as a listing
    longest = max(_weighed_chars(body, options), len(meta.article_body or ""))
    if (
        options.listing_fallback
        and longest < max(options.listing_trigger_chars, options.listing_article_trigger_chars)
        and longest
        < (
            options.listing_article_trigger_chars
            if reads_as_one_story(
                meta, root, container, title, container_prose, page_prose, options
            )
            else options.listing_trigger_chars
        )
    ):
        # little prose: an index or section page, whose content is the list of teasers
        listing = extract_body(
            root, base, title, False, listing=True, options=options, site_hosts=own_hosts
        )
        wanted = options.listing_min_gain * _chars(body)
        gains = _chars(listing[0]) > wanted
        # what the short text holds is a story (not a copyright line under a home page's
        # menus): the listing reading must gain more than menus to replace it
        if gains and options.listing_gain_skips_menus:
            gains = (
                _chars(body) < options.listing_story_min_chars
                or _teaser_chars(listing[1], listing[2], options) > wanted
            )
        read_in_post = False
        if options.marked_post_read_alone and listing[2] is not None:
            post = marked_post(root)
            if post is not None and not inside(listing[2], post):
                alone = extract_body(
                    post, base, title, False, listing=True, options=options, site_hosts=own_hosts
                )
                # a text read outside the post (a sidebar's) is no story to keep
                outside = container is None or not inside(container, post)
                if _chars(alone[0]) >= (options.min_body_chars if outside else wanted):
                    listing, gains, read_in_post = alone, True, True
                elif body:
                    gains = False  # a listing outside the page's only post is its sidebar
        if gains and options.headed_story_stays and body and listing[2] is not None:
            # a list beside the story's box (a sidebar, "More videos") is other stories
            box = story_box(container, title, container_prose, page_prose, options)
            gains = box is None or inside(box, listing[2]) or inside(listing[2], box)
        if (
            gains
            and options.headline_story_stays
            and not read_in_post
            and len(body) >= options.headline_story_min_lines
            and _chars(body) >= options.headline_story_min_chars
            and headline_just_above(root, container, title, base, options)
            and _read_beside(listing[1], listing[2], container)
        ):
            gains = False  # the story under its headline; the page's rails are other stories
        if gains:
            body, page, container, container_prose, page_prose = listing
    sources["body"] = "dom"
    if (
        meta.article_body
        and len(meta.article_body) > options.article_body_preferred_ratio * _chars(body)
        and (
            not options.check_structured_body
            or structured_body_agrees(meta.article_body, body_text(body), options)
        )
    ):
        # the page ships its full text in JSON-LD while the HTML shows a part of it
        body = dedupe_blocks(
            [Block(line) for line in meta.article_body.split("\n") if line.strip()]
        )
        container_prose = page_prose = float(len(meta.article_body))
        sources["body"] = "json-ld"
    if (
        options.alt_echo_captions_skipped
        and sources["body"] == "dom"
        and container is not None
        and not page.listing  # a teaser's headline says what its thumbnail's alt says
    ):
        body = drop_alt_echo_captions(body, page, container, options)
    if options.repeated_runs_dropped and sources["body"] == "dom":
        body = drop_repeated_runs(body, options)
    if options.own_address_lines_dropped and sources["body"] == "dom":
        body = drop_own_address_lines(body, root, (url, base, meta.canonical_url))
    if _chars(body) < options.min_body_chars:
        raise NotAnArticle("empty_body", "no article text found")

    title_key = text_key(title)
    title_in_page = any(title_key and title_key in text_key(b.text) for b in page.blocks[:200])
    confidence = confidence_of(body, container_prose, page_prose, title_in_page, options)
    if confidence < options.min_confidence:
        raise NotAnArticle("low_confidence", f"confidence {confidence}")

    if untitled:
        # the page names no title: only a text that reads as an article lands, titled from
        # its address or its lede
        if (
            confidence < options.generic_min_confidence
            or prose_words(body, options) < options.generic_min_words
        ):
            raise NotAnArticle("no_title", NO_TITLE)
        title = title_from_text(url, [block.text for block in body], options)
        sources["title"] = "text"
    if (
        options.headline_over_text
        and sources["body"] == "dom"
        and sources["title"] in SITE_TITLE_SOURCES
        # the share card's or the structured data's headline too: the story's, not the site's
        and not (options.metadata_headline_stays and said_by_metadata(title, meta))
        # shown nowhere before the text's end: a site's or a section's name
        and not headline_just_above(
            root, container, title, base, options, min_words=1, gap_chars=sys.maxsize
        )
    ):
        # a title read from the text's lede speaks of the text by its making: no rival
        named = "" if sources["title"] == "text" else title
        headline = headline_over_text(
            root, container, [block.text for block in body], named, base, options
        )
        if headline:
            title, sources["title"] = headline, "headline"

    # read only when a clock shown without an offset is the page's date, and once
    clock_zone = (
        functools.cache(functools.partial(page_zone, root, url, meta.language))
        if default_timezone is None and options.page_zone_inferred
        else None
    )
    published, updated, date_sources = pick_dates_with_sources(
        meta, root, container, url, default_timezone or "UTC", options, title, clock_zone
    )
    sources.update(date_sources)
    authors, authors_source = pick_authors_with_source(meta, root, url, options, container)
    if authors_source:
        sources["authors"] = authors_source
    images = tuple(
        found.image
        for found in page.images
        if container is not None and inside(found.element, container)
    )
    if images and options.lead_picture_shown and container is not None:
        images = shown_lead_picture(meta, page, container, base) + images
    if not images and options.lead_image_from_metadata:
        images = lead_image(meta, base)
    return Article(
        url=url,
        canonical_url=meta.canonical_url or url,
        title=title,
        subtitle=pick_subtitle(meta, body, title),
        body=tuple(body),
        published_at=published,
        updated_at=updated,
        authors=authors,
        images=images,
        tags=meta.tags,
        language=short_language(meta.language),
        profile=GENERIC_PROFILE,
        confidence=confidence,
        field_sources=tuple(sorted(sources.items())),
    )
