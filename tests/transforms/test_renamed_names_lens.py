"""The names lens of `bench/real_sites.py --names`: it rewrites the page's class and id names
and nothing else, so what moves under it rests on names."""

from __future__ import annotations

import re

import pytest

renamed_names = pytest.importorskip("bench.renamed_names")

PAGE = (
    "<html><head><style>.related-box { color: red }</style>"
    "<script>var box = '<div class=\"related-box\">';</script></head>"
    "<body><!-- <div class='old-nav'> --><div class='related-box main_text' id=side-bar>"
    '<p class="lead">Text</p></div></body></html>'
)


def test_camel_case_rewrites_each_name() -> None:
    out = renamed_names.renamed(PAGE, "camel")
    assert "class='relatedBox mainText' id=sideBar" in out
    assert '<p class="lead">Text</p>' in out


def test_hashing_leaves_no_name_readable() -> None:
    out = renamed_names.renamed(PAGE, "hashed")
    body = out.split("<body>")[1].split("-->")[1]
    assert "related" not in body and "side" not in body and "lead" not in body
    assert ">Text</p>" in body


def test_a_name_in_an_attributes_escaped_markup_keeps_its_quotes() -> None:
    """`data-props="&lt;div id='ad-slot'&gt;"`: rewritten with double quotes, the name would end
    the attribute and spill its markup into the page's text."""
    page = "<div data-props=\"&lt;div id='ad-slot'&gt;Ad&lt;/div&gt;\"><p>Text</p></div>"
    for how in ("camel", "hashed"):
        out = renamed_names.renamed(page, how)
        assert out.count('"') == 2 and out.startswith("<div data-props=\"&lt;div id='")


def test_scripts_styles_and_comments_keep_their_text() -> None:
    for how in ("camel", "hashed"):
        out = renamed_names.renamed(PAGE, how)
        assert ".related-box { color: red }" in out
        assert "'<div class=\"related-box\">'" in out
        assert "<!-- <div class='old-nav'> -->" in out


def test_paragraphs_are_written_as_divs_and_nothing_else() -> None:
    page = PAGE.replace("</div></body>", "<P>Two</P><pre>x</pre><param name=a></div></body>")
    out = renamed_names.paragraphs_as_divs(page)
    assert '<div class="lead">Text</div>' in out and "<div>Two</div>" in out
    assert "<pre>x</pre>" in out and "<param name=a>" in out
    assert "'<div class=\"related-box\">'" in out and "<!-- <div class='old-nav'> -->" in out
    assert not re.search(r"</?p[\s>]", out.split("-->")[1], re.IGNORECASE)


def test_metadata_is_stripped_and_nothing_else() -> None:
    page = PAGE.replace(
        "<style>",
        '<meta property="og:title" content="T"><script type="application/ld+json">'
        '{"headline": "T"}</script><style>',
    )
    out = renamed_names.without_metadata(page)
    assert "og:title" not in out and "headline" not in out
    assert out == PAGE


def test_divs_are_written_as_custom_elements_and_nothing_else() -> None:
    page = PAGE.replace("</div></body>", "<DIV>Two</DIV><dialog>x</dialog><divider/></div></body>")
    out = renamed_names.divs_as_custom_elements(page)
    assert "<x-box class='related-box main_text' id=side-bar>" in out
    assert "<x-box>Two</x-box>" in out and "<dialog>x</dialog>" in out and "<divider/>" in out
    assert "'<div class=\"related-box\">'" in out and "<!-- <div class='old-nav'> -->" in out
    assert not re.search(r"</?div[\s>]", out.split("-->")[1], re.IGNORECASE)
