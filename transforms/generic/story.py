"""Whether a page is one story, when its text is short: what keeps the text from being read
again as a listing of teasers (`core.extract_generic`).

A section page rarely carries a publish date, a single `<time>` or markup naming one post, so
each of these says "one story": the metadata's publish date; one `<time>`; the story's own
`<article>` headed by the title, or a box the title's h1 heads; the blog engine's body class
("single-post"); the page's only entry marked by microformats or the blog engine (`hentry`,
`type-post`, "post-106457"); the page's only box named as a story ("article", "permalink")
or as a story's text ("entry-content"), near the text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence

from lxml import etree
from lxml import html as lxml_html

from transforms.generic import settings
from transforms.generic.fields import BYLINE_LABEL
from transforms.generic.score import headed_by, inside, own_article, text_key
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.generic.titles import leads_elsewhere
from transforms.generic.walk import UNSHOWN_TAGS
from transforms.metadata import PageMetadata
from transforms.normalize import normalize_text

HtmlElement = lxml_html.HtmlElement


def reads_as_one_story(
    meta: PageMetadata,
    root: HtmlElement,
    container: HtmlElement | None,
    title: str,
    container_prose: float,
    page_prose: float,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> bool:
    """Whether anything the page says makes it one story (see the module docstring)."""
    return (
        declares_article(meta)
        or times_one_moment(root, options)
        or (options.single_post_body_class and single_post_page(root))
        or (options.single_entry_is_article and in_single_entry(root, container))
        or (options.single_story_box_is_article and in_single_story_box(root, container, options))
        or (options.single_text_box_is_article and in_single_text_box(root, container, options))
        or (
            options.headed_article_is_article
            and story_box(container, title, container_prose, page_prose, options) is not None
        )
    )


def declares_article(meta: PageMetadata) -> bool:
    """Whether the page's metadata dates it as one article (a publish date).

    Index and section pages rarely carry one (og:type "article" alone does not count: site
    templates set it on every page), so a short body there is read as a listing sooner.
    """
    return bool(meta.published)


def single_post_page(root: HtmlElement) -> bool:
    """Whether the blog engine marks the page as one post: WordPress's `<body class="single
    single-post postid-7177">`, Movable Type's `<body class="permalink">` (its home, archive
    and category pages carry "home", "blog", "archive" instead)."""
    body = root.find("body") if root.tag != "body" else root
    return body is not None and bool(SINGLE_POST_CLASS.search(body.get("class") or ""))


SINGLE_POST_CLASS = re.compile(r"(?:^|\s)(?:single-post|postid-\d+|permalink)(?:$|\s)")


def in_single_entry(root: HtmlElement, container: HtmlElement | None) -> bool:
    """Whether the text sits in the page's only blog entry, as microformats and blog engines
    mark one (`hentry`, `h-entry`, WordPress's `type-post`, TypePad's `entry-type-post`; not
    WordPress's `type-page`): a post's own page; a blog's front page marks one entry per
    teaser."""
    return _holds(marked_post(root), container, levels=None)


def marked_post(root: HtmlElement) -> HtmlElement | None:
    """The page's only post as blog engines and microformats mark one (see `in_single_entry`)."""
    return _the_only_box(ENTRY_ELEMENTS(root))


def in_single_story_box(
    root: HtmlElement, container: HtmlElement | None, options: ExtractionOptions
) -> bool:
    """Whether the text's own element or one of its nearest `headed_text_levels` ancestors is
    the page's only box named as a story (class or id "article", "post", "entry", "story",
    "permalink"): a story's page; a listing names each teaser so, a forum or shop names its
    whole column, farther up."""
    boxes = STORY_BOXES(root)
    if options.story_box_links_skipped:
        boxes = [box for box in boxes if box.tag not in LINK_TAGS]
    box = _the_only_box(boxes)
    return _holds(box, container, levels=options.headed_text_levels)


def in_single_text_box(
    root: HtmlElement, container: HtmlElement | None, options: ExtractionOptions
) -> bool:
    """Whether the text's own element or one of its nearest `headed_text_levels` ancestors is
    the page's only box whose class names it a story's text ("articleBody", "entry-content",
    "story_text", "post-body"): a listing names each teaser's text so, or none. Ids do not
    count: a forum's `id="postContent"` is its opening post, the thread below is its text."""
    if container is None:
        return False
    return _holds(only_text_box(root), container, levels=options.headed_text_levels)


def only_text_box(root: HtmlElement) -> HtmlElement | None:
    """The page's only box whose class names it a story's text ("articleBody",
    "entry-content"), or None when it names several or none."""
    body = root.find("body") if root.tag != "body" else root
    if body is None:
        return None
    named = [
        element
        for element in body.iterdescendants()
        if isinstance(element.tag, str)
        and any(
            TEXT_BOX_NAME.fullmatch(name) for name in (element.get("class") or "").lower().split()
        )
    ]
    return _the_only_box(named)


def _the_only_box(marked: list[HtmlElement]) -> HtmlElement | None:
    """The one box of `marked` that none of the others holds (a box marked twice, "<div
    id='post-7'><article class='hentry'>", is one), or None when there are several or none."""
    boxes = set(marked)  # looked up once per ancestor: a list made this quadratic
    outermost = [box for box in marked if not any(a in boxes for a in box.iterancestors())]
    return outermost[0] if len(outermost) == 1 else None


def _holds(box: HtmlElement | None, container: HtmlElement | None, levels: int | None) -> bool:
    """Whether `box` is the text's own element or one of its ancestors (with `levels`, one of
    its nearest `levels`)."""
    if box is None or container is None:
        return False
    lineage = itertools.chain((container,), container.iterancestors())
    return any(
        element is box
        for element in itertools.islice(lineage, None if levels is None else levels + 1)
    )


TEXT_BOX_NAME = re.compile(
    r"(?:article|entry|post|story|news|node)[-_]?(?:body|content|text|detail)s?|"
    r"field-body|field--name-body"
)


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _has_numbered_id(prefix: str, digits: str) -> str:
    """An id of `prefix` and a number in `digits` ("post-106457", "entry-6a00d8345…")."""
    rest = f"substring(@id, {len(prefix) + 1})"
    return (
        f"(starts-with(@id, '{prefix}') and string-length(@id) > {len(prefix)}"
        f" and translate({rest}, '{digits}', '') = '')"
    )


# WordPress marks its static pages (an "About" or a landing page) `hentry` too: not posts;
# older WordPress themes and TypePad mark a post by its id alone: "post-106457", "entry-6a00d…"
ENTRY_ELEMENTS = etree.XPath(
    "//*[("
    + " or ".join(
        [
            *map(_has_class, ("hentry", "h-entry", "type-post", "entry-type-post")),
            _has_numbered_id("post-", "0123456789"),
            _has_numbered_id("entry-", "0123456789abcdef"),
        ]
    )
    + f") and not({_has_class('type-page')})]"
)


LINK_TAGS = frozenset({"a", "button"})
STORY_BOX_NAMES = ("article", "post", "entry", "story", "permalink")
# the <body>'s class names the kind of page ("story" on every page of a news site), no box
STORY_BOXES = etree.XPath(
    "//body//*["
    + " or ".join([*map(_has_class, STORY_BOX_NAMES), *(f"@id='{n}'" for n in STORY_BOX_NAMES)])
    + "]"
)


def times_one_moment(root: HtmlElement, options: ExtractionOptions) -> bool:
    """Whether the page's <time> elements name one moment (an article's date line), not a
    date per teaser: at least one, and at most `single_time_max` of them."""
    if not options.single_time_is_article:
        return False
    found = sum(1 for _ in itertools.islice(root.iter("time"), options.single_time_max + 1))
    return 1 <= found <= options.single_time_max


def story_box(
    container: HtmlElement | None,
    title: str,
    container_prose: float,
    page_prose: float,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> HtmlElement | None:
    """The box the page's title heads around the text (`headed_story_box`), when the text
    holds `headed_article_min_share` of the page's prose: one story set out as such, however
    short, not a section page's teasers (a page of sections holds its prose in several)."""
    if container_prose < options.headed_article_min_share * page_prose:
        return None
    return headed_story_box(container, title, options)


def headed_story_box(
    container: HtmlElement | None, title: str, options: ExtractionOptions = DEFAULT_OPTIONS
) -> HtmlElement | None:
    """The box the page's title heads around the text: its own <article>, when an h1 or h2 of
    it is the title; on a page of no <article> (with `headed_text_is_article`), the text's own
    element or the nearest of its `headed_text_levels` ancestors holding an h1 that is the title
    and comes before the text (the story's headline over it, as pages without HTML5 markup set
    it), when the title has `headed_text_min_words` words at least (a collection page's h1
    names its category: "Hiking Boots")."""
    if container is None:
        return None
    own = own_article(container)
    if own is not None:
        return own if headed_by(own, text_key(title)) else None
    if not options.headed_text_is_article:
        return None
    key = text_key(title)
    if len(key.split()) < options.headed_text_min_words:  # a category's name, not a headline
        return None
    boxes = itertools.islice(
        (container, *container.iterancestors()), options.headed_text_levels + 1
    )
    for box in boxes:
        heading = next(_title_headings(key, (box,), ("h1",)), None)
        if heading is not None:
            preceding = heading in PRECEDING_HEADLINES(container)
            return box if preceding or heading in container.iterdescendants() else None
    return None


PRECEDING_HEADLINES = etree.XPath("preceding::*[self::h1 or self::h2]")


def _title_headings(
    key: str, boxes: Iterable[HtmlElement], tags: tuple[str, ...]
) -> Iterator[HtmlElement]:
    """The headings of `tags` saying the title (by its `text_key`), box by box, up to the
    page's <body>."""
    if not key:  # a page naming no title: an empty heading says nothing
        return
    for box in boxes:
        if box.tag in ("body", "html"):
            return
        for heading in box.iter(*tags):
            if text_key(heading.text_content()) == key:
                yield heading


def set_under_title(
    container: HtmlElement | None, title: str, options: ExtractionOptions = DEFAULT_OPTIONS
) -> bool:
    """Whether the text comes after an h1 or h2 saying the title, in a box of its own element's
    nearest `headed_text_levels` ancestors: the story itself, however short, under its
    headline."""
    if container is None or container.tag in ("h1", "h2"):
        return False
    preceding = PRECEDING_HEADLINES(container)
    boxes = itertools.islice(container.iterancestors(), options.headed_text_levels)
    return any(
        heading in preceding for heading in _title_headings(text_key(title), boxes, ("h1", "h2"))
    )


HEADLINE_TAGS = frozenset({"h1", *settings.HEADING_TAGS})
SKIPPED_TAGS = frozenset({*UNSHOWN_TAGS, "head", "title"})
HEADINGS_READ = 100  # whole texts of headings compared, the first ones: nested headings stay linear


def headline_just_above(
    root: HtmlElement,
    container: HtmlElement | None,
    title: str,
    url: str,
    options: ExtractionOptions = DEFAULT_OPTIONS,
    *,
    min_words: int | None = None,
    gap_chars: int | None = None,
) -> bool:
    """Whether the page shows its title (`headline_story_min_words` words at least, or
    `min_words`) as a text of its own (a text node, or a heading's whole text; not a link to
    another page) before the text's container or at its top, with at most `headline_gap_chars`
    characters (or `gap_chars`; None: `headline_gap_chars`) of shown text between the two: the
    headline over the story. One pass over the page in document order."""
    key = text_key(title)
    if min_words is None:
        min_words = options.headline_story_min_words
    if gap_chars is None:
        gap_chars = options.headline_gap_chars
    if container is None or len(key.split()) < min_words:
        return False
    shown = 0
    headline_end: int | None = None
    container_start: int | None = None
    hidden_depth = headings = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            if element is container:
                break
            if hidden_depth:
                hidden_depth -= 1
            if not hidden_depth and element.tail:
                shown += len(element.tail.strip())
            continue
        if element is container:
            container_start = shown
        if container_start is not None and shown - container_start > gap_chars:
            break
        if hidden_depth or not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
            hidden_depth += 1
            continue
        whole = False
        if element.tag in HEADLINE_TAGS and headings < HEADINGS_READ:
            headings += 1
            whole = text_key(element.text_content()) == key
        own = element.text
        if (whole or (own and len(own) < 3 * len(title) and text_key(own) == key)) and not any(
            leads_elsewhere(link, url) for link in (*element.iterancestors("a"), *element.iter("a"))
        ):
            headline_end = shown + len(key)
            if container_start is not None:
                return True  # at the top of the text's own box
        if own:
            shown += len(own.strip())
    return (
        container_start is not None
        and headline_end is not None
        and container_start - headline_end <= gap_chars
    )


UNSHOWN_CONTROLS = frozenset({"button", "textarea", "iframe", "option"})
HEADLINE_WORD = re.compile(r"[^\W\d_]")  # a word of a headline holds a letter
TITLE_WORD = re.compile(r"[^\W_]+")  # "sales_English_Xinhua": a site's name glued on
LEDE_WORD = re.compile(r"[^\W\d_]{5,}")
LEDE_LINES = 3  # the text's first lines, whose words a headline over it shares
LABEL_ENDS = (".", ":", ",", ";")  # a sentence, or a label ("Filed under:")
DATED_LABEL_MAX_WORDS = 8  # a line this short holding a year or a time is a dateline
MAX_HEADLINE_CHARS = 400
OPENING_LINES = 3  # the text's first lines looked at for its headline, stubs looked past
HIDDEN_PIECES = frozenset({*SKIPPED_TAGS, *UNSHOWN_CONTROLS})


def headline_over_text(
    root: HtmlElement,
    container: HtmlElement | None,
    lines: Sequence[str],
    title: str,
    url: str,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> str | None:
    """The headline the page shows over its text, for a title that names the site or its
    section: the nearest text of its own before the text's container that reads as a headline
    (`_reads_as_headline`) with at most `headline_over_text_gap_chars` of shown text between
    them (a dateline, a byline, "Printable version"), unless the text's first line reads as one
    and says it with fewer words; else that first line; None when neither does. One pass over
    the page up to the container."""
    if container is None or not lines:
        return None
    pieces: list[tuple[str, HtmlElement | None]] = []
    hidden_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if element is container:
            break
        if event == "end":
            if hidden_depth:
                hidden_depth -= 1
            if not hidden_depth and element.tail and element.tail.strip():
                pieces.append((normalize_text(element.tail), None))
            continue
        if hidden_depth or not isinstance(element.tag, str) or element.tag in HIDDEN_PIECES:
            hidden_depth += 1
            continue
        if element.text and element.text.strip():
            pieces.append((normalize_text(element.text), element))
    opening = _opening_headline(container, lines, title, url, options)
    gap = 0
    for text, element in reversed(pieces):
        if gap > options.headline_over_text_gap_chars:
            break
        if element is not None and _reads_as_headline(
            element, text, lines[:LEDE_LINES], title, url, options
        ):
            # "Blog: Daily Dish: 23515: Headline" over the text opening with "Headline"
            decorated = opening is not None and _words(opening) < _words(text)
            return opening if decorated else text
        gap += len(text)
    return opening


def _opening_headline(
    container: HtmlElement,
    lines: Sequence[str],
    title: str,
    url: str,
    options: ExtractionOptions,
) -> str | None:
    """The text's first line that is more than a stub (a section's name, a dateline: at most
    `OPENING_LINES` - 1 of them looked past) when it reads as the headline of the lines under it
    and is set apart from the next (another tag or class than the element after it)."""
    for index, line in enumerate(lines[:OPENING_LINES]):
        if _stub(line, options):
            continue
        if index + 1 >= len(lines):
            return None  # a text of one line is no headline and its story
        key = text_key(line)
        holders = (
            element
            for element in container.iter()
            if isinstance(element.tag, str)
            and element.tag not in HIDDEN_PIECES
            and element.text
            and element.text.strip()
        )
        for element in holders:
            if not _whole_text_is(element, key):
                continue
            following = next((later for later in holders if not inside(later, element)), None)
            if (
                following is not None
                and _styled(element) != _styled(following)  # a headline is set apart
                and _reads_as_headline(
                    element, line, lines[index + 1 : index + 1 + LEDE_LINES], title, url, options
                )
            ):
                return line
            return None
        return None
    return None


def _headline_words(text: str) -> list[str]:
    return [word for word in text.split() if HEADLINE_WORD.search(word)]


def _stub(line: str, options: ExtractionOptions) -> bool:
    """A line too short for a headline, or a dateline."""
    words = _headline_words(line)
    return len(words) < options.headline_over_text_min_words or (
        len(words) < DATED_LABEL_MAX_WORDS and bool(settings.DATELINE.search(line))
    )


def _styled(element: HtmlElement) -> tuple[str, str]:
    return element.tag, element.get("class") or ""


def _reads_as_headline(
    element: HtmlElement,
    text: str,
    lede: Sequence[str],
    title: str,
    url: str,
    options: ExtractionOptions,
) -> bool:
    """Whether `text`, `element`'s whole text and a line of its own, reads as the headline of
    the text whose first lines are `lede`: headline-long, no sentence, label, dateline or
    byline, no link away, sharing `headline_over_text_lede_words` words with the lede and more
    than the title shares (unless the title holds it and more: "Headline_English_Xinhua")."""
    if _stub(text, options) or len(_headline_words(text)) > options.headline_over_text_max_words:
        return False
    if text.endswith(LABEL_ENDS) and not text.endswith("..."):
        return False
    if BYLINE_LABEL.match(text):
        return False
    if not _whole_text_is(element, text_key(text)) or not _set_apart(element):
        return False
    if any(
        leads_elsewhere(link, url) for link in (*element.iterancestors("a"), *element.iter("a"))
    ):
        return False
    lede_words = _lede_words(lede)
    shared = len(_lede_words([text]) & lede_words)
    if shared < options.headline_over_text_lede_words:
        return False
    # the title holding the headline and more (a site's name) or speaking less of the text
    return _words(text) <= _words(title) or shared > len(_lede_words([title]) & lede_words)


def _words(text: str) -> set[str]:
    return {word.casefold() for word in TITLE_WORD.findall(text)}


def _lede_words(lines: Iterable[str]) -> set[str]:
    return {word.casefold() for line in lines for word in LEDE_WORD.findall(line)}


def _set_apart(element: HtmlElement) -> bool:
    """Whether no words run on either side of the element in its line: a phrase set in bold
    inside a sentence is no line of its own."""
    previous, parent = element.getprevious(), element.getparent()
    before = previous.tail if previous is not None else parent.text if parent is not None else ""
    return not (before or "").strip() and not (element.tail or "").strip()


def _whole_text_is(element: HtmlElement, key: str) -> bool:
    """Whether the element's whole text says `key` (read no further than a headline's length)."""
    read: list[str] = []
    size = 0
    for piece in element.itertext():
        size += len(piece)
        if size > MAX_HEADLINE_CHARS:
            return False
        read.append(piece)
    return text_key("".join(read)) == key
