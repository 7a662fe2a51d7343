"""Structured data checked against the page before it is trusted.

A JSON-LD `articleBody` can be the cleanest copy of the text, or a broken one: entities escaped
twice (`&amp;Ccedil;`), apostrophes lost (`dont`), another article's text, a truncated teaser.
It replaces the body read from the page only when it carries no leftover entities and holds
most of the word sequences of the body the page shows: then it is the same text, whole (a
paywalled page shows a part of it), and only the page's markup split it.
"""

from __future__ import annotations

import re

from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions

WORD = re.compile(r"\w+")
SHINGLE = 4
# an entity left in text that was already unescaped: the source escaped it twice
LEFTOVER_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,10}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def body_agreement(structured_text: str, page_body: str) -> float:
    """Share of the page body's 4-word sequences that the structured text also has."""
    shown = _shingles(page_body)
    if not shown:
        return 1.0
    return len(shown & _shingles(structured_text)) / len(shown)


def structured_body_agrees(
    structured_text: str, page_body: str, options: ExtractionOptions = DEFAULT_OPTIONS
) -> bool:
    """Whether a JSON-LD body is the page's own text, whole (see the module docstring)."""
    if LEFTOVER_ENTITY.search(structured_text):
        return False
    return body_agreement(structured_text, page_body) >= options.article_body_min_agreement
