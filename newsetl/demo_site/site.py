"""State, mutations and HTML rendering of the bundled demo news site."""

from __future__ import annotations

import hashlib
import random
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from time import monotonic as time_monotonic
from zoneinfo import ZoneInfo

from newsetl.demo_site.content import generate_article, make_sentence
from newsetl.demo_site.families import (
    FamilyArticle,
    edit_page,
    make_family_articles,
    render_family_page,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST_ARTICLE_ID = 1149000
LISTING_PATH = "/news/node_1.htm"

_ARTICLE_PATH = re.compile(r"^/(\d{4}-\d{2})/(\d{2})/c_(\d+)\.htm$")
_LISTING_PAGE_PATH = re.compile(r"^/news/node_1(?:_(\d+))?\.htm$")
_IMAGE_PATH = re.compile(r"^/(?:att/\d{4}-\d{2}/\d{2}|images)/[\w.-]+\.(?:png|jpg)$")

_HTML_TYPE = "text/html; charset=utf-8"
_XML_TYPE = "application/xml; charset=utf-8"
_RSS_TYPE = "application/rss+xml; charset=utf-8"
SITEMAP_INDEX_PATH = "/sitemap.xml"
FEED_PATH = "/news/rss.xml"
FEED_ITEMS = 20
_MONTH_SITEMAP_PATH = re.compile(r"^/sitemaps/(\d{4}-\d{2})\.xml$")
_TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)

_NAV_ITEMS = [
    ("/", "Home"),
    ("/news/node_1.htm", "News"),
    ("/about/", "About BIT"),
    ("/academics/", "Academics"),
    ("/research/", "Research"),
    ("/international/", "International"),
]


def _text(value: str) -> str:
    return escape(value, quote=False)


def _attr(value: str) -> str:
    return escape(value, quote=True)


@dataclass
class DemoArticle:
    article_id: int
    path: str
    title: str
    published_at: datetime
    author: str | None
    editor_note: str | None
    paragraphs: list[str]
    figures: list[tuple[str, str | None]]
    section: str
    deleted: bool = False
    empty_body: bool = False
    revision: int = 0
    repeated_sentence: str | None = None
    repeated_paragraph_index: int | None = None
    duplicated_paragraph_index: int | None = None
    figure_positions: list[int] = field(default_factory=list)
    page_nav_count: int = 0
    related_ids: list[int] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    modification_count: int = 0
    edited_at: datetime | None = None  # the site's clock at the last edit
    sentences: list[list[str]] = field(default_factory=list, repr=False)
    original_sentences: list[list[str]] = field(default_factory=list, repr=False)
    repeated_sentence_index: int | None = field(default=None, repr=False)

    @property
    def last_modified(self) -> datetime:
        return self.edited_at or self.published_at

    @property
    def summary(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""


@dataclass(frozen=True)
class DemoRound:
    generation: int
    published_id: int
    edited_id: int | None
    deleted_id: int | None


def _article_path(article_id: int, published_at: datetime) -> str:
    return f"/{published_at:%Y-%m}/{published_at:%d}/c_{article_id}.htm"


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest() + '"'


def _http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def _header_html() -> str:
    nav = "".join(f'<li><a href="{href}">{label}</a></li>' for href, label in _NAV_ITEMS)
    return (
        '<div class="header"><div class="logo"><a href="/">'
        '<img src="/images/logo.png" alt="logo.png"></a></div>\n'
        f'  <ul class="nav">{nav}</ul></div>\n'
    )


_FOOTER_HTML = (
    '<div class="footer"><div class="address"><h4>ADDRESS</h4><ul>\n'
    "  <li>Zhongguancun Campus:<p>No 5 Zhongguancun South Street, Haidian District, Beijing</p>"
    "</li>\n"
    "  <li>Liangxiang Campus:<p>No 8 and 9 Yards, Liangxiang East Road, Fangshan District, "
    "Beijing</p></li>\n"
    "  <li>Xishan Campus:<p>No 16 Lengquan East Road, Haidian District, Beijing</p></li></ul>"
    "</div>\n"
    '  <div class="slide-dots">' + "".join(f"<span>{n}</span>" for n in range(1, 9)) + "</div>\n"
    '  <p class="copyright">Copyright &#169; Beijing Institute of Technology. '
    "All rights reserved. Presented by China Daily.</p></div>\n"
)


def _page(
    title: str, main: str, *, keywords: str = "", description: str = "", head_extra: str = ""
) -> bytes:
    head = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{_text(title)} - Beijing Institute of Technology</title>\n{head_extra}"
        f'<meta name="keywords" content="{_attr(keywords)}">'
        f'<meta name="description" content="{_attr(description)}">\n'
        "</head><body>\n"
    )
    return (head + _header_html() + main + _FOOTER_HTML + "</body></html>\n").encode("utf-8")


class Traffic:
    """What the server saw, as a crawler's politeness is judged: when each request arrived and
    how many were being answered at once (the most ever, and per path prefix)."""

    def __init__(self) -> None:
        self.arrivals: list[tuple[float, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    @contextmanager
    def serving(self, path: str) -> Iterator[None]:
        with self._lock:
            self.arrivals.append((time_monotonic(), path))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            yield
        finally:
            with self._lock:
                self.in_flight -= 1

    def gaps_between(self, paths: set[str]) -> list[float]:
        """Seconds between the arrivals of consecutive requests for these paths."""
        times = [at for at, path in self.arrivals if path in paths]
        return [later - earlier for earlier, later in zip(times, times[1:], strict=False)]


class DemoSite:
    listing_path: str = LISTING_PATH
    # Sitemaps hold absolute URLs: the server sets this to its own address when it starts.
    base_url: str = "http://127.0.0.1"

    def __init__(
        self,
        n_articles: int = 30,
        *,
        seed: int = 7,
        per_page: int = 10,
        newest: date = date(2026, 11, 20),
        url_families: bool = False,
    ) -> None:
        """`url_families`: also serve one article per older URL family of BIT's site, in its
        era's template, three of them split over three pages (`families.py`), listed on the
        first listing page. Off by default, so the demo's counts stay as documented."""
        if per_page < 1:
            raise ValueError("per_page must be at least 1")
        self.seed = seed
        self.per_page = per_page
        self.newest = newest
        self.generation = 0
        self.history: list[DemoRound] = []
        self.requests: list[tuple[str, str, int]] = []
        self.traffic = Traffic()
        self.articles: list[DemoArticle] = []
        self._by_id: dict[int, DemoArticle] = {}
        self._lock = threading.RLock()
        self._article_cache: dict[tuple[int, int, bool], tuple[bytes, str]] = {}
        self._listing_cache: dict[int, bytes] = {}
        self._xml_cache: dict[str, bytes] = {}
        self._live_cache: list[DemoArticle] | None = None
        self._build(n_articles)
        self.family_articles: list[FamilyArticle] = (
            make_family_articles(seed) if url_families else []
        )
        # paths the server answers with 500, to stand for a page that fails to fetch
        self.failing_paths: set[str] = set()

    def _build(self, n_articles: int) -> None:
        plan = random.Random(f"{self.seed}:plan")
        days: list[date] = []
        day = self.newest
        for _ in range(n_articles):
            days.append(day)
            day -= timedelta(days=plan.randint(1, 3))
        article_id = FIRST_ARTICLE_ID
        oldest_first: list[DemoArticle] = []
        for ordinal, day in enumerate(reversed(days)):
            if ordinal:
                article_id += plan.randint(1, 400)
            oldest_first.append(self._make_article(ordinal, article_id, day))
        for index, article in enumerate(oldest_first):
            neighbours = oldest_first[max(0, index - 3) : index][::-1]
            if len(neighbours) < 3:
                neighbours += oldest_first[index + 1 : index + 1 + 3 - len(neighbours)]
            article.related_ids = [other.article_id for other in neighbours]
        self.articles = oldest_first[::-1]
        self._by_id = {article.article_id: article for article in self.articles}

    def _make_article(self, ordinal: int, article_id: int, day: date) -> DemoArticle:
        generated = generate_article(random.Random(f"{self.seed}:article:{ordinal}"))
        published_at = datetime.combine(day, time(generated.hour, generated.minute), SHANGHAI)
        repeated_sentence = None
        if generated.repeated_paragraph_index is not None:
            paragraph = generated.sentences[generated.repeated_paragraph_index]
            repeated_sentence = paragraph[generated.repeated_sentence_index or 0]
        return DemoArticle(
            article_id=article_id,
            path=_article_path(article_id, published_at),
            title=generated.title,
            published_at=published_at,
            author=generated.author,
            editor_note=generated.editor_note,
            paragraphs=[" ".join(sentences) for sentences in generated.sentences],
            figures=generated.figures,
            section=generated.section,
            repeated_sentence=repeated_sentence,
            repeated_paragraph_index=generated.repeated_paragraph_index,
            duplicated_paragraph_index=generated.duplicated_paragraph_index,
            figure_positions=generated.figure_positions,
            page_nav_count=generated.page_nav_count,
            keywords=generated.keywords,
            sentences=[list(sentences) for sentences in generated.sentences],
            original_sentences=generated.sentences,
            repeated_sentence_index=generated.repeated_sentence_index,
        )

    def family_article(self, path: str) -> FamilyArticle:
        """The URL-family article whose first page is `path`."""
        for article in self.family_articles:
            if article.path == path:
                return article
        raise KeyError(f"no URL-family article at {path}")

    def edit_family_page(self, path: str, number: int) -> FamilyArticle:
        """Edit page `number` of the URL-family article at `path` (one new sentence)."""
        with self._lock:
            article = self.family_article(path)
            edit_page(article, number, self.seed)
            return article

    def _family_page_response(self, path: str) -> tuple[int, dict[str, str], bytes] | None:
        for article in self.family_articles:
            if path in article.page_paths:
                body, charset = render_family_page(article, article.page_paths.index(path) + 1)
                headers = {"Content-Type": f"text/html; charset={charset}", "ETag": _etag(body)}
                return 200, headers, body
        return None

    def article(self, article_id: int) -> DemoArticle:
        try:
            return self._by_id[article_id]
        except KeyError:
            raise KeyError(f"no demo article with id {article_id}") from None

    def live_articles(self) -> list[DemoArticle]:
        with self._lock:
            if self._live_cache is None:
                self._live_cache = [a for a in self.articles if not a.deleted]
            return list(self._live_cache)

    def _changed(self) -> None:
        self._live_cache = None
        self._listing_cache.clear()
        self._xml_cache.clear()

    def publish(self) -> DemoArticle:
        with self._lock:
            ordinal = len(self.articles)
            plan = random.Random(f"{self.seed}:publish:{ordinal}")
            if self.articles:
                newest = self.articles[0]
                article_id = max(self._by_id) + plan.randint(1, 400)
                day = newest.published_at.date() + timedelta(days=1)
            else:
                article_id, day = FIRST_ARTICLE_ID, self.newest
            article = self._make_article(ordinal, article_id, day)
            article.related_ids = [other.article_id for other in self.articles[:3]]
            self.articles.insert(0, article)
            self._by_id[article_id] = article
            self._changed()
            return article

    def edit(self, article_id: int) -> DemoArticle:
        with self._lock:
            article = self.article(article_id)
            return self.set_revision(article_id, article.revision + 1)

    def set_revision(self, article_id: int, revision: int) -> DemoArticle:
        if revision < 0:
            raise ValueError("revision must be >= 0")
        with self._lock:
            article = self.article(article_id)
            sentences = [list(paragraph) for paragraph in article.original_sentences]
            for step in range(1, revision + 1):
                self._apply_edit(article, sentences, step)
            article.sentences = sentences
            article.paragraphs = [" ".join(paragraph) for paragraph in sentences]
            article.revision = revision
            article.modification_count += 1
            article.edited_at = self._edit_clock()
            self._changed()
            return article

    def _apply_edit(self, article: DemoArticle, sentences: list[list[str]], step: int) -> None:
        rng = random.Random(f"{self.seed}:edit:{article.article_id}:{step}")
        paragraph_index = rng.randrange(len(sentences))
        paragraph = sentences[paragraph_index]
        protected = {0}
        if paragraph_index == article.repeated_paragraph_index:
            protected.add(article.repeated_sentence_index or 0)
        replaceable = [i for i in range(len(paragraph)) if i not in protected]
        existing = {sentence for other in sentences for sentence in other}
        new_sentence = make_sentence(article.section, rng)
        for _attempt in range(1, 100):
            if new_sentence not in existing:
                break
            new_sentence = make_sentence(article.section, rng)
        else:
            new_sentence = f"The page was updated {step} times. {new_sentence}"
        if replaceable and rng.random() < 0.5:
            paragraph[rng.choice(replaceable)] = new_sentence
        else:
            paragraph.append(new_sentence)

    def _edit_clock(self) -> datetime:
        """An edit happens after everything the site did before: one hour past the latest."""
        latest = max(
            (a.edited_at or a.published_at for a in self.articles), default=datetime.now(UTC)
        )
        return latest + timedelta(hours=1)

    def delete(self, article_id: int) -> None:
        with self._lock:
            self.article(article_id).deleted = True
            self._changed()

    def make_empty(self, article_id: int) -> None:
        with self._lock:
            article = self.article(article_id)
            article.empty_body = True
            article.modification_count += 1
            article.edited_at = self._edit_clock()
            self._changed()

    def advance(self, generation: int) -> None:
        for _ in range(generation):
            self._advance_one_round()

    def _advance_one_round(self) -> None:
        with self._lock:
            self.generation += 1
            rng = random.Random(f"{self.seed}:round:{self.generation}")
            published = self.publish()
            candidates = [a for a in self.live_articles() if a is not published]
            edited = rng.choice(candidates) if candidates else None
            if edited is not None:
                self.edit(edited.article_id)
                candidates.remove(edited)
            deleted = rng.choice(candidates) if candidates else None
            if deleted is not None:
                self.delete(deleted.article_id)
            self.history.append(
                DemoRound(
                    generation=self.generation,
                    published_id=published.article_id,
                    edited_id=edited.article_id if edited else None,
                    deleted_id=deleted.article_id if deleted else None,
                )
            )

    def page_count(self) -> int:
        live = len(self.live_articles())
        return max(1, -(-live // self.per_page))

    def listing_page_path(self, page: int) -> str:
        return LISTING_PATH if page == 1 else f"/news/node_1_{page}.htm"

    def render(self, path: str) -> tuple[int, dict[str, str], bytes]:
        path = path.split("#", 1)[0].split("?", 1)[0] or "/"
        with self._lock:
            if path in self.failing_paths:
                return 500, {"Content-Type": _HTML_TYPE}, b"<html><body>Server error</body></html>"
            if (family_page := self._family_page_response(path)) is not None:
                return family_page
            if path in ("/", "/index.htm", "/index.html"):
                return self._html_response(self._render_home())
            if path == "/robots.txt":
                body = b"User-agent: *\nAllow: /\n"
                return 200, {"Content-Type": "text/plain; charset=utf-8"}, body
            if match := _ARTICLE_PATH.match(path):
                article = self._by_id.get(int(match.group(3)))
                if article is not None and article.path == path and not article.deleted:
                    return self._article_response(article)
            elif match := _LISTING_PAGE_PATH.match(path):
                page = int(match.group(1) or 1)
                if (match.group(1) is None or page > 1) and page <= self.page_count():
                    return self._html_response(self._render_listing(page))
            elif _IMAGE_PATH.match(path):
                return 200, {"Content-Type": "image/png"}, _TINY_PNG
            elif path == SITEMAP_INDEX_PATH:
                return self._xml_response(path, _XML_TYPE, self._render_sitemap_index)
            elif path == FEED_PATH:
                return self._xml_response(path, _RSS_TYPE, self._render_feed)
            elif (match := _MONTH_SITEMAP_PATH.match(path)) and match.group(1) in self._months():
                month = match.group(1)
                return self._xml_response(path, _XML_TYPE, lambda: self._render_sitemap(month))
            return 404, {"Content-Type": _HTML_TYPE}, self._render_not_found()

    def respond(
        self, method: str, path: str, request_headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        status, headers, body = self.render(path)
        if status == 200 and _not_modified(headers, request_headers or {}):
            status = 304
            headers = {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified")}
            body = b""
        with self._lock:
            self.requests.append((method, path, status))
        return status, headers, body

    def _html_response(self, body: bytes) -> tuple[int, dict[str, str], bytes]:
        return 200, {"Content-Type": _HTML_TYPE, "ETag": _etag(body)}, body

    def _article_response(self, article: DemoArticle) -> tuple[int, dict[str, str], bytes]:
        key = (article.article_id, article.revision, article.empty_body)
        cached = self._article_cache.get(key)
        if cached is None:
            body = self._render_article(article)
            cached = (body, _etag(body))
            self._article_cache[key] = cached
        body, etag = cached
        headers = {
            "Content-Type": _HTML_TYPE,
            "ETag": etag,
            "Last-Modified": _http_date(article.last_modified),
        }
        return 200, headers, body

    def _render_article(self, article: DemoArticle) -> bytes:
        day = article.published_at
        author = (
            f' <span class="author">By {_text(article.author)}</span>' if article.author else ""
        )
        body_parts: list[str] = []
        if not article.empty_body:
            if article.editor_note:
                body_parts.append(f"<p>[Editor's note] {_text(article.editor_note)}</p>")
            figures_after: dict[int, list[tuple[str, str | None]]] = {}
            for position, figure in zip(article.figure_positions, article.figures, strict=True):
                figures_after.setdefault(position, []).append(figure)
            for index, sentences in enumerate(article.sentences):
                shown = list(sentences)
                if index == article.repeated_paragraph_index:
                    repeat_at = article.repeated_sentence_index or 0
                    shown.insert(repeat_at, shown[repeat_at])
                paragraph_html = f"<p>{_text(' '.join(shown))}</p>"
                body_parts.append(paragraph_html)
                if index == article.duplicated_paragraph_index:
                    body_parts.append(paragraph_html)
                for file_name, caption in figures_after.get(index, []):
                    src = f"/att/{day:%Y-%m}/{day:%d}/{file_name}"
                    body_parts.append(
                        f'<p style="text-align:center"><img src="{_attr(src)}" '
                        f'alt="{_attr(file_name)}" /></p>'
                    )
                    if caption is not None:
                        body_parts.append(
                            f'<p class="caption" style="text-align:center">'
                            f"{_text(caption)} [Photo/]</p>"
                        )
        if article.page_nav_count:
            digits = "".join(f"<a>{n}</a>" for n in range(1, article.page_nav_count + 1))
            body_parts.append(f'<div class="page_nav">{digits}</div>')
        content = "".join(f"\n    {part}" for part in body_parts)
        if content:
            content += "\n  "
        related_items = "".join(
            f'<li><a href="{_attr(other.path)}">{_text(other.title)}</a></li>'
            for other in (self._by_id[i] for i in article.related_ids if i in self._by_id)
        )
        section = _text(article.section)
        main = (
            '<div class="main">\n'
            f'  <div class="position"><a href="/">Home</a> &gt; '
            f'<a href="{LISTING_PATH}">News</a> &gt; {section}</div>\n'
            f'  <div class="column">{section}</div>\n'
            f'  <h1 class="art_title">{_text(article.title)}</h1>\n'
            f'  <div class="info"><span class="date">{day:%Y-%m-%d %H:%M}</span>{author} '
            '<span class="source">Source: BIT News</span></div>\n'
            f'  <div class="art_cont" id="Content">{content}</div>\n'
            '  <div class="share"><a href="#">Share</a> '
            '<a href="javascript:window.print()">Print</a></div>\n'
            f'  <div class="related"><h3>Related news</h3><ul>{related_items}</ul></div>\n'
            "</div>\n"
        )
        description = "" if article.empty_body else article.summary[:150]
        return _page(
            article.title, main, keywords=",".join(article.keywords), description=description
        )

    def _render_listing(self, page: int) -> bytes:
        cached = self._listing_cache.get(page)
        if cached is not None:
            return cached
        live = self.live_articles()
        page_count = self.page_count()
        shown = live[(page - 1) * self.per_page : page * self.per_page]
        boxes = "".join(
            f'<div class="lis_box"><h3><a href="{_attr(a.path)}">{_text(a.title)}</a></h3>'
            f'<span class="date">{a.published_at:%Y-%m-%d}</span>'
            f'<p class="summary">{_text(a.summary[:120])}</p></div>\n'
            for a in shown
        )
        if page == 1:
            boxes += "".join(
                f'<div class="lis_box"><h3><a href="{_attr(a.path)}">{_text(a.title)}</a></h3>'
                f'<span class="date">{a.published_on:%Y-%m-%d}</span></div>\n'
                for a in self.family_articles
            )
        links = " ".join(
            f'<a href="{self.listing_page_path(n)}">{n}</a>' for n in range(1, page_count + 1)
        )
        if page < page_count:
            links += f' <a class="next" href="{self.listing_page_path(page + 1)}">Next</a>'
        main = (
            '<div class="main"><h2 class="column">News</h2>\n'
            f'{boxes}<div class="pages">{links}</div></div>\n'
        )
        body = _page("News", main, keywords="BIT,News", description="Latest news from BIT")
        self._listing_cache[page] = body
        return body

    # -- sitemaps (an index with one sitemap per month, lastmod = last edit) and an RSS feed --

    def _xml_response(
        self, path: str, content_type: str, render
    ) -> tuple[int, dict[str, str], bytes]:  # noqa: ANN001
        body = self._xml_cache.get(path)
        if body is None:
            body = self._xml_cache[path] = render()
        return 200, {"Content-Type": content_type, "ETag": _etag(body)}, body

    def _months(self) -> dict[str, list[DemoArticle]]:
        months: dict[str, list[DemoArticle]] = {}
        for article in self.live_articles():
            months.setdefault(f"{article.published_at:%Y-%m}", []).append(article)
        return months

    def _render_sitemap_index(self) -> bytes:
        items = "".join(
            f"<sitemap><loc>{self.base_url}/sitemaps/{month}.xml</loc>"
            f"<lastmod>{max(a.last_modified for a in articles).isoformat()}</lastmod></sitemap>\n"
            for month, articles in self._months().items()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{items}</sitemapindex>\n"
        ).encode()

    def _render_sitemap(self, month: str) -> bytes:
        items = "".join(
            f"<url><loc>{self.base_url}{a.path}</loc>"
            f"<lastmod>{a.last_modified.isoformat()}</lastmod></url>\n"
            for a in self._months()[month]
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{items}</urlset>\n"
        ).encode()

    def _render_feed(self) -> bytes:
        items = "".join(
            f"<item><title>{_text(a.title)}</title><link>{self.base_url}{a.path}</link>"
            f"<guid>{self.base_url}{a.path}</guid><pubDate>{_http_date(a.published_at)}</pubDate>"
            f"<atom:updated>{a.last_modified.isoformat()}</atom:updated></item>\n"
            for a in self.live_articles()[:FEED_ITEMS]
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>\n'
            f"<title>BIT News</title><link>{self.base_url}/</link>"
            f"<description>Latest news from BIT</description>\n{items}</channel></rss>\n"
        ).encode()

    def _render_home(self) -> bytes:
        items = "".join(
            f'<li><a href="{_attr(a.path)}">{_text(a.title)}</a>'
            f'<span class="date">{a.published_at:%Y-%m-%d}</span></li>'
            for a in self.live_articles()[:5]
        )
        main = (
            '<div class="main"><h2 class="column">Latest news</h2>\n'
            f'<ul class="home_news">{items}</ul>\n'
            f'<a class="more" href="{LISTING_PATH}">More news</a></div>\n'
        )
        feed = f'<link rel="alternate" type="application/rss+xml" title="BIT News" href="{FEED_PATH}">\n'
        return _page(
            "Home",
            main,
            keywords="BIT",
            description="Beijing Institute of Technology",
            head_extra=feed,
        )

    def _render_not_found(self) -> bytes:
        main = (
            '<div class="main"><h1>404 Not Found</h1>'
            "<p>The page you requested does not exist.</p></div>\n"
        )
        return _page("Page not found", main)


def _not_modified(headers: dict[str, str], request_headers: dict[str, str]) -> bool:
    lowered = {k.lower(): v for k, v in request_headers.items()}
    etag = headers.get("ETag")
    if_none_match = lowered.get("if-none-match")
    if if_none_match is not None:
        if etag is None:
            return False
        candidates = [c.strip().removeprefix("W/") for c in if_none_match.split(",")]
        return "*" in candidates or etag in candidates
    if_modified_since = lowered.get("if-modified-since")
    last_modified = headers.get("Last-Modified")
    if if_modified_since is None or last_modified is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        return False
    return parsedate_to_datetime(last_modified) <= since
