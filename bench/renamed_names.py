"""The page's class and id names rewritten, the markup otherwise untouched: how much of an
extractor's result rests on the names a site happens to use.

`camel`: every name in camel case ("related-articles" as "relatedArticles"), as component
frameworks write them; `hashed`: every name replaced by a hash ("c3f9a1b"), as a CSS-in-JS site
ships them, leaving only the page's structure, its text and its semantic attributes
(`itemprop`, `rel`, `role`, `<meta>`, JSON-LD). Scripts, style sheets and comments are left as
they are: a script's strings and a JSON payload's markup are not the page's names.

    uv run python bench/real_sites.py ../shared/corpus --direct --names camel

`paragraphs_as_divs` is the same kind of lens on tags: every <p> written as a <div>, as a page of
div soup writes its paragraphs (`bench/real_sites.py --div-paragraphs`); `without_metadata` on
what the page states about itself: no `<meta>` and no JSON-LD, as many a university's CMS ships
its news (`bench/real_sites.py --no-metadata`); `divs_as_custom_elements` writes every <div> as a
custom element (`<x-box>`), as a web-components site names its boxes
(`bench/real_sites.py --custom-elements`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

NAME_ATTRIBUTE = re.compile(
    r"""(\s(?:class|id)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"'\\]+))""", re.IGNORECASE
)
UNTOUCHED = re.compile(
    r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->)", re.IGNORECASE | re.DOTALL
)


def camel_case(name: str) -> str:
    words = [word for word in re.split(r"[-_]+", name) if word]
    if not words:
        return name
    return words[0].lower() + "".join(word[:1].upper() + word[1:].lower() for word in words[1:])


def hashed(name: str) -> str:
    return "c" + hashlib.md5(name.encode("utf-8")).hexdigest()[:6]


RENAMINGS: dict[str, Callable[[str], str]] = {"camel": camel_case, "hashed": hashed}


def renamed(html: str, how: str) -> str:
    """`html` with each class and id name rewritten by `RENAMINGS[how]`."""
    rename = RENAMINGS[how]

    def attribute(match: re.Match[str]) -> str:
        # the value keeps its quotes: `id='x'` set in an attribute's escaped markup (a
        # component's props) stays inside that attribute
        index, value = next((i, g) for i, g in enumerate(match.groups()[1:]) if g is not None)
        quote = ('"', "'", "")[index]
        return f"{match.group(1)}{quote}{' '.join(rename(name) for name in value.split())}{quote}"

    return _outside_untouched(html, lambda part: NAME_ATTRIBUTE.sub(attribute, part))


def _outside_untouched(html: str, rewrite: Callable[[str], str]) -> str:
    """`html` with `rewrite` applied outside its scripts, style sheets and comments."""
    parts = UNTOUCHED.split(html)
    return "".join(part if index % 2 else rewrite(part) for index, part in enumerate(parts))


PARAGRAPH_OPENING = re.compile(r"<p(?=[\s>/])", re.IGNORECASE)
PARAGRAPH_CLOSING = re.compile(r"</p\s*>", re.IGNORECASE)


def paragraphs_as_divs(html: str) -> str:
    """`html` with every <p> written as a <div>, scripts, style sheets and comments untouched."""
    return _outside_untouched(
        html, lambda part: PARAGRAPH_CLOSING.sub("</div>", PARAGRAPH_OPENING.sub("<div", part))
    )


DIV_OPENING = re.compile(r"<div(?=[\s>/])", re.IGNORECASE)
DIV_CLOSING = re.compile(r"</div\s*>", re.IGNORECASE)


def divs_as_custom_elements(html: str) -> str:
    """`html` with every <div> written as a custom element `<x-box>`, as a web-components site
    names its boxes; scripts, style sheets and comments untouched."""
    return _outside_untouched(
        html, lambda part: DIV_CLOSING.sub("</x-box>", DIV_OPENING.sub("<x-box", part))
    )


JSON_LD = re.compile(r"<script[^>]*application/ld\+json.*?</script\s*>", re.IGNORECASE | re.DOTALL)
META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)


def without_metadata(html: str) -> str:
    """`html` without its `<meta>` tags and JSON-LD blocks: the title, dates and authors must
    come from what the page shows."""
    return META_TAG.sub("", JSON_LD.sub("", html))
