"""Every registered profile version, proven on recorded pages (Fundus's one parametrized test).

Fixtures live in tests/fixtures/profiles/<profile>/<version>/; rewrite the expected JSON with
`uv run python scripts/regenerate_profile_fixtures.py` and review the diff.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from bs4 import BeautifulSoup
from profile_fixtures import Fixture, fixtures, record, version_dir

from transforms.normalize import normalize_text
from transforms.profiles.registry import PROFILES, profile_for_url

FIXTURES = fixtures()
VERSIONS = [(profile, version) for profile in PROFILES.values() for version in profile.versions]

# Boilerplate that must never reach body text, with what a page calls it.
BOILERPLATE = {
    "image file name": re.compile(r"\b[\w-]+\.(?:png|jpe?g|gif|webp)\b", re.I),
    "pagination digits": re.compile(r"^\s*(?:\d{1,3}\s*)+$"),
    "caption credit": re.compile(r"\[\s*photo\s*/|\b(?:photo|credit|photography)\s*[:：]", re.I),
    "share or print": re.compile(
        r"\b(?:share (?:this|to)|print|facebook|linkedin|microblog)\b", re.I
    ),
    "related": re.compile(r"^related\b|\brelated (?:news|stories|posts)\b", re.I),
    "copyright": re.compile(r"©|copyright|all rights reserved|presented by china daily", re.I),
    "address": re.compile(r"^address\b|\bstreet, haidian\b", re.I),
    "labels": re.compile(r"^(?:translator|editor|reviewer|news source|time)\s*[:：]", re.I),
    "close window": re.compile(r"close window|viewcount", re.I),
    "editor's note": re.compile(r"editor'?s note|notes to editors", re.I),
    "cookies": re.compile(r"\bcookies?\b", re.I),
    "press contact": re.compile(r"^media (?:contact|enquiries)|press office", re.I),
}
FOOTER = "footer, .footer, #footer, .site-footer, .global-footer"
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def fixture_ids(fixture: Fixture) -> str:
    return fixture.id


@pytest.mark.parametrize(
    ("profile", "version"), VERSIONS, ids=[version.NAME for _, version in VERSIONS]
)
def test_every_registered_version_has_a_recorded_page(profile, version) -> None:
    pages = sorted(version_dir(profile, version).glob("*.html.gz"))
    assert pages, f"{version.NAME}: record a page under {version_dir(profile, version)}"
    for page in pages:
        assert Fixture(profile, version, page).expected_path.exists(), page


@pytest.fixture(params=FIXTURES, ids=fixture_ids)
def fixture(request: pytest.FixtureRequest) -> Fixture:
    return request.param


def test_page_extracts_to_the_expected_record(fixture: Fixture) -> None:
    assert record(fixture.extract()) == fixture.expected()


def test_version_is_chosen_from_the_url_and_from_the_date(fixture: Fixture) -> None:
    url = fixture.expected()["url"]
    assert profile_for_url(url) is fixture.profile
    assert fixture.profile.version_for(url=url) is fixture.version
    published = date.fromisoformat(fixture.expected()["published_at"][:10])
    assert fixture.profile.version_for(on=published) is fixture.version


def test_fields_are_filled(fixture: Fixture) -> None:
    article = fixture.extract()
    assert article.title and article.body and article.language == "en"
    assert article.published_at is not None and article.published_at.tzinfo is not None
    assert article.images and all(image.caption for image in article.images)


def test_no_boilerplate_in_body(fixture: Fixture) -> None:
    article = fixture.extract()
    for name, pattern in BOILERPLATE.items():
        for block in article.body:
            assert not pattern.search(block.text), f"{name}: {block.text[:80]!r}"
    for image in article.images:
        for leaked in (image.caption, image.credit):
            assert not leaked or leaked not in article.text, leaked
    if article.editor_note:
        assert article.editor_note.split("\n")[0] not in article.text


def test_no_footer_line_in_body(fixture: Fixture) -> None:
    soup = BeautifulSoup(fixture.html(), "lxml")
    lines = {
        normalize_text(line)
        for node in soup.select(FOOTER)
        for line in node.get_text("\n").split("\n")
        if len(normalize_text(line)) >= 12
    }
    assert lines, "the page has a footer to leak"
    text = fixture.extract().text
    assert not [line for line in lines if line in text]


def test_no_repeated_paragraph_or_sentence(fixture: Fixture) -> None:
    article = fixture.extract()
    texts = [block.text for block in article.body]
    assert len(texts) == len(set(texts))
    sentences = [s for text in texts for s in SENTENCE.split(text) if len(s.split()) >= 6]
    assert len(sentences) == len(set(sentences))


def test_the_fixtures_really_carry_the_boilerplate_we_guard_against() -> None:
    """Without this, the boilerplate tests could pass on pages that leak nothing."""
    soups = [BeautifulSoup(f.html(), "lxml") for f in FIXTURES]
    lines = [normalize_text(line) for soup in soups for line in soup.get_text("\n").split("\n")]
    lines += [str(img.get("alt", "")) for soup in soups for img in soup.find_all("img")]
    for name, pattern in BOILERPLATE.items():
        assert any(pattern.search(line) for line in lines if line), name
    assert any(f.expected()["editor_note"] for f in FIXTURES)
    html = "".join(f.html() for f in FIXTURES)
    assert "It has established school level cooperation" in html  # repeated sentence
    assert re.search(r"charset=gbk", html)
