"""Listing pages: the later pages a pager links to, read so a backfill can fetch ahead."""

from __future__ import annotations

from transforms.feeds import feed_links
from transforms.listing import MAX_LATER_PAGES, parse_listing

ARTICLES = r"/\d{4}-\d{2}/\d{2}/c_\d+\.htm$"


def listing(body: str) -> str:
    return f"<html><body><ul><li><a href='/2026-01/02/c_17.htm'>A story</a></li></ul>{body}</body></html>"


def test_numbered_pages_after_next_in_page_order() -> None:
    html = listing(
        "<a href='/news/node_1_5.htm'>5</a> <a href='/news/index.htm'>1</a>"
        "<a href='/news/node_1_3.htm'>3</a> <a href='/news/node_1_4.htm'>4</a>"
        "<a href='/news/node_1_2.htm'>2</a> <a class='next' href='/news/node_1_2.htm'>Next</a>"
    )
    page = parse_listing(html, "http://example.edu/news/index.htm", ARTICLES)
    assert page.next_url == "http://example.edu/news/node_1_2.htm"
    assert page.later_pages == [
        "http://example.edu/news/node_1_3.htm",
        "http://example.edu/news/node_1_4.htm",
        "http://example.edu/news/node_1_5.htm",
    ]
    # the article link differs from the pager in more than one number: never a page
    assert all("c_17" not in url for url in page.later_pages)


def test_query_string_pagers_and_earlier_pages() -> None:
    html = listing(
        "<a href='?page=1'>1</a><a href='?page=2'>2</a><a href='?page=4'>4</a>"
        "<a href='?page=5'>next</a><a href='?page=9'>last</a><a href='?page=3'>3</a>"
    )
    page = parse_listing(html, "http://example.edu/news?page=4", ARTICLES)
    assert page.next_url == "http://example.edu/news?page=5"
    assert page.later_pages == ["http://example.edu/news?page=9"]  # nothing before the next


def test_links_of_another_shape_or_host_are_not_pages() -> None:
    html = listing(
        "<a rel='next' href='/news/p2.htm'>more</a>"
        "<a href='http://other.example/news/p3.htm'>3</a>"  # another host
        "<a href='/news/p3/x.htm'>x</a> <a href='/events/p4.htm'>events</a>"
    )
    page = parse_listing(html, "http://example.edu/news/p1.htm", ARTICLES)
    assert page.next_url == "http://example.edu/news/p2.htm"
    assert page.later_pages == []


def test_no_next_page_no_later_pages() -> None:
    html = listing("<a href='/news/node_1_2.htm'>2</a><a href='/news/node_1_3.htm'>3</a>")
    page = parse_listing(html, "http://example.edu/news/index.htm", ARTICLES)
    assert page.next_url is None and page.later_pages == []


def test_a_pager_of_hundreds_of_pages_gives_the_nearest_ones() -> None:
    pager = "".join(f"<a href='list_{n:03d}.html'>{n}</a>" for n in range(500, 1, -1))
    html = listing(pager + "<a href='list_002.html'>next</a>")
    page = parse_listing(html, "http://example.edu/news/list_001.html", ARTICLES)
    assert page.next_url == "http://example.edu/news/list_002.html"
    assert page.later_pages == [
        f"http://example.edu/news/list_{n:03d}.html" for n in range(3, 3 + MAX_LATER_PAGES)
    ]


XHTML_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"'
    ' "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
)


def test_an_xhtml_listing_with_an_xml_declaration_is_read() -> None:
    # lxml refuses a str opening with an encoding declaration: the walk of such a site failed
    html = XHTML_HEAD + listing("<a class='next' href='/news/node_1_2.htm'>Next</a>").replace(
        "<html>", '<html xmlns="http://www.w3.org/1999/xhtml">'
    )
    page = parse_listing(html, "http://example.edu/news/index.htm", ARTICLES)
    assert [article.url for article in page.articles] == ["http://example.edu/2026-01/02/c_17.htm"]
    assert page.next_url == "http://example.edu/news/node_1_2.htm"


def test_a_home_page_in_xhtml_announces_its_feed() -> None:
    html = XHTML_HEAD + (
        '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        '<link rel="alternate" type="application/rss+xml" href="/news/rss.xml" /></head>'
        "<body></body></html>"
    )
    assert feed_links(html, "http://example.edu/") == ["http://example.edu/news/rss.xml"]


def test_an_empty_or_unparseable_listing_holds_no_links() -> None:
    assert parse_listing("", "http://example.edu/news/", ARTICLES).articles == []
    assert parse_listing("\x00\x00", "http://example.edu/news/", ARTICLES).articles == []
