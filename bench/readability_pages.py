"""A failure finder on pages neither side was built on: Mozilla readability's test pages, our
extractor and trafilatura side by side, scored against readability's checked output.

    git clone https://github.com/mozilla/readability /tmp/readability     # outside the project
    uv run python bench/readability_pages.py /tmp/readability/test/test-pages [--worst 10]

Each folder holds `source.html`, `expected.html` (readability's output, checked by its
maintainers) and `expected-metadata.json` (title, byline, "readerable"). Pages marked not
readerable are left out. The expected text is a peer's output, not human gold: it keeps
standfirsts and picture captions that AEB's gold leaves out. It serves to find classes of
failure (a text cut at its start, a byline box holding a login label), not as a target. Body
precision / recall / F1 use the shared shingle metric (`score.py`); bylines count as right when
one contains the other on \\w+ tokens. Nothing of the set is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction import load_scorer  # noqa: E402

WORD = re.compile(r"\w+")
PAGE_URL = "http://fakehost/test/page.html"  # the address readability's own tests give
SHARED_SCORE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "score.py"


@dataclass(frozen=True)
class TestPage:
    name: str
    html: str
    expected: str
    byline: str | None


def load_pages(folder: Path) -> list[TestPage]:
    pages = []
    for directory in sorted(path for path in folder.iterdir() if path.is_dir()):
        try:
            meta = json.loads((directory / "expected-metadata.json").read_text("utf-8"))
            expected = lxml_html.fromstring((directory / "expected.html").read_text("utf-8"))
            source = (directory / "source.html").read_text("utf-8")
        except (OSError, ValueError):
            continue
        if not meta.get("readerable", True):
            continue
        text = "\n".join(part.strip() for part in expected.itertext() if part.strip())
        pages.append(TestPage(directory.name, source, text, meta.get("byline")))
    return pages


def _key(text: str | None) -> str:
    return " ".join(WORD.findall((text or "").casefold()))


def byline_right(expected: str | None, found: str) -> bool:
    expected_key, found_key = _key(expected), _key(found)
    return bool(found_key) and (found_key in expected_key or expected_key in found_key)


def ours(page: TestPage) -> tuple[str, str]:
    from records.article import NotAnArticle
    from transforms.extract import extract_article

    try:
        article = extract_article(page.html, PAGE_URL, profile="generic")
    except NotAnArticle:
        return "", ""
    return article.text, " ".join(article.authors)


def trafilatura_text(page: TestPage) -> str:
    import trafilatura

    return trafilatura.extract(page.html, include_tables=True) or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path, help="readability's test/test-pages folder")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages ours lose most")
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--score-module", type=Path, default=SHARED_SCORE)
    args = parser.parse_args(argv)

    score_pages = load_scorer(args.score_module)
    pages = load_pages(args.pages)
    found = [ours(page) for page in pages]
    expected = [page.expected for page in pages]
    rows = [("ours", score_pages(expected, [text for text, _ in found]))]
    peer: list[str] = []
    if not args.no_trafilatura:
        peer = [trafilatura_text(page) for page in pages]
        rows.append(("trafilatura", score_pages(expected, peer)))
    print(f"{len(pages)} readerable pages\n")
    print(f"{'extractor':14} {'prec':>6} {'recall':>6} {'F1':>6}")
    for name, result in rows:
        print(f"{name:14} {result['precision']:6.3f} {result['recall']:6.3f} {result['f1']:6.3f}")
    named = [
        (page, authors) for page, (_, authors) in zip(pages, found, strict=True) if page.byline
    ]
    right = sum(byline_right(page.byline, authors) for page, authors in named)
    print(f"\nbyline right: {right} of {len(named)}")
    if args.worst and peer:
        gaps = []
        for page, (text, _), other in zip(pages, found, peer, strict=True):
            mine = score_pages([page.expected], [text])["f1"]
            theirs = score_pages([page.expected], [other])["f1"]
            gaps.append((mine - theirs, page.name, mine, theirs))
        print("\nworst against trafilatura (F1 ours / trafilatura):")
        for gap, name, mine, theirs in sorted(gaps)[: args.worst]:
            print(f"  {name:40} {mine:.3f} / {theirs:.3f} ({gap:+.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
