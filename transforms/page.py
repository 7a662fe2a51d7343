"""One parse per page: the lxml tree, the page metadata and the page's text lines, each read once
and shared by the site profiles, the field fallbacks and the generic extractor. Pure: no I/O.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from lxml import etree
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from records.article import NotAnArticle
from transforms.metadata import PageMetadata, read_metadata
from transforms.normalize import normalize_text

HtmlElement = lxml_html.HtmlElement
XML_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*>")
PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False)
# Visible text of the page: everything under <body> but scripts, styles and templates. The
# descendant axis, not "//body//text()[...]": libxml2 evaluates that predicate step by step,
# quadratic in the text nodes (16,000 list items took 4.3 s, now 0.04 s)
VISIBLE_TEXT = etree.XPath(
    "//body/descendant::text()[not(ancestor::script) and not(ancestor::style)"
    " and not(ancestor::noscript) and not(ancestor::template)]"
)
ID_VALUES = etree.XPath("//@id")
CLASS_VALUES = etree.XPath("//@class")
SIMPLE_SELECTOR = re.compile(r"[a-z0-9]*[.#][\w-]+")
BLOCK_LEVEL = frozenset(
    {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table"}
    | {"section", "article", "header", "footer", "ul", "ol", "dl", "dt", "dd", "blockquote"}
    | {"form", "main", "aside", "nav", "figure", "figcaption"}
)


@lru_cache(maxsize=512)
def css(selector: str) -> CSSSelector:
    """A compiled CSS selector (compiled once per process)."""
    return CSSSelector(selector, translator="html")


EMPTY_DOCUMENT = "<html><body></body></html>"


def parse_html(html: str) -> HtmlElement:
    """One lxml parse, of the page as a browser reads it. First, an XML declaration with an
    encoding is dropped (lxml refuses it), up to its own end, or up to the first ">" when it
    never closes (a declaration whose encoding a broken template filled with the page's
    keywords); a <title> never closed is closed (`_close_title`); "</body>" and "</html>" end
    nothing; a `<html/>`, `<head/>` or `<body/>` written self-closing opens its element.
    After, elements no <head> holds move to the body (`_move_content_out_of_head`)."""
    html = XML_DECLARATION.sub("", html, count=1)
    html = _close_title(html)
    html = DOCUMENT_END.sub("", html)
    html = SELF_CLOSED_DOCUMENT_TAG.sub(r"<\1\2>", html)
    try:
        root = lxml_html.document_fromstring(html, parser=PARSER)
    except (etree.ParserError, ValueError) as error:
        raise NotAnArticle("empty_body", f"unparseable HTML: {error}") from error
    _move_content_out_of_head(root)
    return root


def parse_document(html: str) -> HtmlElement:
    """`parse_html` for a page read for its links (a listing, a home page announcing feeds):
    an XHTML page's `<?xml … encoding="utf-8"?>` read as any other; a page lxml cannot parse
    at all holds no links."""
    try:
        return parse_html(html or EMPTY_DOCUMENT)
    except NotAnArticle:
        return parse_html(EMPTY_DOCUMENT)


# a browser reads on past "</body>" and "</html>" into the same body (an include closing its own
# document before the article); libxml2 drops what follows "</html>" and leaves what follows
# "</body>" outside the body
DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
# a browser ignores the "/" of a non-void start tag; libxml2 reads `<html .../>` as an empty
# document and drops the whole page after it (a damaged file whose head was cut into an <img>),
# and a `<body/>` leaves the page outside the body. Bounded: no rescans of a long attribute run
# (an unquoted value's last "/" is the value's: `<body data-root=https://x.example/>`)
SELF_CLOSED_DOCUMENT_TAG = re.compile(
    r"<(html|head|body)(?:(\s[^<>]{0,2000}?)(?<=[\s\"'])|)/>", re.IGNORECASE
)
TITLE_OPENING = re.compile(r"<title\b[^>]{0,200}>", re.IGNORECASE)  # bounded: no rescans
TITLE_CLOSING = re.compile(r"</title\s*>", re.IGNORECASE)
TITLE_TEXT_END = re.compile(r"[<\n]")
NEXT_TAG = re.compile(r"<(/?)(\w+)")


def _close_title(html: str) -> str:
    """A <title> never closed (a file whose head was cut mid-tag) takes in the whole rest of the
    page as its text: it ends at its first line or markup instead; what follows up to a
    `</script>` or `</style>` that nothing opened is that script's or style's cut rest."""
    opening = TITLE_OPENING.search(html)
    if opening is None or TITLE_CLOSING.search(html, opening.end()):
        return html
    end = TITLE_TEXT_END.search(html, opening.end())
    if end is None:
        return html
    closing = "</title>"
    tag = NEXT_TAG.search(html, end.start())
    if tag is not None and tag[1] and tag[2].lower() in ("script", "style"):
        closing += f"<{tag[2].lower()}>"
    return f"{html[: end.start()]}{closing}{html[end.start() :]}"


HEAD_TAGS = frozenset({"title", "meta", "link", "script", "style", "base", "noscript", "template"})


def _move_content_out_of_head(root: HtmlElement) -> None:
    """Elements no <head> holds go to the start of the <body>, as a browser puts them: libxml2
    keeps an unknown tag in the head (a 2008 template's `<mbox>`) with the rest of the page in
    it, and the page then has no body."""
    head = root.find("head")
    if head is None:
        return
    strays = [child for child in head if isinstance(child.tag, str) and child.tag not in HEAD_TAGS]
    if not strays:
        return
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    for stray in reversed(strays):  # each put first: no walk along the body's children
        body.insert(0, stray)  # its tail text goes with it


def element_text(element: HtmlElement) -> str:
    """Normalised text of an element; inline markup joins without spaces, blocks with one."""
    parts: list[str] = []
    for node in element.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style"):
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        if tag in BLOCK_LEVEL and node is not element:
            parts.append(" ")
        if node.text and tag not in ("script", "style"):
            parts.append(node.text)
        if node is not element and node.tail:
            if tag in BLOCK_LEVEL:
                parts.append(" ")
            parts.append(node.tail)
    return normalize_text("".join(parts))


class Page:
    """A fetched page, parsed once. `tree`, `metadata` and `lines` are computed on first use."""

    def __init__(self, html: str, url: str) -> None:
        self.html = html
        self.url = url

    @cached_property
    def tree(self) -> HtmlElement:
        return parse_html(self.html)

    @cached_property
    def metadata(self) -> PageMetadata:
        return read_metadata(self.tree, self.url)

    @property
    def base_url(self) -> str:
        """Where relative addresses point: the page's `<base href>`, else its URL (read once,
        with the metadata)."""
        return self.metadata.base_url or self.url

    @cached_property
    def lines(self) -> list[str]:
        """The visible text as the reader sees it, one normalised line per text node."""
        found = (normalize_text(str(text)) for text in VISIBLE_TEXT(self.tree))
        return [line for line in found if line]

    @cached_property
    def names(self) -> frozenset[str]:
        """Every `#id` and `.class` on the page: cheap tests for simple selectors."""
        found = {f"#{ident}" for ident in ID_VALUES(self.tree)}
        found.update(f".{name}" for value in CLASS_VALUES(self.tree) for name in value.split())
        return frozenset(found)

    def has(self, selector: str) -> bool:
        """Whether anything on the page matches `selector` (any of a comma-separated list)."""
        for part in selector.split(","):
            part = part.strip()
            if SIMPLE_SELECTOR.fullmatch(part):  # "div.art_cont" is tested as ".art_cont"
                if part[part.index(next(c for c in part if c in ".#")) :] in self.names:
                    return True
            elif css(part)(self.tree):
                return True
        return False

    def select(self, selector: str) -> list[HtmlElement]:
        return css(selector)(self.tree)

    def select_one(self, selector: str) -> HtmlElement | None:
        found = css(selector)(self.tree)
        return found[0] if found else None
