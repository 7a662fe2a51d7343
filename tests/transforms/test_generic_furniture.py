"""Page furniture set inside or right around an article's text on real sites, each class on a
small page written for the test: the body keeps the article and loses the furniture."""

from __future__ import annotations

from dataclasses import replace

import pytest

from transforms.generic import extract_generic, parse_html
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.generic.walk import signup_boxes, walk_page

PARAGRAPHS = [
    "The university opened its new marine science building on Friday, with teaching labs, "
    "a seawater aquarium and a research vessel dock on the estuary side of the campus.",
    "The building replaces three older labs that had been spread across the town, and it "
    "brings together about two hundred researchers and students under one roof.",
    "Funding came from a state grant and from alumni donations collected over six years, "
    "the vice-chancellor said at the opening ceremony in the main atrium.",
    "The first classes in the building begin next semester, and public tours of the "
    "aquarium will run on the first Saturday of every month from April onwards.",
]
URL = "https://news.coastal-uni.example/2024/03/marine-building"


def body_of(inside: str = "", *, before: str = "", after: str = "", outside: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    html = (
        "<html><head><title>Marine science building opens</title></head><body>"
        f"{outside}<div class='page'><h1>Marine science building opens</h1>"
        f"<div class='content'>{before}{paragraphs[: len(paragraphs) // 2]}{inside}"
        f"{paragraphs[len(paragraphs) // 2 :]}{after}</div></div></body></html>"
    )
    return extract_generic(html, URL).text


def article_holding(middle: str, at: int = 2) -> str:
    """A page whose <article> holds `middle` between its paragraphs."""
    return (
        "<html><head><title>Marine science building opens</title></head><body><article>"
        + "".join(f"<p>{text}</p>" for text in PARAGRAPHS[:at])
        + middle
        + "".join(f"<p>{text}</p>" for text in PARAGRAPHS[at:])
        + "</article></body></html>"
    )


def assert_clean(text: str, *furniture: str) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    for line in furniture:
        assert line not in text, line


def test_a_login_dialog_is_not_body() -> None:
    dialog = (
        "<div class='modal-login'><h3>Sign in to your account</h3><p>Enter your email "
        "address and password to continue reading articles on our site.</p>"
        "<form><input name='email'><input type='password' name='pw'>"
        "<button>Log in</button></form></div>"
    )
    assert_clean(body_of(after=dialog), "Sign in to your account", "password to continue")


def test_a_cookie_table_is_not_body() -> None:
    table = (
        "<div class='cookie-policy'><table><tr><th>Cookie</th><th>Purpose</th><th>Expiry</th></tr>"
        "<tr><td>_ga</td><td>Distinguishes users for analytics purposes</td><td>2 years</td></tr>"
        "<tr><td>_gid</td><td>Stores and updates a unique value for each page</td>"
        "<td>24 hours</td></tr></table></div>"
    )
    assert_clean(body_of(after=table), "Distinguishes users", "_gid")


def test_a_comment_form_is_not_body() -> None:
    form = (
        "<div id='respond'><h3>Leave a Reply</h3><form class='reply-form'><p>Your email address "
        "will not be published. Required fields are marked *</p><textarea name='comment'>"
        "</textarea><input name='author'><input type='submit' value='Post Comment'></form></div>"
    )
    assert_clean(body_of(after=form), "Leave a Reply", "will not be published")


@pytest.mark.parametrize(
    "crumbs",
    [
        "<p class='path'>You are here: <a href='/'>Home</a> » <a href='/news'>News</a> » "
        "Marine science building opens</p>",
        "<div>You are here: Home &gt; News &gt; 2024 &gt; Marine science building opens</div>",
    ],
)
def test_breadcrumbs_are_not_body(crumbs: str) -> None:
    assert_clean(body_of(before=crumbs), "You are here")


def test_a_reviewed_by_line_is_not_body() -> None:
    assert_clean(
        body_of(before="<p>Reviewed by Dr Alex Morgan, Head of Marine Science</p>"),
        "Reviewed by",
    )


def test_print_this_page_is_not_body() -> None:
    link = "<p><a href='javascript:window.print()'>Print this page</a></p>"
    assert_clean(body_of(after=link), "Print this page")


def test_an_author_bio_after_the_text_is_not_body() -> None:
    bio = (
        "<div class='author-box'><img src='/a.jpg'><h4>About the author</h4><p>Sam Rivers is "
        "a science writer in the university's communications office, covering marine and "
        "environmental research since 2015.</p></div>"
    )
    assert_clean(body_of(after=bio), "Sam Rivers is a science writer", "About the author")


@pytest.mark.parametrize(
    ("name", "kept"),
    [("autor-info-card", False), ("auteur-bio", False), ("autore", False), ("story-intro", True)],
)
def test_the_writer_s_card_named_in_another_language_is_not_body(name: str, kept: bool) -> None:
    """A card of the writer (name, desk, a line about them) between the standfirst and the
    text, named as German, French or Italian sites spell "author"."""
    about = (
        "Sam Rivers has covered marine research for the university since 2015, from the "
        "estuary labs to the research fleet."
    )
    card = f"<div id='{name}'><strong>Sam Rivers</strong><h5>Science desk</h5><p>{about}</p></div>"
    text = extract_generic(article_holding(card, at=1), URL).text
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert (about in text) is kept


@pytest.mark.parametrize(("name", "teasers"), [("similarLinks", False), ("links", True)])
def test_a_list_of_similar_stories_inside_the_text_is_not_body(name: str, teasers: bool) -> None:
    # CBC sets each "similar" story as a list of one link between the paragraphs
    item = "Who runs the marine lab's research fleet?"
    box = f"<ul class='{name}'><li><a href='/news/research-fleet'>{item}</a></li></ul>"
    text = extract_generic(article_holding(box), URL).text
    assert (item in text) is teasers


def test_a_blog_plugins_likes_and_related_posts_are_not_body() -> None:
    """WordPress's Jetpack names its boxes in compounds: "sharedaddy", "sd-like",
    "jp-relatedposts"; the related posts carry a teaser sentence each."""
    likes = (
        "<div class='sharedaddy sd-block sd-like'><h3 class='sd-title'>Like this:</h3>"
        "<div class='likes-widget-placeholder'><span>Like</span> <span>Loading...</span></div>"
        "</div>"
    )
    related = (
        "<div id='jp-relatedposts' class='jp-relatedposts'><h3><em>Related</em></h3>"
        "<div class='jp-relatedposts-items'><h4><a href='/2016/03/survey'>Survey shows the "
        "harbour's seals are back</a></h4><p>The annual count found more seals on the sandbanks "
        "than in any year since the survey began, the wildlife trust said.</p>"
        "<p>March 17, 2016</p></div></div>"
    )
    assert_clean(body_of(after=likes + related), "Like this:", "annual count", "March 17, 2016")


def test_a_charts_labels_are_not_body_however_the_source_is_indented() -> None:
    """An ai2html chart sets each label in a <p>; the source's indentation around "$915"
    is no article text that would keep a boilerplate-named box."""
    indent = "\n" + " " * 80
    labels = "".join(
        f"<div class='g-label'><p>{indent}{label}{indent}</p></div>"
        for label in ("$915", "$263", "’22", "’26", "’28", "Interest payments", "PROJECTED")
    )
    chart = f"<div class='ai2html ai2html-box-v5'><div class='g-artboard'>{labels}</div></div>"
    assert_clean(extract_generic(article_holding(chart), URL).text, "$915", "’22", "PROJECTED")


def test_related_story_teasers_are_not_body() -> None:
    teasers = (
        "<div class='more-news'><h3>More news</h3>"
        "<div class='card'><a href='/a'>Estuary study finds seagrass recovering faster than "
        "expected</a><p>Researchers mapped the estuary floor over five summers.</p></div>"
        "<div class='card'><a href='/b'>New scholarships open for first-year students in "
        "ocean sciences</a><p>Applications close at the end of the month.</p></div></div>"
    )
    assert_clean(body_of(after=teasers), "seagrass recovering", "Applications close")


def test_a_related_box_between_paragraphs_is_not_body() -> None:
    box = (
        "<aside class='inline-related'><strong>Read also:</strong> <a href='/c'>Campus "
        "aquarium reaches ten thousand visitors in its first season</a></aside>"
    )
    assert_clean(body_of(inside=box), "ten thousand visitors")


def test_a_login_box_with_a_plain_name_is_not_body() -> None:
    box = (
        "<div class='box-7'><h3>Log in</h3><p>Log in to your account to read the full story and "
        "manage your newsletters.</p><form><input name='user'><input type='password' name='pw'>"
        "<button>Continue</button></form><p><a href='/register'>Create an account</a></p></div>"
    )
    assert_clean(body_of(after=box), "Log in to your account", "Create an account")


def test_a_cookie_notice_with_a_plain_name_is_not_body() -> None:
    notice = (
        "<div class='notice-bar'><p>We use cookies to improve your experience on our website. "
        "By continuing to browse you agree to our use of cookies.</p>"
        "<button>Accept all</button><button>Manage settings</button></div>"
    )
    assert_clean(body_of(outside=notice), "We use cookies")


def body_with(box: str) -> str:
    """The page's text with `box` set between its second and third paragraphs."""
    paragraphs = [f"<p>{text}</p>" for text in PARAGRAPHS]
    middle = "".join(paragraphs[:2]) + box + "".join(paragraphs[2:])
    html = (
        "<html><head><title>Marine science building opens</title></head><body>"
        f"<div class='page'><h1>Marine science building opens</h1>"
        f"<div class='content'>{middle}</div></div></body></html>"
    )
    return extract_generic(html, URL).text


def test_a_paywall_pitch_is_not_body() -> None:
    pitch = (
        "<div class='article-paywall__box'><h2 class='paywall__title'>Keep reading today</h2>"
        "<p>For a small fee you can buy this article and read it whole, right now.</p></div>"
    )
    assert_clean(body_with(pitch), "Keep reading today", "you can buy this article")


LOCKED = [
    "Behind the wall, the story goes on: the dock can take vessels of up to forty metres, and "
    "the aquarium pumps its seawater straight from the estuary at high tide.",
    "Researchers moving in first come from the fisheries group, who had worked in a converted "
    "boat shed at the harbour for more than a decade.",
]


def test_paragraphs_marked_as_behind_the_paywall_are_the_text() -> None:
    # the page sends the whole text, each locked paragraph named "paywall"; the pitch box stays out
    free = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    locked = "".join(f"<p class='paywall'>{text}</p>" for text in LOCKED)
    pitch = (
        "<div class='paywall-pitch'><h2>Keep reading today</h2>"
        "<p>For a small fee you can buy this article and read it whole, right now.</p></div>"
    )
    html = (
        "<html><head><title>Marine science building opens</title></head><body>"
        "<div class='page'><h1>Marine science building opens</h1><div class='content'>"
        f"{free}{locked}{pitch}</div></div></body></html>"
    )
    text = extract_generic(html, URL).text
    assert all(paragraph in text for paragraph in PARAGRAPHS + LOCKED)
    assert "Keep reading today" not in text and "you can buy this article" not in text
    off = replace(DEFAULT_OPTIONS, paywalled_paragraphs_kept=False)
    assert LOCKED[0] not in extract_generic(html, URL, options=off).text


def test_a_paywall_box_holding_the_text_in_divs_is_the_text() -> None:
    """A page of div soup names the box of its text for the paywall ("paywall-locked",
    "articlePaywall") and writes each paragraph as a <div>: the box holds the text all the same."""
    locked = LOCKED + [
        "The aquarium's tanks hold fish from the estuary only, and each season the students "
        "return them to the water they came from once the term's work is done.",
        "Tours for schools start in the autumn, with a teaching room set aside beside the "
        "largest tank for classes of up to thirty pupils at a time.",
    ]
    free = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    paragraphs = "".join(f"<div>{text}</div>" for text in locked)
    html = (
        "<html><head><title>Marine science building opens</title></head><body>"
        f"<div class='page'><h1>Marine science building opens</h1>{free}"
        f"<div class='story-wrap paywall-locked'>{paragraphs}</div></div></body></html>"
    )
    assert LOCKED[0] in extract_generic(html, URL).text
    without = replace(DEFAULT_OPTIONS, paywall_guard_reads_text_divs=False)
    assert LOCKED[0] not in extract_generic(html, URL, options=without).text
    # a pitch of three long lines in a box of boxes counts three, not four: it stays out
    pitch = [
        "Subscribe today for unlimited access to every story, the daily newsletter and the "
        "digital edition of the paper on every device you own.",
        "Your first month costs one dollar, and you can cancel at any time from your account "
        "page without calling anyone or writing to us first.",
        "Subscribers also get the weekend puzzles, the archive back to 1950 and invitations "
        "to events with our reporters on the campus.",
    ]
    box = "".join(f"<div>{line}</div>" for line in pitch)
    html = html.replace(paragraphs, "").replace(
        "</div></div></body>", f"<div class='inner'>{box}</div></div></div></body>"
    )
    assert_clean(extract_generic(html, URL).text, *pitch)


def test_labelled_headline_links_set_after_a_paragraph_are_not_body() -> None:
    items = "".join(
        f"<li><strong>{label}: </strong><a href='/story/{n}'>{headline}</a></li>"
        for n, (label, headline) in enumerate(
            [
                ("Campus", "Library extends its opening hours for the exam weeks"),
                ("Research", "Students build a solar car for the desert challenge race"),
                ("Sport", "Rowing club wins the regional championship for the third time"),
            ]
        )
    )
    box = f"<div class='p_1'><ul>{items}</ul></div>"
    assert_clean(body_with(box), "Library extends", "Students build a solar car")


def test_a_list_of_labelled_facts_stays() -> None:
    items = "".join(
        f"<li><strong>{label}:</strong> {text}</li>"
        for label, text in [
            ("Labs", "twelve teaching labs with seawater on tap"),
            ("Aquarium", "a ninety thousand litre tank of estuary species"),
        ]
    )
    text = body_with(f"<div><ul>{items}</ul></div>")
    assert "twelve teaching labs with seawater on tap" in text


def test_text_set_off_screen_for_screen_readers_is_not_body() -> None:
    box = (
        "<div class='expandable-box'><p>Dr Ada Finch has studied the estuary's seagrass "
        "meadows since 2015 and leads the new building's aquarium team.</p>"
        "<span class='expand-icon__a11y-open h-offscreen'>Expand person box</span>"
        "<span class='h-offscreen'>Collapse person box</span></div>"
    )
    text = body_with(box)
    assert "Dr Ada Finch has studied" in text
    assert_clean(text, "Expand person box", "Collapse person box")


@pytest.mark.parametrize(
    "line",
    [
        "Lesezeit: 3 Min.",
        "3 Min Lesezeit",
        "Temps de lecture : 4 min",
        "Reading time: 5 minutes",
        # a date line set in the text
        "Aktualisiert: 11.04.2020, 10:27",
        "Veröffentlicht am 26. Oktober 2023",
        "Updated June 13, 2019",
        "Stand:",
    ],
)
def test_a_reading_time_or_date_line_is_not_body(line: str) -> None:
    assert_clean(body_with(f"<p>{line}</p>"), line)


def test_a_paragraph_opening_with_a_date_label_stays() -> None:
    line = "Updated: the council has since confirmed that the bridge reopens in May."
    assert line in body_with(f"<p>{line}</p>")


@pytest.mark.parametrize(
    "box",
    [
        "<div class='DisclaimerLong'><span>This article contains affiliate links. We may earn "
        "a commission when you buy through them, at no extra cost to you.</span></div>",
        "<div id='inactivity_layer_bg'><div class='inactivity_layer'><span>You have been "
        "inactive for a while, we saved the article you were reading for you.</span></div></div>",
    ],
)
def test_a_disclaimer_or_an_inactivity_layer_is_not_body(box: str) -> None:
    assert_clean(body_with(box), "affiliate links", "inactive for a while")


@pytest.mark.parametrize(
    "line",
    ["17.04.2024, 12:24 Lesezeit: 5 Min.", "Updated 06. 01. 2026, 14:59", "02/02/2025 KL. 09:00"],
)
def test_a_date_line_above_the_text_is_not_body(line: str) -> None:
    assert_clean(body_of(before=f"<p>{line}</p>"), line)


TOP_DATE_LINES = [
    "Publié le 18 juil. 2024 à 08:01Mis à jour le 18 juil. 2024 à 09:06",
    "20 Nisan 2026•Güncelleme: 20 Nisan 2026",
    "/ January 11, 2024",
    "Publiziert: 01.07.2023, 11:16",
    "Published: 5 hours ago |",
]


@pytest.mark.parametrize("line", TOP_DATE_LINES)
def test_a_date_line_under_the_standfirst_is_not_body(line: str) -> None:
    # the standfirst is prose: the line sits inside the text's span, not above it
    html = article_holding(f"<p>{line}</p>", at=1)
    assert_clean(extract_generic(html, URL).text, line)
    off = replace(DEFAULT_OPTIONS, top_date_lines_dropped=False)
    assert line in extract_generic(html, URL, options=off).text


def test_the_header_band_of_a_date_line_goes_with_it() -> None:
    band = ["Jane Doe", "Staff writer", "20 Nisan 2026•Güncelleme: 20 Nisan 2026", "Ankara"]
    html = article_holding("".join(f"<p>{line}</p>" for line in band), at=1)
    assert_clean(extract_generic(html, URL).text, *band)
    off = replace(DEFAULT_OPTIONS, top_date_line_stubs_words=0)
    text = extract_generic(html, URL, options=off).text
    assert all(line in text for line in band[:2] + band[3:]) and band[2] not in text


@pytest.mark.parametrize(
    "beside", ["<p>It rained.</p>", "<h2>The dock</h2>"], ids=["sentence", "heading"]
)
def test_a_short_sentence_or_heading_beside_a_date_line_stays(beside: str) -> None:
    html = article_holding(f"<p>20 Novembre 2024</p>{beside}", at=1)
    text = extract_generic(html, URL).text
    assert "20 Novembre 2024" not in text
    assert beside[4:-5] in text


def test_a_page_of_nothing_but_its_header_band_keeps_it() -> None:
    # a paywalled story's shell: its headline's address, section and date, no text
    band = ["Snapshot", "Enterprise Software", "May 16, 2016 7:30 a.m. ET"]
    html = (
        "<html><head><title>Funding Snapshot: CircleCI Raises $18M</title></head><body>"
        "<article><h1>Funding Snapshot: CircleCI Raises $18M</h1>"
        + "".join(f"<p>{line}</p>" for line in band)
        + "</article></body></html>"
    )
    text = extract_generic(html, URL).text
    assert all(line in text for line in band)


def test_date_lines_all_along_the_text_stay() -> None:
    # a diary's entries, each under its date: the dates are its text, the first one too
    first, later = "March 3, 2024, 9:15 am", "March 9, 2024, 8:05 am"
    entries = [
        "The crane lifted the aquarium's first tank into place.",
        "Divers filled the tank with estuary water for the fish.",
        "The pumps ran through the night without a single fault.",
    ]
    middle = f"<p>{first}</p>" + "".join(f"<p>{entry}</p>" for entry in entries)
    html = article_holding(f"{middle}<p>{later}</p>", at=1)
    text = extract_generic(html, URL).text
    assert first in text and later in text


def test_a_schedule_of_dates_opening_the_text_stays() -> None:
    dates = [
        "Tuesday, September 24, 2024 at 2:30 PM",
        "Monday, November 25, 2024 at 3:00 PM",
        "Tuesday, April 22, 2025 at 1:00 PM",
    ]
    html = article_holding("".join(f"<p>{line}</p>" for line in dates), at=1)
    text = extract_generic(html, URL).text
    assert all(line in text for line in dates)


def test_the_headline_repeated_as_a_heading_above_the_text_is_not_body() -> None:
    html = (
        "<html><head><title>Marine science building opens</title></head><body>"
        "<nav class='breadcrumb'><h1>Campus news</h1></nav><div class='content'>"
        "<h2>Marine science building opens</h2>"
        + "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
        + "</div></body></html>"
    )
    text = extract_generic(html, URL).text
    assert_clean(text, "Marine science building opens")


@pytest.mark.parametrize(
    "line",
    [
        "The estuary at low tide, seen from the new dock, Photo: Jane Doe",
        "Students in the teaching lab. Photo by: 'John Roe'.",
        "Der neue Bau am Ufer. Bild: Max Muster",
    ],
)
def test_a_caption_ending_in_its_credit_is_not_body(line: str) -> None:
    assert_clean(body_with(f"<p>{line}</p>"), line)


def test_a_sentence_about_a_photo_stays() -> None:
    line = "The aquarium's first photo exhibition opens in May, with pictures by local students."
    assert line in body_with(f"<p>{line}</p>")


@pytest.mark.parametrize(
    "line", ["We apologize, but this video has failed to load.", "Player wird geladen"]
)
def test_a_video_player_s_fallback_text_is_not_body(line: str) -> None:
    assert_clean(body_with(f"<div class='vid'><p>{line}</p></div>"), line)


@pytest.mark.parametrize(
    "label", ["Lesen Sie auch", "Zobacz także", "Veja também:", "Dans la même rubrique"]
)
def test_a_read_on_label_alone_is_not_body(label: str) -> None:
    box = f"<p><strong>{label}</strong></p><p><a href='/other'>Harbour dredging starts</a></p>"
    assert_clean(body_with(box), label)


@pytest.mark.parametrize(
    "prompt",
    [
        "War der Artikel nützlich? (95 Stimmen: 4,7 von 5) Loading...",
        "Wie bewerten Sie diesen Artikel? *",
        "Was this article helpful?",
        "(Noch keine Bewertungen) Loading...",
        "Möchten Sie den Artikel teilen?",
    ],
)
def test_a_rating_or_sharing_prompt_is_not_body(prompt: str) -> None:
    assert_clean(body_with(f"<p>{prompt}</p>"), prompt)


@pytest.mark.parametrize(
    "footer",
    [
        "This entry was posted in Campus. Bookmark the permalink.",
        "%d Bloggern gefällt das:",
        "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht.",
    ],
)
def test_a_blog_post_footer_is_not_body(footer: str) -> None:
    assert_clean(body_with(f"<p>{footer}</p>"), footer)


@pytest.mark.parametrize(
    "heading",
    [
        "Meistgelesene Artikel",
        "Verwandte Beiträge",
        "Mehr aus der Sendung",
        "Most read in world news",
        "Most popular on the site",
    ],
)
def test_a_module_heading_after_the_text_ends_it(heading: str) -> None:
    module = (
        f"<h3>{heading}</h3><p>The harbour authority has approved a new dredging plan for "
        "the estuary channel, to be carried out over the next two winters.</p>"
    )
    assert_clean(body_of(after=module), heading, "dredging plan")


@pytest.mark.parametrize("label", ["Über den Autor", "Meistgelesene Artikel", "Weitere Artikel"])
def test_a_module_label_set_as_a_plain_line_ends_the_text(label: str) -> None:
    module = (
        f"<p><strong>{label}</strong></p><p>Jane Doe has written about the coast and its "
        "harbours for the paper since 2009, and teaches journalism at the city college.</p>"
    )
    assert_clean(body_of(after=module), label, "Jane Doe has written")


@pytest.mark.parametrize(
    "opening", ["Kommentar schreiben", "Bisher keine Kommentare", "Leave a reply"]
)
def test_a_comment_form_after_the_text_ends_it(opening: str) -> None:
    form = (
        f"<div class='respond'><p>{opening}</p><p>We read every comment before it appears "
        "here, and we keep the conversation about the story and the people in it.</p></div>"
    )
    assert_clean(body_of(after=form), opening, "We read every comment")


@pytest.mark.parametrize(
    "line",
    [
        "Warning: Creating default object from empty value in /www/htdocs/wp-includes/"
        "classes.php on line 230",
        "Permalink https://p.example/p/RPYx",
        "Aufrufe: 1120 | Hinzugefügt von: Posh | Rating: 0.0/0",
        "Quellen ausblenden",
        "- Anzeige -",
        "Externer Inhalt",
        "Ein Klick für den Datenschutz",
        "Datenschutzeinstellungen anpassen",
        "Manage cookie settings",
        # an ad slot's label where the ad did not load (Postmedia's papers, LAist)
        "Advertisement 2",
        "This advertisement has not loaded yet, but your article continues below.",
        "Advertisement: LAist Continues Below!",
        "SUGGESTED CITATION Doe, Jane: Marine science building opens, Coastal News, 2024/3/8",
        "Pour citer cet article : Jane Doe, « Le bâtiment », 8 mars 2024.",
        # media and page-tool labels: never a whole line of any gold text
        "Video",
        "Slideshow",
        "Hide caption",
        "Printable version",
        "Sponsored links",
        "Caption",
        "View all (23)",
        # how long the text takes to read
        "Lesedauer: 4 Minuten",
        "3 Min Lesezeit",
        "Temps de lecture : 4 min",
        "3 Min.",
        "5 min read",
        "Est. reading time: 1 minute",
    ],
)
def test_machinery_and_citation_lines_are_not_body(line: str) -> None:
    assert_clean(body_with(f"<p>{line}</p>"), line)


@pytest.mark.parametrize(
    "line", ["Read more about the new aquarium here.", "Recommended for:", "More from the campus:"]
)
def test_a_plain_line_only_looking_like_an_end_marker_does_not_end_the_text(line: str) -> None:
    tail = "The aquarium opens to visitors on the first Saturday in April, at ten in the morning."
    text = body_of(after=f"<p>{line}</p><p>{tail}</p>")
    assert_clean(text)
    assert tail in text


@pytest.mark.parametrize(
    "note",
    [
        "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und "
        "wurde unter Allgemein, Campus, Forschung, Hafen, Meeresbiologie, Studium abgelegt. Du "
        "kannst die Kommentare zu diesem Eintrag durch den RSS-2.0-Feed verfolgen. Du kannst "
        "einen Kommentar schreiben, oder einen Trackback auf deiner Seite einrichten.",
        "Erstellt am Dienstag 6. Mai 2014 um 23:30 und abgelegt unter Campus, Forschung.",
        "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE.",
        "Les opinions exprimées dans les blogs du Campus n'engagent que leurs auteurs.",
        "Coastal News is not responsible for the opinions or media content presented by "
        "contributors.",
        "Dieser Beitrag stammt aus Ausgabe 7/2019 des Campus-Magazins.",
    ],
)
def test_a_closing_note_of_any_length_is_not_body(note: str) -> None:
    assert_clean(body_of(after=f"<p>{note}</p>"), note)


@pytest.mark.parametrize(
    "line",
    [
        "Je fais un don à Attac",
        "Jede kleine Spende hilft den Menschen am Hafen!",
        "Wenn Ihnen unser Artikel gefallen hat: Unterstützen Sie diese Form des Journalismus",
        "Um den Tipp kommentieren zu können, müssen Sie eingeloggt sein.",
        "E-Mail (wird benötigt und nicht veröffentlicht)",
        "Den Artikel mit anderen teilen/diskutieren:",
        "Wir respektieren deine Privatsphäre und laden das Video erst nach deiner Zustimmung.",
        "Dieses Skript als PDF herunterladen",
        "Entdecke weitere Homestorys",
        "Stay up-to-date on our work.",
    ],
)
def test_support_calls_and_form_lines_are_not_body(line: str) -> None:
    assert_clean(body_with(f"<p>{line}</p>"), line)


def test_a_sentence_about_a_licence_inside_the_text_stays() -> None:
    line = "The aquarium's photographs are published under a Creative Commons licence by the lab."
    text = body_of(after=f"<p>{line}</p>")
    assert line in text


def test_the_last_resort_walk_never_takes_a_consent_box_for_the_text() -> None:
    """A text of short lines (a dialogue) sends the walk to its last resort, which reads hidden
    and unnamed boxes too; a cookie notice is still not the article."""
    notice = (
        "Datenschutz &amp; Cookies: Diese Website verwendet Cookies. Wenn du die Website "
        "weiterhin nutzt, stimmst du der Verwendung von Cookies zu. Weitere Informationen, "
        "beispielsweise zur Kontrolle von Cookies, findest du hier: Cookie-Richtlinie"
    )
    lines = ["„Ich weiß, ich bin müde.“", "– „Dann sag es nicht.“", "– „Ok.“"]
    html = (
        "<html><head><title>Nichts tun</title></head><body><h1>Nichts tun</h1>"
        f"<div class='post'>{''.join(f'<p>{line}</p>' for line in lines)}</div>"
        f"<div id='eu-cookie-law'><form>{notice}</form></div></body></html>"
    )
    text = extract_generic(html, URL).text
    assert "Cookies" not in text
    assert all(line in text for line in lines)


def test_a_consent_placeholder_named_in_camel_case_is_not_text() -> None:
    """A consent plugin's placeholder for an embedded map sits inside the post; its class
    says "Cookie" in camel case ("BorlabsCookie"), not as a word of its own."""
    notice = (
        "Klicken Sie auf den unteren Button, um den Inhalt von Google Maps zu laden. Mit dem "
        "Laden akzeptieren Sie die Datenschutzerklärung von Google."
    )
    blocker = (
        f"<div class='BorlabsCookie'><div class='_brlbs-content-blocker'><p>{notice}</p>"
        "<p><a href='#'>Inhalt laden</a></p></div></div>"
    )
    assert_clean(body_of(after=blocker), notice)
    html = article_holding(blocker)
    without = replace(DEFAULT_OPTIONS, camel_case_names_split=False)
    assert notice in extract_generic(html, URL, options=without).text


def test_a_link_inside_a_paragraph_is_words_of_it_whatever_its_name() -> None:
    """A tagging plugin links names in the text with ids like "auto-tag_twitter_1"."""
    linked = (
        "<p><a href='/tag/harbour/' id='auto-tag_harbour_1'>Harbour</a> engineers said the "
        "building's seawater pumps run on power from the <a href='/tag/solar/' "
        "class='tag-link'>solar farm</a> on the estuary side of the campus.</p>"
    )
    text = body_of(after=linked)
    assert "Harbour engineers said" in text and "the solar farm on the estuary" in text
    html = article_holding(linked, at=len(PARAGRAPHS))
    without = replace(DEFAULT_OPTIONS, inline_names_in_paragraphs_kept=False)
    assert "Harbour engineers said" not in extract_generic(html, URL, options=without).text


def test_a_dateline_set_in_the_first_paragraph_stays_in_it() -> None:
    """The place the story was filed from opens its first paragraph: "KOBE – A total of …"."""
    lead = (
        "<p><span class='dateline'>KOBE – </span>Harbour engineers said on Tuesday that the "
        "building's seawater pumps run on power from the solar farm on the estuary.</p>"
    )
    html = article_holding(lead, at=0)
    assert "KOBE – Harbour engineers said" in extract_generic(html, URL).text
    without = replace(DEFAULT_OPTIONS, inline_datelines_kept=False)
    assert "KOBE" not in extract_generic(html, URL, options=without).text


SIGNUP_BOX = (
    # named by its own title: a box named "Newsletter" goes by its name alone
    "<section aria-label='The Morning Tide'><h3>The Morning Tide</h3>"
    "<p>Every other Sunday: answers about the coast, honest and close to home.</p>"
    "<form action='/subscribe' method='post'><input type='email' name='email' "
    "placeholder='E-mail address'><button>Go</button></form>"
    "<p class='small'>We use your address for this mailing only; the privacy notice says "
    "how.</p></section>"
)


@pytest.mark.parametrize("skipped", [True, False])
def test_the_box_around_an_email_sign_up_form_is_not_body(skipped: bool) -> None:
    """Its heading, blurb and small print sit outside the form, among the text's paragraphs."""
    options = replace(DEFAULT_OPTIONS, signup_boxes_skipped=skipped)
    text = extract_generic(article_holding(SIGNUP_BOX), URL, options=options).text
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    for line in ("The Morning Tide", "Every other Sunday", "the privacy notice says how"):
        assert (line not in text) is skipped


def test_a_form_among_the_paragraphs_or_asking_for_a_message_has_no_sign_up_box() -> None:
    """A sign-up form set straight among the paragraphs (`signup_box_max_chars` of text beside
    it and more) has no box of its own; a comment form's box can be a short post itself, so it
    is left to the form rules. The boxes are looked at directly: a page whose only text went
    with a box is read again by the last-resort walk, which would hide the loss."""
    signup = "<form><input type='email' name='email'><button>Go</button></form>"
    among = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    page = f"<html><body><div class='content'><p>{PARAGRAPHS[0]}</p>{signup}{among}</div></body></html>"
    assert signup_boxes(parse_html(page), DEFAULT_OPTIONS) == set()
    comment_form = (
        "<form><input type='text' name='email'><textarea name='comment'></textarea></form>"
    )
    post = (
        "<html><body><div id='content'><h2>Sunset</h2><p>Simply beautiful! New music.</p>"
        f"<h3>Leave a comment</h3>{comment_form}</div></body></html>"
    )
    assert signup_boxes(parse_html(post), DEFAULT_OPTIONS) == set()
    # a page-wide form (ASP.NET's) with a newsletter field is no sign-up form
    page_wide = f"<form>{among * 2}<input type='email'></form>"
    wide = f"<html><body><div id='wrap'>{page_wide}</div></body></html>"
    assert signup_boxes(parse_html(wide), DEFAULT_OPTIONS) == set()
    boxed = f"<html><body><div id='content'><h2>Sunset</h2>{SIGNUP_BOX}</div></body></html>"
    (box,) = signup_boxes(parse_html(boxed), DEFAULT_OPTIONS)
    assert box.get("id") == "content"  # up to the short page's content, below the body


@pytest.mark.parametrize(
    "label",
    ["<strong>READ ANOTHER STORY HERE |</strong> ", "<b>Warning:</b> ", "<b>» Related</b> "],
)
@pytest.mark.parametrize("dropped", [True, False])
def test_a_bold_label_and_a_link_to_another_story_is_a_teaser(label: str, dropped: bool) -> None:
    teaser = f"<p>{label}<a href='/2024/02/harbour-ferry-strike'>Harbour ferry crews vote to strike in spring</a></p>"
    options = replace(DEFAULT_OPTIONS, teaser_lines_dropped=dropped)
    text = extract_generic(article_holding(teaser), URL, options=options).text
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert ("Harbour ferry crews vote" not in text) is dropped


@pytest.mark.parametrize(
    "line",
    [
        "<span class='c3a4b5c'>MORE: <a href='/2024/02/harbour-ferry-strike'>Harbour ferry crews "
        "vote to strike in spring</a></span>",
        "Mehr dazu: <a href='/2024/02/harbour-ferry-strike'>Harbour ferry crews vote to strike in "
        "spring</a>",
        "<span>Lesen Sie hier:</span> <a href='/2024/02/harbour-ferry-strike'><span>Harbour ferry "
        "crews vote to strike in spring</span></a>",
    ],
)
@pytest.mark.parametrize("unstyled", [True, False])
def test_a_label_in_any_markup_and_a_link_to_another_story_is_a_teaser(
    line: str, unstyled: bool
) -> None:
    options = replace(DEFAULT_OPTIONS, teaser_labels_unstyled=unstyled)
    text = extract_generic(article_holding(f"<p>{line}</p>"), URL, options=options).text
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert ("Harbour ferry crews vote" not in text) is unstyled


@pytest.mark.parametrize(
    "line",
    [
        # a lead-in running into the link is a sentence
        "Read here <a href='/2024/02/gas-cloud'>how residents of the estuary should react</a>",
        # a source on another site
        "The full study: <a href='https://journal.example/aquaria'>Seawater aquariums as teaching "
        "labs on a coastal campus</a>",
        # the line goes on after the link
        "Mehr dazu: <a href='/2024/02/ferry'>Strike: harbour ferry crews vote</a> in Oslo",
        # a label as long as a sentence's opening
        "As the harbour master told the board at its meeting: <a href='/2024/02/ferry'>Harbour "
        "ferry crews vote to strike</a>",
        # two links
        "See: <a href='/2024/02/ferry'>Harbour ferry crews vote to strike</a> "
        "<a href='/2024/02/ferry-2'>Strike ends</a>",
    ],
)
def test_a_plain_label_and_link_that_is_no_teaser_stays(line: str) -> None:
    text = extract_generic(article_holding(f"<p>{line}</p>"), URL).text
    link_text = line[line.index("'>") + 2 : line.index("</a>")]
    assert link_text in text


@pytest.mark.parametrize(
    ("href", "url", "head"),
    [
        # the site's own host with and without "www."
        ("https://www.news.coastal-uni.example/2024/02/ferry", URL, ""),
        # a copy served from a loopback origin, linking the host its canonical URL names
        (
            "https://news.coastal-uni.example/2024/02/ferry",
            "http://127.0.0.1:8080/2024/03/marine-building",
            f'<link rel="canonical" href="{URL}">',
        ),
    ],
)
def test_a_teaser_linking_the_site_s_own_host_under_another_name_is_a_teaser(
    href: str, url: str, head: str
) -> None:
    teaser = (
        f"<p><b>Warning:</b> <a href='{href}'>Harbour ferry crews vote to strike in spring</a></p>"
    )
    html = article_holding(teaser).replace("</title>", f"</title>{head}")
    text = extract_generic(html, url).text
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert "Harbour ferry crews vote" not in text


@pytest.mark.parametrize("max_share", [0.25, 1.0])
def test_a_briefing_made_of_teaser_lines_keeps_them(max_share: float) -> None:
    """Past `teaser_lines_max_share` of the text, bold labels and links are the page's own
    text: a briefing of the day's headlines."""
    items = [
        ("Study:", "Students who sail score higher in physics exams"),
        ("Campus:", "Library extends its opening hours for the exam weeks"),
        ("Research:", "Marine lab tags the first sharks of the season"),
        ("Sport:", "Rowing crew wins the regional spring regatta"),
    ]
    lines = "".join(
        f"<p><b>{label}</b> <a href='/2024/03/{index}'>{headline}</a></p>"
        for index, (label, headline) in enumerate(items)
    )
    html = (
        "<html><head><title>The week on campus</title></head><body><article>"
        f"<p>{PARAGRAPHS[0]}</p>{lines}</article></body></html>"
    )
    options = replace(DEFAULT_OPTIONS, teaser_lines_max_share=max_share)
    text = extract_generic(html, URL, options=options).text
    kept = [headline for _, headline in items if headline in text]
    assert kept == ([headline for _, headline in items] if max_share < 1 else [])


@pytest.mark.parametrize(
    "line",
    [
        # a lead-in running into the link is a sentence
        "<b>Read here</b> <a href='/2024/02/gas-cloud'>how residents of the estuary should react</a>",
        # a source on another site
        "<b>The full study:</b> <a href='https://journal.example/aquaria'>Seawater aquariums as "
        "teaching labs on a coastal campus</a>",
        # a spec's value, no headline
        "<b>Firm feel:</b> <a href='/products/mattress'>Hybrid Natural Mattress</a>",
    ],
)
def test_a_label_and_link_that_is_no_teaser_stays(line: str) -> None:
    text = extract_generic(article_holding(f"<p>{line}</p>"), URL).text
    link_text = line[line.index("'>") + 2 : line.index("</a>")]
    assert link_text in text


@pytest.mark.parametrize(
    "line",
    [
        "Posted on March 4, 2024 at 6:41 AM • 7 Comments",
        "By Jane Doe in Campus | Permalink | Comments (3) | Recommend this",
        "0 Comments",
        "12 Responses to “Marine science building opens”",
        "No comments at the moment.",
    ],
)
@pytest.mark.parametrize("dropped", [True, False])
def test_a_line_counting_the_post_s_comments_is_not_body(line: str, dropped: bool) -> None:
    # "Posted on March 4, 2024 at 6:41 AM • 7 Comments" is a date line too: that rule off
    options = replace(
        DEFAULT_OPTIONS, comment_count_lines_dropped=dropped, top_date_lines_dropped=False
    )
    text = extract_generic(article_holding(f"<p>{line}</p>"), URL, options=options).text
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert (line not in text) is dropped


@pytest.mark.parametrize(
    "line",
    [
        "The video of the opening drew 2,000 comments.",  # a sentence reporting a count
        "Still true, all of my 2008 comments",  # a year, no count
        # a count in a line longer than `comment_count_line_max_words`
        "Posted on March 4, 2024 by the press office of the university's faculty of marine "
        "science and engineering • 7 Comments",
    ],
)
def test_a_sentence_about_comments_stays(line: str) -> None:
    text = extract_generic(article_holding(f"<p>{line}</p>"), URL).text
    assert line in text


@pytest.mark.parametrize("skipped", [True, False])
def test_a_card_shown_on_hover_over_a_name_is_not_body(skipped: bool) -> None:
    """A name in a paragraph carries a card (its picture, the person's other headlines) that
    the page's CSS shows on hover; the name stays, the card goes."""
    card = (
        "<span class='rollover-people'><a href='/people/jane-doe'>Jane Doe</a>"
        "<span class='rollover-people-block'><img src='/jane.jpg'><a href='/2024/ferry'>Ferry "
        "crews vote to strike in spring</a> <a href='/2024/dock'>Dock plans go to council</a>"
        "</span></span>"
    )
    paragraph = f"<p>The vice-chancellor thanked the estuary's mayor {card} for her support.</p>"
    options = replace(DEFAULT_OPTIONS, popup_cards_skipped=skipped)
    text = extract_generic(article_holding(paragraph), URL, options=options).text
    assert "the estuary's mayor Jane Doe for her support." in " ".join(text.split()) or not skipped
    assert ("Ferry crews vote" not in text) is skipped


COMMENT_NOTICES = [
    "Please read our comment policy before you post.",
    "Login or Register to comment.",
    "Sign in to your account or sign up for an account to post comments on this article",
    "All readers' comments are posted immediately, but will be monitored for inappropriate "
    "content.",
    "Note: we are temporarily moderating all comments submitted to deal with a surge in spam.",
    "Um einen Kommentar zu hinterlassen, loggen Sie sich bitte ein.",
    "Bitte achten Sie darauf, dass Ihre Kommentare themenbezogen sind. Die Verantwortung für "
    "den Inhalt liegt allein bei den Verfassern.",
    "Les commentaires sont modérés avant publication.",
    "Los comentarios son moderados antes de su publicación.",
    "Reacties worden gemodereerd voordat ze verschijnen.",
    "I commenti sono moderati prima della pubblicazione.",
    # a comment section's rules at length, past `closing_note_max_chars`
    "Bitte achten Sie darauf, dass Ihre Kommentare themenbezogen sind. Die Verantwortung für "
    "den Inhalt liegt allein bei den Verfassern, die sachlich und klar formulieren sollten. "
    "Kommentare müssen in korrekter und verständlicher deutscher Sprache verfasst werden. "
    "Beleidigungen, Schimpfwörter, rassistische und sexistische Äußerungen sowie Aufrufe zur "
    "Gewalt werden ohne Rückfrage gelöscht. Werbung für Produkte, Dienstleistungen oder andere "
    "Webseiten ist nicht erlaubt, ebenso wenig wie Links zu Seiten mit fragwürdigen Inhalten. "
    "Die Redaktion behält sich vor, Kommentare zu kürzen oder nicht zu veröffentlichen.",
]
COMMENTS = (
    "<p>harbourfan: Posted Mar 8, 2024</p><p>Great news for the town, and about time that the "
    "labs were brought together under one roof on the estuary.</p>"
)


@pytest.mark.parametrize("notice", COMMENT_NOTICES)
@pytest.mark.parametrize("ends", [True, False])
def test_a_comment_section_s_notice_ends_the_text(notice: str, ends: bool) -> None:
    """Its rules, its moderation or the login it asks for open the comment section: the notice
    and the comments after it go, the article stays."""
    options = replace(DEFAULT_OPTIONS, comment_notices_end_text=ends)
    html = article_holding(f"<p>{notice}</p>{COMMENTS}", at=len(PARAGRAPHS))
    text = extract_generic(html, URL, options=options).text
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert (notice not in text) is ends
    assert ("Great news for the town" not in text) is ends


def test_a_comment_notice_amid_the_text_goes_alone() -> None:
    """Set among the paragraphs, with as much text after it as before, the notice is no end of
    the text: it goes and the text goes on."""
    text = extract_generic(article_holding(f"<p>{COMMENT_NOTICES[0]}</p>"), URL).text
    assert_clean(text, COMMENT_NOTICES[0])


@pytest.mark.parametrize(
    "line",
    [
        "Users had to register to comment on the site, the company said.",
        "It is our long-established policy not to comment on such footage, a spokesman said.",
        "The senator made inappropriate comments about the budget at the hearing last week.",
        "Der Minister wollte die Kommentare der Opposition nicht kommentieren.",
    ],
)
def test_a_sentence_about_comments_is_no_comment_notice(line: str) -> None:
    html = article_holding(f"<p>{line}</p>{COMMENTS}", at=len(PARAGRAPHS))
    text = extract_generic(html, URL).text
    assert line in text


STANDFIRST = (
    "The university's marine science building opened on Friday after six years of work on "
    "the estuary side of the campus."
)


@pytest.mark.parametrize(
    "byline",
    [
        "Von Jane Doe",
        "By JANE DOE",
        "Von: Jane Doe und John Roe",
        "par Jean de la Tour",
        "Written by Jane Doe",  # any label a byline element opens with (`BYLINE_LABEL`)
    ],
)
@pytest.mark.parametrize("dropped", [True, False])
def test_a_byline_alone_on_its_line_under_the_standfirst_is_not_body(
    byline: str, dropped: bool
) -> None:
    """Between the standfirst and the text, the byline is the author field's, not the text's."""
    options = replace(DEFAULT_OPTIONS, top_byline_lines_dropped=dropped)
    html = article_holding(f"<p>{STANDFIRST}</p><p>{byline}</p>", at=0)
    text = extract_generic(html, URL, options=options).text
    assert STANDFIRST in text and all(paragraph in text for paragraph in PARAGRAPHS)
    assert (byline not in text) is dropped


@pytest.mark.parametrize(
    "line",
    [
        "By the harbour",  # no name: a lower-case word
        "By Friday, 3 March",  # a date, not a name
        "By Jane.",  # a sentence
        "Von Jane Doe, John Roe, Mary Major, Max Mustermann und Erika Musterfrau",  # too many
    ],
)
def test_a_line_only_opening_like_a_byline_stays(line: str) -> None:
    html = article_holding(f"<p>{STANDFIRST}</p><p>{line}</p>", at=0)
    assert line in extract_generic(html, URL).text


def test_a_byline_further_down_than_the_text_s_first_lines_stays() -> None:
    """Past the text's first `top_date_lines_window` lines, a byline line is the text's own
    (an interview's second voice, a letter's signatory under its quote)."""
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    html = (
        f"<html><body><article><p>{STANDFIRST}</p>{paragraphs}<p>By Jane Doe</p>"
        f"<p>{PARAGRAPHS[0]} Again.</p></article></body></html>"
    )
    assert "By Jane Doe" in extract_generic(html, URL).text


def test_posts_each_under_its_own_byline_keep_them() -> None:
    """A "by" line to every item, from the top down: a forum's posts, and part of the text."""
    names = ["Anna", "Boris", "Chen", "Dana"]
    posts = "".join(
        f"<p>by {name}</p><p>{text}</p>" for name, text in zip(names, PARAGRAPHS, strict=True)
    )
    html = f"<html><body><article>{posts}</article></body></html>"
    text = extract_generic(html, URL).text
    # the first goes as any stub opening a text does
    assert all(f"by {name}" in text for name in names[1:])


def test_a_list_of_contributors_opening_the_text_stays() -> None:
    """More bylines on top than `top_date_lines_max`: the text names its contributors."""
    contributors = "".join(
        f"<p>{STANDFIRST}</p>" if n == 0 else f"<p>By {name}</p>"
        for n, name in enumerate(["", "Anna Lee", "Boris Roe", "Chen Wu"])
    )
    text = extract_generic(article_holding(contributors, at=0), URL).text
    assert all(f"By {name}" in text for name in ["Anna Lee", "Boris Roe", "Chen Wu"])


def test_a_heading_reading_like_a_byline_stays() -> None:
    html = article_holding(f"<p>{STANDFIRST}</p><h2>By Royal Appointment</h2>", at=0)
    assert "By Royal Appointment" in extract_generic(html, URL).text


@pytest.mark.parametrize("line", ["10 min", "It took us 5 minutes to read the report."])
def test_minutes_that_are_no_reading_time_stay(line: str) -> None:
    assert line in extract_generic(article_holding(f"<p>{line}</p>"), URL).text


def test_a_byline_label_without_names_is_no_byline_line() -> None:
    """A label with nothing after it ("Posted by") names no one: it is no byline."""
    html = article_holding(f"<p>{STANDFIRST}</p><p>Posted by</p>", at=0)
    assert "Posted by" in extract_generic(html, URL).text


def _story_links(count: int = 3) -> str:
    headlines = [
        "Harbour engineers finish the new research vessel dock",
        "Alumni donations reach a record for the sixth year running",
        "Public aquarium tours to start on the first Saturday of April",
    ]
    items = "".join(
        f"<li><a href='/news/2024/story-{n}.html'>{headline}</a></li>"
        for n, headline in enumerate(headlines[:count])
    )
    return f"<ul>{items}</ul>"


@pytest.mark.parametrize(
    "lead",
    [
        "<p><strong>Lesen Sie auch:</strong></p>",
        "<p><strong>Mehr zum Thema finden Sie auch im wöchentlichen Zins-Check:</strong></p>",
        "<h3>Related stories</h3>",
    ],
)
@pytest.mark.parametrize("dropped", [True, False])
def test_a_list_of_stories_under_a_read_on_lead_in_is_not_body(lead: str, dropped: bool) -> None:
    """A list of links to other stories of the site under "Lesen Sie auch:", set between the
    paragraphs: teasers, lead-in and all."""
    options = replace(DEFAULT_OPTIONS, read_on_lists_dropped=dropped)
    text = extract_generic(article_holding(lead + _story_links()), URL, options=options).text
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert ("Harbour engineers finish" not in text) is dropped
    assert ("Zins-Check" not in text) is (dropped or "Zins-Check" not in lead)


@pytest.mark.parametrize(
    "lead",
    [
        "<p>The new building brings three groups together:</p>",  # no read-on label
        # a read-on label opening a sentence longer than `read_on_lead_max_words`
        "<p>Read more about the building in these reports by the student paper, the town's "
        "weekly and the university's own news office:</p>",
    ],
)
def test_a_list_under_another_lead_in_stays(lead: str) -> None:
    text = extract_generic(article_holding(lead + _story_links()), URL).text
    assert "Harbour engineers finish" in text


def test_plain_items_under_a_read_on_lead_in_stay() -> None:
    items = "<ul><li>Teaching labs on the ground floor</li><li>A seawater aquarium</li></ul>"
    lead = "<p>Mehr zum Thema finden Sie auch in unserem Überblick:</p>"
    text = extract_generic(article_holding(lead + items), URL).text
    assert "A seawater aquarium" in text and "Mehr zum Thema" in text


TOOLS_BOX = (
    "<div class='module'><h3>Story Tools</h3><ul>"
    "<li><a href='/print'>print this story</a></li>"
    "<li><a href='/email'>e-mail this story</a></li></ul></div>"
)


@pytest.mark.parametrize("dropped", [True, False])
def test_the_heading_of_a_box_whose_links_went_is_not_body(dropped: bool) -> None:
    """A sidebar module set among the paragraphs: its links go as boilerplate, and its heading,
    left over nothing, goes with them."""
    options = replace(DEFAULT_OPTIONS, headings_of_dropped_boxes_dropped=dropped)
    text = extract_generic(article_holding(TOOLS_BOX), URL, options=options).text
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert "print this story" not in text
    assert ("Story Tools" not in text) is dropped


@pytest.mark.parametrize(
    "middle",
    [
        # a subheading of the text: its box holds the paragraphs that follow it
        f"<section><h3>Story Tools</h3><p>{PARAGRAPHS[1]} It was built in two years.</p></section>",
        # a subheading alone in its wrapper, nothing else in the box
        "<div class='subtitle'> <h3>Story Tools</h3> </div>",
        # a standfirst set as a heading: longer than `dropped_box_heading_max_words`
        "<div class='deck'><h3>Story Tools for the new building were printed for every one of "
        "the two hundred researchers and students</h3><a href='/print'>print</a></div>",
    ],
)
def test_a_heading_whose_box_kept_text_or_held_none_stays(middle: str) -> None:
    text = extract_generic(article_holding(middle), URL).text
    assert "Story Tools" in text


def test_a_box_past_the_elements_read_keeps_its_heading() -> None:
    """The box is read up to `dropped_box_max_elements` elements: a bigger one is not
    judged, so the cost stays linear in the page however many headings it has."""
    options = replace(DEFAULT_OPTIONS, dropped_box_max_elements=3)
    text = extract_generic(article_holding(TOOLS_BOX), URL, options=options).text
    assert "Story Tools" in text and "print this story" not in text


PLAYERS = {
    "video.js": (
        "<div class='video-js vjs-default-skin'><video src='/clip.mp4'></video>"
        "<div class='vjs-control-bar'><button class='vjs-play-control'><span "
        "class='vjs-control-text'>Play</span></button><div class='vjs-current-time'><span "
        "class='vjs-control-text'>Current Time </span>0:00</div><div class='vjs-duration'>"
        "<span class='vjs-control-text'>Duration Time</span> 1:24</div></div></div>"
    ),
    "jw player": (
        "<div class='jwplayer jw-reset'><div class='jw-reset jw-controls'><span "
        "class='jw-reset jw-text-elapsed'>Current Time 0:00</span><span class='jw-reset "
        "jw-text-duration'>Duration Time 1:24</span></div></div>"
    ),
    "mediaelement": (
        "<div class='mejs-container'><div class='mejs-controls'><div class='mejs-time'>"
        "Current Time 0:00</div><div class='mejs-duration'>Duration Time 1:24</div></div></div>"
    ),
    "plyr": (
        "<div class='plyr plyr--video'><div class='plyr__controls'><span class='plyr__time'>"
        "Current Time 0:00</span><span class='plyr__time--duration'>Duration Time 1:24</span>"
        "</div></div>"
    ),
}


@pytest.mark.parametrize("player", PLAYERS.values(), ids=PLAYERS.keys())
@pytest.mark.parametrize("skipped", [True, False])
def test_a_media_players_controls_are_no_text(player: str, skipped: bool) -> None:
    options = replace(DEFAULT_OPTIONS, player_controls_skipped=skipped)
    figure = f"<div class='media'><p>The aquarium's opening, on video.</p>{player}</div>"
    # below the text's first lines, where a line of a time alone is read as a dateline
    text = extract_generic(article_holding(figure, at=3), URL, options=options).text
    assert_clean(text)
    assert ("Current Time" not in text) is skipped
    assert ("Duration Time" not in text) is skipped


def test_a_class_merely_starting_like_a_players_is_walked() -> None:
    # "plyrics" and "vjsx" are no player's parts: only the players' own names are
    box = (
        "<div class='plyrics'><p>The choir sang the university anthem to open the day.</p></div>"
        "<div class='vjsx'><p>Students led tours of the new labs all afternoon.</p></div>"
    )
    text = extract_generic(article_holding(box), URL).text
    assert "The choir sang the university anthem" in text
    assert "Students led tours of the new labs" in text


PROMO_BOX = (
    "<div class='promoBox'><p>The campus bookshop has moved to the ground floor of the "
    "student union building, next to the new cafe.</p></div>"
)


def test_a_box_named_in_camel_case_is_read_like_a_hyphenated_one() -> None:
    """A component framework names its boxes in camel case ("promoBox", "relatedArticles",
    "ArticleBody_articleBody__x7Yz"): their words say what "promo-box" says."""
    html = article_holding(PROMO_BOX)
    assert_clean(extract_generic(html, URL).text, "campus bookshop")
    without = replace(DEFAULT_OPTIONS, camel_case_names_split=False)
    assert "campus bookshop" in extract_generic(html, URL, options=without).text


SIDE_NOTE = (
    "Events this week: a public lecture on coastal erosion on Tuesday evening in the main "
    "atrium, the film club's screening of a documentary about the estuary on Thursday, and "
    "the rowing club's open day on Saturday morning, with boats and coaches for beginners."
)


@pytest.mark.parametrize(
    "wrapper",
    [
        "p-body-main p-body-main--withSidebar",  # a modifier says how it looks, not what it is
        "StoryPanel_root__adFe2",  # a CSS module's hash ("__adFe2") says nothing
        "sc-bdfBwQ hAdXyN",  # a styled component's hashes have no words to split
    ],
)
def test_camel_case_words_are_read_only_where_they_are_words(wrapper: str) -> None:
    html = (
        "<html><head><title>Marine science building opens</title></head><body>"
        f"<h1>Marine science building opens</h1><div class='{wrapper}'>"
        # the text in bare <div>s: no run of paragraphs vouches for the box
        + "".join(f"<div>{text}</div>" for text in PARAGRAPHS)
        # a text long enough that a walk skipping the box would not try again through it
        + f"</div><div class='sideColumn'><p>{SIDE_NOTE}</p></div></body></html>"
    )
    assert_clean(extract_generic(html, URL).text)


def test_camel_case_names_split_where_they_are_words() -> None:
    from transforms.generic.walk import with_words_split

    assert "related-Articles" in with_words_split("relatedArticles")
    # a styled component: its display name split, its hash ("fjhTDA") left whole
    assert "Consent-Banner-Wrapper-fjhTDA" in with_words_split("ConsentBannerWrapper-fjhTDA")
    assert "Article-Body_article-Body" in with_words_split("ArticleBody_articleBody__x7Yz")
    assert with_words_split("p-body-main--withSidebar") == "p-body-main--withSidebar"
    assert with_words_split("sc-bdfBwQ hWfnpI") == "sc-bdfBwQ hWfnpI"
    assert with_words_split("article__body") == "article__body"
    assert "ad-" not in with_words_split("ArticleText_root__adFe2")


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        ("kommentare-liste", "Ein sehr guter Artikel, vielen Dank für die ausführliche Recherche!"),
        ("caja-comentarios", "Excelente nota, muy bien explicada la situación del puerto."),
        ("yorumlar", "Çok güzel bir haber olmuş, emeğinize sağlık arkadaşlar."),
        ("publicidad-top", "Compre ahora su seguro de hogar con un descuento especial de verano."),
        ("werbung", "Jetzt den neuen Tarif sichern und im ersten Jahr kräftig sparen."),
        ("noticias-relacionadas", "El puerto amplía su terminal de contenedores hasta 2030."),
    ],
)
def test_a_box_named_in_the_sites_language_is_furniture(name: str, furniture: str) -> None:
    """Comments, ads and related stories named in German, Spanish, Turkish ("kommentare",
    "comentarios", "yorumlar", "publicidad", "werbung", "relacionadas")."""
    box = f"<div class='{name}'><p>{furniture}</p></div>"
    assert_clean(body_of(after=box), furniture)


def test_a_form_fields_label_is_no_text() -> None:
    """A script-built page's newsletter box sets its consent checkbox outside any <form>: the
    label's words ("I would like to be emailed about offers") are the box's, not the text's."""
    offer = "I would like to be emailed about offers, events and updates from the university."
    box = (
        "<div class='nl-box'><div><input type='checkbox' id='nl-offers' name='offers'>"
        f"<label for='nl-offers'>{offer}</label></div>"
        f"<label><input type='checkbox' name='terms'> {offer.replace('offers', 'news')}</label>"
        "</div>"
    )
    html = article_holding(box)
    assert_clean(extract_generic(html, URL).text, offer, offer.replace("offers", "news"))
    without = replace(DEFAULT_OPTIONS, field_labels_skipped=False)
    assert offer in extract_generic(html, URL, options=without).text


def test_a_box_named_by_its_test_id_is_read_by_that_name() -> None:
    """A CSS-in-JS page hashes its classes ("sc-3f9a1b kXqWzT") and names its components for
    its tests instead: `data-testid="promo-box"`, `data-component="PromoBox"`."""
    for attribute in (
        "data-testid='promo-box'",
        "data-component='PromoBox'",
        "aria-label='Advertisement'",  # a box's accessible name
    ):
        box = PROMO_BOX.replace("class='promoBox'", f"class='sc-3f9a1b kXqWzT' {attribute}")
        html = article_holding(box)
        assert_clean(extract_generic(html, URL).text, "campus bookshop")
        without = replace(DEFAULT_OPTIONS, data_names_read=False)
        assert "campus bookshop" in extract_generic(html, URL, options=without).text


def test_a_figure_named_for_its_caption_keeps_its_picture() -> None:
    """WordPress names the figure around a picture and its caption "wp-caption": the picture
    is the text's, the caption the picture's, neither is furniture."""
    caption = "The seawater aquarium on the ground floor of the new building."
    figure = (
        "<figure class='img-container wp-caption'><img src='/images/aquarium.jpg' alt=''>"
        f"<figcaption class='wp-caption-text'>{caption}</figcaption></figure>"
    )
    article = extract_generic(article_holding(figure), URL)
    assert_clean(article.text, caption)
    assert [image.caption for image in article.images] == [caption]
    without = replace(DEFAULT_OPTIONS, captioned_figures_walked=False)
    assert extract_generic(article_holding(figure), URL, options=without).images == ()
    named_otherwise_too = figure.replace("img-container", "related-gallery")
    assert extract_generic(article_holding(named_otherwise_too), URL).images == ()


THREAD_COMMENTS = [
    f"I was a student there in the nineties and the old labs were falling apart even then, "
    f"so this building is long overdue and I hope the aquarium is open to schools too ({n})."
    for n in range(1, 9)
]


def hashed_page_with_comments(heading: str) -> str:
    """A CSS-in-JS page (hashed classes only): a short story, then a longer comment thread
    whose box says what it is only by its heading."""
    comments = "".join(
        "<div class='c06d4cd'><div class='c14c4b0'><a href='/members/7'>Reader</a></div>"
        f"<div class='c5fc732'>2 days ago at 07:52 am</div><div class='c9a0364'>{text}</div>"
        "<div class='c2c5504'><strong>Rating:</strong> 36 Votes</div></div>"
        for text in THREAD_COMMENTS
    )
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (
        "<html><head><title>Marine science building opens</title></head><body>"
        "<div class='ca1b2c3'><h1>Marine science building opens</h1>"
        f"<div class='cd4e5f6'>{paragraphs}</div></div>"
        f"<div class='c7a8b9c'><h2>{heading}</h2>{comments}</div></body></html>"
    )


@pytest.mark.parametrize("heading", ["Top Rated Comments", "12 Comments", "Kommentare (8)"])
def test_a_box_headed_as_comments_is_a_comment_thread(heading: str) -> None:
    """With hashed names, a comment thread says what it is by its heading only; longer than a
    short story, it would otherwise be taken for the text."""
    html = hashed_page_with_comments(heading)
    assert_clean(extract_generic(html, URL).text, *THREAD_COMMENTS)
    without = replace(DEFAULT_OPTIONS, headed_boxes_named=False)
    assert THREAD_COMMENTS[0] in extract_generic(html, URL, options=without).text


def test_a_box_headed_otherwise_is_read() -> None:
    """A heading that names no comment thread ("Comment policy", "Reader survey results")
    leaves its box to the other rules: here the longer box is the text."""
    for heading in ("Comment policy", "Reader survey results"):
        assert THREAD_COMMENTS[0] in extract_generic(hashed_page_with_comments(heading), URL).text


RAIL_LINKS = [
    "Alumni weekend draws record crowds",
    "New rowing coach appointed for the spring season",
    "Library extends its opening hours during exams",
]
RAIL_BLURBS = [
    "More than three thousand graduates came back to the campus for the reunion weekend.",
    "The former national team rower takes over the university's boat club in March.",
    "The main library will stay open until two in the morning for the whole exam period.",
]


def test_a_box_of_links_headed_like_a_rail_is_furniture() -> None:
    """A rail of other stories named only by its heading ("Related stories", "Mehr zum
    Thema") goes; a box under the same heading that is prose ("Read more" over an
    accordion's text) is read."""
    teasers = "".join(
        f"<li><a href='/news/{n}'>{link}</a><p>{blurb}</p></li>"
        for n, (link, blurb) in enumerate(zip(RAIL_LINKS, RAIL_BLURBS, strict=True))
    )
    for heading in ("Related stories", "Mehr zum Thema"):
        rail = f"<div class='x1y2z3'><h3>{heading}</h3><ul>{teasers}</ul></div>"
        html = article_holding(rail)
        assert_clean(extract_generic(html, URL).text, *RAIL_BLURBS)
        without = replace(DEFAULT_OPTIONS, headed_boxes_named=False)
        assert RAIL_BLURBS[0] in extract_generic(html, URL, options=without).text
    story = "The aquarium's first octopus arrived from a rescue centre on the north coast."
    accordion = f"<div class='x1y2z3'><h3>Read more</h3><p>{story}</p></div>"
    assert story in extract_generic(article_holding(accordion), URL).text


def test_a_rail_skipped_by_its_heading_still_ends_the_text() -> None:
    """The heading of a rail skipped for it ("More News") is where the text ends, as it is
    when the rail is read: the site's blurb after it is not the story's."""
    teasers = "".join(
        f"<li><a href='/news/{n}'>{link}</a><p>{blurb}</p></li>"
        for n, (link, blurb) in enumerate(zip(RAIL_LINKS, RAIL_BLURBS, strict=True))
    )
    blurb = (
        "Coastal News is written by the university's press office and student reporters, "
        "with stories from every faculty and campus."
    )
    html = article_holding("").replace(
        "</article>",
        f"<div class='x1y2z3'><h2>More News</h2><ul>{teasers}</ul></div><p>{blurb}</p></article>",
    )
    assert_clean(extract_generic(html, URL).text, *RAIL_BLURBS, blurb)


def walked_text(html: str, options: ExtractionOptions = DEFAULT_OPTIONS) -> str:
    """What the walk reads of a page, before any container is chosen."""
    page = walk_page(parse_html(html), URL, relaxed=False, options=options)
    return "\n".join(block.text for block in page.blocks)


def div_soup_page(box_class: str) -> str:
    """A page writing every paragraph as a <div>, its text in a box named `box_class`."""
    paragraphs = "".join(f"<div>{text}</div>" for text in PARAGRAPHS)
    return (
        "<html><head><title>Marine science building opens</title></head><body>"
        "<div class='page'><h1>Marine science building opens</h1>"
        f"<div class='{box_class}'>{paragraphs}</div></div></body></html>"
    )


def test_on_a_page_of_div_paragraphs_a_box_is_weighed_by_them() -> None:
    """A page writing its paragraphs as <div>s, its text in a box whose name reads like
    boilerplate ("category-detail-inner"): the box holds the text, as it would in <p>s."""
    html = div_soup_page("category-detail-inner")
    assert PARAGRAPHS[1] in walked_text(html)
    without = replace(DEFAULT_OPTIONS, div_paragraphs_weighed=False)
    assert PARAGRAPHS[1] not in walked_text(html, without)


def test_on_a_page_of_p_paragraphs_a_box_of_div_blurbs_stays_furniture() -> None:
    """Where the text is written in <p>s, a box named like boilerplate holding long <div>s
    (a category box's blurbs) is still furniture."""
    box = div_soup_page("category-detail-inner").split("<h1>")[1].split("</h1>")[1]
    html = article_holding("").replace("</article>", f"</article>{box}")
    assert PARAGRAPHS[0] in walked_text(html)
    assert walked_text(html).count(PARAGRAPHS[1]) == 1  # the <p>, not the box's <div>


TOP_STORY_LEADS = [
    f"The council voted on the {n}th night of the session to keep the harbour ferries running "
    f"through the winter, after hundreds of commuters wrote to ask for a later last crossing..."
    for n in range(4, 16)
]


@pytest.mark.parametrize("rule", [True, False])
def test_a_rail_heading_outweighs_the_leads_of_its_teaser_cards(rule: bool) -> None:
    """A dozen cards under "More top stories", each a linked headline and a long lead: the
    leads make more prose than the story, yet the box is a rail of other stories."""
    cards = "".join(
        f"<div class='article'><h3><a href='/news/{n}'>Ferries stay on for the winter: the "
        f"council gives way to the commuters who asked for a later last crossing ({n})</a>"
        f"</h3><p>{lead}</p></div>"
        for n, lead in enumerate(TOP_STORY_LEADS)
    )
    story = article_holding("").replace(
        "<article>", "<article><h1>Marine science building opens</h1>"
    )
    html = story.replace(
        "</article>", f"</article><div class='item news'><h2>More top stories</h2>{cards}</div>"
    )
    options = replace(DEFAULT_OPTIONS, rail_headings_outweigh_text=rule)
    text = extract_generic(html, URL, options=options).text
    if rule:
        assert_clean(text, *TOP_STORY_LEADS)
    else:
        assert TOP_STORY_LEADS[0] in text


CONSENT_PLACEHOLDER = [
    "Externer Inhalt nicht verfügbar",
    "Deine Privatsphäre-Einstellungen verhindern das Laden und Anzeigen aller externen Inhalte "
    "(z.B. Grafiken, Tabellen, Abo-Login) und Sozialen Netzwerke (z.B. Youtube, Twitter, "
    "Facebook, Instagram etc.)",
    "Zur Anzeige aktiviere bitte die Einstellungen in den Privatsphäre-Einstellungen.",
    "Your privacy settings prevent this content from loading.",
    "Empfohlener redaktioneller Inhalt",
    "An dieser Stelle finden Sie externen Inhalt, der den Bericht ergänzt. Mit einem Klick "
    "lassen Sie ihn sich anzeigen oder blenden ihn wieder aus.",
    "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden. Dabei können Daten "
    "an Dritte übermittelt werden.",
    "Mehr dazu in unserer Datenschutzerklärung.",
    "Wir benötigen Ihre Zustimmung, um den eingebundenen Instagram-Beitrag anzuzeigen.",
    "Um Ihre Daten zu schützen, haben wir das automatische Laden der Inhalte von Instagram "
    "blockiert.",
]


@pytest.mark.parametrize("notes", [True, False])
def test_an_embeds_consent_placeholder_is_no_text(notes: bool) -> None:
    """An embed held back for consent, in a box whose hashed class says nothing: its notice
    is known by its words."""
    placeholder = "".join(f"<div class='c3f9a1b'>{line}</div>" for line in CONSENT_PLACEHOLDER)
    html = article_holding(f"<div class='c77d0e2'>{placeholder}</div>")
    options = replace(DEFAULT_OPTIONS, service_notes_dropped=notes)
    text = extract_generic(html, URL, options=options).text
    assert CONSENT_PLACEHOLDER[0] not in text  # a short label: dropped either way
    if notes:
        assert_clean(text, *CONSENT_PLACEHOLDER)
    else:
        assert CONSENT_PLACEHOLDER[1] in text


CARDS = [
    (
        "Fire on a horse farm in the valley: five people hurt",
        "Straw bales in the barn caught fire on Tuesday night, and the horses in the stable next "
        "to it were led to safety by the neighbours.",
    ),
    (
        "Police stop a driver with a kilo of cocaine on the A30",
        "The officers put the value of the drugs at ninety thousand euros; the driver, who is "
        "twenty-two, is in custody.",
    ),
    (
        "New coach for the harbour club after a poor season",
        "The former coach of two first-division sides signed for two years and takes over the "
        "squad at the start of the summer.",
    ),
]


def page_closing_with(cards: str) -> str:
    return article_holding("").replace(
        "</article>", f"<div class='c1a2b3c'>{cards}</div></article>"
    )


@pytest.mark.parametrize("rule", [True, False])
def test_a_rail_of_teaser_cards_closing_the_text_is_no_text(rule: bool) -> None:
    """Cards with hashed classes: a heading that is all one link to another story of the
    site, and a short lead under it."""
    cards = "".join(
        f"<div class='c4d5e6f'><h2><a href='/news/story-{n}'>{headline}</a></h2><p>{lead}</p></div>"
        for n, (headline, lead) in enumerate(CARDS)
    )
    options = replace(DEFAULT_OPTIONS, card_rails_end_text=rule)
    text = extract_generic(page_closing_with(cards), URL, options=options).text
    if rule:
        assert_clean(text, *(line for card in CARDS for line in card))
    else:
        assert CARDS[0][0] in text and CARDS[0][1] in text


def _cards(first: int, last: int) -> str:
    return "".join(
        f"<div class='c4d5e6f'><h2><a href='/news/story-{n}'>{headline}</a></h2><p>{lead}</p></div>"
        for n, (headline, lead) in enumerate(CARDS[first:last], start=first)
    )


@pytest.mark.parametrize("stubs", [3, 0])
def test_a_rail_closed_by_a_programme_note_and_another_rail_is_no_text(stubs: bool) -> None:
    """A broadcaster's page: a rail, its programme note (a label over a line saying no
    sentence), a tag box's heading, and a second rail."""
    closing = (
        _cards(0, 2)
        + "<p>Dieses Thema im Programm:</p><h3>NDR 1 Niedersachsen | 17.06.2025 | 15:00 Uhr</h3>"
        + "<h3>Schlagwörter zu diesem Artikel</h3>"
        + _cards(2, 3)
        + "<div><h2><a href='/news/story-9'>Harbour festival moves to the old quay</a></h2>"
        + "<p>The stalls open on Friday.</p></div>"
    )
    options = replace(DEFAULT_OPTIONS, card_rail_trailing_stubs=stubs)
    html = page_closing_with(closing).replace(
        "<article>", "<article><h1>Marine science building opens</h1>"
    )
    text = extract_generic(html, URL, options=options).text
    if stubs:
        assert_clean(text, CARDS[0][0], CARDS[1][1], "15:00 Uhr", "Schlagwörter", "old quay")
    else:
        assert CARDS[0][0] in text and CARDS[1][1] in text


@pytest.mark.parametrize(
    "closing_line",
    [
        "The council meets again in May.",
        # no stop, but longer than a note's line
        "Reporting by the regional desk with additional reporting from the coast and the "
        "islands and the valley towns",
    ],
)
def test_a_line_of_text_after_the_cards_keeps_them_in_the_text(closing_line: str) -> None:
    """Cards followed by a line of the text: no rail closes it."""
    closing = _cards(0, 2) + f"<p>{closing_line}</p>"
    text = extract_generic(page_closing_with(closing), URL).text
    assert CARDS[0][0] in text and CARDS[1][1] in text


def test_linked_subheadings_over_paragraphs_of_the_text_stay() -> None:
    """A text whose subheadings link to the site's pages, each over two paragraphs of its
    own: no card has more than one lead."""
    parts = "".join(
        f"<h2><a href='/guide/part-{n}'>{headline}</a></h2><p>{lead}</p>"
        "<p>The council will decide on the next steps at its meeting in May.</p>"
        for n, (headline, lead) in enumerate(CARDS[:2])
    )
    text = extract_generic(page_closing_with(parts), URL).text
    assert all(headline in text and lead in text for headline, lead in CARDS[:2])


def test_short_linked_section_names_are_no_cards() -> None:
    """A guide's closing links to its parts ("Training", "Video collection"), each with a
    line saying what it holds: section names, not headlines."""
    sections = [
        (
            "Training",
            "When employees are trained to work safely, they can foresee and avoid the "
            "hazards of the job before anyone is hurt.",
        ),
        (
            "Video collection",
            "A series of short films that introduce the guidance for small "
            "businesses, one topic at a time.",
        ),
    ]
    parts = "".join(
        f"<h3><a href='/guide/{n}'>{name}</a></h3><p>{line}</p>"
        for n, (name, line) in enumerate(sections)
    )
    text = extract_generic(page_closing_with(parts), URL).text
    assert all(line in text for _, line in sections)


PITCH_BENEFITS = [
    "Unlimited online access to the paper and fifteen news sites with one account.",
    "The ePaper, an electronic replica of the print edition to view on any device.",
    "Exclusive articles by our sports columnists, and the newsletters and events.",
]


@pytest.mark.parametrize("rule", [True, False])
def test_a_box_opening_with_a_paywall_pitch_is_the_paywall(rule: bool) -> None:
    """Postmedia's pitch between the paragraphs, in boxes whose hashed classes say nothing:
    its first line says what it is."""
    benefits = "".join(f"<li>{line}</li>" for line in PITCH_BENEFITS)
    pitch = (
        "<div class='c5a6b7c'><div class='c0d1e2f'>THIS CONTENT IS RESERVED FOR SUBSCRIBERS "
        "ONLY</div><p>Subscribe now to read the latest news in your city and across the "
        f"country.</p><ul>{benefits}</ul></div>"
    )
    options = replace(DEFAULT_OPTIONS, pitch_boxes_named=rule)
    text = extract_generic(article_holding(pitch), URL, options=options).text
    if rule:
        assert_clean(text, *PITCH_BENEFITS)
    else:
        assert PITCH_BENEFITS[0] in text


PHOTO_CREDITS = [
    "STR/AFP via Getty Images",
    "IMAGO/Jane Doe",
    "Main image: Harbourfoto/iStock",
    "The ferry at the quay / picture alliance",
]


@pytest.mark.parametrize("rule", [True, False])
def test_a_pictures_credit_line_left_in_the_text_is_no_text(rule: bool) -> None:
    """Credit lines under pictures whose hashed boxes say nothing: known by the photo agency
    that ends them; a sentence naming the agency goes on after it and stays."""
    credits = "".join(
        f"<div class='c2b9e41'><img src='/p{n}.jpg' alt=''><div class='c7d1a0f'>{line}</div></div>"
        for n, line in enumerate(PHOTO_CREDITS)
    )
    sentence = "Shutterstock expands its deal with the harbour museum for a second year."
    html = article_holding(f"{credits}<p>{sentence}</p>")
    options = replace(DEFAULT_OPTIONS, photo_credit_lines_dropped=rule)
    text = extract_generic(html, URL, options=options).text
    assert sentence in text
    if rule:
        assert_clean(text, *PHOTO_CREDITS)
    else:
        assert PHOTO_CREDITS[0] in text


SHARE_BUTTONS = (
    "<div><a href='https://www.facebook.com/sharer/sharer.php?u=https://go.coastal-uni.example"
    "/p/4SUrv%3Fsrc%3Dfacebook'>Share</a> <a href='https://twitter.com/intent/tweet?text="
    "Marine%20building%20opens%20https://go.coastal-uni.example/p/4SUrv%3Fsrc%3Dtwitter'>"
    "Post</a></div>"
)


@pytest.mark.parametrize(
    "address",
    [URL, URL.replace("https://", "http://www.") + "/", "https://go.coastal-uni.example/p/4SUrv"],
)
def test_a_line_saying_the_page_s_own_address_is_not_body(address: str) -> None:
    """A "copy the link" box under the text: the page's URL, or the short address its share
    buttons hand on (DW's "https://p.dw.com/p/4SUrv")."""
    html = article_holding(f"{SHARE_BUTTONS}<p>{address}</p>", at=2)
    assert_clean(extract_generic(html, URL).text, address)
    without = replace(DEFAULT_OPTIONS, own_address_lines_dropped=False)
    assert address in extract_generic(html, URL, options=without).text


def test_an_address_the_text_cites_stays() -> None:
    """Another page's address, linked once through a redirect, is the text's citation."""
    cited = "https://www.fisheries-board.example/reports/estuary-2024"
    html = article_holding(
        f"<p><a href='https://out.coastal-uni.example/?to={cited}'>{cited}</a></p>", at=2
    )
    assert cited in extract_generic(html, URL).text


def test_a_gallery_s_counter_and_close_button_are_not_body() -> None:
    """A lightbox's lines shown between the paragraphs: "Image 1 of / 9", "Close"."""
    gallery = "<div><img src='/a.jpg'><p>Image 1 of / 9</p><p>Close</p></div>"
    html = article_holding(gallery, at=2)
    assert_clean(extract_generic(html, URL).text, "Image 1 of", "Close")
    without = replace(DEFAULT_OPTIONS, boilerplate_text_max_chars=0)
    assert "Image 1 of / 9" in extract_generic(html, URL, options=without).text
