"""Multi-page articles on the generic path: a site configured with `profile = "generic"` whose
articles are split over `a1.htm`, `a1_2.htm`, `a1_3.htm` (a page-number bar, a "Next" link) is
assembled whole, as the profile path assembles it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import rows

from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings
from transforms.extract import extract_article

SENTENCE = (
    "The research station on the northern ridge recorded its first full year of weather data, "
    "and the team published the readings for other universities to use. "
)


def multi_page(number: int, pages: int = 3, *, bar: bool = True) -> str:
    links = "".join(
        f'<a href="a1{"" if n == 1 else f"_{n}"}.htm">{n}</a> ' for n in range(1, pages + 1)
    )
    following = f'<a href="a1_{number + 1}.htm">Next</a>' if number < pages else ""
    pager = f'<div class="pages">{links if bar else ""}{following}</div>'
    paragraphs = "".join(f"<p>Page {number}, part {i}. {SENTENCE * 2}</p>" for i in range(3))
    return (
        "<html><head><title>Ridge station: a year of weather</title></head><body>"
        f"<article><h1>Ridge station: a year of weather</h1>{paragraphs}{pager}</article>"
        "</body></html>"
    )


@pytest.mark.parametrize("bar", [True, False])
def test_a_generic_article_names_its_other_pages(bar: bool) -> None:
    url = "https://news.ridge.example/2024/a1.htm"
    article = extract_article(multi_page(1, bar=bar), url, profile="generic")
    expected = (
        ("https://news.ridge.example/2024/a1_2.htm", "https://news.ridge.example/2024/a1_3.htm")
        if bar
        else ("https://news.ridge.example/2024/a1_2.htm",)
    )
    assert article.continuation_urls == expected
    assert "Page 1, part 0" in article.text


def test_a_later_generic_page_names_the_first() -> None:
    url = "https://news.ridge.example/2024/a1_3.htm"
    article = extract_article(multi_page(3), url, profile="generic")
    assert article.continuation_urls == (
        "https://news.ridge.example/2024/a1.htm",
        "https://news.ridge.example/2024/a1_2.htm",
    )


@pytest.fixture
def family_site() -> DemoSite:
    return DemoSite(2, url_families=True)


def test_a_generic_source_assembles_multi_page_articles_over_http(
    settings: Settings, family_site: DemoSite
) -> None:
    """The demo site's three-page articles (page-number bar, "Next" link), loaded by a source
    that names no profile: one article each, with the text of every page, none incomplete."""
    with DemoServer(family_site) as server:
        source = replace(
            settings.source("demo").with_base_url(server.base_url),
            profile="generic",
            timezone="Asia/Shanghai",
        )
        summary = run_source(settings, source)
    assert summary.status == "completed" and summary.counts.failed == 0
    paginated = [a for a in family_site.family_articles if len(a.pages) > 1]
    assert paginated, "the demo site serves multi-page articles"
    for article in paginated:
        found = rows(
            settings,
            "SELECT body_text, is_incomplete, profile FROM articles WHERE url LIKE ?",
            ["%" + article.path],
        )
        assert len(found) == 1, article.path
        body, incomplete, profile = found[0]
        assert profile == "generic" and incomplete is False
        for page in article.pages:
            assert page[0] in body and page[-1] in body, article.path
    later_pages = rows(
        settings,
        "SELECT count(*) FROM articles WHERE regexp_matches(url, '_[0-9]{1,3}\\.htm$')",
    )
    assert later_pages == [(0,)]
