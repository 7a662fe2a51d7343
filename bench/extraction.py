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

DEFAULT_FOLDERS = ("aeb", "wcxb_university", "fundus")
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--folders", default=",".join(DEFAULT_FOLDERS))
    parser.add_argument("--score-module", type=Path, default=None)
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages of ours")
    parser.add_argument("--only-ours", action="store_true", help="skip trafilatura")
    args = parser.parse_args(argv)

    if not args.corpus.is_dir():
        print(f"corpus folder not found: {args.corpus}", file=sys.stderr)
        return 2
    score_module = args.score_module or args.corpus.resolve().parent / "bench" / "score.py"
    score_pages = load_scorer(score_module)
    extractors = {"ours": our_extractor()}
    if not args.only_ours:
        extractors["trafilatura"] = trafilatura_extractor()

    print(
        f"{'folder':<16} {'extractor':<12} {'pages':>5} {'prec':>6} {'recall':>6} "
        f"{'F1':>6} {'pages/s':>8} {'err':>4}"
    )
    for folder_name in [name for name in args.folders.split(",") if name]:
        folder = args.corpus / folder_name
        if not (folder / "ground-truth.json").exists():
            print(f"{folder_name}: no ground-truth.json, skipped", file=sys.stderr)
            continue
        pages = load_folder(folder)
        golds = [page.gold for page in pages]
        for name, extractor in extractors.items():
            predictions, elapsed, errors = run(extractor, pages)
            scores = score_pages(golds, predictions)
            speed = len(pages) / elapsed if elapsed else float("inf")
            print(
                f"{folder_name:<16} {name:<12} {len(pages):>5} {scores['precision']:6.3f} "
                f"{scores['recall']:6.3f} {scores['f1']:6.3f} {speed:8.1f} {errors:>4}"
            )
            if name == "ours" and args.worst:
                per_page = sorted(
                    (page_counts(page.gold, text), page.page_id, page.url)
                    for page, text in zip(pages, predictions, strict=True)
                )
                for (tp, fp, fn), page_id, url in per_page[: args.worst]:
                    print(f"    tp={tp:.2f} fp={fp:.2f} fn={fn:.2f} {page_id[:24]} {url[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
