"""Articles split over several pages: the other pages' URLs, and one article from all pages.

China Daily's CMS splits a long article into `c_<id>.htm`, `c_<id>_2.htm`, ... under a
page-number bar; older templates link "Next page" / "下一页" to `<name>_2.htm` and so on.

    urls = continuation_urls(page)          # on every Article as `article.continuation_urls`
    article = assemble_pages([first, second, third])   # any order; page 1 gives the fields

Fetching the pages is the caller's job: fetch `article.continuation_urls` of page 1, extract
each, and pass all the Articles to `assemble_pages`. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from records.article import Article, Block, Image
from records.urls import join_url
from transforms.normalize import dedupe_paragraphs
from transforms.page import Page

# `<stem>_<n>.<ext>`: page n of the article whose page 1 is `<stem>.<ext>`
PAGE_SUFFIX = re.compile(r"^(?P<stem>.+?)(?:_(?P<number>\d{1,3}))?\.(?P<ext>s?html?)$")
NEXT_LINK_TEXT = re.compile(r"^\s*(?:next(?:\s+page)?|下一页|下页|>|›|»|>>)\s*$", re.I)


def page_number(url: str) -> int:
    """1 for `c_123.htm`, 2 for `c_123_2.htm`."""
    match = PAGE_SUFFIX.match(urlsplit(url).path.rsplit("/", 1)[-1])
    return int(match["number"]) if match and match["number"] else 1


def _page_key(url: str) -> tuple[str, str] | None:
    """(directory, stem) shared by every page of one article."""
    path = urlsplit(url).path
    folder, _, name = path.rpartition("/")
    match = PAGE_SUFFIX.match(name)
    return (folder, match["stem"]) if match else None


def page_url(url: str, number: int) -> str:
    """The URL of page `number` of the article `url` is a page of."""
    parts = urlsplit(url)
    folder, _, name = parts.path.rpartition("/")
    match = PAGE_SUFFIX.match(name)
    if match is None:
        return url
    suffix = "" if number == 1 else f"_{number}"
    path = f"{folder}/{match['stem']}{suffix}.{match['ext']}"
    return parts._replace(path=path, query="", fragment="").geturl()


def continuation_urls(page: Page) -> tuple[str, ...]:
    """The article's other pages in page order, from the links the page itself carries.

    A link counts when it points at `<same stem>_<n>.htm` in the same folder (a page-number
    bar) or is a "Next page" link to such a URL; page 1 is included when `page` is a later one.
    """
    key = _page_key(page.url)
    if key is None:
        return ()
    numbers: set[int] = set()
    for link in page.tree.iter("a"):
        href = (link.get("href") or "").strip()
        if key[1] not in href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = join_url(page.url, href)
        if target is None:
            continue
        if _page_key(target) == key and urlsplit(target).netloc == urlsplit(page.url).netloc:
            numbers.add(page_number(target))
    current = page_number(page.url)
    if numbers and current != 1:
        numbers.add(1)
    numbers.discard(current)
    if numbers:  # a bar showing 1 2 ... 5 stands for every page in between
        numbers.update(range(1, max(numbers) + 1))
        numbers.discard(current)
    return tuple(page_url(page.url, number) for number in sorted(numbers))


def assemble_pages(pages: list[Article]) -> Article:
    """One article from its pages, in page order: fields from page 1, the bodies joined with
    furniture repeated on every page (a standfirst, a credit line) kept once, the images of all
    pages. Pages named by any page's `continuation_urls` but not given are listed in
    `missing_pages` (`article.incomplete`); when page 1 itself is missing the earliest page
    given stands in for it.
    """
    if not pages:
        raise ValueError("assemble_pages needs at least one page")
    ordered = sorted(pages, key=lambda article: page_number(article.url))
    first = ordered[0]
    given = {page_number(article.url) for article in ordered}
    wanted = {page_number(url) for article in ordered for url in article.continuation_urls}
    wanted |= given | {1}
    missing = tuple(page_url(first.url, n) for n in sorted(wanted - given))

    blocks: list[Block] = []
    for article in ordered:
        blocks.extend(article.body)
    kept_texts = iter(dedupe_paragraphs([block.text for block in blocks]))
    wanted_text = next(kept_texts, None)
    body: list[Block] = []
    for block in blocks:
        if block.text == wanted_text:
            body.append(block)
            wanted_text = next(kept_texts, None)

    images: dict[str, Image] = {}
    for article in ordered:
        for image in article.images:
            images.setdefault(image.src, image)
    credits = tuple(dict.fromkeys(c for article in ordered for c in article.credits))
    return replace(
        first,
        url=page_url(first.url, 1),
        canonical_url=page_url(first.canonical_url, 1)
        if page_number(first.canonical_url) > 1
        else first.canonical_url,
        body=tuple(body),
        images=tuple(images.values()),
        credits=credits,
        editor_note=first.editor_note
        or next((a.editor_note for a in ordered if a.editor_note), None),
        continuation_urls=(),
        missing_pages=missing,
        content_hash="",
    )
