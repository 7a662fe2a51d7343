"""BIT pages after the changes real redesigns make: every field still lands, from some source.

The gold is the unmutated page's expected record (tests/fixtures/profiles/bit/); the mutated
page must keep body F1 >= 0.95, the exact title and the publication day, and `field_sources`
must say which fallback served what the profile's own selectors lost.
"""

from __future__ import annotations

import pytest
from mutations import MUTATIONS, body_f1, paginate, rename_body_container, split_body
from profile_fixtures import fixtures

from transforms.extract import extract_article
from transforms.page import Page
from transforms.pagination import assemble_pages, continuation_urls

BIT_FIXTURES = [fixture for fixture in fixtures() if fixture.profile.name == "bit"]
MIN_F1 = 0.95


def gold_text(expected: dict) -> str:
    return "\n\n".join(block["text"] for block in expected["body"])


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("fixture", BIT_FIXTURES, ids=lambda f: f.id)
def test_mutated_page_keeps_title_date_and_body(fixture, mutate) -> None:
    expected = fixture.expected()
    html = mutate(fixture.html(), fixture.version)
    article = extract_article(html, expected["url"], profile="bit")
    assert body_f1(gold_text(expected), article.text) >= MIN_F1, article.sources
    assert article.title == expected["title"], article.sources
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == expected["published_at"][:10]
    assert {"title", "body", "published_at"} <= article.sources.keys()


@pytest.mark.parametrize("fixture", BIT_FIXTURES, ids=lambda f: f.id)
def test_a_lost_body_selector_is_a_profile_miss_served_by_a_fallback(fixture) -> None:
    html = rename_body_container(fixture.html(), fixture.version)
    article = extract_article(html, fixture.expected()["url"], profile="bit")
    assert article.sources["body"] != fixture.version.NAME
    assert "body" in article.profile_misses


@pytest.mark.parametrize("fixture", BIT_FIXTURES, ids=lambda f: f.id)
def test_a_body_split_over_siblings_is_read_whole(fixture) -> None:
    html = split_body(fixture.html(), fixture.version)
    article = extract_article(html, fixture.expected()["url"], profile="bit")
    assert body_f1(gold_text(fixture.expected()), article.text) >= MIN_F1


@pytest.mark.parametrize("fixture", BIT_FIXTURES, ids=lambda f: f.id)
def test_unmutated_page_is_served_by_its_own_version(fixture) -> None:
    article = fixture.extract()
    assert article.profile == fixture.version.NAME
    assert article.sources["body"] == fixture.version.NAME
    assert article.profile_misses == ()


@pytest.mark.parametrize("fixture", BIT_FIXTURES, ids=lambda f: f.id)
def test_three_page_article_assembles_to_the_whole_body(fixture) -> None:
    expected = fixture.expected()
    pages = paginate(fixture.html(), expected["url"], fixture.version)
    first_html, first_url = pages[0]
    assert continuation_urls(Page(first_html, first_url)) == tuple(url for _, url in pages[1:])
    articles = [extract_article(html, url, profile="bit") for html, url in reversed(pages)]
    assert articles[-1].continuation_urls == tuple(url for _, url in pages[1:])
    whole = assemble_pages(articles)
    assert whole.url == first_url and not whole.incomplete
    assert whole.title == expected["title"]
    assert body_f1(gold_text(expected), whole.text) >= MIN_F1
    assert len(whole.images) == len(expected["images"])


@pytest.mark.parametrize("fixture", BIT_FIXTURES, ids=lambda f: f.id)
def test_a_missing_page_marks_the_article_incomplete(fixture) -> None:
    pages = paginate(fixture.html(), fixture.expected()["url"], fixture.version)
    articles = [extract_article(html, url, profile="bit") for html, url in (pages[0], pages[2])]
    whole = assemble_pages(articles)
    assert whole.incomplete and whole.missing_pages == (pages[1][1],)
