"""The zone a page's bare clocks are in, for a source that configures none: the offsets the
page's stamps state, the country its language tag or address names, its language alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from flows.engine.page_transform import source_calendar_zone, source_timezone
from settings import Source
from transforms import zones
from transforms.dates import is_date_line, parse_datetime, placed_in
from transforms.extract import extract_article
from transforms.generic import extract_generic
from transforms.generic.settings import DEFAULT_OPTIONS
from transforms.page import parse_html
from transforms.zones import STAMPS_READ, PageZone, named_zone, page_zone, stated_offsets

URL = "https://news.harbour-daily.example/2026/01/20/storm-bridge"
PARAGRAPHS = "".join(
    f"<p>{text}</p>"
    for text in (
        "The harbour council voted on Tuesday evening to close the old swing bridge for "
        "repairs, after engineers found corrosion in two of the four main bearings last month.",
        "Ferry services will run every twenty minutes while the bridge is shut, and the council "
        "said that residents of the north shore would travel free of charge until the spring.",
        "Shop owners on the quay asked for help with the loss of passing trade, and the mayor "
        "promised a fund for them before the works begin in the first week of March.",
    )
)


def article_page(shown: str, *, lang: str = "", extra: str = "") -> str:
    lang_attribute = f' lang="{lang}"' if lang else ""
    return (
        f"<html{lang_attribute}><head><title>Storm closes the old bridge</title></head><body>"
        f"<main><article><h1>Storm closes the old bridge</h1><p class='date'>{shown}</p>"
        f"{PARAGRAPHS}</article>{extra}</main></body></html>"
    )


@pytest.mark.parametrize(
    ("url", "language", "zone"),
    [
        ("https://news.example/a", "de-AT", "Europe/Vienna"),  # the tag's country
        ("https://news.example.es/a", "en-GB", "Europe/Madrid"),  # the domain's first
        ("https://news.example/a", "es-ES", None),  # a CMS's default, in Bogotá too
        ("https://news.example/a", "en-GB", None),
        ("https://world.kbs.co.kr/a", "en", "Asia/Seoul"),  # the domain's country
        ("https://news.example/a", "ja", "Asia/Tokyo"),  # a language read in one zone
        ("https://news.example/a", "zh-Hant-TW", "Asia/Taipei"),  # a script between
        ("https://news.example/a", "en", None),  # English spans oceans
        ("https://news.example.io/a", "es", None),  # so does Spanish; .io is no country's
        ("https://news.example/a", None, None),
    ],
)
def test_a_zone_is_named_by_country_then_language(
    url: str, language: str | None, zone: str | None
) -> None:
    assert named_zone(url, language) == zone


def test_stamps_with_offsets_are_read_from_attributes_and_scripts_not_from_text() -> None:
    root = parse_html(
        "<html><head><meta property='article:modified_time' content='2024-07-02T09:00:00+0200'>"
        "<script>window.page = {published: '2024-07-01 10:00:00-04:00'};</script></head>"
        "<body><time datetime='2024-07-03T08:00:00.123+05:30'>3 July</time>"
        "<p>Updated 2024-07-04T10:00:00+09:00</p></body></html>"
    )
    assert stated_offsets(root) == [
        (datetime(2024, 7, 2, 9, 0), timedelta(hours=2)),
        (datetime(2024, 7, 1, 10, 0), timedelta(hours=-4)),
        (datetime(2024, 7, 3, 8, 0), timedelta(hours=5, minutes=30)),
    ]


def test_stamps_are_read_within_a_bound() -> None:
    stamps = "".join(
        f"<time datetime='2024-07-01T10:{minute % 60:02d}:00+02:00'></time>"
        for minute in range(STAMPS_READ * 3)
    )
    assert len(stated_offsets(parse_html(f"<html><body>{stamps}</body></html>"))) == STAMPS_READ


def stamped(*stamps: str, lang: str = "") -> object:
    times = "".join(f"<time datetime='{stamp}'></time>" for stamp in stamps)
    return parse_html(f"<html lang='{lang}'><body>{times}</body></html>")


@pytest.mark.parametrize(
    ("stamps", "lang", "zone"),
    [
        # stamps agreeing with the named zone, summer and winter: the name, which knows both
        (
            ("2024-07-01T10:00:00+02:00", "2024-01-10T10:00:00+01:00"),
            "de",
            PageZone("Europe/Berlin", "language"),
        ),
        (("2024-07-01T10:00:00+03:00",), "de", PageZone("+03:00", "stamps")),  # against: theirs
        # "+00:00", a server's UTC as often as a zone's winter, says nothing against the name
        (("2024-07-01T10:00:00+00:00",), "de", PageZone("Europe/Berlin", "language")),
        (("2024-07-01T10:00:00+00:00",), "en", PageZone("+00:00", "stamps")),
        (
            ("2024-07-01T10:00:00-04:00", "2024-07-02T10:00:00-04:00"),
            "en",
            PageZone("-04:00", "stamps"),
        ),
        ((), "de-AT", PageZone("Europe/Vienna", "language tag")),
        ((), "de", PageZone("Europe/Berlin", "language")),
        ((), "en", None),
    ],
)
def test_a_named_zone_stands_when_the_stamps_agree_else_their_offset(
    stamps: tuple[str, ...], lang: str, zone: PageZone | None
) -> None:
    assert page_zone(stamped(*stamps, lang=lang), "https://news.example/a", lang) == zone
    assert page_zone(stamped(lang="en"), "https://news.example.jp/a", "en") == PageZone(
        "Asia/Tokyo", "domain"
    )


def test_a_zone_the_zone_database_does_not_know_names_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(zones.LANGUAGE_ZONES, "de", "Europe/Atlantis")
    assert page_zone(stamped(lang="de"), "https://news.example/a", "de") is None


def test_an_offset_names_a_fixed_zone_and_a_placed_moment_is_told_from_a_stated_one() -> None:
    moment = parse_datetime("2026-01-20 18:33", "+07:00")
    assert moment == datetime(2026, 1, 20, 11, 33, tzinfo=UTC)
    assert placed_in(moment, "+07:00")
    assert parse_datetime("2026-01-20 18:33", "-04:30").utcoffset() == timedelta(hours=-4.5)
    assert not placed_in(parse_datetime("2026-01-20T18:33:00+07:00", "+07:00"), "+07:00")


def test_a_bare_clock_the_page_shows_is_in_the_zone_its_language_tells() -> None:
    html = article_page("20.01.2026 18:33", lang="id")
    article = extract_article(html, URL, profile="generic")
    assert article.published_at == datetime(2026, 1, 20, 11, 33, tzinfo=UTC)
    assert article.published_at.utcoffset() == timedelta(hours=7)
    assert article.sources["published_at"] == "labels"
    assert article.sources["published_zone"] == "Asia/Jakarta (language)"
    without = replace(DEFAULT_OPTIONS, page_zone_inferred=False)
    assert extract_generic(html, URL, options=without).published_at == datetime(
        2026, 1, 20, 18, 33, tzinfo=UTC
    )


def test_a_bare_clock_is_in_the_offset_the_page_stamps_elsewhere() -> None:
    analytics = "<script>dataLayer.push({served: '2026-01-19T09:00:00-05:00'});</script>"
    article = extract_article(article_page("20.01.2026 18:33", extra=analytics), URL)
    assert article.published_at.utcoffset() == timedelta(hours=-5)
    assert article.published_at.hour == 18


def test_a_configured_zone_wins_over_the_page() -> None:
    html = article_page("20.01.2026 18:33", lang="id")
    article = extract_article(html, URL, profile="generic", default_timezone="Europe/Berlin")
    assert article.published_at.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        # a day without a time stays whole: midnight where the source says (UTC), not a
        # moment of the day before in UTC
        ("20.01.2026", datetime(2026, 1, 20, tzinfo=UTC)),
        ("Published: 20.01.2026 18:33 GMT", datetime(2026, 1, 20, 18, 33, tzinfo=UTC)),
    ],
)
def test_a_day_without_a_clock_or_a_clock_with_its_zone_is_not_moved(
    shown: str, expected: datetime
) -> None:
    published = extract_article(article_page(shown, lang="ja"), URL).published_at
    assert published == expected
    assert published.utcoffset() == timedelta(0)


def test_a_generic_source_without_a_zone_leaves_it_to_the_page() -> None:
    generic = Source("harbour", "https://news.example", ("/",), r"/\d+")
    assert source_timezone(generic) is None
    assert source_calendar_zone(generic) == "UTC"
    zoned = replace(generic, timezone="Asia/Jakarta")
    assert source_timezone(zoned) == source_calendar_zone(zoned) == "Asia/Jakarta"
    assert source_timezone(replace(generic, profile="bit")) == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("line", "offset"),
    [
        ("20 Januari 2026, 18:30 WIB", timedelta(hours=7)),
        ("Published January 20, 2026 6:33 PM ET", timedelta(hours=-5)),  # New York's, winter
        ("Jan 20, 2026 10:05 (GMT+8)", timedelta(hours=8)),
        ("20.01.2026 18:33 +0200", timedelta(hours=2)),
        ("Posted on 2026-01-20 18:33 UTC", timedelta(0)),
        ("20.01.2026 18:33", timedelta(hours=9)),  # none: the page's (Japanese)
        ("Publié le 20.01.2026, 18:33 et mis à jour", timedelta(hours=9)),  # "et", a word
    ],
)
def test_a_zone_the_clock_states_is_its_own(line: str, offset: timedelta) -> None:
    published = extract_article(article_page(line, lang="ja"), URL).published_at
    assert (published.hour, published.minute) in ((18, 30), (18, 33), (10, 5))
    assert published.utcoffset() == offset


@pytest.mark.parametrize("written", ["+9930", "GMT+25", "+02:75"])
def test_an_offset_no_zone_keeps_is_not_read_as_one(written: str) -> None:
    published = extract_article(article_page(f"20.01.2026 18:33 {written}", lang="ja"), URL)
    assert published.published_at.utcoffset() == timedelta(hours=9)
    stamp = f"<time datetime='2026-01-20T18:33:00{written}'></time>"
    assert stated_offsets(parse_html(f"<html><body>{stamp}</body></html>")) == []


def test_a_zone_is_written_in_capitals_else_it_is_a_word_of_the_line() -> None:
    assert is_date_line("20.01.2026 18:33 ET")
    assert not is_date_line("Publié le 20.01.2026, 18:33 et demain")  # French "and", a word


def stamped_page(published: str, *, lang: str) -> str:
    head = f'<meta property="article:published_time" content="{published}">'
    return article_page("", lang=lang).replace("</head>", f"{head}</head>")


def test_a_utc_stamp_is_told_in_the_page_zone_on_the_day_its_readers_saw() -> None:
    html = stamped_page("2024-04-28T22:30:00Z", lang="de")
    published = extract_article(html, URL).published_at
    assert published == datetime(2024, 4, 28, 22, 30, tzinfo=UTC)  # the same instant
    assert published.utcoffset() == timedelta(hours=2)
    assert published.date().isoformat() == "2024-04-29"
    assert extract_article(html, URL).sources["published_zone"] == "Europe/Berlin (language)"
    without = replace(DEFAULT_OPTIONS, utc_told_in_page_zone=False)
    assert extract_generic(html, URL, options=without).published_at.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("stamp", "lang"),
    [
        ("2024-04-28T22:30:00Z", "en"),  # no zone the page tells
        ("2024-04-28T22:30:00", "de"),  # no offset stated: UTC is the reading, not a fact
    ],
)
def test_a_utc_stamp_stays_in_utc_without_a_page_zone_or_a_stated_offset(
    stamp: str, lang: str
) -> None:
    published = extract_article(stamped_page(stamp, lang=lang), URL).published_at
    assert published == datetime(2024, 4, 28, 22, 30, tzinfo=UTC)
    assert published.utcoffset() == timedelta(0)


def time_element_page(stamp: str, *, lang: str) -> str:
    shown = f"<time datetime='{stamp}'>20 January 2026</time>"
    return article_page(shown, lang=lang)


def test_a_time_element_without_an_offset_is_the_page_wall_clock() -> None:
    html = time_element_page("2026-01-20T18:33:00", lang="de")
    article = extract_article(html, URL)
    assert article.published_at == datetime(2026, 1, 20, 17, 33, tzinfo=UTC)
    assert article.sources["published_at"] == "time"
    assert article.sources["published_zone"] == "Europe/Berlin (language)"
    without = replace(DEFAULT_OPTIONS, time_elements_in_page_zone=False)
    published = extract_generic(html, URL, options=without).published_at
    assert published == datetime(2026, 1, 20, 18, 33, tzinfo=UTC)


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2026-01-20", datetime(2026, 1, 20, tzinfo=UTC)),  # a day: whole
        (
            "2026-01-20T18:33:00+03:00",
            datetime(2026, 1, 20, 18, 33, tzinfo=timezone(timedelta(hours=3))),  # stated
        ),
    ],
)
def test_a_time_element_with_a_day_only_or_an_offset_is_not_moved(
    stamp: str, expected: datetime
) -> None:
    published = extract_article(time_element_page(stamp, lang="de"), URL).published_at
    assert published == expected
    assert published.utcoffset() == expected.utcoffset()


def test_a_time_element_stating_its_offset_keeps_it_whatever_the_page_zone() -> None:
    stamps = (
        "<script>var served = ['2026-01-19T09:00:00+01:00', '2026-01-19T10:00:00+01:00'];</script>"
    )
    html = time_element_page("2026-01-20T18:33:00+03:00", lang="de").replace(
        "</main>", f"{stamps}</main>"
    )
    published = extract_article(html, URL).published_at
    assert published == datetime(2026, 1, 20, 18, 33, tzinfo=timezone(timedelta(hours=3)))
    assert published.utcoffset() == timedelta(hours=3)
