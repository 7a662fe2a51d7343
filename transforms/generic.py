"""Generic main-content extraction for news pages that have no site profile.

One lxml parse per page, then:
1. walk the tree once into text blocks (a block is the text owned by one block-level element),
   skipping markup that never holds article text (scripts, navigation, share bars, ...);
2. score every block (+ text of prose-like blocks, - text of link lists and stubs) and add the
   score to all of the block's ancestors: the best-scoring element is the article container,
   widened when it holds a minor share of the page's prose (multi-section pages);
3. keep the container's blocks that read like article text, trim boilerplate at both ends;
4. read title, dates, authors, tags, language and images from metadata and the container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from records.article import Article, Block, Image, NotAnArticle
from transforms.dates import date_from_url, parse_datetime
from transforms.metadata import PageMetadata, read_metadata, short_language
from transforms.normalize import collapse_repeated_span, normalize_text

HtmlElement = lxml_html.HtmlElement

# -- tunables -----------------------------------------------------------------------------

PROSE_MIN_CHARS = 60  # a block this long (and not a link list) counts as article prose
SENTENCE_MIN_CHARS = 25  # shorter blocks count as prose when they end like a sentence
MAX_LINK_DENSITY = 0.5  # share of a block's text inside <a> above which it is navigation
MAX_SHORT_LINK_DENSITY = 0.3  # same, for blocks shorter than PROSE_MIN_CHARS
LINK_PENALTY = 1.0  # weight of link-list text against the container
STUB_PENALTY = 0.3  # weight of short non-heading text (labels, bylines, buttons)
BOILERPLATE_TEXT_MAX_CHARS = 160  # boilerplate phrases are only looked for in short blocks
EDGE_STUB_MAX_WORDS = 6  # short blocks before the first / after the last prose block are dropped
MIN_BODY_CHARS = 1  # below this the page has no body
MIN_CONFIDENCE = 0.05  # below this the page is refused as "low_confidence"
FALLBACK_MIN_CHARS = 250  # a result shorter than this tries the relaxed walk
GUARD_PARAGRAPHS = 4  # a boilerplate-named element with this many long <p> is walked anyway
GUARD_PARAGRAPH_CHARS = 120
ANCESTOR_DECAY = 0.7  # share of a block's score passed on to each further ancestor
# the container grows to its parent when that adds less than this share of its score ...
CLIMB_MAX_GAIN_SHARE = 0.5
CLIMB_MAX_NOISE = 0.1  # ... or adds prose with little link / stub text around it
CLIMB_MIN_SPLIT_SHARE = 0.6  # ... amounting to this share of the prose already held
CLIMB_INTRO_MAX_SHARE = 0.1  # ... or adds this little prose with next to no noise (an intro)
CLIMB_INTRO_MAX_NOISE = 0.02
SHARE_CLIMB_BELOW = 0.6  # a container with less of the page's prose looks for a wider one
SHARE_CLIMB_MAX_NOISE = 0.5  # ... accepted when link / stub text is at most this share of the gain
ARTICLE_BODY_PREFERRED_RATIO = 1.3  # JSON-LD articleBody wins when this much longer

SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "map",
        "head",
        "title",
        "meta",
        "link",
        "button",
        "select",
        "input",
        "textarea",
        "option",
        "dialog",
        "nav",
        "aside",
        "footer",
        "menu",
    }
)
# The last-resort pass reads page chrome and hidden fallbacks too: only machinery stays skipped.
RELAXED_SKIPPED_TAGS = SKIPPED_TAGS - {
    "aside",
    "audio",
    "button",
    "dialog",
    "footer",
    "map",
    "menu",
    "nav",
    "noscript",
    "video",
}
BLOCK_TAGS = frozenset(
    {
        "html",
        "body",
        "main",
        "article",
        "section",
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
        "fieldset",
        "legend",
        "address",
        "center",
        "details",
        "summary",
        "hr",
        "figure",
        "figcaption",
        "noscript",
        "label",
    }
)
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
LIST_ITEM_TAGS = frozenset({"li", "dt", "dd"})
SECTIONING_TAGS = frozenset({"article", "main"})
IMAGE_HOLDERS = frozenset({"figure", "picture"})
PROTECTED_TAGS = frozenset({"html", "body", "main", "article"})
SKIPPED_ROLES = frozenset(
    {
        "navigation",
        "complementary",
        "banner",
        "contentinfo",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
        "search",
        "toolbar",
        "tablist",
    }
)

# class / id words of containers that never hold article text (matched per word of the name)
BOILERPLATE_NAME = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|sharer|social|socials|related|recommend\w*|comments?|"
    r"cookies?|consent|gdpr|newsletter|subscribe|subscription|signup|promo|promos|advert\w*|"
    r"ads?|adsense|adslot|sponsor\w*|banner|breadcrumbs?|sidebar|menu|navbar|"
    r"nav|navigation|footer|masthead|popup|modal|overlay|print|printer|tags?|tagcloud|tag-list|"
    r"keywords|byline|bylines|author|authors|author-bio|meta|metadata|dateline|caption|"
    r"captions|credit|credits|copyright|pagination|pager|paging|skip|sr-only|"
    r"visually-hidden|screen-reader-text|login|donate|outbrain|taboola|more-stories|"
    r"read-more|readmore|toolbar|tools|jump|disqus|rating|most-popular|"
    r"mostread|most-read|trending|carousel|slider|lightbox|infobox|feedback|follow|"
    r"post-navigation|audio|video-player|player|timestamp|published|posted-on|"
    r"entry-meta|post-meta|article-meta|categories|category|toc)(?=$|[-_\s\d])",
    re.IGNORECASE,
)
CONTENT_NAME = re.compile(
    r"(?:article|entry|post|story|news|page|main|node)[-_]?(?:body|content|text|detail)|"
    r"articlebody|field-body|field--name-body|rich-?text|prose|story-?body|hentry|type-post|"
    r"status-publish",
    re.IGNORECASE,
)
# names skipped even when they hold paragraphs: comment threads are prose, but not the article
ALWAYS_SKIPPED_NAME = re.compile(r"comment|disqus|cookie|consent|newsletter|related", re.I)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
BREAKS = re.compile(r"\n[\s\u00a0]*\n")  # <br><br> separates paragraphs, one <br> does not
LEAD_SENTENCE_ENDS = (".", "!", "?")
SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)\]]\s*$")

BOILERPLATE_TEXT = re.compile(
    r"^(?:share(?: (?:this|on|via)\b.*)?|tweet|e-?mail|print|comments?|copy link|"
    r"advertisement|anzeige|werbung|publicité|sponsored|read more|read next|more:?|"
    r"click here\b.*|sign up\b.*|subscribe\b.*|follow us\b.*|related(?: \w+)?:?|"
    r"also read:?.*|see also:?.*|tags?:.*|"
    r"(?:read (?:more|next|also)|related(?: \w+){0,2}|more on this|see more|watch|listen|"
    r"recommended|lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|(?:à )?lire aussi|"
    r"leggi anche|lee también|ver também|leia também)\s*:.*|filed under:?.*|posted in\b.*|categories?:.*|"
    r"back to top|top|next|previous|prev|home|menu|search|loading\.*|"
    r"(?:photo|image|foto|bild|picture|credit|source|quelle|photograph)s?(?: by)?\s*[:/©].*|"
    r"©.*|\(c\) .*|copyright\b.*|all rights reserved.*|alle rechte vorbehalten.*|"
    r"tous droits réservés.*|listen to (?:this )?article.*|\d+ (?:min|minute)s? read|"
    r"(?:(?:page|image|photo|picture|slide|foto|bild|seite) )?\d+(?: (?:of|/|von|de|sur|di) \d+)?|[\w\-.]+\.(?:png|jpe?g|gif|webp|bmp|svg|tiff?)|"
    r"(?:facebook|twitter|linkedin|whatsapp|instagram|pinterest|reddit|x|telegram|email)"
    r"(?:\s*[|,/·•]?\s*(?:facebook|twitter|linkedin|whatsapp|instagram|pinterest|reddit|x|"
    r"telegram|email|print|share))*)$",
    re.IGNORECASE,
)
END_MARKER = re.compile(
    r"^(?:related(?: \w+){0,2}|more (?:news|stories|from\b.*|on this\b.*|in\b.*)|"
    r"you (?:may|might) also (?:like|enjoy)|read (?:more|next|also)\b.*|recommended\b.*|"
    r"(?:leave a |post a )?(?:comments?|reply|responses)|share (?:this|the) (?:article|story|post)|"
    r"about the author|latest (?:news|stories|posts)|popular\b.*|most (?:read|popular|viewed)|"
    r"weitere (?:artikel|nachrichten|themen)|mehr zum thema|das könnte sie auch interessieren|"
    r"à lire aussi|lire aussi|sur le même sujet|articles? (?:liés|connexes)|"
    r"también te puede interesar|leggi anche|weitere informationen|"
    r"(?:die autorin|der autor|zur autorin|zum autor|über (?:die autorin|den autor))|"
    r"about the authors?|you may also like|(?:você|voce) (?:também )?pode gostar)"
    r"\s*(?::|\.\.\.|…)?$",
    re.IGNORECASE,
)
CREDIT_NAME = re.compile(r"credit|copyright|photographer|source|author|byline|rights", re.I)
CREDIT_IN_CAPTION = re.compile(
    r"\s*(?:[\[(]\s*)?(?:(?:photo|image|foto|bild|picture|credit|source|quelle|photograph)s?"
    r"(?:\s+by\b|\s+credit\s*[:/]?|\s*[:/])|©|\(c\))\s*(?P<credit>[^\])]{2,120}?)\s*[\])]?\s*$",
    re.IGNORECASE,
)
TITLE_SEPARATOR = re.compile(r"\s+[|–—\-»·•]\s+|\s+::\s+")
BYLINE_NAME = re.compile(r"(?:^|[-_\s])(?:byline|author|authors|author-name)(?:$|[-_\s])", re.I)
DATE_IN_TEXT = re.compile(r"\b(?:19|20)\d{2}\b")
# "Published 18 Jul 2024 at 08:01", "25/04/2026", "Updated 15:10h": a date line, not prose
DATELINE = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
DATELINE_MAX_WORDS = 12
HEADLINE_LIST_MIN_ITEMS = 2  # a list of this many items, each a link of ...
HEADLINE_MIN_WORDS = 4  # ... this many words or more (a headline), is a "read more" module
HEADLINE_LIST_MIN_LINK_SHARE = 0.9
HEADLINE_MEAN_WORDS = 6  # ... and this many on average (titles of books or pages are shorter)
# short closing lines asking the reader to do something: dropped from the end of the body
TAIL_CALL = re.compile(
    r"\b(?:newsletters?|sign(?:ing)? up|subscribe|follow (?:us|him|her|them)|"
    r"share (?:it|this)|get in touch|bookmarks?|contributed (?:to )?(?:this|the) "
    r"(?:report|story|article)|(?:can|may) be reached at|have a (?:news )?tip)\b",
    re.IGNORECASE,
)
TAIL_CALL_MAX_CHARS = 200
RULE_LINE = re.compile(r"^[_*#=~]{3,}$")  # "___", "###": the text ends, notes follow
END_MARKER_MAX_PROSE_AFTER = 0.5  # an end marker ends the body unless more prose follows it


# -- blocks -------------------------------------------------------------------------------


@dataclass(slots=True)
class TextBlock:
    """Text owned by one block-level element (one of several if nested blocks split it)."""

    element: HtmlElement
    tag: str
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    text: str = ""
    score: float = 0.0
    is_prose: bool = False

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.link_chars += len(text.strip())

    @property
    def link_density(self) -> float:
        return min(1.0, self.link_chars / len(self.text)) if self.text else 0.0


@dataclass(slots=True)
class FoundImage:
    element: HtmlElement
    image: Image


@dataclass
class PageWalk:
    """Blocks and images of one page, in document order."""

    base_url: str
    relaxed: bool = False
    blocks: list[TextBlock] = field(default_factory=list)
    images: list[FoundImage] = field(default_factory=list)

    def new_block(self, element: HtmlElement) -> TextBlock:
        block = TextBlock(element, element.tag)
        self.blocks.append(block)
        return block

    def walk(self, element: HtmlElement, current: TextBlock, in_link: bool) -> TextBlock:
        """Add `element` and its tail to the blocks; returns the block for the text that follows."""
        tag = element.tag
        if not isinstance(tag, str):  # comments and processing instructions
            current.add(element.tail, in_link)
            return current
        if self.is_skipped(element, tag):
            current.add(element.tail, in_link)
            return current
        if tag == "br":
            current.parts.append("\n")
            current.add(element.tail, in_link)
            return current
        if tag in IMAGE_HOLDERS or tag == "img":
            self.record_image(element, tag)
            if tag == "figure" or tag == "img":
                if tag == "figure":
                    following = self.new_block(current.element)
                    following.add(element.tail, in_link)
                    return following
                current.add(element.tail, in_link)
                return current
        if tag in BLOCK_TAGS:
            inner = self.new_block(element)
            inner.add(element.text, in_link)
            for child in element:
                inner = self.walk(child, inner, in_link)
            following = self.new_block(current.element)
            following.add(element.tail, in_link)
            return following
        link = in_link or tag == "a"
        current.add(element.text, link)
        for child in element:
            current = self.walk(child, current, link)
        current.add(element.tail, in_link)
        return current

    def is_skipped(self, element: HtmlElement, tag: str) -> bool:
        if self.relaxed:  # last resort: hidden and script-less content too
            return tag in RELAXED_SKIPPED_TAGS
        if tag in SKIPPED_TAGS:
            # an unclosed <button> swallows the rest of the page: walk one holding paragraphs
            return tag != "button" or next(element.iter("p"), None) is None
        if element.get("hidden") is not None:
            return True
        style = element.get("style")
        if style and HIDDEN_STYLE.search(style):
            return True
        if tag in PROTECTED_TAGS:
            return False
        role = element.get("role")
        if role and role.lower() in SKIPPED_ROLES:
            return True
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if names == " ":
            return False
        if not BOILERPLATE_NAME.search(names) or CONTENT_NAME.search(names):
            return False
        return bool(ALWAYS_SKIPPED_NAME.search(names)) or not _holds_article_text(element)

    def record_image(self, element: HtmlElement, tag: str) -> None:
        if tag == "img":
            img = element
        else:
            img = next(element.iter("img"), None)
            if img is None:
                return
        if tag == "img" and any(a.tag in IMAGE_HOLDERS for a in element.iterancestors()):
            return  # recorded with its figure
        src = _image_source(img)
        if not src:
            return
        caption = credit = None
        if tag == "figure":
            caption, credit = _caption_and_credit(element)
        alt = normalize_text(img.get("alt") or "") or None
        if alt and re.fullmatch(r"[\w\-.]+\.(?:png|jpe?g|gif|webp|bmp|svg)", alt, re.I):
            alt = None
        self.images.append(
            FoundImage(element, Image(urljoin(self.base_url, src), caption, credit, alt))
        )


def _holds_article_text(element: HtmlElement) -> bool:
    """A wrapper named like boilerplate ("content-with-sidebar") that still holds many paragraphs."""
    found = 0
    for paragraph in element.iter("p"):
        if len(paragraph.text_content()) >= GUARD_PARAGRAPH_CHARS:
            found += 1
            if found >= GUARD_PARAGRAPHS:
                return True
    return False


def _image_source(img: HtmlElement) -> str | None:
    for attribute in ("src", "data-src", "data-lazy-src", "data-original", "data-srcset", "srcset"):
        value = (img.get(attribute) or "").strip()
        if attribute.endswith("srcset"):
            value = value.split(",")[0].strip().split(" ")[0]
        if value and not value.startswith("data:"):
            if img.get("width") in ("0", "1") or img.get("height") in ("0", "1"):
                return None  # tracking pixel
            return value
    return None


def _caption_and_credit(figure: HtmlElement) -> tuple[str | None, str | None]:
    caption_node = next(figure.iter("figcaption"), None)
    if caption_node is None:
        return None, None
    credit = None
    caption_parts: list[str] = []
    for node in caption_node.iter():
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node is not caption_node and CREDIT_NAME.search(names):
            credit = normalize_text(node.text_content()) or credit
    text = normalize_text(caption_node.text_content())
    if credit and credit in text:
        text = text.replace(credit, "").strip()
    caption_parts.append(text)
    caption = " ".join(caption_parts).strip()
    if credit is None:
        match = CREDIT_IN_CAPTION.search(caption)
        if match:
            credit = match.group("credit").strip() or None
            caption = caption[: match.start()].strip()
    if credit:
        credit = re.sub(
            r"^(?:photo|image|foto|bild|credit)s?\s*[:/]\s*|^©\s*", "", credit, flags=re.I
        )
    return caption or None, credit or None


def walk_page(root: HtmlElement, base_url: str, relaxed: bool) -> PageWalk:
    page = PageWalk(base_url, relaxed)
    body = next(root.iter("body"), None)
    start = body if body is not None else root
    page.walk(start, page.new_block(start), False)
    kept = []
    for block in page.blocks:
        if not block.parts:
            continue
        text = "".join(block.parts)
        block.text = "\n".join(
            line for line in (normalize_text(part) for part in BREAKS.split(text)) if line
        )
        if block.text:
            kept.append(block)
    page.blocks = kept
    return page


# -- the container ------------------------------------------------------------------------


def score_block(block: TextBlock) -> float:
    length = len(block.text)
    density = block.link_density
    own_chars = length - block.link_chars
    if own_chars >= 2 * PROSE_MIN_CHARS and SENTENCE_END.search(block.text):
        block.is_prose = True  # long prose carrying many inline links (or link pop-ups)
        return float(own_chars)
    if density > (MAX_LINK_DENSITY if length >= PROSE_MIN_CHARS else MAX_SHORT_LINK_DENSITY):
        return -LINK_PENALTY * length
    if block.tag in HEADING_TAGS or block.tag == "h1":
        return 0.0  # headings follow the text they head, they do not locate it
    if (
        length < 2 * PROSE_MIN_CHARS
        and DATELINE.search(block.text)
        and (len(block.text.split()) <= DATELINE_MAX_WORDS)
    ):
        return -STUB_PENALTY * length
    if length >= PROSE_MIN_CHARS or (
        length >= SENTENCE_MIN_CHARS and SENTENCE_END.search(block.text)
    ):
        block.is_prose = True
        return length * (1.0 - density)
    if block.tag in HEADING_TAGS:
        return 0.0
    return -STUB_PENALTY * length


def choose_container(
    blocks: list[TextBlock], prose: dict[HtmlElement, float] | None = None
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
    page_prose = 0.0
    for block in blocks:
        block.score = score_block(block)
        chain = chains.get(block.element)
        if chain is None:
            chain = [block.element, *block.element.iterancestors()]
            chains[block.element] = chain
        weight = 1.0
        for depth, element in enumerate(chain):
            totals[element] = totals.get(element, 0.0) + block.score
            decayed[element] = decayed.get(element, 0.0) + block.score * weight
            if depth >= 1:
                weight *= ANCESTOR_DECAY
        if block.is_prose:
            page_prose += block.score
            for element in chain:
                prose[element] = prose.get(element, 0.0) + block.score
    if not totals:
        return None, 0.0, 0.0
    best = max(decayed, key=decayed.__getitem__)
    node = best
    while (parent := node.getparent()) is not None:
        gain = totals[parent] - totals[best]
        added_prose = prose.get(parent, 0.0) - prose.get(best, 0.0)
        if added_prose <= 0:
            if gain < 0:
                break
            node = parent  # a wrapper adding nothing: look further up
            continue
        added_noise = added_prose - gain
        small = gain <= CLIMB_MAX_GAIN_SHARE * totals[best]
        clean = added_noise <= CLIMB_MAX_NOISE * added_prose
        # right above, a small gain is enough; past a wrapper, only a clean second half of
        # the text split off by the template (not a stray standfirst or teaser)
        split_half = clean and added_prose >= CLIMB_MIN_SPLIT_SHARE * prose.get(best, 0.0)
        # ... or a short clean lead-in kept apart by the template (an intro, key takeaways)
        intro = added_noise <= CLIMB_INTRO_MAX_NOISE * added_prose and (
            added_prose <= CLIMB_INTRO_MAX_SHARE * prose.get(best, 0.0)
        )
        if gain <= 0 or not (split_half or intro or (small and node is best)):
            break
        best = node = parent
    if prose.get(best, 0.0) < SHARE_CLIMB_BELOW * page_prose:
        best = _climb_to_prose_share(best, blocks, prose, page_prose)
    return best, prose.get(best, 0.0), page_prose


def _climb_to_prose_share(
    best: HtmlElement,
    blocks: list[TextBlock],
    prose: dict[HtmlElement, float],
    page_prose: float,
) -> HtmlElement:
    """Second chance for a container holding a minor part of the page's prose.

    Pages split into many sections or columns (landing pages, guides, long reads with
    boxes) leave the best-scoring block a small part of the text: the container becomes
    the nearest ancestor holding SHARE_CLIMB_BELOW of the prose, when the noise it adds
    (link and stub text outside the prose groups) is small against the prose it adds.
    The climb never leaves the page's only <article> or <main>.
    """
    held = prose.get(best, 0.0)
    target = SHARE_CLIMB_BELOW * page_prose
    for element in best.iterancestors():
        if prose.get(element, 0.0) >= target:
            added_prose = prose[element] - held
            added_noise = 0.0
            for block in blocks:
                if (
                    block.score < 0
                    and _inside(block.element, element)
                    and not _inside(block.element, best)
                    and not _in_prose_group(block.element, element, prose)
                ):
                    added_noise -= block.score
            return element if added_noise <= SHARE_CLIMB_MAX_NOISE * added_prose else best
        if element.tag in SECTIONING_TAGS and _only_one(element):
            return best
    return best


def _only_one(element: HtmlElement) -> bool:
    """Whether `element` is the only one of its tag in the document."""
    root = element.getroottree().getroot()
    return next(islice(root.iter(element.tag), 1, None), None) is None


def _in_prose_group(
    element: HtmlElement, container: HtmlElement, prose: dict[HtmlElement, float]
) -> bool:
    """Whether a link-dense block sits among the prose (a list in the text, a line of a
    paragraph) rather than in a module of its own (related links, a job board, a teaser box):
    the element holding it, or its list, also holds prose.
    """
    anchor = element
    if anchor.tag in LIST_ITEM_TAGS and anchor.getparent() is not None:
        anchor = anchor.getparent()
    parent = anchor.getparent()
    while anchor is not container and parent is not None and len(parent) == 1:
        anchor, parent = parent, parent.getparent()  # a wrapper of one: look past it
    if anchor is container:
        return True
    return parent is None or prose.get(parent, 0.0) > 0


def _inside(element: HtmlElement, container: HtmlElement) -> bool:
    if element is container:
        return True
    return any(ancestor is container for ancestor in element.iterancestors())


def select_blocks(
    blocks: list[TextBlock],
    container: HtmlElement,
    title: str,
    prose: dict[HtmlElement, float],
) -> list[Block]:
    """The container's article blocks, in order, with boilerplate and edge stubs removed."""
    inside: dict[HtmlElement, bool] = {}
    candidates: list[tuple[TextBlock, str]] = []
    title_key = _key(title)
    for block in blocks:
        owner = block.element
        if owner not in inside:
            inside[owner] = _inside(owner, container)
        if not inside[owner]:
            continue
        for line in block.text.split("\n"):
            candidates.append((block, line))

    prose_after = [0.0] * (len(candidates) + 1)
    for index in range(len(candidates) - 1, -1, -1):
        block, line = candidates[index]
        prose_after[index] = prose_after[index + 1] + (len(line) if block.is_prose else 0)
    kept: list[tuple[TextBlock, str]] = []
    for index, (block, line) in enumerate(candidates):
        is_heading = block.tag in HEADING_TAGS or block.tag == "h1"
        if len(line) <= BOILERPLATE_TEXT_MAX_CHARS:
            if BOILERPLATE_TEXT.match(line):
                continue
            if (is_heading and END_MARKER.match(line)) or RULE_LINE.match(line):
                prose_before = prose_after[0] - prose_after[index]
                if prose_after[index] < END_MARKER_MAX_PROSE_AFTER * prose_before:
                    break
                continue
            if block.tag == "h1" and (_key(line) == title_key or not kept):
                continue
        kept.append((block, line))

    prose_positions = [i for i, (block, line) in enumerate(kept) if block.is_prose]
    if not prose_positions:
        return [_as_block(block, line) for block, line in kept]
    first, last = prose_positions[0], prose_positions[-1]
    headline_lists: dict[HtmlElement, bool] = {}
    selected: list[Block] = []
    for index, (block, line) in enumerate(kept):
        is_heading = block.tag in HEADING_TAGS
        if (
            index < first
            and not is_heading
            and len(line.split()) <= EDGE_STUB_MAX_WORDS
            and not (block.tag in LIST_ITEM_TAGS or line.endswith(LEAD_SENTENCE_ENDS))
        ):
            continue  # a byline, date or label before the text; a short sentence or item stays
        if index > last and (is_heading or len(line.split()) <= EDGE_STUB_MAX_WORDS):
            continue
        if (
            block.score < 0
            and block.link_density > MAX_SHORT_LINK_DENSITY
            and (
                index < first
                or index > last
                or not _in_prose_group(block.element, container, prose)
                or _is_headline_list(block.element, headline_lists)
            )
        ):
            continue  # link lists count only inside the text, among its prose
        selected.append(_as_block(block, line))
    while selected and len(selected[-1].text) <= TAIL_CALL_MAX_CHARS:
        if not TAIL_CALL.search(selected[-1].text):
            break
        selected.pop()  # "Subscribe to our newsletter", "Follow us on ...": a call to action
    return selected


def _is_headline_list(element: HtmlElement, cache: dict[HtmlElement, bool]) -> bool:
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
        lead = normalize_text(before.text_content()) if before is not None else ""
        items = [child for child in parent if child.tag == "li"]
        cache[parent] = (
            before is not None
            and before.tag not in HEADING_TAGS
            and len(lead) >= PROSE_MIN_CHARS
            and not lead.endswith(":")
            and len(items) >= HEADLINE_LIST_MIN_ITEMS
            and all(_is_headline_link(item) for item in items)
            and sum(len(item.text_content().split()) for item in items)
            >= HEADLINE_MEAN_WORDS * len(items)
        )
    return cache[parent]


def _is_headline_link(item: HtmlElement) -> bool:
    text = normalize_text(item.text_content())
    if len(text.split()) < HEADLINE_MIN_WORDS:
        return False
    linked = sum(len(normalize_text(a.text_content())) for a in item.iter("a"))
    return linked >= HEADLINE_LIST_MIN_LINK_SHARE * len(text)


def _as_block(block: TextBlock, line: str) -> Block:
    kind = "heading" if block.tag in HEADING_TAGS or block.tag == "h1" else "paragraph"
    return Block(collapse_repeated_span(line), kind)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def dedupe_blocks(blocks: list[Block]) -> list[Block]:
    """Drop a block repeating the one right before it (a title echoed, a doubled standfirst).

    Repeats further apart stay: recipes, schedules and FAQs legitimately repeat lines.
    """
    result: list[Block] = []
    previous = None
    for block in blocks:
        key = _key(block.text)
        if key and key != previous:
            result.append(block)
        previous = key or previous
    return result


# -- metadata fields ------------------------------------------------------------------------


def clean_title(title: str | None, site_name: str | None) -> str | None:
    """Drop a site-name suffix or prefix ("Story | Site", "Site - Story")."""
    if not title:
        return None
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) == 1:
        return title
    if site_name:
        site = _key(site_name)
        parts = [p for p in parts if _key(p) != site and site not in _key(p)] or parts
    if len(parts) > 1:
        longest = max(parts, key=len)
        if len(longest) >= 0.5 * len(title) or len(longest.split()) >= 4:
            return longest
        return " - ".join(parts)
    return parts[0]


def pick_title(meta: PageMetadata, root: HtmlElement) -> str | None:
    h1 = next(root.iter("h1"), None)
    h1_text = normalize_text(h1.text_content()) if h1 is not None else ""
    for candidate in (meta.title, meta.headline, h1_text or None):
        title = clean_title(candidate, meta.site_name)
        if title:
            return title
    return None


def pick_subtitle(meta: PageMetadata, body: list[Block], title: str) -> str | None:
    description = meta.description
    if not description or len(description) < 30 or _key(description) == _key(title):
        return None
    if description.endswith(("...", "…", "[…]")):
        return None
    first = _key(body[0].text) if body else ""
    key = _key(description)
    if first.startswith(key) and len(first) > len(key) * 1.2:
        return None  # the first paragraph, truncated: not a standfirst
    return description


def pick_dates(
    meta: PageMetadata, root: HtmlElement, container: HtmlElement | None, url: str, zone: str
) -> tuple[datetime | None, datetime | None]:
    published = parse_datetime(meta.published, zone)
    if published is None:
        scope = container if container is not None else root
        for node in (*scope.iter("time"), *root.iter("time")):
            published = parse_datetime(node.get("datetime") or node.text_content(), zone)
            if published is not None:
                break
    if published is None:
        published = date_from_url(url, zone)
    updated = parse_datetime(meta.modified, zone)
    return published, updated


def pick_authors(meta: PageMetadata, root: HtmlElement) -> tuple[str, ...]:
    if meta.authors:
        return meta.authors
    for node in root.iter("a", "span", "div", "p", "address"):
        if (
            node.get("rel") == "author"
            or node.get("itemprop") == "author"
            or (BYLINE_NAME.search(node.get("class") or ""))
        ):
            text = normalize_text(node.text_content())
            text = re.sub(r"^(?:by|von|par|por)\s+", "", text, flags=re.I)
            if 2 < len(text) <= 80 and not DATE_IN_TEXT.search(text):
                return (text,)
    return ()


# -- the article ----------------------------------------------------------------------------


def parse_html(html: str) -> HtmlElement:
    """One lxml parse; an XML declaration with an encoding is dropped first (lxml refuses it)."""
    if html.lstrip().startswith("<?xml"):
        html = html[html.index("?>") + 2 :] if "?>" in html else html
    try:
        return lxml_html.document_fromstring(html, parser=PARSER)
    except (etree.ParserError, ValueError) as error:
        raise NotAnArticle("empty_body", f"unparseable HTML: {error}") from error


PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False)


def extract_body(
    root: HtmlElement, url: str, title: str, relaxed: bool
) -> tuple[list[Block], PageWalk, HtmlElement | None, float, float]:
    page = walk_page(root, url, relaxed)
    prose: dict[HtmlElement, float] = {}
    container, container_prose, page_prose = choose_container(page.blocks, prose)
    if container is None:
        return [], page, None, 0.0, 0.0
    body = dedupe_blocks(select_blocks(page.blocks, container, title, prose))
    return body, page, container, container_prose, page_prose


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


def extract_generic(html: str, url: str, *, default_timezone: str = "UTC") -> Article:
    """Extract an Article from any news page; raises NotAnArticle when there is none."""
    root = parse_html(html)
    meta = read_metadata(root, url)
    title = pick_title(meta, root)
    if not title:
        raise NotAnArticle("no_title", "no og:title, JSON-LD headline, h1 or <title>")

    body, page, container, container_prose, page_prose = extract_body(root, url, title, False)
    if sum(len(b.text) for b in body) < FALLBACK_MIN_CHARS:
        relaxed = extract_body(root, url, title, True)
        if sum(len(b.text) for b in relaxed[0]) > sum(len(b.text) for b in body):
            body, page, container, container_prose, page_prose = relaxed
    body_chars = sum(len(b.text) for b in body)
    if meta.article_body and len(meta.article_body) > ARTICLE_BODY_PREFERRED_RATIO * body_chars:
        # the page ships its full text in JSON-LD while the HTML shows a part of it
        body = dedupe_blocks(
            [Block(line) for line in meta.article_body.split("\n") if line.strip()]
        )
        container_prose = page_prose = float(len(meta.article_body))
    if sum(len(b.text) for b in body) < MIN_BODY_CHARS:
        raise NotAnArticle("empty_body", "no article text found")

    title_key = _key(title)
    title_in_page = any(title_key and title_key in _key(b.text) for b in page.blocks[:200])
    confidence = confidence_of(body, container_prose, page_prose, title_in_page)
    if confidence < MIN_CONFIDENCE:
        raise NotAnArticle("low_confidence", f"confidence {confidence}")

    published, updated = pick_dates(meta, root, container, url, default_timezone)
    images = tuple(
        found.image
        for found in page.images
        if container is not None and _inside(found.element, container)
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
