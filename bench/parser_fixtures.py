"""A failure finder for fields on pages neither side was built on: the test fixtures of two
metadata parsers, our extractor and trafilatura side by side.

    git clone https://github.com/postlight/parser /tmp/mercury          # outside the project
    git clone https://github.com/microlinkhq/metascraper /tmp/metascraper
    uv run python bench/parser_fixtures.py /tmp/mercury [--misses authors]
    uv run python bench/parser_fixtures.py /tmp/metascraper [--misses titles]

- Postlight's Mercury parser: each site that has a custom extractor there has a saved page
  (`fixtures/<site>.html`) and a test (`src/extractors/custom/<site>/index.test.js`) naming the
  page's URL and the title, author, publication date and first words of the text that its
  contributor read off the page.
- metascraper: each integration test (`packages/metascraper/test/integration/<site>/`) has a
  saved page (`input.html`), its URL (`index.js`) and the title, author and date the library
  gave, as its maintainers approved them in a snapshot (`snapshots/index.js.md`). Some are
  videos, profiles or repositories rather than articles.

The values are one reading, not a checked gold (an author may be given as "Jane Doe |
jd@site.com", a date in the site's own zone; metascraper's "date" is mostly the last change),
so the sets find classes of failure, not a target. Measures: titles where one contains the
other, authors F1 over names, the publication day (the expected instant's day in our offset,
or in any zone when we state none or UTC), and whether the text holds the expected first words
(Mercury only). Nothing of the sets is copied into the project.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction import decode_html  # noqa: E402
from bench.real_sites import authors_f1, match_key, title_right  # noqa: E402

JS_STRING = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)"""
PAGE_URL = re.compile(r"url\s*=\s*" + JS_STRING)
FIXTURE = re.compile(r"readFileSync\(\s*" + JS_STRING)
EXCERPT = re.compile(r"const (\w+) = excerptContent\(.*?,\s*(\d+)\s*\);", re.S)
NAMES = re.compile(r",\s*|\s+and\s+|\s*&\s*|;\s*")
FIELDS = ("title", "author", "date_published")
ZONE_HOURS = range(-12, 15)  # UTC-12 to UTC+14


@dataclass(frozen=True)
class Fixture:
    site: str
    url: str
    path: Path
    expected: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Found:
    title: str = ""
    authors: tuple[str, ...] = ()
    published: str | None = None
    text: str = ""


def _unquoted(literal: str) -> str:
    return re.sub(r"\\(.)", r"\1", literal[1:-1])


def _asserted(source: str, name: str) -> str | None:
    match = re.search(r"assert\.(?:equal|strictEqual)\(\s*" + name + r"\s*,\s*" + JS_STRING, source)
    return _unquoted(match.group(1)) if match else None


def load_fixtures(clone: Path) -> list[Fixture]:
    integration = clone / "packages/metascraper/test/integration"
    return _metascraper_fixtures(integration) if integration.is_dir() else _mercury_fixtures(clone)


def _snapshot_value(snapshot: str, name: str) -> str | None:
    match = re.search(r"^\s+" + name + r": " + JS_STRING + ",$", snapshot, re.M)
    return _unquoted(match.group(1)) if match else None


def _metascraper_fixtures(integration: Path) -> list[Fixture]:
    fixtures = []
    for page in sorted(integration.glob("*/input.html")):
        test, snapshots = page.parent / "index.js", page.parent / "snapshots/index.js.md"
        if not test.exists() or not snapshots.exists():
            continue
        url = re.search(r"const url\s*=\s*" + JS_STRING, test.read_text("utf-8", errors="replace"))
        first = snapshots.read_text("utf-8", errors="replace").split("> Snapshot", 2)
        if not url or len(first) < 2:
            continue
        snapshot = first[1]
        expected = {
            name: value
            for name, key in (("title", "title"), ("author", "author"), ("date_published", "date"))
            if (value := _snapshot_value(snapshot, key))
        }
        fixtures.append(Fixture(page.parent.name, _unquoted(url.group(1)), page, expected))
    return fixtures


def _mercury_fixtures(clone: Path) -> list[Fixture]:
    fixtures = []
    for test in sorted(clone.glob("src/extractors/custom/*/index.test.js")):
        source = test.read_text("utf-8", errors="replace")
        url, page = PAGE_URL.search(source), FIXTURE.search(source)
        if not url or not page:
            continue
        path = clone / _unquoted(page.group(1)).lstrip("./")
        if not path.exists():
            continue
        expected = {name: value for name in FIELDS if (value := _asserted(source, name))}
        excerpt = EXCERPT.search(source)
        if excerpt and (words := _asserted(source, excerpt.group(1))):
            expected["first_words"] = words
        fixtures.append(Fixture(test.parent.name, _unquoted(url.group(1)), path, expected))
    return fixtures


def ours(fixture: Fixture) -> Found:
    from records.article import NotAnArticle
    from transforms.extract import extract_article

    try:
        article = extract_article(decode_html(fixture.path.read_bytes()), fixture.url)
    except NotAnArticle:
        return Found()
    published = article.published_at.isoformat() if article.published_at else None
    return Found(article.title or "", article.authors, published, article.text)


def trafilatura_found(fixture: Fixture) -> Found:
    import trafilatura

    html = decode_html(fixture.path.read_bytes())
    document = trafilatura.bare_extraction(html, url=fixture.url, with_metadata=True)
    if document is None:
        return Found()
    data = document.as_dict() if hasattr(document, "as_dict") else document
    authors = tuple(name.strip() for name in (data.get("author") or "").split(";") if name.strip())
    return Found(data.get("title") or "", authors, data.get("date"), data.get("text") or "")


def authors_right(expected: str, found: tuple[str, ...]) -> float:
    """Authors F1 against a fixture's expected byline string ("Jane Doe and John Roe")."""
    return authors_f1(NAMES.split(expected), found)


def day_right(expected: str, found: str | None) -> bool:
    if not found:
        return False
    stated = datetime.fromisoformat(expected.replace("Z", "+00:00"))
    if stated.tzinfo is None:
        stated = stated.replace(tzinfo=UTC)
    try:
        moment = datetime.fromisoformat(found)
    except ValueError:
        return False
    if moment.tzinfo is None or moment.utcoffset() == timedelta(0):
        # no zone stated (or UTC assumed): the page's own day is the instant's somewhere
        return moment.date() in {(stated + timedelta(hours=hours)).date() for hours in ZONE_HOURS}
    return moment.date() in {stated.astimezone(moment.tzinfo).date(), stated.date()}


def holds_start(expected: str, found: str) -> bool:
    return match_key(expected) in match_key(found)


@dataclass(frozen=True)
class Measure:
    expected_key: str
    right: Callable[[str, Found], bool]
    shown: Callable[[Found], str]


MEASURES = {
    "titles": Measure("title", lambda e, g: title_right(e, g.title), lambda g: repr(g.title[:60])),
    "authors": Measure(
        "author", lambda e, g: authors_right(e, g.authors) == 1, lambda g: str(list(g.authors)[:4])
    ),
    "dates": Measure(
        "date_published", lambda e, g: day_right(e, g.published), lambda g: str(g.published)
    ),
    "starts": Measure(
        "first_words", lambda e, g: holds_start(e, g.text), lambda g: repr(g.text[:60])
    ),
}


def report(name: str, fixtures: list[Fixture], found: list[Found]) -> None:
    columns = [f"{name:12}"]
    for which, measure in MEASURES.items():
        pairs = [
            (fixture.expected[measure.expected_key], got)
            for fixture, got in zip(fixtures, found, strict=True)
            if measure.expected_key in fixture.expected
        ]
        if which == "authors":  # a mean F1, not a count
            columns.append(
                f"{sum(authors_right(e, g.authors) for e, g in pairs) / max(1, len(pairs)):8.3f}"
            )
        else:
            columns.append(f"{sum(measure.right(e, g) for e, g in pairs):>5}/{len(pairs):<4}")
    print(" ".join(columns))


def misses(which: str, fixtures: list[Fixture], found: list[Found]) -> None:
    measure = MEASURES[which]
    for fixture, got in zip(fixtures, found, strict=True):
        expected = fixture.expected.get(measure.expected_key)
        if expected is not None and not measure.right(expected, got):
            print(f"  {fixture.site:32} {measure.shown(got)} | expected {expected[:60]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "clone", type=Path, help="a clone of github.com/postlight/parser or microlinkhq/metascraper"
    )
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--misses", choices=tuple(MEASURES))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    fixtures = load_fixtures(args.clone)
    if not fixtures:
        print(f"no fixtures under {args.clone}: clone one of the parsers there")
        return 1
    with ProcessPoolExecutor(args.workers) as pool:
        found = list(pool.map(ours, fixtures, chunksize=4))
        peer = (
            [] if args.no_trafilatura else list(pool.map(trafilatura_found, fixtures, chunksize=4))
        )
    print(f"{len(fixtures)} fixtures\n")
    print(f"{'extractor':12} {'titles':>10} {'authors':>8} {'day':>10} {'first words':>10}")
    report("ours", fixtures, found)
    if peer:
        report("trafilatura", fixtures, peer)
    if args.misses:
        print(f"\nours, {args.misses} missed:")
        misses(args.misses, fixtures, found)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
