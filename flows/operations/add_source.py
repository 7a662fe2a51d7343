"""`newsetl add-source URL`: from a home or news page, propose a source table.

It reads the page, finds its feeds (`<link rel=alternate>`) and sitemaps (robots.txt
`Sitemap:` lines, else `/sitemap.xml`), picks the listing page with the most article-like links
(the page itself or a news-looking link on it), proposes the article URL pattern from those
links (flows/operations/url_patterns.py), and extracts a sample of articles as a run would.
Nothing is written to the warehouse; `source_table` renders the proposal as TOML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from fetch.http import Fetcher, FetchRequest
from flows.engine.resources import fetch_policy
from flows.operations.try_page import PageUnavailable
from flows.operations.url_patterns import Link, article_links, propose_pattern
from records.article import GENERIC_PROFILE, NotAnArticle
from records.fetch import Purpose
from records.urls import origin_keys
from settings import SOURCE_NAME, Settings
from transforms.decode import decode_html
from transforms.extract import extract_article
from transforms.feeds import feed_links, parse_feed
from transforms.listing import parse_listing
from transforms.profiles.registry import profile_for_url
from transforms.sitemaps import parse_sitemap

SAMPLE_ARTICLES = 5
MAX_LISTING_CANDIDATES = 6
NEWS_WORDS = re.compile(
    r"news|press|stories|story|media|updates|events|articles|announcements|新闻|要闻", re.I
)
ANY_LINK = r"."
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
NAME_NOISE = {"www", "english", "en", "news", "web", "edu", "ac", "com", "org", "net"}


@dataclass
class Found:
    url: str
    entries: int


@dataclass
class ListingCandidate:
    url: str
    article_links: int
    error: str = ""


@dataclass
class Sample:
    url: str
    title: str = ""
    published_at: str = ""
    authors: str = ""
    word_count: int = 0
    confidence: float = 0.0
    rejection: str = ""  # why the run would quarantine it


@dataclass
class SourceProposal:
    name: str
    start_url: str
    base_url: str
    title: str = ""
    profile: str = GENERIC_PROFILE
    feeds: list[Found] = field(default_factory=list)
    sitemaps: list[Found] = field(default_factory=list)
    candidates: list[ListingCandidate] = field(default_factory=list)
    listing_url: str = ""
    pattern: str | None = None
    matching_links: list[str] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)

    @property
    def stored(self) -> list[Sample]:
        return [sample for sample in self.samples if not sample.rejection]

    @property
    def problems(self) -> list[str]:
        """Why this proposal would not make a working source; [] when it would."""
        if not self.listing_url:
            return ["no page with article-like links found (try the site's news page)"]
        if self.pattern is None:
            return [f"{self.listing_url}: no link looks like an article"]
        if not self.stored:
            return ["no sample article could be extracted (see the reasons above)"]
        return []


def _fetch_text(fetcher: Fetcher, url: str, purpose: Purpose) -> tuple[str, str, bytes]:
    """(html, final URL, raw body) of `url`; PageUnavailable when it cannot be read."""
    response = fetcher.fetch(FetchRequest(url), purpose)
    if response.outcome != "fetched" or response.body is None:
        reason = response.error or f"HTTP {response.status_code}"
        raise PageUnavailable(f"{url}: {response.outcome}: {reason}")
    html = decode_html(response.body, response.content_type)[0]
    return html, response.final_url or url, response.body


def _links(html: str, page_url: str) -> list[Link]:
    return [
        Link(item.url, item.title or "")
        for item in parse_listing(html, page_url, ANY_LINK).articles
    ]


def suggested_name(url: str) -> str:
    """A source name from the host: `english.bit.edu.cn` -> `bit`; else the host as a slug."""
    host = (urlsplit(url).hostname or "site").lower()
    if not re.fullmatch(r"[\d.]+|[0-9a-f:]+", host):
        labels = [label for label in host.split(".")[:-1] if label not in NAME_NOISE]
        if labels:
            return re.sub(r"[^a-z0-9_-]+", "-", labels[-1]).strip("-") or "site"
    return re.sub(r"[^a-z0-9]+", "-", f"{host}-{urlsplit(url).port or ''}").strip("-")


def _feeds(fetcher: Fetcher, html: str, page_url: str) -> list[Found]:
    found = []
    for url in feed_links(html, page_url):
        try:
            _, final_url, body = _fetch_text(fetcher, url, "feed")
            found.append(Found(final_url, len(parse_feed(body, final_url))))
        except Exception:  # noqa: BLE001 - a feed that cannot be read is not proposed
            continue
    return found


def _sitemaps(fetcher: Fetcher, base_url: str) -> list[Found]:
    rules = fetcher.robots_for(base_url + "/")
    urls = list(rules.sitemaps) if rules is not None and rules.sitemaps else []
    urls = urls or [base_url + "/sitemap.xml"]
    found = []
    for url in urls:
        try:
            _, final_url, body = _fetch_text(fetcher, url, "sitemap")
            found.append(Found(final_url, len(parse_sitemap(body).entries)))
        except Exception:  # noqa: BLE001 - a sitemap that cannot be read is not proposed
            continue
    return found


def _listing_candidates(start_url: str, links: list[Link]) -> list[str]:
    """The start page, then its news-looking links that are not articles themselves."""
    article_urls = {link.url for link in article_links(links, start_url)}
    candidates = [start_url]
    for link in links:
        path = urlsplit(link.url).path
        if link.url in article_urls or link.url in candidates:
            continue
        if NEWS_WORDS.search(path) or NEWS_WORDS.search(link.text):
            candidates.append(link.url)
    return candidates[:MAX_LISTING_CANDIDATES]


def _sample(fetcher: Fetcher, url: str, profile: str) -> Sample:
    try:
        html, final_url, _ = _fetch_text(fetcher, url, "article")
    except PageUnavailable as error:
        return Sample(url, rejection=str(error))
    try:
        article = extract_article(html, final_url, profile=profile)
    except NotAnArticle as rejection:
        return Sample(url, rejection=str(rejection))
    return Sample(
        url,
        title=article.title,
        published_at=str(article.published_at or ""),
        authors=", ".join(article.authors),
        word_count=article.word_count,
        confidence=article.confidence,
    )


def propose_source(
    settings: Settings, url: str, *, name: str | None = None, samples: int = SAMPLE_ARTICLES
) -> SourceProposal:
    """Read `url` (a home or news page) and what it links to; propose a source for it."""
    parts = urlsplit(url)
    base_url = f"{parts.scheme}://{parts.netloc}"
    site_profile = profile_for_url(url)
    proposal = SourceProposal(
        name=name or suggested_name(url),
        start_url=url,
        base_url=base_url,
        profile=site_profile.name if site_profile else GENERIC_PROFILE,
    )
    with Fetcher(fetch_policy(settings), None, origin_keys([url])) as fetcher:
        html, final_url, _ = _fetch_text(fetcher, url, "listing")
        if match := TITLE.search(html):
            proposal.title = " ".join(match[1].split())
        links = _links(html, final_url)
        proposal.feeds = _feeds(fetcher, html, final_url)
        proposal.sitemaps = _sitemaps(fetcher, base_url)
        best: tuple[int, str, list[Link]] = (0, "", [])
        for candidate in _listing_candidates(final_url, links):
            try:
                page_html, page_url, _ = (
                    (html, final_url, b"")
                    if candidate == final_url
                    else _fetch_text(fetcher, candidate, "listing")
                )
            except PageUnavailable as error:
                proposal.candidates.append(ListingCandidate(candidate, 0, str(error)))
                continue
            found = article_links(_links(page_html, page_url), page_url)
            proposal.candidates.append(ListingCandidate(page_url, len(found)))
            if len(found) > best[0]:
                best = (len(found), page_url, found)
        proposal.listing_url = best[1]
        proposal.pattern = propose_pattern(best[2])
        if proposal.pattern is None:
            return proposal
        listing_html = html if best[1] == final_url else _fetch_text(fetcher, best[1], "listing")[0]
        listed = parse_listing(listing_html, best[1], proposal.pattern).articles
        proposal.matching_links = [item.url for item in listed]
        for link in proposal.matching_links[:samples]:
            proposal.samples.append(_sample(fetcher, link, proposal.profile))
    return proposal


# what a TOML string cannot hold as it is: control characters but the tab
TOML_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _toml_string(value: str) -> str:
    """A TOML literal string when it can be one (regexes stay readable), else a basic one with
    its quotes, backslashes and control characters escaped (a page's <title> may hold any)."""
    if "'" not in value and not TOML_CONTROL.search(value):
        return f"'{value}'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + TOML_CONTROL.sub(lambda found: f"\\u{ord(found[0]):04x}", escaped) + '"'


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(_toml_string(value) for value in values) + "]"


def _relative(proposal: SourceProposal, url: str) -> str:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != proposal.base_url:
        return url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def source_table(proposal: SourceProposal) -> str:
    """The proposal as a `[sources.<name>]` TOML table (what `--write` appends)."""
    if proposal.pattern is None:
        raise ValueError("no article URL pattern: nothing to write")
    discovery = ["listing", *(["feed"] if proposal.feeds else [])]
    lines = [
        f"# proposed by `newsetl add-source {proposal.start_url}`",
        f"[sources.{proposal.name}]",
        f"title = {_toml_string(proposal.title or proposal.name)}",
        f"base_url = {_toml_string(proposal.base_url)}",
        f"listing_paths = {_toml_list([_relative(proposal, proposal.listing_url)])}",
        f"article_url_pattern = {_toml_string(proposal.pattern)}",
        f"profile = {_toml_string(proposal.profile)}",
        f"discovery = {_toml_list(discovery)}",
    ]
    if proposal.feeds:
        lines.append(
            f"feed_urls = {_toml_list([_relative(proposal, f.url) for f in proposal.feeds])}"
        )
    for sitemap in proposal.sitemaps:
        lines.append(
            f"# sitemap found: {sitemap.url} ({sitemap.entries} entries); for a backfill from "
            'it add "sitemap" to discovery and its URL to sitemap_urls'
        )
    return "\n".join(lines) + "\n"


def name_problem(name: str, settings: Settings) -> str | None:
    if not SOURCE_NAME.match(name):
        return f"source name {name!r} must be a slug: lower-case letters, digits, _ and -"
    if name in settings.sources:
        return f"a source named {name!r} is configured already: choose another with --name"
    return None
