"""Listing pages: article links (with their listed title and date), the next page's URL and the
later pages the pager links to (so a walk can fetch ahead)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urldefrag, urlsplit, urlunsplit

import lxml.html

from records.urls import host_key, join_url
from transforms.decode import decode_html
from transforms.normalize import normalize_text
from transforms.page import parse_document

NEXT_LINK_TEXT = re.compile(
    r"^(?:next|next page|more|older|older posts|»|›|>|>>|下一页|下页)$", re.I
)
LISTED_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
DIGIT_RUNS = re.compile(r"(\d+)")
MAX_LATER_PAGES = 20  # more than any fetcher reads ahead (its max_in_flight)


@dataclass(frozen=True)
class ListedArticle:
    url: str
    title: str | None
    listed_date: str | None


@dataclass
class ListingPage:
    articles: list[ListedArticle] = field(default_factory=list)
    next_url: str | None = None
    # Pages after `next_url` that this page links to, in page order: URLs shaped like
    # `next_url` but for one number (node_1_3.htm, ?page=4). A guess, used only to fetch ahead.
    later_pages: list[str] = field(default_factory=list)


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
            return join_url(page_url, hrefs[0].strip())
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if href and NEXT_LINK_TEXT.match(normalize_text(anchor.text_content())):
            return join_url(page_url, href.strip())
    return None


def _later_pages(tree: lxml.html.HtmlElement, page_url: str, next_url: str) -> list[str]:
    """Links shaped like `next_url` with a larger number in one place, ordered by that number
    (the first MAX_LATER_PAGES of them)."""
    next_parts = DIGIT_RUNS.split(next_url)
    next_shape = DIGIT_RUNS.sub("0", next_url)
    by_position: dict[int, dict[int, str]] = {}
    for href in set(tree.xpath("//a/@href")):
        href = href.split("#", 1)[0].strip()
        # A pager link, however relative, ends like the next page's URL: compare the href's
        # tail with it before resolving anything (a pager may link to hundreds of pages).
        if not href or not next_shape.endswith(DIGIT_RUNS.sub("0", href)):
            continue
        parts = DIGIT_RUNS.split(href)
        offset = len(next_parts) - len(parts)
        differing = [
            offset + i for i, part in enumerate(parts) if i % 2 and part != next_parts[offset + i]
        ]
        if len(differing) == 1 and int(next_parts[differing[0]]) < int(
            parts[differing[0] - offset]
        ):
            by_position.setdefault(differing[0], {})[int(parts[differing[0] - offset])] = href
    if not by_position:
        return []
    position, pages = max(by_position.items(), key=lambda item: len(item[1]))
    host = host_key(urlsplit(next_url).hostname)
    later: list[str] = []
    for number in sorted(pages)[:MAX_LATER_PAGES]:
        joined = join_url(page_url, pages[number])
        if joined is None:
            continue
        url = urldefrag(joined).url
        parts = DIGIT_RUNS.split(url)
        resolved_alike = len(parts) == len(next_parts) and int(parts[position]) == number
        if resolved_alike and host_key(urlsplit(url).hostname) == host:
            later.append(url)
    return later


def _directory_of(url: str) -> str:
    """The URL of the folder a relative link on the page at `url` resolves against."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path[: parts.path.rfind("/") + 1], "", ""))


@lru_cache(maxsize=8192)
def _resolved(base: str, href: str) -> tuple[str, str | None]:
    """`href` resolved against `base`, without its fragment, and the host it points to when it
    is an http(s) link (None otherwise)."""
    joined = join_url(base, href)
    if joined is None:
        return "", None
    url = urldefrag(joined).url
    parts = urlsplit(url)
    return url, host_key(parts.hostname) if parts.scheme in ("http", "https") else None


def parse_listing(html: str, page_url: str, article_url_pattern: str) -> ListingPage:
    """Links on the page's own host whose URL matches the source's article pattern, in order."""
    tree = parse_document(html)
    pattern = re.compile(article_url_pattern)
    host = urlsplit(page_url).hostname
    page = ListingPage()
    seen: set[str] = set()
    page_host = host_key(host)
    directory = _directory_of(page_url)
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href:
            continue
        # Only a link to the page itself (`?…`, `#…`) resolves against more than its folder;
        # by folder, a pager's hundreds of links are resolved once for all its pages.
        url, link_host = _resolved(page_url if href[0] in "?#" else directory, href)
        if link_host != page_host:
            continue
        if not pattern.search(url) or url in seen:
            continue
        seen.add(url)
        title = normalize_text(anchor.text_content()) or anchor.get("title")
        page.articles.append(ListedArticle(url, title or None, _listed_date(anchor)))
    next_url = _next_url(tree, page_url)
    if next_url and urldefrag(next_url).url != urldefrag(page_url).url:
        page.next_url = next_url
        page.later_pages = _later_pages(tree, page_url, next_url)
    return page


ParsedListing = tuple[ListingPage, int]  # the page, and how many undecodable bytes were replaced


def parse_listing_document(
    body: bytes, content_type: str | None, page_url: str, article_url_pattern: str
) -> ParsedListing:
    """`parse_listing` of a fetched page's bytes, and how many undecodable bytes were replaced
    (a listing page may be parsed in another process: what crosses over is bytes and links)."""
    html, replaced_chars = decode_html(body, content_type)
    return parse_listing(html, page_url, article_url_pattern), replaced_chars
