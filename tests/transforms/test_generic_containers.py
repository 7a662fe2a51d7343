"""Where the article's text sits on real sites, each class on a small page written for the
test: the walk reaches the text and the container holds it, whatever the template names it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from transforms.generic import extract_generic
from transforms.generic.settings import DEFAULT_OPTIONS
from transforms.generic.walk import custom_elements_as_blocks, walk_page
from transforms.page import parse_html

URL = "https://news.coastal-uni.example/2024/03/marine-building"
TITLE = "Marine science building opens"
LONG_PARAGRAPHS = [
    "The university opened its new marine science building on Friday, with teaching labs, a "
    "seawater aquarium and a research vessel dock on the estuary side of the campus. "
    "The building replaces three older labs that had been spread across the town, and it "
    "brings together about two hundred researchers and students under one roof, from "
    "oceanographers and fisheries scientists to the engineers who build the sensor buoys. "
    "Funding came from a state grant and from alumni donations collected over six years.",
    "The vice-chancellor said at the opening ceremony in the main atrium that the building "
    "would let the university take on larger field projects with the regional fisheries "
    "board, which has asked for year-round monitoring of the estuary. The first classes in "
    "the building begin next semester, and public tours of the aquarium will run on the "
    "first Saturday of every month from April onwards, booked through the visitor centre, "
    "with school groups welcome on weekday mornings by arrangement with the outreach office.",
]
SIDEBAR_TEXT = (
    "Freedom of speech is our core value. If the letter you sent was not published, and you "
    "believe its contents were fair, let us know by phone or email at the newsroom desk."
)


def page(body: str) -> str:
    return (
        f"<html><head><title>{TITLE}</title><meta property='article:published_time' "
        f"content='2024-03-08T10:00:00+08:00'></head><body>{body}</body></html>"
    )


def article_paragraphs() -> str:
    return "".join(f"<p>{text}</p>" for text in LONG_PARAGRAPHS)


def two_long_paragraphs() -> str:
    """Fewer paragraphs than the walk's guard counts, more text than it weighs."""
    first, second = LONG_PARAGRAPHS
    return f"<p>{first} {second}</p><p>{second} {first}</p>"


def assert_article(text: str) -> None:
    for paragraph in LONG_PARAGRAPHS:
        assert paragraph in text


def test_an_article_inside_a_wrapper_named_like_a_sidebar_is_found() -> None:
    html = page(
        f"<div class='sidebar_content'><div class='post hentry'><h1>{TITLE}</h1>"
        f"{two_long_paragraphs()}</div></div>"
        f"<div class='widget-area'><div class='textwidget'><p>{SIDEBAR_TEXT}</p>"
        f"<p>{SIDEBAR_TEXT}</p></div></div>"
    )
    assert_article(extract_generic(html, URL).text)
    # the page's only marked post, read alone, would find the text too: the guard alone here
    off = replace(DEFAULT_OPTIONS, guard_text_chars=0, marked_post_read_alone=False)
    assert LONG_PARAGRAPHS[0] not in extract_generic(html, URL, options=off).text


def test_a_comment_thread_named_commentlist_is_not_body() -> None:
    comment = (
        "What a waste of money, the old labs were perfectly fine and the town needed a new "
        "swimming pool far more than another building for the university on the estuary."
    )
    html = page(
        f"<div class='story'><h1>{TITLE}</h1>{article_paragraphs()}"
        f"<ul class='sect_commentlinks'><li><p>{comment}</p></li><li><p>{comment} Again."
        f"</p></li><li><p>{comment} Twice.</p></li><li><p>{comment} Thrice.</p></li>"
        f"<li><p>{comment} Four times.</p></li></ul></div>"
    )
    text = extract_generic(html, URL).text
    assert_article(text)
    assert "What a waste of money" not in text


def test_a_commentary_is_an_article_not_a_comment() -> None:
    html = page(f"<div class='commentary-body'><h1>{TITLE}</h1>{article_paragraphs()}</div>")
    assert_article(extract_generic(html, URL).text)


def test_an_accordion_holding_the_article_text_is_walked() -> None:
    html = page(
        f"<main><h1>{TITLE}</h1><p>{SIDEBAR_TEXT}</p>"
        "<div class='panel-group' role='tablist'><div class='panel'>"
        f"<h2>Opening</h2><div class='panel-body'>{article_paragraphs()}"
        f"{article_paragraphs()}</div></div></div></main>"
    )
    assert_article(extract_generic(html, URL).text)
    off = replace(DEFAULT_OPTIONS, walk_text_panels=False)
    assert LONG_PARAGRAPHS[0] not in extract_generic(html, URL, options=off).text


def test_a_tab_list_of_links_is_still_skipped() -> None:
    tabs = "".join(
        f"<a role='tab' href='#t{index}'>Tab number {index} of the building</a>"
        for index in range(8)
    )
    html = page(
        f"<main><h1>{TITLE}</h1>{article_paragraphs()}<div role='tablist'>{tabs}</div></main>"
    )
    assert "Tab number" not in extract_generic(html, URL).text


def test_a_heading_whose_anchor_id_spells_a_boilerplate_word_stays() -> None:
    html = page(
        f"<article><h1>{TITLE}</h1><p>{LONG_PARAGRAPHS[0]}</p>"
        "<h3 id='nav_share_prices_of_the_dock'>Share prices of the dock</h3>"
        f"<p>{LONG_PARAGRAPHS[1]}</p></article>"
    )
    assert "Share prices of the dock" in extract_generic(html, URL).text
    off = replace(DEFAULT_OPTIONS, heading_anchor_ids=False)
    assert "Share prices of the dock" not in extract_generic(html, URL, options=off).text


@pytest.mark.parametrize("anchor", ["toc_1", "toc-12", "toc0"])
def test_a_heading_numbered_as_a_jump_target_stays(anchor: str) -> None:
    """SRF numbers its subheadings for the table of contents: `<h2 id="toc_1">`."""
    html = page(
        f"<article><h1>{TITLE}</h1><p>{LONG_PARAGRAPHS[0]}</p>"
        f"<h2 class='article-heading' id='{anchor}'>A centre of the protests</h2>"
        f"<p>{LONG_PARAGRAPHS[1]}</p></article>"
    )
    assert "A centre of the protests" in extract_generic(html, URL).text
    off = replace(DEFAULT_OPTIONS, numbered_heading_ids=False)
    text = extract_generic(html, URL, options=off).text
    assert "A centre of the protests" not in text and LONG_PARAGRAPHS[1] in text


@pytest.mark.parametrize("name", ["toc", "toc_share_1a"])
def test_a_heading_named_toc_without_a_number_alone_is_still_skipped(name: str) -> None:
    html = page(
        f"<article><h1>{TITLE}</h1><p>{LONG_PARAGRAPHS[0]}</p>"
        f"<h2 id='{name}'>Contents of this page</h2><p>{LONG_PARAGRAPHS[1]}</p></article>"
    )
    assert "Contents of this page" not in extract_generic(html, URL).text


def test_a_heading_named_share_by_its_class_is_still_skipped() -> None:
    html = page(
        f"<article><h1>{TITLE}</h1><p>{LONG_PARAGRAPHS[0]}</p>"
        "<h3 class='share-title' id='share-box'>Share this story</h3>"
        f"<p>{LONG_PARAGRAPHS[1]}</p></article>"
    )
    assert "Share this story" not in extract_generic(html, URL).text


def test_on_an_endless_scroll_page_the_article_headed_by_the_title_is_the_body() -> None:
    next_story = " ".join(
        f"The city council voted on the harbour budget for the {n}th time this year, and the "
        "measure passed after a long debate about the cost of dredging the channel."
        for n in range(4, 12)
    )
    html = page(
        f"<div class='scroll'><article id='article-0'><h1>{TITLE}</h1>{article_paragraphs()}"
        "</article><article id='article-1'><h1>Council passes harbour budget</h1>"
        f"<p>{next_story}</p><p>{next_story}</p></article></div>"
    )
    text = extract_generic(html, URL).text
    assert_article(text)
    assert "harbour budget" not in text
    # the same holds without it, by the posts' kinship (`titled_unit_wins`)
    off = replace(DEFAULT_OPTIONS, title_article_wins=False, titled_unit_wins=False)
    assert "harbour budget" in extract_generic(html, URL, options=off).text


OTHER_POST = "".join(
    f"<p>An older post about the harbour budget, part {n}: the council voted again after a "
    "long debate about the cost of dredging the channel, and the ferry timetable changed.</p>"
    for n in range(12)
)


def next_stories(count: int) -> str:
    """Stories longer than the page's own, each under an h1 of its own headline."""
    story = " ".join(
        f"The city council voted on the harbour budget for the {n}th time this year, and the "
        "measure passed after a long debate about the cost of dredging the channel."
        for n in range(4, 12)
    )
    return "".join(
        f"<div class='post-add-story'><div class='post-add-head'><h1>Council story {n}</h1>"
        f"</div><div class='post-add-body'><p>{story}</p><p>{story}</p></div></div>"
        for n in range(count)
    )


def test_on_an_endless_scroll_page_without_articles_the_text_under_the_titles_h1_is_the_body() -> (
    None
):
    html = page(
        f"<article><header><h1>{TITLE}</h1></header><div class='main'><div class='body'>"
        f"<div class='content'>{article_paragraphs()}{two_long_paragraphs()}</div></div>"
        f"<div id='post-add-box'><div id='post-add-wrap'>{next_stories(3)}</div></div></div>"
        "</article>"
    )
    text = extract_generic(html, URL).text
    assert_article(text)
    assert "harbour budget" not in text
    off = replace(DEFAULT_OPTIONS, other_story_left=False)
    assert "harbour budget" in extract_generic(html, URL, options=off).text


RAIL = "".join(
    f"<p>The weather service warned of storms along the coast for the {n}th day, and the "
    "ferries stayed in port while crews checked the moorings.</p>"
    for n in range(4, 24)
)


def test_a_text_outside_the_other_stories_far_from_the_headline_is_no_story_of_the_page() -> None:
    # a rail after the page's story: what lies outside the other stories, not under the title
    html = page(
        f"<article><header><h1>{TITLE}</h1></header><div class='main'><div class='body'>"
        "<div class='content'><p>Photos: the opening day, as the first visitors saw it.</p>"
        f"</div></div><div id='post-add-box'><div id='post-add-wrap'>{next_stories(3)}</div>"
        f"</div></div></article><div class='rail'>{RAIL}</div>"
    )
    text = extract_generic(html, URL).text
    assert "weather service" not in text
    assert "harbour budget" in text


def test_a_short_text_under_the_title_gives_way_to_the_stories_after_it_only_with_a_fair_share() -> (
    None
):
    # under the title, two paragraphs; the three stories after them hold seven times as much
    html = page(
        f"<article><header><h1>{TITLE}</h1></header><div class='main'><div class='body'>"
        f"<div class='content'>{article_paragraphs()}</div></div>"
        f"<div id='post-add-box'><div id='post-add-wrap'>{next_stories(3)}</div></div></div>"
        "</article>"
    )
    assert "harbour budget" in extract_generic(html, URL).text


def blog_page(posts: list[tuple[str, str]]) -> str:
    return page(
        "<ol class='items'>"
        + "".join(
            f"<li class='item'><div class='article'><div class='article-header'><h1>{heading}"
            f"</h1></div><div class='article-content'>{body}</div></div></li>"
            for heading, body in posts
        )
        + "</ol>"
    )


def test_of_a_blogs_posts_listed_whole_the_one_its_title_heads_is_the_body() -> None:
    html = blog_page(
        [
            ("Harbour budget again", OTHER_POST),
            (TITLE, article_paragraphs()),
            ("Harbour budget once more", OTHER_POST),
        ]
    )
    text = extract_generic(html, URL).text
    assert_article(text)
    assert "harbour budget" not in text
    off = replace(DEFAULT_OPTIONS, titled_unit_wins=False)
    assert "harbour budget" in extract_generic(html, URL, options=off).text


def test_sections_each_under_a_heading_are_no_posts() -> None:
    # a document's sections, each boxed under an h1: the title's holds no fair share of it
    sections = "".join(
        f"<div class='section'><h1>{heading}</h1>{body}</div>"
        for heading, body in [
            (TITLE, f"<p>{LONG_PARAGRAPHS[0]}</p>"),
            ("Funding", OTHER_POST),
            ("Tours", RAIL),
        ]
    )
    text = extract_generic(page(f"<main>{sections}</main>"), URL).text
    assert LONG_PARAGRAPHS[0] in text
    assert "harbour budget" in text
    assert "weather service" in text


def test_posts_headed_in_another_shape_than_the_title_are_not_its_kin() -> None:
    # the title's h1 over an introduction; the part below is headed by an h2
    html = page(
        "<div class='doc'>"
        f"<div class='part'><h1>{TITLE}</h1>{article_paragraphs()}</div>"
        f"<div class='part'><h2>Section one</h2>{OTHER_POST}</div>"
        "</div>"
    )
    assert "harbour budget" in extract_generic(html, URL).text


TICKER = (
    "<div class='ticker'><h2>Newsticker</h2><p>Ferry timetables change on Monday as the "
    "winter schedule starts.</p></div>"
)


@pytest.mark.parametrize("wins", [True, False])
def test_a_box_under_another_heading_the_text_climbed_over_is_left_out(wins: bool) -> None:
    html = page(
        f"<div class='main'><div class='story'><h1>{TITLE}</h1>{article_paragraphs()}"
        f"{two_long_paragraphs()}</div>{TICKER}</div>"
    )
    options = replace(DEFAULT_OPTIONS, titled_box_wins=wins)
    text = extract_generic(html, URL, options=options).text
    assert_article(text)
    assert ("Ferry timetables" not in text) is wins


def test_a_box_under_another_heading_holding_a_fair_share_of_the_text_stays() -> None:
    # a section of the story set apart under its own heading, not a sidebar's module
    html = page(
        f"<div class='main'><div class='story'><h1>{TITLE}</h1>{article_paragraphs()}</div>"
        f"<div class='ticker'><h2>Newsticker</h2>{OTHER_POST}</div></div>"
    )
    text = extract_generic(html, URL).text
    assert_article(text)
    assert "harbour budget" in text


def test_a_footer_s_long_legal_text_is_not_walked_as_a_wrapper() -> None:
    legal = (
        "Equal opportunity employer: all qualified applicants will receive consideration for "
        "employment without regard to race, colour, religion, sex, national origin, age, "
        "disability or veteran status, as the law and our own policies require of us. "
    ) * 4
    html = page(
        f"<main><h1>{TITLE}</h1>{article_paragraphs()}</main>"
        f"<div class='cp-footer'><p>{legal}</p><p>{legal}</p></div>"
    )
    text = extract_generic(html, URL).text
    assert_article(text)
    assert "Equal opportunity employer" not in text


def test_ruby_readings_are_neither_body_nor_title() -> None:
    headline = (
        "<ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rp>(</rp><rt>たいばつ</rt><rp>)</rp></ruby>"
    )
    paragraph = (
        "<p><ruby>法律<rt>ほうりつ</rt></ruby>では<ruby>虐待<rt>ぎゃくたい</rt></ruby>をした"
        "<ruby>親<rt>おや</rt></ruby>に専門家が子どもの育て方を教えることになりました。"
        "新しい法律は来年の四月から始まります。</p>"
    )
    html = page(f"<article><h1>{headline}を禁止する法律ができる</h1>{paragraph * 3}</article>")
    article = extract_generic(html, URL)
    assert article.title == "子どもへの体罰を禁止する法律ができる"
    assert "法律では虐待をした親に専門家が" in article.text
    assert "ほうりつ" not in article.text


STORY = [
    f"Part {index} of the story: the harbour council met on Tuesday evening and voted to close "
    "the old swing bridge for repairs after the engineers' report on its bearings."
    for index in range(12)
]
CALLOUT = (
    "<div class='callout-box'>In this article: <a href='#a'>Why the bridge closes</a> "
    "<a href='#b'>What the ferries cost</a> <a href='#c'>When it reopens</a></div>"
)


def story_page(body: str) -> str:
    return page(f"<h1>{TITLE}</h1>{body}<div class='footer'><a href='/'>Home</a></div>")


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def test_a_text_continued_behind_a_read_more_expander_is_whole() -> None:
    html = story_page(
        "<div class='story-body'><div class='media'><a href='/gallery'>View the gallery of the "
        f"bridge and the ferries</a></div>{paragraphs(STORY[:3])}<div id='read-more'>"
        "<div class='read-more-link'><a href='#'>Read more</a></div>"
        f"<div id='read-more-content'>{paragraphs(STORY[3:])}</div></div></div>"
    )
    text = extract_generic(html, URL).text
    assert all(part in text for part in STORY)
    without = replace(DEFAULT_OPTIONS, climb_over_sibling_paragraphs=False)
    assert not all(part in extract_generic(html, URL, options=without).text for part in STORY)


def test_a_text_cut_into_segments_by_ad_slots_is_whole() -> None:
    def segment(texts: list[str], extra: str = "") -> str:
        return f"<div class='row text'><div class='columns'>{extra}{paragraphs(texts)}</div></div>"

    slot = "<div class='ad-slot'><script>loadAd()</script></div>"
    html = story_page(
        f"<div class='story'>{segment(STORY[:1], CALLOUT)}{slot}{segment(STORY[1:11])}{slot}"
        f"{segment(STORY[11:])}</div>"
    )
    text = extract_generic(html, URL).text
    assert all(part in text for part in STORY)
    assert "In this article" not in text
    without = replace(DEFAULT_OPTIONS, climb_over_segments=False)
    assert not all(part in extract_generic(html, URL, options=without).text for part in STORY)


JAPANESE = (
    "港湾評議会は火曜日の夜、技術者の報告を受けて古い旋回橋を修理のために閉鎖することを決めた。"
    "橋が閉鎖されている間、フェリーは二十分ごとに運航し、北岸の住民は春まで無料で利用できる。"
    "地元の商店は通行客の減少を心配しているが、修理は冬を越えて待てないという点で多くが一致した。"
    "工事は三月上旬に始まり、天候次第で約十一週間続く見込みで、歩行者には車より先に開放される。"
)
TEASERS = "".join(
    f"<li><a href='/news/{index}'>港のニュース {index}: フェリーの新しい時刻表と駐車料金の変更について</a></li>"
    for index in range(12)
)


def article_with_teasers(head: str = "", text: str = JAPANESE) -> str:
    return (
        f"<html><head><title>{TITLE}</title><meta property='article:published_time' "
        f"content='2024-03-08T10:00:00+09:00'>{head}</head><body><h1>{TITLE}</h1>"
        f"<div class='article'><p>{text}</p></div><ul class='more'>{TEASERS}</ul></body></html>"
    )


def test_a_short_text_in_a_dense_script_is_an_article_not_a_listing() -> None:
    """180 Japanese characters carry what 540 Latin ones do: no teaser list replaces them."""
    options = replace(DEFAULT_OPTIONS, listing_article_trigger_chars=500)
    text = extract_generic(article_with_teasers(), URL, options=options).text
    assert JAPANESE in text
    assert "港のニュース" not in text
    by_length = replace(options, cjk_char_weight=1.0)
    assert "港のニュース" in extract_generic(article_with_teasers(), URL, options=by_length).text


def test_a_long_json_ld_body_keeps_a_page_from_being_read_as_a_listing() -> None:
    body = " ".join(LONG_PARAGRAPHS)
    head = (
        '<script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "headline": "{TITLE}", "articleBody": "{body}"}}</script>'
    )
    text = extract_generic(article_with_teasers(head, text="Marine building opens."), URL).text
    assert "seawater aquarium" in text


def test_sections_of_one_template_are_walked_alike() -> None:
    # a test report's sections share a class naming their ad slots: the long one holds text,
    # so its shorter twins are text too, not ad boxes
    def section(texts: list[str], anchor: str) -> str:
        return (
            f"<section id='{anchor}' class='report-section report-section--ads'>"
            f"<h2>{anchor}</h2><div class='text'>{paragraphs(texts)}</div></section>"
        )

    html = story_page(
        "<article class='report'>"
        f"{section(STORY[:3], 'Setup')}{section(STORY[3:7], 'Results')}"
        f"{section(STORY[7:10], 'Price')}"
        "<section class='promo-box'><p>Deals of the week: save on grills, ovens and "
        "kitchen tools in our partner shops today.</p></section></article>"
    )
    text = extract_generic(html, URL).text
    assert all(part in text for part in STORY[:10])
    assert "Deals of the week" not in text
    without = replace(DEFAULT_OPTIONS, walk_template_siblings=False)
    assert STORY[0] not in extract_generic(html, URL, options=without).text


def test_a_short_closing_sentence_of_the_text_stays() -> None:
    html = story_page(
        f"<div class='story'>{paragraphs(STORY[:4])}<p>Good luck to every crew!</p>"
        "<p>Updated on 17.01.2021.</p><p>The harbour desk</p></div>"
    )
    text = extract_generic(html, URL).text
    assert text.endswith("Good luck to every crew!")
    without = replace(DEFAULT_OPTIONS, trailing_sentences_stay=False)
    assert "Good luck" not in extract_generic(html, URL, options=without).text


@pytest.mark.parametrize("quote", ["„Crisp outside, creamy inside“", "“Mum, why not now?”"])
def test_a_short_quotation_opening_the_text_stays(quote: str) -> None:
    # short lines above the text are a byline, a date or a label; a quotation is the text's
    html = story_page(f"<div class='story'><p>Share</p><p>{quote}</p>{paragraphs(STORY[:4])}</div>")
    text = extract_generic(html, URL).text
    assert text.startswith(quote)
    without = replace(DEFAULT_OPTIONS, leading_quotes_stay=False)
    assert quote not in extract_generic(html, URL, options=without).text


def test_a_page_whose_time_element_names_one_moment_is_read_as_an_article() -> None:
    # no publish date in the metadata, a short text and a long rail of teasers below it; one
    # <time> dates the text, where an index page dates each teaser
    html = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
        "<div class='copy'><time datetime='2024-03-08T10:00:00Z'>8 March 2024</time>"
        f"{paragraphs(STORY[:4])}</div>{TEASER_RAIL}</body></html>"
    )
    assert_read_as_article(html, single_time_is_article=False)


TEASER_RAIL = "<ul class='more'>{}</ul>".format(
    "".join(
        f"<li><a href='/news/{index}'>Harbour news {index}: the new ferry timetable and the "
        "changes to the parking charges at the quay</a></li>"
        for index in range(30)
    )
)


def assert_read_as_article(html: str, teaser: str = "Harbour news", **off: object) -> None:
    """The short story is the text, not the rail of teasers; with the rule off, it is not."""
    text = extract_generic(html, URL).text
    assert STORY[0] in text
    assert teaser not in text
    without = replace(DEFAULT_OPTIONS, **off)
    assert teaser in extract_generic(html, URL, options=without).text


def test_a_short_story_in_an_article_headed_by_the_title_is_read_as_an_article() -> None:
    """No date the reader's markup names (neither metadata nor <time>): the story's own
    <article> with the title as its heading says it is one story, not a section's teasers."""
    html = (
        f"<html><head><title>{TITLE}</title></head><body><article><h2>{TITLE}</h2>"
        f"<div class='copy'>{paragraphs(STORY[:4])}</div></article>{TEASER_RAIL}</body></html>"
    )
    assert_read_as_article(html, headed_article_is_article=False)


UP_NEXT = (
    "<div class='up-next'><h3>Up next</h3><a href='/video/99'>Harbour news 99: the ferry "
    "timetable for the spring and the new summer fares for families</a></div>"
)


def test_a_short_caption_under_its_title_keeps_the_list_beside_it_out() -> None:
    """Under `listing_article_trigger_chars` even a dated page is tried as a listing. A
    video's page: its caption of one sentence in the article its title heads; the list of
    other videos ("More videos") beside that article is other stories, not its text."""
    html = page(
        f"<div id='player'><article><h1>{TITLE}</h1><div class='copy'><p>{STORY[0]}</p></div>"
        "<div class='share'>Share this video: <a href='/fb'>Facebook</a> <a href='/mail'>Email"
        f"</a></div></article>{UP_NEXT}</div><div class='more-videos'>{TEASER_RAIL}</div>"
    )
    assert_read_as_article(html, headed_story_stays=False)


def test_a_list_around_the_box_its_title_heads_is_still_read_as_the_listing() -> None:
    """A calendar page's h1 and its line of introduction, its events below in the same
    column: the listing holds the headed box, so it is the page's content."""
    html = page(
        f"<div id='events'><div class='copy'><h1>Concerts on the quay this spring</h1>"
        f"<p>{STORY[0]}</p></div>{TEASER_RAIL}</div>"
    )
    assert "Harbour news" in extract_generic(html, URL).text


def test_a_short_story_under_its_h1_in_a_page_without_html5_markup_is_read_as_an_article() -> None:
    """A page of 2008: tables and divs, no <article>, no date in its markup. The h1 over the
    story's box is the page's title: one story, however short."""
    headline = f"{TITLE} on the quay"  # five words at least: a headline, not a category
    html = (
        f"<html><head><title>{headline} - Harbour Daily</title></head><body><table><tr><td>"
        f"<div id='story_detail'><h1>{headline}</h1><div id='story_body'>"
        f"{paragraphs(STORY[:4])}</div></div></td><td>{TEASER_RAIL}</td></tr></table>"
        "</body></html>"
    )
    # the headline over the text keeps it too (`headline_story_stays`): off, to see this rule
    assert_read_as_article(html, headed_text_is_article=False, headline_story_stays=False)


def test_a_definition_list_of_teasers_beside_the_story_stays_out() -> None:
    """Linked headlines as a definition list's terms, their blurbs as its descriptions ("More
    Manitoba headlines"): a list of teasers as `<li>` items are, not the story's text."""
    teasers = "".join(
        f"<dt><a href='/news/{index}'>Harbour ferry story number {index}</a></dt><dd>The "
        "council said the ferry would run again from Monday after the repairs.</dd>"
        for index in range(3)
    )
    html = page(
        f"<div class='content'><div class='story'>{article_paragraphs()}"
        f"{paragraphs(STORY[:6])}</div><div class='more'><dl>{teasers}</dl></div></div>"
    )
    assert "ferry" not in extract_generic(html, URL).text
    without = replace(DEFAULT_OPTIONS, teaser_items_in_definition_lists=False)
    assert "ferry" in extract_generic(html, URL, options=without).text


def headline_over_story(headline_markup: str, headline: str = f"{TITLE} on the quay") -> str:
    """A portal of 2012: the headline in a module of its own three boxes above the story's,
    no <article>, no date in the markup; the page's columns hold teaser rails."""
    return (
        f"<html><head><title>{headline}</title></head><body>"
        f"<div class='wrap'><div class='col primary'><div class='mod art-hd'><div class='bd'>"
        f"{headline_markup.format(headline)}<cite>Reuters - 1 hour 24 minutes ago</cite>"
        f"</div></div><div class='mod art-content'><div class='body'><div class='bd'>"
        f"{paragraphs(STORY[:4])}</div></div></div>{TEASER_RAIL}</div>"
        f"<div class='col secondary'>{TEASER_RAIL.replace('/news/', '/more/')}</div></div>"
        "</body></html>"
    )


@pytest.mark.parametrize(
    "headline_markup", ["<h1>{}</h1>", "<td><span class='hl'>{}</span></td>", "<b>{}</b>"]
)
def test_a_short_story_under_its_headline_keeps_the_pages_rails_out(headline_markup: str) -> None:
    """The title shown as a text of its own just above the story, however far up the boxes
    it sits and whatever its tag: the story stays, the rails of teasers are other stories."""
    assert_read_as_article(headline_over_story(headline_markup), headline_story_stays=False)


def test_a_section_pages_title_far_above_a_text_read_first_does_not_keep_it() -> None:
    """A section page named by a headline-long title: the text read first is a footer's
    paragraphs below the teasers, far from the title, so the teasers are still the page."""
    headline = f"{TITLE} and the other news"
    html = (
        f"<html><head><title>{headline}</title></head><body><h1>{headline}</h1>"
        f"{TEASER_RAIL}<div class='about'>{paragraphs(STORY[:3])}</div></body></html>"
    )
    text = extract_generic(html, URL).text
    assert "Harbour news 29" in text


def test_a_story_under_its_headline_keeps_its_own_list_the_listing_reading_holds() -> None:
    """What the listing reading adds lies in the story's own box (its list of earlier
    episodes, which the first reading leaves out as links): the listing reading stays."""
    episodes = TEASER_RAIL.replace("Harbour news", "Earlier episode")
    rails = TEASER_RAIL.replace("/news/", "/more/")
    html = (
        headline_over_story("<h1>{}</h1>")
        .replace(TEASER_RAIL, "")
        .replace(rails, "<a href='/more/1'>Harbour news 1: the ferry timetable</a>")
        .replace(f"{paragraphs(STORY[:4])}</div>", f"{paragraphs(STORY[:4])}{episodes}</div>", 1)
    )
    text = extract_generic(html, URL).text
    assert STORY[3] in text and "Earlier episode 29" in text


@pytest.mark.parametrize(
    "intro",
    [
        [STORY[0]],  # one short line
        [STORY[0][:120], STORY[1][:120]],  # two lines, under `headline_story_min_chars`
        [" ".join(STORY[:3])],  # long enough, one line (`headline_story_min_lines`)
    ],
)
def test_an_introduction_under_a_calendars_headline_is_no_story_to_keep(intro: list[str]) -> None:
    """Lines of introduction under the page's title, the events in the column beside: too
    little text (`headline_story_min_lines`, `headline_story_min_chars`) to be a story."""
    headline = "Concerts on the quay this spring"
    html = (
        f"<html><head><title>{headline}</title></head><body><table><tr><td><div class='hd'>"
        f"<div class='bd'><h1>{headline}</h1></div></div><div class='content'><div class='body'>"
        f"<div class='intro'>{paragraphs(intro)}</div></div></div></td><td>{TEASER_RAIL}</td>"
        "</tr></table></body></html>"
    )
    assert "Harbour news 29" in extract_generic(html, URL).text


def test_a_title_of_four_words_is_no_headline_to_keep_a_story_by() -> None:
    """A section's name is short ("Latest Harbour Sports News"); a headline has
    `headline_story_min_words` words."""
    html = headline_over_story("<h1>{}</h1>", headline="Latest Harbour Sports News")
    assert "Harbour news" in extract_generic(html, URL).text


def test_a_headline_linking_to_another_page_is_a_teaser_not_the_storys() -> None:
    html = headline_over_story("<h2><a href='/news/elsewhere'>{}</a></h2>")
    assert "Harbour news" in extract_generic(html, URL).text


def test_a_short_post_its_blog_engine_marks_as_one_post_is_read_as_an_article() -> None:
    """No date in the markup, the <title> and h1 give the blog's name, not the post's: the
    engine's body class ("single-post postid-7177") says the page is one post."""

    def blog_page(body_class: str) -> str:
        return (
            f"<html><head><title>Harbour Blog</title></head><body class='{body_class}'>"
            f"<h1>Harbour Blog</h1><div class='item'><h3>{TITLE}</h3>"
            f"<div class='copy'>{paragraphs(STORY[:4])}</div></div>{TEASER_RAIL}</body></html>"
        )

    assert_read_as_article(
        blog_page("single single-post postid-7177 single-format-standard"),
        single_post_body_class=False,
    )
    assert "Harbour news" in extract_generic(blog_page("home blog"), URL).text


@pytest.mark.parametrize(
    "marker",
    [
        "class='entry-type-post' id='entry-6a00d8345'",  # TypePad
        "class='entry-wrap' id='entry-6a00d8345'",  # TypePad, older
        "class='post-7177 type-post status-publish hentry'",  # WordPress
        "class='postbox' id='post-106457'",  # WordPress, older themes
        "class='h-entry'",  # microformats 2
    ],
)
def test_a_short_post_in_the_pages_only_blog_entry_is_read_as_an_article(marker: str) -> None:
    """Blog engines and microformats mark each post: the text in the page's only one is a
    post's own page; a front page marks one entry per teaser."""
    entry = f"<div {marker}><h3>{TITLE}</h3><div class='copy'>{paragraphs(STORY[:4])}</div></div>"
    html = (
        "<html><head><title>Harbour Blog</title></head><body><div id='alpha'>"
        f"{entry}</div><div id='beta'>{TEASER_RAIL}</div></body></html>"
    )
    # the page's only marked post, read alone over the rail, keeps the story too: both go off
    assert_read_as_article(html, single_entry_is_article=False, marked_post_read_alone=False)
    front = html.replace(entry, entry + entry)
    assert "Harbour news" in extract_generic(front, URL).text


@pytest.mark.parametrize(
    "box", ["<div class='contentBlock article'>", "<div id='permalink'>", "<div class='story'>"]
)
def test_a_short_story_in_the_pages_only_box_named_as_a_story_is_read_as_an_article(
    box: str,
) -> None:
    # the <body>'s class names the kind of page ("story" on every page of a news site)
    html = (
        "<html><head><title>Harbour Daily</title></head><body class='story'><div id='wide'>"
        f"{box}<h3>{TITLE}</h3><div class='text'>{paragraphs(STORY[:4])}</div></div>"
        f"</div><div id='rail'>{TEASER_RAIL}</div></body></html>"
    )
    assert_read_as_article(html, single_story_box_is_article=False)


def test_teasers_with_blurbs_under_the_text_do_not_widen_the_container() -> None:
    """ "More stories": list items each holding a linked headline and a one-sentence blurb
    are prose of other pages; the container stays the text's own box."""
    teasers = "".join(
        f"<li><h3><a href='/news/{index}'>Ferry fares to rise in spring</a></h3>"
        f"<p>Story {index}: the operator says tickets on the north crossing will cost more "
        "from April, and the council wants a discount for residents.</p></li>"
        for index in range(2)
    )
    html = story_page(
        f"<div class='layout'><div class='story-body'><h1>{TITLE}</h1>"
        f"{paragraphs(STORY[:8])}</div><div class='top-index'><h2>Local</h2>"
        f"<ul>{teasers}</ul></div></div>"
    )
    text = extract_generic(html, URL).text
    assert all(part in text for part in STORY[:8])
    assert "Story 0" not in text
    # the cards closing the text also end it as a rail (`card_rails_end_text`): off too
    without = replace(DEFAULT_OPTIONS, climb_skips_teaser_lists=False, card_rails_end_text=False)
    assert "Story 0" in extract_generic(html, URL, options=without).text
    wider = replace(DEFAULT_OPTIONS, climb_skips_teaser_lists=False)
    assert "Story 0" not in extract_generic(html, URL, options=wider).text


def test_a_link_classed_as_an_article_is_no_second_story_box() -> None:
    """A tab bar's `<a class="article">` link is no box that could hold a story: the text's
    `<div class="article">` is still the page's only one."""
    html = (
        "<html><head><title>Harbour Daily</title></head><body><div id='wide'>"
        "<div class='tabs'><a class='article' href='/bridge'>Article</a> "
        "<a class='comments' href='/bridge#comments'>Comments</a></div>"
        f"<h3>{TITLE}</h3><div class='article'><div class='text'>{paragraphs(STORY[:4])}</div>"
        f"</div></div><div id='rail'>{TEASER_RAIL}</div></body></html>"
    )
    assert_read_as_article(html, story_box_links_skipped=False)


def test_a_box_named_as_a_story_far_above_the_text_says_nothing() -> None:
    # a forum or a shop names its whole column "post" or "article": the text sits deep in it
    html = (
        "<html><head><title>Harbour Forum</title></head><body><div class='post'><div><div>"
        f"<div><div class='md'>{paragraphs(STORY[:4])}</div></div></div></div>"
        f"{TEASER_RAIL}</div></body></html>"
    )
    assert "Harbour news" in extract_generic(html, URL).text


def test_a_short_story_in_the_pages_only_box_classed_as_a_story_text_is_read_as_an_article() -> (
    None
):
    def text_page(boxes: int) -> str:
        box = f"<div class='articleBody'>{paragraphs(STORY[:4])}</div>"
        return (
            "<html><head><title>Harbour Daily</title></head><body><div id='wide'><div>"
            f"<h3>{TITLE}</h3>{box * boxes}</div></div><div id='rail'>{TEASER_RAIL}</div>"
            "</body></html>"
        )

    assert_read_as_article(text_page(1), single_text_box_is_article=False)
    assert "Harbour news" in extract_generic(text_page(2), URL).text  # one per teaser


def roundup_items(count: int, link_text: str, comment: str = "") -> str:
    """A post's roundup of links: list items each holding a link elsewhere (`link_text`
    formatted with the item's index) and an optional line of comment after it."""
    return "".join(
        f"<li><a href='https://elsewhere.example/{index}'>{link_text.format(index=index)}</a>"
        f"{comment}</li>"
        for index in range(count)
    )


def assert_rule_keeps_out(html: str, kept: str, left_out: str, **rule_off: object) -> None:
    """The text holds `kept` and not `left_out`; with the rule off, `left_out` is read."""
    text = extract_generic(html, URL).text
    assert kept in text
    assert left_out not in text
    assert left_out in extract_generic(html, URL, options=replace(DEFAULT_OPTIONS, **rule_off)).text


def test_a_marked_post_that_is_a_roundup_of_links_is_read_alone_not_the_blogroll() -> None:
    """A post whose text is a list of links ("Reading for a rainy day") reads as a listing;
    the page marks it as its only post, so the blogroll beside it is not what is read."""
    roundup = roundup_items(6, "Harbour reading {index}: the ferry timetable explained")
    blogroll = "".join(
        f"<li><a href='https://blog{index}.example/'>Friendly blog number {index}: notes on "
        "sailing, tides and the history of the harbour towns</a></li>"
        for index in range(40)
    )
    html = (
        "<html><head><title>Reading for a rainy day</title></head><body><div id='main'>"
        "<div class='post-7177 type-post hentry'><h2>Reading for a rainy day</h2>"
        f"<div class='entry'><ul>{roundup}</ul><p>Plus a <a href='/x'>new column</a>.</p>"
        f"</div></div></div><div id='rail'><h3>Blogroll</h3><ul>{blogroll}</ul></div>"
        "</body></html>"
    )
    assert_rule_keeps_out(html, "Harbour reading 5", "Friendly blog", marked_post_read_alone=False)


def test_a_listing_reading_outside_the_pages_only_marked_post_is_its_sidebar() -> None:
    """With the post's own text too short for a listing reading of it to gain, the rail's
    teasers outside it still do not replace the text read first."""
    entry = (
        "<div class='post-7177 type-post hentry'><h3>Harbour notes</h3>"
        f"<div class='copy'>{paragraphs(STORY[:4])}</div></div>"
    )
    html = (
        "<html><head><title>Harbour Blog</title></head><body><div id='alpha'>"
        f"{entry}</div><div id='beta'>{TEASER_RAIL}</div></body></html>"
    )
    assert_read_as_article(html, marked_post_read_alone=False, single_entry_is_article=False)
    only_entry_off = replace(DEFAULT_OPTIONS, single_entry_is_article=False)
    text = extract_generic(html, URL, options=only_entry_off).text
    assert STORY[0] in text and "Harbour news" not in text


def test_a_static_page_marked_as_an_entry_is_no_post() -> None:
    # WordPress marks its static pages (a landing page) `hentry` too
    html = (
        "<html><head><title>Harbour Blog</title></head><body><div id='alpha'>"
        f"<div class='page type-page hentry' id='post-9'><h3>{TITLE}</h3>"
        f"<div class='copy'>{paragraphs(STORY[:4])}</div></div></div>"
        f"<div id='beta'>{TEASER_RAIL}</div></body></html>"
    )
    assert "Harbour news" in extract_generic(html, URL).text


def test_a_collection_page_whose_h1_names_its_category_is_still_read_as_a_listing() -> None:
    html = (
        "<html><head><title>Ferry Tickets</title></head><body><div id='category'>"
        f"<h1>Ferry Tickets</h1><div class='intro'>{paragraphs(STORY[:2])}</div>{TEASER_RAIL}"
        "</div></body></html>"
    )
    assert_kept_as_listing_by_its_guard(html, "Harbour news", headed_text_min_words=0)


MENU_ITEMS = ("News", "Sport", "Weather", "Business", "Local Events", "Photos")
SECTION_MENU = "<div class='col'>{}</div>".format(
    "".join(
        "<ul>{}</ul>".format(
            "".join(
                f"<li><a href='/{area}/{item}'>{area.title()} {item}</a></li>"
                for item in MENU_ITEMS
            )
        )
        for area in ("harbour", "county", "coast", "valley", "island", "river", "bay", "hill")
    )
)


def test_a_short_story_does_not_fall_to_the_listing_reading_for_its_site_menus() -> None:
    """No article markup, no h1: the listing reading is longer only by the site's menus (links
    of a word or three), which no listing's teaser is."""
    html = (
        f"<html><head><title>{TITLE}</title></head><body>{SECTION_MENU}"
        f"<div id='copy'><p><b>{TITLE}</b></p>{paragraphs(STORY[:3])}</div></body></html>"
    )
    assert_read_as_article(html, "Harbour Weather", listing_gain_skips_menus=False)


def test_a_home_page_of_menus_and_a_copyright_line_is_read_as_its_menus() -> None:
    html = (
        "<html><head><title>Harbour Art Supplies</title></head><body>"
        f"{SECTION_MENU}<p>© 2026 Harbour Art Supplies Ltd. All rights reserved.</p>"
        "</body></html>"
    )
    assert_kept_as_listing_by_its_guard(html, "Harbour Weather", listing_story_min_chars=0)


def assert_kept_as_listing_by_its_guard(html: str, teaser: str, **unguarded: object) -> None:
    """The listing reading holds `teaser`; without the rule's guard, the short text wins."""
    assert teaser in extract_generic(html, URL).text
    without = replace(DEFAULT_OPTIONS, **unguarded)
    assert teaser not in extract_generic(html, URL, options=without).text


def test_a_long_quote_with_its_source_line_does_not_keep_the_posts_text_out() -> None:
    """A blog post quoting a long passage: the quote's <cite> line adds a little noise and no
    prose, which alone must not stop the container at the quote."""
    quote = " ".join(STORY[:8])
    html = story_page(
        "<div class='entry-content'><p>Our village learned this week what the council plans for "
        "the bridge.</p>"
        f"<blockquote><p>{quote}</p><p><a href='/council'>Harbour council</a></p></blockquote>"
        "<p>So the ferry it is, for the whole of the summer and probably the autumn.</p>"
        "<p>We will post the new timetable here as soon as the council sends it.</p></div>"
        "<div class='sidebar'><a href='/a'>Archive</a> <a href='/b'>About</a></div>"
    )
    text = extract_generic(html, URL).text
    assert quote in text
    assert "So the ferry it is" in text and "new timetable" in text
    without = replace(DEFAULT_OPTIONS, climb_quiet_wrapper_noise=0.0)
    assert "new timetable" not in extract_generic(html, URL, options=without).text


def test_a_caption_outside_a_figure_is_not_text() -> None:
    """An image box of divs with its <figcaption> (no <figure> around it): the caption is the
    picture's, not a paragraph of the story."""
    caption = "The swing bridge seen from the ferry pier on Tuesday (Reuters/Jane Doe)"
    html = story_page(
        f"<article><div class='visual'><img src='/bridge.jpg' alt=''><figcaption>{caption}"
        f"</figcaption></div>{paragraphs(STORY)}</article>"
    )
    assert_caption_out(html, caption, stray_captions_skipped=False)


def assert_caption_out(html: str, caption: str, **off: object) -> None:
    """The story is whole and the picture's caption is not in it; with the rule off, it is."""
    text = extract_generic(html, URL).text
    assert all(part in text for part in STORY)
    assert caption not in text
    without = replace(DEFAULT_OPTIONS, **off)
    assert caption in extract_generic(html, URL, options=without).text


CAPTION = "The harbour council's chair on the quay, where the ferries will land from March."


def test_a_plain_line_under_a_picture_saying_its_alt_text_is_its_caption() -> None:
    """A CMS of 2010: the picture's box, then its caption as a bare <div>, with no class and
    no credit to tell it from a paragraph, save that the picture's alt text says it too."""
    picture = f"<div class='pic'><img src='/chair.jpg' alt=\"{CAPTION}\"></div>"
    html = story_page(
        f"<article><div class='media'>{picture}<!-- caption --><div>{CAPTION}</div></div>"
        f"{paragraphs(STORY)}</article>"
    )
    assert_caption_out(html, CAPTION, alt_echo_captions_skipped=False)


@pytest.mark.parametrize(
    "layout",
    [
        # the author described the picture with the sentence over it
        f"{{story}}<p>{CAPTION}</p><figure><img src='/chair.jpg' alt=\"{CAPTION}\"></figure>",
        # a teaser: its linked thumbnail's alt is the headline under it
        f"{{story}}<div class='teaser'><div><a href='/news/chair'><img src='/chair.jpg' "
        f'alt="{CAPTION}"></a></div><div>{CAPTION}</div></div>',
    ],
)
def test_a_line_saying_a_pictures_alt_text_over_it_or_under_a_link_stays(layout: str) -> None:
    html = story_page(f"<article>{layout.format(story=paragraphs(STORY))}</article>")
    assert CAPTION in extract_generic(html, URL).text


def test_a_caption_named_in_german_or_french_is_not_text() -> None:
    """ "Legende", "légende", "Bildunterschrift": the caption's name in the site's language."""
    caption = "Der Hirschkäfer (Lucanus cervus) lebt in lichten Wäldern mit viel Totholz am Boden."
    for name in ("legend", "bildunterschrift"):
        html = story_page(
            f"<article><div class='image-right'><img src='/kaefer.jpg' alt=''>"
            f"<div class='{name}'><div class='content'>{caption}</div></div></div>"
            f"{paragraphs(STORY)}</article>"
        )
        text = extract_generic(html, URL).text
        assert all(part in text for part in STORY)
        assert caption not in text


def test_a_wrapper_named_like_navigation_holding_a_cjk_story_is_walked() -> None:
    """ "blq-int-nav" names the whole page's wrapper; its CJK paragraphs are short in characters
    but long in what they say, and they keep the wrapper walked."""
    story = [
        f"港口委员会第{n}次会议星期二晚上在市政厅举行，委员们根据工程师的报告决定关闭旧桥进行维修，"
        "渡轮将在维修期间加开班次。"
        for n in range(1, 7)
    ]
    html = page(
        f"<div class='blq-container blq-int-nav'><article>{paragraphs(story)}</article></div>"
    )
    walked = walk_page(parse_html(html), URL, False, False, DEFAULT_OPTIONS)
    assert all(any(part == block.text for block in walked.blocks) for part in story)
    without = replace(DEFAULT_OPTIONS, guard_weighs_cjk=False)
    walked = walk_page(parse_html(html), URL, False, False, without)
    assert not any(part == block.text for block in walked.blocks for part in story)


def test_short_cjk_paragraphs_opening_the_text_are_no_stubs() -> None:
    """Unspaced, a CJK paragraph is one "word": the opening ones are not cut as bylines."""
    opening = [
        f"港口委员会第{n}次会议星期二晚上在市政厅举行，委员们决定关闭旧桥进行维修。" for n in (1, 2)
    ]
    story = [
        "工程师的报告指出，旧桥的轴承已经严重老化，如果不尽快维修，桥梁在冬季风暴中可能"
        f"无法安全转动，因此委员会决定从下个月开始关闭旧桥，预计维修工程需要{n}个月。"
        for n in range(3, 7)
    ]
    html = story_page(f"<article>{paragraphs(opening + story)}</article>")
    text = extract_generic(html, URL).text
    assert all(part in text for part in opening + story)
    without = replace(DEFAULT_OPTIONS, cjk_stub_words=False)
    assert opening[0] not in extract_generic(html, URL, options=without).text


SHORT_POST = [
    "„I know I am drunk and should perhaps not say this to you, but here it goes…“",
    "– „Then do not.“",
    "– „Ok.“",
]
TWEET = (
    "At the start of every action film they should all shoot each other at once, and then "
    "show nice landscapes for the rest of it."
)


def short_post_page(sidebar: str) -> str:
    post = "".join(f"<p>{line}</p>" for line in SHORT_POST)
    return page(
        f"<div id='content'><div class='post hentry' id='post-406'><h2 class='posttitle'>"
        f"{TITLE}</h2><p class='meta'>14 June 2013 at 20:51</p>{post}</div></div>"
        f"<div id='sidebar'><ul><li class='widget widget_twitter'><h2>Twitter</h2>"
        f"<ul class='tweets'><li>{sidebar}</li></ul></li></ul></div>"
    )


def test_a_short_post_under_its_title_is_not_replaced_by_a_sidebar_tweet() -> None:
    """A three-line post under its h2 headline: the last-resort walk through boilerplate finds
    a longer tweet in the sidebar, which must not replace the post."""
    html = short_post_page(TWEET)
    text = extract_generic(html, URL).text
    assert SHORT_POST[0] in text
    assert TWEET not in text
    without = replace(DEFAULT_OPTIONS, relaxed_keeps_headed_text=False)
    assert TWEET in extract_generic(html, URL, options=without).text


def test_an_article_long_text_in_boilerplate_still_replaces_a_short_headed_one() -> None:
    """The page's whole story in a box named like boilerplate outweighs a line under the
    headline: the guard keeps only a text against shorter finds."""
    html = short_post_page(" ".join(LONG_PARAGRAPHS))
    assert LONG_PARAGRAPHS[0][:60] in extract_generic(html, URL).text


def test_links_jumping_within_the_page_are_navigation_not_text() -> None:
    # skip links around an embed (accessibility), a "back to top" link after the text
    embed = (
        "<div class='embed'><a href='#embed-1-after'>Embedded content from another site follows. "
        "You can skip it here.</a><div class='frame'><iframe src='https://e.example/1'></iframe>"
        "</div><a id='embed-1-after' href='#embed-1-before'>Go back before the embedded "
        "content.</a></div>"
    )
    html = story_page(
        f"<div class='story'>{paragraphs(STORY[:3])}{embed}{paragraphs(STORY[3:6])}"
        "<div class='to-top'><a href='#top'>Back to the top of this page</a></div></div>"
    )
    text = extract_generic(html, URL).text
    assert all(part in text for part in STORY[:6])
    assert "skip it here" not in text
    assert "Back to the top" not in text
    without = replace(DEFAULT_OPTIONS, skip_jump_links=False)
    assert "skip it here" in extract_generic(html, URL, options=without).text


def test_in_page_links_in_running_text_lists_and_footnotes_stay() -> None:
    contents = "<ul><li><a href='#results'>Results of the vote on the bridge</a></li></ul>"
    preformatted = "<pre>Bearings MUST be checked as per <a href='#ref-iso'>[ISO]</a> yearly.</pre>"
    note = f"<p>{STORY[0]}<sup><a href='#fn1'>1</a></sup></p>"
    html = story_page(
        f"<div class='story'>{note}{paragraphs(STORY[1:3])}{contents}{paragraphs(STORY[3:5])}"
        f"{preformatted}</div>"
    )
    text = extract_generic(html, URL).text
    assert "Results of the vote on the bridge" in text
    assert "as per [ISO] yearly" in text
    assert f"{STORY[0]}1" in text or f"{STORY[0]} 1" in text


def test_boxes_marked_for_search_engines_as_no_content_are_not_text() -> None:
    # a column of recent posts, each a linked headline and a summary sentence, beside the story
    recent = "".join(
        f"<div class='entry'><h5><a href='/p/{index}'>Recent post {index}</a></h5>"
        f"<p class='summary'>Summary {index}: the council's new plan for the quay and what "
        "it means for the ferry timetable this winter.</p></div>"
        for index in range(6)
    )
    html = story_page(
        f"<div class='wrap'><div class='story'>{paragraphs(STORY[:4])}</div>"
        f"<div class='box module nocontent'>{recent}</div></div>"
    )
    text = extract_generic(html, URL).text
    assert STORY[3] in text
    assert "Summary 2" not in text
    without = replace(DEFAULT_OPTIONS, nocontent_boxes_skipped=False)
    assert "Summary 2" in extract_generic(html, URL, options=without).text


def test_a_text_printed_twice_by_its_template_is_kept_once() -> None:
    """teenvogue's template of 2015 prints the story, a pull line, then the story again."""
    story = article_paragraphs()
    html = page(
        f"<article><h1>{TITLE}</h1>{story}<p>We're all marine scientists now!</p>{story}</article>"
    )
    text = extract_generic(html, URL).text
    assert all(text.count(paragraph) == 1 for paragraph in LONG_PARAGRAPHS)
    without = replace(DEFAULT_OPTIONS, repeated_runs_dropped=False)
    twice = extract_generic(html, URL, options=without).text
    assert all(twice.count(paragraph) == 2 for paragraph in LONG_PARAGRAPHS)


def test_a_plans_recurring_parts_and_a_recurring_question_stay() -> None:
    """A meal plan's days share their lines: each run said again holds a small share of the
    text."""
    day = "<p>Breakfast: oatmeal with berries</p><p>Lunch: lentil salad with feta</p>"
    days = "".join(
        f"<h2>Day {n}</h2>{day}<p>On day {n} of the plan: {LONG_PARAGRAPHS[n % 2]}</p>"
        for n in range(1, 5)
    )
    intro = f"<p>{LONG_PARAGRAPHS[0]}</p>"
    html = page(f"<article><h1>{TITLE}</h1>{intro}{days}</article>")
    assert extract_generic(html, URL).text.count("Lunch: lentil salad with feta") == 4


def test_a_refrain_starts_no_run_and_a_long_text_printed_twice_is_kept_once() -> None:
    """A line said over and over (a forum's "Quote", a table's "Yes") is a refrain, not a text
    printed twice; runs are measured once each, so hostile pages of many thousand lines stay
    cheap."""
    from records.article import Block
    from transforms.generic.select import drop_repeated_runs

    refrain = [Block("Yes, that is right.") for _ in range(5000)]
    assert len(drop_repeated_runs(refrain, DEFAULT_OPTIONS)) == 5000
    lines = [Block(f"Line {n} of the minutes of the harbour council.") for n in range(10_000)]
    assert drop_repeated_runs(lines + lines, DEFAULT_OPTIONS) == lines


def recent_posts(count: int) -> str:
    """A sidebar's recent posts: each a linked headline over a paragraph of blurb."""
    return "".join(
        f"<li><h4><a href='/2024/03/post-{index}'>Harbour diary {index}</a></h4><p>Another "
        "week on the quay: the fishing fleet came in early, the gulls were loud, and the "
        "lighthouse keeper told us a story about the winter storm of nineteen sixty-two.</p>"
        "</li>"
        for index in range(count)
    )


def test_the_pages_only_text_box_is_read_alone_when_a_sidebar_outscores_it() -> None:
    """A post whose text is a roundup of links, each with a line of comment, in the page's
    only box named as a story's text (`entry-content`); the sidebar's recent posts, each a
    linked headline over a paragraph of blurb, read as more prose than the roundup."""
    roundup = roundup_items(
        8, "Ferry timetable change {index}", " – worth a look before the weekend crossings."
    )
    recent = recent_posts(6)
    html = (
        "<html><head><title>Harbour Quickies 10.29</title></head><body><div id='wrap'>"
        "<div class='main'><div class='post'><h2>Harbour Quickies 10.29</h2>"
        "<div class='entry-content'><p>On this day the harbour opened, in 1863.</p>"
        f"<ul>{roundup}</ul></div></div></div><div class='side'><div class='widget'>"
        f"<ul class='recent_posts'>{recent}</ul></div></div></div></body></html>"
    )
    assert_rule_keeps_out(
        html, "Ferry timetable change 7", "lighthouse keeper", text_box_read_alone=False
    )


def test_the_text_box_read_alone_leaves_out_the_furniture_named_inside_it() -> None:
    """A short post in the page's only `entry-content` box, above it the picture's caption box,
    the post's categories and its tags; the sidebar outscores the post, so the box is read
    alone: as a story's box, whose named furniture is no text, not as a listing."""
    recent = recent_posts(6)
    html = (
        "<html><head><title>Morning show: a hero in the studio</title></head><body>"
        "<div class='main'><div class='post'><h2>Morning show: a hero in the studio</h2>"
        "<div class='entry-content'><div class='entry-thumbnail'><img src='/hero.jpg'>"
        "<div class='wp-caption'><p>(Quayside Photography)</p></div></div>"
        "<div class='entry-category'><h5>Filed under</h5><a href='/category/morning' "
        "rel='category tag'>Morning Show</a>, <a href='/category/blogs' rel='category tag'>"
        "Station Blogs</a></div><div class='entry-tags'><h5>Related tags</h5><a href='/tag/a' "
        "rel='tag'>Harbour Heroes</a>, <a href='/tag/b' rel='tag'>Ferry Crew</a></div>"
        "<p>The hosts were thrilled to welcome a hero of the harbour into the studio, as the "
        "ferry's captain stopped by and was given the treatment she deserved.</p><p>She "
        "told them about the night crossing in the storm, the engine that failed at two in the "
        "morning and the crew who kept it going.</p><p>Listen to the whole interview below, "
        "and send us your own stories of the crossing.</p></div></div>"
        f"</div><div class='side'><div class='widget'><ul class='recent_posts'>{recent}</ul>"
        "</div></div></body></html>"
    )
    text = extract_generic(html, URL).text
    assert "hero of the harbour" in text and "lighthouse keeper" not in text
    assert "Quayside Photography" not in text and "Ferry Crew" not in text
    assert "Station Blogs" not in text
    listing = replace(DEFAULT_OPTIONS, text_box_alone_skips_named=False)
    assert "Ferry Crew" in extract_generic(html, URL, options=listing).text


def test_a_text_box_in_a_comment_thread_is_not_read_alone() -> None:
    """The only box named `postbody` is a comment's: the walk skips the thread, and the
    article read first stays."""
    html = page(
        f"<div class='story'><h1>{TITLE}</h1>{paragraphs(LONG_PARAGRAPHS)}</div>"
        "<div class='comments'><div class='postbody'><p>First! The new building looks great, "
        "and the aquarium tours will be a hit with the kids in town this spring.</p><p>My "
        "daughter studied fisheries there twenty years ago, in the old labs by the station, "
        "and she says the new dock alone will change what the students can do at sea.</p><p>"
        "Will the public tours include the research vessel, or only the aquarium? The page "
        "does not say, and the visitor centre did not answer the phone today.</p></div></div>"
    )
    on = replace(DEFAULT_OPTIONS, text_box_read_alone=True)
    text = extract_generic(html, URL, options=on).text
    assert LONG_PARAGRAPHS[1][:60] in text and "First!" not in text


def _paragraphs_with(body: str, *, custom_blocks: bool) -> list[str]:
    options = replace(DEFAULT_OPTIONS, custom_elements_as_blocks=custom_blocks)
    return extract_generic(page(body), URL, options=options).text.split("\n\n")


@pytest.mark.parametrize("custom_blocks", [True, False])
def test_custom_elements_holding_blocks_are_boxes(custom_blocks: bool) -> None:
    """A web-components page's sections (`<page-section>` holding a subheading and its text)
    are boxes as a `<div>` would be: their subheadings are the text's."""
    first, second = LONG_PARAGRAPHS
    body = (
        f"<main><h1>{TITLE}</h1><a href='/news'>Campus news</a>"
        f"<page-section><h2>A new home for marine science</h2><rich-text>{first}</rich-text>"
        f"</page-section><page-section><h2>Open to the public</h2><rich-text>{second}</rich-text>"
        "</page-section></main>"
    )
    paragraphs = _paragraphs_with(body, custom_blocks=custom_blocks)
    assert (paragraphs[0] == "A new home for marine science") is custom_blocks
    assert ("Open to the public" in paragraphs) is custom_blocks
    assert first in paragraphs and second in paragraphs


@pytest.mark.parametrize("custom_blocks", [True, False])
def test_custom_elements_holding_a_text_apart_are_paragraphs(custom_blocks: bool) -> None:
    first, second = LONG_PARAGRAPHS
    body = f"<article><h1>{TITLE}</h1><text-block>{first}</text-block><text-block>{second}</text-block></article>"
    paragraphs = _paragraphs_with(body, custom_blocks=custom_blocks)
    assert (paragraphs == [first, second]) is custom_blocks


@pytest.mark.parametrize(
    "line",
    [
        "<div>Posted <relative-time>3 hours ago</relative-time></div>",
        "<div><relative-time>3 hours ago</relative-time> by Jane Doe</div>",
        "<div><span>Updated</span><relative-time>today</relative-time></div>",
        "<p><relative-time>today</relative-time></p>",
    ],
)
def test_a_custom_element_in_a_line_of_text_stays_part_of_it(line: str) -> None:
    root = parse_html(f"<html><body>{line}</body></html>")
    read = custom_elements_as_blocks(root, owned=True)
    assert len(list(read.iter("relative-time"))) == 1


def test_svg_s_own_hyphenated_elements_are_no_custom_elements() -> None:
    root = parse_html(
        "<html><body><svg><font-face><p>x</p></font-face></svg><div><p>A paragraph.</p>"
        "<missing-glyph>g</missing-glyph></div></body></html>"
    )
    read = custom_elements_as_blocks(root, owned=True)
    assert len(list(read.iter("font-face", "missing-glyph"))) == 2


def test_a_custom_element_alone_among_blocks_is_a_line_of_its_own() -> None:
    root = parse_html(
        "<html><body><div><story-note>A note set apart</story-note><p>A paragraph.</p></div>"
        "</body></html>"
    )
    read = custom_elements_as_blocks(root, owned=True)
    assert not list(read.iter("story-note"))


def test_a_page_handed_over_parsed_keeps_its_custom_elements() -> None:
    """Read from a copy whose custom elements are boxes (the sections' subheadings are the
    text's), the tree handed over left as it is."""
    first, second = LONG_PARAGRAPHS
    root = parse_html(
        page(
            f"<main><h1>{TITLE}</h1><a href='/news'>Campus news</a>"
            f"<page-section><h2>Open to the public</h2><rich-text>{first}</rich-text>"
            f"<rich-text>{second}</rich-text></page-section></main>"
        )
    )
    article = extract_generic(root, URL)
    assert article.text.split("\n\n") == ["Open to the public", first, second]
    assert len(list(root.iter("page-section"))) == 1


BEM_LEAD = (
    "DUBLIN — Harbour engineers said on Tuesday that the marine building's seawater pumps now "
    "run on power from the solar farm on the estuary side of the campus."
)


def bem_layout(content_class: str) -> str:
    """A layout grid named for its sidebar, the text's first part alone in the headline's
    segment, the rest in segments cut apart by ad slots."""
    segment = (
        "<div class='sidebar-grid__container'><div class='sidebar-grid__content {kind}'>"
        "{text}</div></div><aside class='sidebar-grid__sidebar'><div class='ad'>Advertisement"
        "</div></aside>"
    )
    return page(
        "<article class='article'><div class='sidebar-grid'>"
        f"<div class='sidebar-grid__container'><header><h1>{TITLE}</h1></header>"
        f"<div class='sidebar-grid__content {content_class}'><p>{BEM_LEAD}</p></div></div>"
        "<aside class='sidebar-grid__sidebar'><div class='ad'>Advertisement</div></aside>"
        + segment.format(kind=content_class, text=two_long_paragraphs()) * 2
        + "</div></article>"
    )


@pytest.mark.parametrize("content_class", ["article__content", "c-story__body--wide"])
def test_a_text_segment_named_as_a_bem_element_is_walked_in_a_sidebar_named_grid(
    content_class: str,
) -> None:
    """Politico Europe's grid names every segment "sidebar-grid__content article__content":
    the short first one, under the headline, held too few paragraphs to outweigh "sidebar"."""
    html = bem_layout(content_class)
    alone = replace(DEFAULT_OPTIONS, walk_template_cousins=False)  # the name alone says it
    text = extract_generic(html, URL, options=alone).text
    assert BEM_LEAD in text
    assert_article(text)
    without = replace(alone, bem_content_names=False)
    text = extract_generic(html, URL, options=without).text
    assert BEM_LEAD not in text and LONG_PARAGRAPHS[0] in text


@pytest.mark.parametrize("name", ["related-post__content", "article__contents", "story__bodyguard"])
def test_other_names_ending_like_a_bem_text_are_no_text_name(name: str) -> None:
    """A teaser card's "related-post__content" in a sidebar is not the story's text."""
    alone = replace(DEFAULT_OPTIONS, walk_template_cousins=False)
    walk = walk_page(parse_html(bem_layout(name)), URL, False, False, alone)
    assert not any(BEM_LEAD in block.text for block in walk.blocks)
    walk = walk_page(parse_html(bem_layout("article__content")), URL, False, False, alone)
    assert any(BEM_LEAD in block.text for block in walk.blocks)


def test_a_short_segment_walks_as_its_cousins_do_in_the_same_template() -> None:
    """Segments of one text, each in its own wrapper of one template: the short first one,
    named like a sidebar as they all are, is walked because its longer cousins hold text."""
    html = bem_layout("segment-text")
    text = extract_generic(html, URL).text
    assert BEM_LEAD in text
    assert_article(text)
    without = replace(DEFAULT_OPTIONS, walk_template_cousins=False)
    text = extract_generic(html, URL, options=without).text
    assert BEM_LEAD not in text and LONG_PARAGRAPHS[0] in text


def test_a_short_box_named_like_a_sidebar_stays_out_when_no_cousin_holds_text() -> None:
    """The cousins are wrappers of the parent's tag and class: other boxes do not vouch."""
    html = bem_layout("segment-text").replace(
        "<div class='sidebar-grid__container'><header>", "<div class='hero'><header>"
    )
    assert BEM_LEAD not in extract_generic(html, URL).text
