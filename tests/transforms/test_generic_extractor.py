"""Quality floor of the generic extractor on hand-written pages of different templates.

Each `tests/fixtures/generic/<name>.html` has a `<name>.json` with the expected fields, the
expected body text (paragraphs separated by blank lines) and strings that must never reach
the body (captions, credits, share bars, related news, addresses, copyright, ...).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from records.article import NotAnArticle
from transforms.dates import date_from_url, is_date_line, parse_datetime
from transforms.generic import extract_generic
from transforms.generic.settings import DEFAULT_OPTIONS
from transforms.normalize import collapse_repeated_span, dedupe_paragraphs, normalize_text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "generic"
PAGES = sorted(path.stem for path in FIXTURES.glob("*.html"))
MIN_TOKEN_F1 = 0.95
# boilerplate that must never appear in any body, whatever the page
NEVER_IN_BODY = (
    re.compile(r"©|\bcopyright\b|all rights reserved", re.I),
    re.compile(r"^\s*share\b|\bshare (?:this|on)\b", re.I | re.M),
    re.compile(r"[\w-]+\.(?:jpe?g|png|gif|webp)\b", re.I),
    re.compile(r"^\s*(?:\d{1,3}\s*)+$", re.M),
)


def _load(name: str) -> tuple[str, dict]:
    html = (FIXTURES / f"{name}.html").read_text("utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    return html, expected


def _shingles(text: str) -> Counter:
    tokens = re.findall(r"\w+", text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def token_f1(gold: str, predicted: str) -> float:
    gold_shingles, predicted_shingles = _shingles(gold), _shingles(predicted)
    shared = sum((gold_shingles & predicted_shingles).values())
    if not shared:
        return 0.0
    precision = shared / sum(predicted_shingles.values())
    recall = shared / sum(gold_shingles.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize("name", PAGES)
def test_fields(name: str) -> None:
    html, expected = _load(name)
    article = extract_generic(
        html, expected["url"], default_timezone=expected.get("timezone", "UTC")
    )
    assert article.title == expected["title"]
    assert article.profile == "generic"
    assert article.canonical_url == expected["canonical_url"]
    assert article.language == expected["language"]
    assert list(article.authors) == expected["authors"]
    assert list(article.tags) == expected["tags"]
    for field in ("published_at", "updated_at"):
        value = getattr(article, field)
        if expected[field] is None:
            assert value is None, field
        else:
            assert value == datetime.fromisoformat(expected[field]), field
            assert value.tzinfo is not None
    if "subtitle" in expected:
        assert article.subtitle == expected["subtitle"]
    headings = [block.text for block in article.body if block.kind == "heading"]
    assert headings == expected["headings"]
    images = [
        {"src": i.src, "caption": i.caption, "credit": i.credit, "alt": i.alt}
        for i in article.images
    ]
    assert images == expected["images"]
    assert 0.0 <= article.confidence <= 1.0


@pytest.mark.parametrize("name", PAGES)
def test_body_quality(name: str) -> None:
    html, expected = _load(name)
    article = extract_generic(html, expected["url"])
    assert token_f1(expected["body"], article.text) >= MIN_TOKEN_F1, article.text
    for forbidden in expected["forbidden"]:
        assert forbidden not in article.text, forbidden
    for pattern in NEVER_IN_BODY:
        assert not pattern.search(article.text), pattern.pattern
    assert article.confidence >= 0.5


def test_all_fixtures_together_meet_the_floor() -> None:
    scores = []
    for name in PAGES:
        html, expected = _load(name)
        scores.append(token_f1(expected["body"], extract_generic(html, expected["url"]).text))
    assert len(scores) >= 6
    assert sum(scores) / len(scores) >= 0.97


def test_page_without_title_is_refused() -> None:
    with pytest.raises(NotAnArticle) as refused:
        extract_generic("<html><body><p>Just a paragraph.</p></body></html>", "https://x.example/")
    assert refused.value.reason == "no_title"


def test_page_without_text_is_refused() -> None:
    html = "<html><head><title>Empty page</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(NotAnArticle) as refused:
        extract_generic(html, "https://x.example/")
    assert refused.value.reason == "empty_body"


def test_unparseable_input_is_refused() -> None:
    with pytest.raises(NotAnArticle):
        extract_generic("", "https://x.example/")


@pytest.mark.parametrize(
    "head",
    [
        "<script type='application/ld+json'>{deep}</script>",
        "<script type='application/ld+json'>{deep}}}</script>",  # the repair path
        "<meta name='parsely-page' content='{deep}'>",
    ],
)
def test_json_nested_past_the_parsers_depth_is_unread_metadata_not_a_lost_page(head: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    html = (
        f"<html><head><title>Harbour bridge closes</title>{head.format(deep=deep)}</head><body>"
        f"<h1>Harbour bridge closes</h1><p>{'The council voted to close the old bridge. ' * 8}"
        "</p></body></html>"
    )
    assert extract_generic(html, "https://x.example/").title == "Harbour bridge closes"


# -- normalisation and dates ------------------------------------------------------------------


def test_normalize_text_repairs_mojibake_and_keeps_smart_quotes() -> None:
    assert normalize_text("cafÃ© â€œgoodâ€\u009d") == "café “good”"
    assert normalize_text("“Straße”\u200b  –\u00a0ok\n") == "“Straße” – ok"


def test_collapse_repeated_span_is_fast_and_keeps_short_repeats() -> None:
    assert collapse_repeated_span("a b c d e f g a b c d e f g h") == "a b c d e f g h"
    assert collapse_repeated_span("very, very good") == "very, very good"
    long_text = " ".join(f"the word{i}" for i in range(5000))
    assert collapse_repeated_span(long_text) == long_text


def test_dedupe_paragraphs_removes_exact_and_near_repeats() -> None:
    paragraph = "The committee approved the new budget for the coming academic year on Monday"
    kept = dedupe_paragraphs(
        [paragraph, paragraph.upper() + "!", paragraph + " evening", "Short one.", "short ONE"]
    )
    assert kept == [paragraph, "Short one."]


def test_parse_datetime_keeps_offsets_and_localises_naive_values() -> None:
    assert (
        parse_datetime("2024-01-05T10:00:00.000+01:00").isoformat() == "2024-01-05T10:00:00+01:00"
    )
    assert parse_datetime("2024-01-05 10:00", "Europe/Berlin").isoformat() == (
        "2024-01-05T10:00:00+01:00"
    )
    assert parse_datetime("March 3, 2021").isoformat() == "2021-03-03T00:00:00+00:00"
    assert parse_datetime("12") is None
    assert parse_datetime("not a date") is None
    assert date_from_url("https://x.example/2026/01/16/slug").date().isoformat() == "2026-01-16"


# -- recall rules -----------------------------------------------------------------------------

LONG = "This sentence is long enough to count as article prose in the generic extractor, surely."


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>A test page</title>{head}</head><body>{body}</body></html>"


def test_repeated_lines_further_apart_are_kept() -> None:
    plan = "".join(f"<h3>Plan {c}</h3><p>Meal 1</p><p>{LONG} {c}</p>" for c in "AB")
    page = _page(f"<article><p>{LONG}</p>{plan}</article>")
    text = extract_generic(page, "https://x.example/a").text
    assert text.count("Meal 1") == 2


def test_link_list_inside_the_text_is_kept_and_teaser_box_dropped() -> None:
    body = (
        f"<article><p>{LONG}</p><ul><li><a href='/1'>First linked book title</a></li>"
        f"<li><a href='/2'>Second linked book title</a></li></ul><p>{LONG} Again.</p>"
        "<div class='box'><div><a href='/3'>Teaser headline number one here</a></div>"
        "<div><a href='/4'>Teaser headline number two here</a></div></div>"
        f"<p>{LONG} Last.</p></article>"
    )
    text = extract_generic(_page(body), "https://x.example/b").text
    assert "First linked book title" in text
    assert "Teaser headline" not in text


def test_json_ld_body_with_escaped_html_is_read_as_text() -> None:
    paragraphs = "".join(f"&lt;p&gt;{LONG} {i}&lt;/p&gt;" for i in range(6))
    script = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": '
        f'"{paragraphs}&lt;script&gt;var x = 1;&lt;/script&gt;"}}</script>'
    )
    text = extract_generic(_page(f"<p>{LONG}</p>", script), "https://x.example/c").text
    assert "&lt;" not in text and "<p>" not in text and "var x" not in text
    assert text.count(LONG) == 6


def test_unclosed_button_does_not_hide_the_page() -> None:
    body = "<button class='menu'><div>Menu</div>" + "".join(f"<p>{LONG} {i}</p>" for i in range(4))
    text = extract_generic(_page(body), "https://x.example/d").text
    assert text.count(LONG) == 4


def test_a_line_of_asterisks_parts_a_story_and_ends_it_only_before_a_short_note() -> None:
    """ "***" between a story's parts (a quarter of it after); the same line before a
    subscription pitch ends the text."""
    parts = "".join(f"<p>{LONG} {i}</p>" for i in range(6))
    after = "".join(f"<p>{LONG} after {i}</p>" for i in range(2))
    page = _page(f"<article>{parts}<p>***</p>{after}</article>")
    assert extract_generic(page, "https://x.example/g").text.count(LONG) == 8
    as_rule = replace(DEFAULT_OPTIONS, dinkus_max_prose_after=0.5)
    assert extract_generic(page, "https://x.example/g", options=as_rule).text.count(LONG) == 6
    pitch = "<p>In these times, our newsroom keeps reporting for you. Subscribe to the paper.</p>"
    page = _page(f"<article>{parts}<p>***</p>{pitch}</article>")
    assert "Subscribe" not in extract_generic(page, "https://x.example/g").text


def test_headline_list_set_inside_the_text_is_dropped() -> None:
    headlines = "".join(
        f"<li><a href='/{i}'>Agency picks three private companies for the next mission {i}</a></li>"
        for i in range(3)
    )
    body = f"<article><p>{LONG}</p><ul>{headlines}</ul><p>{LONG} Again.</p></article>"
    text = extract_generic(_page(body), "https://x.example/e").text
    assert "private companies" not in text
    assert text.count(LONG) == 2


def test_rule_line_ends_the_text_and_closing_calls_to_action_are_dropped() -> None:
    body = (
        "<article>"
        + "".join(f"<p>{LONG} {i}</p>" for i in range(4))
        + "<p>Image 2 of 5</p><p>___</p><p>Other writers contributed to this report.</p>"
        + "</article><div><p>Sign up for our weekly newsletter to get the latest news.</p></div>"
    )
    page = _page(f"<div>{body}<p>Subscribe to our newsletter today, it is free.</p></div>")
    text = extract_generic(page, "https://x.example/f").text
    assert text.count(LONG) == 4
    assert "contributed" not in text and "Image 2" not in text and "newsletter" not in text


@pytest.mark.parametrize(
    ("line", "says_when"),
    [
        ("20 Novembre 2024", True),
        ("Thursday, December 27, 2007 | 10:56 AM CT", True),
        ("Publiziert: 01.07.2023, 11:16", True),
        ("včera 14:40", True),
        ("Aktualisiert vor 12 Minuten", True),
        ("Heute, 12:19 Uhr", True),
        ("John 3:16", False),  # a time alone with a word beside it
        ("He left 5 hours ago", False),
        ("Posted online: Monday , December 31, 2007 at 12:00:00", True),
        ("Results from 2024", False),  # a year is no date
        ("The 2024 budget, 14:30 in committee", False),
        ("Score 3:1", False),
        ("Tobias Mühlbauer24.04.2024, 19:35 Uhr", False),  # a byline with its date
        # the reading time a stamp carries is the stamp's ("Lesedauer", "3 Min.")
        ("06. 01. 2026, 14:59 Uhr Lesedauer: 4 Minuten", True),
        ("5. Mai 2024 · 3 Min.", True),
        ("Publiziert heute um 12:19 Uhr", True),  # a label, a day by its distance, a time
        ("4 Minuten nach 14:59 Uhr", False),  # minutes without the dot or "read": no reading time
        ("1 Alvaro Bautista 123 P", False),
        ("12:30 " + "x" * 400, False),  # one long word is no label
    ],
)
def test_a_date_line_says_nothing_but_when(line: str, says_when: bool) -> None:
    assert is_date_line(line) is says_when
