"""Pages served in place of an article with a 200 (a soft 404, a consent wall, a bot check, a
maintenance notice) are refused as "interstitial", never landed as articles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from records.article import Block, NotAnArticle
from transforms.extract import extract_article
from transforms.generic.settings import DEFAULT_OPTIONS
from transforms.interstitial import interstitial_kind

URL = "https://news.coastal-uni.example/2026/05/marine-building"
MENU = "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8))
MENU += "</ul></nav>"
FOOTER = "<footer><p>© 2026 Coastal University, 1 University Drive, Coastal Town.</p></footer>"
STORY = (
    "The university opened its new marine science building on Friday, with teaching labs, a "
    "seawater aquarium and a research vessel dock on the estuary side of the campus. "
)


def page(title: str, main: str) -> str:
    return (
        f"<html><head><title>{title} | Coastal University</title></head><body>{MENU}"
        f"<main>{main}</main>{FOOTER}</body></html>"
    )


INTERSTITIALS = {
    "a page that was not found": [
        page(
            "Page not found",
            "<h1>Page not found</h1><p>Sorry, the page you are looking for could not be found. "
            "It may have been moved or deleted, or the address may have been mistyped.</p>",
        ),
        page(
            "Seite nicht gefunden",
            "<h1>Fehler 404</h1><p>Die angeforderte Seite konnte leider nicht gefunden werden. "
            "Bitte nutzen Sie die Suche oder kehren Sie zur Startseite zurück.</p>",
        ),
    ],
    "a cookie-consent wall": [
        page(
            "Before you continue",
            "<h1>We value your privacy</h1><p>Cookies help us run the site, measure its audience "
            "and show you content you may like; you can accept them or choose which ones.</p>",
        ),
        # no heading to say so: the consent framework's own sentence opens the text
        "<html><head><title>Coastal News</title></head><body><div class='dialog'><p>We and our "
        "842 partners store and/or access information on a device, such as cookies, and process "
        "personal data for personalised advertising and content measurement.</p></div></body>"
        "</html>",
    ],
    "a bot check": [
        "<html><head><title>Just a moment...</title></head><body><h1>Checking your browser "
        "before accessing news.coastal-uni.example</h1><p>This process is automatic. Your "
        "browser will redirect to your requested content shortly.</p></body></html>",
    ],
    "a maintenance notice": [
        page(
            "Maintenance",
            "<h1>We'll be back soon</h1><p>Our website is undergoing scheduled maintenance to "
            "improve your experience; we expect to be back online within a few hours.</p>",
        ),
    ],
}


@pytest.mark.parametrize(
    ("kind", "html"),
    [(kind, html) for kind, pages in INTERSTITIALS.items() for html in pages],
)
def test_a_page_in_place_of_an_article_is_refused_saying_what_it_is(kind: str, html: str) -> None:
    with pytest.raises(NotAnArticle) as refused:
        extract_article(html, URL)
    assert refused.value.reason == "interstitial"
    assert kind in refused.value.detail
    off = replace(DEFAULT_OPTIONS, interstitials_refused=False)
    assert extract_article(html, URL, options=off).text  # it would land as an article


@pytest.mark.parametrize(
    "html",
    [
        # an article about a consent wall runs past `interstitial_max_words`
        page(
            "Cookie consent",
            "<h1>Cookie consent</h1>"
            + "".join(
                f"<p>{STORY} Reader panel {n} was asked about the consent banner in week {n}.</p>"
                for n in range(12)
            ),
        ),
        # a headline that says the words among more than `interstitial_title_max_words` words
        page(
            "Access denied to the harbour lab for students without a safety course",
            "<h1>Access denied to the harbour lab for students without a safety course</h1>"
            f"<p>{STORY}</p>",
        ),
        page(
            "Marine science building opens", f"<h1>Marine science building opens</h1><p>{STORY}</p>"
        ),
        # a short notice whose headline begins or ends with such words, and says more
        *(
            page(headline, f"<h1>{headline}</h1><p>{STORY}</p>")
            for headline in (
                "One more step towards the new marine building",
                "Campus network down for maintenance on Saturday",
                "Missing research buoy not found after the storm",
                "Security check delays the marine building opening",
            )
        ),
    ],
)
def test_an_article_saying_the_words_still_lands(html: str) -> None:
    assert "marine science building" in extract_article(html, URL).text


@pytest.mark.parametrize(
    ("title", "first_line", "kind", "said_by_text"),
    [
        ("Sayfa bulunamadı", "Aradığınız sayfa taşınmış olabilir.", "not found", False),
        ("Página não encontrada", "A página que procura não existe.", "not found", False),
        ("Siden finnes ikke", "Siden du leter etter er flyttet.", "not found", False),
        ("Wir respektieren Ihre Privatsphäre", "Wir nutzen Cookies.", "consent", False),
        ("Noticias", "Nosotros y nuestros 842 socios almacenamos información.", "consent", True),
        ("Attention Required! | Cloudflare", "Please enable cookies.", "bot check", False),
    ],
)
def test_each_kind_is_told_in_the_languages_of_the_sites_read(
    title: str, first_line: str, kind: str, said_by_text: bool
) -> None:
    """Said by the title, or by the text's first line whatever the title."""
    found = interstitial_kind(title, [Block(first_line)])
    assert found is not None and kind in found
    under_a_headline = interstitial_kind("Marine science building opens", [Block(first_line)])
    assert under_a_headline == (found if said_by_text else None)


def test_a_profiled_site_s_page_not_found_says_so_rather_than_missing_its_selectors() -> None:
    """The site profile finds none of its selectors on the site's "page not found": the
    refusal says what the page is, so an operator does not take it for profile drift."""
    html = INTERSTITIALS["a page that was not found"][0]
    with pytest.raises(NotAnArticle) as refused:
        extract_article(html, URL, profile="bit")
    assert refused.value.reason == "interstitial"
    off = replace(DEFAULT_OPTIONS, interstitials_refused=False)
    with pytest.raises(NotAnArticle) as missed:
        extract_article(html, URL, profile="bit", options=off)
    assert missed.value.reason != "interstitial"
