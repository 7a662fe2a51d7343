"""What a hostile page costs the extractor: each family of pages built at two sizes, n and 2n,
timed through `extract_generic` and through trafilatura beside it.

    uv run python bench/hostile_pages.py [--size 8000] [--no-trafilatura]

Per family it prints the seconds at both sizes, the growth (time at 2n over time at n: about
2 when the cost is linear, 4 when it is quadratic) and ours over trafilatura's at 2n. The
families are the shapes that once cost quadratic time or more: many boxes named as a story's
text, list items in the text beside a sidebar of paragraphs, unknown tags holding the page in
its <head>, many tiny blocks in a wrapper of one, a <title> of many pieces, notices and service
lines, a document closed and reopened many times, one paragraph of many `<br><br>` lines (a
check per line that listed the paragraph's children: 5,000 lines took 103 s), many e-mail
sign-up forms. No page leaves the process.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable, Sequence

from records.article import NotAnArticle
from transforms.generic import extract_generic

PROSE = "This sentence is long enough to count as article prose in the generic extractor, surely."
STORY = f"<p>{PROSE}</p>" * 20
URL = "https://hostile.example/2024/03/story"


def _page(body: str, head: str = "<title>Harbour ferry strike ends</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


FAMILIES: dict[str, Callable[[int], str]] = {
    "named text boxes": lambda n: _page(
        "<div class='entry-content'><p>x</p></div>" * n + f"<article>{STORY}</article>"
    ),
    "list beside a sidebar": lambda n: _page(
        "<div class='entry-content'>"
        + "<li><a href='/x'>link</a> comment</li>" * n
        + "</div><div class='side'>"
        + f"<p>{PROSE}</p>" * (n // 10)
        + "</div>"
    ),
    "tags kept in the head": lambda n: _page(
        STORY, head="<title>Harbour ferry strike ends</title>" + "<mbox><p>z</p></mbox>" * n
    ),
    "tiny blocks": lambda n: _page("<mbox><p>z</p></mbox>" * n + STORY),
    "title pieces": lambda n: _page(
        STORY, head="<title>" + " | ".join(f"keyword {i}" for i in range(n)) + "</title>"
    ),
    "notices": lambda n: _page(
        "<article>"
        + ("<p>This page is best viewed in " + "x " * 150 + "</p>") * (n // 4)
        + STORY
        + "</article>"
    ),
    "documents reopened": lambda n: (
        f"<html><head><title>Harbour ferry strike ends</title></head><body>{STORY}</body></html>"
        + "<html><body><p>z</p></body></html>" * n
    ),
    "lines of one paragraph": lambda n: _page(
        f"<article>{STORY}<p>" + f"<br><br>{PROSE}" * n + "</p></article>"
    ),
    "sign-up forms": lambda n: _page(
        f"<article>{STORY}</article>"
        + "<div><div><h3>News</h3><form><input type='email'></form></div></div>" * n
    ),
}


def ours(html: str) -> None:
    with contextlib.suppress(NotAnArticle):  # a refused page costs its reading all the same
        extract_generic(html, URL)


def trafilatura_extract(html: str) -> None:
    import trafilatura

    trafilatura.extract(html, url=URL)


def seconds(extract: Callable[[str], None], html: str) -> float:
    started = time.perf_counter()
    extract(html)
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=8000, help="n: elements, pieces or lines")
    parser.add_argument("--no-trafilatura", action="store_true")
    args = parser.parse_args(argv)
    size = args.size
    print(
        f"{'family':<24} {'MB at 2n':>8} {'ours n':>8} {'ours 2n':>8} {'growth':>7} {'vs traf':>8}"
    )
    for name, build in FAMILIES.items():
        small, large = build(size), build(2 * size)
        ours_small, ours_large = seconds(ours, small), seconds(ours, large)
        growth = ours_large / ours_small if ours_small > 0 else float("nan")
        versus = "-"
        if not args.no_trafilatura:
            peer = seconds(trafilatura_extract, large)
            versus = f"{ours_large / peer:.2f}x" if peer > 0 else "-"
        print(
            f"{name:<24} {len(large) / 1e6:>8.2f} {ours_small:>8.2f} {ours_large:>8.2f} "
            f"{growth:>7.2f} {versus:>8}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
