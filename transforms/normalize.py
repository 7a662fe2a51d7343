"""Text normalisation shared by every extraction path (profiles and the generic extractor)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict

import ftfy

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
HORIZONTAL_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# UTF-8 read as cp1252/latin-1: "Ã©", "â€™", "Â " ... Repair is only attempted when seen.
MOJIBAKE_HINT = re.compile(
    "[ÃÂâ][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u017d\u017e\u0178\u02c6\u02dc]"
)
MIN_REPEATED_SPAN_WORDS = 6
NEAR_DUPLICATE_MIN_WORDS = 8
NEAR_DUPLICATE_JACCARD = 0.9
SHINGLE_WORDS = 3
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=True,
    normalization=None,
    explain=False,
)
NON_WORD = re.compile(r"\W+")


def repair_mojibake(text: str) -> str:
    """ftfy's encoding repair, run only when the text shows UTF-8-as-cp1252 traces."""
    if not MOJIBAKE_HINT.search(text):
        return text
    return ftfy.fix_text(text, FTFY_CONFIG)


def normalize_text(text: str) -> str:
    """NFC, mojibake repaired, no zero-width characters, single spaces, trimmed.

    Smart punctuation is kept as the page wrote it.
    """
    text = repair_mojibake(text)
    text = unicodedata.normalize("NFC", text)
    text = ZERO_WIDTH.sub("", text)
    text = text.replace("\n", " ")
    return HORIZONTAL_SPACE.sub(" ", text).strip()


def collapse_repeated_span(text: str, min_words: int = MIN_REPEATED_SPAN_WORDS) -> str:
    """Drop an immediately repeated run of words ("A, B; A, B; C" -> "A, B; C").

    CMS copy-paste faults repeat a clause verbatim; only long runs count, so ordinary
    repetition ("very, very") is kept. A run of length L starting at i can only repeat
    when word i equals word i+L, so only those lengths are tried (longest first).
    """
    words = text.split(" ")
    if len(words) < 2 * min_words:
        return text
    positions = _positions(words)
    start = 0
    while start + 2 * min_words <= len(words):
        same_word = positions[words[start]]
        lowest = bisect_left(same_word, start + min_words)
        highest = bisect_right(same_word, (start + len(words)) // 2)
        for repeat_at in reversed(same_word[lowest:highest]):
            length = repeat_at - start
            if (
                words[start + 1] != words[repeat_at + 1]
                or words[repeat_at - 1] != words[repeat_at + length - 1]
            ):
                continue  # cheap rejection before comparing whole runs
            if words[start:repeat_at] == words[repeat_at : repeat_at + length]:
                del words[repeat_at : repeat_at + length]
                positions = _positions(words)
                break
        else:
            start += 1
    return " ".join(words)


def _positions(words: list[str]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        positions[word].append(index)
    return positions


def _fingerprint(text: str) -> str:
    return NON_WORD.sub(" ", text.casefold()).strip()


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def dedupe_paragraphs(paragraphs: list[str]) -> list[str]:
    """Remove empty paragraphs, exact repeats (ignoring case, spacing and punctuation) and
    near-repeats: paragraphs of 8+ words whose word-shingle Jaccard with a kept one is ≥ 0.9.
    """
    seen: set[str] = set()
    kept_shingles: list[set[tuple[str, ...]]] = []
    kept: list[str] = []
    for paragraph in paragraphs:
        key = _fingerprint(paragraph)
        if not key or key in seen:
            continue
        words = key.split(" ")
        if len(words) >= NEAR_DUPLICATE_MIN_WORDS:
            shingles = _shingles(words)
            if any(
                len(shingles & other) >= NEAR_DUPLICATE_JACCARD * len(shingles | other)
                for other in kept_shingles
            ):
                continue
            kept_shingles.append(shingles)
        seen.add(key)
        kept.append(paragraph)
    return kept
