"""Bytes to text: the label, the bytes, and which wins when they disagree."""

from __future__ import annotations

import codecs

import pytest

from transforms.decode import decode_html

POLISH = "Nowym prezesem będzie Paweł Jan Majewski, gdańska spółka ogłosiła."


def _page(text: str, charset: str) -> str:
    return f'<html><head><meta charset="{charset}"></head><body><p>{text}</p></body></html>'


@pytest.mark.parametrize(
    ("meta", "header"),
    [("iso-8859-2", None), ("utf-8", "text/html; charset=ISO-8859-2"), ("windows-1250", None)],
)
def test_utf8_bytes_under_a_stale_single_byte_label_read_as_utf8(
    meta: str, header: str | None
) -> None:
    # a CMS serving UTF-8 under the label of its old charset: the label would give mojibake
    body = _page(POLISH, meta).encode("utf-8")
    text, replaced = decode_html(body, header)
    assert POLISH in text and replaced == 0


def test_text_really_in_the_labelled_charset_keeps_the_label() -> None:
    body = _page(POLISH, "iso-8859-2").encode("iso-8859-2")  # not valid UTF-8
    text, replaced = decode_html(body)
    assert POLISH in text and replaced == 0


def test_an_ascii_page_under_any_label_reads_the_same() -> None:
    body = _page("Plain words only.", "iso-8859-2").encode("ascii")
    assert "Plain words only." in decode_html(body)[0]


def test_a_replacement_character_the_page_holds_is_no_decoding_error() -> None:
    # a CMS mangled the text once; the bytes are valid UTF-8 and decode as they are
    body = _page("Pedro S\ufffdnchez said the plan starts in January.", "utf-8").encode("utf-8")
    text, replaced = decode_html(body)
    assert "Pedro S\ufffdnchez" in text and replaced == 0


@pytest.mark.parametrize(
    ("text", "charset"),
    [
        ("北京理工大学举行新年音乐会，师生共同庆祝新年的到来。", "gbk"),
        ("東京大学で新年の音楽会が開かれました。", "shift_jis"),
        ("서울대학교에서 신년 음악회가 열렸습니다.", "euc-kr"),
        (POLISH, "iso-8859-2"),
    ],
)
def test_a_page_in_its_own_labelled_charset_under_a_server_s_utf8_label(
    text: str, charset: str
) -> None:
    """A server labelling every response UTF-8 in front of pages in older charsets: its
    label fails to decode them (GBK read as UTF-8 even makes a few valid pairs by chance),
    and the page's own <meta charset> decodes them cleanly."""
    body = _page(text, charset).encode(charset)
    decoded, replaced = decode_html(body, "text/html; charset=utf-8")
    assert text in decoded and replaced == 0


def test_a_utf8_page_with_a_few_broken_bytes_keeps_its_utf8_label() -> None:
    """Mostly valid UTF-8 under a UTF-8 header and a stale <meta charset="iso-8859-1">: the
    header is right, the one broken byte is replaced, the rest is not read as Latin-1."""
    body = _page(" ".join([POLISH] * 4), "iso-8859-1").encode("utf-8")
    body = body.replace("ł".encode(), b"\x82", 1)
    decoded, replaced = decode_html(body, "text/html; charset=utf-8")
    assert POLISH in decoded and replaced == 1


UTF16_PAGE = (
    "<html><head><title>Campus news</title></head><body><h1>Café opens</h1>"
    "<p>The new café on the estuary side of the campus opens on Friday.</p></body></html>"
)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("content_type", [None, "text/html", "text/html; charset=utf-16"])
def test_utf16_without_a_byte_order_mark_is_read_whatever_the_label(
    codec: str, content_type: str | None
) -> None:
    """Markup holds no zero bytes: every other byte zero is UTF-16, little- or big-endian by
    which byte it is, also under a plain "utf-16" label (which Python reads little-endian)."""
    assert decode_html(UTF16_PAGE.encode(codec), content_type) == (UTF16_PAGE, 0)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read_whatever_the_label(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    body = bom + UTF16_PAGE.encode(codec)
    assert decode_html(body, "text/html; charset=iso-8859-1") == (UTF16_PAGE, 0)


def test_a_stray_zero_byte_in_a_single_byte_page_is_no_utf16() -> None:
    body = UTF16_PAGE.encode("cp1252").replace(b"Friday", b"Fri\x00day")
    text, _ = decode_html(body, "text/html; charset=windows-1252")
    assert text.startswith("<html><head><title>Campus news")


def test_zero_bytes_on_both_sides_are_no_utf16() -> None:
    """UTF-32 (or binary) has zero bytes in both halves of each pair: not read as UTF-16."""
    body = UTF16_PAGE.encode("utf-32-le")
    assert decode_html(body, None)[0] != body.decode("utf-16-le")


def test_a_utf16_page_without_a_byte_order_mark_lands_with_its_text() -> None:
    from transforms.extract import extract_article

    paragraph = "The new café on the estuary side of the campus opens on Friday, with a terrace. "
    page = (
        "<html><head><title>Café opens</title></head><body><h1>Café opens</h1>"
        f"<p>{paragraph * 4}</p></body></html>"
    )
    html, replaced = decode_html(page.encode("utf-16-be"), "text/html")
    article = extract_article(html, "https://news.example.edu/cafe", profile="generic")
    assert replaced == 0
    assert article.title == "Café opens" and paragraph.strip() in article.text
