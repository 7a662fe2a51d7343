"""Real dev pages end to end, as a new user would add sites: one loopback origin per site, one
`generic` source per site in one generated TOML file, one `newsetl run`, then the `articles`
mart scored against the gold; trafilatura runs directly on the same pages beside it.

    uv run python bench/real_sites.py ../shared/corpus                  # the pipeline run
    uv run python bench/real_sites.py ../shared/corpus --direct         # extractor in-process
    uv run python bench/real_sites.py ../shared/corpus --direct --cv    # + leave-site-out CV
    uv run python bench/real_sites.py ../shared/corpus --names camel    # names rewritten first
    uv run python bench/real_sites.py ../shared/corpus --div-paragraphs # every <p> a <div>
    uv run python bench/real_sites.py ../shared/corpus --no-metadata    # no <meta>, no JSON-LD
    uv run python bench/real_sites.py ../shared/corpus --custom-elements # every <div> an <x-box>

Measures, per corpus folder: pages landed (a current row in `articles`), body precision /
recall / F1 on landed pages (the shared `score.py` metric), title (one contains the other,
case and punctuation aside), publication instant (within a minute, where the gold gives a
clock) and day (see `day_right`), authors F1 (names compared case- and punctuation-blind, mean over pages; a page
where gold and prediction are both empty scores 1) and images (count equal to the gold's).
Fields without gold in a folder are left out of its row.

`--direct` runs `extract_article(html, url, profile="generic")`, the function the pipeline
calls per page, without the servers; `--loopback` adds a row read from each page's loopback
address, as the run serves it (no host of the page's own to name its site: what the pipeline
loses there shows as the gap between the two rows); `--cv` then cross-validates the extraction options
(`bench/crossval.py`'s folds: by host) on every measure at once and prints the held-out
figures beside the dev ones. Every server listens on 127.0.0.1 only and stops with the run.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import selectors
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.renamed_names import (  # noqa: E402
    RENAMINGS,
    divs_as_custom_elements,
    paragraphs_as_divs,
    renamed,
    without_metadata,
)

DEFAULT_FOLDERS = ("fundus", "aeb", "wcxb_university")
LISTING_PATH = "/__bench_listing.html"
WORD = re.compile(r"\w+")
FOLDS = 5
FOLD_SALT = "newsetl-cv-v1:"
SAME_INSTANT_SECONDS = 60


# -- pages ----------------------------------------------------------------------------------


@dataclass
class GoldPage:
    folder: str
    page_id: str
    url: str
    raw: bytes
    html: str
    body: str
    title: str | None = None
    published: datetime | None = None
    authors: list[str] | None = None
    n_images: int | None = None
    day_only: bool = False  # the gold names a day without a clock: the page's calendar day

    @property
    def host(self) -> str:
        host = (urlsplit(self.url).hostname or self.page_id).lower()
        return host.removeprefix("www.")

    @property
    def path(self) -> str:
        """The URL's path, percent-decoded: a client asks for a non-ASCII path
        percent-encoded."""
        path = urlsplit(self.url.strip()).path
        if not path.startswith("/"):
            return f"/{self.page_id}"
        if "/." in path:  # "/a/./b/.": dot segments go, as a client resolving the link does
            path = urlsplit(urljoin("http://site.invalid/", path.lstrip("/"))).path
        return served_path(path)

    @property
    def query(self) -> str:
        return urlsplit(self.url.strip()).query if self.path != f"/{self.page_id}" else ""

    @property
    def key(self) -> str:
        """What the site serves the page under: its path and its query (two stories of a
        2008 site differ by "?id=" alone)."""
        return served_key(self.path, self.query)

    @property
    def link(self) -> str:
        """The page's address on its loopback origin, after the origin."""
        return quote(self.path, safe="/") + (f"?{self.query}" if self.query else "")

    @property
    def fold(self) -> int:
        return hashlib.sha256((FOLD_SALT + self.host).encode("utf-8")).digest()[0] % FOLDS


LOOPBACK_ORIGIN = "http://127.0.0.1:8000"  # `--loopback`: an address as `serve_sites` gives


def served_path(path: str) -> str:
    """A path as the loopback server matches it: percent-decoded, with one leading slash
    (`http.server` reads a request for "//index.php" as "/index.php")."""
    return "/" + unquote(path).lstrip("/")


def served_key(path: str, query: str) -> str:
    """A path and its query as the pipeline stores the address: tracking parameters dropped,
    the rest sorted (`records.urls.canonical_url`)."""
    from records.urls import canonical_url

    canonical = urlsplit(canonical_url(f"http://site.invalid/?{query}")).query if query else ""
    return served_path(path) + (f"?{canonical}" if canonical else "")


def _shared_bench(corpus: Path) -> Path:
    return corpus.resolve().parent / "bench"


def load_gold_pages(corpus: Path, folders: Sequence[str]) -> list[GoldPage]:
    sys.path.insert(0, str(_shared_bench(corpus)))
    import gzip

    from dataset import decode_html  # the shared corpus's own decoding rule

    pages: list[GoldPage] = []
    for folder in folders:
        records = json.loads((corpus / folder / "ground-truth.json").read_text("utf-8"))
        for page_id in sorted(records):
            record = records[page_id]
            path = corpus / folder / "html" / f"{page_id}.html.gz"
            raw = (
                gzip.decompress(path.read_bytes())
                if path.exists()
                else (corpus / folder / "html" / f"{page_id}.html").read_bytes()
            )
            pages.append(
                GoldPage(
                    folder,
                    page_id,
                    record.get("url") or f"https://{folder}.example/{page_id}",
                    raw,
                    decode_html(raw),
                    record.get("articleBody") or "",
                    record.get("title"),
                    _gold_date(record.get("publishing_date")),
                    _gold_authors(record.get("authors")),
                    int(record["n_images"]) if record.get("n_images") not in (None, "") else None,
                    day_only=len(record.get("publishing_date") or "") == len("YYYY-MM-DD"),
                )
            )
    return pages


def _gold_date(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _gold_authors(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, list):
        return value
    import ast

    return list(ast.literal_eval(value))


# -- what an extractor found, and scoring -----------------------------------------------------------


@dataclass
class Found:
    body: str = ""
    title: str | None = None
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    n_images: int | None = None
    landed: bool = False
    published_on: date | None = None  # the page's calendar day, as the `articles` mart has it
    day_only: bool = False  # the extractor names a day without a clock (trafilatura)


def match_key(text: str | None) -> str:
    """The words of `text` in lower case, punctuation and spacing gone: what titles and names
    are compared by. A soft hyphen is no break: the gold keeps "Helikopter\xadlandeplatz" as
    the page's HTML has it, a browser shows "Helikopterlandeplatz"."""
    return " ".join(WORD.findall((text or "").replace("\u00ad", "").casefold()))


def title_right(gold: str, found: str | None) -> bool:
    gold_key, found_key = match_key(gold), match_key(found)
    return bool(gold_key and found_key and (gold_key in found_key or found_key in gold_key))


def day_right(gold: GoldPage, found: Found) -> bool:
    """A gold day without a clock is the page's calendar day, compared with the day found in
    the page's own calendar (a story of 22:28 -05:00 on 8 November is 8 November's, though
    it is 9 November in UTC), as is a found day without a clock; a gold instant is compared
    with the instant found in the gold's own zone."""
    if gold.published is None or found.published is None:
        return False
    if (gold.day_only or found.day_only) and found.published_on is not None:
        return found.published_on == gold.published.date()
    return found.published.astimezone(gold.published.tzinfo).date() == gold.published.date()


def authors_f1(gold: list[str], found: Sequence[str]) -> float:
    gold_keys, found_keys = (
        {match_key(n) for n in gold} - {""},
        {match_key(n) for n in found} - {""},
    )
    if not gold_keys and not found_keys:
        return 1.0
    return 2 * len(gold_keys & found_keys) / (len(gold_keys) + len(found_keys))


@dataclass
class Scores:
    pages: int
    landed: int
    body: dict[str, float]
    title: int | None = None
    instant: int | None = None
    day: int | None = None
    dated: int = 0
    timed: int = 0  # golds giving a clock: a day alone says nothing of the instant
    authors: float | None = None
    images: int | None = None
    with_fields: int = 0
    extra: dict[str, float] = field(default_factory=dict)
    body_gold: bool = True


def score(pages: Sequence[GoldPage], found: Sequence[Found], score_pages: Callable) -> Scores:
    landed = [(p, f) for p, f in zip(pages, found, strict=True) if f.landed]
    body = score_pages([p.body for p, _ in landed], [f.body for _, f in landed]) if landed else {}
    result = Scores(len(pages), len(landed), body, body_gold=any(p.body for p in pages))
    titled = [(p, f) for p, f in zip(pages, found, strict=True) if p.title]
    if titled:
        result.title = sum(title_right(p.title or "", f.title) for p, f in titled)
        result.with_fields = len(titled)
    dated = [(p, f) for p, f in zip(pages, found, strict=True) if p.published]
    if dated:
        result.dated = len(dated)
        result.day = sum(day_right(p, f) for p, f in dated)
    timed = [(p, f) for p, f in dated if not p.day_only]
    if timed:
        result.timed = len(timed)
        result.instant = sum(
            f.published is not None
            and abs((f.published - p.published).total_seconds()) < SAME_INSTANT_SECONDS
            for p, f in timed
            if p.published
        )
    with_authors = [(p, f) for p, f in zip(pages, found, strict=True) if p.authors is not None]
    if with_authors:
        result.authors = statistics.fmean(
            authors_f1(p.authors or [], f.authors) for p, f in with_authors
        )
    with_images = [(p, f) for p, f in zip(pages, found, strict=True) if p.n_images is not None]
    if with_images:
        result.images = sum(f.n_images == p.n_images for p, f in with_images)
    return result


def objective(scores: Scores) -> float:
    """One number to choose options by: body F1 and each field's hit rate, equally weighted."""
    parts = [scores.body.get("f1", 0.0) * scores.landed / max(scores.pages, 1)]
    if scores.title is not None and scores.with_fields:
        parts.append(scores.title / scores.with_fields)
    if scores.day is not None and scores.dated:
        dates = [scores.day / scores.dated]
        if scores.instant is not None and scores.timed:
            dates.append(scores.instant / scores.timed)
        parts.append(statistics.fmean(dates))
    if scores.authors is not None:
        parts.append(scores.authors)
    return statistics.fmean(parts)


def print_header() -> None:
    print(
        f"{'folder':<16} {'extractor':<16} {'pages':>5} {'landed':>6} {'prec':>6} {'recall':>6} "
        f"{'F1':>6} {'title':>7} {'instant':>7} {'day':>7} {'authF1':>6} {'images':>7}"
    )


def print_row(folder: str, name: str, scores: Scores) -> None:
    def share(value: int | None, of: int) -> str:
        return f"{value:>3}/{of:<3}" if value is not None else f"{'-':>7}"

    body = scores.body or {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    figures = (
        f"{body['precision']:6.3f} {body['recall']:6.3f} {body['f1']:6.3f}"
        if scores.body_gold
        else f"{'-':>6} {'-':>6} {'-':>6}"  # a set without body gold (bench/unseen_sites.py)
    )
    authors = f"{scores.authors:6.3f}" if scores.authors is not None else f"{'-':>6}"
    print(
        f"{folder:<16} {name:<16} {scores.pages:>5} {scores.landed:>6} {figures} "
        f"{share(scores.title, scores.with_fields)} "
        f"{share(scores.instant, scores.timed)} {share(scores.day, scores.dated)} {authors} "
        f"{share(scores.images, scores.pages if scores.images is not None else 0)}"
    )


# -- extractors run directly -----------------------------------------------------------------------


def ours_direct(page: GoldPage, options: Any = None) -> Found:
    from records.article import NotAnArticle, calendar_day
    from transforms.extract import extract_article
    from transforms.generic.settings import DEFAULT_OPTIONS

    try:
        article = extract_article(
            page.html, page.url, profile="generic", options=options or DEFAULT_OPTIONS
        )
    except NotAnArticle:
        return Found()
    return Found(
        article.text,
        article.title,
        article.published_at,
        article.authors,
        len(article.images),
        landed=True,
        # as the pipeline stores it for a generic source, whose zone is UTC unless configured
        published_on=calendar_day(article.published_at, UTC) if article.published_at else None,
    )


def trafilatura_direct(page: GoldPage) -> Found:
    import trafilatura

    document = trafilatura.bare_extraction(
        page.html, url=page.url, include_comments=False, include_images=True, with_metadata=True
    )
    body = trafilatura.extract(page.html, include_comments=False) or ""
    if document is None:
        return Found(body=body, landed=bool(body))
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    published = None
    if data.get("date"):
        try:
            published = datetime.fromisoformat(str(data["date"]))
            if published.tzinfo is None:
                published = published.replace(tzinfo=UTC)
        except ValueError:
            published = None
    authors = tuple(a.strip() for a in re.split(r";", data.get("author") or "") if a.strip())
    images = len(re.findall(r"!\[", data.get("text") or "")) if data.get("text") else 0
    return Found(
        body,
        data.get("title"),
        published,
        authors,
        images,
        landed=bool(body),
        published_on=published.date() if published else None,
        day_only=len(str(data.get("date") or "")) == len("YYYY-MM-DD"),
    )


# -- loopback origins -------------------------------------------------------------------------------


SERVED_TYPE = "text/html"  # what the pages are labelled, unless --content-type says


class _SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    pages: dict[str, bytes]
    listing: bytes
    content_type = SERVED_TYPE

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        key = served_key(path, query)
        if key == LISTING_PATH:
            status, body = 200, self.listing
        elif key in self.pages:
            status, body = 200, self.pages[key]
        else:
            status, body = 404, b"not found"
        self.send_response(status)
        self.send_header("Content-Type", self.content_type if key in self.pages else SERVED_TYPE)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up early is no result of the bench


@contextmanager
def serve_sites(
    pages: Sequence[GoldPage], content_type: str = SERVED_TYPE, gzipped: bool = False
) -> Iterator[dict[str, str]]:
    """One 127.0.0.1 origin per site, all accepted by one selector thread: {host: base URL}.
    Every page is labelled `content_type` (the listing page stays `text/html`); `gzipped`
    sends each page's bytes gzipped without a Content-Encoding, as a static server sends a
    folder of `.html.gz` files."""
    by_host: dict[str, list[GoldPage]] = {}
    for page in pages:
        by_host.setdefault(page.host, []).append(page)
    selector = selectors.DefaultSelector()
    servers: list[_Server] = []
    bases: dict[str, str] = {}
    for host, site_pages in by_host.items():
        handler = type(
            "Handler",
            (_SiteHandler,),
            {
                "pages": {p.key: gzip.compress(p.raw) if gzipped else p.raw for p in site_pages},
                "content_type": content_type,
            },
        )
        server = _Server(("127.0.0.1", 0), handler)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        # absolute links: a path of "//index.php" is no protocol-relative URL here
        links = "".join(
            f'<li><a href="{escape(base + p.link)}">{p.page_id}</a></li>' for p in site_pages
        )
        handler.listing = f"<html><body><ul>{links}</ul></body></html>".encode()
        selector.register(server, selectors.EVENT_READ)
        servers.append(server)
        bases[host] = base
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            for key, _ in selector.select(timeout=0.1):
                key.fileobj._handle_request_noblock()  # type: ignore[union-attr]

    thread = threading.Thread(target=accept, name="real-sites", daemon=True)
    thread.start()
    try:
        yield bases
    finally:
        stop.set()
        thread.join(timeout=5)
        selector.close()
        for server in servers:
            server.server_close()


def sources_toml(bases: dict[str, str], data_dir: Path) -> str:
    lines = [
        "[settings]",
        f'data_dir = "{data_dir}"',
        "per_host_delay_seconds = 0.0",
        "max_in_flight = 4",
        "request_timeout_seconds = 20",
        "",
    ]
    for index, (host, base) in enumerate(sorted(bases.items())):
        lines += [
            f"[sources.site_{index:03d}]",
            f'title = "{host}"',
            f'base_url = "{base}"',
            f'listing_paths = ["{LISTING_PATH}"]',
            "article_url_pattern = '^http://127\\.0\\.0\\.1:\\d+/(?!__bench_listing)'",
            'profile = "generic"',
            "",
        ]
    return "\n".join(lines)


def ours_through_pipeline(
    pages: Sequence[GoldPage], work: Path, content_type: str = SERVED_TYPE, gzipped: bool = False
) -> tuple[list[Found], float, list[str]]:
    """Every page through one `newsetl run`; what the `articles` mart holds for each, and why
    the pages that did not land did not (quarantine reason, or the run's error)."""
    from warehouse import Warehouse

    with serve_sites(pages, content_type, gzipped) as bases:
        work.mkdir(parents=True, exist_ok=True)  # `--keep` may name a folder not made yet
        config = work / "sources.toml"
        config.write_text(sources_toml(bases, work / "data"), "utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            ["uv", "run", "newsetl", "--config", str(config), "run"],
            capture_output=True,
            text=True,
            env={**os.environ, "NEWSETL_CONFIG": str(config)},
            check=False,
        )
        elapsed = time.perf_counter() - started
    (work / "newsetl.log").write_text(done.stdout + "\n" + done.stderr, "utf-8")
    if done.returncode not in (0, 1):
        print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
    port_to_host = {urlsplit(base).port: host for host, base in bases.items()}
    with Warehouse.open(work / "data" / "warehouse.duckdb", read_only=True) as warehouse:
        _, records = warehouse.query(
            "SELECT url, title, published_at, published_on, authors, body_text, images"
            " FROM articles"
        )
        _, quarantined = warehouse.query("SELECT url, reason, detail FROM quarantined_pages")
        _, failed_runs = warehouse.query(
            "SELECT source, status, error FROM run_history WHERE status <> 'completed'"
        )
        _, ran = warehouse.query("SELECT DISTINCT source FROM run_history")
    landed: dict[tuple[str, str], Found] = {}
    for url, title, published, published_on, authors, body, images in records:
        parts = urlsplit(url)
        path = served_key(parts.path, parts.query)
        image_list = json.loads(images) if isinstance(images, str) else images or []
        landed[(port_to_host.get(parts.port, ""), path)] = Found(
            body or "",
            title,
            published,
            tuple(authors or ()),
            len(image_list),
            landed=True,
            published_on=published_on,
        )
    found = [landed.get((p.host, p.key), Found()) for p in pages]
    reasons = {
        (port_to_host.get(urlsplit(url).port, ""), served_key(*urlsplit(url)[2:4])): (
            f"{reason}: {detail}"[:120]
        )
        for url, reason, detail in quarantined
    }
    notes = [f"run {source} {status}: {error}"[:160] for source, status, error in failed_runs]
    source_of = {host: f"site_{index:03d}" for index, host in enumerate(sorted(bases))}
    with_runs = {source for (source,) in ran}
    for page, result in zip(pages, found, strict=True):
        if not result.landed:
            why = reasons.get((page.host, page.key), "?")
            if source_of[page.host] not in with_runs:
                why = "no run recorded for its source (failed outside the site; see newsetl.log)"
            notes.append(f"not landed {page.folder}/{page.page_id}: {why}")
    return found, elapsed, notes


# -- leave-site-out CV of the options ------------------------------------------------------------------

# option -> candidates besides the default: the rules of the real-site work, each on / off, and
# the title vote's weights
FIELD_TUNABLES: dict[str, tuple[Any, ...]] = {
    "check_structured_body": (False,),
    "article_body_min_agreement": (0.8, 0.95),
    "refine_dates": (False,),
    "url_day_judges_text_dates": (False,),
    "publisher_not_author": (False,),
    "title_tail_publishes": (False,),
    "agency_tails_not_names": (False,),
    "labelled_byline_roles_cut": (False,),
    "text_credit_over_publisher": (False,),
    "lead_image_from_metadata": (False,),
    "lead_picture_shown": (False,),
    "title_strip_short_bar_tail": (False,),
    "title_section_link_tail": (False,),
    "title_skip_rail_h1": (False,),
    "title_brand_evidence": (False,),
    "title_contained_vote": (0.0, 0.5),
    "title_h1_vote": (0.0, 2.0),
    "title_h2_vote": (0.0, 1.0, 2.5),
    "title_shown_text_vote": (0.0, 1.0, 2.5),
    "title_shown_text_words": (2, 4),
    "title_named_headline_words": (0, 4),
    "title_h1_read": (3, 10),
    "title_fuller_h1_words": (0, 3, 6),
    "title_h1_appendage_not_title": (False,),
    "title_microdata_headline": (False,),
    "title_dangling_separator_stripped": (False,),
    "title_glued_pieces_parted": (False,),
    "title_social_one_voice": (False,),
    "byline_labels": (False,),
    "byline_author_links": (False,),
    "title_breadcrumb_h1": (False,),
    "title_drop_kicker": (False,),
    "title_kicker_opens_heading": (False,),
    "title_skip_site_h1": (False,),
    "dated_lines": (False,),
    "paragraph_datelines": (False,),
    "datelines_past_stubs": (False,),
    "local_wall_time": (False,),
    "page_zone_inferred": (False,),
    "utc_told_in_page_zone": (False,),
    "time_elements_in_page_zone": (False,),
    "title_date_clock_joined": (False,),
    "next_byline": (False,),
    "dated_bylines": (False,),
    "byline_completes_metadata": (False,),
    "label_tail_bylines": (False,),
    "labelled_byline_lines": (False,),
    "menu_links_not_bylines": (False,),
    "breadcrumbs_not_bylines": (False,),
    "times_of_teaser_articles_skipped": (False,),
    "slashed_dates_by_page": (False,),
    "embedded_post_lines_undated": (False,),
    "teaser_lines_undated": (False,),
    "teaser_card_max_words": (40, 150),
    "byline_inner_names": (False,),
    "byline_inner_author_links": (False,),
    "fuller_author_tags": (False,),
    "byline_sibling_names": (False,),
    "byline_over_posting_account": (False,),
    "json_ld_author_outvoted": (False,),
    "publisher_fragments_not_authors": (False,),
    "name_class_spells_out_metadata": (False,),
    "registered_host_name_publishes": (False,),
    "cjk_credits_in_bylines": (False,),
    "personal_site_owner_writes": (False,),
    "byline_over_handle_author": (False,),
    "quote_names_not_bylines": (False,),
    "caption_credits_not_bylines": (False,),
    "caption_credit_min_words": (1, 6),
    "sentences_not_bylines": (False,),
    "byline_sentence_min_words": (6, 12),
    "byline_box_labels": (False,),
    "copyright_holder_publishes": (False,),
    "time_roles": (False,),
    "times_of_embeds_and_comments_skipped": (False,),
    "times_of_listing_items_skipped": (False,),
    "times_in_links_elsewhere_skipped": (False,),
    "microdata_dates": (False,),
    "dates_near_title": (False,),
    "bare_dates_short_years": (False,),
    "posted_sentences": (False,),
    "title_date_lines_after": (6, 20),
    "title_date_lines_before": (3, 20),
    "title_date_over_plain_times": (False,),
    "title_strip_section_before_site": (False,),
    "dated_name_lines": (False,),
    "dated_name_labels": (False,),
    "dated_name_siblings": (False,),
    "name_beside_date_boxes": (0, 1, 5),
    "name_beside_date_chars": (60, 120),
    "metadata_headline_stays": (False,),
    "date_line_bylines": (False,),
    "role_credits_not_authors": (False,),
    "title_subheading_fallback_words": (0, 3, 6),
    "byline_reads_parts": (False,),
    "bylines_in_article_first": (False,),
    "signature_authors": (False,),
    "cjk_bylines": (False,),
    "title_skip_linked_h1": (False,),
    "title_site_name_not_headline": (False,),
    "canonical_url_names_page": (False,),
    "title_domain_pieces": (False,),
    "headings_of_dropped_boxes_dropped": (False,),
    "dropped_box_heading_max_words": (6, 20),
    "other_story_left": (False,),
    "titled_unit_wins": (False,),
    "titled_box_wins": (False,),
    "titled_box_min_share": (0.7, 0.95),
    "player_controls_skipped": (False,),
    "byline_hidden_skipped": (False,),
    "camel_case_names_split": (False,),
    "field_labels_skipped": (False,),
    "data_names_read": (False,),
    "title_skip_unshown_h1": (False,),
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
    "cookie_notices_dropped": (False,),
    "photo_credit_lines_dropped": (False,),
    "screen_reader_hints_dropped": (False,),
    "truncated_teasers_dropped": (False,),
    "teaser_labels_unstyled": (False,),
    "custom_elements_as_blocks": (False,),
}


def cross_validate(
    pages: Sequence[GoldPage], score_pages: Callable
) -> tuple[list[Found], dict[str, list[Any]], dict[tuple[str, Any], float]]:
    """Held-out results: each fold extracted with the options best on the other folds."""
    from transforms.generic.settings import DEFAULT_OPTIONS

    tunables = {n: c for n, c in FIELD_TUNABLES.items() if hasattr(DEFAULT_OPTIONS, n)}
    runs: dict[tuple[str, Any], list[Found]] = {}
    default_run = [ours_direct(page) for page in pages]
    for name, candidates in tunables.items():
        runs[(name, getattr(DEFAULT_OPTIONS, name))] = default_run
        for value in candidates:
            options = replace(DEFAULT_OPTIONS, **{name: value})
            runs[(name, value)] = [ours_direct(page, options) for page in pages]
    held_out: list[Found] = list(default_run)
    chosen: dict[str, list[Any]] = {name: [] for name in tunables}
    for fold in range(FOLDS):
        train = [i for i, p in enumerate(pages) if p.fold != fold]
        test = [i for i, p in enumerate(pages) if p.fold == fold]
        values = {}
        for name in tunables:
            default = getattr(DEFAULT_OPTIONS, name)

            groups = _by_folder(pages, train)
            quality = {
                value: _quality(pages, found, groups, score_pages)
                for (option, value), found in runs.items()
                if option == name
            }
            best = max(quality, key=quality.__getitem__)
            values[name] = best if quality[best] > quality[default] + 1e-9 else default
            chosen[name].append(values[name])
        options = replace(DEFAULT_OPTIONS, **values)
        for index in test:
            held_out[index] = ours_direct(pages[index], options)
    everything = _by_folder(pages, range(len(pages)))
    on_all = {key: _quality(pages, found, everything, score_pages) for key, found in runs.items()}
    return held_out, chosen, on_all


def _quality(
    pages: Sequence[GoldPage],
    found: Sequence[Found],
    groups: list[list[int]],
    score_pages: Callable,
) -> float:
    """Mean objective over the folders, on the pages of `groups`."""
    return statistics.fmean(
        objective(score([pages[i] for i in group], [found[i] for i in group], score_pages))
        for group in groups
    )


def _by_folder(pages: Sequence[GoldPage], indices: Sequence[int]) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for index in indices:
        groups.setdefault(pages[index].folder, []).append(index)
    return list(groups.values())


# -- main ---------------------------------------------------------------------------------------------


def _through_lenses(html: str, args: argparse.Namespace) -> str:
    html = renamed(html, args.names) if args.names else html
    html = without_metadata(html) if args.no_metadata else html
    html = divs_as_custom_elements(html) if args.custom_elements else html
    return paragraphs_as_divs(html) if args.div_paragraphs else html


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--folders", default=",".join(DEFAULT_FOLDERS))
    parser.add_argument("--direct", action="store_true", help="extract in-process, no servers")
    parser.add_argument("--cv", action="store_true", help="with --direct: leave-site-out CV")
    parser.add_argument(
        "--loopback",
        action="store_true",
        help="with --direct: also read each page from a loopback address, as the run serves it",
    )
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep the run's config and data here")
    parser.add_argument("--sites", default="", help="only these hosts (comma list)")
    parser.add_argument("--limit-sites", type=int, default=0, help="first N sites per folder")
    parser.add_argument(
        "--content-type",
        default=SERVED_TYPE,
        help="the label every page is served under, as another harness might give it "
        "('text/html; charset=utf-8', 'application/octet-stream')",
    )
    parser.add_argument(
        "--names",
        choices=sorted(RENAMINGS),
        help="rewrite every page's class and id names first (bench/renamed_names.py): how much "
        "rests on the names a site happens to use; the pages are then served as UTF-8",
    )
    parser.add_argument(
        "--div-paragraphs",
        action="store_true",
        help="write every page's <p> as a <div> first (bench/renamed_names.py): how much rests "
        "on a site writing its paragraphs in <p>; the pages are then served as UTF-8",
    )
    parser.add_argument(
        "--no-metadata",
        action="store_true",
        help="strip every page's <meta> tags and JSON-LD first (bench/renamed_names.py): the "
        "fields from what the page shows alone; the pages are then served as UTF-8",
    )
    parser.add_argument(
        "--custom-elements",
        action="store_true",
        help="write every page's <div> as a custom element <x-box> first "
        "(bench/renamed_names.py): how much rests on a site naming its boxes <div>; the pages "
        "are then served as UTF-8",
    )
    parser.add_argument(
        "--gzipped",
        action="store_true",
        help="send every page gzipped without a Content-Encoding (a static server's .html.gz)",
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(_shared_bench(args.corpus)))
    from score import score_pages

    pages = load_gold_pages(args.corpus, [f for f in args.folders.split(",") if f])
    if args.limit_sites:
        kept: dict[str, list[str]] = {}
        for page in pages:
            hosts = kept.setdefault(page.folder, [])
            if page.host not in hosts and len(hosts) < args.limit_sites:
                hosts.append(page.host)
        pages = [p for p in pages if p.host in kept[p.folder]]
    if args.sites:
        pages = [p for p in pages if p.host in set(args.sites.split(","))]
    if args.names or args.div_paragraphs or args.no_metadata or args.custom_elements:
        pages = [
            replace(page, html=(html := _through_lenses(page.html, args)), raw=html.encode("utf-8"))
            for page in pages
        ]
        if args.content_type == SERVED_TYPE:
            args.content_type = f"{SERVED_TYPE}; charset=utf-8"
    sites = len({p.host for p in pages})
    names = f", names {args.names}" if args.names else ""
    names += ", <p> as <div>" if args.div_paragraphs else ""
    names += ", no metadata" if args.no_metadata else ""
    names += ", <div> as <x-box>" if args.custom_elements else ""
    print(f"{len(pages)} pages on {sites} sites ({args.folders}{names})")

    results: dict[str, list[Found]] = {}
    if args.direct:
        started = time.perf_counter()
        results["ours (direct)"] = [ours_direct(page) for page in pages]
        print(f"ours in-process: {time.perf_counter() - started:.1f}s")
        if args.loopback:
            results["ours (loopback)"] = [
                ours_direct(replace(page, url=LOOPBACK_ORIGIN + page.link)) for page in pages
            ]
    else:
        with tempfile.TemporaryDirectory(prefix="real-sites-") as work:
            found, elapsed, notes = ours_through_pipeline(
                pages, Path(args.keep or work), args.content_type, args.gzipped
            )
        results["ours (pipeline)"] = found
        print(f"one newsetl run over {sites} sources: {elapsed:.1f}s")
        print("\n".join(notes))
    if not args.no_trafilatura:
        started = time.perf_counter()
        results["trafilatura"] = [trafilatura_direct(page) for page in pages]
        print(f"trafilatura in-process: {time.perf_counter() - started:.1f}s")
    chosen: dict[str, list[Any]] = {}
    if args.direct and args.cv:
        started = time.perf_counter()
        results["ours (CV)"], chosen, on_all = cross_validate(pages, score_pages)
        print(f"leave-site-out CV, {FOLDS} folds by host: {time.perf_counter() - started:.0f}s")

    print()
    print_header()
    for folder in dict.fromkeys(p.folder for p in pages):
        indices = [i for i, p in enumerate(pages) if p.folder == folder]
        for name, found in results.items():
            subset = [pages[i] for i in indices]
            print_row(folder, name, score(subset, [found[i] for i in indices], score_pages))
    if chosen:
        print("\noption: value chosen per fold | objective on all pages per value")
        for name, values in chosen.items():
            tried = ", ".join(f"{v}: {q:.4f}" for (n, v), q in on_all.items() if n == name)
            print(f"  {name:<28} {values} | {tried}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
