"""The generic extractor on failure classes seen on unseen sites, one small hand-written page each.

Also: the entry point takes an already-parsed tree and metadata (one parse per page) and
leaves the tree as it found it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from transforms.generic import extract_generic, parse_html, settings
from transforms.generic.settings import DEFAULT_OPTIONS
from transforms.metadata import read_metadata

PROSE = "This sentence is long enough to count as article prose in the generic extractor, surely."
CORPUS = Path("/work/shared/corpus")


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>A test page</title>{head}</head><body>{body}</body></html>"


def _article(extra: str = "", paragraphs: int = 4) -> str:
    text = "".join(f"<p>{PROSE} {i}</p>" for i in range(paragraphs))
    return _page(f"<nav><a href='/'>Home</a></nav><article>{text}{extra}</article>")


def test_a_parsed_tree_and_read_metadata_give_the_same_article_and_stay_unchanged() -> None:
    html = _article("<figure><img src='/a.jpg'><figcaption>A caption</figcaption></figure>")
    url = "https://x.example/a"
    tree = parse_html(html)
    before = etree.tostring(tree)
    from_tree = extract_generic(tree, url, metadata=read_metadata(tree, url))
    assert etree.tostring(tree) == before
    assert from_tree == extract_generic(html, url)
    assert extract_generic(tree, url) == from_tree  # metadata read when not given


def test_a_listing_page_of_linked_teasers_is_read_not_emptied() -> None:
    teasers = "".join(
        f"<div class='card'><h3><a href='/news/{i}'>Research team {i} wins a national award</a>"
        f"</h3><span class='post-meta'>12 May 2025</span></div>"
        for i in range(12)
    )
    page = _page(
        "<header><nav><a href='/'>Home</a><a href='/news'>News</a></nav></header>"
        f"<main><h1>Latest news</h1><div class='listing'>{teasers}</div></main>"
        "<footer><a href='/privacy'>Privacy</a></footer>"
    )
    text = extract_generic(page, "https://x.example/news").text
    assert all(f"Research team {i} wins" in text for i in range(12))
    assert "Privacy" not in text


def test_an_article_does_not_turn_into_a_listing() -> None:
    teasers = "".join(
        f"<li><a href='/n/{i}'>Another story headline number {i} for readers</a></li>"
        for i in range(10)
    )
    page = _page(
        f"<article>{''.join(f'<p>{PROSE} {i}</p>' for i in range(5))}</article>"
        f"<div class='more'><ul>{teasers}</ul></div>"
    )
    text = extract_generic(page, "https://x.example/story").text
    assert text.count(PROSE) == 5
    assert "Another story headline" not in text


def _intro_and_teasers(head: str) -> str:
    intro = "".join(f"<p>{PROSE} {i}</p>" for i in range(8))  # ~700 chars of prose
    teasers = "".join(
        f"<div class='card'><h3><a href='/n/{i}'>Department {i} opens a new research centre "
        f"on campus</a></h3><p>A short teaser for the story about department {i}</p></div>"
        for i in range(30)
    )
    return _page(f"<main><section>{intro}</section><section>{teasers}</section></main>", head)


def test_a_section_page_with_an_intro_is_read_as_its_teasers() -> None:
    # no article metadata: a few paragraphs above many teasers make a listing, not an article
    text = extract_generic(_intro_and_teasers(""), "https://x.example/news").text
    assert all(f"Department {i} opens" in text for i in range(30))


def test_a_page_declaring_an_article_keeps_its_text_not_the_teasers_beside_it() -> None:
    head = "<meta property='og:type' content='article'>"
    head += "<meta property='article:published_time' content='2025-05-12T08:00:00Z'>"
    text = extract_generic(_intro_and_teasers(head), "https://x.example/story").text
    assert text.count(PROSE) == 8
    assert "Department 3 opens" not in text


def test_table_rows_stay_whole_with_short_numeric_and_linked_cells() -> None:
    rows = "".join(
        f"<tr><td><a href='/p/{i}'>Lab {i}</a></td><td>{i * 7}</td><td>2.{i}%</td></tr>"
        for i in range(1, 5)
    )
    table = f"<table><tr><th>Group</th><th>Papers</th><th>Growth</th></tr>{rows}</table>"
    text = extract_generic(_article(table), "https://x.example/t").text
    lines = text.split("\n\n")
    assert "Group Papers Growth" in lines
    assert all(f"Lab {i} {i * 7} 2.{i}%" in lines for i in range(1, 5))


def test_a_layout_table_still_holds_paragraphs() -> None:
    cells = "".join(f"<p>{PROSE} {i}</p>" for i in range(4))
    page = _page(f"<table><tr><td><a href='/'>Home</a></td><td>{cells}</td></tr></table>")
    text = extract_generic(page, "https://x.example/l").text
    assert text.split("\n\n") == [f"{PROSE} {i}" for i in range(4)]


def test_every_cross_validated_tunable_is_an_extraction_option() -> None:
    crossval = pytest.importorskip("bench.crossval")
    for name in crossval.TUNABLES:
        assert hasattr(settings.DEFAULT_OPTIONS, name), name


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared extraction corpus not mounted here")
def test_listing_pages_of_the_corpus_are_not_emptied() -> None:
    from bench.extraction import load_groups

    pages = load_groups(CORPUS, ["wcxb"], {"listing"}).get("wcxb:listing", [])
    if not pages:
        pytest.skip("no wcxb listing pages in the corpus")
    empty = 0
    for page in pages:
        try:
            text = extract_generic(page.html, page.url).text
        except Exception:  # noqa: BLE001 - any refusal counts as empty here
            text = ""
        empty += len(text) < 100 <= len(page.gold)
    assert empty <= 0.1 * len(pages)


def test_a_block_hidden_by_a_utility_class_is_not_text() -> None:
    # a subscription pitch or sign-in box the page shows by script: class "hidden" / "d-none"
    pitch = (
        "<div class='premium-pitch hidden'><p>Unlimited online access to this paper and fifteen "
        "other news sites with one account, plus daily puzzles.</p></div>"
        "<div class='d-none'><p>Create an account or sign in to continue with your reading "
        "experience and enjoy additional articles.</p></div>"
    )
    text = extract_generic(_article(pitch), "https://x.example/a").text
    assert text.count(PROSE) == 4
    assert "Unlimited online access" not in text
    assert "Create an account" not in text


@pytest.mark.parametrize("hidden_class", ["hide-text", "text-hide"])
def test_an_editors_label_hidden_in_place_is_not_text(hidden_class: str) -> None:
    # a newsletter editor's label over a preformatted block, hidden by Bootstrap's class
    block = (
        f"<div class='preformatted-block'><label class='{hidden_class}' contenteditable='false'>"
        "Text within this block will maintain its original spacing when published</label>"
        "<pre>The quoted letter, as the reader set it out line by line.</pre></div>"
    )
    text = extract_generic(_article(block), "https://x.example/a").text
    assert "The quoted letter" in text
    assert "maintain its original spacing" not in text
    options = replace(DEFAULT_OPTIONS, skip_hidden_class=False)
    kept = extract_generic(_article(block), "https://x.example/a", options=options).text
    assert "maintain its original spacing" in kept


def test_a_teaser_box_linking_away_is_dropped_a_teaser_without_links_stays() -> None:
    standfirst = "<div class='article-teaser'><p>The council voted late on Monday night.</p></div>"
    box = (
        "<div class='teaser'><h3><a href='/other'>Firefighters protest outside parliament</a>"
        "</h3><p>Some four hundred firefighters protested against the plan on Friday.</p>"
        "<ul><li><a href='/a'>Vigil at parliament: 24 hours of protest | more</a></li>"
        "<li><a href='/b'>Four hundred firefighters protest | more</a></li></ul></div>"
    )
    paragraphs = [f"<p>{PROSE} {i}</p>" for i in range(4)]
    page = _page(
        f"<article>{standfirst}{''.join(paragraphs[:2])}{box}{''.join(paragraphs[2:])}</article>"
    )
    text = extract_generic(page, "https://x.example/a").text
    assert text.count(PROSE) == 4
    assert "The council voted late on Monday night." in text
    assert "Firefighters protest" not in text and "| more" not in text


def test_a_contact_or_sign_up_form_after_the_text_is_dropped() -> None:
    form = (
        "<form action='/contact'><h3>Contact us</h3>"
        "<p>Let us help! Call us or fill out this quick form and we will contact you soon.</p>"
        "<label>First name</label><input type='text' name='first'>"
        "<label>Tell us more</label><textarea name='more'></textarea></form>"
    )
    text = extract_generic(_article(form), "https://x.example/a").text
    assert text.count(PROSE) == 4
    assert "Let us help" not in text and "First name" not in text


def test_a_page_wide_form_still_holds_the_article() -> None:
    paragraphs = "".join(f"<p>{PROSE} {i}</p>" for i in range(12))
    page = _page(
        "<form action='/page.aspx'><input type='hidden' name='__VIEWSTATE' value='x'>"
        f"<input type='text' name='q'><div class='content'>{paragraphs}</div></form>"
    )
    text = extract_generic(page, "https://x.example/page.aspx").text
    assert text.count(PROSE) == 12


LEGAL_TEXT = " ".join(f"Legal notice {index}: all rights reserved." for index in range(40))
SIGN_UP_LABELS = [
    f"Receive our letter number {index}: the news of the association and its calls to act, "
    "two or three e-mails a month at most, never more than that"
    for index in range(8)
]


def _sign_up_form() -> str:
    fields = "".join(
        f"<div class='choice'><input type='checkbox' name='c{index}'><label>{label}</label></div>"
        for index, label in enumerate(SIGN_UP_LABELS)
    )
    return f"<form action='/join'><div><input type='email' name='mail'>{fields}</div></form>"


def test_a_long_sign_up_form_beside_a_short_article_is_not_its_text() -> None:
    # the form's labels run past `form_max_chars`; it holds no headline and little of the page
    paragraphs = "".join(f"<p>{PROSE} Part {index}.</p>" for index in range(4))
    story = f"<h1>The vote</h1><div class='main'>{paragraphs}</div>"
    page = _page(
        f"<article>{story}</article><div class='join'>{_sign_up_form()}</div>"
        f"<footer><p>{LEGAL_TEXT}</p></footer>"
    )
    text = extract_generic(page, "https://x.example/a").text
    assert PROSE in text and SIGN_UP_LABELS[0] not in text
    # the form's box goes as a sign-up box too: the form rule is seen with that rule off
    alone = replace(DEFAULT_OPTIONS, signup_boxes_skipped=False)
    assert SIGN_UP_LABELS[0] not in extract_generic(page, "https://x.example/a", options=alone).text
    off = replace(alone, unheaded_forms_skipped=False)
    assert SIGN_UP_LABELS[0] in extract_generic(page, "https://x.example/a", options=off).text


def test_the_last_resort_walk_skips_a_comment_form_too() -> None:
    # the post is one short line: the relaxed walk runs, and read the comment form's notes
    post = "<h1>A thought</h1><div class='post'><p>I know I should not post this now.</p></div>"
    page = _page(
        f"<div id='content'>{post}<div id='respond'>{_sign_up_form()}</div></div>"
        f"<footer><p>{LEGAL_TEXT}</p></footer>"  # the page shows more than the form
    )
    text = extract_generic(page, "https://x.example/a").text
    assert SIGN_UP_LABELS[0] not in text
    off = replace(DEFAULT_OPTIONS, relaxed_skips_forms=False, unheaded_forms_skipped=False)
    assert SIGN_UP_LABELS[0] in extract_generic(page, "https://x.example/a", options=off).text


LOGIN_MESSAGES = [
    f"Message {index}: you will receive an e-mail from us shortly with a link to confirm your "
    "registration; please follow it within twenty-four hours to finish signing up."
    for index in range(6)
]


def _login_dialog(names: str, inner: str = "") -> str:
    messages = "".join(
        f"<article class='message'><p>{text}</p></article>" for text in LOGIN_MESSAGES
    )
    return f"<div class='{names}'>{inner}<div class='panel'>{messages}</div></div>"


def test_a_login_dialog_of_paragraphs_is_not_the_article() -> None:
    # a video page: one paragraph of description, and a login layer's many messages
    story = f"<div class='item'><h1>US sport in times of crisis</h1><p>{PROSE} The leagues have stopped.</p></div>"
    page = _page(f"{_login_dialog('b-dialog x-dialog-login')}<main>{story}</main>")
    text = extract_generic(page, "https://x.example/a").text
    assert PROSE in text and LOGIN_MESSAGES[0] not in text
    off = replace(DEFAULT_OPTIONS, layers_skipped=False)
    assert LOGIN_MESSAGES[0] in extract_generic(page, "https://x.example/a", options=off).text


@pytest.mark.parametrize(
    ("names", "inner"),
    [
        ("article__body article-overlay-handle", ""),  # the article's own box, named for a layer
        ("modal-open", "<h1>The story shown in a modal</h1>"),  # a layer holding the headline
    ],
)
def test_a_layer_holding_the_article_is_still_walked(names: str, inner: str) -> None:
    page = _page(f"<div class='side'><p>{PROSE}</p></div>{_login_dialog(names, inner)}")
    assert LOGIN_MESSAGES[0] in extract_generic(page, "https://x.example/a").text


def test_a_page_wrapper_named_like_boilerplate_around_main_is_walked() -> None:
    # "l-wrapper gate-ad", "flex-wrap-footer": template names on the wrapper of the whole page
    short = "The agency said the quake struck at nine in the evening."  # short paragraphs only
    paragraphs = "".join(f"<p>{i}: {short}</p>" for i in range(8))
    page = _page(
        "<div class='l-wrapper gate-ad'><header><ul><li><a href='/'>Top</a></li>"
        "<li><a href='/s'>Society</a></li></ul></header>"
        f"<main><h1>Quake</h1><div>{paragraphs}</div></main></div>"
        f"<div class='notice'><p>{PROSE} We use this notice to tell readers about it.</p></div>"
    )
    text = extract_generic(page, "https://x.example/a").text
    assert text.count(short) == 8
    assert "Society" not in text


def test_text_set_in_a_figure_is_read_and_its_caption_is_not() -> None:
    # templates wrap tables and whole paragraphs in <figure>: the text must not be lost
    long_paragraph = " ".join(
        f"Glass beaker number {i} kept the coffee hot for {i + 10} minutes in the test."
        for i in range(5)
    )
    figure = (
        "<figure class='table-block'><div><p>"
        f"{long_paragraph}</p><table><tr><td>Clara</td><td>$100</td></tr></table></div>"
        "<figcaption>Photo: Jane Doe</figcaption></figure>"
        "<figure><img src='/p.jpg'><figcaption>A press on a counter</figcaption></figure>"
    )
    text = extract_generic(_article(figure), "https://x.example/a").text
    assert long_paragraph in text
    assert "Clara $100" in text
    assert "Jane Doe" not in text and "A press on a counter" not in text


def test_a_streamed_hidden_segment_holding_the_text_is_read() -> None:
    # React streams late server-rendered parts as <div hidden id="S:0">, swapped in by script
    paragraphs = "".join(f"<p>{PROSE} {i}</p>" for i in range(6))
    page = _page(
        "<main><h1>Index funds</h1><ul>"
        "<li>Index funds track major financial indexes, enabling broad market investment.</li>"
        "<li>Investing in index funds involves choosing an index and a low-cost fund.</li></ul>"
        "<template id='B:0'></template></main>"
        f"<div hidden id='S:0'><div class='prose'>{paragraphs}</div></div>"
        "<div hidden><p>Text hidden for good is still not read by the extractor here.</p></div>"
    )
    text = extract_generic(page, "https://x.example/a").text
    assert text.count(PROSE) == 6
    assert "hidden for good" not in text


def test_comment_tokens_of_highlighted_code_are_kept() -> None:
    code = (
        "<pre><code><span class='hljs-comment'># initialize the repository</span>\n"
        "git init\n<span class='token comment'># view the state of the repo</span>\n"
        "git status</code></pre>"
    )
    text = extract_generic(_article(code), "https://x.example/a").text
    assert "# initialize the repository" in text
    assert "# view the state of the repo" in text


def test_a_plain_list_after_the_last_paragraph_is_kept_a_linked_one_is_not() -> None:
    tail = (
        "<h3>Qualified teams</h3><ul><li>England (Group A): 10th appearance</li>"
        "<li>Ukraine (Group B): Third appearance</li><li>Spain (Group F): 11th</li></ul>"
        "<h3>More</h3><ul><li><a href='/a'>Scores</a></li><li><a href='/b'>Tables</a></li></ul>"
    )
    text = extract_generic(_article(tail), "https://x.example/a").text
    assert "Qualified teams" in text
    assert "England (Group A): 10th appearance" in text and "Spain (Group F): 11th" in text
    assert "Scores" not in text and "Tables" not in text


def test_an_indented_teaser_card_after_the_text_is_dropped() -> None:
    # pretty-printed markup: the whitespace between tags must not water down the link share
    pad = "\n" + " " * 40
    cards = "".join(
        f"<div class='teaser'>{pad}<div>{pad}<h2>{pad}<a href='/t/{i}'>Brand auf Pferdehof {i} "
        f"- fünf Verletzte</a>{pad}</h2>{pad}</div>{pad * 3}<div><p>Strohballen in der Scheune "
        f"hatten Feuer gefangen, sagte die Polizei.</p>{pad}</div>{pad * 4}</div>"
        for i in range(3)
    )
    text = extract_generic(
        _article(f"<div class='contentbox'>{cards}</div>"), "https://x.example/a"
    ).text
    assert text.count(PROSE) == 4
    assert "Pferdehof" not in text and "Strohballen" not in text


def test_a_newsletter_box_closing_the_text_is_dropped_with_its_lines() -> None:
    box = (
        "<div class='box'><h4>Newsletter</h4><p>The Morning</p>"
        "<p>The perfect start to the day with news from here and the world.</p></div>"
    )
    text = extract_generic(_article(box), "https://x.example/a").text
    assert text.count(PROSE) == 4
    assert "Newsletter" not in text and "The perfect start" not in text


@pytest.mark.parametrize(
    "call",
    [
        "Follow @nytimesworld for international breaking news and headlines.",
        "Follow @daxe and @warisboring on Twitter.",
    ],
)
def test_a_line_asking_to_follow_a_handle_closing_the_text_is_dropped(call: str) -> None:
    text = extract_generic(_article(f"<p>{call}</p>"), "https://x.example/a").text
    assert text.count(PROSE) == 4
    assert "Follow" not in text


def test_a_blogs_closing_line_asking_to_follow_its_writer_stays() -> None:
    """A "follow me" closes bloggers' own last paragraphs ("Now if you follow me on Twitter then
    you know who I like."), which their texts' golds keep."""
    call = "Now if you follow me on Twitter or Facebook then you know who I like."
    text = extract_generic(_article(f"<p>{call}</p>"), "https://x.example/a").text
    assert call in text


@pytest.mark.parametrize(
    "label",
    [
        "Compartir",
        "Udostępnij",
        "Paylaş",
        "Поделиться",
        "Publicidad",
        "Reklama",
        "Annons",
        "Iklan",
        "Kommentare",
        "Yorumlar",
        "Baca juga:",
        "Читайте также:",
        "Přečtěte si také:",
        "Citește și:",
        "Story continues below advertisement",
        "La suite après la publicité",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Chia sẻ",
        "Bình luận",
        "مشاركة",
        "التعليقات",
        "शेयर करें",
        "แชร์",
        "טוקבקים",
    ],
)
def test_sharing_advertising_and_reading_labels_of_more_languages_are_no_text(label: str) -> None:
    html = _article(f"<p>{label}</p><p>{PROSE} 9</p>")
    text = extract_generic(html, "https://x.example/a").text
    assert text.count(PROSE) == 5
    assert label.rstrip(":") not in text


@pytest.mark.parametrize(
    "label",
    [
        "Baca juga:",
        "Читайте также:",
        "Czytaj także:",
        "Läs också:",
        "Ayrıca okuyun:",
        "A lire aussi :",  # the capital À written without its accent, as older French sites do
        "Xem thêm:",
        "اقرأ أيضاً:",
        "קראו עוד:",
        "यह भी पढ़ें:",
        "อ่านเพิ่มเติม:",
    ],
)
def test_a_read_also_line_of_more_languages_is_no_text(label: str) -> None:
    teaser = f"<p>{label} <a href='/b'>Another story about the harbour and its ferries</a></p>"
    text = extract_generic(_article(teaser + f"<p>{PROSE} 9</p>"), "https://x.example/a").text
    assert text.count(PROSE) == 5
    assert "Another story" not in text


@pytest.mark.parametrize(
    "heading",
    [
        "À propos de l'auteur",
        "Sobre el autor",
        "Об авторе",
        "O autorze",
        "Yazar hakkında",
        "Deixe um comentário",
        "Dodaj komentarz",
        "Похожие статьи",
        "Artículos relacionados",
        "Gerelateerde artikelen",
        "Berita terkait",
        "Cele mai citite",
        "Les plus lus",
        "Tin liên quan",
        "مواضيع ذات صلة",
        "ข่าวที่เกี่ยวข้อง",
    ],
)
def test_an_author_box_comment_form_or_rail_heading_of_more_languages_ends_the_text(
    heading: str,
) -> None:
    bio = "<p>Jane Doe writes about harbours, ferries and the people who keep them running.</p>"
    text = extract_generic(_article(f"<h3>{heading}</h3>{bio}"), "https://x.example/a").text
    assert text.count(PROSE) == 4
    assert "writes about harbours" not in text


CHINESE_PARAGRAPHS = [
    "港口管理局周一宣布，老码头的改建工程将于下个月开始，预计持续十一周，期间渡轮将改在新码头停靠。",
    "管理局负责人表示，工程期间将增加两班渡轮，以减少乘客等候时间，并在码头设置临时候船区。",
    "附近商户对工程表示欢迎，但也担心施工期间客流减少，希望管理局能够提前公布详细的施工安排。",
    "据了解，老码头建于一九六三年，是本市最早的客运码头之一，上一次大规模维修是在二十年前。",
]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("<p>首页 / 图片 / 正文</p>", ""),
        ("<p>当前位置：<a href='/'>首页</a> &gt; <a href='/news'>新闻</a></p>", ""),
        ("", "<p>相关新闻：<a href='/b'>渡轮时刻表明年起调整</a></p>"),
        ("", "<p>分享到：</p>"),
        ("", "<p>【纠错】</p>"),
        ("", "<p>扫描上方二维码关注微信公众号</p>"),
        ("", "<p>関連記事</p>"),
        ("", "<p>관련기사</p>"),
    ],
)
def test_chinese_japanese_and_korean_page_furniture_is_no_text(before: str, after: str) -> None:
    """Breadcrumbs ("首页 / 图片 / 正文", "当前位置："), read-also labels with their full-width
    colon, share and report buttons, a QR code's call to scan it."""
    body = "".join(f"<p>{text}</p>" for text in CHINESE_PARAGRAPHS)
    html = _page(f"<article>{before}{body}{after}</article>")
    text = extract_generic(html, "https://x.example/a").text
    assert all(paragraph in text for paragraph in CHINESE_PARAGRAPHS)
    for furniture in ("首页", "当前位置", "相关新闻", "渡轮时刻表", "分享", "纠错", "二维码"):
        assert furniture not in text
    assert "関連記事" not in text and "관련기사" not in text


@pytest.mark.parametrize("marker", ["相关推荐", "猜你喜欢：", "関連記事", "많이 본 뉴스"])
def test_a_cjk_rail_heading_ends_the_text(marker: str) -> None:
    body = "".join(f"<p>{text}</p>" for text in CHINESE_PARAGRAPHS)
    rail = f"<h3>{marker}</h3><p>{CHINESE_PARAGRAPHS[0][:30]}又有新进展，渡轮公司宣布增加夜班航线。</p>"
    text = extract_generic(_page(f"<article>{body}{rail}</article>"), "https://x.example/a").text
    assert all(paragraph in text for paragraph in CHINESE_PARAGRAPHS)
    assert "夜班航线" not in text


def test_a_chinese_sentence_on_scanning_stays() -> None:
    sentence = "扫描电镜显示了病毒的结构。"
    body = "".join(f"<p>{text}</p>" for text in CHINESE_PARAGRAPHS)
    html = _page(f"<article>{body}<p>{sentence}</p></article>")
    assert sentence in extract_generic(html, "https://x.example/a").text


TEXT_GOES_ON = (
    "<p>It is not clear which countries are willing to sign up to it.</p>"
    "<p>Four years since the city offered to host the bank, its people may not have to worry "
    "about it just yet, officials said on Monday.</p>"
    "<p>Without a breakthrough in the talks the bank looks likely to remain an idea rather than "
    "a concrete step, for now at least.</p>"
)


@pytest.mark.parametrize("stays", [True, False])
def test_a_call_phrase_in_a_sentence_the_text_goes_on_after_cuts_nothing(stays: bool) -> None:
    """A sentence saying "willing to sign up to it" reads as a call to action; the text's own
    paragraphs after it say the text goes on, so nothing is cut there."""
    options = replace(DEFAULT_OPTIONS, tail_call_before_text_stays=stays)
    text = extract_generic(_article(TEXT_GOES_ON), "https://x.example/a", options=options).text
    assert ("looks likely to remain an idea" in text) is stays
    assert ("willing to sign up to it" in text) is stays


@pytest.mark.parametrize(
    "after",
    [
        "<p>For more stories like this, check our news page.</p>",  # short: a service line
        # a contact line holds an address, however long
        "<p>Write to Caroline Porter at caroline.porter@news.example and Kristina Peterson at "
        "kristina.peterson@news.example</p>",
        # a blurb set apart from the text's paragraphs
        "<p class='blurb'>You will also receive tips to improve your garden, strategies for the "
        "season and useful resources from around the web.</p>",
    ],
)
def test_a_call_closing_the_text_still_goes_with_the_lines_after_it(after: str) -> None:
    call = "<p>Get in touch with our news team by emailing us, or follow us on social media.</p>"
    text = extract_generic(_article(call + after), "https://x.example/a").text
    assert text.count(PROSE) == 4
    assert "Get in touch" not in text and after[after.index(">") + 1 : -4][:30] not in text


@pytest.mark.parametrize(
    "declaration",
    [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        # a template filled the encoding with the page's keywords and never closed it
        '<?xml version="1.0" encoding="harbour, ferry, council, strike" />\n',
    ],
)
def test_a_page_opening_with_an_xml_declaration_parses(declaration: str) -> None:
    html = declaration + _article()
    article = extract_generic(html, "https://x.example/a")
    assert article.title == "A test page"
    assert PROSE in article.text


def test_a_page_whose_head_holds_an_unknown_tag_keeps_its_text() -> None:
    """libxml2 keeps an unknown tag in the <head> (a 2008 ad server's `<mbox>`) with all that
    follows it: the page had no body. A browser ends the head there; so does the parse."""
    text = "".join(f"<p>{PROSE} {i}</p>" for i in range(4))
    html = (
        "<html><head><title>A test page</title><meta name='author' content='Jane Doe'>"
        f"<mbox><table><tr><td><h1>A test page</h1>{text}</td></tr></table></mbox></html>"
    )
    tree = parse_html(html)
    assert tree.find("body") is not None and tree.find("head").find("mbox") is None
    article = extract_generic(html, "https://x.example/a")
    assert f"{PROSE} 3" in article.text
    assert article.authors == ("Jane Doe",)


def test_a_title_never_closed_ends_at_its_line_not_at_the_end_of_the_page() -> None:
    """A file whose head was cut mid-tag: its <title> never closes, and lxml, as the standard
    says, reads the whole rest of the page as the title's text; the page had no body."""
    text = "".join(f"<p>{PROSE} {i}</p>" for i in range(4))
    html = (
        "<html><head><title>Harbour ferry strike ends\nobj.style.fontSize = size;\n</script>"
        f"</head><body><div class='story'><h2>Harbour ferry strike ends</h2>{text}</div>"
        "</body></html>"
    )
    article = extract_generic(html, "https://x.example/a")
    assert article.title == "Harbour ferry strike ends"
    assert f"{PROSE} 3" in article.text and "fontSize" not in article.text
    closed = html.replace("\nobj", "</title><script>\nobj")
    assert extract_generic(closed, "https://x.example/a").text == article.text


@pytest.mark.parametrize(
    "opening",
    [
        # a damaged file: its head cut into an <img>, whose rest closes the <html> tag
        '<html xmogo.jpg" alt="Press releases" width="145" /></a></td><td><table><tr><td>',
        "<html><head><title>A test page</title></head><BODY class='page'/>",
        "<html/><head><title>A test page</title></head><body>",
    ],
)
def test_a_self_closing_document_tag_opens_its_element(opening: str) -> None:
    """libxml2 reads `<html .../>` as an empty document and drops the whole page after it, and
    a `<body/>` leaves the page outside the body; a browser ignores the "/" of both."""
    text = "".join(f"<p>{PROSE} {i}</p>" for i in range(4))
    html = f"{opening}<div class='story'><h1>A test page</h1>{text}</div></body></html>"
    article = extract_generic(html, "https://x.example/a")
    assert f"{PROSE} 3" in article.text
    assert article.title == "A test page"


@pytest.mark.parametrize("end", ["</body></html>", "</html>", "</body>"])
def test_text_after_an_early_end_of_the_document_is_read(end: str) -> None:
    """A header include closing its own document before the article: a browser reads on into
    the same body; libxml2 dropped all after "</html>" and left all after "</body>" outside
    the body."""
    text = "".join(f"<p>{PROSE} {i}</p>" for i in range(4))
    html = (
        "<html><head><title>A test page</title></head><body><div class='masthead'>"
        f"<a href='/'>Home</a></div>{end}\n<html><head><title>A test page</title></head>"
        f"<body><div class='story'><h1>A test page</h1>{text}</div></body></html>"
    )
    article = extract_generic(html, "https://x.example/a")
    assert f"{PROSE} 3" in article.text


def test_a_notice_about_the_readers_browser_is_no_text() -> None:
    """A video page's two lines of story beside the template's browser notice, which reads as
    the longer prose: the notice is neither the text nor part of it, however long."""
    notice = (
        "This page is best viewed in an up-to-date web browser with style sheets (CSS) enabled. "
        "While you will be able to view the content of this page in your current browser, you "
        "will not be able to get the full visual experience. Please consider upgrading your "
        "browser software or enabling style sheets (CSS) if you are able to do so."
    )
    story = (
        "<p>People from all over the world are coming to the harbour to see the regatta.</p>"
        "<p>A couple from Idaho made a home-made movie about their trip to the coast.</p>"
    )
    html = _page(
        f"<div id='blq-mast'><p>{notice}</p></div><div class='story'><h1>A test page</h1>"
        f"{story}</div><p>We're sorry but you will need to enable Javascript to access all of "
        "the features of this site.</p>",
        head="<meta property='article:published_time' content='2024-03-08T10:00:00Z'>",
    )
    text = extract_generic(html, "https://x.example/a").text
    assert "home-made movie" in text
    assert "best viewed" not in text and "enable Javascript" not in text
    without = replace(DEFAULT_OPTIONS, browser_notices_dropped=False)
    assert "best viewed" in extract_generic(html, "https://x.example/a", options=without).text


COOKIE_BANNERS = [
    "Wir verwenden Cookies, um Inhalte zu personalisieren und die Zugriffe auf unsere Website zu "
    "analysieren. Durch die weitere Nutzung der Seite stimmen Sie der Verwendung von Cookies zu.",
    "This website uses cookies to improve your experience. By continuing to browse you agree to "
    "our cookie policy.",
    "Auf unserer Website werden Cookies gemäß unserer Datenschutzerklärung verwendet. Sie können "
    "die Einstellungen jederzeit ändern.",
]


@pytest.mark.parametrize("rule", [True, False])
def test_a_cookie_banner_set_in_the_text_is_no_text(rule: bool) -> None:
    """The site's cookie banner in boxes whose hashed classes say nothing, after the story:
    known by its words, the site's use of cookies and a call for consent, however long."""
    banners = "".join(f"<div class='c5e1d0a'><p>{line}</p></div>" for line in COOKIE_BANNERS)
    html = _article(f"<p>{PROSE} last</p>{banners}")
    options = replace(DEFAULT_OPTIONS, cookie_notices_dropped=rule)
    text = extract_generic(html, "https://x.example/a", options=options).text
    assert f"{PROSE} last" in text
    if rule:
        assert not any(banner[:40] in text for banner in COOKIE_BANNERS)
    else:
        assert COOKIE_BANNERS[0][:40] in text


def test_a_sentence_on_the_sites_cookies_asking_nothing_stays() -> None:
    """A privacy page's or a shop's own sentence about its cookies asks for no consent."""
    line = "We use cookies to remember what is in your basket between your visits to the shop."
    html = _article(f"<p>{PROSE} first</p><p>{line}</p><p>{PROSE} last</p>")
    assert line in extract_generic(html, "https://x.example/a").text


SCRIPT_SHOWING = (
    "var ie=document.all; var ns6=document.getElementById && !document.all; "
    "function positiontip(e) { if (enabletip) { var curX=(ns6)?e.pageX : event.clientX; } }"
)


def test_script_code_showing_as_text_is_no_text() -> None:
    """A web archive's copy whose <script> was cut: its code shows as a paragraph of text."""
    html = _article(f"<div>{SCRIPT_SHOWING}</div><p>{PROSE} last</p>")
    assert "document.all" not in extract_generic(html, "https://x.example/a").text
    without = replace(DEFAULT_OPTIONS, script_text_dropped=False)
    assert "document.all" in extract_generic(html, "https://x.example/a", options=without).text


@pytest.mark.parametrize(
    "markup",
    [
        # code the page shows on purpose
        f"<pre>{SCRIPT_SHOWING}</pre>",
        # a highlighter's lines, each a block of its own inside the code
        f"<code class='highlight'><div class='line'>{SCRIPT_SHOWING}</div></code>",
        f"<p>The tooltip script reads: <code>{SCRIPT_SHOWING}</code></p>",
        # prose about code: parentheses are no script's braces and semicolons
        "<p>A function (A) contains a function (B), which itself contains a function (C), "
        "and if (the outer one) returns, the inner ones are gone too.</p>",
        # two of a script's tokens (`script_text_min_tokens` is 3)
        "<p>Set var total = 0 before the loop and read window.name after it, then go on.</p>",
    ],
)
def test_code_shown_on_purpose_or_prose_about_code_stays(markup: str) -> None:
    html = _article(f"{markup}<p>{PROSE} last</p>")
    text = extract_generic(html, "https://x.example/a").text
    assert parse_html(f"<html><body>{markup}</body></html>").text_content().strip()[:30] in text


def test_script_text_needs_its_share_of_braces_semicolons_and_equals_signs() -> None:
    # three tokens in a long line of prose: under `script_text_min_punctuation`
    line = (
        "When document.title changes, window.name stays, and if (as here) nothing reloads the "
        "page, readers see the same headline for the rest of their visit to the harbour site."
    )
    html = _article(f"<p>{line}</p><p>{PROSE} last</p>")
    assert "document.title" in extract_generic(html, "https://x.example/a").text
    strict = replace(DEFAULT_OPTIONS, script_text_min_punctuation=0.0)
    assert "document.title" not in extract_generic(html, "https://x.example/a", options=strict).text


def test_a_video_players_fallback_asking_to_refresh_the_browser_is_no_text() -> None:
    line = "Try refreshing your browser, or tap here to see other videos from our team."
    html = _article(f"<p>{line}</p><p>{PROSE} last</p>")
    assert line not in extract_generic(html, "https://x.example/a").text
    without = replace(DEFAULT_OPTIONS, browser_notices_dropped=False)
    assert line in extract_generic(html, "https://x.example/a", options=without).text


@pytest.mark.parametrize(
    "note",
    [
        "A version of this article appeared in print on July 24, 2012, on page A4 of the New "
        "York edition with the headline: Harbour Ferry Strike Ends.",
        "Dow Jones Reprints: This copy is for your personal, non-commercial use only. To order "
        "presentation-ready copies for distribution to your colleagues, clients or customers, "
        "use the Order Reprints tool at the bottom of any article or visit www.djreprints.com",
        "Click to expand...",
        "You must log in or register to reply here.",
        "TrackBack URL for this entry: http://www.typepad.com/services/trackback/6a00e552e53bd2",
        "E-mail this to a friend",
        "The full article contains 339 words and appears in Press Association newspaper.",
        "Printer-friendly version",
        "Dieses Thema im Programm: Harbour Radio | Nachrichten | 20. April 2020 | 13:00 Uhr",
        "Bitte markieren Sie die entsprechenden Wörter im Text. Mit zwei Klicks melden Sie den "
        "Fehler der Redaktion.",
        "The comments to this entry are closed.",
        "Oops! Something went wrong while submitting the form.",
        "Article continues below this ad",
        "Advertisement - Page continues below",
        "tap here to see other videos from our team.",
        "Schriftgröße anpassen!",
        "More News Stories",
        "Read more by Robert Beckhusen",
        "Share your thoughts with friends.",
        "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of "
        "Service apply.",
        "Diese Audioversion wurde künstlich generiert. Mehr Informationen zu unserer "
        "Vorlesefunktion finden Sie hier.",
        "Ljuduppspelningen är AI-genererad. Felaktigheter kan förekomma.",
        "This audio was generated using artificial intelligence. Errors may occur.",
    ],
)
def test_a_publishers_service_line_is_no_text(note: str) -> None:
    html = _article(f"<p>{note}</p><p>{PROSE} last</p>")
    text = extract_generic(html, "https://x.example/a").text
    assert f"{PROSE} last" in text and note not in text
    without = replace(DEFAULT_OPTIONS, service_notes_dropped=False)
    assert note in extract_generic(html, "https://x.example/a", options=without).text


@pytest.mark.parametrize(
    "hint",
    [
        "(öffnet im neuen Fenster)",
        "(opens in a new tab)",
        "(Opens in new window)",
        "(öffnet eine Nachrichten-Website)",
        "(link is external)",
    ],
)
def test_a_links_hint_for_screen_readers_is_no_text(hint: str) -> None:
    """Set in a box whose hashed class hides it: the sentence keeps its link's words."""
    line = (
        f"The harbour board published <a href='https://board.example/report'>its report</a>"
        f"<span class='c9f8e7d'>{hint}</span> on Monday, a week before the vote."
    )
    html = _article(f"<p>{line}</p><p>{PROSE} last</p>")
    text = extract_generic(html, "https://x.example/a").text
    assert "published its report on Monday, a week before the vote." in text
    without = replace(DEFAULT_OPTIONS, screen_reader_hints_dropped=False)
    assert hint in extract_generic(html, "https://x.example/a", options=without).text


@pytest.mark.parametrize(
    "excerpt",
    [
        # a gallery's folded caption, its expander after the cut
        "<p>The harbour master and the mayor open the ferry terminal on Monday. The terminal "
        "is ... <span class='c1d2e3'>more</span></p>",
        # another story's excerpt and its link
        "<p>The regional board approved the plan to improve the habitats along the river "
        "im... <a href='/2024/river'>mehr lesen</a></p>",
        # ... the link on a line of its own
        "<p>Keeping the manuals and the code in step is one of the harder parts of every "
        "release …</p><p><a href='/2024/manuals'>Read More →</a></p>",
    ],
)
@pytest.mark.parametrize("dropped", [True, False])
def test_a_text_cut_short_before_its_more_link_is_no_text(excerpt: str, dropped: bool) -> None:
    html = _article(f"<p>{PROSE} first</p>{excerpt}<p>{PROSE} last</p>")
    options = replace(DEFAULT_OPTIONS, truncated_teasers_dropped=dropped)
    text = extract_generic(html, "https://x.example/a", options=options).text
    assert f"{PROSE} first" in text and f"{PROSE} last" in text
    assert any(words in text for words in ("ferry terminal", "habitats", "manuals")) is not dropped


@pytest.mark.parametrize(
    "line",
    [
        # ending with "more" or an ellipsis, no "more" link cut short
        "The new terminal has a café, a bike park, a waiting room and more.",
        "The board said the plan would be ready by spring, and then...",
        "Dates, prices and more ... to follow in the spring.",
        # a parenthesis about opening, no screen reader's hint
        "The harbour museum (opens Monday beside the ferry site) shows the ferry's old engine.",
        "The harbour museum (in a new window display) shows the ferry's old engine.",
        "The harbour museum (opens in May) shows the ferry's old engine.",
        # an audio made by people, no read-aloud player's note
        "The audio was generated by a choir of forty students in the harbour church.",
    ],
)
def test_a_line_of_the_text_shaped_like_a_hint_a_note_or_an_excerpt_stays(line: str) -> None:
    html = _article(f"<p>{PROSE} first</p><p>{line}</p><p>{PROSE} last</p>")
    assert line in extract_generic(html, "https://x.example/a").text


def test_a_more_link_after_a_whole_sentence_takes_nothing_along() -> None:
    line = "Keeping the manuals and the code in step is one of the harder parts of a release."
    html = _article(
        f"<p>{PROSE} first</p><p>{line}</p><p><a href='/2024/m'>Read More →</a></p><p>{PROSE} last</p>"
    )
    assert line in extract_generic(html, "https://x.example/a").text


def test_a_service_line_closing_the_text_takes_nothing_above_it_along() -> None:
    """The contact list closing a newsroom's help page, then "You may also be interested
    in:": the line goes, the list it closed stays."""
    desks = "".join(
        f"<p>{desk}: {desk.lower()}@harbour-post.example or 202.334.73{index:02d}</p>"
        for index, desk in enumerate(["Local", "National", "Business", "Sports", "Travel"])
    )
    html = _article(f"{desks}<p>You may also be interested in:</p>")
    text = extract_generic(html, "https://x.example/a").text
    assert "Travel: travel@harbour-post.example" in text
    assert "interested in" not in text


def test_a_quotation_boxed_for_sharing_loses_its_button() -> None:
    quote = "Every online business exists in the space-time continuum."
    html = _article(
        f"<div class='ctt'><span>{quote}</span><a href='https://twitter.com/intent'>Click To "
        f"Tweet</a></div><p>{PROSE} last</p><p>First Published on Nov 20, 2019 01:38 pm</p>"
    )
    text = extract_generic(html, "https://x.example/a").text
    assert quote in text.split("\n")
    assert "Tweet" not in text and "First Published" not in text
    without = replace(DEFAULT_OPTIONS, service_notes_dropped=False)
    assert "Click To Tweet" in extract_generic(html, "https://x.example/a", options=without).text


@pytest.mark.parametrize(
    "line",
    [
        'Browser wars were real. "Best viewed in Netscape Navigator at 800x600" was no joke: '
        "it was a genuine warning on half the sites of the day.",
        "A version of this article by the harbour master will be printed in the council's "
        "bulletin next week, she said.",
    ],
)
def test_an_authored_sentence_on_notices_stays(line: str) -> None:
    # a browser notice or a service line must open its line, as the notice itself
    text = extract_generic(_article(f"<p>{line}</p>"), "https://x.example/a").text
    assert line in text


def test_a_php_closing_mark_in_the_text_does_not_cut_the_page() -> None:
    # an unclosed declaration ends at its first ">", not at a "?>" anywhere later in the page
    html = '<?xml version="1.0" encoding="x" >' + _article("<p>Write ?> to close PHP.</p>")
    article = extract_generic(html, "https://x.example/a")
    assert article.title == "A test page"
    assert f"{PROSE} 0" in article.text
