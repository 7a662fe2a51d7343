"""Profile path against the generic path and trafilatura on the demo site's BIT pages.

    uv run python bench/profile_path.py [--articles 200] [--rounds 3]

All three run in this one process on the same decoded HTML; pages/s counts only the time
spent inside each extractor (best of `--rounds` interleaved rounds). Targets (issue 10): the profile path at
>= 1.5x trafilatura's pages/s, and at most 1.5x slower than the generic path.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsetl.demo_site import DemoSite  # noqa: E402
from transforms.decode import decode_html  # noqa: E402
from transforms.extract import extract_article  # noqa: E402

BASE = "https://english.bit.edu.cn"
TIMEZONE = "Asia/Shanghai"


def demo_pages(n_articles: int) -> list[tuple[str, str]]:
    site = DemoSite(n_articles)
    pages = []
    for article in site.live_articles():
        status, headers, body = site.render(article.path)
        if status == 200:
            html, _ = decode_html(body, headers.get("Content-Type"))
            pages.append((html, BASE + article.path))
    return pages


def profile_path(html: str, url: str) -> str:
    return extract_article(html, url, profile="bit", default_timezone=TIMEZONE).text


def generic_path(html: str, url: str) -> str:
    return extract_article(html, url, profile="generic", default_timezone=TIMEZONE).text


def trafilatura_path(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def time_once(extract: Callable[[str, str], str], pages) -> float:
    started = time.perf_counter()
    for html, url in pages:
        extract(html, url)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = demo_pages(args.articles)
    for html, url in pages[:3]:  # warm imports and caches outside the timing
        profile_path(html, url), generic_path(html, url), trafilatura_path(html, url)
    paths = {"profile": profile_path, "generic": generic_path, "trafilatura": trafilatura_path}
    best = dict.fromkeys(paths, float("inf"))
    for _ in range(args.rounds):  # rounds interleave the paths, so load spikes hit all alike
        for name, path in paths.items():
            best[name] = min(best[name], time_once(path, pages))
    rates = {name: len(pages) / seconds for name, seconds in best.items()}
    print(f"{len(pages)} demo-site BIT pages, best of {args.rounds} rounds")
    for name, rate in rates.items():
        print(f"  {name:<12} {rate:8.1f} pages/s")
    vs_trafilatura = rates["profile"] / rates["trafilatura"]
    vs_generic = rates["generic"] / rates["profile"]
    print(f"  profile / trafilatura = {vs_trafilatura:.2f}x  (target >= 1.5)")
    print(f"  generic / profile     = {vs_generic:.2f}x  (target <= 1.5)")


if __name__ == "__main__":
    main()
