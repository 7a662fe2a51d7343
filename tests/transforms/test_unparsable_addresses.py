"""One address Python cannot parse ("http://[ccpa-preferences]", a name in IPv6 brackets, as a
consent banner on a real page links it) leads nowhere: it never fails the page it sits on."""

from __future__ import annotations

import pytest

from records.urls import join_url, url_parts
from transforms.extract import extract_article
from transforms.feeds import feed_links, parse_feed
from transforms.listing import parse_listing
from transforms.page import Page
from transforms.pagination import continuation_urls
from transforms.sitemaps import BadXml, parse_sitemap

BROKEN = ("http://[ccpa-preferences]/", "http://[x", "//[x/a.jpg")
PROSE = (
    "The committee met on Tuesday to weigh the new library plan, and its members heard from "
    "students, staff and the neighbours who will live beside the building site for two years. "
)
URL = "https://news.example.edu/news/2024/a1.htm"

PLACES = {
    "link in the headline": ("", '<h1><a href="{u}">The headline of the story</a></h1>'),
    "picture": ("", '<img src="{u}" alt="A picture">'),
    "figure": ("", '<figure><img src="{u}"><figcaption>A caption</figcaption></figure>'),
    "link in the text": ("", '<p>Read <a href="{u}">the consent settings</a> here.</p>'),
    "author link": ("", '<p class="byline">By <a rel="author" href="{u}">Jo Smith</a></p>'),
    "next link": ("", '<a rel="next" href="{u}">Next</a>'),
    "canonical link": ('<link rel="canonical" href="{u}">', ""),
    "og:url": ('<meta property="og:url" content="{u}">', ""),
    "base": ('<base href="{u}">', ""),
    "og:image": ('<meta property="og:image" content="{u}">', ""),
}


def _page(head: str, extra: str) -> str:
    text = "".join(f"<p>{PROSE}Part {n} of the story.</p>" for n in range(4))
    return (
        f"<html><head><title>The headline of the story</title>{head}</head><body>"
        f'<div class="art_cont" id="Content"><article><h1>The headline of the story</h1>'
        f"{extra}{text}</article></div></body></html>"
    )


@pytest.mark.parametrize("address", BROKEN)
@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("profile", ["generic", "bit"])
def test_a_broken_address_anywhere_on_the_page_leaves_the_article_whole(
    profile: str, place: str, address: str
) -> None:
    head, extra = (part.replace("{u}", address) for part in PLACES[place])
    article = extract_article(_page(head, extra), URL, profile=profile)
    assert article.title == "The headline of the story"
    assert sum(paragraph.startswith(PROSE.strip()) for paragraph in article.paragraphs) == 4
    assert article.canonical_url.startswith("https://news.example.edu/")
    assert all("[" not in image.src for image in article.images)


def test_a_listing_skips_a_broken_link_and_keeps_the_rest() -> None:
    html = (
        '<a href="http://[x]/news/1.htm">broken</a><a href="/news/2.htm">good</a>'
        '<a rel="next" href="http://[x]/news/p2.htm">Next</a>'
    )
    listing = parse_listing(html, "https://news.example.edu/news/", r"/news/\d+\.htm$")
    assert [article.url for article in listing.articles] == ["https://news.example.edu/news/2.htm"]
    assert listing.next_url is None


def test_feeds_skip_broken_links() -> None:
    html = (
        '<link rel="alternate" type="application/rss+xml" href="http://[x]/feed">'
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    )
    assert feed_links(html, "https://news.example.edu/") == ["https://news.example.edu/feed.xml"]
    rss = (
        b"<rss><channel><item><link>http://[x]/a</link></item>"
        b"<item><link>https://news.example.edu/b</link></item></channel></rss>"
    )
    assert [entry.url for entry in parse_feed(rss, "https://news.example.edu/feed.xml")] == [
        "https://news.example.edu/b"
    ]


def test_a_page_number_bar_skips_a_broken_link() -> None:
    bar = '<a href="http://[x]/news/a1_2.htm">2</a><a href="a1_3.htm">3</a>'
    page = Page(f"<html><body>{bar}</body></html>", URL)
    pages = continuation_urls(page)
    assert pages[-1] == "https://news.example.edu/news/2024/a1_3.htm"
    assert all(url.startswith("https://news.example.edu/news/2024/a1_") for url in pages)


def test_join_url_and_url_parts_answer_none_and_empty_for_what_python_cannot_parse() -> None:
    assert join_url("https://a.example/x/", "y.htm") == "https://a.example/x/y.htm"
    assert join_url("https://a.example/", "http://[x]/") is None
    assert join_url("http://[x", "/y") is None
    assert url_parts("http://[x]/a/b").path == ""
    assert url_parts("https://a.example/a/b").path == "/a/b"


def test_a_character_reference_to_no_character_leaves_the_feed_readable() -> None:
    rss = (
        b"<rss><channel><item><title>Lone &#xD800; surrogate &#0; and &#233;</title>"
        b"<link>https://news.example.edu/a</link></item>"
        b"<item><title>B</title><link>https://news.example.edu/b</link></item></channel></rss>"
    )
    entries = parse_feed(rss, "https://news.example.edu/feed.xml")
    assert [entry.url for entry in entries] == [
        "https://news.example.edu/a",
        "https://news.example.edu/b",
    ]
    assert entries[0].title == "Lone \ufffd surrogate \ufffd and é"


def test_a_feed_or_sitemap_no_parser_can_read_is_bad_xml_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unknown_encoding = (
        b'<?xml version="1.0" encoding="UT9999-99-99F-8"?>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://news.example.edu/a</loc></url></urlset>"
    )
    with pytest.raises(BadXml, match="unreadable XML"):
        parse_sitemap(unknown_encoding)

    def fails(*_args: object, **_kwargs: object) -> None:
        raise KeyError("links")  # as feedparser did on a fuzzed feed's broken <link>

    monkeypatch.setattr("transforms.feeds.feedparser.parse", fails)
    with pytest.raises(BadXml, match="feed unreadable"):
        parse_feed(b"<rss><channel></channel></rss>", "https://news.example.edu/f")
