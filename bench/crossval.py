"""Leave-site-out cross-validation of the generic extractor's tunables.

Every tunable in `TUNABLES` is a field of `transforms.generic.settings.ExtractionOptions` with
a small grid of candidate values (a rule is an on/off flag); each run passes its own options
object down to the extractor (`extract_generic(..., options=...)`), nothing global is set. Pages fall into folds by host, so all pages
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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from lxml import html as lxml_html

from records.article import NotAnArticle
from transforms.generic import extract_generic, parse_html
from transforms.generic.settings import DEFAULT_OPTIONS, ExtractionOptions
from transforms.metadata import PageMetadata, read_metadata

FOLDS = 5
FOLD_SALT = "newsetl-cv-v1:"

# settings name -> candidates besides the current default (kept small: each is one pass)
TUNABLES: dict[str, tuple[Any, ...]] = {
    "prose_min_chars": (40, 80),
    "max_link_density": (0.4, 0.6),
    "max_short_link_density": (0.3, 0.7),
    "stub_penalty": (0.1, 0.6),
    "edge_stub_max_words": (3, 10),
    "ancestor_decay": (0.5, 0.85),
    "climb_max_gain_share": (0.3, 0.8),
    "climb_quiet_wrapper_noise": (0.0, 0.3),
    "share_climb_below": (0.4, 0.8),
    "share_climb_max_noise": (0.2, 0.5),
    "fallback_min_chars": (100, 500),
    "end_marker_max_prose_after": (0.25, 1.0),
    "dinkus_max_prose_after": (0.1, 0.5),
    "listing_fallback": (False,),
    "listing_trigger_chars": (500, 1000, 4000),
    "listing_article_trigger_chars": (0, 500, 2000),
    "listing_min_gain": (1.5, 3.0, 5.0),
    "listing_walks_named": (False,),
    "table_rows_as_text": (False,),
    "skip_hidden_class": (False,),
    "skip_input_forms": (False,),
    "wrappers_hold_main": (False,),
    "walk_text_figures": (False,),
    "keep_tail_lists": (False,),
    "teaser_min_link_share": (0.15, 0.4),
    "headline_list_labels": (False,),
    "skip_offscreen_text": (False,),
    "skip_paywall_boxes": (False,),
    "skip_disclaimers": (False,),
    "drop_top_title_and_dates": (False,),
    "credited_lines_are_captions": (False,),
    "guard_text_chars": (0, 800, 3000),
    "walk_text_panels": (False,),
    "title_article_wins": (False,),
    "heading_anchor_ids": (False,),
    "numbered_heading_ids": (False,),
    "end_marker_lines": (False,),
    "closing_note_max_chars": (0, 160),
    "relaxed_skips_consent": (False,),
    "cjk_char_weight": (1.0,),
    "single_time_is_article": (False,),
    "single_time_max": (1, 4),
    "headed_article_is_article": (False,),
    "headed_article_min_share": (0.3, 0.7),
    "headed_text_is_article": (False,),
    "headed_text_levels": (1, 3),
    "headed_text_min_words": (4, 6),
    "listing_gain_skips_menus": (False,),
    "menu_item_max_words": (2, 4),
    "menu_item_min_link_share": (0.9,),
    "listing_story_min_chars": (100, 500),
    "relaxed_keeps_headed_text": (False,),
    "leading_quotes_stay": (False,),
    "skip_jump_links": (False,),
    "single_post_body_class": (False,),
    "single_entry_is_article": (False,),
    "single_story_box_is_article": (False,),
    "single_text_box_is_article": (False,),
    "headed_story_stays": (False,),
    "headline_story_stays": (False,),
    "teaser_items_in_definition_lists": (False,),
    "headline_story_min_words": (4, 6),
    "headline_gap_chars": (500, 3000),
    "headline_story_min_lines": (1, 4),
    "headline_story_min_chars": (200, 600),
    "alt_echo_captions_skipped": (False,),
    "repeated_runs_dropped": (False,),
    "own_address_lines_dropped": (False,),
    "repeated_run_min_share": (0.1, 0.3),
    "nocontent_boxes_skipped": (False,),
    "relaxed_over_headed_min_chars": (150, 500),
    "climb_over_sibling_paragraphs": (False,),
    "climb_over_segments": (False,),
    "stray_captions_skipped": (False,),
    "camel_case_names_split": (False,),
    "field_labels_skipped": (False,),
    "data_names_read": (False,),
    "captioned_figures_walked": (False,),
    "headed_boxes_named": (False,),
    "rail_headings_outweigh_text": (False,),
    "pitch_boxes_named": (False,),
    "card_rails_end_text": (False,),
    "card_rail_min_cards": (3,),
    "card_lead_max_words": (25, 60),
    "card_rail_trailing_stubs": (0, 1),
    "card_rail_trailing_stub_words": (6, 20),
    "box_heading_max_words": (4, 10),
    "paywall_guard_reads_text_divs": (False,),
    "div_paragraphs_weighed": (False,),
    "guard_weighs_cjk": (False,),
    "cjk_stub_words": (False,),
    "inline_names_in_paragraphs_kept": (False,),
    "bem_content_names": (False,),
    "inline_datelines_kept": (False,),
    "trailing_sentences_stay": (False,),
    "title_skip_site_h1": (False,),
    "walk_template_siblings": (False,),
    "walk_template_cousins": (False,),
    "unheaded_forms_skipped": (False,),
    "form_max_page_share": (0.3, 0.7),
    "relaxed_skips_forms": (False,),
    "layers_skipped": (False,),
    "paywalled_paragraphs_kept": (False,),
    "climb_skips_teaser_lists": (False,),
    "teaser_list_min_item_share": (0.1, 0.5),
    "teaser_list_min_link_share": (0.05, 0.3),
    "story_box_links_skipped": (False,),
    "marked_post_read_alone": (False,),
    "text_box_read_alone": (False,),
    "text_box_min_share": (0.0, 0.6),
    "text_box_alone_skips_named": (False,),
    "browser_notices_dropped": (False,),
    "cookie_notices_dropped": (False,),
    "photo_credit_lines_dropped": (False,),
    "screen_reader_hints_dropped": (False,),
    "truncated_teasers_dropped": (False,),
    "custom_elements_as_blocks": (False,),
    "service_notes_dropped": (False,),
    "tail_call_before_text_stays": (False,),
    "tail_text_min_chars": (60, 200),
    "signup_boxes_skipped": (False,),
    "signup_box_max_chars": (300, 1000),
    "teaser_lines_dropped": (False,),
    "teaser_labels_unstyled": (False,),
    "teaser_lines_max_share": (0.5, 1.0),
    "linked_host_names_site": (False,),
    "popup_cards_skipped": (False,),
    "comment_count_lines_dropped": (False,),
    "comment_count_line_max_words": (10, 24),
    "script_text_dropped": (False,),
    "script_text_min_tokens": (2, 5),
    "script_text_min_punctuation": (0.01, 0.05),
    "top_date_lines_dropped": (False,),
    "top_date_lines_window": (3, 8),
    "top_date_lines_max": (1, 3),
    "top_date_line_stubs_words": (0, 5),
    "top_byline_lines_dropped": (False,),
    "read_on_lists_dropped": (False,),
    "read_on_lead_max_words": (6, 20),
    "comment_notices_end_text": (False,),
    "comment_notice_max_chars": (500, 2000),
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


def options_with(
    values: Mapping[str, Any], base: ExtractionOptions = DEFAULT_OPTIONS
) -> ExtractionOptions:
    """`base` with some tunables set to other values."""
    return replace(base, **values)


def extract_text(page: ParsedPage, options: ExtractionOptions = DEFAULT_OPTIONS) -> str:
    if page.tree is None:
        return ""
    try:
        return extract_generic(page.tree, page.url, metadata=page.metadata, options=options).text
    except NotAnArticle:
        return ""


def run_with(
    pages: Sequence[ParsedPage], values: Mapping[str, Any], counts: Callable[[str, str], Counts]
) -> list[Counts]:
    options = options_with(values)
    return [counts(page.gold, extract_text(page, options)) for page in pages]


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
        default = getattr(DEFAULT_OPTIONS, name)
        grid[name] = {default: default_counts}
        for value in candidates:
            if value != default:
                grid[name][value] = run_with(pages, {name: value}, counts)

    def best_value(name: str, keep: set[int]) -> Any:
        options = grid[name]
        default = getattr(DEFAULT_OPTIONS, name)
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
        options = options_with(values)
        for index in sorted(fold):
            predictions[index] = extract_text(pages[index], options)
    base = objective(pages, default_counts, everything)
    dev_best = {name: best_value(name, everything) for name in tunables}
    gains = {
        name: (objective(pages, grid[name][dev_best[name]], everything) - base, base)
        for name in tunables
    }
    return CrossValidation(predictions, chosen, dev_best, gains)
