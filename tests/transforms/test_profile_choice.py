"""Version choice by page evidence, the URL only a hint; profile names for config validation."""

from __future__ import annotations

import pytest
from profile_fixtures import fixtures

from transforms.page import Page
from transforms.pagination import continuation_urls, page_number, page_url
from transforms.profiles.registry import PROFILES, get_profile, profile_names

BIT_FIXTURES = [fixture for fixture in fixtures() if fixture.profile.name == "bit"]
OTHER_ERA_URLS = {
    "news-events-v1": "https://english.bit.edu.cn/readingbit/a185894.htm",
    "news2020-v1": "https://english.bit.edu.cn/2024-01/04/c_953382.htm",
    "china-daily-v1": "https://english.bit.edu.cn/NewsEvents/BITBulletin/4711.htm",
}


def test_profile_names_lists_every_registered_profile() -> None:
    assert set(profile_names()) == set(PROFILES) and "bit" in profile_names()


@pytest.mark.parametrize("fixture", BIT_FIXTURES, ids=lambda f: f.id)
def test_the_markup_outweighs_a_misleading_url(fixture) -> None:
    url = OTHER_ERA_URLS[fixture.version.NAME.split(":")[1]]
    version, confidence = get_profile("bit").choose_version(Page(fixture.html(), url))
    assert version is fixture.version and 0 < confidence <= 1


@pytest.mark.parametrize(
    "url",
    [
        "http://english.bit.edu.cn/NewsEvents/BITNews/84725.htm",
        "http://english.bit.edu.cn/PictureNews/1234.htm",
        "https://english.bit.edu.cn/news2020/focus/7ebabd094a9e41d1909484dc749a3e37.htm",
        "https://english.bit.edu.cn/news2020/events/a185332.htm",
        "https://english.bit.edu.cn/readingbit/a185894.htm",
        "http://english.bit.edu.cn/2026-01/16/c_1155390.htm",
        "https://regional.chinadaily.com.cn/enbit/2024-02/29/c_966069.htm",
    ],
)
def test_every_url_family_has_a_version_hint(url) -> None:
    assert any(version.matches_url(url) for version in get_profile("bit").versions)


def test_continuation_urls_from_a_later_page_include_page_one() -> None:
    url = "https://regional.chinadaily.com.cn/enbit/2024-02/29/c_966069_2.htm"
    html = (
        '<html><body><div id="div_currpage"><a href="c_966069.htm">1</a> 2 '
        '<a href="c_966069_3.htm">3</a> <a href="c_966069_3.htm">Next</a></div>'
        '<a href="c_966070.htm">Another article</a></body></html>'
    )
    assert continuation_urls(Page(html, url)) == (page_url(url, 1), page_url(url, 3))
    assert page_number(url) == 2 and page_url(url, 1).endswith("/c_966069.htm")


def test_only_a_missed_title_body_or_date_is_a_sign_of_template_drift() -> None:
    from records.article import Article, Block

    def article(*misses: str) -> Article:
        return Article(
            url="https://news.example.edu/a.htm",
            canonical_url="https://news.example.edu/a.htm",
            title="A title",
            body=(Block("Text."),),
            profile_misses=misses,
        )

    assert not article().missed_a_template_anchor
    assert not article("authors", "tags").missed_a_template_anchor
    assert article("authors", "body").missed_a_template_anchor
    assert article("published_at").missed_a_template_anchor
