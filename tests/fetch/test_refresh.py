"""Which refresh a page declares is a move (`fetch.refresh`)."""

from __future__ import annotations

import pytest

from fetch.refresh import refresh_target

URL = "http://127.0.0.1:8000/news/"


@pytest.mark.parametrize(
    ("body", "header", "target"),
    [
        (b'<meta http-equiv="refresh" content="0; url=/news/2019/index.htm">', None,
         "http://127.0.0.1:8000/news/2019/index.htm"),
        (b"<META HTTP-EQUIV=Refresh CONTENT=\"0;URL='index2.html'\">", None,
         "http://127.0.0.1:8000/news/index2.html"),
        (b'<meta content="2; url=/x" http-equiv="refresh">', None, "http://127.0.0.1:8000/x"),
        (b"", "1; url=/moved", "http://127.0.0.1:8000/moved"),
        (b'<meta http-equiv="refresh" content="0, /comma">', None,
         "http://127.0.0.1:8000/comma"),
    ],
)  # fmt: skip
def test_a_refresh_to_another_address_soon_is_a_move(
    body: bytes, header: str | None, target: str
) -> None:
    assert refresh_target(URL, body, header, 30) == target


@pytest.mark.parametrize(
    "body",
    [
        b'<meta http-equiv="refresh" content="600">',  # a news page reloading itself
        b'<meta http-equiv="refresh" content="300; url=/other">',  # too late to be a move
        b'<meta http-equiv="refresh" content="0; url=/news/">',  # to itself
        b'<meta http-equiv="refresh" content="0; url=/news/#top">',
        b'<noscript><meta http-equiv="refresh" content="0; url=/no-js"></noscript>',
        # old IE's conditional comment (CNN's "unsupported browser" page), no tag to browsers
        b'<!--[if lte IE 9]><meta http-equiv="refresh" content="1;url=/unsupp.html" />'
        b"<![endif]--><!--[if gt IE 9><!--><!--<![endif]--><title>A story</title>",
        b'<meta name="refresh" content="0; url=/x">',  # no http-equiv
        b'<meta http-equiv="refresh" content="soon; url=/x">',
        b"<p>Refresh the page to see new posts.</p>",
    ],
)
def test_a_refresh_that_is_no_move_is_not_followed(body: bytes) -> None:
    assert refresh_target(URL, body, None, 30) is None


def test_a_refresh_past_the_scanned_head_is_not_read() -> None:
    body = b"<p>x</p>" * 2000 + b'<meta http-equiv="refresh" content="0; url=/x">'
    assert refresh_target(URL, body, None, 30) is None
