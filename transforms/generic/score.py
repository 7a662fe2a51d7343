"""Scoring blocks and choosing the element that holds the article."""

from __future__ import annotations

import re
from itertools import islice

from lxml import html as lxml_html

from transforms.generic import settings
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.generic.walk import TextBlock

HtmlElement = lxml_html.HtmlElement


def is_reader_notice(text: str, options: ExtractionOptions = DEFAULT_OPTIONS) -> bool:
    """Whether `text` tells the reader about their browser ("best viewed in", "enable
    JavaScript") or is the site's cookie banner: no page's text, however long the notice."""
    return (
        options.browser_notices_dropped
        and len(text) <= options.browser_notice_max_chars
        and settings.BROWSER_NOTICE.match(text) is not None
    ) or is_cookie_notice(text, options)


def is_cookie_notice(text: str, options: ExtractionOptions = DEFAULT_OPTIONS) -> bool:
    """Whether `text` is the site's cookie banner: it opens with the site's use of cookies and
    asks for consent or points to the settings. No page's text, however long."""
    return (
        options.cookie_notices_dropped
        and settings.COOKIE_NOTICE.match(text) is not None
        and settings.COOKIE_CONSENT.search(text) is not None
    )


def score_block(
    block: TextBlock, listing: bool = False, options: ExtractionOptions = DEFAULT_OPTIONS
) -> float:
    """Chars of prose count for the container, link lists and stubs against it.

    In `listing` mode (index and section pages, whose content *is* a list of linked teasers)
    linked text counts as content too; only boilerplate phrases count against.
    """
    length = len(block.text)
    if is_reader_notice(block.text, options):
        return -options.stub_penalty * length
    if listing:
        if length <= options.boilerplate_text_max_chars and settings.BOILERPLATE_TEXT.match(
            block.text
        ):
            return -options.stub_penalty * length
        block.is_prose = True
        return float(length)
    density = block.link_density
    own_chars = length - block.link_chars
    if own_chars >= 2 * options.prose_min_chars and settings.SENTENCE_END.search(block.text):
        block.is_prose = True  # long prose carrying many inline links (or link pop-ups)
        return float(own_chars)
    if density > (
        options.max_link_density
        if length >= options.prose_min_chars
        else options.max_short_link_density
    ):
        return -options.link_penalty * length
    if block.tag in settings.HEADING_TAGS or block.tag == "h1":
        return 0.0  # headings follow the text they head, they do not locate it
    if (
        length < 2 * options.prose_min_chars
        and settings.DATELINE.search(block.text)
        and (len(block.text.split()) <= options.dateline_max_words)
    ):
        return -options.stub_penalty * length
    if length >= options.prose_min_chars or (
        length >= options.sentence_min_chars and settings.SENTENCE_END.search(block.text)
    ):
        block.is_prose = True
        return length * (1.0 - density)
    if block.tag in settings.HEADING_TAGS:
        return 0.0
    return -options.stub_penalty * length


def choose_container(
    blocks: list[TextBlock],
    prose: dict[HtmlElement, float] | None = None,
    listing: bool = False,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> tuple[HtmlElement | None, float, float]:
    """The article container, with its prose chars and the page's prose chars.

    Every block adds its score to its ancestors, halved at each level up (the parent gets it
    whole): the best element is the one holding most prose closely, not merely a wide wrapper.
    From there the container grows one level at a time while the parent adds clean prose.
    """
    totals: dict[HtmlElement, float] = {}
    decayed: dict[HtmlElement, float] = {}
    prose = {} if prose is None else prose
    chains: dict[HtmlElement, list[HtmlElement]] = {}
    links: dict[HtmlElement, int] = {}
    item_prose: dict[HtmlElement, float] = {}
    item_tags = settings.LIST_ITEM_TAGS if options.teaser_items_in_definition_lists else ("li",)
    page_prose = 0.0
    for block in blocks:
        block.score = score_block(block, listing, options)
        chain = chains.get(block.element)
        if chain is None:
            chain = [block.element, *block.element.iterancestors()]
            chains[block.element] = chain
        weight = 1.0
        for depth, element in enumerate(chain):
            totals[element] = totals.get(element, 0.0) + block.score
            decayed[element] = decayed.get(element, 0.0) + block.score * weight
            if depth >= 1:
                weight *= options.ancestor_decay
        if block.is_prose:
            page_prose += block.score
            for element in chain:
                prose[element] = prose.get(element, 0.0) + block.score
            if any(element.tag in item_tags for element in chain[:TEASER_ITEM_LEVELS]):
                for element in chain:
                    item_prose[element] = item_prose.get(element, 0.0) + block.score
        if (
            block.link_chars
            and not block.is_prose
            and not (block.tag == "tr" and options.table_rows_as_text)
        ):
            for element in chain:
                links[element] = links.get(element, 0) + block.link_chars
    if not totals:
        return None, 0.0, 0.0
    best = max(decayed, key=decayed.__getitem__)
    node = best
    past_noise = False
    while (parent := node.getparent()) is not None:
        gain = totals[parent] - totals[best]
        added_prose = prose.get(parent, 0.0) - prose.get(best, 0.0)
        if added_prose <= 0:
            if gain < 0:
                if gain < -options.climb_quiet_wrapper_noise * totals[best]:
                    break
                past_noise = True
            node = parent  # a wrapper adding nothing (or next to nothing): look further up
            continue
        added_noise = added_prose - gain
        small = gain <= options.climb_max_gain_share * totals[best]
        clean = added_noise <= options.climb_max_noise * added_prose
        # right above, a small gain is enough; past a wrapper, only a clean second half of
        # the text split off by the template (not a stray standfirst or teaser)
        split_half = clean and added_prose >= options.climb_min_split_share * prose.get(best, 0.0)
        # ... or a short clean lead-in kept apart by the template (an intro, key takeaways)
        intro = added_noise <= options.climb_intro_max_noise * added_prose and (
            added_prose <= options.climb_intro_max_share * prose.get(best, 0.0)
        )
        # ... or the text's paragraphs continuing beside the part held ("Read more" expanders,
        # a first paragraph set apart): plain <p> children of the parent
        continued = (
            options.climb_over_sibling_paragraphs
            and added_noise <= options.sibling_paragraphs_max_noise * added_prose
            and _sibling_paragraph_prose(node, parent, prose)
            >= options.sibling_paragraphs_min_share * added_prose
        )
        # ... or the text's segments of the same kind as the part held, cut apart by ads
        # ("div.story-body-supplemental", an ad slot, "div.story-body-supplemental")
        segmented = (
            options.climb_over_segments
            and added_noise <= options.segment_max_noise * added_prose
            and _segment_prose(node, parent, prose) >= options.segment_min_share * added_prose
        )
        if past_noise:  # past a quiet wrapper's stray line, only the text's own continuation
            split_half = intro = small = False
        if small and options.climb_skips_teaser_lists:
            # ... unless what it adds is a list of teasers: blurbs in list items under their
            # linked headlines ("More China stories")
            small = not _adds_teasers(parent, best, added_prose, item_prose, links, options)
        if gain <= 0 or not (
            split_half or intro or continued or segmented or (small and node is best)
        ):
            break
        best = node = parent
    if prose.get(best, 0.0) < options.share_climb_below * page_prose:
        best = _climb_to_prose_share(best, blocks, prose, page_prose, options)
    return best, prose.get(best, 0.0), page_prose


def _adds_teasers(
    parent: HtmlElement,
    best: HtmlElement,
    added_prose: float,
    item_prose: dict[HtmlElement, float],
    links: dict[HtmlElement, int],
    options: ExtractionOptions,
) -> bool:
    """Whether the prose `parent` adds to `best` is a list of teasers: blurbs in list items
    (at least `teaser_list_min_item_share` of it) with linked headlines beside them (more
    than `teaser_list_min_link_share` of it)."""
    added_links = links.get(parent, 0) - links.get(best, 0)
    added_items = item_prose.get(parent, 0.0) - item_prose.get(best, 0.0)
    return (
        added_links > options.teaser_list_min_link_share * added_prose
        and added_items >= options.teaser_list_min_item_share * added_prose
    )


TEASER_ITEM_LEVELS = 3


def _sibling_paragraph_prose(
    node: HtmlElement, parent: HtmlElement, prose: dict[HtmlElement, float]
) -> float:
    """The prose of `parent`'s own unclassed <p> children besides `node`."""
    return sum(
        prose.get(child, 0.0)
        for child in parent
        if child is not node and child.tag == "p" and not child.get("class")
    )


def _segment_prose(
    node: HtmlElement, parent: HtmlElement, prose: dict[HtmlElement, float]
) -> float:
    """The prose of `node`'s siblings of its tag and class that an interrupter without prose
    (an ad slot, a "story continues" box) keeps apart from it."""
    kind = node.get("class")
    if not kind:
        return 0.0
    children = [child for child in parent if isinstance(child.tag, str)]
    position = children.index(node)
    total = 0.0
    for step in (-1, 1):
        interrupted = False
        index = position + step
        while 0 <= index < len(children):
            child = children[index]
            if child.tag == node.tag and child.get("class") == kind:
                if interrupted:
                    total += prose.get(child, 0.0)
            elif prose.get(child, 0.0) > 0:
                break  # other text between: a module, not the next segment
            else:
                interrupted = True
            index += step
    return total


def _climb_to_prose_share(
    best: HtmlElement,
    blocks: list[TextBlock],
    prose: dict[HtmlElement, float],
    page_prose: float,
    options: ExtractionOptions,
) -> HtmlElement:
    """Second chance for a container holding a minor part of the page's prose.

    Pages split into many sections or columns (landing pages, guides, long reads with
    boxes) leave the best-scoring block a small part of the text: the container becomes
    the nearest ancestor holding `share_climb_below` of the prose, when the noise it adds
    (link and stub text outside the prose groups) is small against the prose it adds.
    The climb never leaves the page's only <article> or <main>.
    """
    held = prose.get(best, 0.0)
    target = options.share_climb_below * page_prose
    for element in best.iterancestors():
        if prose.get(element, 0.0) >= target:
            added_prose = prose[element] - held
            added_noise = 0.0
            for block in blocks:
                if (
                    block.score < 0
                    and inside(block.element, element)
                    and not inside(block.element, best)
                    and not in_prose_group(block.element, element, prose)
                ):
                    added_noise -= block.score
            return element if added_noise <= options.share_climb_max_noise * added_prose else best
        if element.tag in settings.SECTIONING_TAGS and _only_one(element):
            return best
    return best


def _only_one(element: HtmlElement) -> bool:
    """Whether `element` is the only one of its tag in the document."""
    root = element.getroottree().getroot()
    return next(islice(root.iter(element.tag), 1, None), None) is None


def in_prose_group(
    element: HtmlElement, container: HtmlElement, prose: dict[HtmlElement, float]
) -> bool:
    """Whether a link-dense block sits among the prose (a list in the text, a line of a
    paragraph) rather than in a module of its own (related links, a job board, a teaser box):
    the element holding it, or its list, also holds prose.
    """
    anchor, parent = _group_anchor(element, container)
    if anchor is container:
        return True
    return parent is None or prose.get(parent, 0.0) > 0


def prose_group_of(element: HtmlElement) -> HtmlElement | None:
    """The element holding the block among its siblings, looking past wrappers of one (a
    paragraph in a `<div>` of its own sits in the group of the `<div>`'s siblings)."""
    return _group_anchor(element, None)[1]


def _group_anchor(
    element: HtmlElement, stop: HtmlElement | None
) -> tuple[HtmlElement, HtmlElement | None]:
    anchor = element
    if anchor.tag in settings.LIST_ITEM_TAGS and anchor.getparent() is not None:
        anchor = anchor.getparent()
    parent = anchor.getparent()
    while (
        anchor is not stop
        and parent is not None
        and anchor.getprevious() is None  # its parent's only child: no count of the children,
        and anchor.getnext() is None  # which libxml2 makes by walking them all
    ):
        anchor, parent = parent, parent.getparent()  # a wrapper of one: look past it
    return anchor, parent


def text_key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def under(
    node: HtmlElement, tags: tuple[str, ...], names: re.Pattern[str], depth: int | None = None
) -> bool:
    """Whether one of the node's ancestors (the nearest `depth` of them, or all) is one of
    `tags` or has a class or id that `names` finds: inside a menu, a header, a nav bar."""
    return any(
        ancestor.tag in tags
        or names.search(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}")
        for ancestor in islice(node.iterancestors(), depth)
    )


def inside(element: HtmlElement, container: HtmlElement) -> bool:
    if element is container:
        return True
    return any(ancestor is container for ancestor in element.iterancestors())


def article_headed_by(root: HtmlElement, container: HtmlElement, title: str) -> HtmlElement | None:
    """The <article> headed by the page's title, when the container sits in another one.

    Pages that load the next stories as you scroll hold several <article>s, each with its
    own headline; the longest is not always the page's own.
    """
    title_key = text_key(title)
    if not title_key:
        return None
    own = own_article(container)
    if own is None:
        # the container may have grown over several stories: the one headed by the title
        inner = [a for a in container.iter("article") if a is not container]
        if len(inner) < 2:
            return None
        return next((a for a in inner if headed_by(a, title_key)), None)
    if headed_by(own, title_key):
        return None
    for article in root.iter("article"):
        if article is own or inside(own, article) or inside(article, own):
            continue
        if headed_by(article, title_key):
            return article
    return None


def titled_unit(
    container: HtmlElement, title: str, max_headings: int
) -> tuple[HtmlElement | None, bool]:
    """The box the title's heading tops among the container's headed boxes, and whether it
    stands among boxes of its kind.

    The box is the largest around the title's h1 or h2 (one heading says the title) that holds
    no other h1 or h2 of the container. It stands among its kind when a sibling of its tag and
    class holds another heading of the title's heading's shape (tag and class, its parent's
    too): a blog's page listing its posts whole beside the one it is about (`li.item`,
    `div.post`). Otherwise the other headed boxes are what a climb over the story brought in: a
    sidebar's "Don't miss", a "Newsticker"."""
    title_key = text_key(title)
    if not title_key:
        return None, False
    headings = list(islice(container.iter("h1", "h2"), max_headings))
    titled = [heading for heading in headings if says_title(heading, title_key)]
    if len(headings) < 2 or len(titled) != 1:
        return None, False
    others = [heading for heading in headings if heading is not titled[0]]
    holding_others: set[HtmlElement] = set()  # each box up to the container, walked once
    for heading in others:
        for box in heading.iterancestors():
            if box in holding_others or box is container:
                break
            holding_others.add(box)
    unit = None
    for box in titled[0].iterancestors():
        if box is container or box in holding_others:
            break
        unit = box
    parent = unit.getparent() if unit is not None else None
    if unit is None or parent is None:
        return None, False
    shape = _heading_shape(titled[0])
    among_kin = False
    for heading in others:
        if _heading_shape(heading) != shape:
            continue
        box = next((box for box in heading.iterancestors() if box.getparent() is parent), None)
        if box is not None and box.tag == unit.tag and box.get("class") == unit.get("class"):
            among_kin = True
            break
    return unit, among_kin


def _heading_shape(heading: HtmlElement) -> tuple[object, ...]:
    parent = heading.getparent()
    return (
        heading.tag,
        heading.get("class"),
        None if parent is None else parent.tag,
        None if parent is None else parent.get("class"),
    )


def other_story_box(
    root: HtmlElement, container: HtmlElement, title: str, max_headings: int
) -> HtmlElement | None:
    """The box of another story the container sits in: the nearest box around the container
    (or the container itself) that holds an h1, when none of its h1s says the title and the
    page shows an h1 that does. Endless-scroll pages without an <article> per story append the
    next stories, each under its own h1, after the page's own; the first `max_headings` h1s
    are read."""
    title_key = text_key(title)
    if not title_key:
        return None
    headings = list(islice(root.iter("h1"), max_headings))
    if not any(says_title(heading, title_key) for heading in headings):
        return None
    boxes = (container, *container.iterancestors())
    level_of = {box: level for level, box in enumerate(boxes)}
    meeting: dict[int, list[HtmlElement]] = {}
    for heading in headings:
        box = next((box for box in heading.iterancestors() if box in level_of), None)
        if box is not None:
            meeting.setdefault(level_of[box], []).append(heading)
    if not meeting:
        return None
    level = min(meeting)
    if any(says_title(heading, title_key) for heading in meeting[level]):
        return None
    return boxes[level]


def own_article(element: HtmlElement) -> HtmlElement | None:
    """The <article> holding `element` (or being it), if any."""
    return next((a for a in (element, *element.iterancestors()) if a.tag == "article"), None)


def headed_by(article: HtmlElement, title_key: str) -> bool:
    """Whether an h1 or h2 of `article` says the title (none does when the page has none)."""
    return bool(title_key) and any(
        says_title(heading, title_key) for heading in article.iter("h1", "h2")
    )


def says_title(heading: HtmlElement, title_key: str) -> bool:
    """Whether the heading's whole text is the title (compared by `text_key`)."""
    return text_key(heading.text_content()) == title_key
