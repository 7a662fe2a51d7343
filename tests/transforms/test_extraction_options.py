"""Every tunable of extraction lives in one options object passed down from the entry point."""

from __future__ import annotations

from dataclasses import replace

import pytest

from records.article import NotAnArticle
from transforms.extract import extract_article
from transforms.generic import extract_generic, settings
from transforms.generic.settings import DEFAULT_OPTIONS

PROSE = (
    "The observatory on the hill opened its doors to visitors again after two years of repairs "
    "to the dome, the telescope mount and the old library of star charts."
)
PAGE = (
    "<html><head><title>Observatory reopens</title></head><body><article><h1>Observatory reopens</h1>"
    + "".join(f"<p>{PROSE} {i}</p>" for i in range(4))
    + "</article></body></html>"
)


def test_no_tunable_number_or_switch_is_left_as_a_module_constant() -> None:
    loose = [
        name
        for name, value in vars(settings).items()
        if name.isupper() and type(value) in (int, float, bool)
    ]
    assert loose == []


def test_options_reach_the_extractor_without_touching_module_state() -> None:
    assert extract_generic(PAGE, "https://x.example/a").confidence > 0.5
    strict = replace(DEFAULT_OPTIONS, min_confidence=1.01)
    with pytest.raises(NotAnArticle) as refused:
        extract_generic(PAGE, "https://x.example/a", options=strict)
    assert refused.value.reason == "low_confidence"
    assert extract_generic(PAGE, "https://x.example/a").confidence > 0.5  # nothing stuck


def test_options_pass_through_the_public_entry_point() -> None:
    strict = replace(DEFAULT_OPTIONS, min_confidence=1.01)
    with pytest.raises(NotAnArticle):
        extract_article(PAGE, "https://x.example/a", profile="generic", options=strict)


def test_confidence_weights_are_options() -> None:
    title_only = replace(
        DEFAULT_OPTIONS,
        confidence_dominance_weight=0.0,
        confidence_size_weight=0.0,
        confidence_paragraphs_weight=0.0,
        confidence_title_weight=1.0,
    )
    assert extract_generic(PAGE, "https://x.example/a", options=title_only).confidence == 1.0
