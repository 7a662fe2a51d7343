"""What a response's body is when its label cannot say: a server that does not know its type
("application/octet-stream"), or guesses it from the path (a static server taking ".php" or
".aspx" for the script rather than the page it wrote), or labels a feed "text/html".

Browsers sniff such bodies (the WHATWG MIME Sniffing standard); so do Scrapy's response types.
Here only the labels below are sniffed, and only for the kind of document a fetch asks for;
a picture, a PDF or a video is refused on its label, unread."""

from __future__ import annotations

import json
import re

from records.fetch import Purpose
from transforms.decode import utf16_without_bom

# a server's "I do not know", a plain-text default, a script language's own type
UNSURE_TYPE = re.compile(
    r"^\s*(?:(?:application|binary)/octet-stream|application/unknown|unknown/unknown|"
    r"text/plain|(?:application|text)/x-[\w.+-]*(?:php|asp|jsp|cgi|perl|httpd)[\w.+-]*)\s*(?:;|$)",
    re.IGNORECASE,
)
# a CMS serving its feed or sitemap as a web page
HTML_LABEL = re.compile(r"^\s*text/html\s*(?:;|$)", re.IGNORECASE)
GZIP_LABEL = re.compile(r"^\s*application/(?:x-)?gzip\s*(?:;|$)", re.IGNORECASE)
SNIFFED_BYTES = 1024
LEADING_SPACE = b" \t\n\r\x0c"
UTF8_BOM = b"\xef\xbb\xbf"
FIRST_MARK = re.compile(rb"[^ \t\n\r\x0c]")
# the standard's HTML patterns and the tags a page opens with besides (a head's <meta> or
# <link> without <html>, HTML5's optional tags): the body opens with one, after white space
# and comments (old IE's "<!--[if !IE]> … <![endif]-->"), followed by a space or ">"
HTML_OPENINGS = (
    b"<!doctype html", b"<!doctypehtml", b"<html", b"<head", b"<script", b"<iframe", b"<h1",
    b"<div", b"<font", b"<table", b"<a", b"<style", b"<title", b"<b", b"<body", b"<br", b"<p",
    b"<meta", b"<link", b"<base", b"<noscript",
)  # fmt: skip
LEADING_COMMENTS = re.compile(rb"^(?:\s*<!--.*?-->)+", re.DOTALL)
# tags only an HTML page holds, anywhere in its first bytes (a page whose head was cut)
HTML_MARKERS = (b"<html", b"<head>", b"<head ", b"<body", b"<title>", b"<!doctype html")
TAG_END = b" >\t\n\r\x0c"
# a feed's or a sitemap's root elements: tags no web page holds
XML_ROOT_NAMES = (b"rss", b"feed", b"rdf:rdf", b"urlset", b"sitemapindex")
XML_OPENINGS = (b"<?xml", *(b"<" + name for name in XML_ROOT_NAMES))
XML_ROOTS = re.compile(rb"<(?:" + b"|".join(XML_ROOT_NAMES) + rb")[\s>]")
GZIP_MAGIC = b"\x1f\x8b"
# the standard's binary data bytes: no text in any 8-bit charset or UTF-8 holds them, and
# none of 5,182 saved real pages does in its first kilobyte; UTF-16 is told by its BOM or NULs
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
HTML_PURPOSES = ("listing", "article", "home")
XML_PURPOSES = ("feed", "sitemap")


def worth_sniffing(content_type: str, purpose: Purpose) -> bool:
    """Whether a body labelled `content_type`, not a type `purpose` accepts, may still be one
    (a page's `.gz` file is read inflated)."""
    if UNSURE_TYPE.match(content_type):
        return True
    if purpose in HTML_PURPOSES and GZIP_LABEL.match(content_type):
        return True
    return purpose in XML_PURPOSES and bool(HTML_LABEL.match(content_type))


def body_is(purpose: Purpose, body: bytes) -> bool:
    """Whether `body` opens as the document `purpose` asks for: HTML for a page, XML for a
    feed or a sitemap (a sitemap also gzipped)."""
    head = _head(body)
    if purpose in HTML_PURPOSES:
        if head.startswith(b"<?xml"):  # XHTML
            return b"<html" in head
        opened = LEADING_COMMENTS.sub(b"", head).lstrip(LEADING_SPACE)
        return any(
            opened.startswith(opening) and opened[len(opening) : len(opening) + 1] in TAG_END
            for opening in HTML_OPENINGS
        ) or any(marker in head for marker in HTML_MARKERS)
    if purpose == "sitemap" and body.startswith(GZIP_MAGIC):
        return True
    return purpose in XML_PURPOSES and head.startswith(XML_OPENINGS)


def is_binary(body: bytes) -> bool:
    """Whether the body's first kilobyte holds a binary data byte: a compressed stream, a
    picture or a document served under a page's label is no page, whatever the label says."""
    if body.startswith(UTF16_BOMS) or utf16_without_bom(body) is not None:
        return False
    return BINARY_BYTES.search(body, 0, SNIFFED_BYTES) is not None


def other_document(body: bytes) -> str | None:
    """What a body under a page's label is when it is plainly no page: "JSON" (a script's
    API answer under PHP's default label) or "a feed or sitemap"; None for anything else."""
    head = _head(body)
    if head[:1] in (b"{", b"["):
        try:
            json.loads(body)
        except (ValueError, RecursionError):
            return None
        return "JSON"
    if XML_ROOTS.search(head):
        return "a feed or sitemap"
    return None


def _head(body: bytes) -> bytes:
    """The body's first `SNIFFED_BYTES` from its first mark (past a UTF-8 BOM and white
    space), lower-cased; no copy of a long body's white space."""
    opening = FIRST_MARK.search(body, len(UTF8_BOM) if body.startswith(UTF8_BOM) else 0)
    start = opening.start() if opening else len(body)
    return body[start : start + SNIFFED_BYTES].lower()
