"""Author classes found on pages from sites never developed on (trafilatura's evaluation set as
the stand-in): what a byline says around the name, bylines that hold no name, metadata that
gives a login instead of the name, and the publisher's own name inside a person's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from test_real_site_classes import (
    HEADLINE,
    PARAGRAPHS,
    SITE,
    URL,
    authors_of,
    json_ld,
    meta,
    page,
)

from transforms.extract import extract_article
from transforms.generic import extract_generic
from transforms.generic.fields import clean_author_names
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.generic.titles import title_tail

PUBLISHERS = {"harbour daily", "harbourdaily"}


def with_and_without(head: str, before: str = "", **off: object) -> tuple[tuple[str, ...], ...]:
    """The page's authors, and its authors with the rule under test switched off."""
    html = page(title=HEADLINE, head=meta("og:site_name", SITE) + head, before=before)
    without = replace(DEFAULT_OPTIONS, **off)
    return extract_article(html, URL).authors, extract_generic(html, URL, options=without).authors


@pytest.mark.parametrize(
    "raw",
    [
        ", par Jane Doe",
        "| Autor: Jane Doe",
        "Interview: Jane Doe",
        "Rezept von Jane Doe",
        "Ein Beitrag von Jane Doe",
        "Beitragvon Jane Doe »",
        "Gespeichert von Jane Doe am",
        "© Jane Doe",
        "Jane Doe Jane Doe",
        "Jane Doe - https://janedoe.example/",
        "Jane Doe - [email protected]",
        "Jane Doe - jane[at]doe.example",
        "Jane Doe22. Februar 2024",
        "Jane Doe - January 2, 2024",
        "Jane Doe Fr, 12.01.2024",
        "Jane Doe Stand: 12.01.2024",
        "Jane Doe Edition : John Roe",
        "Jane Doe, PhD",
        "Jane Doe vor",
        "Jane Doe Hace",
        "Alles von Jane Doe",
        "Kommentar von Jane Doe",
        "Jane Doe Assistant Sports Editor",
        "Jane Doe Political Editor",
        "Jane Doe Zuerst veröffentlicht",
        "All posts by Jane Doe",
        "FOCUS-Online-Experte Jane Doe",
        "Korrespondentin: Jane Doe",
        "Jane Doe, Online-Redakteurin",  # a role with its desk before it
        "Jane Doe Wirtschafts-Korrespondentin",
        "Jane Doe Autorin",
        "Submitted by Jane Doe on Thu, 11/02/2023 - 10:15",
        "Jane Doe /",
        "Jane Doe in Valve",
        "Jane Doe (Bruxelles, correspondante)",
        "Jane Doe(Bruxelles",
        "Piše: Jane Doe prije 26 minuta",
        "Napisała Jane Doe",
        "Autor/in: Jane Doe",
        "Jane Doe For Mailonline",
        "Фото: Jane Doe",
        "Recueilli par Jane Doe.",
        "Texte: Jane Doe",
        "Texte : Jane Doe, Fotos: John Roe",
        "Tekst: Jane Doe",
        "Szerző: Jane Doe",
        "Kirjoittaja: Jane Doe",
        "Oleh: Jane Doe",
        "a cura di Jane Doe",
        "Reporting by Jane Doe; Editing by John Roe",
    ],
)
def test_what_a_byline_says_around_the_name_goes(raw: str) -> None:
    assert clean_author_names([raw], set()) == ("Jane Doe",)


@pytest.mark.parametrize(
    "raw",
    [
        "Posted on",
        "Publiziert am",
        "Artikel von:",
        "Follow",
        "No Author",
        "admin",
        "Auteurs",
        "Afficher mon profil complet",
        "Username",
        "Trump's inauguration: ticket packages",
        "Donnerstag, 4. November 2021",
        "Submitted on Mon, 2019-01-21 13:49",
        "Thank You! Your effort and contribution in providing this feedback is much appreciated.",
        "publisher",
        "anónimo",
        "Theme: Pirate Rogue von xwolf",
        "Subject",
        "See All Articles",
        "Bio",
        "View Bio",
        # a day's name, what a sentence's "von Montag, den 1. Mai bis …" leaves
        "Montag",
        "Wednesday",
        "vendredi",
        "domingo",
    ],
)
def test_a_label_without_a_name_is_no_author(raw: str) -> None:
    assert clean_author_names([raw], set()) == ()


def test_a_slash_between_two_names_parts_them() -> None:
    assert clean_author_names(["Jane Doe/John Roe"], set()) == ("Jane Doe", "John Roe")
    assert clean_author_names(["AFP/The Local"], set()) == ("AFP/The Local",)  # one agency


def test_capitals_do_not_make_a_glued_label() -> None:
    """ "AFP/The Local" is an agency, not "af" (Danish "by") glued to "P/The Local"."""
    assert clean_author_names(["AFP/The Local"], set()) == ("AFP/The Local",)
    assert clean_author_names(["Geschrieben vonJane Doe"], set()) == ("Jane Doe",)


def test_the_and_of_a_headline_case_byline_splits_and_the_desk_after_it_goes() -> None:
    raw = "Glen Owen And Brendan Carlin For The Mail On Sunday"
    assert clean_author_names([raw], set()) == ("Glen Owen", "Brendan Carlin")


@pytest.mark.parametrize(
    "raw", ["Autorzy: Jane Doe i John Roe", "Piše: Jane Doe i John Roe", "Jane Doe i John Roe"]
)
def test_the_polish_croatian_and_catalan_and_splits_two_names(raw: str) -> None:
    assert clean_author_names([raw], set()) == ("Jane Doe", "John Roe")
    assert clean_author_names(["Jane Doe i. Roe"], set()) == ("Jane Doe i. Roe",)  # an initial


def test_a_name_that_is_a_label_elsewhere_stays() -> None:
    """Indonesian "Oleh" (by) is a label only before a colon: Ukrainians are named Oleh."""
    assert clean_author_names(["Oleh Sentsov"], set()) == ("Oleh Sentsov",)


def test_a_legal_form_is_not_split_as_a_portuguese_and() -> None:
    assert clean_author_names(["Bund der Verbraucher e.V."], set(), keep_publisher=True) == (
        "Bund der Verbraucher e.V.",
    )
    assert clean_author_names(["Maria Silva e João Costa"], set()) == ("Maria Silva", "João Costa")


def test_escaped_entities_in_structured_data_are_read_as_letters() -> None:
    head = json_ld(**{"@type": "NewsArticle", "author": {"name": "Redacci&oacute;n Central"}})
    assert authors_of(head) == ("Redacción Central",)


def test_a_pen_name_is_not_cut_at_a_role_word() -> None:
    assert clean_author_names(["Rasender Reporter"], set()) == ("Rasender Reporter",)
    assert clean_author_names(["Jane Doe Reporter"], set()) == ("Jane Doe",)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jane Doe HarbourDaily Staff", "Jane Doe"),
        ("harbourdaily - Jane Doe", "Jane Doe"),
        ("Redaktion Harbour Daily Nord", "Redaktion Harbour Daily Nord"),
        ("Harbour Daily Editorial Team", "Harbour Daily Editorial Team"),  # a desk stays
        ("Verein Harbour Daily e.V.", "Verein Harbour Daily e.V."),
    ],
)
def test_the_publishers_name_inside_a_persons_goes(raw: str, expected: str) -> None:
    assert clean_author_names([raw], PUBLISHERS, keep_publisher=True) == (expected,)


def test_a_byline_without_a_name_gives_way_to_the_next() -> None:
    byline = (
        "<div class='author-date'>Posted on 12 March 2024</div><p class='byline'>By Jane Doe</p>"
    )
    assert authors_of("", before=byline) == ("Jane Doe",)
    options = ExtractionOptions(next_byline=False)
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=byline)
    assert (
        extract_article(html, "https://x.example/a", profile="generic", options=options).authors
        == ()
    )


def test_a_byline_holding_the_date_too_gives_the_name() -> None:
    assert authors_of("", before="<p class='date-author'>Jane Doe, 01.12.2021</p>") == ("Jane Doe",)


@pytest.mark.parametrize(
    "byline",
    [
        "<ul class='author clipboard'><li>Jane Doe</li></ul>",
        "<h4 class='vcard author'>vom <span class='fn'>Jane Doe</span></h4>",
        "<span class='authorname-txt'><span>Jane Doe</span></span>",
        "<div class='submitted'>Gespeichert von <span>Jane Doe</span> am 24. Juli 2017</div>",
        "<div class='article-writer'>Jane Doe</div>",
    ],
)
def test_byline_boxes_of_other_shapes_are_read(byline: str) -> None:
    assert authors_of("", before=byline) == ("Jane Doe",)


def test_a_writer_class_names_a_cjk_byline() -> None:
    """japan.cnet.com sets its writer under the headline as `<span class="writer">`, with no
    author tag or label to find it by."""
    assert authors_of("", before="<span class='writer'>松村太郎</span>") == ("松村太郎",)


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="parsely-author" content="Jane Doe">',
        '<meta name="shareaholic:article_author_name" content="Jane Doe">',
        '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" '
        'content="Jane Doe">',
        '<meta name="article_author" content="Jane Doe | jdoe@harbourdaily.example">',
        '<meta name="byl" content="By Jane Doe">',
    ],
)
def test_author_meta_tags_of_other_vendors_are_read(head: str) -> None:
    assert authors_of(head) == ("Jane Doe",)


def test_the_site_menu_gives_way_to_the_author_tag() -> None:
    # Advance Local's pages name the author only in `article_author`; the first "byline"
    # the page shows is a menu's section ("Region", "Your Opinions")
    head = '<meta name="article_author" content="Jane Doe | jdoe@harbourdaily.example">'
    menu = "<div class='byline'><a href='/region/'>Region</a></div>"
    assert authors_of(head, before=menu) == ("Jane Doe",)


def test_a_reading_time_card_is_not_an_author() -> None:
    head = (
        '<meta name="twitter:label1" content="Est. reading time">'
        '<meta name="twitter:data1" content="4 minutes">'
    )
    assert authors_of(head) == ()


@pytest.mark.parametrize("login", ["janedoe", "jane.doe", "Jane"])
def test_a_login_in_the_metadata_gives_way_to_the_bylines_full_name(login: str) -> None:
    head = f'<meta name="author" content="{login}">'
    assert authors_of(head, before="<p class='byline'>von Jane Doe</p>") == ("Jane Doe",)


def test_a_login_gives_way_to_a_byline_naming_someone_else_in_full() -> None:
    # carta.info: <meta name="author" content="dehlix"> (the theme's maker) on every page
    head = '<meta name="author" content="janedoe">'
    byline = "<p class='byline'>von John Roe</p>"
    assert with_and_without(head, byline, byline_over_handle_author=False) == (
        ("John Roe",),
        ("janedoe",),
    )
    # a name written with capitals, or in a script without them, is a person's, and stays
    for person in ("Jane", "张三"):
        assert authors_of(f'<meta name="author" content="{person}">', before=byline) == (person,)


@pytest.mark.parametrize(
    "byline",
    [
        "<div class='metaInfo'>Ein Artikel von <strong>Jane Doe</strong> | 27.01.2022 - 12:45</div>",
        "<p><em>Text von Jane Doe &nbsp; Illustration von John Roe</em></p>",
        "<div><h5>Autor: </h5>Jane Doe/SP-X</div>",
        # past an empty divider or the author's photo before the label
        "<a href='javascript:mail()'><div class='trenner'> </div> <b>Von:</b><br><br>Jane Doe</a>",
        "<p class='text'> <img class='autorenbild' src='/jd.jpg'> <i>Von Jane Doe</i> </p>",
    ],
)
def test_a_labelled_byline_with_the_name_after_the_label_or_a_date_after_the_name(
    byline: str,
) -> None:
    assert authors_of("", before=byline) == ("Jane Doe",)


def test_a_label_followed_by_a_topic_is_no_byline() -> None:
    assert authors_of("", before="<p>Text &amp; Themen</p>") == ()


@pytest.mark.parametrize(
    ("line", "labelled"),
    [
        ("<p class='text-muted'>11.12.2019 - Jane Doe</p>", False),
        ("<small>04.02.2022 | 13:10 Uhr | Jane Doe</small>", False),
        ("<span>2022-10-25 – Jane Doe</span>", False),
        # a desk label and a role around the name, the name in a child of the date's element
        (
            "<div class='news-single-timedata'>05.02.2020 <span>-&nbsp;Redaktion: Jane Doe "
            "(Pressesprecherin des Vereins)</span></div>",
            True,
        ),
        ("<p>11.12.2019 | Text: Jane Doe</p>", True),
    ],
)
def test_a_line_of_a_date_and_a_name_names_the_author(line: str, labelled: bool) -> None:
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=line)
    article = extract_article(html, "https://x.example/a", profile="generic")
    assert article.authors == ("Jane Doe",)
    assert article.sources["authors"] == "dateline"
    if labelled:
        without = replace(DEFAULT_OPTIONS, dated_name_labels=False)
        assert extract_generic(html, "https://x.example/a", options=without).authors == ()


@pytest.mark.parametrize(
    "box",
    [
        # a line break between the name and the day the post went up
        "<div class='entry-meta pf-author'><span class='vcard'><a href='/author/jd'>Jane Doe"
        "</a></span><br/><span class='posted'><time>Do 22 Feb 2024</time></span></div>",
        # the name's link and the day's element meet without a space
        "<div class='byline'><a href='/author/jd'>Jane Doe</a><span>Published 3 May 2024"
        "</span></div>",
        # the author's name, then the handle their social profile goes by
        "<div class='entry-meta-author'><a class='author-link' href='/author/jane/'>Jane Doe</a>"
        "<a class='author-twitter' href='https://twitter.com/janedoe_news'>janedoe_news</a></div>",
    ],
)
def test_a_bylines_parts_are_read_apart(box: str) -> None:
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=box)
    assert extract_article(html, URL, profile="generic").authors == ("Jane Doe",)
    # the name's link to the author's page would give the name alone too
    without = replace(DEFAULT_OPTIONS, byline_reads_parts=False, byline_inner_author_links=False)
    assert extract_generic(html, URL, options=without).authors != ("Jane Doe",)


def test_a_name_in_a_link_to_a_social_profile_stays_the_name() -> None:
    box = (
        "<div class='author'><a class='handle' href='https://twitter.com/' rel='author'>"
        "Jane Doe</a></div>"
    )
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=box)
    assert extract_article(html, URL, profile="generic").authors == ("Jane Doe",)


def test_a_sites_address_is_followed_by_its_town_not_by_more_people() -> None:
    names = ["harbourdaily.example.com", "Harbourtown", "Germany"]
    assert clean_author_names(names, set()) == ()
    assert clean_author_names(names, set(), keep_publisher=True) == ("harbourdaily.example.com",)


@pytest.mark.parametrize(
    "raw",
    [
        ["Jane Doe", "Contributing Writer"],
        ["Jane Doe | Contributing Writer | 5 days ago"],
        ["Jane Doe, Technical Writer"],
        ["Jane Doe, Editorial Columnist"],
        ["Jane Doe", "AP Sports Writer"],
        ["Jane Doe", "AP National Security Writer"],
        ["Jane Doe, Associated Press Writer"],
        ["Jane Doe - Associated Press Writer"],
        ["Jane Doe AP Technology Writer"],
    ],
)
def test_a_writers_role_and_the_agency_desk_before_it_are_no_author(raw: list[str]) -> None:
    """ "Greg Beacham, AP Sports Writer": what a credit line says after the name is the
    writer's role at the agency, not a second author."""
    assert clean_author_names(raw, set()) == ("Jane Doe",)


def test_a_surname_that_is_a_role_word_stays() -> None:
    assert clean_author_names(["Jane Writer"], set()) == ("Jane Writer",)
    assert clean_author_names(["Jane Doe", "Writer"], set()) == ("Jane Doe",)


def test_an_agency_code_keeps_its_name_without_its_role() -> None:
    assert clean_author_names(["SID Nachrichtenagentur"], set()) == ("SID",)
    assert clean_author_names(["Rasender Reporter"], set()) == ("Rasender Reporter",)


@pytest.mark.parametrize(
    "box",
    [
        "<p class='autorenzeile small'>Jane Doe</p>",
        "<small class='redakteur'><span>von Jane Doe</span></small>",
        "<div class='autor'>Jane Doe | Publicado hace 3 horas</div>",
    ],
)
def test_a_byline_class_in_another_language_names_the_author(box: str) -> None:
    assert authors_of("", before=box) == ("Jane Doe",)


@pytest.mark.parametrize(
    "box",
    [
        "<div class='articleByline'>Jane Doe</div>",
        "<p class='StoryMeta_bylineText__x9QzT'>Jane Doe</p>",
        "<div class='storyMeta'><span class='writerName'>Jane Doe</span></div>",
    ],
)
def test_a_byline_class_in_camel_case_names_the_author(box: str) -> None:
    """A component framework's names: "articleByline" says what "article-byline" says."""
    found, without = with_and_without("", before=box, camel_case_names_split=False)
    assert found == ("Jane Doe",)
    assert without == ()


@pytest.mark.parametrize("attribute", ["data-testid", "data-ui-testid", "data-test", "data-cy"])
def test_a_byline_named_by_its_test_id_names_the_author(attribute: str) -> None:
    """A CSS-in-JS page's byline: hashed classes, `data-testid="byline"` and its kin."""
    box = f"<div class='sc-8a1f2e kLmNoP' {attribute}='header-byline'>Jane Doe</div>"
    found, without = with_and_without("", before=box, data_names_read=False)
    assert found == ("Jane Doe",)
    assert without == ()


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Jane Doe and AP", ("Jane Doe", "AP")),
        ("Jane Doe und dpa", ("Jane Doe", "dpa")),
        # a single word after several ends an organisation's name
        ("Marine Museum and Archive", ("Marine Museum and Archive",)),
    ],
)
def test_a_wire_agency_after_and_is_a_second_author(byline: str, expected: tuple[str, ...]) -> None:
    assert clean_author_names([byline], set()) == expected


def test_a_quotes_speaker_named_in_camel_case_is_no_author() -> None:
    """ "quoteAuthor" reads as a byline's name once its words are apart: the box around it
    ("quoteBox") must read as a quote the same way, its name the speaker's."""
    quote = (
        "<div class='quoteBox'><p>We built it for the students, not for the brochure.</p>"
        "<span class='quoteAuthor'>Jane Roe</span></div>"
    )
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=quote)
    assert extract_article(html, URL).authors == ()


def test_a_teaser_classed_with_its_authors_taxonomy_term_is_no_byline() -> None:
    teaser = (
        "<ul><li class='post type-post category-podcast autor-jane-doe'>"
        "<a href='/tidying-up'>Tidying up the bedside drawer</a></li></ul>"
    )
    assert authors_of("", before=teaser) == ()


@pytest.mark.parametrize(
    ("open_", "close"),
    [("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>"), ("/*<![CDATA[*/", "/*]]>*/")],
)
def test_json_ld_wrapped_in_cdata_is_read(open_: str, close: str) -> None:
    data = '{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jane Doe"}]}'
    head = f'<script type="application/ld+json">{open_}\n{data}\n{close}</script>'
    html = page(title=HEADLINE, head=head)
    article = extract_article(html, URL, profile="generic")
    assert article.authors == ("Jane Doe",)
    assert article.sources["authors"] == "metadata"


@pytest.mark.parametrize(
    "head",
    [
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Half \\ud800 a '
        'character", "author": {"@type": "Person", "name": "Jane \\udfff Doe \\ud83d\\ude00"}}'
        "</script>",
        "<meta name='parsely-page' content='{\"author\": \"Jane \\udfff Doe \\ud83d\\ude00\"}'>",
    ],
)
def test_half_a_character_escaped_in_structured_data_is_a_replacement_character(
    head: str,
) -> None:
    """ "\\ud800" without its other half: json.loads makes a string no encoder takes, and the
    page's content hash failed on it; a whole pair ("\\ud83d\\ude00") stays its character."""
    article = extract_article(page(title=HEADLINE, head=head), URL, profile="generic")
    assert article.authors == ("Jane \ufffd Doe \U0001f600",)
    assert article.content_hash


def test_the_bylines_of_the_storys_article_come_before_the_pages() -> None:
    columnists = "".join(
        f"<li><a href='/author/{slug}'>{name}</a></li>"
        for slug, name in (("john-roe", "John Roe"), ("mary-major", "Mary Major"))
    )
    teasers = (
        "<ul class='related'><li><div class='byline'>Richard Miles</div>"
        "<a href='/other'>Another story</a></li></ul>"
    )
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f"<div class='voices'><ul>{columnists}</ul></div><main><article><h1>{HEADLINE}</h1>"
        f"<ul class='meta'><li class='author'>Jane Doe</li></ul><div class='text'>{text}</div>"
        f"{teasers}</article></main></body></html>"
    )
    assert extract_article(html, URL, profile="generic").authors == ("Jane Doe",)
    without = replace(DEFAULT_OPTIONS, bylines_in_article_first=False)
    assert extract_generic(html, URL, options=without).authors == ("John Roe",)


def test_a_name_whose_next_element_opens_with_the_date_names_the_author() -> None:
    line = (
        "<div class='row'><span>Jane Doe &nbsp;|</span>"
        "<span class='date'>05.04.2025 - Updated: 06.04.2025</span></div>"
    )
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=line)
    article = extract_article(html, "https://x.example/a", profile="generic")
    assert article.authors == ("Jane Doe",)
    assert article.sources["authors"] == "dateline"
    without = replace(DEFAULT_OPTIONS, dated_name_siblings=False)
    assert extract_generic(html, "https://x.example/a", options=without).authors == ()


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("<div class='meta'>Posted on September 21, 2020 by Jane Doe</div>", "Jane Doe"),
        ("<span class='info'>Lifestyle | By Jane Doe | April 13, 2020</span>", "Jane Doe"),
        ("<p><small>06.11.2023 13:30 von Jane</small></p>", "Jane"),
        ("<div>Noticias · 08/03/2020 15h30 · Por Juan Pérez</div>", "Juan Pérez"),
    ],
)
def test_a_date_lines_by_piece_names_the_author(line: str, name: str) -> None:
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=line)
    article = extract_article(html, "https://x.example/a", profile="generic")
    assert article.authors == (name,)
    assert article.sources["authors"] == "dateline"
    without = replace(DEFAULT_OPTIONS, date_line_bylines=False)
    assert extract_generic(html, "https://x.example/a", options=without).authors == ()


@pytest.mark.parametrize(
    "line",
    [
        "<p>03.02.2022 Auf den Spuren von Rafael Nadal</p>",  # prose: "von" inside a sentence
        "<p>Fahrbericht Ioniq 5 von Hyundai – Neue Ideen, 22. September 2021</p>",
        "<p>Copyright © 19.12.2019 - 12:14 h by Harbour GmbH, Langenfeld</p>",
        "<p>Das Jahr 2021 war warm. By Jane Doe</p>",  # a date, but the label opens no piece
    ],
)
def test_by_or_von_inside_a_sentence_or_a_credit_names_nobody(line: str) -> None:
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=line)
    assert extract_article(html, "https://x.example/a", profile="generic").authors == ()


def test_a_credit_line_in_the_footer_names_nobody() -> None:
    footer = "<footer><p>2012-2020 | Theme by Jane Doe</p></footer>"
    html = page(title=HEADLINE, head=meta("og:site_name", SITE))
    html = html.replace("</body>", f"{footer}</body>")
    assert footer in html
    assert extract_article(html, "https://x.example/a", profile="generic").authors == ()


def test_a_name_before_a_separator_without_a_date_after_it_is_no_author() -> None:
    line = "<div class='row'><span>Jane Doe |</span><span>Harbour desk</span></div>"
    assert authors_of("", before=line) == ()


def test_a_name_in_bold_closing_the_text_signs_it() -> None:
    html = page(
        title=HEADLINE, head=meta("og:site_name", SITE), after="<p><b><i>Jane Doe</i></b></p>"
    )
    article = extract_article(html, "https://x.example/a", profile="generic")
    assert article.authors == ("Jane Doe",)
    assert article.sources["authors"] == "signature"


def test_a_name_in_bold_linking_to_its_authors_page_signs_the_text() -> None:
    after = "<p><strong><a href='/authors/jane-doe'>Jane Doe</a></strong></p>"
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), after=after)
    assert extract_article(html, "https://x.example/a", profile="generic").authors == ("Jane Doe",)


@pytest.mark.parametrize("links_authors_only", [True, False])
def test_a_bold_closing_link_elsewhere_is_no_signature(links_authors_only: bool) -> None:
    # a venue's directions under a travel guide's text, set in bold
    after = "<p><a href='https://maps.example/q4p9'><strong>Get Directions</strong></a></p>"
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), after=after)
    options = replace(DEFAULT_OPTIONS, signature_links_authors_only=links_authors_only)
    authors = extract_generic(html, "https://x.example/a", options=options).authors
    assert (authors == ()) is links_authors_only


@pytest.mark.parametrize(
    "after",
    [
        "<p><strong>Ähnliche Beiträge</strong></p>",
        "<p>Jane Doe</p>",  # plain, not set apart
        "<p><strong>Jane Doe said the bridge would reopen.</strong></p>",
    ],
)
def test_a_closing_line_that_is_no_signature_names_nobody(after: str) -> None:
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), after=after)
    assert extract_article(html, "https://x.example/a", profile="generic").authors == ()


def _comments(*replies: tuple[str, str]) -> str:
    items = "".join(
        f"<li class='comment byuser {marks}'><div class='comment-author vcard'>"
        f"<cite class='fn'>{name}</cite> <span class='says'>says:</span></div>"
        "<p>Thanks for reading, the tours start in April.</p></li>"
        for name, marks in replies
    )
    return f"<div id='comments'><ol class='commentlist'>{items}</ol></div>"


@pytest.mark.parametrize("read", [True, False])
def test_the_post_s_author_reply_among_the_comments_names_the_author(read: bool) -> None:
    """A blog post naming nobody: its author's own reply, which WordPress marks
    "bypostauthor", carries the name; another reader's comment does not."""
    comments = _comments(("Max Reader", ""), ("Jane Doe", "bypostauthor"))
    html = page(title=HEADLINE, head=meta("og:site_name", SITE))
    html = html.replace("</body>", f"{comments}</body>")
    options = replace(DEFAULT_OPTIONS, post_author_replies=read)
    article = extract_article(html, "https://x.example/a", profile="generic", options=options)
    assert article.authors == (("Jane Doe",) if read else ())
    if read:
        assert article.sources["authors"] == "comment"


def test_the_post_s_author_reply_names_the_author_when_the_blog_bears_the_name() -> None:
    """A personal blog named after its author's account (janedoe.wordpress.com, replies by
    "janedoe"): the reply the blog marks as its author's is the author's, though the name is
    also the site's, as a byline naming the site is."""
    comments = _comments(("Max Reader", ""), ("janedoe", "bypostauthor"))
    html = page(title=HEADLINE).replace("</body>", f"{comments}</body>")
    article = extract_article(html, "https://janedoe.wordpress.com/a", profile="generic")
    assert article.authors == ("janedoe",)
    assert article.sources["authors"] == "comment"


def test_comments_without_the_post_s_author_name_nobody() -> None:
    comments = _comments(("Max Reader", ""), ("Erika Reader", "byuser"))
    html = page(title=HEADLINE, head=meta("og:site_name", SITE))
    html = html.replace("</body>", f"{comments}</body>")
    assert extract_article(html, "https://x.example/a", profile="generic").authors == ()


def test_a_byline_outweighs_the_post_s_author_reply() -> None:
    comments = _comments(("jdoe", "bypostauthor"))
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before="<p>By Jane Doe</p>")
    html = html.replace("</body>", f"{comments}</body>")
    assert extract_article(html, "https://x.example/a", profile="generic").authors == ("Jane Doe",)


def test_weak_evidence_does_not_outweigh_a_publisher_byline() -> None:
    head = '<meta name="author" content="Harbour Daily">'
    html = page(
        title=HEADLINE,
        head=meta("og:site_name", SITE) + head,
        before="<p class='byline'>30/10/23 | Harbour Daily</p><p>11.12.2019 - Jane Doe</p>",
        after="<p><b>John Roe</b></p>",
    )
    article = extract_article(html, URL, profile="generic")
    assert article.authors == (SITE,)


@pytest.mark.parametrize(
    "publisher",
    [
        "Harbour Daily Verein e.V.",  # an organisation by its legal form
        "HD",  # the publisher's initials
        "Harbour Daily – Magazin für Häfen",  # its name and a tagline
    ],
)
def test_metadata_naming_the_publisher_gives_way_to_a_persons_byline(publisher: str) -> None:
    head = f'<meta name="author" content="{publisher}">'
    assert authors_of(head, before="<p class='byline'>Jane Doe</p>") == ("Jane Doe",)
    assert authors_of(head) == (publisher,)


def test_a_headline_in_a_byline_box_does_not_outweigh_the_publisher() -> None:
    head = '<meta name="author" content="Harbour Daily Verein e.V.">'
    byline = "<div class='author-box'>Endlich mehr Brücken wagen!</div>"
    assert authors_of(head, before=byline) == ("Harbour Daily Verein e.V.",)


def test_an_organisations_address_is_not_more_authors() -> None:
    head = '<meta name="author" content="Olympia-Verlag GmbH, Nürnberg, Germany">'
    assert authors_of(head) == ("Olympia-Verlag GmbH",)


def test_a_last_modified_label_is_no_author() -> None:
    assert clean_author_names(["Zuletzt geändert: 12.03.2024"], set()) == ()


@pytest.mark.parametrize(
    "raw",
    [
        "Jane Doe (avec John Roe et Max Poe)",
        "Jane Doe with John Roe and Max Poe",
        "Jane Doe im Gespräch mit John Roe und Max Poe",
    ],
)
def test_names_joined_by_with_are_several_authors(raw: str) -> None:
    assert clean_author_names([raw], set()) == ("Jane Doe", "John Roe", "Max Poe")


def test_a_name_with_particles_or_a_legal_form_is_no_phrase() -> None:
    assert clean_author_names(["Ursula von der Leyen"], set()) == ("Ursula von der Leyen",)
    assert clean_author_names(["Verein der Freunde e.V."], set(), keep_publisher=True) == (
        "Verein der Freunde e.V.",
    )


def test_a_buttons_label_is_no_byline() -> None:
    """ "Text" labels a byline ("Text: Jane Doe"), but a search box's "Text Delete" button
    names what it does."""
    button = "<button type='button'><span>Text Delete</span></button>"
    assert authors_of("", before=button) == ()
    assert authors_of("", before="<p><span>Text Jane Doe</span></p>") == ("Jane Doe",)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("بقلم: محمد علي", ("محمد علي",)),  # Arabic "by (the pen of)"
        ("מאת: דנה כהן", ("דנה כהן",)),  # Hebrew "by"
        ("โดย สมชาย ใจดี", ("สมชาย ใจดี",)),  # Thai "by"
        ("लेखक: राहुल शर्मा", ("राहुल शर्मा",)),  # Hindi "author"
        ("نویسنده: علی رضایی", ("علی رضایی",)),  # Persian "author"
        ("Yazar: Ayşe Yılmaz", ("Ayşe Yılmaz",)),
        ("Tác giả: Nguyễn Văn An", ("Nguyễn Văn An",)),
        ("Автор: Олена Петренко", ("Олена Петренко",)),
        ("Írta: Kovács Anna", ("Kovács Anna",)),
        ("Skrevet af Mette Hansen", ("Mette Hansen",)),
        ("Av Kari Nordmann", ("Kari Nordmann",)),
        ("Kirjoittanut Matti Virtanen", ("Matti Virtanen",)),
        ("av och till kom han hem", ()),  # Swedish "now and then": no names after it
        ("Текст: Иван Петров", ("Иван Петров",)),
        ("Texto: Ana García", ("Ana García",)),
        ("Testo: Mario Rossi", ("Mario Rossi",)),
        ("Autorka: Jana Nováková", ("Jana Nováková",)),
        ("Penulis: Budi Santoso", ("Budi Santoso",)),
        ("Muhabir: Ayşe Yılmaz", ("Ayşe Yılmaz",)),
        ("Testo Mario Rossi", ()),  # "text" words label a byline only before a colon
        # the labels an author field's names are stripped of label a byline line too
        ("Geschrieben von Jane Doe", ("Jane Doe",)),
        ("Publié par Jeanne Dupont", ("Jeanne Dupont",)),
        ("Scritto da Mario Rossi", ("Mario Rossi",)),
        ("A cura di Mario Rossi", ("Mario Rossi",)),
        ("Geschreven door Jan de Vries", ("Jan de Vries",)),
        ("Napisao Ivan Horvat", ("Ivan Horvat",)),
        ("Szerző: Kovács Anna", ("Kovács Anna",)),
        ("Oleh: Budi Santoso", ("Budi Santoso",)),
        ("Oleh Budi Santoso", ()),  # "Oleh" is a first name too: a label only before a colon
        ("Authored by: Jane Doe", ("Jane Doe",)),
    ],
)
def test_a_line_led_by_a_byline_label_of_more_languages_names_the_author(
    line: str, expected: tuple[str, ...]
) -> None:
    """Names in scripts without capitals (Arabic, Hebrew, Thai, Devanagari) start with
    neither case; in the others a name starts with a capital."""
    assert authors_of("", before=f"<p>{line}</p>") == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ayşe Yılmaz ve Mehmet Demir", ("Ayşe Yılmaz", "Mehmet Demir")),
        ("Nguyễn Văn An và Trần Thị Bình", ("Nguyễn Văn An", "Trần Thị Bình")),
        ("Kovács Anna és Nagy Péter", ("Kovács Anna", "Nagy Péter")),
        ("Matti Virtanen ja Liisa Korhonen", ("Matti Virtanen", "Liisa Korhonen")),
        ("Иван Петров и Анна Смирнова", ("Иван Петров", "Анна Смирнова")),
        ("Олена Петренко і Іван Коваль", ("Олена Петренко", "Іван Коваль")),
        ("محمد علي و أحمد حسن", ("محمد علي", "أحمد حسن")),
        ("Veronika Jansen", ("Veronika Jansen",)),  # "ve" and "ja" inside a name stay
        ("Anja Müller", ("Anja Müller",)),
    ],
)
def test_and_of_more_languages_parts_two_names(raw: str, expected: tuple[str, ...]) -> None:
    assert clean_author_names([raw], set()) == expected


@pytest.mark.parametrize("label", ["Text", "Interview"])
def test_a_text_label_without_a_colon_needs_two_words_after_it(label: str) -> None:
    """ "Text Size" beside a page's A+ and A- buttons names a control; "Text Jane Doe",
    "Text: Jane" and "Interview: Jane" name people."""
    control = f"<div class='tools'><span>{label} Size </span><a href='#'>A+</a></div>"
    assert authors_of("", before=control + "<p>By Jane Doe</p>") == ("Jane Doe",)
    assert authors_of("", before=control) == ()
    assert authors_of("", before=f"<p><span>{label}: Jane</span></p>") == ("Jane",)


@pytest.mark.parametrize(
    "box",
    [
        "<p><strong>Autor:</strong> <a href='/profil/7'>Jane Doe</a><br>"
        "<strong>Tags:</strong> <a href='/tag/1907'>1907</a>, <a href='/tag/bus'>Bus</a></p>",
        "<div class='info'><b>Von:</b><br><br>Jane Doe<br>Telefon 0421 555 12 34</div>",
    ],
)
def test_a_labelled_byline_is_read_to_its_line_break(box: str) -> None:
    """The name's line, not the tags on the next one; a label alone on its line takes the
    next line."""
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), after=box)
    assert extract_article(html, URL).authors == ("Jane Doe",)
    without = replace(DEFAULT_OPTIONS, labelled_byline_lines=False)
    assert extract_generic(html, URL, options=without).authors != ("Jane Doe",)


def test_a_menu_link_led_by_a_label_word_names_a_blog_not_its_author() -> None:
    """A blog network's menu lists "Von Bits und Bytes" among its blogs; the post's own line
    "Von Jane Doe" names the author."""
    menu = (
        # not named a menu: a link among links is one, whatever its box is called
        "<div class='blogs'><a href='/astro'>Astrodicticum</a>"
        "<a href='/bits'>Von Bits und Bytes</a><a href='/geht'>Was geht?</a></div>"
    )
    text = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    html = (
        f"<html><head><title>{HEADLINE}</title>{meta('og:site_name', SITE)}</head><body>{menu}"
        f"<div class='post'><h1>{HEADLINE}</h1><div class='entry-meta'>Von Jane Doe</div>{text}"
        "</div></body></html>"
    )
    assert extract_article(html, URL).authors == ("Jane Doe",)
    without = replace(DEFAULT_OPTIONS, menu_links_not_bylines=False)
    assert extract_generic(html, URL, options=without).authors == ("Bits", "Bytes")


@pytest.mark.parametrize(
    "heading",
    [
        "<h5>By Price</h5><ul><li><a href='/under-50'>Under $50</a></li>"
        "<li><a href='/over-50'>Over $50</a></li></ul>",
        # the heading's own box is followed by the list
        "<div><span>By Gender &amp; Age</span></div><ul><li><a href='/w'>Women</a></li></ul>",
        "<ul><li><div class='nav-header'>By Sector</div></li><li><a href='/c'>Construction</a></li>"
        "</ul>",
    ],
)
def test_a_menu_heading_led_by_by_over_its_links_is_no_byline(heading: str) -> None:
    """A shop's mega menu sorts its items "By Price", "By Gender & Age": a facet, not a byline
    (the page names nobody, so a byline anywhere would be read)."""
    text = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    html = (
        f"<html><head><title>{HEADLINE}</title>{meta('og:site_name', SITE)}</head><body>"
        f"<nav class='megamenu'><div>{heading}</div></nav>"
        f"<div class='post'><h1>{HEADLINE}</h1>{text}</div></body></html>"
    )
    assert extract_article(html, URL).authors == ()
    without = replace(DEFAULT_OPTIONS, menu_headings_not_bylines=False)
    assert extract_generic(html, URL, options=without).authors != ()


def test_a_byline_in_a_menu_box_not_followed_by_links_is_read() -> None:
    """A post's byline set in a box a theme names "nav" ("post-nav"), with no link after
    it, is still its byline."""
    text = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    html = (
        f"<html><head><title>{HEADLINE}</title>{meta('og:site_name', SITE)}</head><body>"
        f"<div class='post'><h1>{HEADLINE}</h1><div class='post-nav'><span>By Jane Doe</span>"
        f"<span>12 comments</span></div>{text}</div></body></html>"
    )
    assert extract_article(html, URL).authors == ("Jane Doe",)


def _columnists_menu_page(wrapper: str = "{}") -> str:
    """A site's menu linking its columnists' author pages, set before the story, whose own
    byline is an author link outside the story's box (Yahoo's template)."""
    menu = (
        "<ul class='nav-sub-links'><li><a href='/author/andy-serwer/'>Andy Serwer</a></li>"
        "<li><a href='/author/rick-newman/'>Rick Newman</a></li></ul>"
    )
    text = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    byline = "<div class='credit'><a href='/author/jane-doe/'>Jane Doe</a></div>"
    body = wrapper.format(f"{menu}<h1>{HEADLINE}</h1>{byline}<div class='post'>{text}</div>")
    return (
        f"<html><head><title>{HEADLINE}</title>{meta('og:site_name', SITE)}</head>"
        f"<body>{body}</body></html>"
    )


def test_author_links_in_a_menu_name_the_sites_columnists_not_the_storys_writer() -> None:
    html = _columnists_menu_page()
    assert extract_article(html, URL).authors == ("Jane Doe",)
    without = replace(DEFAULT_OPTIONS, menu_links_not_bylines=False)
    assert extract_generic(html, URL, options=without).authors == ("Andy Serwer",)


def test_a_page_wrapped_far_up_in_a_nav_drawer_keeps_its_author_links() -> None:
    # Engadget sets the whole page in "i-nav_drawer_slide": only a close menu box counts
    drawer = "<div class='i-nav_drawer_slide'><div><div><div><div>{}</div></div></div></div></div>"
    html = _columnists_menu_page(drawer).replace(
        "<div class='credit'><a href='/author/jane-doe/'>Jane Doe</a></div>",
        "<div class='credit'><div><div><a href='/author/jane-doe/'>Jane Doe</a></div></div></div>",
    )
    assert extract_article(html, URL).authors == ("Jane Doe",)


def test_a_script_in_a_name_box_is_no_name() -> None:
    """A header's "Welcome <span class='userName'>" box, filled by a script with the signed-in
    reader's name, holds the script's code, not a name: the story's byline is read."""
    box = (
        "<div>WELCOME <span class='userName'><script>document.write((userName.length>11)?"
        'userName.substring(0,11)+"...":userName);</script></span></div>'
    )
    assert authors_of("", before=box + "<p>By Jane Doe</p>") == ("Jane Doe",)


def test_a_byline_set_as_a_cite_is_read() -> None:
    cite = (
        "<cite class='byline vcard'><span>By </span><span class='fn'>Jane Doe</span>"
        "<abbr>March 11, 2015 3:46 PM</abbr></cite>"
    )
    assert authors_of("", before=cite) == ("Jane Doe",)


@pytest.mark.parametrize(
    "box",
    [
        "<div class='byline'>By <span class='author-name'>Jane Doe</span> UK News Fellow</div>",
        # (a date before "by" is cut by the cleaning rules now: "Wednesday" is a day's name)
        "<div class='byline'><span class='edition'>Weekend Edition</span> by "
        "<a href='/author/jane-doe/' rel='author'>Jane Doe</a></div>",
        "<div class='author-box'><a class='author-name' href='/author/jane-doe/'>Jane Doe</a>"
        "<span class='author-title'>News &amp; Culture Fellow</span></div>",
    ],
)
def test_a_byline_box_is_read_by_the_name_it_marks_up(box: str) -> None:
    """Around the name, a box holds roles, desks and dates that no cleaning rule lists."""
    assert authors_of("", before=box) == ("Jane Doe",)
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=box)
    without = replace(DEFAULT_OPTIONS, byline_inner_names=False)
    assert extract_generic(html, URL, options=without).authors != ("Jane Doe",)


def test_a_byline_boxs_link_to_the_authors_page_is_its_name() -> None:
    """The desk under the name is set apart by a line break inside the name's box only; the
    link names the writer.
    A link labelled as the author's page ("Autorenseite von") or a search for the author's
    articles ("Alle Artikel") names nobody."""
    box = (
        "<div class='author-info-block'><span><a href='/author-bio.asp?author_id=837'>Jane Doe"
        "</a><br></span><span>Science</span></div>"
    )
    found, without = with_and_without("", box, byline_inner_author_links=False)
    assert found == ("Jane Doe",) and without != found
    labels = (
        "<div class='author'>Jane Doe <a href='/autoren/jane-doe'>Autorenseite von</a>"
        "<a href='/search/?searchphrase=author'>Alle Artikel</a></div>"
    )
    assert authors_of("", before=labels) == ("Jane Doe",)


def test_a_breadcrumb_inside_a_byline_box_names_nobody() -> None:
    """schema.org breadcrumbs mark their items `itemprop=name` too."""
    box = (
        "<div class='article-author'>von <address class='author-name'>Jane Doe</address>"
        "<ul class='crumbs'><li itemprop='itemListElement'><span itemprop='name'>Hyundai</span>"
        "</li></ul></div>"
    )
    assert authors_of("", before=box) == ("Jane Doe",)


def test_a_labelled_byline_is_read_in_its_parts() -> None:
    """The label's box and the next one meet as "Jane DoePublished" unless read apart."""
    box = (
        "<div class='meta'><div>By <span>Jane Doe</span></div><div>Published "
        "<time datetime='2020-02-24'>February 24, 2020</time></div></div>"
    )
    found, without = with_and_without("", box, byline_reads_parts=False)
    assert found == ("Jane Doe",)
    assert without != ("Jane Doe",)


def test_a_byline_boxs_labelled_line_is_its_byline() -> None:
    """The box holds the paper the story came from and the day after the labelled name."""
    box = (
        "<div class='article_byline'><div>By <span>Jane Doe</span></div>"
        "<div class='flex'><div>Washington Post</div><time>Dec 13, 2016 at 3:45 pm</time></div></div>"
    )
    found, without = with_and_without("", box, byline_box_labels=False)
    assert found == ("Jane Doe",) and without != found


def test_an_organisations_name_keeps_its_town() -> None:
    raw = "Verein Historische Wehranlage in Horka e.V."
    assert clean_author_names([raw], set(), keep_publisher=True) == (raw,)


def test_the_copyright_holder_named_as_author_gives_way_to_the_writer() -> None:
    head = (
        '<meta name="author" content="Harbour Media Group">'
        '<meta name="copyright" content="Copyright (c) Harbour Media Group 2024">'
        '<meta name="article:author" content="Jane Doe">'
    )
    assert with_and_without(head, copyright_holder_publishes=False) == (
        ("Jane Doe",),
        ("Harbour Media Group",),
    )


def test_a_blogs_owner_holding_its_copyright_stays_its_author() -> None:
    head = (
        '<meta name="author" content="Jane Doe">'
        '<meta name="copyright" content="© 2024 Jane Doe">'
        '<meta name="article:author" content="janedoe">'
    )
    assert authors_of(head) == ("Jane Doe",)


def test_one_author_tag_per_author_names_them_all() -> None:
    head = "".join(
        f'<meta name="dc.Creator" content="{name}">' for name in ("Jane Doe", "John Roe", "Ann Poe")
    )
    assert authors_of(head) == ("Jane Doe", "John Roe", "Ann Poe")


def test_the_authors_of_a_cited_paper_are_not_the_pages() -> None:
    """A paper's reference list marks each cited paper up as an item with its own authors."""
    references = (
        "<ol><li itemprop='citation' itemscope itemtype='http://schema.org/ScholarlyArticle'>"
        "<meta itemprop='author' content='NH. Shear, SP. Spielberg, '>"
        "<meta itemprop='datePublished' content='1988'>Shear NH, Spielberg SP. A study.</li></ol>"
    )
    html = page(
        title=HEADLINE,
        head=meta("og:site_name", SITE) + '<meta name="dc.creator" content="Jane Doe">',
        after=references,
    )
    article = extract_article(html, URL)
    assert article.authors == ("Jane Doe",)
    assert article.published_at is None or article.published_at.year != 1988


def test_a_scholarly_page_names_every_author_and_its_date_by_its_citation_tags() -> None:
    # Highwire Press tags, as a repository or a journal sets them: one tag per author, the
    # date with slashes, and the minified form writing `value` where `content` belongs
    head = (
        '<meta name="citation_author" content="Jane Doe">'
        '<meta name="citation_author_institution" content="Harbour University">'
        "<meta value='John Roe' name=citation_author>"
        '<meta name="citation_author" content="Ann Poe">'
        '<meta name="citation_publication_date" content="2019/07/11">'
    )
    article = extract_article(page(title=HEADLINE, head=head), URL)
    assert article.authors == ("Jane Doe", "John Roe", "Ann Poe")
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2019-07-11"
    assert dict(article.field_sources)["published_at"] == "metadata"  # not htmldate's guess


def test_an_author_tag_naming_more_people_than_the_json_ld_gives_them_all() -> None:
    head = (
        json_ld(
            **{"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE},
            author={"@type": "Person", "name": "Jane Doe"},
        )
        + '<meta property="author" content="Jane Doe,John Roe">'
    )
    assert with_and_without(head, fuller_author_tags=False) == (
        ("Jane Doe", "John Roe"),
        ("Jane Doe",),
    )


CONTRIBUTORS_TAG = '<meta name="author" content="Jane Doe,John Roe,Ann Poe at Harbour Models">'


def test_names_the_page_credits_for_pictures_or_styling_are_no_authors() -> None:
    # a fashion story's author tag lists everyone its credits line names
    credits = (
        "<footer><span>Written by Jane Doe</span>; <span>Photographed by <span>John Roe</span>"
        "</span>; <span>Modeled by <span>Ann Poe at Harbour Models</span></span></footer>"
    )
    html = page(title=HEADLINE, head=CONTRIBUTORS_TAG, after=credits)
    without = replace(DEFAULT_OPTIONS, role_credits_not_authors=False)
    assert extract_article(html, URL).authors == ("Jane Doe",)
    assert len(extract_generic(html, URL, options=without).authors) == 3


@pytest.mark.parametrize(
    "box",
    [
        "<div class='byline'>"
        + "".join(
            f"<span class='contributor'><label>{label}</label> <span class='name'>"
            f"<a href='/contributors/{name.lower().replace(' ', '-')}'>{name}</a></span> | </span>"
            for label, name in (
                ("Text by", "Jane Doe"),
                ("Photography by", "John Roe"),
                ("Produced by", "Ann Poe"),
            )
        )
        + "</div>",
        "<p class='byline'>Text by <span class='author-name'>Jane Doe</span>, image credits: "
        "<span class='author-name'>John Roe</span>, produced by "
        "<span class='author-name'>Ann Poe</span></p>",
    ],
)
def test_a_byline_crediting_pictures_and_production_names_the_writer(box: str) -> None:
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=box)
    assert extract_article(html, URL).authors == ("Jane Doe",)
    without = replace(DEFAULT_OPTIONS, role_credits_not_authors=False)
    assert len(extract_generic(html, URL, options=without).authors) == 3


POSTING_ACCOUNT = json_ld(
    **{
        "@type": "NewsArticle",
        "headline": HEADLINE,
        "author": {"@type": "Person", "name": "Ann Poe"},
    }
)
TAGGED_WRITERS = (
    '<meta name="parsely-author" content="Jane Doe"><meta name="parsely-author" content="John Roe">'
)


def test_the_author_tags_and_the_byline_outvote_the_json_ld_author() -> None:
    """Yoast's graph names the WordPress user who posted the story; the author tags and the
    byline both name the writers."""
    byline = (
        "<p class='byline'>By <a rel='author' href='/author/jane-doe/'>Jane Doe</a>, "
        "<a rel='author' href='/author/john-roe/'>John Roe</a></p>"
    )
    assert with_and_without(
        POSTING_ACCOUNT + TAGGED_WRITERS, byline, json_ld_author_outvoted=False
    ) == (
        ("Jane Doe", "John Roe"),
        ("Ann Poe",),
    )


def test_the_json_ld_author_stays_when_the_byline_does_not_back_the_tags() -> None:
    byline = "<p class='byline'>By <a rel='author' href='/author/ann-poe/'>Ann Poe</a></p>"
    html = page(title=HEADLINE, head=POSTING_ACCOUNT + TAGGED_WRITERS, before=byline)
    assert extract_article(html, URL).authors == ("Ann Poe",)


def test_parselys_page_tag_names_the_author() -> None:
    # Parse.ly's older tag: one JSON object ("author", "pub_date", "section") in a meta tag
    head = '<meta name=\'parsely-page\' content=\'{"author": "Jane Doe", "section": "Family"}\'>'
    credits = "<p>(Image credits: <a href='/authors/john'>John Roe</a>)</p>"
    assert authors_of(head, before=credits) == ("Jane Doe",)
    assert authors_of("<meta name='parsely-page' content='{not json'>") == ()


def test_a_co_writer_who_also_took_the_photographs_stays_an_author() -> None:
    credits = "<p>By Jane Doe and John Roe</p><p>Photographs by John Roe</p>"
    html = page(
        title=HEADLINE, head='<meta name="author" content="Jane Doe,John Roe">', before=credits
    )
    assert extract_article(html, URL).authors == ("Jane Doe", "John Roe")


def test_names_marked_as_authors_side_by_side_are_one_byline() -> None:
    box = (
        "<address aria-label='Contributor info'><div><a rel='author' href='/profile/jane-doe'>"
        "Jane Doe</a> and <a rel='author' href='/profile/john-roe'>John Roe</a></div></address>"
    )
    assert with_and_without("", box, byline_sibling_names=False) == (
        ("Jane Doe", "John Roe"),
        ("Jane Doe",),
    )


@pytest.mark.parametrize(
    ("tagged", "expected"),
    [
        ("Gillman, Steve", ("Steve Gillman",)),
        ("Jong, Michiel de", ("Michiel de Jong",)),
        ("Jane Doe, John Roe", ("Jane Doe", "John Roe")),
        ("Doe, J. R.", ("J. R. Doe",)),
    ],
)
def test_an_author_tag_written_surname_first_names_one_person(
    tagged: str, expected: tuple[str, ...]
) -> None:
    assert authors_of(f'<meta name="author" content="{tagged}">') == expected


def test_the_account_that_posted_gives_way_to_the_byline_naming_the_writer() -> None:
    """Yoast's Twitter card names the WordPress account that posted the story (an editor);
    the visible byline names the guest writer."""
    head = (
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Jane Editor">'
    )
    byline = "<div class='meta'><span>By</span> <a class='author-link'>John Roe</a></div>"
    assert with_and_without(head, byline, byline_over_posting_account=False) == (
        ("John Roe",),
        ("Jane Editor",),
    )
    # the account named in the byline too is the writer
    named = "<div class='meta'>By <a class='author-link'>Jane Editor</a></div>"
    assert authors_of(head, before=named) == ("Jane Editor",)


def test_the_name_under_a_pull_quote_is_no_byline() -> None:
    quote = (
        "<div class='pull-quote'><blockquote>We rebuilt the bridge's bearings in a week.</blockquote>"
        "<div class='pull-quote__author'><span class='author'>Sam Rivers</span></div></div>"
    )
    byline = "<p class='byline'>By Jane Doe</p>"
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), after=quote + byline)
    assert extract_article(html, URL).authors == ("Jane Doe",)
    without = replace(DEFAULT_OPTIONS, quote_names_not_bylines=False)
    assert extract_generic(html, URL, options=without).authors == ("Sam Rivers",)


def test_the_publisher_after_for_goes_with_its_longest_name_whatever_the_hash_seed() -> None:
    # the publisher's names are a set, whose order changed with PYTHONHASHSEED: "Charles
    # Walton for" one run, "Charles Walton for UK" the next, and a new version each time
    script = (
        "from transforms.generic.fields import clean_author_names;"
        "print(clean_author_names(['Charles Walton for SurgeZirc UK'],"
        " {'', 'surgezirc', 'surgezirc uk', 'surgezirc co uk'}))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        ).stdout.strip()
        for seed in range(4)
    }
    assert outputs == {"('Charles Walton',)"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jane Doe und John Roe", ("Jane Doe", "John Roe")),
        ("Anna und Tom", ("Anna", "Tom")),
        ("José Volta e Pinto", ("José Volta e Pinto",)),
        ("Harbour Works and Ferries", ("Harbour Works and Ferries",)),
    ],
)
def test_an_and_before_a_single_word_after_several_joins_one_name(
    raw: str, expected: tuple[str, ...]
) -> None:
    assert clean_author_names([raw], set()) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(责编：牛镛、岳弘彬)", ("牛镛", "岳弘彬")),
        ("责任编辑： 焦鹏", ("焦鹏",)),
        ("著者：後藤大地", ("後藤大地",)),
        ("文：本报记者 张三 图：李四", ("张三",)),
        ("作者： 记者王敬照", ("王敬照",)),
        ("이용민 기자 |", ("이용민",)),
        ("연합뉴스=홍길동ㆍ김철수 특파원", ("홍길동", "김철수")),
        ("기자회견", ()),
        ("编辑部", ()),
        ("[责任编辑：韩保林 PK155]", ("韩保林",)),  # the editor's staff code is no name
        ("作者：未知　责任编辑：王五", ("王五",)),  # "unknown" writer: the editor
        ("作者：佚名", ()),  # "anonymous"
    ],
)
def test_a_chinese_or_japanese_credit_line_names_the_authors(
    line: str, expected: tuple[str, ...]
) -> None:
    html = page(title=HEADLINE, after=f"<div class='edit'>{line}</div>")
    assert extract_article(html, URL).authors == expected
    without = replace(DEFAULT_OPTIONS, cjk_bylines=False)
    assert extract_generic(html, URL, options=without).authors == ()


@pytest.mark.parametrize(
    "box",
    [
        "<p class='author'>作者：未知&nbsp;&nbsp;责任编辑：棒棒不是糖</p>",  # an unreadable nickname
        "<div class='byline'><a href='https://popup.taboola.example/'>by Taboola</a></div>",
    ],
)
def test_a_byline_box_naming_no_one_readable_names_no_author(box: str) -> None:
    """A writer's box holding a credit line whose names cannot be read, or a recommendation
    widget's "by Taboola", is no author, not the line itself."""
    html = page(title=HEADLINE, after=box)
    assert extract_article(html, URL).authors == ()


def test_a_credit_line_naming_the_writer_comes_before_the_editors() -> None:
    lines = "<p>责任编辑：王五</p><p>作者：张三</p>"
    html = page(title=HEADLINE, after=lines)
    assert extract_article(html, URL).authors == ("张三",)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Medically reviewed by Jane Roe, MD — Written by John Doe", ("John Doe",)),
        ("Written by John Doe | Reviewed by Jane Roe", ("John Doe",)),
        ("John Doe Fact checked by Jane Roe", ("John Doe",)),  # two lines of a box, joined
        ("John Doe/Reviewed by Jane Roe", ("John Doe",)),  # parted by the name splitter
        ("Sponsored by Acme Widgets", ()),
        ("Reviewed by Jane Roe", ()),
    ],
)
def test_a_credit_for_reviewing_or_sponsoring_names_no_author(
    raw: str, expected: tuple[str, ...]
) -> None:
    """A health site's "Medically reviewed by", a fact-checker, a sponsor: credits for work on
    the text other than writing it, cut up to the next break of the byline."""
    assert clean_author_names([raw], set()) == expected
    without = replace(DEFAULT_OPTIONS, other_credits_not_authors=False)
    assert clean_author_names([raw], set(), options=without) != expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("스포츠조선=선수민 기자", ("선수민",)),  # Korean: the paper, the name, "reporter"
        ("Nicholas Wu, USA TODAY", ("Nicholas Wu", "USA TODAY")),  # a paper's name, not a date
        ("Amy Kuperinsky | NJ Advance Media For NJ.com", ("Amy Kuperinsky",)),
        ("Perry Bacon Jr.", ("Perry Bacon Jr.",)),
        ("Text und Interview: Jane Doe", ("Jane Doe",)),
        ("Text: Jane Doe; Interview: John Roe", ("Jane Doe", "John Roe")),
        ("Text: Jane Doe; Fotos: John Roe", ("Jane Doe",)),  # the photographer is none
        ("F.A.S.", ("F.A.S.",)),
        ("Larry Dignan @", ("Larry Dignan",)),  # a handle's link taken out, its sign left
        # a forum account beside its avatar's letter; a first name and an initial stay
        ("ptf P", ("ptf",)),
        ("nimmi1231 N", ("nimmi1231",)),
        ("J jane_doe", ("jane_doe",)),
        ("Megha M", ("Megha M",)),
    ],
)
def test_bylines_of_other_papers_conventions(raw: str, expected: tuple[str, ...]) -> None:
    assert clean_author_names([raw], {"nj com"}) == expected


@pytest.mark.parametrize(
    ("biography", "expected"),
    [
        ("Jane Doe ist freie Autorin und Journalistin.", ("Jane Doe",)),
        ("Jane Doe - Maschinenbauerin, Abenteurerin", ("Jane Doe",)),
        ("Jane writes about food and travel.", ("Jane",)),
    ],
)
def test_a_first_name_author_whose_biography_opens_with_the_full_name_is_named_in_full(
    biography: str, expected: tuple[str, ...]
) -> None:
    person = {"@type": "Person", "name": "Jane", "description": biography}
    data = json.dumps({"@type": "NewsArticle", "author": person})
    head = f'<script type="application/ld+json">{data}</script>'
    assert authors_of(head) == expected


def test_what_is_left_of_the_publishers_name_is_no_author() -> None:
    """ "Motley Fool Staff" is the Motley Fool's desk: cutting the desk word and the
    publisher's name from it leaves "Motley", no person."""
    off = replace(DEFAULT_OPTIONS, publisher_fragments_not_authors=False)
    fool = {"the motley fool", "fool"}  # its site name, and its host, fool.com
    assert clean_author_names(["Motley Fool Staff"], fool) == ()
    assert clean_author_names(["Motley Fool Staff"], fool, options=off) == ("Motley",)
    # a first name beside the publisher's, or a person the publisher is named after, stays
    assert clean_author_names(["Haris LifeBuzz Staff"], {"lifebuzz"}) == ("Haris",)
    assert clean_author_names(["Pamela Anderson"], {"pamela anderson foundation"}) == (
        "Pamela Anderson",
    )


def test_author_tag_names_spelling_the_publishers_give_way_to_the_byline() -> None:
    """jobsnhire.com names itself, "Jobs & Hire", in its author tag: split at the ampersand
    it read as two people, "Jobs" and "Hire", over the byline naming the writer."""
    head = '<meta name="author" content="Port &amp; Harbour">'
    html = page(
        title=HEADLINE,
        head=meta("og:site_name", "Port &amp; Harbour") + head,
        before="<p class='byline'>By Jane Doe</p>",
    )
    without = replace(DEFAULT_OPTIONS, publisher_fragments_not_authors=False)
    assert extract_article(html, URL).authors == ("Jane Doe",)
    assert extract_generic(html, URL, options=without).authors == ("Port", "Harbour")


def test_an_element_classed_as_a_name_spells_out_the_metadatas_first_name() -> None:
    """Drupal names the account, "Jane", in its JSON-LD; the page shows the writer under a
    "By" label standing in a block of its own, which no byline reading takes."""
    html = page(
        title=HEADLINE,
        head=meta("og:site_name", SITE)
        + json_ld(**{"@type": "NewsArticle", "headline": HEADLINE, "author": {"name": "Jane"}}),
        before=(
            "<aside><div><p class='label'><strong>By</strong></p></div>"
            "<div><p class='full-name'>Jane Doe</p></div></aside>"
        ),
    )
    without = replace(DEFAULT_OPTIONS, name_class_spells_out_metadata=False)
    assert extract_article(html, URL).authors == ("Jane Doe",)
    assert extract_generic(html, URL, options=without).authors == ("Jane",)


def test_a_name_element_giving_someone_else_or_a_dateline_spells_out_nobody() -> None:
    def authors_beside(shown: str) -> tuple[str, ...]:
        head = meta("og:site_name", SITE) + json_ld(
            **{"@type": "NewsArticle", "headline": HEADLINE, "author": {"name": "Jane"}}
        )
        return extract_article(page(title=HEADLINE, head=head, before=shown), URL).authors

    assert authors_beside("<p class='full-name'>John Roe</p>") == ("Jane",)
    assert authors_beside("<p class='author-name'>JANE 19 NOV 2019</p>") == ("Jane",)
    two = "<p class='full-name'>Jane Doe</p><p class='full-name'>Jane Roe</p>"
    assert authors_beside(two) == ("Jane",)  # which Jane is not said


@pytest.mark.parametrize(
    ("url", "tag", "byline", "rule", "writer"),
    [
        # "harbourdaily", not only "weekly", is the publisher's name: its author tag gives way
        (
            "https://weekly.harbourdaily.jp/2024/storm-bridge",
            "HarbourDaily",
            "<p class='byline'>By Jane Doe</p>",
            "registered_host_name_publishes",
            "Jane Doe",
        ),
        # weekly.ascii.jp: "文● オカモト／ASCII編集部" (text: Okamoto / ASCII's editors)
        (
            "https://weekly.ascii.jp/elem/000/000/428/428292/",
            "ASCII",
            "<div class='artdata'><p class='author'><a>文● 岡本太郎／ASCII編集部</a></p></div>",
            "cjk_credits_in_bylines",
            "岡本太郎",
        ),
    ],
)
def test_an_author_tag_naming_the_publisher_gives_way_to_the_bylines_writer(
    url: str, tag: str, byline: str, rule: str, writer: str
) -> None:
    html = page(title=HEADLINE, head=f'<meta name="author" content="{tag}">', before=byline)
    without = replace(DEFAULT_OPTIONS, **{rule: False})
    assert extract_article(html, url).authors == (writer,)
    assert extract_generic(html, url, options=without).authors == (tag,)


@pytest.mark.parametrize(
    ("url", "head", "owner"),
    [
        (
            "https://www.jane-doe.example/notes/bridge",
            "<meta property='og:site_name' content='Dr. Jane Doe'>",
            "Jane Doe",
        ),
        ("https://janedoe.example/blog/bridge", "", "Jane Doe"),  # "Jane Doe's Digital Home"
    ],
)
def test_a_personal_site_named_after_its_owner_names_the_writer(
    url: str, head: str, owner: str
) -> None:
    """A page naming nobody, on a site named after a person (an academic title, "…'s Digital
    Home") whose host spells the name: the owner writes it."""
    html = (
        f"<html><head><title>{HEADLINE} | Jane Doe's Digital Home</title>{head}</head><body>"
        f"<main><article><h1>{HEADLINE}</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></main></body></html>"
    )
    article = extract_article(html, url)
    assert article.authors == (owner,)
    assert article.sources["authors"] == "site-name"
    without = replace(DEFAULT_OPTIONS, personal_site_owner_writes=False)
    assert extract_generic(html, url, options=without).authors == ()


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.royalroad.example/fiction/1", "Royal Road"),  # a brand the host spells
        ("https://www.harbour.example/notes/bridge", "Dr. Jane Doe"),  # a host not spelling it
    ],
)
def test_a_brand_or_a_name_its_host_does_not_spell_is_no_owner(url: str, site: str) -> None:
    html = (
        f"<html><head><title>{HEADLINE}</title><meta property='og:site_name' content='{site}'>"
        f"</head><body><main><article><h1>{HEADLINE}</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></main></body></html>"
    )
    assert extract_article(html, url).authors == ()


@pytest.mark.parametrize(
    "hidden",
    [
        "<span class='d-none' itemprop='name'>Jane D.</span>",
        "<span style='display: none'>Jane D.</span>",
    ],
)
def test_a_bylines_name_repeated_hidden_for_microdata_is_read_once(hidden: str) -> None:
    # a forum's signature: the profile link, and the name again for microdata, hidden
    box = (
        "<div class='post-signature'><div class='user-details' itemprop='author'>"
        f"<a href='/users/18300/jane-d'>Jane D.</a>{hidden}</div></div>"
    )
    found, without = with_and_without("", box, byline_hidden_skipped=False)
    assert found == ("Jane D.",)
    assert without != ("Jane D.",)


def test_a_bylines_part_hidden_only_on_a_phones_screen_is_read() -> None:
    box = (
        "<div class='byline'>By <a href='/authors/jane-doe'>Jane</a>"
        "<span class='d-none d-md-inline'> Doe</span></div>"
    )
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=box)
    assert extract_article(html, URL).authors == ("Jane Doe",)


@pytest.mark.parametrize("skipped", [True, False])
def test_a_category_chip_in_a_byline_box_is_no_name(skipped: bool) -> None:
    # the name's element and the category's are both classed "…-name"
    box = (
        "<div class='author'><div class='author-content'><h1 class='written-by'>written by</h1>"
        "<h6 class='author-name'>Jane Doe</h6><h6 class='author-date'>May 10, 2023</h6>"
        "<a href='#'><h6 class='category-name'>Frameworks &amp; Tools</h6></a></div></div>"
    )
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=box)
    options = replace(DEFAULT_OPTIONS, thing_name_classes_skipped=skipped)
    authors = extract_generic(html, URL, options=options).authors
    assert ("Frameworks" not in authors) is skipped
    assert "Jane Doe" in authors


def test_a_breadcrumb_trail_is_no_byline() -> None:
    """Tages-Anzeiger names its breadcrumb bar "breadbar _author" (its id says breadcrumbs):
    its links are the site's sections, the byline is below the headline."""
    text = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        "<div class='breadbar _author' id='breadcrumbs-scroll-container'>"
        "<a href='/'>Startseite</a> <span>|</span> <a href='/schweiz'>Schweiz</a></div>"
        f"<div class='post'><h1>{HEADLINE}</h1><p class='byline'>Von Jane Doe</p>{text}</div>"
        "</body></html>"
    )
    assert extract_article(html, URL).authors == ("Jane Doe",)
    without = replace(DEFAULT_OPTIONS, breadcrumbs_not_bylines=False)
    assert "Startseite" in extract_generic(html, URL, options=without).authors


@pytest.mark.parametrize("rule", [True, False])
def test_the_site_name_ending_the_title_leaves_a_byline_joining_it(rule: bool) -> None:
    # no metadata names the site: only the <title>'s last piece says "Tidewater Courier"
    html = page(
        title=f"{HEADLINE} | Tidewater Courier",
        before="<p class='byline'>Jane Doe Tidewater Courier</p>",
    )
    options = replace(DEFAULT_OPTIONS, title_tail_publishes=rule)
    found = extract_generic(html, URL, options=options).authors
    assert found == (("Jane Doe",) if rule else ("Jane Doe Tidewater Courier",))


@pytest.mark.parametrize(
    ("title", "tail"),
    [
        ("Storm closes the old bridge | The West Australian", "The West Australian"),
        ("Storm closes the old bridge - Harbour Daily", None),  # a dash may join a clause
        ("Bridge | Jane Doe writes about the old ferry crossing", None),  # a clause, not a name
        ("Storm | Harbour Daily", None),  # longer than what it ends: no site's name
        ("Storm closes the old bridge", None),
    ],
)
def test_the_title_tail_is_a_short_piece_after_a_bar(title: str, tail: str | None) -> None:
    assert title_tail(title) == tail


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Tom Davies - Associated Press", ("Tom Davies",)),
        ("By Jane Doe, John Roe The Associated Press", ("Jane Doe", "John Roe")),
        ("By JILL LAWLESS Associated Press", ("JILL LAWLESS",)),
    ],
)
def test_a_wire_agency_after_a_writers_name_is_her_employer(
    byline: str, expected: tuple[str, ...]
) -> None:
    html = page(title=HEADLINE, before=f"<p class='byline'>{byline}</p>")
    assert extract_article(html, URL).authors == expected
    without = replace(DEFAULT_OPTIONS, agency_tails_not_names=False)
    assert extract_generic(html, URL, options=without).authors != expected


def test_a_one_word_name_keeps_the_agency_word_after_it() -> None:
    # cut, "Reuters" would leave one word: no writer's full name to stand for her
    assert authors_of("", before="<p class='byline'>By Jane Reuters</p>") == ("Jane Reuters",)


@pytest.mark.parametrize("rule", [True, False])
def test_a_labelled_byline_may_give_the_writers_role_after_her_name(rule: bool) -> None:
    # the metadata names the foundation; the text's closing line names its writer and her role
    closing = "<p><strong>Autorin: Jane Doe, Projektleiterin der Stiftung in Tunis.</strong></p>"
    html = page(title=HEADLINE, head=meta("author", "Harbour Stiftung e.V."), after=closing)
    options = replace(DEFAULT_OPTIONS, labelled_byline_roles_cut=rule)
    found = extract_generic(html, URL, options=options).authors
    assert found == (("Jane Doe",) if rule else ("Harbour Stiftung e.V.",))


def test_a_long_labelled_line_without_a_full_name_is_no_byline() -> None:
    # Dutch "door" ("by") opening an address longer than a name: "No." is no writer
    address = (
        "<p class='address-text'>Door No. 61, 1st floor, Anna Nagar East, Chennai, "
        "Tamil Nadu - 600102</p>"
    )
    html = page(title=HEADLINE, after=address)
    assert extract_article(html, URL).authors == ()


def test_a_sentence_opening_with_the_word_author_is_no_byline() -> None:
    # without a colon, "Author" is the subject's noun: the writer of the novel, not the story
    sentence = (
        "<p>Author Jane Doe, from the harbour town, spoke about her first novel at the fair.</p>"
    )
    html = page(title=HEADLINE, after=sentence)
    assert extract_article(html, URL).authors == ()
    # with its colon, the same line labels the writer and her role
    labelled = "<p>Author: Jane Doe, from the harbour town, spoke about her first novel.</p>"
    assert extract_article(page(title=HEADLINE, after=labelled), URL).authors == ("Jane Doe",)


def test_a_credit_in_the_middle_of_a_sentence_is_no_byline() -> None:
    sentence = (
        "<p><span>The editor was fired for publishing an</span> <a href='/op-ed'>op-ed</a> "
        "<span>by Sen. Jane Doe, which argued that, in the face of this —</span></p>"
    )
    html = page(title=HEADLINE, after=sentence)
    assert extract_article(html, URL).authors == ()


@pytest.mark.parametrize("rule", [True, False])
def test_a_credit_in_the_text_outweighs_a_byline_naming_the_publisher(rule: bool) -> None:
    html = page(
        title=HEADLINE,
        head=meta("og:site_name", SITE),
        before=f"<div class='post-author-name'>By {SITE}</div>",
        after="<p><em>Written by: <a href='/people/jane-doe'>Jane Doe</a></em></p>",
    )
    options = replace(DEFAULT_OPTIONS, text_credit_over_publisher=rule)
    found = extract_generic(html, URL, options=options).authors
    assert found == (("Jane Doe",) if rule else (SITE,))


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Jane Doe, MS, RD", ("Jane Doe",)),
        ("By John Roe, CFP", ("John Roe",)),
        ("By Jane Doe, John Roe, PharmD", ("Jane Doe", "John Roe")),
        # alone, the letters are a desk's initials, not a credential
        ("Von LD", ("LD",)),
    ],
)
def test_credentials_after_a_name_are_no_second_name(
    byline: str, expected: tuple[str, ...]
) -> None:
    assert authors_of("", before=f"<p class='byline'>{byline}</p>") == expected


def test_a_labelled_byline_after_a_line_break_opens_its_line() -> None:
    # the note above it and the credit share a paragraph, a break between them
    closing = (
        "<p>This text first appeared in the foundation's quarterly.<br>"
        "<span>Autorin: Jane Doe, Projektleiterin der Stiftung in Tunis.</span></p>"
    )
    html = page(title=HEADLINE, head=meta("author", "Harbour Stiftung e.V."), after=closing)
    assert extract_article(html, URL).authors == ("Jane Doe",)


PICTURE_CREDITS = {
    # a byline-marked name in the caption, beside the picture's description
    "caption": (
        "<figure><img src='/harbour.jpg' alt=''><figcaption><span>The new ferry leaves the "
        "harbour at dawn</span> <span class='author'>Maria Lopez</span></figcaption></figure>"
    ),
    # an element named for the picture's credit ("ImageArticle-Author")
    "named": (
        "<div class='ImageArticle-Description'>The new ferry leaves the harbour</div>"
        "<div class='ImageArticle-Author'>Foto: Maria Lopez</div>"
    ),
}
WRITER_PORTRAITS = {
    # the caption holds the name alone
    "caption": (
        "<figure><img src='/jane.jpg' alt=''><figcaption><span class='author'>Jane Doe</span>"
        "</figcaption></figure>"
    ),
    # the author's picture box ("author-image-wrapper") holds her name
    "named": (
        "<a href='/team/jane-doe' class='blog_author-image-wrapper'><img src='/jane.jpg' alt=''>"
        "<div>Jane Doe</div></a>"
    ),
}


@pytest.mark.parametrize("rule", [True, False])
@pytest.mark.parametrize("kind", sorted(PICTURE_CREDITS))
def test_a_pictures_credit_marked_as_a_byline_credits_the_picture(kind: str, rule: bool) -> None:
    """The lead picture's photographer marked as an "author" before the story's byline; the
    writer's own portrait still names the writer."""
    byline = "<p class='byline'>By Jane Doe</p>"
    html = page(
        title=HEADLINE, head=meta("og:site_name", SITE), before=PICTURE_CREDITS[kind] + byline
    )
    options = replace(DEFAULT_OPTIONS, caption_credits_not_bylines=rule)
    assert extract_generic(html, URL, options=options).authors == (
        ("Jane Doe",) if rule else ("Maria Lopez",)
    )
    portrait = page(title=HEADLINE, head=meta("og:site_name", SITE), before=WRITER_PORTRAITS[kind])
    assert extract_generic(portrait, URL).authors == ("Jane Doe",)


def test_a_date_prepositions_word_left_alone_is_no_name() -> None:
    # the byline's date is read apart; its "le" stays behind the comma
    assert authors_of("", before="<p class='byline'>Par Jane Doe, le</p>") == ("Jane Doe",)


@pytest.mark.parametrize("rule", [True, False])
def test_a_sentence_in_a_byline_named_box_is_no_byline(rule: bool) -> None:
    """A feedback form's thanks in a box named "submitted" (Drupal's byline class), its
    "Close" button beside it, ahead of the story's byline."""
    feedback = (
        "<div class='ad-feedback__submitted'>"
        "<div class='ad-feedback__submitted__message'>Your effort and care in sending this "
        "report are much appreciated.</div>"
        "<div class='ad-feedback__submitted__close'>Close</div></div>"
    )
    byline = "<p class='byline'>By Jane Doe</p>"
    html = page(title=HEADLINE, head=meta("og:site_name", SITE), before=feedback + byline)
    options = replace(DEFAULT_OPTIONS, sentences_not_bylines=rule)
    found = extract_generic(html, URL, options=options).authors
    assert (found == ("Jane Doe",)) is rule


@pytest.mark.parametrize(
    ("line", "name"),
    [
        # a name box, then a date box: each its own element
        (
            "<div class='info'><div><span>Fatma Sevinç Çetin</span></div>"
            "<div><span>20 Nisan 2026</span><span>•</span>"
            "<span>Güncelleme: 20 Nisan 2026</span></div></div>",
            "Fatma Sevinç Çetin",
        ),
        # the name as the box's own text, a separator and a relative date after it
        (
            "<div class='credit'>Fouzia Van Der Fort<span>|</span>"
            "<span>Published <time>4 months ago</time></span></div>",
            "Fouzia Van Der Fort",
        ),
        # a name over a place, then the date: the place is no part of the name
        (
            "<div class='w'><div class='g'><p>Daniel Aragón</p><p><span>Córdoba</span></p>"
            "</div><time datetime='2026-04-25T13:10:38Z'>25/04/2026</time></div>",
            "Daniel Aragón",
        ),
    ],
    ids=["boxes", "own text", "place under"],
)
def test_a_name_alone_before_the_date_box_under_the_headline_names_the_author(
    line: str, name: str
) -> None:
    html = page(title=HEADLINE, h1=HEADLINE, head=meta("og:site_name", SITE), before=line)
    article = extract_article(html, URL, profile="generic")
    assert article.authors == (name,)
    assert article.sources["authors"] == "dateline"
    without = replace(DEFAULT_OPTIONS, name_beside_date_boxes=0)
    assert extract_generic(html, URL, options=without).authors == ()


def _credited(line: str, **options: object) -> tuple[str, ...]:
    """The authors of a page whose credit line under its h1 is `line`, with `options`."""
    html = page(title=HEADLINE, h1=HEADLINE, head=meta("og:site_name", SITE), before=line)
    return extract_generic(html, URL, options=replace(DEFAULT_OPTIONS, **options)).authors


@pytest.mark.parametrize(
    "line",
    [
        # a label and its value, not a name
        "<div><span>Ort: Marktplatz Halle</span><span>29.02.2020</span></div>",
        # a label whose words the text says in lower case ("weekly", "roundup")
        "<div><span>Weekly Roundup</span><time>December 15 2025</time></div>"
        "<p>The weekly roundup says the bridge will reopen in the spring.</p>",
        # a label ending in a particle ("posted by")
        "<div><span>Eingestellt von</span><span>13.02.2022</span></div>",
        # a lower-case word in it: a phrase, not a name
        "<div><span>Abfahrt Graz und Bruck</span><span>13.02.2022</span></div>",
        # a section's label links to its section, not to an author's page
        "<div><a href='/politics/'>Metro Politics</a><span>13.02.2022</span></div>",
        # a teaser card: its name and date in the link to its story
        "<a href='/other'><div><span>John Roe</span><span>13.02.2022</span></div></a>",
        # a heading before a date is a teaser's or a section's
        "<div><h3>Metro Politics</h3><span>13.02.2022</span></div>",
        # in the page's chrome: a rail's card
        "<aside><div><span>John Roe</span><span>13.02.2022</span></div></aside>",
        # words between the name and the date: a CMS's account line, the run of a sentence
        "<div>Submitted by <span>Metro Desk</span> on <span>13.02.2022</span></div>",
        # a heading nearest the date stops the search: the name before it is another's
        "<div><span>Jane Doe</span><h3>Metro Politics</h3><span>13.02.2022</span></div>",
        # a box with more to say than a name and a date: a card or a paragraph
        "<div><span>Jane Doe</span><span>13.02.2022</span><span>"
        + "The bridge closes for eleven weeks while the bearings are replaced. " * 2
        + "</span></div>",
    ],
    ids=[
        "label",
        "lower case elsewhere",
        "particle last",
        "lower case in it",
        "section link",
        "teaser link",
        "heading",
        "chrome",
        "words between",
        "heading nearest",
        "card",
    ],
)
def test_what_stands_before_a_date_box_names_nobody_unless_it_is_a_name(line: str) -> None:
    assert _credited(line) == ()


def test_a_name_before_a_date_box_counts_under_the_headline_and_in_the_first_boxes_only() -> None:
    line = "<div><span>Jane Doe</span><span>13.02.2022</span></div>"
    assert _credited(line) == ("Jane Doe",)
    # above the page's h1 (a rail, the site's header), no credit of the story
    html = page(
        title=HEADLINE, head=meta("og:site_name", SITE), outside=line, h1=HEADLINE, before=""
    )
    assert extract_generic(html, URL).authors == ()
    # a teaser list dating its cards before the credit line: only the first boxes are read
    teasers = "".join(
        f"<div><span>Card {n}</span><span>1{n}.02.2022</span></div>" for n in range(3)
    )
    assert _credited(teasers + line) == ()
    assert _credited(teasers + line, name_beside_date_boxes=4) == ("Jane Doe",)
