"""Unseen pages through the path users take: the stand-in sets of pages never developed on
(trafilatura's evaluation set, htmldate's, Mercury's and metascraper's fixtures, L3S-GN1's news
pages, newspaper3k's full-text pages of 2015, Omnivore's readability pages of 2016-2024, each a
clone outside the project) laid out as a corpus folder, so that `bench/real_sites.py` serves
every site on its own loopback origin and lands them all with one `newsetl run`.

    # newspaper's pages: newspaper4k's history, commit 79553f6
    uv run python bench/unseen_sites.py /tmp/unseen --trafilatura /tmp/trafilatura/tests \\
        --htmldate /tmp/htmldate --mercury /tmp/mercury --metascraper /tmp/metascraper \\
        --l3s /tmp/merged/page-signal-master --l3s-urls /tmp/page-signal/L3S-GN1-…/url-mapping.txt \\
        --newspaper /tmp/newspaper/tests/data \\
        --omnivore /tmp/omni/packages/readabilityjs/test/test-pages
    uv run python bench/real_sites.py /tmp/unseen/corpus --folders traf,hd,merc,meta,l3s,np,omni \\
        --no-trafilatura                      # the pipeline; add --direct for the extractor alone

What it checks is what a direct run of the extractor cannot: that every page lands, and that
the pipeline stores what the extractor reads when the page is fetched over HTTP from an
address that is not its own (a loopback origin: URL-derived evidence, decoding of the raw
bytes). Only L3S-GN1 carries body gold (see `bench/gold_text_sets.py`); newspaper3k's pages
carry its own output and Omnivore's its readability fork's (weak golds: they show a page whose
text shares nothing with them); for the others the body columns show "-". Titles, days and
authors are scored where a set gives them (trafilatura's; Mercury's and metascraper's titles
and authors; L3S-GN1's headlines; Omnivore's titles, bylines and days, its days a date-only
day at Pacific midnight for many pages). The raw bytes are written as the clones hold them;
nothing of them enters the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NAME_SPLIT = re.compile(r"\s*(?:;|,|\band\b|\bund\b|&|\|)\s*", re.IGNORECASE)


def _authors(value: object) -> list[str] | None:
    if isinstance(value, list):
        return [str(name) for name in value if str(name).strip()] or None
    if isinstance(value, str) and value.strip():
        return [name for name in NAME_SPLIT.split(value) if name] or None
    return None


def _day(value: object) -> str | None:
    """An ISO day the bench can read (the sets hold a few typos such as "2022-29-11")."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _instant(value: object) -> str | None:
    """An ISO instant the bench can read; the placeholder years some fixtures hold (2001) and
    dates in words go."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.isoformat() if moment.year >= 2005 else None


def trafilatura_pages(tests: Path) -> list[tuple[str, Path, dict]]:
    from bench.snippets import page_path

    records = json.loads((tests / "evaldata.json").read_text("utf-8"))
    pages = []
    for url, item in records.items():
        path = page_path(tests, item["file"])
        if path is None or not url.startswith("http"):
            continue
        gold = {"title": item.get("title"), "publishing_date": _day(item.get("date"))}
        gold["authors"] = _authors(item.get("author"))
        pages.append((url.strip(), path, gold))
    return pages


def htmldate_pages(clone: Path, trafilatura_tests: Path | None) -> list[tuple[str, Path, dict]]:
    from bench.htmldate_pages import load_pages

    return [
        (page.url.strip(), page.path, {"publishing_date": _day(page.day)})
        for page in load_pages(clone, trafilatura_tests)
    ]


def fixture_pages(clone: Path) -> list[tuple[str, Path, dict]]:
    from bench.parser_fixtures import load_fixtures

    return [
        (
            fixture.url.strip(),
            fixture.path,
            {
                "title": fixture.expected.get("title"),
                "authors": _authors(fixture.expected.get("author")),
            },
        )
        for fixture in load_fixtures(clone)
    ]


def l3s_pages(folder: Path, url_mapping: Path) -> list[tuple[str, Path, dict]]:
    from bench.gold_text_sets import NO_URL, load_l3s

    return [
        (page.url, page.path, {"title": page.headline, "articleBody": page.body})
        for page in load_l3s(folder, url_mapping)
        if page.url != NO_URL and page.url.startswith("http")
    ]


def newspaper_pages(data: Path) -> list[tuple[str, Path, dict]]:
    """newspaper3k's full-text regression pages (its `tests/data` of 2015: `html/<site><n>.html`
    beside `text/<site><n>.txt`, newspaper's own output, a weak gold read for gross failures);
    the file names give the site, the address is made up on it."""
    pages = []
    for path in sorted((data / "html").glob("*.html")):
        expected = data / "text" / f"{path.stem}.txt"
        if expected.exists():
            site = re.sub(r"\d+$", "", path.stem)
            url = f"https://www.{site}/news/2015/01/{path.stem}.html"
            pages.append((url, path, {"articleBody": expected.read_text("utf-8", "replace")}))
    return pages


def omnivore_pages(folder: Path) -> list[tuple[str, Path, dict]]:
    """Omnivore's readability test pages (`packages/readabilityjs/test/test-pages`: pages of
    2017-2023 the Mozilla set lacks, each `source.html` beside `url.txt`, `expected.html` and
    `expected-metadata.json`); the expected text is its readability fork's output, a weak gold
    like newspaper's, and the byline and date are what that fork read from the page."""
    from lxml import html as lxml_html

    pages = []
    for directory in sorted(path for path in folder.iterdir() if path.is_dir()):
        try:
            meta = json.loads((directory / "expected-metadata.json").read_text("utf-8"))
            url = (directory / "url.txt").read_text("utf-8").strip()
            expected = lxml_html.fromstring((directory / "expected.html").read_bytes())
        except (OSError, ValueError):
            continue
        if not url.startswith("http") or not meta.get("readerable", True):
            continue
        text = "\n".join(part.strip() for part in expected.itertext() if part.strip())
        gold = {
            "title": meta.get("title"),
            "authors": _authors(meta.get("byline")),
            "publishing_date": _instant(meta.get("publishedDate")),
            "articleBody": text,
        }
        pages.append((url, directory / "source.html", gold))
    return pages


def write_folder(corpus: Path, folder: str, pages: list[tuple[str, Path, dict]]) -> int:
    html = corpus / folder / "html"
    html.mkdir(parents=True, exist_ok=True)
    records = {}
    for index, (url, path, gold) in enumerate(pages):
        page_id = f"{folder}{index:04d}"
        (html / f"{page_id}.html.gz").write_bytes(gzip.compress(path.read_bytes()))
        record = {"url": url, "articleBody": ""}
        record.update({key: value for key, value in gold.items() if value})
        records[page_id] = record
    (corpus / folder / "ground-truth.json").write_text(json.dumps(records, ensure_ascii=False))
    return len(records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="writes <out>/corpus and links <out>/bench")
    parser.add_argument("--trafilatura", type=Path, help="trafilatura's tests folder")
    parser.add_argument("--htmldate", type=Path, help="a clone of htmldate")
    parser.add_argument("--mercury", type=Path, help="a clone of Postlight's parser")
    parser.add_argument("--metascraper", type=Path, help="a clone of metascraper")
    parser.add_argument("--l3s", type=Path, help="the merged copy's page-signal-master folder")
    parser.add_argument("--l3s-urls", type=Path, help="L3S-GN1's url-mapping.txt")
    parser.add_argument("--newspaper", type=Path, help="newspaper3k's tests/data folder (2015)")
    parser.add_argument("--omnivore", type=Path, help="omnivore's readabilityjs test-pages")
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    args = parser.parse_args(argv)

    corpus = args.out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    bench = args.out / "bench"  # real_sites reads the shared corpus's decoding rule beside it
    if not bench.exists():
        bench.symlink_to((args.shared / "bench").resolve())
    sets = {
        "traf": (lambda: trafilatura_pages(args.trafilatura)) if args.trafilatura else None,
        "hd": (lambda: htmldate_pages(args.htmldate, args.trafilatura)) if args.htmldate else None,
        "merc": (lambda: fixture_pages(args.mercury)) if args.mercury else None,
        "meta": (lambda: fixture_pages(args.metascraper)) if args.metascraper else None,
        "l3s": (lambda: l3s_pages(args.l3s, args.l3s_urls)) if args.l3s and args.l3s_urls else None,
        "np": (lambda: newspaper_pages(args.newspaper)) if args.newspaper else None,
        "omni": (lambda: omnivore_pages(args.omnivore)) if args.omnivore else None,
    }
    for folder, load in sets.items():
        if load is not None:
            print(f"{folder}: {write_folder(corpus, folder, load())} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
