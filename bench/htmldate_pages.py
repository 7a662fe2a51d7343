"""Publication days on pages neither side was built on: htmldate's evaluation sets, our
extractor beside htmldate and trafilatura.

    git clone https://github.com/adbar/htmldate /tmp/htmldate          # outside the project
    uv run python bench/htmldate_pages.py /tmp/htmldate [--misses]

htmldate's repository holds two sets, each page with the publication day a person read off it:
`tests/eval_default.json` (800 pages; 615 of them are in trafilatura's evaluation set too,
which `bench/snippets.py` scores, so only the other 185 are read here) and
`tests/eval_mediacloud_2020.json` (200 news pages of 2020 in many languages, from Media Cloud).
Our day is the calendar day of `published_at` in the offset the page stated; htmldate runs
as trafilatura calls it for the original date (`find_date(original_date=True)`). Nothing of
the sets is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction import decode_html  # noqa: E402

SETS = (
    ("media cloud", "eval_mediacloud_2020.json", ("test_set",)),
    ("default", "eval_default.json", ("eval", "cache")),
)
ALSO_IN_TRAFILATURA_SET = "evaldata.json"  # trafilatura's tests/ folder, when given
HOST_AND_PATH = re.compile(r"^(?:https?://)?(?:www\.)?(.*?)/*$")


@dataclass(frozen=True)
class DatedPage:
    set_name: str
    url: str
    path: Path
    day: str


def _same_page_key(url: str) -> str:
    match = HOST_AND_PATH.match(url)
    return match.group(1) if match else url


def load_pages(clone: Path, trafilatura_tests: Path | None = None) -> list[DatedPage]:
    """Every dated page whose file is in the clone; with `trafilatura_tests`, the default
    set's pages that trafilatura's evaluation set holds too are left out."""
    tests = clone / "tests"
    skipped: set[str] = set()
    if trafilatura_tests is not None and (trafilatura_tests / ALSO_IN_TRAFILATURA_SET).exists():
        records = json.loads((trafilatura_tests / ALSO_IN_TRAFILATURA_SET).read_text("utf-8"))
        skipped = {_same_page_key(url) for url in records}
    pages = []
    for set_name, listing, folders in SETS:
        if not (tests / listing).exists():
            continue
        for url, item in json.loads((tests / listing).read_text("utf-8")).items():
            day = item.get("date")
            if not isinstance(day, str) or _same_page_key(url) in skipped:
                continue
            path = next(
                (tests / f / item["file"] for f in folders if (tests / f / item["file"]).exists()),
                None,
            )
            if path is not None:
                pages.append(DatedPage(set_name, url, path, day[:10]))
    return pages


def ours(page: DatedPage) -> str | None:
    from records.article import NotAnArticle
    from transforms.extract import extract_article

    try:
        article = extract_article(decode_html(page.path.read_bytes()), page.url)
    except NotAnArticle:
        return None
    return article.published_at.date().isoformat() if article.published_at else None


def by_htmldate(page: DatedPage) -> str | None:
    import htmldate

    try:
        return htmldate.find_date(
            decode_html(page.path.read_bytes()), url=page.url, original_date=True
        )
    except Exception:  # noqa: BLE001 - a peer's crash counts as a miss, as htmldate's own eval does
        return None


def by_trafilatura(page: DatedPage) -> str | None:
    import trafilatura

    metadata = trafilatura.extract_metadata(
        decode_html(page.path.read_bytes()), default_url=page.url
    )
    return metadata.date if metadata is not None else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("clone", type=Path, help="a clone of github.com/adbar/htmldate")
    parser.add_argument(
        "--trafilatura-tests",
        type=Path,
        help="trafilatura's tests/ folder: leave out the default set's pages it holds too "
        "(all 800 are read without it)",
    )
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list the pages we get wrong")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    pages = load_pages(args.clone, args.trafilatura_tests)
    if not pages:
        print(f"no dated pages under {args.clone}/tests: clone htmldate there")
        return 1
    readers = {"ours": ours}
    if not args.no_peers:
        readers.update(htmldate=by_htmldate, trafilatura=by_trafilatura)
    with ProcessPoolExecutor(args.workers) as pool:
        found = {name: list(pool.map(read, pages, chunksize=4)) for name, read in readers.items()}
    print(f"{len(pages)} dated pages\n")
    set_names = [name for name, _, _ in SETS if any(p.set_name == name for p in pages)]
    print(f"{'extractor':12} " + " ".join(f"{name:>14}" for name in set_names))
    for name, days in found.items():
        cells = []
        for set_name in set_names:
            pairs = [(p, d) for p, d in zip(pages, days, strict=True) if p.set_name == set_name]
            cells.append(f"{sum(d == p.day for p, d in pairs):>8}/{len(pairs):<5}")
        print(f"{name:12} " + " ".join(cells))
    if args.misses:
        print("\nours, days missed:")
        for page, day in zip(pages, found["ours"], strict=True):
            if day != page.day:
                print(f"  {page.url[:70]:70} {day} | expected {page.day}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
