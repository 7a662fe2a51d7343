"""Listing pages: article links (with their listed title and date) and the next page's URL."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html

from records.urls import host_key
from transforms.normalize import normalize_text

NEXT_LINK_TEXT = re.compile(
    r"^(?:next|next page|more|older|older posts|»|›|>|>>|下一页|下页)$", re.I
)
LISTED_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")


@dataclass(frozen=True)
class ListedArticle:
    url: str
    title: str | None
    listed_date: str | None


@dataclass
class ListingPage:
    articles: list[ListedArticle] = field(default_factory=list)
    next_url: str | None = None


def _listed_date(anchor: lxml.html.HtmlElement) -> str | None:
    node = anchor
    for _ in range(3):
        parent = node.getparent()
        if parent is None:
            break
        match = LISTED_DATE.search(parent.text_content())
        if match:
            return f"{int(match[1]):04d}-{int(match[2]):02d}-{int(match[3]):02d}"
        node = parent
    return None


def _next_url(tree: lxml.html.HtmlElement, page_url: str) -> str | None:
    for xpath in (
        "//link[@rel='next']/@href",
        "//a[@rel='next']/@href",
        "//a[contains(@class,'next')]/@href",
    ):
        hrefs = tree.xpath(xpath)
        if hrefs:
            return urljoin(page_url, hrefs[0].strip())
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if href and NEXT_LINK_TEXT.match(normalize_text(anchor.text_content())):
            return urljoin(page_url, href.strip())
    return None


def parse_listing(html: str, page_url: str, article_url_pattern: str) -> ListingPage:
    """Links on the page's own host whose URL matches the source's article pattern, in order."""
    tree = lxml.html.fromstring(html or "<html></html>")
    pattern = re.compile(article_url_pattern)
    host = urlsplit(page_url).hostname
    page = ListingPage()
    seen: set[str] = set()
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        url = urldefrag(urljoin(page_url, href.strip())).url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or host_key(parts.hostname) != host_key(host):
            continue
        if not pattern.search(url) or url in seen:
            continue
        seen.add(url)
        title = normalize_text(anchor.text_content()) or anchor.get("title")
        page.articles.append(ListedArticle(url, title or None, _listed_date(anchor)))
    next_url = _next_url(tree, page_url)
    if next_url and urldefrag(next_url).url != urldefrag(page_url).url:
        page.next_url = next_url
    return page
