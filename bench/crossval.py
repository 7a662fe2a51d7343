"""Leave-site-out cross-validation of the generic extractor's tunables.

Every tunable in `TUNABLES` is a constant of `transforms.generic.settings` with a small grid
of candidate values (a rule is an on/off flag). Pages fall into folds by host, so all pages
of a site sit in one fold. For each fold, every tunable takes the candidate that scores best
on the *other* folds (mean F1 over the page groups, each tunable chosen on its own with the
rest at their defaults), and the fold's pages are extracted with those choices. The CV score
is the score of those held-out extractions, pooled over the folds: what a setting earns on
sites it was not chosen on. A setting that raises the dev score and not the CV one is fitted
to pages, not to a class of pages.

Pages are parsed once and their metadata read once; each grid point re-runs only the walk,
scoring and selection on the cached trees (`extract_generic(tree, url, metadata=...)`).
"""

from __future__ import annotations

import hashlib
import statistics
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

from records.article import NotAnArticle
from transforms.generic import extract_generic, parse_html, settings
from transforms.metadata import PageMetadata, read_metadata

FOLDS = 5
FOLD_SALT = "newsetl-cv-v1:"

# settings name -> candidates besides the current default (kept small: each is one pass)
TUNABLES: dict[str, tuple[Any, ...]] = {
    "PROSE_MIN_CHARS": (40, 80),
    "MAX_LINK_DENSITY": (0.4, 0.6),
    "MAX_SHORT_LINK_DENSITY": (0.3, 0.7),
    "STUB_PENALTY": (0.1, 0.6),
    "EDGE_STUB_MAX_WORDS": (3, 10),
    "ANCESTOR_DECAY": (0.5, 0.85),
    "CLIMB_MAX_GAIN_SHARE": (0.3, 0.8),
    "SHARE_CLIMB_BELOW": (0.4, 0.8),
    "SHARE_CLIMB_MAX_NOISE": (0.2, 0.5),
    "FALLBACK_MIN_CHARS": (100, 500),
    "END_MARKER_MAX_PROSE_AFTER": (0.25, 1.0),
    "LISTING_FALLBACK": (False,),
    "LISTING_TRIGGER_CHARS": (500, 1000, 4000),
    "LISTING_ARTICLE_TRIGGER_CHARS": (0, 500, 2000),
    "LISTING_MIN_GAIN": (1.5, 3.0, 5.0),
    "LISTING_WALKS_NAMED": (False,),
    "TABLE_ROWS_AS_TEXT": (False,),
    "SKIP_HIDDEN_CLASS": (False,),
    "SKIP_INPUT_FORMS": (False,),
    "WRAPPERS_HOLD_MAIN": (False,),
    "WALK_TEXT_FIGURES": (False,),
    "KEEP_TAIL_LISTS": (False,),
    "TEASER_MIN_LINK_SHARE": (0.15, 0.4),
}

Counts = tuple[float, float, float]


@dataclass
class ParsedPage:
    group: str  # the folder, or "wcxb:<page type>": each group weighs the same
    host: str
    url: str
    gold: str
    tree: lxml_html.HtmlElement | None
    metadata: PageMetadata | None

    @property
    def fold(self) -> int:
        digest = hashlib.sha256((FOLD_SALT + self.host).encode("utf-8")).digest()
        return digest[0] % FOLDS


def parse_page(group: str, host: str, url: str, gold: str, html: str) -> ParsedPage:
    try:
        tree = parse_html(html)
    except NotAnArticle:
        return ParsedPage(group, host, url, gold, None, None)
    return ParsedPage(group, host, url, gold, tree, read_metadata(tree, url))


@contextmanager
def overridden(values: Mapping[str, Any]) -> Iterator[None]:
    saved = {name: getattr(settings, name) for name in values}
    try:
        for name, value in values.items():
            setattr(settings, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(settings, name, value)


def extract_text(page: ParsedPage) -> str:
    if page.tree is None:
        return ""
    try:
        return extract_generic(page.tree, page.url, metadata=page.metadata).text
    except NotAnArticle:
        return ""


def run_with(
    pages: Sequence[ParsedPage], values: Mapping[str, Any], counts: Callable[[str, str], Counts]
) -> list[Counts]:
    with overridden(values):
        return [counts(page.gold, extract_text(page)) for page in pages]


def f1_of(counts: Sequence[Counts]) -> float:
    precisions = [tp / (tp + fp) if fp or fn else 1.0 for tp, fp, fn in counts if tp + fp > 0]
    recalls = [tp / (tp + fn) if fp or fn else 1.0 for tp, fp, fn in counts if tp + fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def objective(pages: Sequence[ParsedPage], counts: Sequence[Counts], keep: set[int]) -> float:
    """Mean F1 over the page groups, on the pages whose index is in `keep`."""
    by_group: dict[str, list[Counts]] = {}
    for index in keep:
        by_group.setdefault(pages[index].group, []).append(counts[index])
    return statistics.fmean(f1_of(group) for group in by_group.values())


@dataclass
class CrossValidation:
    predictions: list[str]  # held-out text of every page, in page order
    chosen: dict[str, list[Any]]  # tunable -> the value chosen in each fold
    dev_best: dict[str, Any]  # tunable -> the value best on all pages (what dev tuning picks)
    gains: dict[str, tuple[float, float]]  # tunable -> (dev gain of dev_best, default objective)


def cross_validate(
    pages: Sequence[ParsedPage],
    counts: Callable[[str, str], Counts],
    tunables: Mapping[str, Sequence[Any]] = TUNABLES,
) -> CrossValidation:
    everything = set(range(len(pages)))
    folds = [{i for i in everything if pages[i].fold == k} for k in range(FOLDS)]
    default_counts = run_with(pages, {}, counts)
    grid: dict[str, dict[Any, list[Counts]]] = {}
    for name, candidates in tunables.items():
        default = getattr(settings, name)
        grid[name] = {default: default_counts}
        for value in candidates:
            if value != default:
                grid[name][value] = run_with(pages, {name: value}, counts)

    def best_value(name: str, keep: set[int]) -> Any:
        options = grid[name]
        default = getattr(settings, name)
        scores = {value: objective(pages, found, keep) for value, found in options.items()}
        best = max(scores, key=scores.__getitem__)
        return best if scores[best] > scores[default] + 1e-9 else default

    predictions = [""] * len(pages)
    chosen: dict[str, list[Any]] = {name: [] for name in tunables}
    for fold in folds:
        if not fold:
            for name in tunables:
                chosen[name].append(None)
            continue
        values = {name: best_value(name, everything - fold) for name in tunables}
        for name, value in values.items():
            chosen[name].append(value)
        with overridden(values):
            for index in sorted(fold):
                predictions[index] = extract_text(pages[index])
    base = objective(pages, default_counts, everything)
    dev_best = {name: best_value(name, everything) for name in tunables}
    gains = {
        name: (objective(pages, grid[name][dev_best[name]], everything) - base, base)
        for name in tunables
    }
    return CrossValidation(predictions, chosen, dev_best, gains)
