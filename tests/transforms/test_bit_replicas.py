"""Independently written BIT-like pages, one per era and URL family, in markup unlike our
fixtures (tables, info bars, unexpected containers): each must land with the right title,
date, body, editor's note and credits, whatever the profile's selectors make of it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from mutations import body_f1

from transforms.decode import decode_html
from transforms.extract import extract_article

SHANGHAI = ZoneInfo("Asia/Shanghai")
PARAGRAPHS = [
    "On September 12, Beijing Institute of Technology held the opening ceremony of its new "
    "academic year in the sports centre on the Liangxiang campus, welcoming more than four "
    "thousand undergraduates from thirty provinces.",
    "The president of the university addressed the freshmen and encouraged them to combine "
    "curiosity with persistence, reminding them that the history of the institute began with "
    "a school founded in Yan'an in 1940.",
    "Representatives of teachers and senior students shared their own experiences of "
    "research, competitions and volunteer work, and the new students took the oath of the "
    "university together.",
    "After the ceremony, the freshmen visited laboratories and museums on campus, where "
    "guides introduced achievements in vehicles, aerospace, optics and information science.",
]
CAPTION = "Freshmen take the oath at the opening ceremony"
NOTE = "This is the first of a series of reports on the new academic year."
FOOTER = (
    '<div class="foot"><p>ADDRESS</p><p>No 5 Zhongguancun South Street, Haidian District, '
    "Beijing</p><p>Copyright &copy; Beijing Institute of Technology. All rights reserved.</p></div>"
)


def paragraphs(style: str = "") -> str:
    return "".join(f"<p{style}>{text}</p>" for text in PARAGRAPHS[:2]) + (
        '<p style="text-align:center"><img src="/images/2019/fresh.jpg"></p>'
        f'<p style="text-align:center">{CAPTION}</p>'
        + "".join(f"<p{style}>{text}</p>" for text in PARAGRAPHS[2:])
    )


TITLE = "BIT welcomes the class of freshmen at the opening ceremony"


def news_events_tables() -> tuple[bytes, str, datetime]:
    """2005-2019: a table layout, GBK, the date in its own row, the body in a table cell."""
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{TITLE}--Beijing Institute of Technology</title></head><body>
<table width="980"><tr><td class="topbar"><img src="/images/logo.gif"> 北京理工大学</td></tr>
<tr><td class="crumb">Your present position: HOME &gt; News &amp; Events &gt; BIT News</td></tr>
<tr><td><table><tr><td class="bt" align="center"><b>{TITLE}</b></td></tr>
<tr><td class="info" align="center">release date ：2019-09-16 &nbsp; | [ <a href="javascript:window.close()">close window</a> ] ViewCount: 1820</td></tr>
<tr><td class="nr">
<p>【Editor's notes】{NOTE}</p>
{paragraphs(' class="MsoNormal"')}
<p>Translator: Li Ming &nbsp; Proof-reader: Wang Fang</p><p>Editor: Zhao Lei</p>
</td></tr></table></td></tr>
<tr><td class="share">Share to: Sina Microblog | Tencent Microblog</td></tr></table>
{FOOTER}</body></html>"""
    return (
        html.encode("gbk"),
        "http://english.bit.edu.cn/NewsEvents/BITNews/84725.htm",
        datetime(2019, 9, 16, tzinfo=SHANGHAI),
    )


def picture_news_divs() -> tuple[bytes, str, datetime]:
    """2016-2018 picture news: unfamiliar div names, the date below the body."""
    html = f"""<!DOCTYPE html><html><head><meta charset="gbk">
<title>{TITLE} - Beijing Institute of Technology</title></head><body>
<div id="wrap"><div class="pic-title"><h3>{TITLE}</h3></div>
<div class="pic-text">{paragraphs()}<p>News resource &amp; Photographer: Party Committee Publicity Department</p></div>
<div class="pic-date">Release date: 2017-09-16</div></div>{FOOTER}</body></html>"""
    return (
        html.encode("gbk"),
        "http://english.bit.edu.cn/PictureNews/1234.htm",
        datetime(2017, 9, 16, tzinfo=SHANGHAI),
    )


def news2020_events() -> tuple[bytes, str, datetime]:
    """2020-2023: an `a<n>` id, a meta list, the body in an unexpected container."""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE}_Beijing Institute of Technology</title>
<meta property="og:title" content="{TITLE}"></head><body>
<header><nav><a href="/">Home</a><a href="/news2020/events/">Events</a></nav></header>
<main><div class="sec-label">Events</div><h2 class="detail-title">{TITLE}</h2>
<ul class="detail-meta"><li>Time: 2020-09-15</li><li>News Source: Office of Academic Affairs</li></ul>
<section class="detail-body"><h4>Editor's Note</h4><p>{NOTE}</p>{paragraphs()}
<p>Photographer: Chen Jie</p><p>Slide to see more</p><p>Reviewer: Sun Hao</p></section></main>
{FOOTER}</body></html>"""
    return (
        html.encode(),
        "https://english.bit.edu.cn/news2020/events/a185332.htm",
        datetime(2020, 9, 15, tzinfo=SHANGHAI),
    )


def readingbit_hex() -> tuple[bytes, str, datetime]:
    """Reading BIT: the date line inside the body container, a full-width colon."""
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{TITLE} | Beijing Institute of Technology</title></head><body>
<div class="column">Reading BIT</div><div class="con"><div class="tt">{TITLE}</div>
<div class="txt"><p>Time：2021-04-02 &nbsp; Editor：Liu Yang</p><p>[Editor's note] {NOTE}</p>
{paragraphs()}<p>Translated by Zhou Qing</p></div></div>{FOOTER}</body></html>"""
    return (
        html.encode(),
        "https://english.bit.edu.cn/readingbit/0f4c3b2a1d9e8f7a6b5c4d3e2f1a0b9c.htm",
        datetime(2021, 4, 2, tzinfo=SHANGHAI),
    )


def china_daily_regional() -> tuple[bytes, str, datetime]:
    """2024-: on regional.chinadaily.com.cn/enbit, "Updated: date time", no enpproperty."""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE} - Beijing Institute of Technology</title></head><body>
<div class="topnav">Home | News | About</div><div class="container"><div class="left-part">
<h1 class="tit">{TITLE}</h1><p class="time-bar">Updated: 2024-01-04 10:32 &nbsp; Source: BIT</p>
<div id="article-body"><p>[Editor's note] {NOTE}</p>{paragraphs()}
<p style="text-align:center"><img src="/enbit/att/8f14e45fceea167a5a36dedd4bea2543.png"></p>
<p>The new students at the gate [Photo/]</p></div>
<div class="pages"><a href="c_953382.htm">1</a></div></div></div>{FOOTER}
<div class="dots"><span>1</span><span>2</span><span>3</span></div></body></html>"""
    return (
        html.encode(),
        "https://regional.chinadaily.com.cn/enbit/2024-01/04/c_953382.htm",
        datetime(2024, 1, 4, 10, 32, tzinfo=SHANGHAI),
    )


def china_daily_time_only() -> tuple[bytes, str, datetime]:
    """The current template's "Updated: HH:MM": the day comes from the URL."""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE}——Beijing Institute of Technology</title></head><body>
<div class="main"><h1>{TITLE}</h1><div class="info"><span>Updated: 09:15</span></div>
<div class="art_cont" id="Content">{paragraphs()}</div></div>{FOOTER}</body></html>"""
    return (
        html.encode(),
        "http://english.bit.edu.cn/2025-12/23/c_1149883.htm",
        datetime(2025, 12, 23, 9, 15, tzinfo=SHANGHAI),
    )


def news2020_plain_caption() -> tuple[bytes, str, datetime]:
    """2020-2023 template, the caption a plain paragraph under its image (not centred)."""
    body = (
        "".join(f"<p>{text}</p>" for text in PARAGRAPHS[:2])
        + f'<p><img src="/__local/A/B/C/fresh.jpg" width="600"></p><p>{CAPTION}</p>'
        + "".join(f"<p>{text}</p>" for text in PARAGRAPHS[2:])
    )
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{TITLE}-Beijing Institute of Technology</title></head><body>
<div class="article"><div class="article-title"><h1>{TITLE}</h1></div>
<div class="article-info"><span>Date: 2021-09-16</span></div>
<form name="_newscontent_fromname"><div id="vsb_content"><div class="v_news_content">
<p>[Editor's note] {NOTE}</p>{body}</div></div></form></div>{FOOTER}</body></html>"""
    return (
        html.encode(),
        "https://english.bit.edu.cn/news2020/focus/a186001.htm",
        datetime(2021, 9, 16, tzinfo=SHANGHAI),
    )


def news2020_split_body() -> tuple[bytes, str, datetime]:
    """2020-2023 template, the body split over sibling containers: the selector's one, then a
    sibling the editor pasted the rest into."""
    first = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[:2])
    rest = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[2:])
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{TITLE}-Beijing Institute of Technology</title></head><body>
<div class="article"><div class="article-title"><h1>{TITLE}</h1></div>
<div class="article-info"><span>Date: 2022-09-16</span></div>
<div id="vsb_content"><div class="v_news_content"><p>[Editor's note] {NOTE}</p>{first}</div>
<div class="v_news_more">{rest}</div></div></div>{FOOTER}</body></html>"""
    return (
        html.encode(),
        "https://english.bit.edu.cn/news2020/focus/a186002.htm",
        datetime(2022, 9, 16, tzinfo=SHANGHAI),
    )


def news2020_split_short_lines() -> tuple[bytes, str, datetime]:
    """The same split, the rest pasted as short lines, one sentence each, in a bare sibling."""
    first = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[:2])
    lines = [
        sentence.strip() + ("" if sentence.strip().endswith(".") else ".")
        for text in PARAGRAPHS[2:]
        for sentence in text.split(", ")
    ]
    rest = "".join(f"<div>{line}</div>" for line in lines)
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{TITLE}-Beijing Institute of Technology</title></head><body>
<div class="article"><div class="article-title"><h1>{TITLE}</h1></div>
<div class="article-info"><span>Date: 2022-10-16</span></div>
<div id="vsb_content"><div class="v_news_content"><p>[Editor's note] {NOTE}</p>{first}</div>
<div>{rest}</div></div></div>{FOOTER}</body></html>"""
    return (
        html.encode(),
        "https://english.bit.edu.cn/news2020/focus/a186003.htm",
        datetime(2022, 10, 16, tzinfo=SHANGHAI),
    )


PAGES = [
    news_events_tables,
    picture_news_divs,
    news2020_events,
    readingbit_hex,
    china_daily_regional,
    china_daily_time_only,
    news2020_plain_caption,
    news2020_split_body,
    news2020_split_short_lines,
]


@pytest.fixture(params=PAGES, ids=lambda page: page.__name__)
def landed(request):
    raw, url, published = request.param()
    html, _ = decode_html(raw)
    return extract_article(html, url), published, request.param.__name__


def test_title_date_and_body(landed) -> None:
    article, published, _ = landed
    assert article.title == TITLE
    assert article.published_at == published
    assert body_f1("\n\n".join(PARAGRAPHS), article.text) >= 0.95, article.sources


def test_furniture_is_out_of_the_body(landed) -> None:
    article, _, name = landed
    for leaked in ("ADDRESS", "Copyright", "Slide to see more", "Photo/", "Editor", "Time"):
        assert leaked not in article.text, (leaked, article.sources)
    assert CAPTION not in article.text
    without_note = {"picture_news_divs", "china_daily_time_only"}
    assert article.editor_note == (None if name in without_note else NOTE)


def test_credits_are_kept_apart(landed) -> None:
    article, _, name = landed
    expected = {
        "news_events_tables": {
            "Translator: Li Ming",
            "Proof-reader: Wang Fang",
            "Editor: Zhao Lei",
        },
        "picture_news_divs": {"News resource & Photographer: Party Committee Publicity Department"},
        "news2020_events": {"Photographer: Chen Jie", "Reviewer: Sun Hao"},
        "readingbit_hex": {"Translated by Zhou Qing"},
    }.get(name, set())
    assert expected <= set(article.credits), article.credits
