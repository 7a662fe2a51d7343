"""Keeping the container's blocks that read like article text, trimmed at both ends."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice
from urllib.parse import parse_qsl, unquote, urlsplit

from lxml import html as lxml_html

from records.article import Block
from records.urls import host_key, join_url, url_parts
from transforms.dates import is_date_line
from transforms.generic import settings
from transforms.generic.fields import BYLINE_LABEL, page_key
from transforms.generic.score import (
    in_prose_group,
    inside,
    is_reader_notice,
    prose_group_of,
    text_key,
)
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.generic.walk import PageWalk, TextBlock
from transforms.metadata import NAME_PARTICLES
from transforms.normalize import collapse_repeated_span, normalize_text

HtmlElement = lxml_html.HtmlElement


def select_blocks(
    blocks: list[TextBlock],
    container: HtmlElement,
    title: str,
    prose: dict[HtmlElement, float],
    options: ExtractionOptions = DEFAULT_OPTIONS,
    base_url: str = "",
    site_hosts: frozenset[str] = frozenset(),
    listing: bool = False,
) -> list[Block]:
    """The container's article blocks, in order, with boilerplate and edge stubs removed;
    links resolve against `base_url`, and lead to the page's own site when to `site_hosts`
    (as `host_key` gives them; the base URL's host is one). A `listing`'s teaser cards are its
    content."""
    in_container: dict[HtmlElement, bool] = {}
    code_blocks: dict[HtmlElement, bool] = {}  # read once a block: a block may hold many lines
    candidates: list[tuple[TextBlock, str]] = []
    title_key = text_key(title)
    for block in blocks:
        owner = block.element
        if owner not in in_container:
            in_container[owner] = inside(owner, container)
        if not in_container[owner]:
            continue
        for line in block.text.split("\n"):
            candidates.append((block, line))

    prose_after = [0.0] * (len(candidates) + 1)
    for index in range(len(candidates) - 1, -1, -1):
        block, line = candidates[index]
        prose_after[index] = prose_after[index + 1] + (len(line) if block.is_prose else 0)
    kept: list[tuple[TextBlock, str]] = []
    for index, (block, line) in enumerate(candidates):
        is_heading = block.tag in settings.HEADING_TAGS or block.tag == "h1"
        if _note_line(line, settings.CLOSING_NOTE, options):
            continue
        if is_reader_notice(line, options):
            continue
        if _comment_count_line(line, options):
            continue
        if (
            options.comment_notices_end_text
            and len(line) <= options.comment_notice_max_chars
            and settings.COMMENT_WORD.search(line)
            and settings.COMMENT_NOTICE.match(line)
        ):
            # the comments and their form follow it, unless the text goes on after it
            prose_before = prose_after[0] - prose_after[index]
            if prose_after[index + 1] < options.end_marker_max_prose_after * prose_before:
                break
            continue
        if _script_text(line, options):
            owner = block.element
            if owner not in code_blocks:
                code_blocks[owner] = _shows_code(owner)
            if not code_blocks[owner]:
                continue
        if len(line) <= options.boilerplate_text_max_chars:
            if settings.BOILERPLATE_TEXT.match(line):
                continue
            plain_marker = (
                options.end_marker_lines
                and len(line.split()) <= 6
                and not settings.NOT_A_PLAIN_END_MARKER.search(line)
            )
            if (
                (is_heading or plain_marker) and settings.END_MARKER.match(line)
            ) or settings.RULE_LINE.match(line):
                prose_before = prose_after[0] - prose_after[index]
                share = (
                    options.dinkus_max_prose_after
                    if settings.DINKUS.match(line)
                    else options.end_marker_max_prose_after
                )
                if prose_after[index] < share * prose_before:
                    break
                continue
            if block.tag == "h1" and (text_key(line) == title_key or not kept):
                continue
        kept.append((block, line))

    prose_positions = [i for i, (block, line) in enumerate(kept) if block.is_prose]
    if not prose_positions:
        return [_as_block(block, line) for block, line in kept]
    first, last = prose_positions[0], prose_positions[-1]
    last = _extend_over_tail_list(kept, last, options)
    headline_lists: dict[HtmlElement, bool] = {}
    read_on_leads: dict[HtmlElement, bool] = {}  # a block's lines share its element's verdict
    selected: list[Block] = []
    sources: list[TextBlock] = []  # the block each selected line came from
    teasers: set[int] = set()  # the selected lines that are teasers
    for index, (block, line) in enumerate(kept):
        is_heading = block.tag in settings.HEADING_TAGS
        if (
            index < first
            and not is_heading
            and _words(line, options) <= options.edge_stub_max_words
            and not (
                block.tag in settings.LIST_ITEM_TAGS
                or line.endswith(settings.LEAD_SENTENCE_ENDS)
                or (options.leading_quotes_stay and settings.QUOTED_LINE.match(line))
            )
        ):
            continue  # a byline, date or label before the text; a short sentence or item stays
        if index < first and options.drop_top_title_and_dates:
            if is_heading and title_key and text_key(line) == title_key:
                continue  # the headline again, set as an h2 when the h1 is a breadcrumb's
            if (
                not is_heading
                and len(line.split()) <= options.dateline_max_words
                and settings.DATELINE.search(line)
                and not settings.SENTENCE_END.search(line.rstrip(".").rstrip())
            ):
                continue  # "17.04.2024, 12:24 Lesezeit: 5 Min.": a date line above the text
        if (
            options.credited_lines_are_captions
            and not is_heading
            and len(line.split()) <= options.caption_max_words
            and settings.CAPTION_CREDIT_END.search(line)
        ):
            continue  # "The new stand, Photo: Jane Doe": a picture's caption set as text
        # a data table's rows are content wherever they sit: short, numeric or linked
        is_table_row = block.tag == "tr" and options.table_rows_as_text
        if is_table_row and index > first:
            selected.append(_as_block(block, line))
            sources.append(block)
            continue
        if (
            index > last
            and (is_heading or len(line.split()) <= options.edge_stub_max_words)
            and not (options.trailing_sentences_stay and _closing_sentence(block, line, prose))
        ):
            continue
        if (
            block.score < 0
            and block.link_density > options.max_short_link_density
            and (
                index < first
                or index > last
                or not in_prose_group(block.element, container, prose)
                or _is_headline_list(block.element, headline_lists, options)
            )
        ):
            continue  # link lists count only inside the text, among its prose
        if options.read_on_lists_dropped and _leads_read_on_list(
            block.element, headline_lists, read_on_leads, options
        ):
            continue
        if options.teaser_lines_dropped and _is_teaser_line(block, base_url, site_hosts, options):
            teasers.add(len(selected))  # "READ ALSO | <a>Another story</a>" among the paragraphs
        selected.append(_as_block(block, line))
        sources.append(block)
    teaser_chars = sum(len(selected[index].text) for index in teasers)
    if teasers and teaser_chars <= options.teaser_lines_max_share * sum(
        len(b.text) for b in selected
    ):
        # a page made of such lines (a briefing of the day's headlines) keeps them: its text
        selected = [block for index, block in enumerate(selected) if index not in teasers]
        sources = [block for index, block in enumerate(sources) if index not in teasers]
    if options.card_rails_end_text and not listing:
        cut = _card_rail_start(selected, sources, base_url, site_hosts, options)
        while cut < len(selected):  # a rail over another: each goes
            del selected[cut:], sources[cut:]
            cut = _card_rail_start(selected, sources, base_url, site_hosts, options)
    if options.headings_of_dropped_boxes_dropped:
        orphans = _headings_of_dropped_boxes(sources, options)
        selected = [block for index, block in enumerate(selected) if index not in orphans]
        sources = [block for index, block in enumerate(sources) if index not in orphans]
    # "Subscribe to our newsletter", "Follow us on ...": a call to action, and the short
    # lines of its box after it ("Newsletter / The Morning / The perfect start to the day")
    cut = len(selected)
    for index in range(len(selected) - 1, max(-1, len(selected) - 1 - options.tail_box_lines), -1):
        text = selected[index].text
        if len(text) > options.tail_call_max_chars:
            break
        if settings.TAIL_CALL.search(text):
            if options.tail_call_before_text_stays and _text_goes_on(
                selected, sources, index, cut, options
            ):
                break  # "... which countries are willing to sign up to it." and more text
            cut = index
    del selected[cut:]
    if options.service_notes_dropped:
        # dropped once the text's ends are found: a "You may also be interested in:" closing
        # the text still holds the contact list above it in
        selected = [
            Block(settings.TWEET_PROMPT.sub("", block.text), block.kind)
            for block in selected
            if not _note_line(block.text, settings.SERVICE_NOTE, options)
        ]
    if options.screen_reader_hints_dropped:
        selected = [
            Block(without_hints, block.kind)
            for block in selected
            if (without_hints := settings.SCREEN_READER_HINT.sub("", block.text).strip())
        ]
    if options.truncated_teasers_dropped:
        selected = _without_truncated_teasers(selected)
    if options.photo_credit_lines_dropped:
        selected = [block for block in selected if not settings.PHOTO_CREDIT_LINE.match(block.text)]
    if options.top_date_lines_dropped:
        selected = _without_top_date_lines(selected, options)
    if options.top_byline_lines_dropped:
        selected = _without_top_byline_lines(selected, options)
    return selected


def _without_truncated_teasers(selected: list[Block]) -> list[Block]:
    kept: list[Block] = []
    for block in selected:
        text = block.text.strip()
        if settings.TRUNCATED_TEASER.search(text):
            continue
        if (
            settings.MORE_LINE.fullmatch(text)
            and kept
            and kept[-1].text.rstrip().endswith(("...", "…"))
        ):
            kept.pop()  # "Every application …" over "Read More →"
            continue
        kept.append(block)
    return kept


def _headings_of_dropped_boxes(sources: list[TextBlock], options: ExtractionOptions) -> set[int]:
    """The indexes of the headings whose box kept nothing else of what it holds: a sidebar
    module's title ("Story Tools", "Browse Issues") over links or a form that went as
    boilerplate. A standfirst set as a heading is longer than a box's title."""
    chosen = {block.element for block in sources}
    return {
        index
        for index, block in enumerate(sources)
        if block.tag in settings.HEADING_TAGS
        and len(block.text.split()) <= options.dropped_box_heading_max_words
        and _box_lost_all_else(block.element, chosen, options)
    }


def _box_lost_all_else(
    heading: HtmlElement, chosen: set[HtmlElement], options: ExtractionOptions
) -> bool:
    """Whether the heading's parent holds text besides it and none of the `chosen` blocks;
    a box of more than `dropped_box_max_elements` elements is not read (says no)."""
    box = heading.getparent()
    if box is None:
        return False
    for seen, element in enumerate(box.iter(), start=1):
        if seen > options.dropped_box_max_elements or (
            element is not heading and element in chosen
        ):
            return False
    return _visible_chars(box.text_content()) > _visible_chars(heading.text_content())


def _visible_chars(text: str) -> int:
    return len(text) - sum(1 for ch in text if ch.isspace())


def _without_top_date_lines(lines: list[Block], options: ExtractionOptions) -> list[Block]:
    """The text without the date lines among its first lines (a stamp set under the
    standfirst, a header band counted as prose: "Publié le 18 juil. 2024 à 08:01"), as
    `_top_lines` finds them, and the stubs right beside them (up to
    `top_date_line_stubs_words` words, no sentence end: "Jane Doe", "Ankara")."""
    dated = _top_lines(lines, _dates_only, options)
    gone = set(dated)
    for index in dated:
        # the stubs of its header band beside it: the writer's name, the place
        for step in (-1, 1):
            near = index + step
            while (
                0 <= near < len(lines)
                and near not in gone
                and _stub_beside_date(lines[near], options)
            ):
                gone.add(near)
                near += step
    return _without_lines(lines, gone, options)


def _without_top_byline_lines(lines: list[Block], options: ExtractionOptions) -> list[Block]:
    """The text without the bylines alone on their lines among its first lines ("Von Jane
    Doe" between the standfirst and the text: the author field's, not the text's), as
    `_top_lines` finds them."""
    found = _top_lines(lines, lambda line: _byline_only(line, options), options)
    return _without_lines(lines, set(found), options)


def _top_lines(
    lines: list[Block], is_furniture: Callable[[Block], bool], options: ExtractionOptions
) -> list[int]:
    """The indexes of the furniture lines among the text's first `top_date_lines_window`
    lines, at most `top_date_lines_max` of them, when no such line follows further down:
    dates or bylines all along the text are a forum's posts', a diary's or a list of events',
    and part of it."""
    window = options.top_date_lines_window
    found = [index for index, line in enumerate(lines[:window]) if is_furniture(line)]
    if len(found) > options.top_date_lines_max or (
        # the rest of the text is read only for a page with such a line on top
        found and any(is_furniture(line) for line in lines[window:])
    ):
        return []
    return found


def _without_lines(lines: list[Block], gone: set[int], options: ExtractionOptions) -> list[Block]:
    kept = [line for index, line in enumerate(lines) if index not in gone]
    if not any(len(line.text.split()) > options.edge_stub_max_words for line in kept):
        return lines  # a page of nothing but its header band (a paywall's): the band is all
    return kept


def _dates_only(line: Block) -> bool:
    return line.kind != "heading" and is_date_line(line.text)


def _byline_only(line: Block, options: ExtractionOptions) -> bool:
    """A byline label and names, nothing else: "By Jane Doe", "Von: Jane Doe und John Roe"."""
    label = BYLINE_LABEL.match(line.text)
    if line.kind == "heading" or label is None:
        return False
    words = line.text[label.end() :].replace(",", " ").split()
    return (
        0 < len(words) <= options.top_byline_line_max_words
        and not settings.SENTENCE_END.search(line.text)
        and all(
            (word[0].isupper() and not any(ch.isdigit() for ch in word))
            or word.casefold() in settings.BYLINE_LINE_JOINS
            or word.casefold() in NAME_PARTICLES
            for word in words
        )
    )


def _stub_beside_date(line: Block, options: ExtractionOptions) -> bool:
    return (
        line.kind != "heading"
        and len(line.text.split()) <= options.top_date_line_stubs_words
        and not settings.SENTENCE_END.search(line.text)
    )


def _text_goes_on(
    lines: list[Block], sources: list[TextBlock], call: int, cut: int, options: ExtractionOptions
) -> bool:
    """Whether a paragraph of the text's own follows the call line before `cut`: a paragraph
    of `tail_text_min_chars` set as the text's last one before the call is (its tag and class,
    among its siblings). A newsletter box's blurb is set otherwise or sits apart; a service
    line after the call ("For more stories like this, see our news page.") is short."""
    before = next((block for block in reversed(sources[:call]) if block.is_prose), None)
    if before is None:
        return False
    text_group = prose_group_of(before.element)
    return any(
        block.is_prose
        and len(line.text) >= options.tail_text_min_chars
        and not settings.EMAIL.search(line.text)  # "Write to Jane Doe at jane@…": a contact line
        and block.tag == before.tag
        and block.element.get("class") == before.element.get("class")
        and prose_group_of(block.element) is text_group
        for line, block in zip(lines[call + 1 : cut], sources[call + 1 : cut], strict=True)
    )


def _card_rail_start(
    selected: list[Block],
    sources: list[TextBlock],
    base_url: str,
    site_hosts: frozenset[str],
    options: ExtractionOptions,
) -> int:
    """Where a rail of teaser cards closing the text starts: headings that are each one link to
    another page of the site, each with a short lead at most, and nothing else to the end ("<h2>
    <a>Brand auf Pferdehof in Melle</a></h2><p>Strohballen hatten Feuer gefangen.</p>"); the
    text's length when it ends otherwise. A rail longer than the text before it is left: a
    page made of cards is a listing. Up to `card_rail_trailing_stubs` short lines saying no
    sentence may close the rail (a programme note: "Dieses Thema im Programm:" over "NDR 1
    Niedersachsen | 17.06.2025 | 15:00 Uhr")."""
    start = last = len(selected)
    while (
        len(selected) - last < options.card_rail_trailing_stubs
        and last > 0
        and len(selected[last - 1].text.split()) <= options.card_rail_trailing_stub_words
        and (  # a label ("… im Programm:") says no sentence either
            not settings.SENTENCE_END.search(selected[last - 1].text)
            or selected[last - 1].text.rstrip().endswith(":")
        )
    ):
        last -= 1
    cards = leads = 0
    for index in range(last - 1, -1, -1):
        if _is_linked_heading(sources[index].element, base_url, site_hosts, options):
            cards += 1
            start, leads = index, 0
        elif (
            sources[index].tag in settings.HEADING_TAGS
            or len(selected[index].text.split()) > options.card_lead_max_words
            or leads == 1  # a card has one lead: two lines are the text's own paragraphs
        ):
            break
        else:
            leads += 1
    if cards < options.card_rail_min_cards:
        return len(selected)
    rail = sum(len(block.text) for block in selected[start:])
    before = sum(len(block.text) for block in selected[:start])
    return start if rail <= before else len(selected)


def _is_linked_heading(
    heading: HtmlElement, base_url: str, site_hosts: frozenset[str], options: ExtractionOptions
) -> bool:
    """A headline whose words are all one link's, to another page of the site: a card's title
    (a section's short name, "Training", "Video collection", heads a guide's own parts)."""
    if heading.tag not in settings.HEADING_TAGS:
        return False
    links = heading.findall(".//a")
    if len(links) != 1:
        return False
    words = normalize_text(heading.text_content())
    return (
        normalize_text(links[0].text_content()) == words
        and len(words.split()) >= options.headline_min_words
        and _same_site(links[0].get("href") or "", base_url, site_hosts)
    )


def _is_teaser_line(
    block: TextBlock, base_url: str, site_hosts: frozenset[str], options: ExtractionOptions
) -> bool:
    """A paragraph or item made of a bold label and a link to another story of the site:
    "<strong>READ ANOTHER STORY HERE |</strong> <a>Headline</a>", "<b>Warning:</b> <a>…</a>",
    "<b>» Related:</b> <a>…</a>". The label is set apart by its separator or marker; a lead-in
    running into the link ("<b>Read here</b> <a>how residents should react</a>") is a
    sentence, and a link to another site is a source."""
    element = block.element
    if element.tag not in TEASER_LINE_TAGS:
        return False
    if options.teaser_labels_unstyled and _is_labelled_link_line(
        element, base_url, site_hosts, options
    ):
        return True
    if (element.text or "").strip():
        return False
    # three at most: the check runs for each line of the block, and a block of many <br>
    # lines has as many children
    children = list(islice((child for child in element if isinstance(child.tag, str)), 3))
    if len(children) != 2 or children[0].tag not in ("strong", "b") or children[1].tag != "a":
        return False
    label_element, link = children
    between = (label_element.tail or "").strip()
    if (link.tail or "").strip() or (between and between not in TEASER_SEPARATORS):
        return False
    label = normalize_text(label_element.text_content())
    if (
        not label
        or len(label.split()) > TEASER_LABEL_MAX_WORDS
        or label_element.find(".//a") is not None
    ):
        return False
    set_apart = between or label.endswith(TEASER_SEPARATORS) or label.startswith(TEASER_MARKERS)
    headline = normalize_text(link.text_content())
    return (
        bool(set_apart)
        and len(headline.split()) >= options.headline_min_words
        and _same_site(link.get("href") or "", base_url, site_hosts)
    )


def _is_labelled_link_line(
    element: HtmlElement, base_url: str, site_hosts: frozenset[str], options: ExtractionOptions
) -> bool:
    """A line that is a short label set apart and one link after it, to another story of the
    site, whatever markup the label has: "MORE: <a>Putin prepared to discuss a ceasefire</a>"."""
    # a label and its link are a few elements: the check runs for each line of the block, and a
    # block of many <br> lines (or a box) has many more
    nodes = list(islice(element.iter(), LABELLED_LINK_MAX_NODES + 1))
    if len(nodes) > LABELLED_LINK_MAX_NODES:
        return False
    link = next((node for node in reversed(nodes) if node.tag == "a"), None)
    if link is None:
        return False
    line = normalize_text(element.text_content())
    headline = normalize_text(link.text_content())
    if not headline or not line.endswith(headline):  # nothing after the link
        return False
    label = line[: len(line) - len(headline)].strip()
    return (
        0 < len(label.split()) <= TEASER_LABEL_MAX_WORDS
        and (label.endswith(TEASER_SEPARATORS) or label.startswith(TEASER_MARKERS))
        and len(headline.split()) >= options.headline_min_words
        and _same_site(link.get("href") or "", base_url, site_hosts)
    )


LABELLED_LINK_MAX_NODES = 12
TEASER_LINE_TAGS = ("p", "li", "div")
TEASER_SEPARATORS = (":", "|", "–", "—", "-")  # after the label, in it or in its tail
TEASER_MARKERS = ("»", ">>", "→")
TEASER_LABEL_MAX_WORDS = 6


def _same_site(href: str, base_url: str, site_hosts: frozenset[str]) -> bool:
    """Whether the link leads to another page of the page's own site: to the base URL's host
    or another of `site_hosts` (the canonical URL's, for a copy served from elsewhere)."""
    if not base_url:
        return False
    joined = join_url(base_url, href.strip())
    if joined is None:  # an unparsable address ("http://[broken") leads nowhere known
        return False
    target = urlsplit(joined)
    if target.scheme not in ("http", "https") or not target.path.strip("/"):
        return False
    host = host_key(target.hostname)
    return host == host_key(urlsplit(base_url).hostname) or host in site_hosts


def _comment_count_line(line: str, options: ExtractionOptions) -> bool:
    """A short line stating the post's count of comments: its meta line, a thread's header."""
    return (
        options.comment_count_lines_dropped
        and len(line.split()) <= options.comment_count_line_max_words
        and settings.COMMENT_COUNT_LINE.search(line) is not None
    )


def _script_text(line: str, options: ExtractionOptions) -> bool:
    """Whether the line reads as script code (`script_text_dropped`)."""
    return (
        options.script_text_dropped
        and len(settings.SCRIPT_TOKEN.findall(line)) >= options.script_text_min_tokens
        and len(settings.SCRIPT_PUNCTUATION.findall(line))
        >= options.script_text_min_punctuation * len(line)
    )


def _shows_code(element: HtmlElement) -> bool:
    """Whether the block is in or holds a <pre> or <code>: code the page shows on purpose."""
    return next(element.iter(*settings.CODE_TAGS), None) is not None or any(
        ancestor.tag in settings.CODE_TAGS for ancestor in element.iterancestors()
    )


def _note_line(line: str, note: re.Pattern[str], options: ExtractionOptions) -> bool:
    """Whether the line is a note of `note`'s kind (a closing note, a service line), at any
    length up to `closing_note_max_chars`."""
    return len(line) <= options.closing_note_max_chars and note.match(line) is not None


def _words(line: str, options: ExtractionOptions) -> int:
    """The line's words; with `cjk_stub_words`, CJK text unspaced counts a word per
    `CJK_CHARS_PER_WORD` characters ("阪南大学は3月4日、…" above the text is no one-word stub;
    below it, a members-only notice still goes as one)."""
    words = len(line.split())
    if options.cjk_stub_words:
        words += len(settings.CJK_CHARACTER.findall(line)) // CJK_CHARS_PER_WORD
    return words


def _closing_sentence(block: TextBlock, line: str, prose: dict[HtmlElement, float]) -> bool:
    """A short sentence closing the text ("Good luck!"): a paragraph among the text's own."""
    parent = block.element.getparent()
    return (
        block.tag == "p"
        and line.endswith(settings.LEAD_SENTENCE_ENDS)
        and not settings.DATELINE.search(line)  # "Updated on 17.01.2021."
        and parent is not None
        and prose.get(parent, 0.0) > 0
    )


def _extend_over_tail_list(
    kept: list[tuple[TextBlock, str]], last: int, options: ExtractionOptions
) -> int:
    """The last position of the text, past a list of plain items right after the last prose
    ("Qualified teams: England ...", "Learn more: ...", references), headed or not."""
    if not options.keep_tail_lists:
        return last
    index, end = last + 1, last
    while index < len(kept):
        block, line = kept[index]
        is_item = block.tag in settings.LIST_ITEM_TAGS
        if is_item and block.link_density <= options.max_short_link_density:
            end = index
        elif not (block.tag in settings.HEADING_TAGS and index == end + 1):
            break
        index += 1
    return end


WRAPPER_LEVELS = 2
CJK_CHARS_PER_WORD = 2  # a CJK word is about two characters
LABEL_TAGS = frozenset({"strong", "b"})


def _is_headline_list(
    element: HtmlElement, cache: dict[HtmlElement, bool], options: ExtractionOptions
) -> bool:
    """Whether `element` is an item of a list made only of links to other pages' headlines
    (a "read more" module set inside the text), not a list that happens to carry links.
    """
    if element.tag != "li":
        return False
    parent = element.getparent()
    if parent is None or parent.tag not in ("ul", "ol"):
        return False
    if parent not in cache:
        # set right after a paragraph, not introduced by a heading or a "...:" lead-in
        before = parent.getprevious()
        if before is None and options.headline_list_labels:
            before = _previous_of_wrapper(parent)
        lead = normalize_text(before.text_content()) if before is not None else ""
        items = [child for child in parent if child.tag == "li"]
        cache[parent] = (
            before is not None
            and (
                _is_read_on_lead(lead, options)
                or (
                    before.tag not in settings.HEADING_TAGS
                    and len(lead) >= options.prose_min_chars
                    and not lead.endswith(":")
                )
            )
            and len(items) >= options.headline_list_min_items
            and all(_is_headline_link(item, options) for item in items)
            and sum(len(item.text_content().split()) for item in items)
            >= options.headline_mean_words * len(items)
        )
    return cache[parent]


def _is_read_on_lead(lead: str, options: ExtractionOptions) -> bool:
    return (
        options.read_on_lists_dropped
        and len(lead.split()) <= options.read_on_lead_max_words
        and settings.READ_ON_LEAD.match(lead) is not None
    )


def _leads_read_on_list(
    element: HtmlElement,
    lists: dict[HtmlElement, bool],
    leads: dict[HtmlElement, bool],
    options: ExtractionOptions,
) -> bool:
    """Whether `element` is the read-on lead-in of a list of other pages' headlines: it goes
    with the list."""
    following = element.getnext()
    if following is None or following.tag not in ("ul", "ol"):
        return False
    if element not in leads:
        lead = normalize_text(element.text_content())
        first = next((child for child in following if child.tag == "li"), None)
        leads[element] = (
            first is not None
            and _is_read_on_lead(lead, options)
            and _is_headline_list(first, lists, options)
        )
    return leads[element]


def _previous_of_wrapper(element: HtmlElement) -> HtmlElement | None:
    """The element before the box a list is the only child of (`<div><ul>…</ul></div>`)."""
    wrapper = element.getparent()
    for _ in range(WRAPPER_LEVELS):
        if wrapper is None or wrapper.tag in settings.PROTECTED_TAGS:
            return None
        if len([child for child in wrapper if isinstance(child.tag, str)]) != 1:
            return None
        before = wrapper.getprevious()
        if before is not None:
            return before
        wrapper = wrapper.getparent()
    return None


def _is_headline_link(item: HtmlElement, options: ExtractionOptions) -> bool:
    text = normalize_text(item.text_content())
    if len(text.split()) < options.headline_min_words:
        return False
    linked = sum(len(normalize_text(a.text_content())) for a in item.iter("a"))
    first = item[0] if len(item) else None
    if (
        options.headline_list_labels
        and first is not None
        and first.tag in LABEL_TAGS
        and not (item.text or "").strip()
        and next(first.iter("a"), None) is None
    ):
        # "<strong>Topic:</strong> <a>Headline</a>": a bold label leads the link
        label = normalize_text(first.text_content())
        return linked >= options.headline_list_min_link_share * (len(text) - len(label))
    return linked >= options.headline_list_min_link_share * len(text)


def _as_block(block: TextBlock, line: str) -> Block:
    kind = "heading" if block.tag in settings.HEADING_TAGS or block.tag == "h1" else "paragraph"
    return Block(collapse_repeated_span(line), kind)


def dedupe_blocks(blocks: list[Block]) -> list[Block]:
    """Drop a block repeating the one right before it (a title echoed, a doubled standfirst).

    Repeats further apart stay: recipes, schedules and FAQs legitimately repeat lines.
    """
    result: list[Block] = []
    previous = None
    for block in blocks:
        key = text_key(block.text)
        if key and key != previous:
            result.append(block)
        previous = key or previous
    return result


REPEATED_RUN_MAX_COPIES = 3  # a line said more often than this is a refrain, no double print


def drop_repeated_runs(blocks: list[Block], options: ExtractionOptions) -> list[Block]:
    """The text printed a second time by its template: a run of blocks said again later in
    the same order, holding a large share of the text, goes. Lines repeated apart (an
    interview's recurring question) and a plan's recurring parts (a meal plan's days, an
    embed's notice) stay: they hold a small share each. Linear in the blocks: a line said
    over and over starts no run, and a run already measured is not measured again from
    inside."""
    keys = [text_key(block.text) for block in blocks]
    total = sum(len(block.text) for block in blocks)
    seen: dict[str, list[int]] = {}
    measured_to: dict[int, int] = {}  # distance between the copies -> end of the run measured
    dropped: set[int] = set()
    for later, key in enumerate(keys):
        if later in dropped or not key:
            continue
        earlier_copies = seen.setdefault(key, [])
        for earlier in earlier_copies if len(earlier_copies) < REPEATED_RUN_MAX_COPIES else ():
            distance = later - earlier
            if later < measured_to.get(distance, 0):
                continue  # inside a run measured from its start
            length = 0
            while (
                later + length < len(keys)
                and length < distance
                and keys[earlier + length] == keys[later + length]
                and keys[earlier + length]
            ):
                length += 1
            measured_to[distance] = later + length
            run = blocks[later : later + length]
            if (
                length >= options.repeated_run_min_blocks
                and sum(len(block.text) for block in run) >= options.repeated_run_min_share * total
            ):
                dropped.update(range(later, later + length))
                break
        earlier_copies.append(later)
    return [block for index, block in enumerate(blocks) if index not in dropped]


def drop_alt_echo_captions(
    body: list[Block],
    page: PageWalk,
    container: HtmlElement,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> list[Block]:
    """The text without the lines that say what the picture right before them says in its alt
    text: the picture's caption, set as a plain line under it. Read once the text is chosen:
    its length decides between the readings, and a caption is part of what a reading found."""
    captions = {
        text_key(line)
        for block in page.blocks
        if block.tag not in settings.HEADING_TAGS and inside(block.element, container)
        for line in block.text.split("\n")
        if len(line.split()) <= options.caption_max_words
        and _echoes_picture_alt(block.element, line)
    }
    if not captions:
        return body
    return [block for block in body if text_key(block.text) not in captions]


def _echoes_picture_alt(element: HtmlElement, line: str) -> bool:
    """Whether `line` says what the alt text of a picture (not a link) right before its element
    says: the picture's caption, set as a plain line under it. A line over a picture saying
    its alt is the text the author described the picture with."""
    key = text_key(line)
    if not key:
        return False
    sibling = element.getprevious()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getprevious()  # a comment between ("<!-- CAPTION -->")
    if sibling is not None:
        pictures = (sibling,) if sibling.tag == "img" else sibling.iter("img")
        if any(
            text_key(picture.get("alt") or "") == key and not _in_link(picture, sibling)
            for picture in pictures
        ):
            return True
    return False


def _in_link(picture: HtmlElement, box: HtmlElement) -> bool:
    """Whether `picture` is a link (up to `box`): a teaser's thumbnail, its alt the headline
    beside it, not a caption."""
    for element in (picture, *picture.iterancestors()):
        if element.tag == "a":
            return True
        if element is box:
            return False
    return False


ADDRESS_LINE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
SHARE_LINKS_READ = 2000  # the links read for the addresses they hand on: bounded per page
MIN_SHARING_LINKS = 2  # a page shares itself on several buttons; a redirect cites once


def drop_own_address_lines(
    body: list[Block], root: HtmlElement, addresses: Iterable[str | None]
) -> list[Block]:
    """Without the lines saying only the page's own address: one of `addresses` (its URL,
    its canonical one) or one its links hand on in their query, at least `MIN_SHARING_LINKS`
    of them (share buttons: "sharer.php?u=https://p.dw.com/p/4SUrv"). The links are read
    only when such a line is there, and at most `SHARE_LINKS_READ` of them."""
    lines = [index for index, block in enumerate(body) if ADDRESS_LINE.fullmatch(block.text)]
    if not lines:
        return body
    own = {_address_key(address) for address in addresses if address}
    shared: dict[tuple[str, str], int] | None = None
    gone: set[int] = set()
    for index in lines:
        key = _address_key(body[index].text)
        if key not in own:
            if shared is None:
                shared = _shared_addresses(root)
            if shared.get(key, 0) < MIN_SHARING_LINKS:
                continue
        gone.add(index)
    return [block for index, block in enumerate(body) if index not in gone]


def _address_key(address: str) -> tuple[str, str]:
    """`page_key` of an address shown with or without its scheme ("www.example.com/a")."""
    address = address.strip()
    return page_key(address if "://" in address else f"http://{address}")


def _shared_addresses(root: HtmlElement) -> dict[tuple[str, str], int]:
    """The addresses the page's links hand on in their queries, with how many links do."""
    counts: dict[tuple[str, str], int] = {}
    for link in islice(root.iter("a"), SHARE_LINKS_READ):
        href = link.get("href") or ""
        query = url_parts(href).query if "?" in href else ""
        found = {
            _address_key(address)
            for _, value in parse_qsl(query)
            for address in ADDRESS_LINE.findall(unquote(value))
        }
        for key in found:
            counts[key] = counts.get(key, 0) + 1
    return counts
