"""Walking a page once into text blocks (the text each block-level element owns) and images."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from lxml import html as lxml_html

from records.article import Image
from records.urls import join_url
from transforms.furniture import is_stand_in
from transforms.generic import settings
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.normalize import normalize_text

HtmlElement = lxml_html.HtmlElement


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
    listing: bool = False  # a listing page: teaser names ("post-meta", "tags") are content
    blocks: list[TextBlock] = field(default_factory=list)
    images: list[FoundImage] = field(default_factory=list)
    options: ExtractionOptions = DEFAULT_OPTIONS
    # keyed by the parent element itself: an id() of an lxml proxy may be reused once it is freed
    kept_templates: dict[tuple[object, ...], bool] = field(default_factory=dict)
    signup_boxes: set[HtmlElement] = field(default_factory=set)
    # a page writing its paragraphs as <div>s: a box named like boilerplate is weighed by them
    div_paragraphs: bool = False

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
            if self.options.headed_boxes_named and tag in HEADED_BOX_TAGS:
                heading = leading_heading(element)
                if heading is not None and settings.END_MARKER.match(_words_of(heading)):
                    # a rail's heading ("More News") still ends the text where the rail stood
                    current = self.walk(heading, current, in_link)
            current.add(element.tail, in_link)
            return current
        if tag == "br":
            current.parts.append("\n")
            current.add(element.tail, in_link)
            return current
        if tag in settings.IMAGE_HOLDERS or tag == "img":
            self.record_image(element, tag)
            if tag == "figure" and _holds_text_blocks(element, self.options):
                # a table, list or paragraphs set in a <figure>: text; its caption is not
                return self.walk_text_figure(element, current, in_link)
            if tag == "figure" or tag == "img":
                if tag == "figure":
                    following = self.new_block(current.element)
                    following.add(element.tail, in_link)
                    return following
                current.add(element.tail, in_link)
                return current
        if (
            tag in settings.TABLE_CELL_TAGS
            and self.options.table_rows_as_text
            and _is_data_cell(element)
        ):
            # a data cell is part of its row's line: short, numeric and linked cells stay with it
            current.parts.append(" ")
            current.add(element.text, in_link)
            for child in element:
                current = self.walk(child, current, in_link)
            current.parts.append(" ")
            current.add(element.tail, in_link)
            return current
        if tag in settings.BLOCK_TAGS:
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

    def walk_text_figure(
        self, element: HtmlElement, current: TextBlock, in_link: bool
    ) -> TextBlock:
        inner = self.new_block(element)
        inner.add(element.text, in_link)
        for child in element:
            if child.tag == "figcaption":
                inner = self.new_block(element)
                inner.add(child.tail, in_link)
                continue
            inner = self.walk(child, inner, in_link)
        following = self.new_block(current.element)
        following.add(element.tail, in_link)
        return following

    def is_skipped(self, element: HtmlElement, tag: str) -> bool:
        if self.relaxed:  # last resort: hidden and script-less content too, never a consent box
            if tag in settings.RELAXED_SKIPPED_TAGS:
                return True
            if tag == "form" and self.options.relaxed_skips_forms:
                return is_input_form(element, self.options)
            names = f"{element.get('class') or ''} {element.get('id') or ''}"
            return self.options.relaxed_skips_consent and bool(settings.CONSENT_NAME.search(names))
        if tag in settings.SKIPPED_TAGS:
            # an unclosed <button> swallows the rest of the page: walk one holding paragraphs
            return tag != "button" or next(element.iter("p"), None) is None
        if element.get("hidden") is not None:
            # React streams late server-rendered parts as <div hidden id="S:0">, shown by script
            # (in an article; a listing's hidden segments are more teasers than shown)
            return self.listing or not settings.STREAMED_SEGMENT_ID.match(element.get("id") or "")
        style = element.get("style")
        if style and settings.HIDDEN_STYLE.search(style):
            return True
        if tag == "a" and self.options.skip_jump_links and _is_jump_link(element):
            return True
        if tag == "figcaption" and self.options.stray_captions_skipped:
            return True
        if tag == "label" and self.options.field_labels_skipped and _labels_a_field(element):
            return True  # "I would like to be emailed about offers": a sign-up box's checkbox
        if tag in settings.PROTECTED_TAGS:
            return False
        if tag == "form" and self.options.skip_input_forms and not self.listing:
            return is_input_form(element, self.options)
        if element in self.signup_boxes:
            return True
        classes = element.get("class")
        if classes and self.options.popup_cards_skipped and settings.POPUP_CONTENT.search(classes):
            return True  # a card shown on hover over a name: its picture and other headlines
        if (
            classes
            and self.options.player_controls_skipped
            and settings.PLAYER_CONTROLS.search(classes)
        ):
            return True
        if (
            classes
            and self.options.skip_hidden_class
            and not self.listing  # a listing's later teasers wait hidden for "load more"
            and settings.HIDDEN_CLASS.search(classes)
        ):
            return True
        role = element.get("role")
        if role and role.lower() in settings.SKIPPED_ROLES:
            # an accordion (role tablist) can hold the text itself, folded into panels
            return not (
                role.lower() in settings.PANEL_ROLES
                and self.options.walk_text_panels
                and _holds_article_text(element, self.options)
            )
        element_id = element.get("id") or ""
        if tag in settings.HEADING_TAGS and (
            (self.options.heading_anchor_ids and _spells_text(element_id, element))
            or (self.options.numbered_heading_ids and NUMBERED_ID.fullmatch(element_id))
        ):
            element_id = ""  # "nav_the_battery_lives_on": an anchor made from the heading's words
        names = element_names(element, self.options, element_id)
        headed = ""
        if self.options.headed_boxes_named and tag in HEADED_BOX_TAGS:
            headed = heading_name(element, self.options)
            names = f"{names} {headed}"
        if not names.strip():
            return False
        if self.listing:
            return bool(settings.LISTING_SKIPPED_NAME.search(names)) and not _holds_main(
                element, self.options
            )
        if headed == "more-stories" and self.options.rail_headings_outweigh_text:
            return True
        if settings.TEASER_NAME.search(names) and _links_away(element, self.options):
            return True
        if (
            self.options.skip_offscreen_text
            and settings.OFFSCREEN_NAME.search(names)
            and not _holds_article_text(element, self.options)
        ):
            return True  # text only screen readers get: "Opens in a new window", "Expand box"
        paywalled = self.options.skip_paywall_boxes and bool(settings.PAYWALL_NAME.search(names))
        if paywalled and self.options.paywalled_paragraphs_kept and tag in settings.PARAGRAPH_TAGS:
            paywalled = False  # <p class="paywall">: the text behind the wall, sent in the page
        if (
            paywalled or (self.options.skip_disclaimers and settings.DISCLAIMER_NAME.search(names))
        ) and not _holds_article_text(
            element, self.options, text_divs=self.options.paywall_guard_reads_text_divs
        ):
            return True  # a pitch for the rest of the text, a disclaimer, an inactivity layer
        if settings.CONTENT_NAME.search(names) or (
            self.options.bem_content_names and settings.BEM_CONTENT_NAME.search(names)
        ):
            return False
        if self.options.inline_names_in_paragraphs_kept and tag == "a" and _in_paragraph(element):
            return False  # "<p><a id='auto-tag_twitter_1'>Twitter</a> erupted …": words, not chrome
        if (
            self.options.inline_datelines_kept
            and tag in settings.TEXT_INLINE_TAGS
            and settings.DATELINE_NAME.search(names)
            and _in_paragraph(element)
        ):
            return False
        boilerplate = bool(settings.BOILERPLATE_NAME.search(names)) or (
            self.options.nocontent_boxes_skipped and bool(settings.NOCONTENT_NAME.search(names))
        )
        if boilerplate and tag == "figure" and self.options.captioned_figures_walked:
            # WordPress names the figure around a picture and its caption "wp-caption": the
            # picture is the text's, its caption is read as the picture's
            boilerplate = bool(
                settings.BOILERPLATE_NAME.search(settings.CAPTION_NAME.sub(" ", names))
            )
        if not boilerplate:
            return False
        if tag in settings.CODE_INLINE_TAGS and _in_code(element):
            return False  # a highlighter's token ("hljs-comment", "token tag"): code, not chrome
        if settings.ALWAYS_SKIPPED_NAME.search(names):
            return True
        if self.options.layers_skipped and _is_layer(element, names):
            return True
        by_length = not PAGE_END_NAME.search(names)
        return not (
            _holds_article_text(
                element, self.options, by_length=by_length, text_divs=self.div_paragraphs
            )
            or _holds_main(element, self.options)
            or (
                self.options.walk_template_siblings
                and self.sibling_holds_text(element, tag, by_length)
            )
        )

    def sibling_holds_text(self, element: HtmlElement, tag: str, by_length: bool) -> bool:
        """Whether a sibling of `element`'s tag and class holds article text (with
        `walk_template_cousins`, one in a twin of its parent too): one template
        (`section.Report__Section--Ads`) cannot mean text in one place and chrome in the next,
        so the text's shorter sections are walked with its long one."""
        parent = element.getparent()
        classes = element.get("class") or ""
        if parent is None or not classes or tag not in TEMPLATE_BOX_TAGS:
            return False
        grandparent = parent.getparent()
        parent_classes = parent.get("class")
        cousins = bool(
            self.options.walk_template_cousins and grandparent is not None and parent_classes
        )
        # one answer for all the parent's twins: a page of a thousand segments reads them once
        key: tuple[object, ...] = (
            (grandparent, parent.tag, parent_classes, tag, classes, by_length)
            if cousins
            else (parent, tag, classes, by_length)
        )
        if key not in self.kept_templates:
            boxes = (
                [
                    box
                    for box in grandparent
                    if box.tag == parent.tag and box.get("class") == parent_classes
                ]
                if cousins
                else [parent]
            )
            self.kept_templates[key] = any(
                twin.tag == tag
                and twin.get("class") == classes
                and _holds_article_text(
                    twin, self.options, by_length=by_length, text_divs=self.div_paragraphs
                )
                for box in boxes
                for twin in box
            )
        return self.kept_templates[key]

    def record_image(self, element: HtmlElement, tag: str) -> None:
        if tag == "img":
            img = element
        else:
            img = next(element.iter("img"), None)
            if img is None:
                return
        if tag == "img" and any(a.tag in settings.IMAGE_HOLDERS for a in element.iterancestors()):
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
        absolute = join_url(self.base_url, src)
        if absolute is not None:
            self.images.append(FoundImage(element, Image(absolute, caption, credit, alt)))


def _holds_text_blocks(figure: HtmlElement, options: ExtractionOptions) -> bool:
    """A <figure> holding a table, a list or paragraphs outside its caption."""
    if not options.walk_text_figures:
        return False
    chars = 0
    for node in figure.iter(*settings.FIGURE_TEXT_TAGS):
        if any(a.tag == "figcaption" for a in node.iterancestors()):
            continue
        if node.tag in ("table", "pre"):
            return True  # a data table or code set as a figure
        chars += len(node.text_content().strip())
        if chars >= options.figure_min_text_chars:
            return True  # paragraphs, not a credit line or a teaser card
    return False


def _is_data_cell(cell: HtmlElement) -> bool:
    """A table cell holding text, not a layout cell holding paragraphs, lists or tables."""
    return not any(
        isinstance(node.tag, str) and node.tag in settings.BLOCK_TAGS
        for node in cell.iterdescendants()
    )


def _links_away(element: HtmlElement, options: ExtractionOptions) -> bool:
    """Whether linked text makes `teaser_min_link_share` of the element's text."""
    text = _visible_chars(element)
    if not text:
        return False
    linked = sum(_visible_chars(a) for a in element.iter("a"))
    return linked >= options.teaser_min_link_share * text


def is_input_form(form: HtmlElement, options: ExtractionOptions) -> bool:
    """A form of visible fields (contact, sign-up), not a page-wide wrapper form (ASP.NET)."""
    fields = [
        node
        for node in form.iter(*settings.FORM_FIELD_TAGS)
        if (node.get("type") or "").lower() != "hidden"
    ]
    if not fields:
        return False
    if len("".join(form.itertext()).strip()) <= options.form_max_chars:
        return True
    if not options.unheaded_forms_skipped or _holds_headline(form, "h1", "main", "article"):
        return False
    body = next(form.iterancestors("body"), None)
    return body is not None and _shown_chars(form) < options.form_max_page_share * _shown_chars(
        body
    )


def _shown_chars(element: HtmlElement) -> int:
    """Visible characters, without scripts, styles and a select's options (a country list)."""
    unshown = sum(_visible_chars(node) for node in element.iter(*UNSHOWN_TAGS))
    return _visible_chars(element) - unshown


def _is_layer(element: HtmlElement, names: str) -> bool:
    """A login dialog, modal or popup over the page: a name says so ("x-dialog-login"), no other
    name calls it the article's ("article__body article-overlay-handle"), and it holds neither
    the page's <h1> nor its <main>."""
    if not settings.LAYER_NAME.search(names):
        return False
    if any(
        settings.ARTICLE_WORD.search(name) and not settings.LAYER_NAME.search(name)
        for name in names.split()
    ):
        return False
    return not _holds_headline(element, "h1", "main")


def _holds_headline(element: HtmlElement, *tags: str) -> bool:
    """Whether the element holds one of `tags` (or a role="main"): the page's own content."""
    return next(element.iter(*tags), None) is not None or bool(element.xpath(MAIN_XPATH))


def _spells_text(element_id: str, element: HtmlElement) -> bool:
    """Whether an id is made of the element's own words (a heading's anchor)."""
    id_words = ID_WORD.findall(element_id.lower())
    if len(id_words) < 2:
        return False
    text_words = set(ID_WORD.findall(element.text_content().lower()))
    return sum(word in text_words for word in id_words) * 2 > len(id_words)


ID_WORD = re.compile(r"[^\W\d_]+")
NUMBERED_ID = re.compile(r"[a-z]{1,12}[-_]?\d{1,4}", re.IGNORECASE)
TEMPLATE_BOX_TAGS = frozenset({"div", "section", "article"})  # boxes of text, not one paragraph


def _in_code(element: HtmlElement) -> bool:
    return any(ancestor.tag in settings.CODE_TAGS for ancestor in element.iterancestors())


def _holds_main(element: HtmlElement, options: ExtractionOptions) -> bool:
    """A page wrapper named like boilerplate ("wrapper gate-ad") around the page's <main>."""
    return bool(options.wrappers_hold_main) and bool(element.xpath(MAIN_XPATH))


MAIN_XPATH = ".//main|.//*[@role='main']"
UNSHOWN_TAGS = ("script", "style", "select", "noscript", "template")


def _visible_chars(element: HtmlElement) -> int:
    """Characters of text, whitespace runs counted as one."""
    return len(" ".join("".join(element.itertext()).split()))


# a footer's legal text and copyright lines run long: only many paragraphs make it a wrapper
PAGE_END_NAME = re.compile(r"footer|copyright|legal", re.IGNORECASE)
CAMEL_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")


def with_words_split(names: str) -> str:
    """Class and id names with their camel-case words also apart ("relatedArticles" also as
    "related-Articles", "ConsentBannerWrapper-fjhTDA" as "Consent-Banner-Wrapper-fjhTDA"): a
    component framework's names say what hyphenated ones say. Only parts whose humps part
    words are split (a styled component's hash, "fjhTDA", is no words); a modifier
    ("--withSidebar") says how the element looks, and a CSS module's hash ("__adFe2") nothing."""
    split_names = [split for name in names.split() if (split := _split_name(name))]
    return f"{names} {' '.join(split_names)}" if split_names else names


@lru_cache(maxsize=16384)  # a page repeats its class names: each is split once
def _split_name(name: str) -> str | None:
    if name.islower() or not CAMEL_HUMP.search(name):
        return None  # no camel-case word in it ("article-body", "post-1234")
    core = CSS_MODULE_HASH.sub("", name.split("--")[0])
    split = NAME_PART.sub(_split_part, core)
    return split if split != core else None


def _split_part(part: re.Match[str]) -> str:
    pieces = CAMEL_HUMP.split(part.group())
    before = re.search(r"[A-Za-z]+$", pieces[0])
    words = [before.group() if before else ""]
    words += [re.match(r"[A-Z]?[a-z]*", piece).group() for piece in pieces[1:]]  # type: ignore[union-attr]
    # a word has two letters or more and a vowel ("adContainer"); "bdfBwQ" and "hWfnpI" do not
    if len(pieces) > 1 and all(len(word) >= 2 and VOWEL.search(word) for word in words):
        return "-".join(pieces)
    return part.group()


NAME_PART = re.compile(r"[^-_\s]+")
VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)
# a CSS module's generated suffix: "__" or "_" then letters and digits, with a capital or a
# digit in them (a BEM element, "__body", is a lowercase word)
CSS_MODULE_HASH = re.compile(r"_{1,3}(?=[A-Za-z0-9-]{4,8}$)(?=[^_]*[A-Z0-9])[A-Za-z0-9-]{4,8}$")


INLINE_DEPTH = 3


def weighed_length(text: str, options: ExtractionOptions) -> float:
    """Characters with a Chinese, Japanese or Korean one counting as `cjk_char_weight`: 300
    of them carry an article's worth of text."""
    return len(text) + (options.cjk_char_weight - 1) * len(settings.CJK_CHARACTER.findall(text))


def _is_jump_link(link: HtmlElement) -> bool:
    """A link to a place on the same page, standing alone: no text beside it, and not in a
    paragraph, list, table, heading or caption, where such links are footnotes and contents
    entries."""
    href = (link.get("href") or "").strip()
    if not href.startswith("#") or (link.tail or "").strip():
        return False
    before = link.getprevious()
    text_before = before.tail if before is not None else link.getparent().text
    if (text_before or "").strip():
        return False  # in running text: "as per [IRI]" in a <pre>
    return not any(ancestor.tag in JUMP_LINK_HOSTS for ancestor in link.iterancestors())


JUMP_LINK_HOSTS = frozenset(
    {"h1", "figcaption", "sup", "nav"}
    | settings.PARAGRAPH_TAGS
    | settings.LIST_ITEM_TAGS
    | settings.TABLE_CELL_TAGS
)


def _in_paragraph(element: HtmlElement) -> bool:
    """Whether a <p> holds the element, within a few inline levels."""
    for level, ancestor in enumerate(element.iterancestors()):
        if ancestor.tag == "p":
            return True
        if level >= INLINE_DEPTH or ancestor.tag not in settings.TEXT_INLINE_TAGS:
            return False
    return False


def _holds_article_text(
    element: HtmlElement,
    options: ExtractionOptions,
    *,
    by_length: bool = True,
    text_divs: bool = False,
) -> bool:
    """A wrapper named like boilerplate ("content-with-sidebar") that still holds many paragraphs
    (with `text_divs`, a <div> holding text and no boxes counts as one)."""
    found = 0
    chars = 0
    for paragraph in element.iter(*(TEXT_DIV_TAGS if text_divs else ("p",))):
        if paragraph.tag == "div" and any(child.tag in settings.BLOCK_TAGS for child in paragraph):
            continue  # a box of boxes: its paragraphs are counted one by one
        text = " ".join(paragraph.text_content().split())  # not the source's indentation
        # a CJK character says what a few Latin letters say
        length = round(weighed_length(text, options)) if options.guard_weighs_cjk else len(text)
        if length >= options.guard_paragraph_chars:
            found += 1
            chars += length
            if found >= options.guard_paragraphs or (
                by_length and options.guard_text_chars and chars >= options.guard_text_chars
            ):
                return True
    return False


TEXT_DIV_TAGS = ("p", "div")

SOURCE_ATTRIBUTES = ("src", "data-src", "data-lazy-src", "data-original", "data-srcset", "srcset")


def _image_source(img: HtmlElement) -> str | None:
    """The picture's address: its `src`, else a lazy loader's attribute or the first of a
    srcset, else (with `<picture>`) a `<source>`'s; never a stand-in shown until it loads."""
    if img.get("width") in ("0", "1") or img.get("height") in ("0", "1"):
        return None  # tracking pixel
    holders = [img]
    # libxml2 knows no void <source>: the <img> after one ends up inside it
    picture = next((a for a in islice(img.iterancestors(), 3) if a.tag == "picture"), None)
    if picture is not None:
        holders.extend(picture.iter("source"))
    for holder in holders:
        for attribute in SOURCE_ATTRIBUTES:
            value = (holder.get(attribute) or "").strip()
            if attribute.endswith("srcset"):
                value = value.split(",")[0].strip().split(" ")[0]
            if value and not value.startswith("data:") and not is_stand_in(value):
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
        if node is not caption_node and settings.CREDIT_NAME.search(names):
            credit = normalize_text(node.text_content()) or credit
    text = normalize_text(caption_node.text_content())
    if credit and credit in text:
        text = text.replace(credit, "").strip()
    caption_parts.append(text)
    caption = " ".join(caption_parts).strip()
    if credit is None:
        match = settings.CREDIT_IN_CAPTION.search(caption)
        if match:
            credit = match.group("credit").strip() or None
            caption = caption[: match.start()].strip()
    if credit:
        credit = re.sub(
            r"^(?:photo|image|foto|bild|credit)s?\s*[:/]\s*|^©\s*", "", credit, flags=re.I
        )
    return caption or None, credit or None


LINE_SETTING_TAGS = settings.BLOCK_TAGS | {"br"}
# blocks that hold a line of running text: an element in one is part of its line
LINE_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address", "dt", "caption", "figcaption"}
    | {"legend", "summary"}
)
UNSHOWN_TAGS = frozenset({"script", "style", "template", "noscript"})
# SVG's and MathML's own hyphenated names, which the HTML standard keeps from custom elements
NOT_CUSTOM_TAGS = frozenset(
    {"annotation-xml", "color-profile", "font-face", "font-face-src", "font-face-uri"}
    | {"font-face-format", "font-face-name", "missing-glyph"}
)


def _is_custom(node: HtmlElement) -> bool:
    return isinstance(node.tag, str) and "-" in node.tag and node.tag not in NOT_CUSTOM_TAGS


def _custom_blocks(root: HtmlElement) -> list[HtmlElement]:
    """Custom elements (a tag with a hyphen, as the HTML standard names them) read as blocks:
    one holding a block or a line break, or holding one that does (read from the innermost out);
    and one holding a text of its own that stands apart in a box of blocks, no text running
    beside it (a web-components page's paragraph `<rich-text>`; a `<relative-time>` in a line
    "Posted 3 hours ago by …" stays part of its line)."""
    custom = [node for node in root.iter() if _is_custom(node)]
    if not custom:
        return []
    holders: set[HtmlElement] = set()
    for node in reversed(custom):  # a descendant before its ancestors
        if any(child.tag in LINE_SETTING_TAGS or child in holders for child in node):
            holders.add(node)
    blocks = set(holders)
    apart: dict[HtmlElement, bool] = {}  # per box: every child a block, no text running beside
    for node in custom:
        parent = node.getparent()
        if node in holders or parent is None or not (node.text or "").strip() and len(node) == 0:
            continue
        if parent.tag in LINE_TAGS or not (parent.tag in settings.BLOCK_TAGS or parent in holders):
            continue
        if parent not in apart:
            apart[parent] = not (parent.text or "").strip() and all(
                not (child.tail or "").strip()
                and (
                    child.tag in LINE_SETTING_TAGS or child.tag in UNSHOWN_TAGS or _is_custom(child)
                )
                for child in parent
            )
        if apart[parent]:
            blocks.add(node)
    return [node for node in custom if node in blocks]


def custom_elements_as_blocks(root: HtmlElement, *, owned: bool) -> HtmlElement:
    """The page with each custom element read as a block (`_custom_blocks`) written as a
    `<div>` (a web-components page's `<story-body>` wrapping its paragraphs). A tree the caller
    handed over is left as it is: the page is copied first, and only when it holds one."""
    blocks = _custom_blocks(root)
    if blocks and not owned:
        chosen, original = set(blocks), root
        root = copy.deepcopy(original)  # the copy's nodes in the same order: their twins
        blocks = [
            twin for node, twin in zip(original.iter(), root.iter(), strict=True) if node in chosen
        ]
    for node in blocks:
        node.tag = "div"
    return root


def walk_page(
    root: HtmlElement,
    base_url: str,
    relaxed: bool,
    listing: bool = False,
    options: ExtractionOptions = DEFAULT_OPTIONS,
) -> PageWalk:
    page = PageWalk(base_url, relaxed, listing and options.listing_walks_named, options=options)
    body = next(root.iter("body"), None)
    start = body if body is not None else root
    if options.signup_boxes_skipped and not page.listing and not relaxed:
        page.signup_boxes = signup_boxes(start, options)  # the relaxed walk never asks
    if options.div_paragraphs_weighed:
        page.div_paragraphs = not _holds_article_text(start, options, by_length=False)
    page.walk(start, page.new_block(start), False)
    kept = []
    for block in page.blocks:
        if not block.parts:
            continue
        text = "".join(block.parts)
        block.text = "\n".join(
            line for line in (normalize_text(part) for part in settings.BREAKS.split(text)) if line
        )
        if block.text:
            kept.append(block)
    page.blocks = kept
    return page


def signup_boxes(root: HtmlElement, options: ExtractionOptions) -> set[HtmlElement]:
    """The boxes around e-mail sign-up forms: a newsletter's name, its blurb and its small
    print around the form ("Get daily news delivered to your inbox", "By providing your email
    address …"). A box is the form's highest ancestor, `signup_box_levels` up at most, whose
    text beside the form stays within `signup_box_max_chars`: a form set among an article's
    paragraphs has no box. A comment or contact form (one with a message field) is left to
    the form rules: its box can be a short post itself."""
    boxes: set[HtmlElement] = set()
    for form in islice(root.iter("form"), SIGNUP_FORMS_LOOKED_AT):
        if next(form.iter("textarea"), None) is not None:
            continue  # a comment or contact form asks for a message too
        if not any(_asks_for_email(field) for field in form.iter("input")):
            continue
        form_chars = _stripped_chars(form.itertext())
        if form_chars > options.form_max_chars:
            continue  # a page-wide form (ASP.NET's) is no sign-up form
        limit = form_chars + options.signup_box_max_chars
        box, element = None, form
        for _ in range(options.signup_box_levels):
            parent = element.getparent()
            if parent is None or parent.tag in ("body", "html", "main", "article"):
                break
            if _chars_exceed(parent.itertext(), limit):
                break
            box = element = parent
        if box is not None:
            boxes.add(box)
    return boxes


def element_names(
    element: HtmlElement, options: ExtractionOptions, element_id: str | None = None
) -> str:
    """What the page calls the element, to match against name patterns: its classes and id
    (`element_id` in place of its id when given), with `data_names_read` its test and tracking
    names, with `camel_case_names_split` their camel-case words apart too."""
    identifier = element.get("id") or "" if element_id is None else element_id
    names = f"{element.get('class') or ''} {identifier}"
    if options.data_names_read:
        names = " ".join((names, *data_names(element)))
    return with_words_split(names) if options.camel_case_names_split else names


def heading_name(box: HtmlElement, options: ExtractionOptions) -> str:
    """What a box's leading heading names it: "comments" when it heads a comment thread or its
    form ("Top Rated Comments", "Leave a Reply"), "more-stories" when it heads links away
    like a rail that follows a text ("Related stories", "Most read", "Mehr zum Thema"); with
    `pitch_boxes_named`, "paywall" when its first line is a paywall's pitch ("This content is
    reserved for subscribers only")."""
    if options.pitch_boxes_named:
        opening = _first_element(box)
        # a line of its own words only: a box opening with a wrapper is not read whole here
        if (
            opening is not None
            and not len(opening)
            and settings.PAYWALL_PITCH.match(" ".join((opening.text or "").split()))
        ):
            return "paywall"
    first = leading_heading(box)
    if first is None:
        return ""
    heading = _words_of(first)
    if not heading or heading.count(" ") >= options.box_heading_max_words:
        return ""
    if settings.COMMENTS_HEADING.match(heading):
        return "comments"
    if settings.END_MARKER.match(heading) and _links_away(box, options):
        return "more-stories"
    return ""  # "Read more" over an accordion's text is a button's label


def leading_heading(box: HtmlElement) -> HtmlElement | None:
    """The heading a box opens with: its first element, or the first of a <header> that is."""
    first = _first_element(box)
    if first is not None and first.tag == "header":
        first = _first_element(first)
    return first if first is not None and first.tag in settings.HEADING_TAGS else None


def _words_of(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _first_element(box: HtmlElement) -> HtmlElement | None:
    return next((child for child in box if isinstance(child.tag, str)), None)


HEADED_BOX_TAGS = frozenset({"div", "section", "aside"})


def data_names(element: HtmlElement) -> list[str]:
    """The names a component framework's page gives its elements for tests and tracking
    (`data-testid="related-stories"`, `data-component="Byline"`), and a box's accessible name
    (`<section aria-label="Related articles">`): what its hashed classes no longer say."""
    found = [value for name in DATA_NAME_ATTRIBUTES if (value := element.get(name))]
    if element.tag in ARIA_NAMED_TAGS and (label := element.get("aria-label")):
        found.append(label)
    return found


ARIA_NAMED_TAGS = frozenset({"div", "section", "ul", "ol", "aside", "header", "footer", "figure"})


DATA_NAME_ATTRIBUTES = (
    "data-testid",
    "data-test-id",
    "data-ui-testid",
    "data-test",
    "data-cy",
    "data-component",
    "data-qa",
    "data-module",
)


def _labels_a_field(label: HtmlElement) -> bool:
    """Whether the <label> names a form field: it holds one, or names one by its id."""
    return label.get("for") is not None or next(label.iter(*FIELD_TAGS), None) is not None


FIELD_TAGS = ("input", "select", "textarea")


def _stripped_chars(pieces: Iterable[str]) -> int:
    return sum(len(piece.strip()) for piece in pieces)


def _chars_exceed(pieces: Iterable[str], limit: int) -> bool:
    """Counted no further than the limit: a form's parent can be the whole page."""
    total = 0
    for piece in pieces:
        total += len(piece.strip())
        if total > limit:
            return True
    return False


SIGNUP_FORMS_LOOKED_AT = 50  # a page of many forms is a form page, not an article with a box


def _asks_for_email(field: HtmlElement) -> bool:
    kind = (field.get("type") or "text").lower()
    if kind == "email":
        return True
    names = f"{field.get('name') or ''} {field.get('placeholder') or ''} {field.get('id') or ''}"
    return kind == "text" and "mail" in names.lower()
