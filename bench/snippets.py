"""Unseen pages, scored as trafilatura scores itself: our extractor beside trafilatura on
trafilatura's own evaluation set, about 1,000 pages of sites neither side was built on here.

    git clone https://github.com/adbar/trafilatura /tmp/trafilatura     # outside the project
    uv run python bench/snippets.py /tmp/trafilatura/tests [--workers 2] [--no-trafilatura]

The folder holds `evaldata.json` ({url: {"file", "with", "without", "title", "date",
"author"}}) and the pages under `eval/` and `cache/`. Per page, each "with" snippet found in the
extracted text is a true positive and each "without" snippet found a false positive (the
precision / recall / F1 of trafilatura's `tests/evaluate.py`, whitespace-normalised substring
matching). Fields: title (equal, or one contains the other, on \\w+ tokens), publication day
(ours: the day in the offset the page stated; "any offset": within -12 h .. +14 h of it, for
pages whose gold day is local but whose statement is UTC) and authors F1 (names split on
, ; & | "and" "und"). trafilatura runs with `include_comments=False, include_tables=True` and
reads metadata with `bare_extraction`. The set is trafilatura's, tuned on by its authors: a
harsh peer, which is the point. Nothing of it is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction import decode_html  # noqa: E402

NAME_SPLIT = re.compile(r"\s*(?:;|,|\band\b|\bund\b|&|\|)\s*", re.IGNORECASE)
WORD = re.compile(r"\w+")
LOCAL_HOURS = range(-12, 15)


@dataclass(frozen=True)
class Output:
    text: str
    title: str
    days: tuple[str, ...]  # the stated day first, then the days of every offset (ours)
    authors: tuple[str, ...]


@dataclass
class Scores:
    pages: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    titled: int = 0
    title_equal: int = 0
    title_contain: int = 0
    dated: int = 0
    day: int = 0
    day_any_offset: int = 0
    authored: int = 0
    author_f1: float = 0.0
    errors: list[str] = field(default_factory=list)


def _space(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def names_of(value: str | Iterable[str] | None) -> set[str]:
    if not value:
        return set()
    if not isinstance(value, str):
        return set().union(*(names_of(item) for item in value))
    return {_key(part) for part in NAME_SPLIT.split(value) if _key(part)}


def page_path(folder: Path, name: str) -> Path | None:
    for sub in ("cache", "eval"):
        if (folder / sub / name).is_file():
            return folder / sub / name
    return None


def ours(html: str, url: str) -> Output:
    from records.article import NotAnArticle
    from transforms.extract import extract_article

    try:
        article = extract_article(html, url)
    except NotAnArticle:
        return Output("", "", (), ())
    days: tuple[str, ...] = ()
    if article.published_at is not None:
        moment = article.published_at
        shifted = {(moment + timedelta(hours=hours)).date().isoformat() for hours in LOCAL_HOURS}
        days = (moment.date().isoformat(), *sorted(shifted))
    return Output(article.text, article.title or "", days, article.authors)


def trafilatura_output(html: str, url: str) -> Output:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if document is None:
        return Output(text, "", (), ())
    data = document if isinstance(document, dict) else document.as_dict()
    day = (data.get("date") or "")[:10]
    author = data.get("author") or ""
    return Output(text, data.get("title") or "", (day, day) if day else (), (author,))


def run_one(job: tuple[str, str, str, str]) -> tuple[str, Output | None, str]:
    which, folder, url, name = job
    path = page_path(Path(folder), name)
    if path is None:
        return url, None, "missing"
    html = decode_html(path.read_bytes())
    try:
        output = ours(html, url) if which == "ours" else trafilatura_output(html, url)
    except Exception as error:  # a crash is a miss on every measure, as in the peer's own bench
        return url, Output("", "", (), ()), f"{type(error).__name__}: {error}"[:120]
    return url, output, ""


def score(records: dict, outputs: dict[str, Output]) -> Scores:
    scores = Scores()
    for url, item in records.items():
        output = outputs.get(url)
        if output is None:
            continue
        scores.pages += 1
        text = _space(output.text)
        found = sum(_space(snippet) in text for snippet in item["with"])
        leaked = sum(_space(snippet) in text for snippet in item["without"])
        scores.tp += found
        scores.fn += len(item["with"]) - found
        scores.fp += leaked
        scores.tn += len(item["without"]) - leaked
        if item.get("title"):
            scores.titled += 1
            gold, got = _key(item["title"]), _key(output.title)
            scores.title_equal += gold == got
            scores.title_contain += bool(got) and (gold in got or got in gold)
        if item.get("date"):
            scores.dated += 1
            gold_day = item["date"][:10]
            scores.day += bool(output.days) and output.days[0] == gold_day
            scores.day_any_offset += gold_day in output.days
        if item.get("author"):
            scores.authored += 1
            gold_names, got_names = names_of(item["author"]), names_of(output.authors)
            shared = len(gold_names & got_names)
            if shared:
                precision, recall = shared / len(got_names), shared / len(gold_names)
                scores.author_f1 += 2 * precision * recall / (precision + recall)
    return scores


def print_row(name: str, scores: Scores) -> None:
    precision = scores.tp / (scores.tp + scores.fp) if scores.tp + scores.fp else 0.0
    recall = scores.tp / (scores.tp + scores.fn) if scores.tp + scores.fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = scores.tp + scores.fp + scores.fn + scores.tn
    accuracy = (scores.tp + scores.tn) / total if total else 0.0
    authors = scores.author_f1 / scores.authored if scores.authored else 0.0
    print(
        f"{name:<12} {scores.pages:>5} {precision:6.3f} {recall:6.3f} {f1:6.3f} {accuracy:6.3f} "
        f"{scores.title_equal:>4}/{scores.titled:<4} {scores.title_contain:>4}/{scores.titled:<4} "
        f"{scores.day:>4}/{scores.dated:<4} {scores.day_any_offset:>4}/{scores.dated:<4} "
        f"{authors:6.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="trafilatura's tests/ folder")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-trafilatura", action="store_true")
    args = parser.parse_args(argv)
    evaldata = args.folder / "evaldata.json"
    if not evaldata.is_file():
        print(f"no evaldata.json in {args.folder}", file=sys.stderr)
        return 2
    records = json.loads(evaldata.read_text("utf-8"))
    extractors = ["ours"] if args.no_trafilatura else ["ours", "trafilatura"]
    print(f"{len(records)} annotated pages in {args.folder}")
    print(
        f"{'extractor':<12} {'pages':>5} {'prec':>6} {'recall':>6} {'F1':>6} {'acc':>6} "
        f"{'title =':>9} {'title in':>9} {'day':>9} {'day ±tz':>9} {'authF1':>6}"
    )
    for which in extractors:
        jobs = [(which, str(args.folder), url, item["file"]) for url, item in records.items()]
        outputs: dict[str, Output] = {}
        errors: list[str] = []
        with ProcessPoolExecutor(args.workers) as pool:
            for url, output, error in pool.map(run_one, jobs, chunksize=8):
                if output is not None:
                    outputs[url] = output
                if error:
                    errors.append(f"{url}: {error}")
        print_row(which, score(records, outputs))
        for error in errors[:5]:
            print(f"    {which} error: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
