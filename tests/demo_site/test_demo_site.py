from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import httpx
import pytest
from bs4 import BeautifulSoup

from newsetl.demo_site import DemoArticle, DemoServer, DemoSite, serve_demo_site

ARTICLE_PATH = re.compile(r"^/\d{4}-\d{2}/\d{2}/c_\d+\.htm$")
HEX_IMAGE = re.compile(r"^[0-9a-f]{32}\.(png|jpg)$")


@pytest.fixture
def site() -> DemoSite:
    return DemoSite(30, seed=7, per_page=10)


@pytest.fixture
def server(site: DemoSite) -> Iterator[DemoServer]:
    with DemoServer(site) as running:
        yield running


@pytest.fixture
def client(server: DemoServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, timeout=5) as http:
        yield http


def crawl_listing(client: httpx.Client, start: str) -> tuple[list[str], list[str]]:
    article_paths: list[str] = []
    page_paths: list[str] = []
    next_path: str | None = start
    while next_path is not None:
        response = client.get(next_path)
        assert response.status_code == 200
        page_paths.append(next_path)
        soup = BeautifulSoup(response.text, "html.parser")
        article_paths += [a["href"] for a in soup.select("div.lis_box h3 a")]
        next_link = soup.select_one("div.pages a.next")
        next_path = next_link["href"] if next_link else None
    return article_paths, page_paths


def body_paragraph_texts(html: str) -> list[str]:
    content = BeautifulSoup(html, "html.parser").select_one("div.art_cont#Content")
    assert content is not None
    return [
        p.get_text()
        for p in content.find_all("p", recursive=False)
        if p.get("class") is None and p.get("style") is None
    ]


def expected_rendered_paragraphs(article: DemoArticle) -> list[str]:
    rendered: list[str] = []
    if article.editor_note:
        rendered.append(f"[Editor's note] {article.editor_note}")
    for index, paragraph in enumerate(article.paragraphs):
        if index == article.repeated_paragraph_index:
            assert article.repeated_sentence is not None
            sentence = article.repeated_sentence
            paragraph = paragraph.replace(sentence, f"{sentence} {sentence}", 1)
        rendered.append(paragraph)
        if index == article.duplicated_paragraph_index:
            rendered.append(paragraph)
    return rendered


def snapshot(site: DemoSite) -> dict[str, tuple[int, bytes]]:
    paths = [a.path for a in site.articles] + ["/"]
    paths += [site.listing_page_path(n) for n in range(1, site.page_count() + 2)]
    return {path: site.render(path)[::2] for path in paths}


def test_listing_pagination_covers_every_live_article_once(
    site: DemoSite, client: httpx.Client
) -> None:
    article_paths, page_paths = crawl_listing(client, site.listing_path)

    assert article_paths == [a.path for a in site.live_articles()]
    assert page_paths == ["/news/node_1.htm", "/news/node_1_2.htm", "/news/node_1_3.htm"]
    assert all(ARTICLE_PATH.match(path) for path in article_paths)
    assert client.get("/news/node_1_4.htm").status_code == 404
    assert client.get("/news/node_1_1.htm").status_code == 404


def test_article_ids_dates_and_times_follow_the_site_rules(site: DemoSite) -> None:
    articles = site.articles
    assert articles[-1].article_id == 1149000
    assert articles[0].published_at.date() == date(2026, 11, 20)
    for newer, older in zip(articles, articles[1:], strict=False):
        assert 1 <= newer.article_id - older.article_id <= 400
        gap = newer.published_at.date() - older.published_at.date()
        assert timedelta(days=1) <= gap <= timedelta(days=3)
    for article in articles:
        assert str(article.published_at.tzinfo) == "Asia/Shanghai"
        assert 8 <= article.published_at.hour < 18
        assert article.path == (
            f"/{article.published_at:%Y-%m}/{article.published_at:%d}/c_{article.article_id}.htm"
        )
        assert 3 <= len(article.paragraphs) <= 8
        assert len(article.figures) == len(article.figure_positions) <= 3


def test_article_pages_render_the_model(site: DemoSite, client: httpx.Client) -> None:
    for article in site.articles:
        response = client.get(article.path)
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert response.headers["etag"]
        assert response.headers["last-modified"]
        soup = BeautifulSoup(response.text, "html.parser")
        assert soup.select_one("h1.art_title").get_text() == article.title
        assert soup.select_one("div.info span.date").get_text() == (
            article.published_at.strftime("%Y-%m-%d %H:%M")
        )
        author = soup.select_one("div.info span.author")
        if article.author is None:
            assert author is None
        else:
            assert author.get_text() == f"By {article.author}"
        assert soup.select_one("div.column").get_text() == article.section
        assert body_paragraph_texts(response.text) == expected_rendered_paragraphs(article)
        images = [img["alt"] for img in soup.select("div.art_cont img")]
        assert images == [file_name for file_name, _ in article.figures]
        captions = [p.get_text() for p in soup.select("div.art_cont p.caption")]
        assert captions == [f"{c} [Photo/]" for _, c in article.figures if c is not None]
        assert len(soup.select("div.related li a")) == 3


def test_generated_content_has_the_expected_variety() -> None:
    articles = DemoSite(300, seed=3).articles
    assert any(a.author is None for a in articles)
    assert any(a.editor_note for a in articles)
    assert any(a.repeated_sentence for a in articles)
    assert any(a.duplicated_paragraph_index is not None for a in articles)
    assert any(a.page_nav_count for a in articles)
    figure_names = [name for a in articles for name, _ in a.figures]
    assert any(HEX_IMAGE.match(name) for name in figure_names)
    assert any(re.fullmatch(r"\d\.(png|jpg)", name) for name in figure_names)
    captions = [caption for a in articles for _, caption in a.figures]
    assert None in captions and any(captions)
    for article in articles:
        if article.repeated_sentence:
            joined = " ".join(article.paragraphs)
            assert f"{article.repeated_sentence} {article.repeated_sentence}" not in joined


def test_text_is_html_escaped(client: httpx.Client, site: DemoSite) -> None:
    article = site.articles[0]
    article.title = 'R&D <lab> "open" day'
    response = client.get(article.path)
    assert '<title>R&amp;D &lt;lab&gt; "open" day - Beijing Institute' in response.text
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one("h1.art_title").get_text() == 'R&D <lab> "open" day'


def test_robots_home_head_and_not_found(site: DemoSite, client: httpx.Client) -> None:
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert robots.text == "User-agent: *\nAllow: /\n"

    home = BeautifulSoup(client.get("/").text, "html.parser")
    home_links = [a["href"] for a in home.select("ul.home_news a")]
    assert home_links == [a.path for a in site.live_articles()[:5]]

    path = site.articles[4].path
    head = client.head(path)
    assert head.status_code == 200
    assert head.content == b""
    assert int(head.headers["content-length"]) == len(client.get(path).content)

    missing = client.get("/2026-01/01/c_1.htm")
    assert missing.status_code == 404
    assert "text/html" in missing.headers["content-type"]


def test_conditional_requests_answer_304_and_are_logged(
    site: DemoSite, client: httpx.Client
) -> None:
    path = site.articles[2].path
    first = client.get(path)
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]

    by_etag = client.get(path, headers={"If-None-Match": etag})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    by_date = client.get(path, headers={"If-Modified-Since": last_modified})
    assert by_date.status_code == 304
    stale = client.get(path, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert stale.status_code == 200
    other_etag = client.get(path, headers={"If-None-Match": '"nope"'})
    assert other_etag.status_code == 200

    client.head(path)
    client.get("/missing.htm")
    assert site.requests == [
        ("GET", path, 200),
        ("GET", path, 304),
        ("GET", path, 304),
        ("GET", path, 200),
        ("GET", path, 200),
        ("HEAD", path, 200),
        ("GET", "/missing.htm", 404),
    ]


def test_publish_adds_the_newest_article(site: DemoSite, client: httpx.Client) -> None:
    previous = site.articles[0]
    published = site.publish()

    assert site.articles[0] is published
    assert published.article_id > max(a.article_id for a in site.articles[1:])
    assert published.published_at.date() == previous.published_at.date() + timedelta(days=1)
    assert client.get(published.path).status_code == 200
    article_paths, page_paths = crawl_listing(client, site.listing_path)
    assert article_paths[0] == published.path
    assert len(article_paths) == 31
    assert len(page_paths) == 4


def test_edit_and_set_revision_round_trip(site: DemoSite, client: httpx.Client) -> None:
    article = site.articles[5]
    original_paragraphs = list(article.paragraphs)
    original = client.get(article.path)

    site.edit(article.article_id)
    edited = client.get(article.path)
    assert article.revision == 1
    assert article.paragraphs != original_paragraphs
    assert len(article.paragraphs) == len(original_paragraphs)
    assert edited.content != original.content
    assert edited.headers["etag"] != original.headers["etag"]
    assert (
        client.get(article.path, headers={"If-None-Match": original.headers["etag"]}).status_code
        == 200
    )
    assert body_paragraph_texts(edited.text) == expected_rendered_paragraphs(article)

    site.set_revision(article.article_id, 0)
    restored = client.get(article.path)
    assert restored.content == original.content
    assert restored.headers["etag"] == original.headers["etag"]
    assert article.paragraphs == original_paragraphs

    site.set_revision(article.article_id, 1)
    assert client.get(article.path).content == edited.content
    site.edit(article.article_id)
    assert article.revision == 2
    assert client.get(article.path).content not in (original.content, edited.content)


def test_delete_removes_page_and_listing_entry(site: DemoSite, client: httpx.Client) -> None:
    article = site.articles[12]
    site.delete(article.article_id)

    assert article.deleted
    assert article in site.articles
    assert article not in site.live_articles()
    assert client.get(article.path).status_code == 404
    article_paths, _ = crawl_listing(client, site.listing_path)
    assert article.path not in article_paths
    assert len(article_paths) == 29


def test_make_empty_keeps_template_without_text(site: DemoSite, client: httpx.Client) -> None:
    article = site.articles[7]
    site.make_empty(article.article_id)

    response = client.get(article.path)
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one("h1.art_title").get_text() == article.title
    content = soup.select_one("div.art_cont#Content")
    assert content.find("p") is None
    assert re.fullmatch(r"\d*", content.get_text().strip())


def test_advance_applies_deterministic_rounds(site: DemoSite) -> None:
    before = snapshot(site)
    site.advance(0)
    assert snapshot(site) == before

    stepwise = DemoSite(30, seed=7, per_page=10)
    stepwise.advance(1)
    stepwise.advance(1)
    site.advance(2)
    assert snapshot(site) == snapshot(stepwise)
    assert site.history == stepwise.history

    assert len(site.articles) == 32
    assert len(site.live_articles()) == 30
    newest_ids = [a.article_id for a in site.articles[:2]]
    for round_ in site.history:
        assert round_.published_id in newest_ids
        assert round_.edited_id not in (None, round_.published_id, round_.deleted_id)
        assert site.article(round_.edited_id).revision == 1
        assert site.article(round_.deleted_id).deleted


def test_same_seed_gives_identical_pages() -> None:
    assert snapshot(DemoSite(25, seed=11)) == snapshot(DemoSite(25, seed=11))
    assert snapshot(DemoSite(25, seed=11)) != snapshot(DemoSite(25, seed=12))


def test_serve_demo_site_applies_generation() -> None:
    server = serve_demo_site(n_articles=12, generation=1, seed=5)
    try:
        assert len(server.site.history) == 1
        robots = httpx.get(f"{server.base_url}/robots.txt", timeout=5)
        assert robots.status_code == 200
    finally:
        server.stop()
    assert not server.running


def test_a_large_site_has_every_article_and_listing_page() -> None:
    site = DemoSite(2000)
    assert len(site.live_articles()) == 2000
    assert site.page_count() == 200
