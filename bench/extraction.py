"""Main-content extraction benchmark: our extractor against trafilatura on the same pages.

    uv run python bench/extraction.py /work/shared/corpus [--folders aeb,wcxb_university,fundus]

Each corpus folder holds `ground-truth.json` ({page_id: {"articleBody", "url"}}) and
`html/<page_id>.html.gz`. Both extractors run in this one process on the decoded HTML;
pages/s counts only the time spent inside each extractor. The metric is the ScrapingHub
article-extraction-benchmark one (4-token shingles, mean precision / recall, F1 of means),
imported from the shared `score.py` when present, else re-implemented below.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_FOLDERS = ("aeb", "wcxb_university", "fundus", "wcxb")
SHINGLE_SIZE = 4
META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
WORD = re.compile(r"\w+")

Extractor = Callable[[str, str], str]
Scorer = Callable[[Sequence[str], Sequence[str]], dict]


@dataclass(frozen=True)
class Page:
    page_id: str
    url: str
    html: str
    gold: str


# -- pages ------------------------------------------------------------------------------


def decode_html(raw: bytes) -> str:
    """UTF-8 when it decodes, else the charset the page declares, else cp1252."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = META_CHARSET.search(raw[:4096])
    if declared:
        try:
            return raw.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return raw.decode("cp1252", errors="replace")


def load_folder(folder: Path) -> list[Page]:
    gold = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    pages = []
    for page_id in sorted(gold):
        record = gold[page_id]
        html_path = folder / "html" / f"{page_id}.html.gz"
        raw = (
            gzip.decompress(html_path.read_bytes())
            if html_path.exists()
            else (folder / "html" / f"{page_id}.html").read_bytes()
        )
        pages.append(
            Page(
                page_id, record.get("url") or "", decode_html(raw), record.get("articleBody") or ""
            )
        )
    return pages


# -- metric -----------------------------------------------------------------------------


def _shingles(text: str) -> Counter:
    tokens = WORD.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE_SIZE:
        return Counter([tuple(tokens)])
    return Counter(
        tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)
    )


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    gold_shingles, predicted_shingles = _shingles(gold), _shingles(predicted)
    true_positive = sum((gold_shingles & predicted_shingles).values())
    false_positive = sum(predicted_shingles.values()) - true_positive
    false_negative = sum(gold_shingles.values()) - true_positive
    total = true_positive + false_positive + false_negative
    if total == 0:
        return 0.0, 0.0, 0.0
    return true_positive / total, false_positive / total, false_negative / total


def local_score_pages(golds: Sequence[str], predictions: Sequence[str]) -> dict:
    """Same definition as the shared score.py: mean per-page precision / recall, F1 of means."""
    counts = [page_counts(g, p) for g, p in zip(golds, predictions, strict=True)]
    precisions = [1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in counts if tp + fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(counts)}


def load_scorer(score_module: Path) -> Scorer:
    if not score_module.exists():
        return local_score_pages
    spec = importlib.util.spec_from_file_location("shared_score", score_module)
    if spec is None or spec.loader is None:
        return local_score_pages
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score_pages


# -- extractors -------------------------------------------------------------------------


def our_extractor() -> Extractor:
    try:
        from transforms.extract import article_text

        return article_text
    except ImportError:
        from records.article import NotAnArticle
        from transforms.generic import extract_generic

        def generic_text(html: str, url: str) -> str:
            try:
                return extract_generic(html, url).text
            except NotAnArticle:
                return ""

        return generic_text


def trafilatura_extractor() -> Extractor:
    import trafilatura

    def trafilatura_text(html: str, url: str) -> str:
        return trafilatura.extract(html, include_comments=False) or ""

    return trafilatura_text


def run(extractor: Extractor, pages: list[Page]) -> tuple[list[str], float, int]:
    """Predicted texts, seconds spent inside the extractor, and the number of errors."""
    predictions, elapsed, errors = [], 0.0, 0
    for page in pages:
        started = time.perf_counter()
        try:
            text = extractor(page.html, page.url)
        except Exception:  # noqa: BLE001 - a crash scores as an empty page
            text, errors = "", errors + 1
        elapsed += time.perf_counter() - started
        predictions.append(text)
    return predictions, elapsed, errors


# -- report -----------------------------------------------------------------------------

HEADER = (
    f"{'group':<20} {'extractor':<12} {'pages':>5} {'prec':>6} {'recall':>6} "
    f"{'F1':>6} {'pages/s':>8} {'err':>4}"
)


def group_of(folder_name: str, record: dict) -> str:
    page_type = record.get("page_type")
    return f"{folder_name}:{page_type}" if folder_name == "wcxb" and page_type else folder_name


def host_of(url: str, page_id: str) -> str:
    host = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", url or "").split("/")[0]
    host = host.rsplit("@", 1)[-1].split(":")[0].lower()
    return re.sub(r"^www\.", "", host) or page_id


def load_groups(
    corpus: Path, folders: Sequence[str], wcxb_types: set[str] | None
) -> dict[str, list[Page]]:
    """Pages by group: each folder, and the wcxb folder split by page type."""
    groups: dict[str, list[Page]] = {}
    for folder_name in folders:
        folder = corpus / folder_name
        if not (folder / "ground-truth.json").exists():
            print(f"{folder_name}: no ground-truth.json, skipped", file=sys.stderr)
            continue
        records = json.loads((folder / "ground-truth.json").read_text("utf-8"))
        for page in load_folder(folder):
            group = group_of(folder_name, records[page.page_id])
            page_type = group.split(":", 1)[-1]
            if folder_name == "wcxb" and wcxb_types is not None and page_type not in wcxb_types:
                continue
            groups.setdefault(group, []).append(page)
    return dict(sorted(groups.items()))


def print_row(group: str, name: str, scores: dict, speed: float | None, errors: int) -> None:
    pages_per_second = f"{speed:8.1f}" if speed is not None else f"{'':>8}"
    print(
        f"{group:<20} {name:<12} {scores['pages']:>5} {scores['precision']:6.3f} "
        f"{scores['recall']:6.3f} {scores['f1']:6.3f} {pages_per_second} {errors:>4}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--folders", default=",".join(DEFAULT_FOLDERS))
    parser.add_argument(
        "--wcxb-types", default="article,listing", help="wcxb page types to score ('all': every)"
    )
    parser.add_argument("--score-module", type=Path, default=None)
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages of ours")
    parser.add_argument("--only-ours", action="store_true", help="skip trafilatura")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument(
        "--ensemble", action="store_true", help="also score ours + trafilatura block voting"
    )
    args = parser.parse_args(argv)

    if not args.corpus.is_dir():
        print(f"corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    score_module = args.score_module or args.corpus.resolve().parent / "bench" / "score.py"
    score_pages = load_scorer(score_module)
    extractors = {"ours": our_extractor()}
    if not args.only_ours:
        extractors["trafilatura"] = trafilatura_extractor()
    wcxb_types = None if args.wcxb_types == "all" else set(args.wcxb_types.split(","))
    groups = load_groups(args.corpus, [n for n in args.folders.split(",") if n], wcxb_types)

    print("== dev: every page, settings as committed ==")
    print(HEADER)
    predicted: dict[str, dict[str, list[str]]] = {name: {} for name in extractors}
    for group, pages in groups.items():
        golds = [page.gold for page in pages]
        for name, extractor in extractors.items():
            predictions, elapsed, errors = run(extractor, pages)
            predicted[name][group] = predictions
            speed = len(pages) / elapsed if elapsed else float("inf")
            print_row(group, name, score_pages(golds, predictions), speed, errors)
            if name == "ours" and args.worst:
                print_worst(pages, predictions, args.worst)

    if args.ensemble and "trafilatura" in extractors:
        from bench.ensemble import vote

        print("\n== dev: ours and trafilatura voting per block ==")
        print(HEADER)
        for group, pages in groups.items():
            started = time.perf_counter()
            texts = [
                vote(page.html, page.url, trafilatura_text)
                for page, trafilatura_text in zip(
                    pages, predicted["trafilatura"][group], strict=True
                )
            ]
            # the vote reuses trafilatura's output: add its time to get the ensemble's speed
            speed = len(pages) / (time.perf_counter() - started)
            print_row(group, "ours+vote", score_pages([p.gold for p in pages], texts), speed, 0)

    if not args.no_cv:
        print_cross_validation(groups, score_pages, predicted.get("trafilatura", {}))
    return 0


def print_worst(pages: list[Page], predictions: list[str], count: int) -> None:
    per_page = sorted(
        (page_counts(page.gold, text), page.page_id, page.url)
        for page, text in zip(pages, predictions, strict=True)
    )
    for (tp, fp, fn), page_id, url in per_page[:count]:
        print(f"    tp={tp:.2f} fp={fp:.2f} fn={fn:.2f} {page_id[:24]} {url[:70]}")


def print_cross_validation(
    groups: dict[str, list[Page]], score_pages: Scorer, trafilatura: dict[str, list[str]]
) -> None:
    from bench.crossval import FOLDS, cross_validate, parse_page
    from transforms.generic.settings import DEFAULT_OPTIONS

    started = time.perf_counter()
    parsed = [
        parse_page(group, host_of(page.url, page.page_id), page.url, page.gold, page.html)
        for group, pages in groups.items()
        for page in pages
    ]
    result = cross_validate(parsed, page_counts)
    elapsed = time.perf_counter() - started
    print(f"\n== leave-site-out CV: {FOLDS} folds by host, {elapsed:.0f}s ==")
    print(HEADER)
    offset = 0
    for group, pages in groups.items():
        golds = [page.gold for page in pages]
        held_out = result.predictions[offset : offset + len(pages)]
        offset += len(pages)
        print_row(group, "ours (CV)", score_pages(golds, held_out), None, 0)
        if group in trafilatura:
            print_row(group, "trafilatura", score_pages(golds, trafilatura[group]), None, 0)
    print("\ntunable: default -> value chosen per fold | dev-best (objective gain on all pages)")
    for name, values in result.chosen.items():
        gain, _ = result.gains[name]
        default = getattr(DEFAULT_OPTIONS, name)
        print(f"  {name:<28} {default!s:>6} -> {values} | {result.dev_best[name]} ({gain:+.4f})")


if __name__ == "__main__":
    sys.exit(main())
