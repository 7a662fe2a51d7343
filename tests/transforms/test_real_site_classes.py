"""Failure classes seen on real, unseen sites, each on a small page written for the test: titles
(site names learned from the page, dashes that belong to the headline), structured data checked
before it is trusted, dates and authors resolved from the page's evidence, with the winning
source in `field_sources`."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from records.article import Article, NotAnArticle
from transforms import dates as dates_module
from transforms.dates import (
    date_from_url,
    first_bare_date,
    first_dated_line,
    is_date_line,
    labelled_dates,
    local_wall_time,
    parse_datetime,
    posted_sentence_date,
)
from transforms.extract import extract_article
from transforms.generic import extract_generic
from transforms.generic.fields import clean_author_names
from transforms.generic.settings import DEFAULT_OPTIONS
from transforms.generic.story import headline_over_text
from transforms.generic.structured import structured_body_agrees
from transforms.generic.titles import leads_elsewhere, title_candidates
from transforms.metadata import linked_host, read_metadata
from transforms.page import parse_html

PARAGRAPHS = [
    "The harbour council voted on Tuesday evening to close the old swing bridge for repairs, "
    "after engineers found corrosion in two of the four main bearings last month.",
    "Ferry services will run every twenty minutes while the bridge is shut, and the council "
    "said that residents of the north shore would travel free of charge until the spring.",
    "Local traders said they were worried about the loss of passing trade, but most agreed "
    "that the repairs could not wait another winter without a serious risk to the public.",
    "Work is expected to begin in early March and to last about eleven weeks, weather "
    "permitting, with the bridge reopening to pedestrians before it reopens to cars.",
]
SITE = "Harbour Daily"
URL = "https://news.harbour-daily.example/2024/storm-bridge"


def page(
    *,
    head: str = "",
    title: str | None = None,
    h1: str | None = None,
    before: str = "",
    after: str = "",
    body: str | None = None,
    outside: str = "",
) -> str:
    text = body if body is not None else "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f"<html><head><title>{title or ''}</title>{head}</head><body>{outside}"
        f"<main><article>{heading}{before}{text}{after}</article></main></body></html>"
    )


def meta(prop: str, content: str) -> str:
    return f'<meta property="{prop}" content="{content}">'


def json_ld(**fields: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(fields)}</script>'


def with_and_without(html: str, **off: object) -> tuple[Article, str | None]:
    """The page's article, and its title with the rule under test switched off."""
    without = replace(DEFAULT_OPTIONS, **off)
    return extract(html), extract_generic(html, URL, options=without).title


def extract(html: str, url: str = URL):  # noqa: ANN201
    return extract_article(html, url, profile="generic")


# -- titles ----------------------------------------------------------------------------------

HEADLINE = "Storm closes the old bridge - and the ferries take over"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # a lazy loader's stand-in in src, the picture in data-src
        (
            "<img src='/wp-content/plugins/a3-lazy-load/lazy_placeholder.gif' "
            "data-src='/media/bearing.jpg'>",
            ["bearing.jpg"],
        ),
        # a <picture> whose <img> shows a stand-in and whose <source> holds the picture
        (
            "<picture><source srcset='/media/bearing-800.jpg 800w, /media/bearing-1600.jpg 1600w'>"
            "<img src='/resources/images/placeholder.png'></picture>",
            ["bearing-800.jpg"],
        ),
        ("<img src='/images/spacer.gif'>", []),  # a layout's spacer alone: no picture
        ("<img src='/img/1x1.trans.gif'>", []),
        ("<img src='/_images/_generic_images/transparent.gif'>", []),
        ("<img src='/static/loading-indicator-video.1f35d8de.svg'>", []),
        # names that only hold such a word are pictures
        ("<img src='/media/pixel-8-review.jpg'>", ["pixel-8-review.jpg"]),
        ("<img src='/media/blank-space-book-cover.jpg'>", ["blank-space-book-cover.jpg"]),
        ("<img src='/media/unloading.png'>", ["unloading.png"]),
    ],
)
def test_a_stand_in_is_no_picture_and_the_picture_behind_it_is(
    markup: str, expected: list[str]
) -> None:
    html = page(
        title=HEADLINE, after=f"<figure>{markup}<figcaption>A bearing</figcaption></figure>"
    )
    images = extract(html).images
    assert [image.src.rsplit("/", 1)[-1] for image in images] == expected


def test_a_stand_in_named_as_the_page_s_picture_is_no_lead() -> None:
    """WordPress.com names its default "blank.jpg" as og:image of posts without a picture."""
    html = page(title=HEADLINE, head=meta("og:image", "https://s0.wp.com/i/blank.jpg"))
    assert extract(html).images == ()


SECTIONS = "<nav><a href='/'>Home</a><a href='/sport'>Sport</a><a href='/soccer'>Soccer</a></nav>"
STORY = "Storm closes the old bridge"


@pytest.mark.parametrize("on", [True, False])
@pytest.mark.parametrize(
    "menu", [SECTIONS, SECTIONS.replace("nav>", "div>").replace("<div", "<div class='main-menu'")]
)
def test_sections_the_menus_link_to_leave_the_end_of_the_title(on: bool, menu: str) -> None:
    html = page(title=f"{STORY} - Soccer - Sport - {SITE}", outside=menu)
    article, without = with_and_without(html, title_section_link_tail=False)
    assert (article.title if on else without) == (STORY if on else f"{STORY} - Soccer - Sport")


@pytest.mark.parametrize(
    ("title", "outside", "kept"),
    [
        # the post's own title, linked from a list of recent posts: no section
        (
            f"{SITE} » Tech Blog » Bridge closed",
            "<aside><a href='/a'>Bridge closed</a></aside>",
            "Bridge closed",
        ),
        # what would be left is one word
        ("Storm - Soccer", SECTIONS, "Storm - Soccer"),
    ],
)
def test_a_linked_piece_stays_in_the_title(title: str, outside: str, kept: str) -> None:
    assert kept in extract(page(title=title, outside=outside)).title


def test_a_dash_inside_the_headline_stays_when_the_h1_says_it_whole() -> None:
    html = page(
        title=f"{HEADLINE} | {SITE}",
        h1=HEADLINE,
        head=meta("og:site_name", SITE) + meta("og:title", f"{HEADLINE} | {SITE}"),
    )
    article = extract(html)
    assert article.title == HEADLINE
    assert article.sources["title"] == "h1"


def test_a_dash_is_not_cut_on_the_separator_alone() -> None:
    article = extract(page(title=HEADLINE, head=meta("og:title", HEADLINE)))
    assert article.title == HEADLINE


def test_a_site_name_after_a_dash_goes_when_the_logo_names_it() -> None:
    logo = f'<header><a class="site-logo" href="/"><img src="/logo.svg" alt="{SITE}"></a></header>'
    article = extract(page(title=f"{HEADLINE} - {SITE}", outside=logo))
    assert article.title == HEADLINE


def test_a_site_name_after_a_dash_goes_when_it_is_the_host() -> None:
    html = page(title="Council votes to close the old swing bridge - Harbourdaily")
    article = extract(html, "https://www.harbourdaily.example/news/1")
    assert article.title == "Council votes to close the old swing bridge"


@pytest.mark.parametrize("bar", ["｜", " ｜ ", " ㅣ ", "ㅣ"])
def test_site_names_joined_by_full_width_or_hangul_bars_go(bar: str) -> None:
    headline = "항만 다리 폐쇄 결정"
    html = page(title=f"{headline}{bar}한빛일보", head=meta("og:site_name", "한빛일보"))
    assert extract(html).title == headline


@pytest.mark.parametrize(
    "site_heading",
    [
        "<h1 class='site-title'><a href='https://news.harbour-daily.example/' rel='home'>"
        "The Harbour Daily Community Newsletter</a></h1>",
        "<h1><a href='/'>The Harbour Daily Community Newsletter</a></h1>",
    ],
)
def test_an_h1_that_is_the_site_s_logo_or_a_link_home_is_no_headline(site_heading: str) -> None:
    story = "Council votes to close the old swing bridge"
    html = page(title=SITE, outside=site_heading, h1=story)
    article = extract(html)
    assert article.title == story
    assert article.sources["title"] == "h1"


@pytest.mark.parametrize(
    ("rail", "story"),
    [
        ("相关信息", "最新出炉联合国贸发报告：全球经济增长率降至百分之二点三"),
        ("Related Stories", "Council votes to close the old swing bridge"),
    ],
)
@pytest.mark.parametrize("skipped", [True, False])
def test_an_h1_naming_a_rail_is_no_headline(rail: str, story: str, skipped: bool) -> None:
    """A template setting its rail's heading ("相关信息", "related information") as the page's
    only h1, the story's headline in the <title>."""
    html = page(title=story, outside=f"<aside><h1>{rail}</h1></aside>")
    options = replace(DEFAULT_OPTIONS, title_skip_rail_h1=skipped)
    assert (extract_generic(html, URL, options=options).title == story) is skipped


def test_an_h1_linking_to_the_story_itself_stays_the_headline() -> None:
    story = "Council votes to close the old swing bridge"
    html = page(title=f"{story} | {SITE}", h1=f"<a href='/2024/storm-bridge'>{story}</a>")
    article = extract(html)
    assert article.title == story
    assert article.sources["title"] == "h1"


def test_a_leading_topic_label_stays() -> None:
    headline = "Climate: Storm closes the old bridge for eleven weeks"
    html = page(title=f"{headline} | {SITE}", h1=headline, head=meta("og:site_name", SITE))
    assert extract(html).title == headline


def test_the_headline_most_sources_agree_on_wins() -> None:
    social = "You will not believe what happened to this bridge"
    html = page(
        title=f"{HEADLINE} | {SITE}",
        h1=HEADLINE,
        head=meta("og:title", social) + json_ld(**{"@type": "NewsArticle", "headline": HEADLINE}),
    )
    assert extract(html).title == HEADLINE


def test_og_and_twitter_titles_count_as_one_voice() -> None:
    # a CMS copies the share card's title into both tags: that is one statement, not two, and
    # the h1 the JSON-LD headline repeats outweighs it
    social = "You will not believe what happened to this bridge"
    html = page(
        title=f"{social} | {SITE}",
        h1=HEADLINE,
        head=meta("og:title", social)
        + f'<meta name="twitter:title" content="{social}">'
        + json_ld(**{"@type": "NewsArticle", "headline": HEADLINE}),
    )
    article = extract(html)
    assert article.title == HEADLINE
    assert article.sources["title"] == "h1"


def test_the_social_title_wins_when_the_document_title_agrees_with_it() -> None:
    social = "Storm closes the old bridge as engineers find corroded bearings"
    html = page(
        title=f"{social} | {SITE}",
        h1="Bridge shut for repairs",
        head=meta("og:title", social) + f'<meta name="twitter:title" content="{social}">',
    )
    assert extract(html).title == social


@pytest.mark.parametrize(
    "trail",
    [
        "<nav><ul><li><a href='/'>Home</a></li><li><h1>{seo}</h1></li></ul></nav>",
        "<div class='breadcrumbs'><a href='/'>Home</a> › <h1 class='crumb'>{seo}</h1></div>",
    ],
)
def test_an_h1_in_a_breadcrumb_trail_stands_for_the_headline_below_it(trail: str) -> None:
    seo = "Bridge closed: council votes for repairs, ferries to run"
    html = (
        f"<html><head><title>{seo} | {SITE}</title>{meta('og:title', HEADLINE)}</head><body>"
        f"<main><article>{trail.format(seo=seo)}<header><h2 class='headline'>{HEADLINE}</h2>"
        "</header>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></main></body></html>"
    )
    assert extract(html).title == HEADLINE


def test_a_meta_tag_naming_several_properties_at_once_gives_each_its_content() -> None:
    # RDFa: property="og:title twitter:title"; "dc:creator" is Dublin Core's author
    head = (
        '<meta property="og:title twitter:title" content="Harbour council shuts the bridge">'
        '<meta property="dc:creator og:whatever" content="Jane Doe">'
    )
    meta = read_metadata(parse_html(page(title="Harbour Daily", head=head)), URL)
    assert meta.meta["og:title"] == meta.meta["twitter:title"] == "Harbour council shuts the bridge"
    article = extract(page(title="Harbour Daily", head=head))
    assert (article.title, article.sources["title"]) == (
        "Harbour council shuts the bridge",
        "og:title",
    )
    assert article.authors == ("Jane Doe",)


def test_a_kicker_in_the_headline_is_not_part_of_the_title() -> None:
    h1 = f"<span class='article__kicker'>Opinion</span> <span class='headline'>{HEADLINE}</span>"
    html = page(title=f"Opinion | {SITE}", h1=h1, head=meta("og:site_name", SITE))
    assert extract(html).title == HEADLINE


def test_a_headline_named_like_a_kicker_after_the_kicker_stays_the_title() -> None:
    """LTO names its kicker "reader__subline" and its headline "reader__topline": the part
    named like a kicker is no kicker when the heading shows words before it."""
    h1 = (
        "<span class='reader__subline'>Harbour<span class='visually-hidden'>:</span></span> "
        f"<span class='reader__topline'>{HEADLINE}</span>"
    )
    article, title_without = with_and_without(
        page(title=f"Harbour | {SITE}", h1=h1), title_kicker_opens_heading=False
    )
    assert article.title == f"Harbour: {HEADLINE}"
    assert title_without is not None and HEADLINE not in title_without


def test_the_visible_headline_outweighs_a_search_title_another_source_only_contains() -> None:
    seo = "Bridge closure 2024: dates, ferries and detours explained"
    html = page(
        title=f"{seo} by the harbour council's engineers",
        h1=HEADLINE,
        head=meta("og:title", seo),
    )
    article, title_without = with_and_without(html, title_h1_vote=0.0)
    assert (article.title, article.sources["title"]) == (HEADLINE, "h1")
    assert title_without == seo


def test_an_h1_naming_the_section_gives_way_to_the_title_the_storys_h2_repeats() -> None:
    section = "Allergies Health Center"
    html = page(title=HEADLINE, h1=section, before=f"<h2>{HEADLINE}</h2>")
    assert with_and_without(html, title_h2_vote=0.0)[1] == HEADLINE  # a shown text: its vote
    article, title_without = with_and_without(html, title_h2_vote=0.0, title_shown_text_vote=0.0)
    assert (article.title, article.sources["title"]) == (HEADLINE, "title")
    assert title_without == section


RAIL = "Top Classifieds"
SHOWN = "Harbour council shuts the old swing bridge"
ASP_NET_FORM = "<form id='Form1'><input type='hidden' name='__VIEWSTATE'><input name='q'>"


@pytest.mark.parametrize("holder", ["a styled cell", "a page-wide form"])
def test_an_h1_naming_a_rail_gives_way_to_the_title_the_page_shows(holder: str) -> None:
    if holder == "a styled cell":
        html = page(
            title=f"harbour-daily.example - {SHOWN} - Local News",  # cut to the shown run
            h1=RAIL,
            before=f"<table><tr><td class='articleTitle'>{SHOWN}</td></tr></table>",
        )
    else:  # ASP.NET wraps the whole page in one form: no search box's chrome
        html = page(
            title=f"{SHOWN} - Harbour Daily",
            h1=RAIL,
            before=f"<div class='articleHeading'>{SHOWN}</div>",
            after="".join(f"<p>{paragraph}</p>" for paragraph in reversed(PARAGRAPHS)),
            outside=ASP_NET_FORM,
        ).replace("</body>", "</form></body>")
    article, title_without = with_and_without(html, title_shown_text_vote=0.0)
    assert (article.title, article.sources["title"], title_without) == (SHOWN, "title", RAIL)


@pytest.mark.parametrize(
    "where",
    [
        "<footer><p>{name}</p></footer>",
        "<div class='site-footer'><p>{name}</p></div>",
        "<header><b>{name}</b></header>",
        "<ul><li><a href='https://sister.example/'>{name}</a></li></ul>",
        "<form action='/search'><input name='q'> <b>{name}</b></form>",
        "<div class='hidden'><p>{name}</p></div>",
        "<div style='display: none'><p>{name}</p></div>",
        "<p>{two}</p>",
    ],
)
def test_a_title_shown_only_in_page_chrome_or_too_short_gets_no_shown_vote(where: str) -> None:
    name = "The Harbour Evening Gazette"
    headline = "Harbour council shuts the old swing bridge"
    outside = where.format(name=name, two="Harbour Gazette")
    html = page(title=name if "{two}" not in where else "Harbour Gazette", h1=headline)
    html = html.replace("<body>", f"<body>{outside}")
    assert extract(html).title == headline


def test_a_headline_h1_after_three_rail_h1s_is_read() -> None:
    rails = "".join(f"<h1>{name}</h1>" for name in ("Local Teams", "National Sports", "Top Jobs"))
    html = page(title=f"{HEADLINE} - NBA News Story - KMGH", h1=HEADLINE, outside=rails)
    article, title_without = with_and_without(html, title_h1_read=3)
    assert (article.title, article.sources["title"]) == (HEADLINE, "h1")
    assert title_without != HEADLINE


LOOPBACK_URL = "http://127.0.0.1:8000/2024/storm-bridge"


@pytest.mark.parametrize(
    ("href", "elsewhere"),
    [
        ("#comments", False),
        ("/2024/storm-bridge", False),
        # its permalink under the site's own host, the page served from a copy's address
        ("https://news.harbour-daily.example/2024/storm-bridge", False),
        ("https://news.harbour-daily.example/2024/storm-bridge#top", False),
        ("https://news.harbour-daily.example/2024/ferries", True),
        # the same path with its escapes spelt otherwise
        ("https://news.harbour-daily.example/2024/storm%2Dbridge", False),
        ("https://news.harbour-daily.example/2024/storm-bridge?page=2", True),
        ("", False),
    ],
)
def test_a_link_to_the_page_s_own_path_on_another_host_leads_nowhere_else(
    href: str, elsewhere: bool
) -> None:
    link = parse_html(f"<html><body><a href='{href}'>x</a></body></html>").find(".//a")
    assert leads_elsewhere(link, LOOPBACK_URL) is elsewhere


def test_a_home_page_s_links_to_other_sites_homes_lead_elsewhere() -> None:
    link = parse_html("<html><body><a href='https://other.example/'>x</a></body></html>").find(
        ".//a"
    )
    assert leads_elsewhere(link, "http://127.0.0.1:8000/")


def test_a_headline_linking_its_permalink_names_the_page_served_from_a_copy() -> None:
    # the held-out run serves each page from a loopback origin; its headline still links the
    # story's address on the site's own host
    permalink = "https://news.harbour-daily.example/2024/storm-bridge"
    headline = "Harbour council shuts the old swing bridge"
    before = f"<div class='headline'><a href='{permalink}'>{headline}</a></div>"
    html = page(title="Harbour Daily News Update Service", before=before)
    assert extract(html, LOOPBACK_URL).title == headline


def test_a_page_without_an_h1_takes_the_element_named_its_headline_over_a_site_title() -> None:
    headline = "Harbour council shuts the old swing bridge"
    before = f"<p><font class='storyhead'><b>{headline}</b></font></p>"
    html = page(title="Harbour Daily News Update Service", before=before)
    article, title_without = with_and_without(
        html, title_named_headline_words=0, headline_over_text=False
    )
    assert (article.title, article.sources["title"]) == (headline, "named")
    assert title_without == "Harbour Daily News Update Service"
    # the element named a headline is also the headline shown over the text: that rule alone
    # finds it too
    alone = replace(DEFAULT_OPTIONS, title_named_headline_words=0)
    found = extract_generic(html, URL, options=alone)
    assert (found.title, found.sources["title"]) == (headline, "headline")


@pytest.mark.parametrize(
    "box",
    [
        "<h4 class='poll_headline'>How long will this console cycle last?</h4>",
        "<footer><div class='headline'>Harbour Daily: news you can trust</div></footer>",
        "<div class='headline'><a href='/2024/other-story'>Ferry fares rise in the spring</a></div>",
        "<div class='headline'>Ferries</div>",
    ],
)
def test_no_named_headline_from_a_box_another_word_names_chrome_a_teaser_or_a_word(
    box: str,
) -> None:
    html = page(title="Storm closes the old bridge", before=box)
    assert extract(html).title == "Storm closes the old bridge"


def test_an_h1_going_on_from_the_share_titles_first_words_is_the_fuller_headline() -> None:
    short = "Storm closes the old bridge for the winter"
    full = "Storm closes the old bridge to cars as the ferries take over until spring"
    html = page(title=short, h1=full, head=meta("og:title", short) + meta("twitter:title", short))
    article, title_without = with_and_without(html, title_fuller_h1_words=0)
    assert (article.title, title_without) == (full, short)


@pytest.mark.parametrize(
    "appendage",
    [
        "<span class='caption'>A letter to the harbour council</span>",
        "<a href='#' class='add-to-list'>Add to ...</a>",
    ],
)
def test_an_element_set_inside_the_h1_after_the_headline_is_not_the_title(appendage: str) -> None:
    """The h1 holds the headline and, in elements of their own, a subtitle or a button: the
    share title says the headline alone."""
    html = page(
        title=f"{HEADLINE} - {SITE}",
        h1=f"<span class='headline'>{HEADLINE}</span> {appendage}",
        head=meta("og:title", HEADLINE),
    )
    article, title_without = with_and_without(html, title_h1_appendage_not_title=False)
    assert article.title == HEADLINE
    assert title_without != HEADLINE


def test_the_h1_the_microdata_marks_as_the_headline_outweighs_a_section_h1() -> None:
    """Two h1s: the section's ("Sports Items", which the <title> repeats) and the story's,
    marked `itemprop="headline"` and said by og:title too."""
    html = page(
        title=f"Sports Items | {SITE}",
        h1="Sports Items",
        before=f"<h1 itemprop='headline'>{HEADLINE}</h1>",
        head=meta("og:title", HEADLINE),
    )
    article, title_without = with_and_without(html, title_microdata_headline=False)
    assert article.title == HEADLINE
    assert title_without == "Sports Items"


def test_a_listings_many_marked_headlines_are_no_title_source() -> None:
    teasers = "".join(
        f"<div itemscope><h2 itemprop='headline'>Harbour news {index}</h2></div>"
        for index in range(3)
    )
    root = parse_html(page(title=HEADLINE, h1=HEADLINE, before=teasers))
    candidates = title_candidates(read_metadata(root, URL), root)
    assert "microdata" not in {candidate.source for candidate in candidates}


def test_a_title_three_sources_agree_on_outweighs_the_h1() -> None:
    seo = "Bridge closure 2024: dates, ferries and detours explained"
    html = page(
        title=f"{seo} | {SITE}",
        h1=HEADLINE,
        head=meta("og:title", seo) + json_ld(**{"@type": "NewsArticle", "headline": seo}),
    )
    assert extract(html).title == seo


def test_an_h1_s_style_sheet_and_kicker_colon_are_no_part_of_the_title() -> None:
    h1 = (
        "<style>.css-x1{font-size:16px;font-weight:400}</style>"
        f"<span class='kicker'>Climate</span>: {HEADLINE}"
    )
    assert extract(page(title=SITE, h1=h1)).title == HEADLINE


def test_h1s_of_teaser_cards_linking_elsewhere_are_no_title_candidates() -> None:
    # a "this weekend" strip above the story sets each teaser's headline as an h1 in its link;
    # the story's own h1 comes after seven of them
    teasers = "".join(
        f"<li><a href='/weekend/{index}'><h1>Things to do this weekend, part {index}</h1></a></li>"
        for index in range(7)
    )
    html = page(
        title=f"Old bridge shut in storm, ferries take over | {SITE}",
        h1=HEADLINE,
        head=meta("og:title", HEADLINE),
        outside=f"<ul class='this-weekend'>{teasers}</ul>",
    )
    assert extract(html).title == HEADLINE
    without = replace(DEFAULT_OPTIONS, title_skip_linked_h1=False)
    assert extract_generic(html, URL, options=without).title != HEADLINE


@pytest.mark.parametrize("hidden", ["sr-only", "visually-hidden", "aural"])
def test_an_h1_for_screen_readers_only_is_no_title_candidate(hidden: str) -> None:
    """A government CMS sets the ministry's name as a hidden first h1 ("aural"), the page's
    section in a breadcrumb's h1, and the headline in a third, under a kicker."""
    html = page(
        title=SITE,
        outside=f"<h1 class='{hidden}'>Federal Ministry of Harbours</h1>",
        h1=f"<span>Harbour news</span> {HEADLINE}",
    )
    assert HEADLINE in extract(html).title
    without = replace(DEFAULT_OPTIONS, title_skip_unshown_h1=False)
    assert HEADLINE not in extract_generic(html, URL, options=without).title


def test_an_h1_linking_to_its_own_anchor_stays_the_title() -> None:
    chapter = "References and borrowing"
    html = page(
        title=f"{chapter} - The Harbour Handbook",
        h1=f"<a class='header' href='storm-bridge#references'>{chapter}</a>",
        outside="<div class='menu'><h1>The Harbour Handbook</h1></div>",
    )
    assert extract(html).title == chapter


def test_a_page_naming_no_other_title_takes_its_first_subheading() -> None:
    # no <title>, og:title, headline or h1 (a template setting its headline in an h2, a file
    # whose head was cut): the first headline-long h2 or h3 outside navigation and teaser
    # links names the story; a short one ("Latest") does not
    body = (
        "<nav><h2>Sections of the Harbour Daily paper</h2></nav>"
        "<h3><a href='/2024/other-story'>Ferry fares rise again this winter</a></h3>"
        f"<h2>Latest</h2><h3>{HEADLINE}</h3>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    )
    html = f"<html><body><main>{body}</main></body></html>"
    article = extract(html)
    assert article.title == HEADLINE
    assert article.sources["title"] == "subheading"
    # without the subheading, the headline opening the text past its "Latest" names it; without
    # either, the page still lands, titled from its text (below)
    without_subheading = replace(DEFAULT_OPTIONS, title_subheading_fallback_words=0)
    found = extract_generic(html, URL, options=without_subheading)
    assert (found.title, found.sources["title"]) == (HEADLINE, "headline")
    without = replace(without_subheading, headline_over_text=False)
    assert extract_generic(html, URL, options=without).sources["title"] == "text"
    neither = replace(without, untitled_text_lands=False)
    with pytest.raises(NotAnArticle) as refused:
        extract_generic(html, URL, options=neither)
    assert refused.value.reason == "no_title"


@pytest.mark.parametrize("title", [f"{HEADLINE} |", f"| {HEADLINE}", f"{HEADLINE} -"])
def test_a_title_separator_with_nothing_beside_it_goes(title: str) -> None:
    """changenow.de's "Über André Loibl |": the template left the site's part empty."""
    html = page(title=title)
    assert extract(html).title == HEADLINE
    without = replace(DEFAULT_OPTIONS, title_dangling_separator_stripped=False)
    assert extract_generic(html, URL, options=without).title == title


def test_a_page_whose_subheadings_are_all_short_or_teasers_takes_no_title_from_them() -> None:
    body = (
        "<h2>Latest</h2><h3><a href='/2024/other-story'>Ferry fares rise again this winter</a></h3>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    )
    html = f"<html><body><main>{body}</main></body></html>"
    article = extract(html)
    assert article.sources["title"] == "text"
    assert article.title != "Latest" and "Ferry fares" not in article.title
    without = replace(DEFAULT_OPTIONS, untitled_text_lands=False)
    with pytest.raises(NotAnArticle) as refused:
        extract_generic(html, URL, options=without)
    assert refused.value.reason == "no_title"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # a slug of words names the story
        (
            "https://odds.example/read/classy-hewitt-through-to-second-round",
            "Classy hewitt through to second round",
        ),
        # a slug in another script, percent-encoded as addresses carry it
        (
            "https://news.example/%D0%BD%D0%BE%D0%B2%D1%8B%D0%B9-%D0%BC%D0%BE%D1%81%D1%82-"
            "%D0%BE%D1%82%D0%BA%D1%80%D1%8B%D1%82",
            "Новый мост открыт",
        ),
        # an id or a two-word slug does not: the lede's first sentence does, cut to a headline
        (
            "https://news.example/display_article.php?news_id=100352",
            "The harbour council voted on Tuesday evening to close the old swing bridge for repairs …",
        ),
        (
            URL,
            "The harbour council voted on Tuesday evening to close the old swing bridge for repairs …",
        ),
    ],
)
def test_a_page_naming_no_title_at_all_lands_titled_from_its_address_or_lede(
    url: str, expected: str
) -> None:
    """A file whose head was cut, a template setting its headline in a styled <div>: the text
    is an article all the same, so it lands, its title marked as read from the text."""
    body = "<div class='pic'>Photo: the bridge at dusk</div>" + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS
    )
    html = f"<html><body><div id='story'>{body}</div></body></html>"
    article = extract(html, url)
    assert article.title == expected
    assert article.sources["title"] == "text"
    assert PARAGRAPHS[-1] in article.text


def test_a_page_naming_no_title_and_holding_no_article_text_stays_refused() -> None:
    # a bot wall, a script-only app: no title, and no text that reads as an article
    for body in (
        "<p>Request unsuccessful. Incapsula incident ID: 703000160143928249</p>",
        "<noscript>You need to enable JavaScript to run this app.</noscript><div id='root'></div>",
    ):
        with pytest.raises(NotAnArticle) as refused:
            extract(f"<html><body>{body}</body></html>")
        assert refused.value.reason in ("no_title", "empty_body")


SHOWN_HEADLINE = "Council shuts the swing bridge for repairs"
SHOWN_HEADLINE_OF_ROW = "The harbour council shuts the swing bridge"
DATELINE_AND_TOOLS = (
    "<span class='lu'>Last Updated:</span> Tuesday, 4 December 2007, 17:04 GMT"
    "<a href='/print/storm-bridge'>Printable version</a>"
)


def site_titled(
    above: str,
    *,
    title: str = "SuperHarbour",
    head: str = "",
    opening: str = "",
    rows_above: str = "",
) -> str:
    """A 2000s table page: its <title> names the site, a headline over its text (or opening
    it) names the story, and no metadata names either."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>{title}</title>{head}</head><body><table>"
        f"<tr><td class='nav'><a href='/'>Home</a> <a href='/sport'>Sport</a></td></tr>{rows_above}"
        f"<tr><td>{above}<div class='story'>{opening}{paragraphs}</div></td></tr>"
        "</table></body></html>"
    )


@pytest.mark.parametrize(
    ("above", "opening"),
    [
        # over the text, a dateline and a link to a printable page between them
        (f"<div class='sh'>{SHOWN_HEADLINE}</div>{DATELINE_AND_TOOLS}", ""),
        (f"<h4>{SHOWN_HEADLINE}</h4>", ""),
        # the text's own first line, set apart from the paragraphs under it
        ("", f"<font size='+1'><b>{SHOWN_HEADLINE}</b></font>"),
    ],
)
def test_a_site_named_title_gives_way_to_the_headline_shown_over_the_text(
    above: str, opening: str
) -> None:
    html = site_titled(above, opening=opening)
    article = extract(html)
    assert (article.title, article.sources["title"]) == (SHOWN_HEADLINE, "headline")
    assert PARAGRAPHS[-1] in article.text
    without = replace(DEFAULT_OPTIONS, headline_over_text=False)
    assert extract_generic(html, URL, options=without).title == "SuperHarbour"


@pytest.mark.parametrize(
    ("stubs", "expected"),
    [
        # a section's name, a dateline: looked past to the headline under them
        (["SPORTS PLUS"], SHOWN_HEADLINE),
        (["News", "January 8, 2008"], SHOWN_HEADLINE),
        # three of them: the headline is too far into the text to be its opening
        (["News", "Harbour", "January 8, 2008"], None),
    ],
)
def test_the_headline_opening_the_text_is_found_past_a_section_name_or_a_dateline(
    stubs: list[str], expected: str | None
) -> None:
    opening = "".join(f"<div class='label'>{stub}</div>" for stub in stubs)
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    story = f"<div class='story'>{opening}<h3>{SHOWN_HEADLINE}</h3>{paragraphs}</div>"
    root = parse_html(f"<html><body>{story}</body></html>")
    container = next(root.iter("div"))
    lines = [*stubs, SHOWN_HEADLINE, *PARAGRAPHS]
    assert headline_over_text(root, container, lines, "SuperHarbour", URL) == expected


def test_the_text_s_opening_headline_wins_over_a_line_above_saying_it_with_more_words() -> None:
    # a blog's trail over the post ("Blog: SuperHarbour: 23515 : Headline") and the post's own
    # headline opening the text
    trail = f"<div class='trail'>Blog: SuperHarbour: 23515 : {SHOWN_HEADLINE}</div>"
    row = f"<tr><td>{trail}</td></tr>"
    html = site_titled("", rows_above=row, opening=f"<h3>{SHOWN_HEADLINE}</h3>")
    assert extract(html).title == SHOWN_HEADLINE
    # the trail alone over the text is the headline shown
    trailed = extract(site_titled("", rows_above=row)).title
    assert trailed == f"Blog: SuperHarbour: 23515 : {SHOWN_HEADLINE}"


def test_a_title_holding_the_shown_headline_and_more_gives_way_to_it() -> None:
    # "Headline_English_Xinhua": the site's name glued on where no separator splits it off
    html = site_titled(f"<h3>{SHOWN_HEADLINE}</h3>", title=f"{SHOWN_HEADLINE}_English_Harbour")
    assert extract(html).title == SHOWN_HEADLINE


def test_a_page_titled_from_its_lede_takes_the_headline_over_its_text() -> None:
    html = site_titled(f"<div class='sh'>{SHOWN_HEADLINE}</div>", title="")
    article = extract(html)
    assert (article.title, article.sources["title"]) == (SHOWN_HEADLINE, "headline")
    without = replace(DEFAULT_OPTIONS, headline_over_text=False)
    assert extract_generic(html, URL, options=without).sources["title"] == "text"


@pytest.mark.parametrize(
    ("above", "head", "opening"),
    [
        # the metadata names the title: it is trusted, whatever the page shows
        (f"<h4>{SHOWN_HEADLINE}</h4>", meta("og:title", "SuperHarbour"), ""),
        # not a headline: a dateline, a byline, a sentence, a label, a link to another story,
        # a line naming nothing the text speaks of, a line too short
        ("<h4>Harbour council, 4 December 2007</h4>", "", ""),
        ("<h4>By Harriet Harbour, Council reporter</h4>", "", ""),
        (f"<h4>{SHOWN_HEADLINE}.</h4>", "", ""),
        ("<h4>More on the swing bridge:</h4>", "", ""),
        (f"<h4><a href='/2024/ferries'>{SHOWN_HEADLINE}</a></h4>", "", ""),
        ("<h4>How long will this console cycle last?</h4>", "", ""),
        ("<h4>Bridge repairs</h4>", "", ""),
        # a line longer than a headline (`headline_over_text_max_words`)
        ("<h4>" + " ".join(["swing bridge"] * 13) + "</h4>", "", ""),
        # a first line set like the paragraphs under it is one of them
        ("", "", f"<p>{SHOWN_HEADLINE}</p>"),
    ],
)
def test_no_headline_over_the_text_replaces_the_title_unless_it_reads_as_one(
    above: str, head: str, opening: str
) -> None:
    html = site_titled(above, head=head, opening=opening)
    assert extract(html).title == "SuperHarbour"


def test_a_headline_too_far_above_the_text_is_not_taken() -> None:
    # a rail of other stories between them: the line is the rail's, or the page's
    def rail(stories: int) -> str:
        return "".join(
            f"<li><a href='/2024/s{n}'>Ferry timetables, part {n}</a></li>" for n in range(stories)
        )

    # 24 characters a story: 4 stories are within `headline_over_text_gap_chars`, 20 are not
    for stories, expected in ((4, SHOWN_HEADLINE), (20, "SuperHarbour")):
        rows = (
            f"<tr><td><h4>{SHOWN_HEADLINE}</h4></td></tr><tr><td><ul>{rail(stories)}</ul></td></tr>"
        )
        assert extract(site_titled("", rows_above=rows)).title == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<div>The harbour council shuts the swing bridge</div>", SHOWN_HEADLINE_OF_ROW),
        # a sentence's first words, before its inline markup, are no headline, nor is a
        # phrase set in bold with words before or after it in its line
        ("<div>The harbour council shuts <b>the swing bridge</b> for repairs, it said</div>", None),
        ("<div>Harbour notes, today <b>the swing bridge repairs</b></div>", None),
        ("<div><b>The swing bridge repairs</b> begin, the harbour council said</div>", None),
    ],
)
def test_the_headline_over_the_text_is_an_elements_whole_text(
    line: str, expected: str | None
) -> None:
    root = parse_html(
        f"<html><body>{line}<div class='story'><p>{PARAGRAPHS[0]}</p></div></body></html>"
    )
    container = next(root.iter("div")).getnext()
    found = headline_over_text(root, container, PARAGRAPHS, "SuperHarbour", URL)
    assert found == expected


def test_a_title_speaking_more_of_the_text_stays_over_a_headline_like_line() -> None:
    # the <title> names the story though the page does not show it; the line over the text
    # (a notice) shares fewer of the text's words than the title does
    title = "Swing bridge repairs close the harbour crossing"
    html = site_titled("<h4>Ferry services notice</h4>", title=title)
    assert extract(html).title == title
    # the line shares words with the text (ferry, services): taken over a site's name
    assert extract(site_titled("<h4>Ferry services notice</h4>")).title == "Ferry services notice"


def test_the_headline_over_the_text_shares_as_many_words_with_it_as_the_option_says() -> None:
    html = site_titled(f"<h4>{SHOWN_HEADLINE}</h4>")
    assert extract(html).title == SHOWN_HEADLINE  # council, swing, bridge, repairs
    for shared, expected in ((4, SHOWN_HEADLINE), (5, "SuperHarbour")):
        options = replace(DEFAULT_OPTIONS, headline_over_text_lede_words=shared)
        assert extract_generic(html, URL, options=options).title == expected


def test_a_title_shown_before_the_text_stays_over_another_headline_like_line() -> None:
    # the <title> names the story and the page shows it: a kicker-like line over the text
    # speaking more of it is no rival
    html = site_titled(f"<h2>Bridge works</h2><h4>{SHOWN_HEADLINE}</h4>", title="Bridge works")
    assert extract(html).title == "Bridge works"


def test_a_publisher_spelling_the_headline_is_no_site_name() -> None:
    # microdata gone astray files the headline as the publisher's name: it must not make
    # every source that says the headline look like the site's name
    long_headline = "Storm closes the old bridge as engineers find corroded bearings"
    html = page(
        title=long_headline,
        h1=long_headline,
        head=meta("og:title", long_headline)
        + json_ld(**{"@type": "NewsArticle", "publisher": {"name": long_headline}}),
        outside="<header><h1>harbour back to harbour home news</h1></header>",
    )
    assert extract(html).title == long_headline
    without = replace(DEFAULT_OPTIONS, title_site_name_not_headline=False)
    assert extract_generic(html, URL, options=without).title != long_headline


# -- structured data ----------------------------------------------------------------------------

APOSTROPHES = [
    "The council's engineers said the bridge's bearings weren't safe, and they'd rather "
    "close it now than wait for a failure that couldn't be undone.",
    "Traders said they didn't want a long closure, but they're ready to cope if it's the "
    "only way to keep the town's main crossing open for the next fifty years.",
    "The ferry company's manager said it won't be easy, but the crews have done it before "
    "and they'll run extra boats at the busiest hours of the day.",
    "Residents who'd planned to drive said they'll take the ferry, and the council's "
    "leader thanked them for their patience while the work isn't finished.",
]


def test_a_json_ld_body_with_twice_escaped_entities_does_not_replace_the_page_body() -> None:
    broken = "\n".join(p.replace("council", "conse&amp;ccedil;il") for p in PARAGRAPHS * 2)
    html = page(title=HEADLINE, head=json_ld(**{"@type": "NewsArticle", "articleBody": broken}))
    article = extract(html)
    assert "ccedil" not in article.text
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert article.sources["body"] == "dom"


def test_a_json_ld_body_that_lost_its_apostrophes_does_not_replace_the_page_body() -> None:
    lost = "\n".join(p.replace("'", "") for p in APOSTROPHES * 2)
    body = "".join(f"<p>{p}</p>" for p in APOSTROPHES)
    html = page(
        title=HEADLINE,
        body=body,
        head=json_ld(**{"@type": "NewsArticle", "articleBody": lost}),
    )
    article = extract(html)
    assert article.text == "\n\n".join(APOSTROPHES)
    assert article.sources["body"] == "dom"


def test_a_json_ld_body_holding_the_page_body_and_more_is_trusted() -> None:
    full = "\n".join(PARAGRAPHS * 2 + ["A closing paragraph only subscribers can read."])
    html = page(
        title=HEADLINE,
        body=f"<p>{PARAGRAPHS[0]}</p><div class='paywall'>Subscribe to read on.</div>",
        head=json_ld(**{"@type": "NewsArticle", "articleBody": full}),
    )
    article = extract(html)
    assert "only subscribers can read" in article.text
    assert article.sources["body"] == "json-ld"


def test_structured_body_agreement_is_measured_on_the_page_body() -> None:
    page_body = "\n".join(APOSTROPHES)
    assert structured_body_agrees(page_body + "\nMore text that the page does not show.", page_body)
    assert not structured_body_agrees(page_body.replace("'", ""), page_body)
    assert not structured_body_agrees(page_body + " &eacute;", page_body)


# -- dates -----------------------------------------------------------------------------------

PLUS_TEN = timezone(timedelta(hours=10))


def test_a_date_only_time_element_does_not_beat_a_json_ld_timestamp_with_its_offset() -> None:
    html = page(
        title=HEADLINE,
        before='<time datetime="2024-03-05">5 March 2024</time>',
        head=json_ld(**{"@type": "NewsArticle", "datePublished": "2024-03-05T09:30:00+10:00"}),
    )
    article = extract(html)
    assert article.published_at == datetime(2024, 3, 5, 9, 30, tzinfo=PLUS_TEN)
    assert article.sources["published_at"] == "json-ld"


def test_a_date_only_statement_gives_way_to_a_same_day_one_with_a_time() -> None:
    html = page(
        title=HEADLINE,
        before='<time datetime="2024-03-05T09:30:00+10:00">5 March, 9.30am</time>',
        head=meta("article:published_time", "2024-03-05"),
    )
    article = extract(html)
    assert article.published_at == datetime(2024, 3, 5, 9, 30, tzinfo=PLUS_TEN)
    assert article.sources["published_at"] == "time"


def test_a_time_without_offset_gives_way_to_the_same_wall_time_with_one() -> None:
    html = page(
        title=HEADLINE,
        head=json_ld(**{"@type": "NewsArticle", "datePublished": "2024-03-05T09:30:00"})
        + meta("article:published_time", "2024-03-05T09:30:00+10:00"),
    )
    assert extract(html).published_at == datetime(2024, 3, 5, 9, 30, tzinfo=PLUS_TEN)


def test_a_utc_timestamp_gives_way_to_the_same_instant_in_the_page_s_own_zone() -> None:
    html = page(
        title=HEADLINE,
        head=json_ld(**{"@type": "NewsArticle", "datePublished": "2024-03-05T05:30:00Z"})
        + meta("article:published_time", "2024-03-04T23:30:00-06:00"),
    )
    article = extract(html)
    minus_six = timezone(timedelta(hours=-6))
    assert article.published_at == datetime(2024, 3, 4, 23, 30, tzinfo=minus_six)
    assert article.published_at.utcoffset() == timedelta(hours=-6)  # the page's day: 4 March
    assert article.sources["published_at"] == "metadata"


def test_article_published_time_spelled_with_colons_is_read() -> None:
    html = page(title=HEADLINE, head=meta("article:published:time", "2024-03-05T09:30:00+10:00"))
    assert extract(html).published_at == datetime(2024, 3, 5, 9, 30, tzinfo=PLUS_TEN)


@pytest.mark.parametrize(
    ("attribute", "name"),
    [("name", "OriginalPublicationDate"), ("property", "rnews:datePublished")],
)
def test_publish_date_tags_of_older_news_templates_are_read(attribute: str, name: str) -> None:
    # CNN's template of the 2010s and the BBC's RDFa: the date with its time, not only the day
    tag = f"<meta {attribute}='{name}' content='2024-03-05T09:30:00+10:00'>"
    assert extract(page(title=HEADLINE, head=tag)).published_at == datetime(
        2024, 3, 5, 9, 30, tzinfo=PLUS_TEN
    )


def test_a_date_only_in_the_visible_text_is_found() -> None:
    html = page(title=HEADLINE, before="<p class='info'>Published: 5 March 2024</p>")
    article = extract(html, "https://news.harbour-daily.example/storm-bridge")
    assert article.published_at is not None
    assert article.published_at.date() == datetime(2024, 3, 5, tzinfo=UTC).date()
    assert article.sources["published_at"] == "labels"


@pytest.mark.parametrize(
    ("stated", "day"),
    [
        ("10.12.2022, 09:15:02", (2022, 12, 10)),
        ("01-11-2023 10:29", (2023, 11, 1)),
        ("03/04/2022", (2022, 3, 4)),
        ("06. 01. 2026,  14:59 Uhr", (2026, 1, 6)),  # dotted with spaces (Salzburger Nachrichten)
        ("6. 1. 2026", (2026, 1, 6)),  # as Czech pages write it
    ],
)
def test_numeric_dates_with_the_year_last_read_day_first_unless_slashed(
    stated: str, day: tuple[int, int, int]
) -> None:
    html = page(title=HEADLINE, head=meta("article:published_time", stated))
    published = extract(html).published_at
    assert published is not None
    assert published.date() == datetime(*day, tzinfo=UTC).date()


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("<span class='label'>Datum</span> <span class='value'>25.01.2022</span>", (2022, 1, 25)),
        ("<p>Veröffentlicht am 3. März 2022</p>", (2022, 3, 3)),
        ("<p>Publié le 25 janvier 2022</p>", (2022, 1, 25)),
        ("<p>Publicado el 5 de marzo de 2022</p>", (2022, 3, 5)),
        ("<p>Pressemitteilung vom 25. Januar 2022 | Berlin</p>", (2022, 1, 25)),
        ("<p>Handball Schweiz • 02.02.2022</p>", (2022, 2, 2)),
    ],
)
def test_a_date_given_only_in_the_page_s_text_is_read_in_its_language(
    line: str, day: tuple[int, int, int]
) -> None:
    """Nothing in the metadata: a label line, a bare date or a short line holding one."""
    html = page(title=HEADLINE, after=f"<div class='docData'>{line}</div>")
    article = extract(html, "https://news.harbour-daily.example/storm-bridge")
    assert article.published_at is not None
    assert article.published_at.date() == datetime(*day, tzinfo=UTC).date()
    assert article.sources["published_at"] == "labels"


def test_a_submitted_label_with_its_weekday_beats_a_teaser_rails_bare_dates() -> None:
    """Drupal's "Submitted on Mon, 2019-01-21 13:49" is the story's; the "2019-01-22 20:44"
    lines after it date the latest-news rail."""
    rail = "".join(
        f"<li><a href='/n{n}'>Other story {n}</a><span>2019-01-22 20:4{n}</span></li>"
        for n in range(3)
    )
    html = page(
        title=HEADLINE,
        before="<span class='submitted-by'>Submitted on Mon, 2019-01-21 13:49</span>",
        after=f"<ul class='views-rail'>{rail}</ul>",
    )
    article = extract(html, "https://news.harbour-daily.example/storm-bridge")
    assert article.published_at == datetime(2019, 1, 21, 13, 49, tzinfo=UTC)
    assert article.authors == ()


@pytest.mark.parametrize(
    ("times", "rule"),
    [
        (
            "<time class='updated' itemprop='dateModified' datetime='2021-12-10T20:06:09-07:00'>"
            "December 10, 2021</time><time class='entry-date published' "
            "itemprop='datePublished' datetime='2019-04-09T08:00:15-06:00'>April 9, 2019</time>",
            "time_roles",
        ),
        (
            # a component framework's names, no itemprop to say which is which
            "<time class='updatedDate' datetime='2021-12-10T20:06:09-07:00'>December 10, 2021"
            "</time><time class='publishedDate' datetime='2019-04-09T08:00:15-06:00'>April 9, "
            "2019</time>",
            "camel_case_names_split",
        ),
    ],
)
def test_a_time_marked_as_the_last_change_is_no_publication_date(times: str, rule: str) -> None:
    html = page(title=HEADLINE, before=times)
    published = extract(html).published_at
    assert published is not None and published.date() == datetime(2019, 4, 9).date()
    without = replace(DEFAULT_OPTIONS, **{rule: False})
    other = extract_generic(html, URL, options=without).published_at
    assert other is not None and other.year == 2021


def published_with_and_without(
    html: str, url: str = URL, **off: object
) -> tuple[datetime | None, datetime | None]:
    """The page's publication date, and the one with the rule under test switched off."""
    without = replace(DEFAULT_OPTIONS, **off)
    return extract(html, url).published_at, extract_generic(html, url, options=without).published_at


def test_json_ld_followed_by_a_stray_brace_is_read() -> None:
    data = json.dumps({"@type": "NewsArticle", "datePublished": "2020-10-26T18:10:00+01:00"})
    for script in (data + "\n}", data + data):
        head = f'<script type="application/ld+json">{script}</script>'
        html = page(title=HEADLINE, head=head, before="<p>Posted 9 August 2020</p>")
        article = extract(html)
        assert article.published_at == datetime(2020, 10, 26, 17, 10, tzinfo=UTC)
        assert article.sources["published_at"] == "json-ld"


EMBEDDED_POST = (
    "<blockquote class='instagram-media'><p><a href='https://www.instagram.com/p/1/'>A post"
    "</a></p><p>A post shared by jane <time datetime='2018-03-12T19:30:12+00:00'>Mar 12, 2018</time>"
    "</p></blockquote>"
)
COMMENT = (
    "<ol class='comment-list'><li class='comment'><footer class='comment-meta'>"
    "<time datetime='2019-07-17T20:09:45Z'>17 July 2019</time></footer>"
    "<p>Thanks for this.</p></li></ol>"
)


@pytest.mark.parametrize("other_item", [EMBEDDED_POST, COMMENT])
def test_the_time_of_an_embedded_post_or_a_comment_is_not_the_page_s(other_item: str) -> None:
    html = page(title=HEADLINE, after=other_item, outside="<p>Published: 29 January 2019</p>")
    published, without = published_with_and_without(
        html, times_of_embeds_and_comments_skipped=False
    )
    assert published is not None and published.date() == datetime(2019, 1, 29).date()
    assert without is not None and without.year in (2018, 2019) and without.month in (3, 7)


def test_the_times_of_a_list_of_teasers_are_not_the_page_s() -> None:
    teasers = "".join(
        f"<li><a href='/blog/{n}'>Another post</a> <span class='author'>"
        f"<time datetime='2019-08-0{n}'>{n} August 2019</time></span></li>"
        for n in (3, 4, 5)
    )
    html = page(title=HEADLINE, before="<p>27 June 2019</p>", after=f"<ul>{teasers}</ul>")
    published, without = published_with_and_without(html, times_of_listing_items_skipped=False)
    assert published is not None and published.date() == datetime(2019, 6, 27).date()
    assert without is not None and without.month == 8


def test_the_times_of_teaser_articles_side_by_side_are_not_the_page_s() -> None:
    """Sermitsiaq sets two <article> teasers beside the story, each dated `itemprop=
    datePublished`; the story's own <time> is marked as nothing."""
    teasers = "".join(
        f"<article><h2><a href='/story/{n}'>Another story</a></h2>"
        f"<time itemprop='datePublished' datetime='2019-08-0{n}T10:00:00+02:00'></time></article>"
        for n in (3, 4)
    )
    html = page(
        title=HEADLINE,
        before="<time datetime='2019-06-27T09:00:00Z'>27 June 2019</time>",
        outside=f"<section>{teasers}</section>",
    )
    published, without = published_with_and_without(html, times_of_teaser_articles_skipped=False)
    assert published is not None and published.date() == datetime(2019, 6, 27).date()
    assert without is not None and without.month == 8
    # the story's own <article>, holding the h1, keeps its time beside the next story's
    stamp = "<time datetime='2019-06-27T09:00:00Z'>Thursday morning</time>"
    story = page(title=HEADLINE, h1=HEADLINE, before=stamp)
    next_story = teasers.split("</article>")[0] + "</article>"
    article = extract(story.replace("</article>", f"</article>{next_story}"), URL)
    assert article.published_at is not None
    assert article.published_at.date() == datetime(2019, 6, 27).date()
    assert article.sources["published_at"] == "time"


def test_the_time_of_a_story_set_in_the_text_is_not_the_page_s() -> None:
    """La Repubblica sets another story's card in the text, an <article> headed by a link to
    it, with its writer and its <time>; the page's own <time> is in its header."""
    card = (
        "<section class='inline-article'><article><h4><a href='/cronaca/2024/11/20/news/"
        "cori-423666656/'>Another story</a></h4><span>di Jane Roe</span>"
        "<time datetime='2024-11-20T17:22'>20 Novembre 2024</time></article></section>"
    )
    header = "<header><time datetime='2025-01-05T14:44:14Z'>05 Gennaio 2025</time></header>"
    html = page(title=HEADLINE, h1=HEADLINE, after=card, outside=header)
    published, without = published_with_and_without(html, times_of_teaser_articles_skipped=False)
    assert published is not None and published.date() == datetime(2025, 1, 5).date()
    assert without is not None and without.year == 2024


@pytest.mark.parametrize(
    ("language", "shown", "day"),
    [
        ("en-GB", "", (2020, 4, 12)),  # a British page writes the day first
        ("de", "", (2020, 4, 12)),
        ("en-US", "", (2020, 12, 4)),
        ("", "<p>Comment of 14/04/2020</p>", (2020, 4, 12)),  # a date it shows says so
        ("en-GB", "<p>Comment of 04/14/2020</p>", (2020, 12, 4)),
        ("", "", (2020, 12, 4)),  # unknown: month first, as an American page
    ],
)
def test_a_slashed_date_is_read_as_the_page_writes_dates(
    language: str, shown: str, day: tuple[int, int, int]
) -> None:
    html = page(title=HEADLINE, before="<p>12/04/2020 by Kay</p>", after=shown)
    html = html.replace("<html>", f"<html lang='{language}'>" if language else "<html>")
    published, without = published_with_and_without(html, slashed_dates_by_page=False)
    assert published is not None and published.date() == datetime(*day).date()
    assert without is not None and without.date() == datetime(2020, 12, 4).date()


def test_a_slashed_date_in_a_time_element_is_read_as_the_page_writes_dates() -> None:
    html = page(title=HEADLINE, before="<time>12/04/2020</time> by Kay")
    published = extract(html.replace("<html>", "<html lang='en-GB'>"), URL).published_at
    assert published is not None and published.date() == datetime(2020, 4, 12).date()


def test_an_embedded_post_s_date_line_does_not_date_the_page() -> None:
    """An embedded tweet ends in its date ("April 25, 2024", a link): the tweet's, not the
    story's, which the address files under 26 April."""
    tweet = (
        "<blockquote class='twitter-tweet'><p>Storm on the way</p>— Jane Roe (@janeroe) "
        "<a href='https://twitter.com/janeroe/status/1'>April 25, 2024</a></blockquote>"
    )
    url = "https://news.harbour-daily.example/2024/04/26/storm-bridge/"
    published, without = published_with_and_without(
        page(title=HEADLINE, after=tweet), url, embedded_post_lines_undated=False
    )
    assert published is not None and published.date() == datetime(2024, 4, 26).date()
    assert without is not None and without.date() == datetime(2024, 4, 25).date()
    # the text after the post is the page's again
    after_post = page(title=HEADLINE, before=f"{tweet}26 April 2024")
    article = extract(after_post, URL)
    assert article.published_at is not None
    assert article.published_at.date() == datetime(2024, 4, 26).date()
    assert article.sources["published_at"] == "labels"


def test_a_page_s_own_meta_list_keeps_its_time() -> None:
    meta_list = (
        "<ul class='meta'><li><time datetime='2019-06-27T10:00:00Z'>27 June</time></li>"
        "<li><a href='/author/jane-doe'>Jane Doe</a></li></ul>"
    )
    html = page(title=HEADLINE, before=meta_list)
    assert extract(html).published_at == datetime(2019, 6, 27, 10, tzinfo=UTC)


def test_a_time_inside_a_link_to_another_page_dates_that_page() -> None:
    teaser = (
        "<div class='next'><a href='/2019/other-story'><strong>Other story</strong>"
        "<p><time datetime='2019-09-24T13:34:33Z'>24 September</time></p></a></div>"
    )
    own = f"<a href='{URL}' rel='bookmark'><time datetime='2019-06-28T13:49:45Z'>28 June</time></a>"
    html = page(title=HEADLINE, after=teaser, outside=own)
    published, without = published_with_and_without(html, times_in_links_elsewhere_skipped=False)
    assert published == datetime(2019, 6, 28, 13, 49, 45, tzinfo=UTC)
    assert without == datetime(2019, 9, 24, 13, 34, 33, tzinfo=UTC)


def test_a_microdata_publication_date_on_an_element_is_read() -> None:
    stamp = (
        "<div itemscope itemtype='https://schema.org/NewsArticle'>"
        "<div class='time' itemprop='datePublished' content='2020-11-24T08:22:33+04:00'>"
        "08:22, 24.11.2020</div></div>"
    )
    teaser = (
        "<div itemprop='itemListElement' itemscope><span itemprop='datePublished'>"
        "2020-11-20</span></div>"
    )
    html = page(title=HEADLINE, before=teaser + stamp, outside="<p>News of 23.11.2020</p>")
    published, without = published_with_and_without(html, microdata_dates=False)
    assert published == datetime(2020, 11, 24, 8, 22, 33, tzinfo=timezone(timedelta(hours=4)))
    assert extract(html).sources["published_at"] == "microdata"
    assert without is not None and without.date() != published.date()


def headed_page_beside_teasers(date_line: str, teasers: str) -> str:
    """A story with its headline and `date_line` under it, after a list of dated teasers."""
    return page(title=HEADLINE, h1=HEADLINE, before=date_line, outside=f"<ul>{teasers}</ul>")


def test_the_date_line_under_the_headline_beats_a_sidebar_s_dates_above_it() -> None:
    sidebar = "".join(
        f"<li><a href='/blog/{n}'>Older post {n}</a><br>{n}/06/2019</li>" for n in (14, 26)
    )
    html = headed_page_beside_teasers("<p class='meta'>08/08/2017</p>", sidebar)
    published, without = published_with_and_without(html, dates_near_title=False)
    assert published is not None and published.date() == datetime(2017, 8, 8).date()
    assert without is not None and without.year == 2019


def test_above_the_headline_the_nearest_date_line_is_the_page_s() -> None:
    teasers = "".join(
        f"<div><a href='/older-{n}'>Older post {n}</a><p>0{n}/02/2019</p></div>" for n in (1, 2)
    )
    meta_box = "<p>08/08/2017</p><p>by Jane Doe</p><p>No comments</p>"
    html = page(title=HEADLINE, h1=HEADLINE, outside=teasers + meta_box)
    published = extract(html).published_at
    assert published is not None and published.date() == datetime(2017, 8, 8).date()


def test_the_date_under_the_headline_beats_the_plain_times_of_a_teaser_list() -> None:
    teasers = "".join(
        f"<li><a href='/blog/{d}'>Post of {d} July</a> <time datetime='2019-07-{d}'>{d} July</time></li>"
        for d in (30, 31)
    )
    html = headed_page_beside_teasers("<ul class='info'><li>27 June 2019</li></ul>", teasers)
    published, without = published_with_and_without(html, title_date_over_plain_times=False)
    assert published == datetime(2019, 6, 27, tzinfo=UTC)
    assert without is not None and without.month == 7


def test_a_time_a_day_off_the_headline_s_date_is_the_same_moment_in_another_zone() -> None:
    stamp = "<time datetime='2016-12-01T23:29:49Z'>December 2, 2016</time>"
    html = page(title=HEADLINE, h1=HEADLINE, before=f"<p>{stamp}</p>")
    assert extract(html).published_at == datetime(2016, 12, 1, 23, 29, 49, tzinfo=UTC)


def test_a_teaser_heading_repeating_the_title_gives_way_to_the_h1() -> None:
    teaser = f"<aside><h3>{HEADLINE}</h3><p>30.01.2022 18:36</p></aside>"
    html = page(title=HEADLINE, h1=HEADLINE, before="<p>31.01.2022 09:10</p>", outside=teaser)
    assert extract(html).published_at == datetime(2022, 1, 31, 9, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "expected"),
    [("02.12.19", datetime(2019, 12, 2, tzinfo=UTC)), ("28.09.19 14:05", None)],
)
def test_a_date_line_with_a_two_digit_year_is_read_day_first(
    line: str, expected: datetime | None
) -> None:
    older = "<aside><p>15.01.2018</p><a href='/older'>An older story</a></aside>"
    html = page(title=HEADLINE, h1=HEADLINE, before=f"<p class='date'>{line}</p>", after=older)
    published, without = published_with_and_without(html, bare_dates_short_years=False)
    assert published == (expected or datetime(2019, 9, 28, 14, 5, tzinfo=UTC))
    assert without == datetime(2018, 1, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    "sentence",
    [
        "Dieser Beitrag wurde am Samstag, 3. Dezember 2011 um 10:15 Uhr veröffentlicht und unter "
        "Allgemein abgelegt.",
        "This entry was posted on Saturday, December 3rd, 2011 at 10:15 am and is filed under "
        "News. You can follow any responses to this entry through the RSS 2.0 feed.",
    ],
)
def test_a_blog_s_posted_sentence_dates_the_page(sentence: str) -> None:
    found = posted_sentence_date([sentence])
    assert found is not None and found.date() == datetime(2011, 12, 3).date()
    assert posted_sentence_date(["We posted 3 letters on 3 December 2011"]) is None


def test_the_posted_sentence_is_read_before_the_last_resort() -> None:
    sentence = (
        "Dieser Beitrag wurde am Samstag, 3. Dezember 2011 veröffentlicht und unter Allgemein, "
        "Politik abgelegt. Setze ein Lesezeichen auf den Permalink."
    )
    html = page(title=HEADLINE, after=f"<p class='postmetadata'>{sentence}</p>")
    article = extract(html)
    assert article.published_at is not None
    assert article.published_at.date() == datetime(2011, 12, 3).date()
    assert article.sources["published_at"] == "labels"
    without = extract_generic(html, URL, options=replace(DEFAULT_OPTIONS, posted_sentences=False))
    assert without.sources.get("published_at") != "labels"


def test_numbers_that_are_no_date_stay_none() -> None:
    assert first_bare_date(["1.2.3", "31.13.19", "v2.10.24-beta"], short_years=True) is None


def test_a_meta_tag_giving_its_value_where_content_belongs_is_read() -> None:
    html = page(title=HEADLINE, head='<meta name="published" value="2016-12-21T23:49:10Z">')
    assert extract(html).published_at == datetime(2016, 12, 21, 23, 49, 10, tzinfo=UTC)


def test_a_section_between_the_headline_and_the_site_name_goes() -> None:
    html = page(title=f"{HEADLINE} | Harbour News - {SITE}", head=meta("og:site_name", SITE))
    assert extract(html).title == HEADLINE
    without = replace(DEFAULT_OPTIONS, title_strip_section_before_site=False)
    assert extract_generic(html, URL, options=without).title != HEADLINE


def test_a_dateline_opening_the_first_paragraph_dates_the_page() -> None:
    body = "".join(
        f"<p>{'01.02.2022 „' if index == 0 else ''}{text}</p>"
        for index, text in enumerate(PARAGRAPHS)
    )
    article = extract(page(title=HEADLINE, body=body), "https://news.harbour-daily.example/a")
    assert article.published_at is not None
    assert article.published_at.date() == datetime(2022, 2, 1, tzinfo=UTC).date()
    assert article.sources["published_at"] == "dateline"


def test_a_dateline_below_the_byline_line_dates_the_page() -> None:
    body = "<p>Von Claudia Lindner</p>" + "".join(
        f"<p>{'27.1.2022 - ' if index == 0 else ''}{text}</p>"
        for index, text in enumerate(PARAGRAPHS)
    )
    html = page(title=HEADLINE, body=body)
    article = extract(html, "https://news.harbour-daily.example/a")
    assert article.published_at is not None
    assert article.published_at.date() == datetime(2022, 1, 27, tzinfo=UTC).date()
    assert article.sources["published_at"] == "dateline"
    without = replace(DEFAULT_OPTIONS, datelines_past_stubs=False)
    assert extract_generic(html, "https://x.example/a", options=without).published_at is None


def test_a_utc_statement_is_told_in_the_zone_of_the_date_and_clock_the_page_shows() -> None:
    stated = meta("article:published_time", "2023-11-09T04:56:18Z")
    shown = "<p class='dateline'>November 8, 2023 at 11:56 p.m.</p>"
    html = page(title=HEADLINE, head=stated, before=shown)
    published = extract(html).published_at
    assert published == datetime(2023, 11, 9, 4, 56, 18, tzinfo=UTC)  # the same instant
    assert published.utcoffset() == timedelta(hours=-5)
    assert published.date().isoformat() == "2023-11-08"
    without = replace(DEFAULT_OPTIONS, local_wall_time=False)
    assert extract_generic(html, URL, options=without).published_at.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("lines", "offset"),
    [
        (["3 de mayo de 2022", "21:25"], timedelta(hours=-3)),  # date and clock apart
        (["19.10.2019, 05:00 Uhr", "18.10.2019, 20:00 Uhr"], None),  # the first pair: same day
        (["Comments", "20:00"], None),  # a clock without the local day it would give
    ],
)
def test_the_local_zone_is_read_only_from_a_clock_and_the_day_it_gives(
    lines: list[str], offset: timedelta | None
) -> None:
    moment = datetime(2022, 5, 4, 0, 25, tzinfo=UTC)
    if lines[0].startswith("19.10"):
        moment = datetime(2019, 10, 19, 3, 0, tzinfo=UTC)
    found = local_wall_time(moment, lines)
    assert (found.utcoffset() if found else None) == offset
    assert found is None or found == moment


def test_a_slashed_date_beside_its_clock_is_read_the_way_the_instant_fits() -> None:
    # "03/05/2022 21:44" is 3 May, day first: 4 May 00:44 UTC at -03:00; read month first it
    # would be 5 March, no zone's time of the instant
    moment = datetime(2022, 5, 4, 0, 44, 52, tzinfo=UTC)
    found = local_wall_time(moment, ["03/05/2022 21:44"])
    assert found is not None
    assert found == moment
    assert found.utcoffset() == timedelta(hours=-3)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("5. November 2021, 10:39 Uhr", datetime(2021, 11, 5, 10, 39, tzinfo=UTC)),
        ("8 January 2020, 3:51 pm", datetime(2020, 1, 8, 15, 51, tzinfo=UTC)),
        ("2022-11-08", datetime(2022, 11, 8, tzinfo=UTC)),
    ],
)
def test_a_date_line_ending_in_its_clocks_unit_is_a_bare_date(
    line: str, expected: datetime
) -> None:
    # the info bar's date, above the sidebar's "4. November 2021" teaser dates
    assert first_bare_date([line, "4. November 2021"]) == expected


@pytest.mark.parametrize(
    ("updated", "published"),
    [
        ("Zaktualizowano", "Opublikowano"),
        ("Aktualizováno", "Publikováno"),
        ("Güncelleme", "Yayınlanma"),
        ("Diperbarui", "Diterbitkan"),
        ("Обновлено", "Опубликовано"),
        ("Päivitetty", "Julkaistu"),
        ("Uppdaterad", "Publicerad"),
        ("Frissítve", "Közzétéve"),
        ("Actualizat", "Publicat"),
        ("Atualizado em", "Publicado em"),
    ],
)
def test_publication_and_update_labels_of_more_languages(updated: str, published: str) -> None:
    # the update's line first, as many templates set them: the publication's date is the page's
    lines = f"<p>{updated}: 06.03.2024, 10:00</p><p>{published}: 05.03.2024, 09:00</p>"
    article = extract(page(title=HEADLINE, before=lines))
    assert article.published_at == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Korean "modified" before "input" (published), as many Korean papers set them
        ("수정 2024.03.06 09:10 입력 2024.03.05 14:22", datetime(2024, 3, 5, 14, 22)),
        ("기사입력 2024-03-05 오후 2:22", datetime(2024, 3, 5, 14, 22)),  # "afternoon" first
        ("입력 2024년 3월 5일 오전 9:05", datetime(2024, 3, 5, 9, 5)),
        ("2024년 3월 5일 14시 22분", datetime(2024, 3, 5, 14, 22)),  # "hour", "minute"
        ("기사입력 2024년 3월 5일 오후 2시 22분", datetime(2024, 3, 5, 14, 22)),
        ("发布时间：2024年3月5日 9时5分", datetime(2024, 3, 5, 9, 5)),
        ("更新日：2024年3月6日 公開日：2024年3月5日", datetime(2024, 3, 5)),
        ("发布时间：2024-03-05 下午 2:22", datetime(2024, 3, 5, 14, 22)),
        ("פורסם: 5 במרץ 2024 14:22", datetime(2024, 3, 5, 14, 22)),  # Hebrew, "in March"
        ("5 มีนาคม 2567", datetime(2024, 3, 5)),  # Thai: the Buddhist era's 2567
        ("ngày 5 tháng 3 năm 2024", datetime(2024, 3, 5)),  # Vietnamese
        ("Cập nhật: 16/03/2024 09:10 Đăng: 15/03/2024 14:22", datetime(2024, 3, 15, 14, 22)),
        ("5 मार्च 2024", datetime(2024, 3, 5)),  # Hindi
        ("5 Mart 2024 Salı 14:22", datetime(2024, 3, 5)),  # Turkish March
        ("آخر تحديث: 6 مارس 2024 تاريخ النشر: 5 مارس 2024", datetime(2024, 3, 5)),
    ],
)
def test_date_lines_of_more_languages_and_scripts(line: str, expected: datetime) -> None:
    article = extract(page(title=HEADLINE, before=f"<p>{line}</p>"), "https://x.example/a")
    assert article.published_at == expected.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024년 3월 5일 14시 22분", datetime(2024, 3, 5, 14, 22)),  # once read as 2014, 22:00
        ("2024년 3월 5일 오후 2시 22분", datetime(2024, 3, 5, 14, 22)),
        ("2024-03-05 오전 9:05", datetime(2024, 3, 5, 9, 5)),
        ("2024年3月5日 下午 2:05", datetime(2024, 3, 5, 14, 5)),
    ],
)
def test_korean_and_chinese_clocks_are_read_whole(text: str, expected: datetime) -> None:
    assert parse_datetime(text, "Asia/Seoul") == expected.replace(tzinfo=ZoneInfo("Asia/Seoul"))


def test_a_fuzzy_reading_whose_year_the_text_never_states_is_no_date() -> None:
    # dateutil reads "2024년 3월 5일 14시 22분" as 2014-03-05 22:00: its year made of "24" and "14"
    assert dates_module._by_dateutil("2024년 3월 5일 14시 22분") is None
    assert dates_module._by_dateutil("5 March 2024 14:22") == datetime(2024, 3, 5, 14, 22)


def test_a_date_line_led_by_an_empty_sources_comma_is_a_bare_date() -> None:
    # "<span class='source'></span>, 20 septembrie 2020 16:20" under the headline; a teaser's
    # bare "18 septembrie 2020" further down is another story's
    found = first_bare_date([", 20 septembrie 2020 16:20", "18 septembrie 2020"])
    assert found == datetime(2020, 9, 20, 16, 20, tzinfo=UTC)


def test_a_date_later_in_the_text_is_no_dateline() -> None:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS) + (
        "<p>Work on the bridge is expected to start on 01.02.2022, the council's engineers "
        "said on Friday evening.</p>"
    )
    article = extract(page(title=HEADLINE, body=body), "https://x.example/a")
    assert article.sources.get("published_at") != "dateline"


def test_a_day_first_date_in_the_address_dates_the_page() -> None:
    article = extract(page(title=HEADLINE), "https://news.harbour-daily.example/news/29-10-2021")
    assert article.published_at is not None
    assert article.published_at.date() == datetime(2021, 10, 29, tzinfo=UTC).date()
    assert article.sources["published_at"] == "url"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.summit.example/article/20080107/AE/61801473", (2008, 1, 7)),
        ("https://news.yahoo.example/s/ucrr/20071228/cm_ucrr/benazir", (2007, 12, 28)),
        ("https://x.example/p/20081345/", None),  # no 45th of the 13th month
        ("https://x.example/p/2008010712/", None),  # ten digits: an id
        ("https://x.example/p/20080107.html", None),  # a file's name, not a folder
        ("https://www.befifty.example/home/2017/7/12/unter-uns-montauk", (2017, 7, 12)),
        ("https://x.example/2017/7/123/", None),
    ],
)
def test_an_address_saying_a_day_dates_the_page(url: str, day: tuple[int, int, int] | None) -> None:
    found = date_from_url(url)
    assert (found.date() if found else None) == (datetime(*day).date() if day else None)


# a masthead's "today" and a teaser's sentence above the story's own date line
URL_DAY_PAGE = (
    "<div class='masthead'><p>January 15, 2008</p></div><div class='teaser'><p>The council "
    "met on January 7, 2008 at 9:15 PM to hear the engineers, who asked for another week to "
    "look at the piers of the old bridge before they say when it may reopen.</p></div>",
    "<p class='meta'>January 7, 2008, 4:30 PM by Jane Doe</p>",
)


@pytest.mark.parametrize("judged", [True, False])
def test_a_text_date_days_away_from_the_urls_day_gives_way_to_the_line_on_that_day(
    judged: bool,
) -> None:
    masthead, dated = URL_DAY_PAGE
    html = page(title=HEADLINE, outside=masthead, before=dated)
    options = replace(DEFAULT_OPTIONS, url_day_judges_text_dates=judged)
    article = extract_generic(html, "https://x.example/2008/01/07/storm-bridge", options=options)
    if judged:
        assert article.published_at == datetime(2008, 1, 7, 16, 30, tzinfo=UTC)
        assert article.sources["published_at"] == "labels"
    else:
        assert article.published_at == datetime(2008, 1, 15, tzinfo=UTC)


def test_with_no_line_on_the_urls_day_the_urls_day_dates_the_page() -> None:
    # "08/01/2008" is 8 January to the British site and 1 August read month first; the URL
    # files the story under 8 January
    html = page(title=HEADLINE, before="<p>08/01/2008</p>")
    article = extract_generic(html, "https://x.example/connected/2008/01/08/dvd.xml")
    assert article.published_at == datetime(2008, 1, 8, tzinfo=UTC)
    assert article.sources["published_at"] == "url"


def test_a_stated_date_days_away_from_the_urls_day_stays() -> None:
    # a page filed under the day it was planned and published days later says so in JSON-LD
    head = json_ld(**{"@type": "NewsArticle", "datePublished": "2022-05-08T06:00:00-05:00"})
    article = extract(page(title=HEADLINE, head=head), "https://x.example/2022/05/02/plan")
    assert article.published_at == datetime(2022, 5, 8, 6, 0, tzinfo=timezone(timedelta(hours=-5)))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15 августа 2016, 13:43", (2016, 8, 15)),
        ("5 травня 2022", (2022, 5, 5)),
        ("3 maja 2021", (2021, 5, 3)),
        ("12 Ekim 2020", (2020, 10, 12)),
        ("5. března 2024", (2024, 3, 5)),
        ("5. listopadu 2024", (2024, 11, 5)),  # Czech and Polish November, not Croatian October
        ("5 ožujka 2024", (2024, 3, 5)),
        ("5 martie 2024", (2024, 3, 5)),
        ("5 Μαρτίου 2024", (2024, 3, 5)),
        ("5. maaliskuuta 2024", (2024, 3, 5)),
        ("5. marts 2024", (2024, 3, 5)),
        ("24. desember 2024", (2024, 12, 24)),
        ("17 Agustus 2024", (2024, 8, 17)),
        ("2024. március 5.", (2024, 3, 5)),
    ],
)
def test_month_names_of_more_languages_are_read(text: str, day: tuple[int, int, int]) -> None:
    found = parse_datetime(text)
    assert found is not None
    assert found.date() == datetime(*day, tzinfo=UTC).date()


@pytest.mark.parametrize(
    "text", ["Mai 2024", "2024", "Published in spring 2024", "5 March, 9.30am", "Sunday, 4 April"]
)
def test_a_date_without_its_day_is_no_date(text: str) -> None:
    # dateutil fills a left-out day or month from its default: a made-up 1 May or 1 January
    assert parse_datetime(text) is None


def test_a_date_in_a_script_dateutil_cannot_read_is_not_made_up() -> None:
    # dateutil skipped the Arabic words and read "07 ... 2020" as 1 July 2020
    assert parse_datetime("الأربعاء، 07 أكتوبر 2020 - 12:09") == datetime(
        2020, 10, 7, 12, 9, tzinfo=ZoneInfo("UTC")
    )
    assert parse_datetime("الأربعاء، 07 كذا 2020") is None


def test_a_japanese_date_is_read_with_its_year() -> None:
    # dateutil read "2019年4月13日" as 13 April 2000: the year was its default's
    assert parse_datetime("2019年4月13日") == datetime(2019, 4, 13, tzinfo=ZoneInfo("UTC"))
    assert parse_datetime("2019年3月5日（火） 08時15分") is not None


def test_arabic_month_names_and_digits_are_read() -> None:
    assert parse_datetime("٧ تشرين الأول ٢٠٢٠") == datetime(2020, 10, 7, tzinfo=ZoneInfo("UTC"))
    assert parse_datetime("24 أبريل 2020") == datetime(2020, 4, 24, tzinfo=ZoneInfo("UTC"))


# -- authors -----------------------------------------------------------------------------------


def authors_of(head: str, before: str = "") -> tuple[str, ...]:
    html = page(title=HEADLINE, head=meta("og:site_name", SITE) + head, before=before)
    return extract(html).authors


def test_a_json_ld_author_given_by_reference_to_a_person_node_is_read() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Article",
                "headline": HEADLINE,
                "author": {"@id": "https://news.harbour-daily.example/#/schema/person/7"},
                "publisher": {"@id": "https://news.harbour-daily.example/#organization"},
            },
            {
                "@type": "Person",
                "@id": "https://news.harbour-daily.example/#/schema/person/7",
                "name": "Wolfgang Schmale",
            },
            {
                "@type": "Organization",
                "@id": "https://news.harbour-daily.example/#organization",
                "name": SITE,
            },
        ],
    }
    article = extract(page(title=HEADLINE, head=json_ld(**graph)))
    assert article.authors == ("Wolfgang Schmale",)
    assert article.sources["authors"] == "metadata"


def test_a_personal_blog_s_byline_naming_the_site_is_its_author() -> None:
    byline = "<span class='author vcard'><a rel='author' href='/author/creeny/'>Creeny</a></span>"
    html = page(title=HEADLINE, before=byline)
    article = extract(html, "https://creeny.wordpress.example/2024/03/05/nebel/")
    assert article.authors == ("Creeny",)
    assert article.sources["authors"] == "byline"


def test_an_email_address_is_not_a_name() -> None:
    assert authors_of('<meta name="author" content="j.doe@harbour-daily.example">') == ()
    assert authors_of('<meta name="author" content="Jane Doe <jane@harbour.example>">') == (
        "Jane Doe",
    )


@pytest.mark.parametrize(
    "names",
    [
        "Jane Doe and John Roe",
        "Jane Doe, John Roe",
        "Jane Doe | John Roe",
        "Jane Doe og John Roe",
        "Jane Doe und John Roe",
        "Author: Jane Doe & John Roe",
    ],
)
def test_several_names_in_one_string_are_split(names: str) -> None:
    assert authors_of(f'<meta name="author" content="{names}">') == ("Jane Doe", "John Roe")


def test_initials_in_parentheses_are_dropped() -> None:
    assert authors_of('<meta name="author" content="Jane Doe (jd)">') == ("Jane Doe",)


def test_the_publisher_is_not_an_author_when_the_byline_names_a_person() -> None:
    organisation = json_ld(
        **{"@type": "NewsArticle", "author": {"@type": "Organization", "name": SITE}}
    )
    byline = "<p class='byline'>By Jane Doe</p>"
    assert authors_of(organisation, before=byline) == ("Jane Doe",)


@pytest.mark.parametrize("publisher", ["harbour-daily.example", "www.harbourdaily.com", SITE])
def test_a_publisher_name_or_domain_is_not_a_person(publisher: str) -> None:
    publishers = {"harbour daily", "harbour daily example"}
    assert clean_author_names([f"Jane Doe, {publisher}"], publishers) == ("Jane Doe",)


def test_a_page_naming_only_its_publisher_keeps_it() -> None:
    assert authors_of(f'<meta name="author" content="{SITE}">') == (SITE,)


@pytest.mark.parametrize(
    "byline",
    [
        "<ul><li class='info'>Von: <a href='/jane-doe'>Jane Doe</a>, <a href='/john-roe'>"
        "John Roe</a></li></ul>",
        "<ul><li><strong>Autorin/Autor</strong> Jane Doe, John Roe</li></ul>",
        "<p class='meta-info'>by <a href='/authors/jane-doe'>Jane Doe</a> and John Roe</p>",
        "<div class='authors'><span class='sr-only'>opinion</span><span>By</span> "
        "<span>Jane Doe</span> &amp; <span>John Roe</span></div>",
    ],
)
def test_a_byline_led_by_its_label_names_the_authors(byline: str) -> None:
    organisation = json_ld(
        **{"@type": "NewsArticle", "author": {"@type": "Organization", "name": SITE}}
    )
    assert authors_of(organisation, before=byline) == ("Jane Doe", "John Roe")


@pytest.mark.parametrize(
    "line",
    [
        "<p>By Tuesday night the ferry was running again.</p>",
        "<p>Von der Brücke aus sah man die Fähre.</p>",
        "<p>Author of the report: the harbour council</p>",
    ],
)
def test_a_sentence_starting_like_a_byline_is_no_byline(line: str) -> None:
    assert authors_of("", before=line) == ()


@pytest.mark.parametrize("path", ["/author/", "/about/editors/", "/contributors/"])
def test_links_to_author_pages_name_the_authors(path: str) -> None:
    byline = (
        f"<div class='meta'><a href='{path}jane-doe'>Jane Doe</a> "
        f"<a href='{path}john-roe'>John Roe</a> <a href='/topics/bridges'>Bridges</a></div>"
    )
    assert authors_of("", before=byline) == ("Jane Doe", "John Roe")


def test_a_menu_link_to_the_authors_page_is_no_byline() -> None:
    menu = "<nav><a href='/authors/all'>Our Authors</a></nav>"
    assert authors_of("", before=menu) == ()


def test_a_publication_date_line_in_a_byline_box_is_not_a_name() -> None:
    organisation = json_ld(**{"@type": "NewsArticle", "author": {"name": f"Redaktion {SITE}"}})
    byline = "<div class='byline'>Veröffentlicht am 27.04.24 um 07:39 Uhr</div>"
    assert authors_of(organisation, before=byline) == (f"Redaktion {SITE}",)


def test_a_name_with_its_domain_in_parentheses_is_the_publisher() -> None:
    named = '<meta name="author" content="Harbour Daily (www.harbour-daily.example)">'
    assert authors_of(named, before="<p class='byline'>By Jane Doe</p>") == ("Jane Doe",)
    assert authors_of(named) == ("Harbour Daily",)


# -- every source recorded ------------------------------------------------------------------------


def test_the_generic_path_records_where_each_field_came_from() -> None:
    html = page(
        title=f"{HEADLINE} | {SITE}",
        h1=HEADLINE,
        head=meta("og:site_name", SITE)
        + json_ld(
            **{
                "@type": "NewsArticle",
                "datePublished": "2024-03-05T09:30:00+10:00",
                "author": {"@type": "Person", "name": "Jane Doe"},
            }
        ),
    )
    sources = extract_generic(html, URL).sources
    assert sources == {
        "title": "h1",
        "body": "dom",
        "published_at": "json-ld",
        "authors": "metadata",
    }


# -- images ------------------------------------------------------------------------------------------


def test_a_text_without_pictures_takes_the_page_s_own_picture_as_its_lead() -> None:
    html = page(title=HEADLINE, head=meta("og:image", "/media/bridge-hero.jpg"))
    images = extract(html).images
    assert [image.src for image in images] == [
        "https://news.harbour-daily.example/media/bridge-hero.jpg"
    ]


def test_a_text_with_pictures_keeps_its_own() -> None:
    figure = (
        "<figure><img src='/media/bearing.jpg'><figcaption>A corroded bearing</figcaption></figure>"
    )
    html = page(title=HEADLINE, head=meta("og:image", "/media/bridge-hero.jpg"), after=figure)
    assert [image.src for image in extract(html).images] == [
        "https://news.harbour-daily.example/media/bearing.jpg"
    ]


BEARING = (
    "<figure><img src='/media/bearing.jpg'><figcaption>A corroded bearing</figcaption></figure>"
)
HERO = (
    "<figure><img src='/media/bridge-hero-1200x675.jpg'>"
    "<figcaption>The old bridge at dawn</figcaption></figure>"
)


@pytest.mark.parametrize("shown", [True, False])
def test_a_text_with_pictures_also_gets_the_lead_picture_shown_above_it(shown: bool) -> None:
    """The hero figure under the headline, outside the text's box, is the picture og:image
    names (in another size): the article's lead, before the text's own."""
    html = page(
        title=HEADLINE,
        head=meta("og:image", "/media/bridge-hero-1600x900.jpg"),
        outside=HERO,
        after=BEARING,
    )
    options = replace(DEFAULT_OPTIONS, lead_picture_shown=shown)
    images = extract_generic(html, URL, options=options).images
    expected = ["bridge-hero-1200x675.jpg"] * shown + ["bearing.jpg"]
    assert [image.src.rsplit("/", 1)[-1] for image in images] == expected
    assert images[0].caption == ("The old bridge at dawn" if shown else "A corroded bearing")


@pytest.mark.parametrize(
    ("named", "where"),
    [
        ("/media/harbour-view.jpg", "above"),  # another picture than the one shown above
        ("/media/bridge-hero-1600x900.jpg", "below"),  # shown below the text: a teaser's
        ("/media/bearing-800x600.jpg", "above"),  # the text holds the picture named
        ("/media/bridge-hero-1600x900.jpg", "in the text too"),  # and shows it again
    ],
)
def test_no_lead_picture_but_the_one_named_and_shown_above_the_text(named: str, where: str) -> None:
    html = page(title=HEADLINE, head=meta("og:image", named), outside=HERO, after=BEARING)
    if where == "below":
        html = html.replace(HERO, "").replace("</main>", f"</main>{HERO}")
    again = where == "in the text too"
    if again:
        html = html.replace(BEARING, BEARING + HERO.replace("1200x675", "800x450"))
    images = extract_generic(html, URL).images
    shown = ["bearing.jpg"] + ["bridge-hero-800x450.jpg"] * again
    assert [image.src.rsplit("/", 1)[-1] for image in images] == shown


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane DoeTwitter Today 5:00 am", ("Jane Doe",)),
        ("Jane Doe 12 March 2024", ("Jane Doe",)),
        ("105092", ()),
        ("Desk7 Newsroom", ("Desk7 Newsroom",)),
        ("Geschrieben vonElisa Marvena", ("Elisa Marvena",)),
        ("Eingestellt von Weinlachgummi", ("Weinlachgummi",)),
        ("Von:Moritz Pieczewski-Freimuth", ("Moritz Pieczewski-Freimuth",)),
        ("Publicado por Ana Ruiz", ("Ana Ruiz",)),
        ("lupa am 12.01.2020", ("lupa",)),
        ("Günter W. Kienitz at 10:32", ("Günter W. Kienitz",)),
        ("Williams Perdomo @wperdomod", ("Williams Perdomo",)),
        ("Christoph Hein Chefredakteur", ("Christoph Hein",)),
        ("Birgit Posselt Über Autorenseite von Birgit Posselt", ("Birgit Posselt",)),
        ("Jane Doe, Staff Writer", ("Jane Doe",)),
        ("Byby JANE DOE", ("JANE DOE",)),
        ("Politik · Jane Doe, John Roe", ("Jane Doe", "John Roe")),
        ("Jane Doe, Vice President, Harbour Cloud", ("Jane Doe",)),
        ("Jane Doe, CEO", ("Jane Doe",)),
        ("Jane Doe Director of Communications", ("Jane Doe",)),
        ("BR24 Redaktion", ("BR24 Redaktion",)),
        ("Name *", ()),
        ("Alle Beiträge", ()),
    ],
)
def test_a_byline_line_gives_the_name_only(raw: str, expected: tuple[str, ...]) -> None:
    assert clean_author_names([raw], set()) == expected


def test_a_commenter_or_a_comment_form_field_is_not_the_author() -> None:
    comments = (
        "<div id='comments'><div class='comment-author vcard'>Harm Otten sagt:</div>"
        "<p>Great piece about the bridge, thank you.</p></div>"
        "<form id='commentform'><p class='comment-form-author'><label>Name *</label></p></form>"
    )
    assert extract(page(title=HEADLINE, after=comments)).authors == ()


def test_a_byline_on_a_blog_whose_body_class_says_comments_open_is_read() -> None:
    html = page(title=HEADLINE, before="<div class='post_author'>Jessie Brook</div>").replace(
        "<body>", "<body class='single-post comments-open'>"
    )
    assert extract(html).authors == ("Jessie Brook",)


def test_a_date_in_a_script_is_not_visible_text() -> None:
    script = "<script>var stamp = 'Published: 1 January 2020';</script>"
    html = page(title=HEADLINE, before=f"{script}<p class='info'>Published: 5 March 2024</p>")
    article = extract(html, "https://news.harbour-daily.example/storm-bridge")
    assert article.published_at is not None
    assert (article.published_at.year, article.published_at.month) == (2024, 3)


def test_a_related_story_s_date_in_json_ld_does_not_beat_the_page_s_own() -> None:
    related = json_ld(
        **{
            "@type": "ItemList",
            "itemListElement": [{"@type": "ListItem", "datePublished": "2019-01-01T08:00:00Z"}],
        }
    )
    graph = json_ld(
        **{"@graph": [{"@type": "CreativeWork", "datePublished": "2019-01-01T08:00:00Z"}]}
    )
    html = page(
        title=HEADLINE,
        head=related + graph + meta("article:published_time", "2024-03-05T09:30:00+10:00"),
    )
    assert extract(html).published_at == datetime(2024, 3, 5, 9, 30, tzinfo=PLUS_TEN)


# -- a page fetched from another address than its own ----------------------------------------

MIRROR_URL = "http://127.0.0.1:8080/2024/storm-bridge"  # a mirror, a proxy, a loopback copy
CANONICAL = f'<link rel="canonical" href="{URL}">'


def test_a_time_in_a_link_to_the_canonical_url_dates_the_page_fetched_elsewhere() -> None:
    own = f"<a href='{URL}' rel='bookmark'><time datetime='2019-06-28T13:49:45Z'>28 June</time></a>"
    html = page(title=HEADLINE, head=CANONICAL, before="<p>Updated 3 July 2019</p>", outside=own)
    off = replace(DEFAULT_OPTIONS, canonical_url_names_page=False)
    assert extract(html, MIRROR_URL).published_at == datetime(2019, 6, 28, 13, 49, 45, tzinfo=UTC)
    assert extract_generic(html, MIRROR_URL, options=off).published_at != datetime(
        2019, 6, 28, 13, 49, 45, tzinfo=UTC
    )


def test_the_canonical_url_s_host_names_the_publisher_and_the_site_fetched_elsewhere() -> None:
    # "Harbourdaily" appears nowhere but in the host of the page's canonical URL
    canonical = '<link rel="canonical" href="https://www.harbourdaily.example/news/1">'
    byline = "<p class='byline'>By Jane Doe</p>"
    head = canonical + '<meta name="author" content="Harbourdaily">'
    html = page(title=f"{HEADLINE} - Harbourdaily", head=head, before=byline)
    article = extract(html, MIRROR_URL)
    assert article.title == HEADLINE and article.authors == ("Jane Doe",)
    off = extract_generic(
        html, MIRROR_URL, options=replace(DEFAULT_OPTIONS, canonical_url_names_page=False)
    )
    assert off.title != HEADLINE and off.authors == ("Harbourdaily",)


def test_relative_addresses_resolve_against_the_base_element() -> None:
    # <base href> sets where relative links point, as a browser reads them
    figure = "<figure><img src='assets/storm.jpg'><figcaption>The bridge</figcaption></figure>"
    head = '<base href="https://www.harbourdaily.example/"><link rel="canonical" href="news/1">'
    article = extract(page(title=HEADLINE, head=head, before=figure), MIRROR_URL)
    assert [image.src for image in article.images] == [
        "https://www.harbourdaily.example/assets/storm.jpg"
    ]
    assert article.canonical_url == "https://www.harbourdaily.example/news/1"


def test_the_base_element_s_host_names_the_site_fetched_elsewhere() -> None:
    head = '<base href="https://www.harbourdaily.example/">'
    article = extract(page(title=f"{HEADLINE} - Harbourdaily", head=head), MIRROR_URL)
    assert article.title == HEADLINE
    off = replace(DEFAULT_OPTIONS, canonical_url_names_page=False)
    assert (
        extract_generic(
            page(title=f"{HEADLINE} - Harbourdaily", head=head), MIRROR_URL, options=off
        ).title
        != HEADLINE
    )


MENU = "".join(  # a copy's menus still link the site's own address, absolutely
    f"<li><a href='https://www.harbourdaily.example/{section}/'>{section.title()}</a></li>"
    for section in ("news", "sport", "weather", "opinion")
)
LINKED_MENU = f"<nav><ul>{MENU}</ul></nav>"


@pytest.mark.parametrize("linked", [True, False])
def test_the_host_its_menus_link_names_the_site_of_a_page_fetched_from_an_ip_address(
    linked: bool,
) -> None:
    # no canonical URL, no <base>: only the menus' links say which site this is
    byline = "<p class='byline'>By Jane Doe</p>"
    html = page(
        title=f"{HEADLINE} - Harbourdaily",
        head='<meta name="author" content="Harbourdaily">',
        before=byline,
        outside=LINKED_MENU,
    )
    options = replace(DEFAULT_OPTIONS, linked_host_names_site=linked)
    article = extract_generic(html, MIRROR_URL, options=options)
    assert (article.title == HEADLINE) is linked
    assert article.authors == (("Jane Doe",) if linked else ("Harbourdaily",))


def linked(html: str, url: str = MIRROR_URL) -> str | None:
    options = DEFAULT_OPTIONS
    return linked_host(
        parse_html(html),
        url,
        min_links=options.linked_host_min_links,
        min_lead=options.linked_host_min_lead,
    )


def test_the_host_the_page_links_to_is_read_only_for_a_page_fetched_from_an_ip_address() -> None:
    html = f"<html><body>{LINKED_MENU}</body></html>"
    assert linked(html) == "harbourdaily.example"
    assert linked(html, "https://mirror.example/2024/storm-bridge") is None


@pytest.mark.parametrize(
    "links",
    [
        # the text's sources, in its paragraphs of prose, are other sites
        "<p>" + "As <a href='https://journal.example/paper'>the study</a> found, the storm closed "
        "the old bridge for the first time in forty years. " * 5 + "</p>",
        # an old page's few absolute links: ads, none leading
        "<a href='https://ads.example/1'>Ad</a><a href='https://ads.example/2'>Ad</a>"
        "<a href='https://ads.example/3'>Ad</a><a href='https://shop.example/1'>Shop</a>"
        "<a href='https://shop.example/2'>Shop</a>",
        # too few to say
        "<a href='https://www.harbourdaily.example/'>Home</a>",
    ],
)
def test_no_linked_host_without_a_site_the_menus_lead_to(links: str) -> None:
    assert linked(f"<html><body>{links}</body></html>") is None


def test_a_menu_set_in_a_paragraph_still_names_the_site() -> None:
    # old templates set their menus in a <p>: links with little text of the paragraph's own
    menu = " | ".join(
        f"<a href='https://www.harbourdaily.example/{section}/'>{section.title()}</a>"
        for section in ("news", "sport", "weather")
    )
    assert linked(f"<html><body><p>{menu}</p></body></html>") == "harbourdaily.example"


def test_a_page_stating_its_address_takes_no_linked_host() -> None:
    # the canonical URL names the site; a sister site its menus link does not
    sister = "".join(
        f"<a href='https://www.sister-paper.example/{section}/'>{section}</a>"
        for section in ("news", "sport", "weather")
    )
    html = page(
        title=f"{HEADLINE} - Sister Paper",
        head='<link rel="canonical" href="https://www.harbourdaily.example/news/1">',
        outside=f"<nav>{sister}</nav>",
    )
    assert extract(html, MIRROR_URL).title == f"{HEADLINE} - Sister Paper"


def test_the_linked_hosts_of_one_site_count_together() -> None:
    # www. and secure. of one registered domain are one site, named by its most linked host
    links = (
        "<a href='https://www.harbourdaily.example/news/'>News</a>"
        "<a href='https://www.harbourdaily.example/sport/'>Sport</a>"
        "<a href='https://secure.harbourdaily.example/login'>Log in</a>"
        "<a href='https://secure.harbourdaily.example/subscribe'>Subscribe</a>"
        "<a href='https://ads.example/1'>Ad</a><a href='https://ads.example/2'>Ad</a>"
    )
    assert linked(f"<html><body>{links}</body></html>") == "harbourdaily.example"


def test_a_site_name_set_to_the_whole_title_still_names_the_publisher() -> None:
    # og:site_name "<headline> | Harbour Daily"; the host says nothing (a mirror's address)
    head = meta("og:site_name", f"{HEADLINE} | {SITE}") + f'<meta name="author" content="{SITE}">'
    html = page(title=HEADLINE, head=head, before="<p class='byline'>By Jane Doe</p>")
    assert extract(html, MIRROR_URL).authors == ("Jane Doe",)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (f"{HEADLINE} - News.harbourdaily.md", HEADLINE),  # a domain name as the site's name
        (f"harbourdaily.ch News - {HEADLINE}", HEADLINE),
        (f"Node.js - {HEADLINE}", f"Node.js - {HEADLINE}"),  # no top-level domain: a name
        (f"ASP.NET - {HEADLINE}", f"ASP.NET - {HEADLINE}"),
    ],
)
def test_a_title_piece_holding_a_domain_name_is_the_site_s(title: str, expected: str) -> None:
    # fetched from an address that names no site: only the piece itself says it is one
    assert extract(page(title=title), MIRROR_URL).title == expected


def test_a_domain_piece_stays_without_the_rule() -> None:
    title = f"{HEADLINE} - News.harbourdaily.md"
    off = replace(DEFAULT_OPTIONS, title_domain_pieces=False)
    assert extract_generic(page(title=title), MIRROR_URL, options=off).title == title


def test_a_title_of_many_pieces_is_not_cut_into_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A `<title>` of hundreds of separated keywords is no headline beside a site's name: its
    runs of pieces are not tried one by one (a cost cubic in the pieces: 500 took 15 s)."""
    from transforms.generic import titles

    joins = 0
    real_join = titles._join

    def counting_join(*args: object) -> str:
        nonlocal joins
        joins += 1
        return real_join(*args)

    monkeypatch.setattr(titles, "_join", counting_join)
    keywords = " | ".join(f"harbour keyword {n}" for n in range(200))
    article = extract(page(title=keywords, h1=HEADLINE))
    assert article.title == HEADLINE
    assert joins <= titles.MAX_TITLE_PIECES**2


def test_a_month_named_twice_in_arabic_is_read() -> None:
    """Levantine sites print the month's Syriac and Egyptian names side by side."""
    line = "تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً"
    assert first_dated_line([line]) == datetime(2020, 4, 24, 21, 22, tzinfo=ZoneInfo("UTC"))
    assert parse_datetime("7 تشرين الأول/أكتوبر 2020") == datetime(
        2020, 10, 7, tzinfo=ZoneInfo("UTC")
    )


@pytest.mark.parametrize(
    ("line", "hour"),
    [
        ("March 5, 2024 10:32 pm", 22),
        ("March 5, 2024, 10:32 PM EST", 22),
        ("5 March 2024, 12:05 a.m.", 0),
        ("5 March 2024, 12:05 p.m.", 12),
        ("2024/03/05 01:43:09 PM", 13),
        ("5 March 2024 10:32 amazing scenes", 10),
    ],
)
def test_a_clock_in_text_keeps_its_half_of_the_day(line: str, hour: int) -> None:
    # "10:32 pm" was read as 10:32 in the morning
    found = first_dated_line([line])
    assert found is not None and (found.day, found.hour) == (5, hour)
    published, _ = labelled_dates([f"Published: {line}"])
    assert published is not None and published.hour == hour


@pytest.mark.parametrize("rule", [True, False])
def test_a_kicker_glued_to_the_headline_by_its_tags_is_parted(rule: bool) -> None:
    """ "<h1><span>Nationale Demo</span>Der 9. Juli naht</h1>": the kicker is styled as its own
    line, with no space in the markup; a word split over tags ("Harbour<b>side</b>") stays."""
    html = page(h1="<span>Harbour Strike</span>Ferries stop for a week, the union says")
    options = replace(DEFAULT_OPTIONS, title_glued_pieces_parted=rule)
    title = extract_generic(html, URL, options=options).title
    parted = "Harbour Strike Ferries stop for a week, the union says"
    assert title == (parted if rule else parted.replace("Strike ", "Strike"))
    split_word = page(h1="Harbour<b>side</b> ferries stop for a week, the union says")
    assert (
        extract_article(split_word, URL).title
        == "Harbourside ferries stop for a week, the union says"
    )
    # a headline set in lines, a <br> and no space between them
    lines = page(h1="HARBOUR FERRIES<br>STOP FOR<br><span>A WEEK</span>")
    title = extract_generic(lines, URL, options=options).title
    parted_lines = "HARBOUR FERRIES STOP FOR A WEEK"
    assert title == (parted_lines if rule else "HARBOUR FERRIESSTOP FORA WEEK")


def test_a_teaser_cards_date_line_dates_no_page() -> None:
    """No metadata: a rail's card above the story, a headline linking to another story under
    its date, and a promo link saying its issue's date; the story's own line comes after."""
    card = (
        "<div class='c1f0'><div class='c2a1'><span class='c3b2'>11.04.2022</span></div>"
        "<h3><a href='/2022/04/flood-aid'>Flood aid reaches the valley towns</a></h3></div>"
        "<a href='/issues/95254'><h3>This week's issue</h3> 01 Feb 2025</a>"
    )
    html = page(title=HEADLINE, outside=card, before="<p>28 April 2023</p>")
    published, without = published_with_and_without(html, teaser_lines_undated=False)
    assert published is not None and published.date() == datetime(2023, 4, 28).date()
    assert without is not None and without.date() == datetime(2022, 4, 11).date()


def test_a_date_linking_to_its_days_archive_dates_the_page() -> None:
    # the post's own date, linked to the blog's archive of the day, before a later date line
    html = page(
        title=HEADLINE,
        before="<p><a href='/2022/01/25/'>25 January 2022</a></p>",
        after="<p>3 February 2022</p>",
    )
    published = extract(html).published_at
    assert published is not None and published.date() == datetime(2022, 1, 25).date()


def test_a_title_the_share_card_says_too_stays_over_the_headline_shown_over_the_text() -> None:
    # the h1 set after the text (a template's footer block), the share card saying it too: the
    # story's headline, not a site's name, however far it stands from the text
    story_title = "Harbour town braces for weeks of detours"
    html = site_titled(
        f"<h4>{SHOWN_HEADLINE}</h4>",
        title=story_title,
        head=meta("og:title", f"{story_title} - Harbour Daily"),
    ).replace("</table>", f"</table><h1>{story_title}</h1>")
    article = extract(html)
    assert article.title == story_title
    without = replace(DEFAULT_OPTIONS, metadata_headline_stays=False)
    assert extract_generic(html, URL, options=without).title == SHOWN_HEADLINE
    # a section's name inside the share card's title is no headline it says
    section = site_titled(
        f"<h4>{SHOWN_HEADLINE}</h4>",
        title="Harbour Sport",
        head=meta("og:title", f"Harbour Daily - Harbour Sport - {story_title}"),
    ).replace("</table>", "</table><h1>Harbour Sport</h1>")
    assert extract(section).title != "Harbour Sport"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Publié le 18 juil. 2024 à 08:01", datetime(2024, 7, 18, 8, 1, tzinfo=UTC)),
        ("Published: January 7, 2008 at 9:15 PM", datetime(2008, 1, 7, 21, 15, tzinfo=UTC)),
        ("Veröffentlicht: 18.07.2024 | 08:01", datetime(2024, 7, 18, 8, 1, tzinfo=UTC)),
        ("Pubblicato il 12 dic. 2022 alle 10:30", datetime(2022, 12, 12, 10, 30, tzinfo=UTC)),
        ("Publicado el 3 abr. 2021", datetime(2021, 4, 3, tzinfo=UTC)),
        ("Publié le 3 févr. 2024", datetime(2024, 2, 3, tzinfo=UTC)),
        ("Veröffentlicht: 29. Juni 2025 - 21.18 Uhr", datetime(2025, 6, 29, 21, 18, tzinfo=UTC)),
    ],
)
def test_a_labelled_date_reads_its_clock_past_a_joining_word_and_shortened_months(
    line: str, expected: datetime
) -> None:
    assert labelled_dates([line]) == (expected, None)


def test_a_clock_written_with_a_dot_is_one_before_its_uhr_only() -> None:
    assert first_bare_date(["28.06.2025, 16.03 Uhr"]) == datetime(2025, 6, 28, 16, 3, tzinfo=UTC)
    assert first_bare_date(["28.06.2025, 16.03"]) is None  # a price, a score: no clock
    assert not is_date_line("€ 12.99")


def test_a_date_line_under_the_headline_reads_its_clock_after_a_bar_or_a_dash() -> None:
    masthead = "<div class='top'><p>Mar 12, 2026</p></div>"
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>{masthead}<main><article>"
        f"<h1>{HEADLINE}</h1><p class='when'>May 7, 2025 | 10:00 AM</p>"
        + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
        + "</article></main></body></html>"
    )
    url = "https://news.harbour-daily.example/storm-bridge"
    assert extract(html, url).published_at == datetime(2025, 5, 7, 10, 0, tzinfo=UTC)
    without = replace(DEFAULT_OPTIONS, title_date_clock_joined=False)
    published = extract_generic(html, url, options=without).published_at
    assert published == datetime(2026, 3, 12, tzinfo=UTC)  # the masthead's day, read first


def test_a_bare_date_line_away_from_the_headline_keeps_the_plain_join() -> None:
    # a commenter's stamp, a teaser list's: "23.09.2020 | 18:19" is no bare date there
    assert first_bare_date(["23.09.2020 | 18:19"]) is None
    assert first_bare_date(["23.09.2020 | 18:19"], joined=True) == datetime(
        2020, 9, 23, 18, 19, tzinfo=UTC
    )
    assert first_bare_date(["28. Juni 2025 - 16.03 Uhr"], joined=True) == datetime(
        2025, 6, 28, 16, 3, tzinfo=UTC
    )
