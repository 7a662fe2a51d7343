"""Propose a source's article URL pattern from the links a listing (or home) page shows.

Pure: URLs and link texts in, a regular expression out. A link looks like an article when its
text reads like a headline and its last path segment carries an identifier (a number of three
digits or more, a long hex id) or is a slug of several words. Each such URL becomes a shape
(`/2024-05/16/c_1160001.htm` -> `/\\d{4}-\\d{2}/\\d{2}/c_\\d+\\.htm`); shapes that differ only in
one named folder are merged; the pattern is the alternation of the shapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

MIN_HEADLINE_WORDS = 3
MIN_ID_DIGITS = 3
MIN_HEX_ID = 16
MIN_SLUG_WORDS = 3
HEX_ID = re.compile(rf"^[0-9a-f]{{{MIN_HEX_ID},}}$")
DIGITS = re.compile(r"\d+")
PUNCTUATED_NUMBER = re.compile(r"^[\d_.-]+$")  # 2024-05, 16, 2024_05_16
PREFIXED_ID = re.compile(r"^([A-Za-z_-]*?)(\d+)$")  # c_1160001, a4512, 7801
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$", re.I)
FOLDER = r"[^/]+"


def _escape(text: str) -> str:
    """re.escape, with `-` left alone (literal outside a class, and more readable)."""
    return re.escape(text).replace("\\-", "-")


@dataclass(frozen=True)
class Link:
    url: str
    text: str


def looks_like_headline(text: str) -> bool:
    return len(text.split()) >= MIN_HEADLINE_WORDS


def _split_leaf(segment: str) -> tuple[str, str]:
    """(`c_1160001`, `.htm`) from `c_1160001.htm`; no extension for a folder-like leaf."""
    stem, dot, extension = segment.rpartition(".")
    if dot and stem and extension.isalnum() and len(extension) <= 5:
        return stem, "." + extension
    return segment, ""


def _leaf_shape(segment: str) -> str | None:
    """The regex of an article's last path segment, or None when it carries no identifier."""
    stem, extension = _split_leaf(segment)
    tail = _escape(extension)
    if HEX_ID.match(stem):
        return rf"[0-9a-f]{{{len(stem)}}}{tail}"
    match = PREFIXED_ID.match(stem)
    if match and len(match[2]) >= MIN_ID_DIGITS:
        return rf"{_escape(match[1])}\d+{tail}"
    if SLUG.match(stem) and len(re.split(r"[-_]", stem)) >= MIN_SLUG_WORDS:
        return rf"[\w-]+{tail}"
    return None


def _folder_shape(segment: str) -> str:
    """A folder: numbers (dates) become digit classes; named folders stay as they are."""
    if PUNCTUATED_NUMBER.match(segment):
        return DIGITS.sub(lambda m: rf"\d{{{len(m[0])}}}", _escape(segment))
    return _escape(segment)


def url_shape(url: str) -> tuple[str, ...] | None:
    """The shape of an article URL's path, one regex per segment; None for non-articles."""
    segments = [part for part in urlsplit(url).path.split("/")]
    trailing_slash = segments[-1] == ""
    segments = [part for part in segments if part]
    if not segments or urlsplit(url).query:
        return None
    leaf = _leaf_shape(segments[-1])
    if leaf is None:
        return None
    folders = [_folder_shape(part) for part in segments[:-1]]
    return (*folders, leaf + ("/" if trailing_slash else ""))


def _merge_folders(shapes: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Shapes equal but for one named folder become one, with any folder there
    (`/NewsEvents/BITNews/\\d+` and `/NewsEvents/BITBulletin/\\d+` -> `/NewsEvents/[^/]+/\\d+`)."""
    merged = set(shapes)
    changed = True
    while changed:
        changed = False
        for shape in sorted(merged):
            for position in range(len(shape) - 1):
                if shape[position] == FOLDER:
                    continue
                key = shape[:position] + (FOLDER,) + shape[position + 1 :]
                alike = {
                    other
                    for other in merged
                    if len(other) == len(shape)
                    and other[:position] == shape[:position]
                    and other[position + 1 :] == shape[position + 1 :]
                }
                if len(alike) > 1:
                    merged = (merged - alike) | {key}
                    changed = True
                    break
            if changed:
                break
    return merged


def article_links(links: Iterable[Link], page_url: str) -> list[Link]:
    """The links that look like articles: a headline as text, an identifier in the URL, on the
    page's own host, and not the page itself."""
    host = urlsplit(page_url).netloc
    own = page_url.split("#", 1)[0]
    chosen: list[Link] = []
    seen: set[str] = set()
    for link in links:
        url = link.url.split("#", 1)[0]
        if url == own or url in seen or urlsplit(url).netloc != host:
            continue
        if looks_like_headline(link.text) and url_shape(url) is not None:
            seen.add(url)
            chosen.append(Link(url, link.text))
    return chosen


def propose_pattern(links: Sequence[Link]) -> str | None:
    """An article URL pattern matching every article-like link given, or None without any."""
    shapes = {shape for link in links if (shape := url_shape(link.url)) is not None}
    if not shapes:
        return None
    alternatives = sorted("/".join(shape) for shape in _merge_folders(shapes))
    if len(alternatives) == 1:
        return f"/{alternatives[0]}$"
    return "/(?:" + "|".join(alternatives) + ")$"
