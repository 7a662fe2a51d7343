"""Bytes to text: the label, the bytes, and which wins when they disagree."""

from __future__ import annotations

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
