"""Body text on older sets with a hand-made gold text per page, neither side built on them:
L3S-GN1 (621 English news pages of 2008 on 408 sites), Dragnet (1,381 blog and news pages of
2012) and sets in CleanEval's layout (CleanPortalEval's 71 news pages of 2013 on five sites). Our extractor and trafilatura side by side, the shared shingle metric (`score.py`).

    git clone https://github.com/j-szulc/html-cleaning-dataset-merged /tmp/merged   # outside
    git clone https://github.com/geodrome/page-signal /tmp/page-signal              # its URLs
    uv run python bench/gold_text_sets.py \\
        --l3s /tmp/merged/page-signal-master \\
        --l3s-urls /tmp/page-signal/L3S-GN1-20100130203947-00001/url-mapping.txt \\
        --dragnet /tmp/merged/dragnet_data [--worst 10] [--no-trafilatura] \\
        --cleaneval /tmp/merged/CleanPortalEval-master      # 71 news pages of 2013, 5 sites

Both folders hold `input/<page>.html` and `GoldStandard/<page>.txt`. L3S-GN1's gold is the
annotated page: the spans its assessors marked "full text" (`x-nc-sel2`) are the body, the
headline (`x-nc-sel1`) is scored as a title. Dragnet's gold is the text before its comments
mark. About 40 of L3S-GN1's pages are damaged in that copy (part of the head cut out, an
unclosed `<title>` swallowing the page): we quarantine them where trafilatura returns some
text, so "landed" shows both the whole set and the pages we land. Pages without a URL are read
as if from `https://example.com/a`. Nothing of the sets is copied into the project.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import unescape as html_unescape
from pathlib import Path

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction import decode_html, load_scorer  # noqa: E402
from bench.real_sites import title_right  # noqa: E402

SHARED_SCORE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "score.py"
NO_URL = "https://example.com/a"
DRAGNET_COMMENTS = "!@#$%^&*()  COMMENTS"
SPACE = re.compile(r"\s+")
CLEANEVAL_BLOCK = re.compile(r"<[hpl]>", re.IGNORECASE)


@dataclass(frozen=True)
class GoldPage:
    name: str
    path: Path
    url: str
    body: str
    headline: str


def _spans(document: lxml_html.HtmlElement, label: str) -> list[str]:
    texts = (
        SPACE.sub(" ", span.text_content()).strip()
        for span in document.iter("span")
        if label in (span.get("class") or "").split()
    )
    return [text for text in texts if text]


def load_l3s(folder: Path, url_mapping: Path | None) -> list[GoldPage]:
    urls: dict[str, str] = {}
    if url_mapping is not None:
        for line in url_mapping.read_text("utf-8").splitlines():
            record, _, url = line.partition("\t")
            urls[record.strip("<>").rsplit(":", 1)[-1]] = url.strip()
    pages = []
    for gold in sorted((folder / "GoldStandard").glob("*.txt")):
        source = folder / "input" / f"{gold.stem}.html"
        if not source.exists():
            continue
        document = lxml_html.fromstring(gold.read_bytes().decode("utf-8", "replace"))
        body = "\n".join(_spans(document, "x-nc-sel2"))
        if body:
            headline = " ".join(_spans(document, "x-nc-sel1"))
            pages.append(GoldPage(gold.stem, source, urls.get(gold.stem, NO_URL), body, headline))
    return pages


def load_dragnet(folder: Path) -> list[GoldPage]:
    pages = []
    for gold in sorted((folder / "GoldStandard").glob("*.txt")):
        source = folder / "input" / f"{gold.stem}.html"
        text = gold.read_bytes().decode("utf-8", "replace").split(DRAGNET_COMMENTS)[0].strip()
        if source.exists() and text:
            pages.append(GoldPage(gold.stem, source, NO_URL, text, ""))
    return pages


def load_cleaneval(folder: Path) -> list[GoldPage]:
    """CleanEval's layout (its own sets and CleanPortalEval's news portals): the gold starts
    with a "URL:" line, then the kept text in blocks opened by `<h>`, `<p>` or `<l>`, the
    source's entities left in."""
    pages = []
    for gold in sorted((folder / "GoldStandard").glob("*.txt")):
        source = folder / "input" / f"{gold.stem}.html"
        text = gold.read_bytes().decode("utf-8", "replace")
        url = NO_URL
        first, _, rest = text.lstrip().partition("\n")
        if first.startswith("URL:"):
            url, text = first.removeprefix("URL:").strip() or NO_URL, rest
        blocks = (SPACE.sub(" ", block).strip() for block in CLEANEVAL_BLOCK.split(text))
        body = html_unescape("\n".join(block for block in blocks if block))
        if source.exists() and body:
            pages.append(GoldPage(gold.stem, source, url, body, ""))
    return pages


def ours(page: GoldPage) -> tuple[str, str]:
    from records.article import NotAnArticle
    from transforms.extract import extract_article

    try:
        article = extract_article(decode_html(page.path.read_bytes()), page.url, profile="generic")
    except NotAnArticle:
        return "", ""
    return article.text, article.title


def trafilatura_output(page: GoldPage) -> tuple[str, str]:
    import trafilatura

    html = decode_html(page.path.read_bytes())
    text = trafilatura.extract(html, include_comments=False) or ""  # as the shared runner
    metadata = trafilatura.extract_metadata(html, default_url=page.url)
    return text, (metadata.title if metadata is not None else "") or ""


def score_set(
    name: str,
    pages: Sequence[GoldPage],
    score_pages: Callable[[list[str], list[str]], dict[str, float]],
    with_trafilatura: bool,
    workers: int,
    worst: int,
) -> None:
    with ProcessPoolExecutor(workers) as pool:
        found = list(pool.map(ours, pages, chunksize=8))
        peer = list(pool.map(trafilatura_output, pages, chunksize=8)) if with_trafilatura else []
    gold = [page.body for page in pages]
    landed = [i for i, (text, _) in enumerate(found) if text]
    headlined = [i for i, page in enumerate(pages) if page.headline]
    print(f"\n{name}: {len(pages)} pages with a gold text, {len(landed)} landed by ours")
    print(f"{'extractor':20} {'pages':>6} {'prec':>6} {'recall':>6} {'F1':>6} {'title':>9}")
    outputs = [("ours", found)] + ([("trafilatura", peer)] if peer else [])
    for label, texts in outputs:
        for scope, chosen in (("all", range(len(pages))), ("landed", landed)):
            result = score_pages([gold[i] for i in chosen], [texts[i][0] for i in chosen])
            titles = (
                f"{sum(title_right(pages[i].headline, texts[i][1]) for i in headlined)}"
                f"/{len(headlined)}"
                if headlined and scope == "all"
                else "-"
            )
            print(
                f"{label + ('' if scope == 'all' else ', landed'):20} {len(chosen):6} "
                f"{result['precision']:6.3f} {result['recall']:6.3f} {result['f1']:6.3f} "
                f"{titles:>9}"
            )
    if worst and peer:
        gaps = []
        for page, mine, theirs in zip(pages, found, peer, strict=True):
            ours_f1 = score_pages([page.body], [mine[0]])["f1"]
            peer_f1 = score_pages([page.body], [theirs[0]])["f1"]
            gaps.append((ours_f1 - peer_f1, page.name, ours_f1, peer_f1))
        print("worst against trafilatura (F1 ours / trafilatura):")
        for gap, page_name, ours_f1, peer_f1 in sorted(gaps)[:worst]:
            print(f"  {page_name:40} {ours_f1:.3f} / {peer_f1:.3f} ({gap:+.3f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--l3s", type=Path, help="the merged copy's page-signal-master folder")
    parser.add_argument("--l3s-urls", type=Path, help="L3S-GN1's url-mapping.txt")
    parser.add_argument("--dragnet", type=Path, help="the merged copy's dragnet_data folder")
    parser.add_argument(
        "--cleaneval",
        type=Path,
        action="append",
        default=[],
        help="a folder in CleanEval's layout (the merged copy's CleanPortalEval-master, …)",
    )
    parser.add_argument("--worst", type=int, default=0, help="list the N pages ours lose most")
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--score-module", type=Path, default=SHARED_SCORE)
    args = parser.parse_args(argv)
    if args.l3s is None and args.dragnet is None and not args.cleaneval:
        parser.error("give --l3s, --dragnet, --cleaneval or several")
    score_pages = load_scorer(args.score_module)
    sets = []
    if args.l3s is not None:
        sets.append(("L3S-GN1", load_l3s(args.l3s, args.l3s_urls)))
    if args.dragnet is not None:
        sets.append(("Dragnet", load_dragnet(args.dragnet)))
    for folder in args.cleaneval:
        sets.append((folder.name, load_cleaneval(folder)))
    for name, pages in sets:
        score_set(name, pages, score_pages, not args.no_trafilatura, args.workers, args.worst)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
