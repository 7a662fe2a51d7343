"""newsetl against a minimal Scrapy + trafilatura spider on the same loopback demo site, with
the same in-flight limit (8 per host) and no delay: one run each, in one process, wall times
and their ratio. The site runs in this process for both, so both pay for serving it.

Run: `uv run python bench/peer_scrapy.py [--articles 2000] [--latency-ms 100]`; with a
latency, every response of the site comes that much later (a server far away).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from loopback import demo_site, loopback_settings

from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer

IN_FLIGHT = 8


def newsetl_backfill(base_url: str) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as data:
        settings = loopback_settings(Path(data))
        source = settings.source("demo").with_base_url(base_url)
        started = time.perf_counter()
        summary = run_source(settings, source, backfill=True)
        return time.perf_counter() - started, summary.counts.new_articles


def scrapy_crawl(
    base_url: str, article_pattern: str, with_metadata: bool = True
) -> tuple[float, int]:
    """Scrapy + trafilatura over the site (once per process: Scrapy's reactor starts once)."""
    # bench/ is on sys.path (the script's folder) and bench/requests.py would shadow `requests`
    bench = Path(__file__).resolve().parent
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != bench]
    import scrapy
    import trafilatura
    from scrapy.crawler import CrawlerProcess

    extracted: list[dict] = []

    class NewsSpider(scrapy.Spider):
        name = "peer"
        start_urls = [base_url + "/news/node_1.htm"]

        def parse(self, response):  # noqa: ANN001, ANN201 - Scrapy's callback
            for href in response.css("a::attr(href)").getall():
                url = response.urljoin(href)
                if re.search(article_pattern, url):
                    yield scrapy.Request(url, callback=self.parse_article)
                elif "/news/node_1" in url:
                    yield scrapy.Request(url, callback=self.parse)

        def parse_article(self, response):  # noqa: ANN001, ANN201
            text = trafilatura.extract(response.text, url=response.url, with_metadata=with_metadata)
            if text:
                extracted.append({"url": response.url, "text": text})

    process = CrawlerProcess(
        settings={
            "LOG_LEVEL": "ERROR",
            "CONCURRENT_REQUESTS": IN_FLIGHT,
            "CONCURRENT_REQUESTS_PER_DOMAIN": IN_FLIGHT,
            "DOWNLOAD_DELAY": 0,
            "ROBOTSTXT_OBEY": True,
            "TELNETCONSOLE_ENABLED": False,
            "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        }
    )
    started = time.perf_counter()
    process.crawl(NewsSpider)
    process.start()
    return time.perf_counter() - started, len(extracted)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=0.0, help="per response")
    args = parser.parse_args()
    site = demo_site(args.articles, args.latency_ms)
    with DemoServer(site) as server:
        pattern = loopback_settings(Path(".")).source("demo").article_url_pattern
        ours, loaded = newsetl_backfill(server.base_url)
        theirs, extracted = scrapy_crawl(server.base_url, pattern)
    latency = f", {args.latency_ms:g} ms per response" if args.latency_ms else ""
    print(
        f"{args.articles} articles, {IN_FLIGHT} in flight per host, one process, loopback{latency}"
    )
    print(f"newsetl backfill:       {ours:6.1f} s ({loaded} articles loaded)")
    print(f"scrapy + trafilatura:   {theirs:6.1f} s ({extracted} articles extracted)")
    print(f"newsetl speed / peer speed: {theirs / ours:.2f}x (>= 1.0: newsetl as fast or faster)")


if __name__ == "__main__":
    main()
