"""Pages of BIT's older URL families and templates, for `DemoSite(url_families=True)`.

One article per URL family, each in its era's template (the markup of
`tests/fixtures/profiles/bit/*`): `/NewsEvents/BITNews/<n>.htm`, `/NewsEvents/BITBulletin/<n>.htm`
and `/PictureNews/<n>.htm` (2005-2019, GBK, "release date :"), `/news2020/focus/<hex>.htm`,
`/news2020/events/a<n>.htm`, `/readingbit/<hex>.htm` and `/readingbit/a<n>.htm` (2020-2023,
"Time：" labels), and `/YYYY-MM/DD/c_<id>.htm` (China Daily's CMS). Three of them are split over
three pages: the older templates link "Next page" to `<name>_2.htm`, China Daily shows a
page-number bar `c_<id>.htm`, `c_<id>_2.htm`, `c_<id>_3.htm`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from html import escape

from newsetl.demo_site.content import make_sentence

NEWS_EVENTS = "news-events"
NEWS2020 = "news2020"
CHINA_DAILY = "china-daily"
PARAGRAPHS_PER_PAGE = 3
SENTENCES_PER_PARAGRAPH = 3


@dataclass
class FamilyArticle:
    """One article of an older URL family; `pages[i]` holds the paragraphs of page i + 1."""

    path: str
    template: str
    title: str
    published_on: date
    section: str
    pages: list[list[str]] = field(default_factory=list)
    edits: int = 0

    def page_path(self, number: int) -> str:
        """`/x/c_1.htm` for page 1, `/x/c_1_2.htm` for page 2."""
        if number == 1:
            return self.path
        stem, _, extension = self.path.rpartition(".")
        return f"{stem}_{number}.{extension}"

    @property
    def page_paths(self) -> list[str]:
        return [self.page_path(number) for number in range(1, len(self.pages) + 1)]

    @property
    def body_text(self) -> str:
        """The whole body as the pipeline stores it: paragraphs separated by blank lines."""
        return "\n\n".join(paragraph for page in self.pages for paragraph in page)


# (path, template, title, published on, section, pages)
FAMILY_ARTICLES = (
    ("/NewsEvents/BITNews/7801.htm", NEWS_EVENTS,
     "BIT Hosts Forum on Intelligent Manufacturing", date(2016, 5, 17), "Research", 3),
    ("/NewsEvents/BITBulletin/7802.htm", NEWS_EVENTS,
     "Notice on the Autumn Academic Calendar", date(2015, 9, 3), "Events", 1),
    ("/PictureNews/7803.htm", NEWS_EVENTS,
     "Spring Blossoms on Zhongguancun Campus", date(2018, 4, 11), "Campus Life", 1),
    ("/news2020/focus/5a1c9e0b7d3f4e21a6b8c0d2e4f61357.htm", NEWS2020,
     "BIT Team Wins International Robotics Contest", date(2021, 6, 8), "Awards", 3),
    ("/news2020/events/a4512.htm", NEWS2020,
     "Graduate Open Day Welcomes Students From Abroad", date(2020, 10, 21), "Events", 1),
    ("/readingbit/3f9c2a7e51b84d06a1e2c7d94b0f8e13.htm", NEWS2020,
     "A Decade of Partnership With a Campus Abroad", date(2022, 11, 8), "International", 1),
    ("/readingbit/a4520.htm", NEWS2020,
     "Reading BIT: The Library at Night", date(2023, 3, 2), "Campus Life", 1),
    ("/2024-05/16/c_1160001.htm", CHINA_DAILY,
     "BIT Opens New Energy Vehicle Laboratory", date(2024, 5, 16), "Research", 1),
    ("/2025-03/14/c_1160300.htm", CHINA_DAILY,
     "Students Build a Satellite in One Year", date(2025, 3, 14), "Focus", 3),
)  # fmt: skip


def make_family_articles(seed: int) -> list[FamilyArticle]:
    articles = []
    for path, template, title, published_on, section, page_count in FAMILY_ARTICLES:
        rng = random.Random(f"{seed}:family:{path}")
        pages = [
            [
                " ".join(make_sentence(section, rng) for _ in range(SENTENCES_PER_PARAGRAPH))
                for _ in range(PARAGRAPHS_PER_PAGE)
            ]
            for _ in range(page_count)
        ]
        articles.append(FamilyArticle(path, template, title, published_on, section, pages))
    return articles


def edit_page(article: FamilyArticle, number: int, seed: int) -> None:
    """Add one new sentence to the last paragraph of page `number`."""
    article.edits += 1
    rng = random.Random(f"{seed}:family-edit:{article.path}:{article.edits}")
    page = article.pages[number - 1]
    page[-1] = f"{page[-1]} {make_sentence(article.section, rng)}"


def _text(value: str) -> str:
    return escape(value, quote=False)


def _pager(article: FamilyArticle, number: int) -> str:
    count = len(article.pages)
    if count == 1:
        return ""
    name = lambda n: article.page_path(n).rsplit("/", 1)[-1]  # noqa: E731
    if article.template == CHINA_DAILY:  # the CMS's page-number bar
        links = "".join(
            f"<span>{n}</span>" if n == number else f'<a href="{name(n)}">{n}</a>'
            for n in range(1, count + 1)
        )
        return f'<div class="page_nav" id="div_currpage">{links}</div>'
    links = []
    if number > 1:
        links.append(f'<a href="{name(number - 1)}">Previous page</a>')
    if number < count:
        links.append(f'<a href="{name(number + 1)}">Next page</a>')
    return f'<div class="pages">{" ".join(links)}</div>'


def render_family_page(article: FamilyArticle, number: int) -> tuple[bytes, str]:
    """(body, charset) of page `number` of `article`, in its era's template."""
    paragraphs = "".join(f"<p>{_text(text)}</p>\n" for text in article.pages[number - 1])
    title = _text(article.title)
    pager = _pager(article, number)
    last = number == len(article.pages)
    if article.template == NEWS_EVENTS:
        credit = "<p>Translator：Zhang Wei&nbsp;&nbsp;&nbsp; Editor：Liu Fang</p>" if last else ""
        html = (
            '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" '
            'content="text/html; charset=gbk" />\n'
            f"<title>{title} - Beijing Institute of Technology</title></head><body>\n"
            '<div id="main"><div id="left"><div class="lefttitle">News &amp; Events</div>\n'
            '<ul class="leftmenu"><li><a href="index.htm">BIT News</a></li></ul></div>\n'
            f'<div id="right"><div class="article"><div class="title">{title}</div>\n'
            f'<div class="time">release date :{article.published_on:%Y-%m-%d} &nbsp;|&nbsp; '
            '[ <a href="javascript:window.close()">close window</a> ]ViewCount:'
            '<span id="hits">235</span></div>\n'
            f'<div class="content" id="zoom">\n{paragraphs}{credit}</div>\n{pager}\n'
            '</div></div></div>\n<div id="footer"><p>Copyright &copy; 2005-2019 Beijing '
            "Institute of Technology. All rights reserved.</p></div></body></html>\n"
        )
        return html.encode("gbk"), "gbk"
    if article.template == NEWS2020:
        html = (
            '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" '
            'content="text/html; charset=UTF-8">\n'
            f"<title>{title}-Beijing Institute of Technology</title></head><body>\n"
            '<div class="main-wrap"><div class="column-name">'
            f"{_text(article.section)}</div>\n"
            f'<div class="article-title"><h1>{title}</h1></div>\n'
            f'<div class="article-info"><p><span>Time：{article.published_on:%Y-%m-%d}</span>'
            "<span>News Source：BIT News Center</span></p>"
            "<p><span>Editor：Zhao Min</span></p></div>\n"
            f'<div id="vsb_content"><div class="v_news_content">\n{paragraphs}</div></div>\n'
            f"{pager}\n</div></body></html>\n"
        )
        return html.encode("utf-8"), "utf-8"
    html = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{title} - Beijing Institute of Technology</title></head><body>\n"
        '<div class="main">\n'
        f'  <div class="column">{_text(article.section)}</div>\n'
        f'  <h1 class="art_title">{title}</h1>\n'
        f'  <div class="info"><span class="date">{article.published_on:%Y-%m-%d} 09:30</span>'
        ' <span class="source">Source: BIT News</span></div>\n'
        f'  <div class="art_cont" id="Content">\n{paragraphs}{pager}</div>\n'
        "</div>\n"
        '<div class="footer"><p class="copyright">Copyright &#169; Beijing Institute of '
        "Technology. All rights reserved. Presented by China Daily.</p></div>\n"
        "</body></html>\n"
    )
    return html.encode("utf-8"), "utf-8"
