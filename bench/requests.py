"""Requests a scheduled run makes on a 2,000-article demo site, versus the physical minimum.

Since the last run 5 articles were published and 2 edited. Edits are visible in the sitemap
index: each month's sitemap has lastmod = its newest edit, so only the changed months'
sitemaps are read, and in them only entries with lastmod past that sitemap's watermark. New
articles are seen on the first listing page. Run: `uv run python bench/requests.py`.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

from loopback import loopback_settings

from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer, DemoSite

ARTICLES, PUBLISHED, EDITED = 2000, 5, 2


def kind(path: str) -> str:
    if path.startswith("/news/"):
        return "listing"
    if path.endswith(".xml"):
        return "sitemap"
    if path == "/robots.txt":
        return "robots"
    return "article"


def main() -> None:
    site = DemoSite(ARTICLES)
    with tempfile.TemporaryDirectory() as data, DemoServer(site) as server:
        settings = loopback_settings(Path(data))
        source = replace(
            settings.source("demo").with_base_url(server.base_url),
            discovery=("listing", "sitemap"),
            sitemap_urls=("/sitemap.xml",),
        )
        run_source(settings, source, backfill=True)
        for _ in range(PUBLISHED):
            site.publish()
        live = site.live_articles()
        for article in (live[700], live[1500]):
            site.edit(article.article_id)
        before = len(site.requests)
        changed = run_source(settings, source)
        changed_requests = Counter(kind(p) for _, p, _ in site.requests[before:])
        before = len(site.requests)
        quiet = run_source(settings, source)
        quiet_requests = Counter(kind(p) for _, p, _ in site.requests[before:])
    minimum = PUBLISHED + EDITED + 1  # the pages themselves + one listing page showing the new
    print(f"site: {ARTICLES} articles; since the last run {PUBLISHED} published, {EDITED} edited")
    print(
        f"run after changes: {sum(changed_requests.values())} requests {dict(changed_requests)}; "
        f"new articles {changed.counts.new_articles}, new versions {changed.counts.new_versions}"
    )
    print(
        f"physical minimum: {minimum} (5 new + 2 edited pages + 1 listing page); with sitemaps "
        f"as the only edit signal: + index + the edited months' sitemaps"
    )
    print(
        f"run with nothing changed: {sum(quiet_requests.values())} requests {dict(quiet_requests)}; "
        f"new articles {quiet.counts.new_articles}, new versions {quiet.counts.new_versions}"
    )


if __name__ == "__main__":
    main()
