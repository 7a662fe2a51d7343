"""Editorial furniture: what sits in or around an article body without being body text.

Editor's notes (every spelling), credit lines ("Photographer:", "Translated by ...", "Editor:"),
UI lines ("Slide to see more", "Next page"), image file names, caption credits, pagination
digits, and site-name suffixes of titles. General patterns, not one site's strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

from records.article import Block
from records.urls import url_parts
from transforms.dates import LABELLED_DATE
from transforms.normalize import collapse_repeated_span, dedupe_paragraphs, normalize_text

COLON = r"\s*[:：]\s*"
EDITOR_NOTE = re.compile(
    r"^\s*[\[【(（]?\s*editor[’'`]?s?[’'`]?\s*notes?\s*[\]】)）]?\s*(?:[:：]\s*)?", re.I
)
CREDIT_LABELS = (
    r"photographers?|photography|photos?(?:\s+by)?|pictures?|images?|proof-?readers?"
    r"|news\s+(?:resource|source)s?(?:\s*(?:&|and)\s*photographers?)?|sources?"
    r"|translators?|translated\s+by|translation|editors?|edited\s+by|reviewers?|reviewed\s+by"
    r"|writers?|written\s+by|reporters?|authors?|text|video|designers?|layout|contributors?"
    r"|executive\s+editors?|chief\s+editors?|responsible\s+editors?|copy\s*editors?"
)
CREDIT_LINE = re.compile(rf"^\s*[\[(]?\s*(?:{CREDIT_LABELS})\s*(?:[:：]|(?<=by)\s)", re.I)
CREDIT_PART = re.compile(rf"(?:^|\s|\|)({CREDIT_LABELS})\s*(?:[:：]|(?<=by)\s)\s*", re.I)
CREDIT_MAX_WORDS = 30
DATE_LINE_MAX_WORDS = 20
UI_LINE = re.compile(
    r"^(?:slide to see more|click to see more|swipe for more|next page|previous page"
    r"|prev(?:ious)?|next|page \d+(?: of \d+)?|下一页|上一页|首页|尾页|\[?\s*close window\s*\]?"
    r"|print|share(?: to)?:?|back to top|return)\W*$",
    re.I,
)
IMAGE_FILE_NAME = re.compile(r"^[\w\-.]+\.(?:png|jpe?g|gif|webp|bmp|svg)$", re.I)
# a lazy loader's stand-in or a layout's spacer, not a picture: "lazy_placeholder.gif",
# "spacer.gif", "1x1.trans.gif", "blank.jpg", "grey-pixel.gif", "loading-indicator.svg"
STAND_IN_FILE = re.compile(
    r"(?:(?:^|[-_.])place[-_]?holder(?:[-_.][\w-]*)?"  # "lazy_placeholder", "placeholder-1024x682"
    r"|^lazy[-_]?load(?:ing)?(?:[-_][\w-]*)?"
    r"|(?:^|[-_])(?:spacer|blank)"
    r"|^(?:grey|gray|tracking|render\w*)?[-_]?pixel"
    r"|^1x1(?:[-_.](?:trans|white|clear|place[-_]?holder))?"
    r"|^(?:transparent|clear)(?:[-_]1x1)?(?:[-_][0-9a-f]{6,})?(?=\.(?:gif|png)$)"
    r"|^loading(?:[-_]indicator)?(?:[-_]video)?(?:\.[0-9a-f]{6,})?(?=\.(?:gif|svg)$)"  # a spinner
    r")\.(?:gif|png|svg|jpe?g|webp)$",
    re.IGNORECASE,
)


def is_stand_in(src: str) -> bool:
    """Whether an address is a lazy loader's stand-in or a spacer (`STAND_IN_FILE`)."""
    name = re.split(r"[/\\]", unquote(url_parts(src).path))[-1]
    return bool(STAND_IN_FILE.search(name))


PAGINATION_DIGITS = re.compile(r"^(?:\d{1,3}\s*)+$|^[<>«»‹›]+\s*(?:\d{1,3}\s*)*[<>«»‹›]*$")
CAPTION_CREDIT = re.compile(
    r"\s*[\[(](?:photos?|images?|credits?|photograph|pics?)\s*(?:/|:|by\b)\s*([^\])]*)[\])]\s*$",
    re.I,
)
TITLE_SEPARATOR = r"(?:\s*(?:--|——|—|–|\||_|::|·|»)\s*|\s+-\s+|(?<=\S)-(?=[A-Z]))"


@dataclass
class CleanBody:
    """A body with its furniture taken out and put where it belongs."""

    blocks: list[Block]
    editor_note: str | None = None
    credits: list[str] = field(default_factory=list)


def credit_parts(text: str) -> list[str]:
    """`"Translator：Zhang Wei  Editor：Liu Fang"` -> `["Translator: Zhang Wei", "Editor: Liu Fang"]`."""
    text = normalize_text(text)
    matches = list(CREDIT_PART.finditer(text))
    if not matches:
        return [text]
    parts = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        value = text[match.end() : end].strip(" |/;,")
        label = normalize_text(match.group(1))
        if value:
            joiner = " " if label.lower().endswith(" by") else ": "
            parts.append(f"{label[0].upper()}{label[1:]}{joiner}{value}")
    return parts


def is_credit_line(text: str) -> bool:
    return bool(CREDIT_LINE.match(text)) and len(text.split()) <= CREDIT_MAX_WORDS


def is_furniture(text: str) -> bool:
    """A line that is never article text: file names, page digits, UI labels."""
    return bool(IMAGE_FILE_NAME.match(text) or PAGINATION_DIGITS.match(text) or UI_LINE.match(text))


def is_date_line(text: str) -> bool:
    """A short line that opens with a date label ("release date :2016-05-17 | ViewCount: 12")."""
    match = LABELLED_DATE.match(text)
    return bool(
        match and (match["date"] or match["time"]) and len(text.split()) <= DATE_LINE_MAX_WORDS
    )


def split_caption_credit(caption: str) -> tuple[str | None, str | None]:
    """`"Guests at the ceremony [Photo/Li Na]"` -> `("Guests at the ceremony", "Li Na")`."""
    match = CAPTION_CREDIT.search(caption)
    if not match:
        return caption or None, None
    return caption[: match.start()].strip() or None, match.group(1).strip() or None


def clean_body(
    blocks: Iterable[Block],
    *,
    captions: Iterable[str] = (),
    extra_furniture: Iterable[re.Pattern[str]] = (),
    body_end: re.Pattern[str] | None = None,
    title: str | None = None,
) -> CleanBody:
    """Take editor's notes, credit lines, captions and UI lines out of a body; dedupe repeats."""
    caption_keys = {normalize_text(c).casefold() for c in captions if c}
    if title:  # a heading repeating the title (a generic body's first line) is not body text
        caption_keys.add(normalize_text(title).casefold())
    patterns = tuple(extra_furniture)
    kept: list[Block] = []
    note: str | None = None
    credits: list[str] = []
    note_follows = False
    for block in blocks:
        text = collapse_repeated_span(normalize_text(block.text))
        if not text:
            continue
        if body_end is not None and body_end.search(text):
            break
        if note_follows:  # the paragraph under an "Editor's note" subheading
            note, note_follows = text, False
            continue
        match = EDITOR_NOTE.match(text)
        if (
            match
            and note is None
            and (
                match.group(0).strip().endswith(("]", "】", ")", "）", ":", "："))
                or not text[match.end() :]
            )
        ):
            rest = text[match.end() :].strip()
            if rest:
                note = rest
            else:
                note_follows = True
            continue
        if is_credit_line(text):
            credits += credit_parts(text)
            continue
        if (
            is_furniture(text)
            or is_date_line(text)
            or text.casefold() in caption_keys
            or CAPTION_CREDIT.search(text)
            and len(text.split()) <= CREDIT_MAX_WORDS
            or any(pattern.search(text) for pattern in patterns)
        ):
            continue
        kept.append(Block(text, block.kind))
    texts = iter(dedupe_paragraphs([block.text for block in kept]))
    wanted = next(texts, None)
    deduped: list[Block] = []
    for block in kept:
        if block.text == wanted:
            deduped.append(block)
            wanted = next(texts, None)
    return CleanBody(deduped, note, list(dict.fromkeys(credits)))


@lru_cache(maxsize=64)
def _site_name_patterns(site_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for name in site_names:
        if name:
            escaped = re.escape(normalize_text(name))
            patterns.append(re.compile(rf"{TITLE_SEPARATOR}{escaped}\s*$", re.I))
            patterns.append(re.compile(rf"^\s*{escaped}{TITLE_SEPARATOR}", re.I))
    return tuple(patterns)


def strip_site_name(title: str, site_names: Iterable[str]) -> str:
    """Drop a site-name suffix or prefix whatever the separator (`-`, `--`, `|`, `_`, `——`)."""
    title = normalize_text(title)
    for pattern in _site_name_patterns(tuple(site_names)):
        stripped = pattern.sub("", title).strip()
        if stripped and stripped != title:
            return stripped
    return title
