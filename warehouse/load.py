"""The load: one batch of links, responses and pages in one transaction, marked complete in
`loads` by the same commit; every decision about versions is made by `_BatchWriter`."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import duckdb

from records.article import Article, NotAnArticle, calendar_day
from records.fetch import DiscoveredLink, FetchResult
from records.page import PageResult
from warehouse.connection import Warehouse
from warehouse.frontier import advance_cursor, next_check_after, next_check_after_failure
from warehouse.integrity import rollback_keeping_the_cause
from warehouse.safety import record_truncations
from warehouse.versions import article_id_for, decide_version, unscoped_article_id_for


@dataclass
class LoadBatch:
    links: list[DiscoveredLink] = field(default_factory=list)
    listing_responses: list[FetchResult] = field(default_factory=list)
    pages: list[PageResult] = field(default_factory=list)
    timezone: str = "UTC"
    changes_are_extractor_changes: bool = False
    # (listing start URL, next page URL or None) of a backfill walk: the cursor moves past this
    # batch's listing page in the same transaction that loads the page's links
    cursor_advance: tuple[str, str | None] | None = None


@dataclass
class LoadCounts:
    fetched: int = 0
    unchanged: int = 0
    new_articles: int = 0
    new_versions: int = 0
    deletions: int = 0
    quarantined: int = 0
    failed: int = 0
    incomplete: int = 0  # articles loaded without some of their pages
    pages_extracted: int = 0
    profile_misses: int = 0  # extracted pages whose profile missed a template anchor

    def add(self, other: LoadCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def load_batch(
    warehouse: Warehouse,
    run_id: str,
    source: str,
    batch: LoadBatch,
    *,
    now: datetime,
    in_transaction: Callable[[LoadCounts], None] | None = None,
) -> LoadCounts:
    """Write one batch in one transaction, marked complete in `loads` by the same commit.

    `in_transaction(counts)` runs inside that transaction, after the rows: what must be
    committed with them or not at all (a package's run row with its counts, its bookkeeping)."""
    load_id = f"{run_id}:{uuid.uuid4().hex[:8]}"
    counts = LoadCounts()
    warehouse.connection.execute("BEGIN TRANSACTION")
    try:
        rows = _BatchWriter(warehouse, run_id, load_id, source, batch, now, counts).write()
        warehouse.connection.execute(
            "INSERT INTO loads (load_id, run_id, source, completed_at, row_count) VALUES (?, ?, ?, ?, ?)",
            [load_id, run_id, source, now, rows],
        )
        if in_transaction is not None:
            in_transaction(counts)
        warehouse.connection.execute("COMMIT")
    except BaseException:
        rollback_keeping_the_cause(warehouse.connection)
        raise
    return counts


class _BatchWriter:
    """Turns one LoadBatch into rows; every decision about versions lives here.

    Decisions are made row by row in Python, the rows are written table by table in one
    statement each (`flush`): a DuckDB INSERT costs about a millisecond whatever its size.
    Latest versions are looked up by key in `article_latest`, never by scanning all versions.
    """

    def __init__(
        self,
        warehouse: Warehouse,
        run_id: str,
        load_id: str,
        source: str,
        batch: LoadBatch,
        now: datetime,
        counts: LoadCounts,
    ) -> None:
        self.warehouse = warehouse
        self.connection = warehouse.connection
        self.run_id = run_id
        self.load_id = load_id
        self.source = source
        self.batch = batch
        self.now = now
        self.counts = counts
        self.rows = 0
        self.zone = ZoneInfo(batch.timezone)
        # frontier writes of successful fetches, applied in one statement each by flush_frontier:
        # one UPDATE per row costs milliseconds in DuckDB
        self.fetched: dict[str, tuple[datetime, datetime, str, str | None, str | None]] = {}
        self.article_links: dict[str, str] = {}
        self.continuation_pages: dict[str, str] = {}  # url -> its article's first page
        # read once per batch by prefetch, kept current by this writer's own decisions
        self.known_article_ids: dict[str, str | None] = {}
        self.unscoped_ids_of_source: set[str] = set()
        self.latest_versions: dict[str, tuple[int, str | None, bool, int] | None] = {}
        self.published_at: dict[str, datetime | None] = {}
        self.touched_articles: set[str] = set()
        self.stored_articles: set[str] = set()  # in article_latest before this batch
        self.in_frontier: set[str] = set()  # batch URLs already in the frontier
        # rows waiting for `flush`, one list per table
        self.response_ids: list[int] = []
        self.responses: list[dict[str, object]] = []
        self.versions: list[dict[str, object]] = []
        self.quarantined: list[dict[str, object]] = []

    def write(self) -> int:
        self.upsert_links(self.batch.links)
        for response in self.batch.listing_responses:
            self.insert_response(response)
        self.prefetch(self.batch.pages)
        for page in self.batch.pages:
            self.write_page(page)
        self.flush()
        self.flush_frontier()
        if self.batch.cursor_advance is not None:
            start_url, next_url = self.batch.cursor_advance
            advance_cursor(self.warehouse, self.source, start_url, next_url, self.now)
        # the fields cut to their limits, in the same commit: recorded exactly when the pages are
        cuts = [(page.fetch.url, cut) for page in self.batch.pages for cut in page.truncations]
        record_truncations(self.warehouse, self.source, self.run_id, cuts, self.now)
        return self.rows

    def upsert_links(self, links: list[DiscoveredLink]) -> None:
        unique = list({link.url: link for link in links}.values())
        if not unique:
            return
        self.connection.execute(
            "INSERT INTO frontier (source, url, listed_title, listed_date, first_seen_at, last_listed_at) "
            "SELECT ?, unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), ?, ? "
            "ON CONFLICT (source, url) DO UPDATE SET "
            "listed_title = excluded.listed_title, listed_date = excluded.listed_date, "
            "last_listed_at = excluded.last_listed_at, "
            # a gone page listed again is due again (issue 3)
            "next_check_at = CASE WHEN last_outcome = 'gone' THEN excluded.last_listed_at "
            "ELSE next_check_at END, "
            "last_outcome = CASE WHEN last_outcome = 'gone' THEN 'relisted' ELSE last_outcome END",
            [
                self.source, [link.url for link in unique], [link.listed_title for link in unique],
                [link.listed_date for link in unique], self.now, self.now,
            ],
        )  # fmt: skip
        self.rows += len(unique)

    def flush(self) -> None:
        """Write the rows decided so far: one INSERT per table, then the latest versions."""
        if self.responses:
            _insert_columns(self.connection, "raw_responses", RESPONSE_COLUMNS, self.responses)
            self.responses = []
        if self.versions:
            _insert_columns(self.connection, "raw_article_versions", VERSION_COLUMNS, self.versions)
            self.versions = []
        if self.quarantined:
            _insert_columns(self.connection, "raw_quarantine", QUARANTINE_COLUMNS, self.quarantined)
            self.quarantined = []
        if self.touched_articles:
            ids = sorted(self.touched_articles)
            new = [article_id for article_id in ids if article_id not in self.stored_articles]
            known = [article_id for article_id in ids if article_id in self.stored_articles]
            for article_ids, statement in ((new, INSERT_LATEST), (known, UPDATE_LATEST)):
                if not article_ids:
                    continue
                latest = [self.latest_versions[article_id] for article_id in article_ids]
                self.connection.execute(
                    statement,
                    [
                        article_ids, *(list(column) for column in zip(*latest, strict=True)),
                        [self.published_at.get(article_id) for article_id in article_ids],
                    ],
                )  # fmt: skip
            self.stored_articles.update(new)
            self.touched_articles = set()

    def flush_frontier(self) -> None:
        """Apply the batch's successful fetches and article links to the frontier at once."""
        links = self.article_links
        linked_with_fetch = bool(self.fetched) and all(url in self.fetched for url in links)
        if self.fetched:
            urls = list(self.fetched)
            columns = list(zip(*self.fetched.values(), strict=True))
            missing = [url for url in urls if url not in self.in_frontier]
            if missing:
                self.connection.execute(
                    "INSERT INTO frontier (source, url, first_seen_at) "
                    "SELECT ?, unnest(?::VARCHAR[]), ? ON CONFLICT DO NOTHING",
                    [self.source, missing, self.now],
                )
            self.connection.execute(
                "UPDATE frontier SET last_fetched_at = u.fetched_at, next_check_at = u.next_check_at, "
                "last_outcome = u.outcome, failures = 0, etag = coalesce(u.etag, frontier.etag), "
                "last_modified = coalesce(u.last_modified, frontier.last_modified), "
                "article_id = coalesce(u.article_id, frontier.article_id) "
                "FROM (SELECT unnest(?::VARCHAR[]) AS url, unnest(?::TIMESTAMPTZ[]) AS fetched_at, "
                "unnest(?::TIMESTAMPTZ[]) AS next_check_at, unnest(?::VARCHAR[]) AS outcome, "
                "unnest(?::VARCHAR[]) AS etag, unnest(?::VARCHAR[]) AS last_modified, "
                "unnest(?::VARCHAR[]) AS article_id) AS u "
                "WHERE frontier.source = ? AND frontier.url = u.url",
                [
                    urls, *map(list, columns),
                    [links.get(url) if linked_with_fetch else None for url in urls], self.source,
                ],
            )  # fmt: skip
        if links and not linked_with_fetch:
            self.connection.execute(
                "UPDATE frontier SET article_id = u.article_id FROM (SELECT unnest(?::VARCHAR[]) AS url, "
                "unnest(?::VARCHAR[]) AS article_id) AS u WHERE frontier.source = ? AND frontier.url = u.url",
                [list(links), list(links.values()), self.source],
            )
        if self.continuation_pages:
            self.connection.execute(
                "INSERT INTO frontier (source, url, first_seen_at) "
                "SELECT ?, unnest(?::VARCHAR[]), ? ON CONFLICT DO NOTHING",
                [self.source, list(self.continuation_pages), self.now],
            )
            self.connection.execute(
                "UPDATE frontier SET first_page_url = u.first_page_url FROM (SELECT "
                "unnest(?::VARCHAR[]) AS url, unnest(?::VARCHAR[]) AS first_page_url) AS u "
                "WHERE frontier.source = ? AND frontier.url = u.url",
                [
                    list(self.continuation_pages),
                    list(self.continuation_pages.values()),
                    self.source,
                ],
            )

    def next_response_ids(self, count: int) -> list[int]:
        if len(self.response_ids) < count:
            wanted = max(count, len(self.batch.pages) + len(self.batch.listing_responses))
            self.response_ids += [
                row[0]
                for row in self.connection.execute(
                    "SELECT nextval('response_id_seq') FROM range(?)", [wanted]
                ).fetchall()
            ]
        taken, self.response_ids = self.response_ids[:count], self.response_ids[count:]
        return taken

    def insert_response(self, response: FetchResult) -> int:
        self.rows += 1
        (response_id,) = self.next_response_ids(1)
        self.responses.append(
            {
                "response_id": response_id, "load_id": self.load_id, "run_id": self.run_id,
                "source": self.source, "url": response.url, "final_url": response.final_url,
                "purpose": response.purpose, "outcome": response.outcome,
                "status_code": response.status_code, "content_type": response.content_type,
                "etag": response.etag, "last_modified": response.last_modified,
                "body_sha256": response.body_sha256,
                "body_bytes": len(response.body) if response.body is not None else None,
                "warc_file": response.warc_file, "warc_offset": response.warc_offset,
                "warc_length": response.warc_length, "fetched_at": response.fetched_at,
                "elapsed_ms": response.elapsed_ms, "attempts": response.attempts,
                "error": response.error, "replaced_chars": response.replaced_chars,
            }
        )  # fmt: skip
        return response_id

    def prefetch(self, pages: list[PageResult]) -> None:
        """Read the frontier's article ids and the latest versions of the whole batch at once."""
        urls = list(
            {page.fetch.url for page in pages} | {p.article.url for p in pages if p.article}
        )
        if not urls:
            return
        rows = self.connection.execute(
            "SELECT url, article_id FROM frontier "
            "WHERE source = ? AND url IN (SELECT unnest(?::VARCHAR[]))",
            [self.source, urls],
        ).fetchall()
        self.known_article_ids = {url: None for url in urls} | dict(rows)
        self.in_frontier = {url for url, _ in rows}
        articles = [page.article for page in pages if page.article]
        unscoped = list({unscoped_article_id_for(article) for article in articles})
        self.unscoped_ids_of_source = {
            article_id
            for (article_id,) in self.connection.execute(
                "SELECT DISTINCT article_id FROM frontier "
                "WHERE source = ? AND article_id IN (SELECT unnest(?::VARCHAR[]))",
                [self.source, unscoped],
            ).fetchall()
        }
        article_ids = {article_id for _, article_id in rows if article_id} | {
            self.identity_id(article) for article in articles
        }
        self.latest_versions = self.read_latest_versions(article_ids)

    def identity_id(self, article: Article) -> str:
        """The article's id by its identity: scoped by source, unless this source already
        stores the article under its unscoped id (a warehouse from before the scoping)."""
        unscoped = unscoped_article_id_for(article)
        if unscoped in self.unscoped_ids_of_source:
            return unscoped
        return article_id_for(article, self.source)

    def read_latest_versions(
        self, article_ids: Iterable[str]
    ) -> dict[str, tuple[int, str | None, bool, int] | None]:
        """(version, content_hash, is_deleted, body length) of each article's latest version."""
        latest: dict[str, tuple[int, str | None, bool, int] | None] = dict.fromkeys(article_ids)
        if not latest:
            return latest
        for article_id, published_at, *values in self.connection.execute(
            "SELECT article_id, published_at, version, content_hash, is_deleted, body_length "
            "FROM article_latest WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [list(latest)],
        ).fetchall():
            latest[article_id] = tuple(values)  # type: ignore[assignment]
            self.published_at[article_id] = published_at
            self.stored_articles.add(article_id)
        return latest

    def latest_version(self, article_id: str) -> tuple[int, str | None, bool, int] | None:
        if article_id not in self.latest_versions:
            self.latest_versions.update(self.read_latest_versions([article_id]))
        return self.latest_versions[article_id]

    def frontier_article_id(self, url: str) -> str | None:
        if url in self.known_article_ids:
            return self.known_article_ids[url]
        row = self.connection.execute(
            "SELECT article_id FROM frontier WHERE source = ? AND url = ?", [self.source, url]
        ).fetchone()
        return row[0] if row else None

    def write_page(self, page: PageResult) -> None:
        fetch = page.fetch
        reprocessed = page.response_id is not None
        response_id = page.response_id if reprocessed else self.insert_response(fetch)
        if page.first_page_url is not None:
            self.write_continuation_page(page)
            return
        published_at = page.article.published_at if page.article else None
        if fetch.outcome == "fetched":
            self.counts.fetched += 1
            if page.article is not None:
                self.counts.pages_extracted += 1
                self.counts.profile_misses += page.article.missed_a_template_anchor
                self.counts.incomplete += page.article.incomplete
                self.write_article(page.article, response_id)
            else:
                self.quarantine(fetch.url, page.rejection, response_id)
        elif fetch.outcome == "not_modified":
            self.counts.unchanged += 1
        elif fetch.outcome == "gone":
            self.mark_deleted(fetch.url, response_id)
        else:
            self.counts.failed += 1
        if not reprocessed:
            self.update_frontier(fetch, published_at)

    def write_continuation_page(self, page: PageResult) -> None:
        """A later page of an article: only its frontier row, tied to the first page's."""
        fetch = page.fetch
        if page.response_id is None:
            self.update_frontier(fetch, None)
        if fetch.url == page.first_page_url:
            return
        self.continuation_pages[fetch.url] = page.first_page_url or ""
        article_id = self.known_article_ids.get(page.first_page_url or "")
        if article_id:
            self.link_article(fetch.url, article_id)

    def write_article(self, article: Article, response_id: int) -> None:
        article_id = self.frontier_article_id(article.url) or self.identity_id(article)
        decision = decide_version(
            self.latest_version(article_id),
            article,
            extractor_change=self.batch.changes_are_extractor_changes,
        )
        if decision.rejection is not None:
            self.quarantine(article.url, decision.rejection, response_id)
            return
        if decision.change_kind is None:
            self.counts.unchanged += 1
        else:
            if decision.change_kind == "first":
                self.counts.new_articles += 1
            else:
                self.counts.new_versions += 1
            self.insert_version(
                article_id, decision.version, decision.change_kind, article, response_id
            )
        self.link_article(article.url, article_id)

    def insert_version(
        self,
        article_id: str,
        version: int,
        change_kind: str,
        article: Article,
        response_id: int | None,
    ) -> None:
        published_on = (
            calendar_day(article.published_at, self.zone) if article.published_at else None
        )
        self.versions.append(
            {
                "article_id": article_id, "version": version, "source": self.source,
                "url": article.url, "canonical_url": article.canonical_url,
                "title": article.title, "subtitle": article.subtitle,
                "published_at": article.published_at, "published_on": published_on,
                "updated_at": article.updated_at, "authors": list(article.authors),
                "editor_note": article.editor_note, "body_text": article.text,
                "body_blocks": json.dumps(
                    [[block.kind, block.text] for block in article.body], ensure_ascii=False
                ),
                "images": json.dumps(
                    [image.__dict__ for image in article.images], ensure_ascii=False
                ),
                "tags": list(article.tags), "language": article.language,
                "word_count": article.word_count, "content_hash": article.content_hash,
                "confidence": article.confidence, "profile": article.profile,
                "transformer_version": article.transformer_version, "change_kind": change_kind,
                "is_deleted": False, "valid_from": self.now, "response_id": response_id,
                "run_id": self.run_id, "load_id": self.load_id,
                "article_key": article.article_key, "credits": list(article.credits),
                "field_sources": json.dumps(article.sources, ensure_ascii=False),
                "profile_misses": list(article.profile_misses),
                "is_incomplete": article.incomplete, "missing_pages": list(article.missing_pages),
            }
        )  # fmt: skip
        self.latest_versions[article_id] = (version, article.content_hash, False, len(article.text))
        self.published_at[article_id] = article.published_at
        self.touched_articles.add(article_id)
        self.rows += 1

    def mark_deleted(self, url: str, response_id: int) -> None:
        article_id = self.frontier_article_id(url)
        latest = self.latest_version(article_id) if article_id else None
        if article_id is None or latest is None or latest[2]:
            return
        self.flush()  # the deleted version copies the latest one, which may still be pending
        self.connection.execute(
            "INSERT INTO raw_article_versions (article_id, version, source, url, canonical_url, title, "
            "change_kind, is_deleted, valid_from, response_id, run_id, load_id) "
            "SELECT article_id, version + 1, source, ?, canonical_url, title, 'deleted', true, ?, ?, ?, ? "
            "FROM raw_article_versions WHERE article_id = ? AND version = ?",
            [url, self.now, response_id, self.run_id, self.load_id, article_id, latest[0]],
        )
        self.latest_versions[article_id] = (latest[0] + 1, None, True, 0)
        self.published_at[article_id] = None
        self.touched_articles.add(article_id)
        self.counts.deletions += 1
        self.rows += 1

    def quarantine(self, url: str, rejection: NotAnArticle | None, response_id: int) -> None:
        reason = rejection.reason if rejection else "not_extracted"
        detail = rejection.detail if rejection else None
        self.quarantined.append(
            {
                "source": self.source, "url": url, "reason": reason, "detail": detail,
                "response_id": response_id, "quarantined_at": self.now, "run_id": self.run_id,
                "load_id": self.load_id,
            }
        )  # fmt: skip
        self.counts.quarantined += 1
        self.rows += 1

    def link_article(self, url: str, article_id: str) -> None:
        self.article_links[url] = article_id  # applied by flush_frontier
        self.known_article_ids[url] = article_id

    def published_at_of(self, url: str) -> datetime | None:
        article_id = self.frontier_article_id(url)
        if article_id is None:
            return None
        if article_id not in self.published_at:
            self.latest_version(article_id)
        return self.published_at.get(article_id)

    def update_frontier(self, fetch: FetchResult, published_at: datetime | None) -> None:
        if published_at is None and fetch.outcome == "not_modified":
            published_at = self.published_at_of(fetch.url)
        if fetch.outcome in ("fetched", "not_modified"):
            # applied by flush_frontier
            self.fetched[fetch.url] = (
                fetch.fetched_at, next_check_after(fetch.fetched_at, published_at), fetch.outcome,
                fetch.etag, fetch.last_modified,
            )  # fmt: skip
        else:
            self.connection.execute(
                "INSERT INTO frontier (source, url, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [self.source, fetch.url, self.now],
            )
            failures = self.connection.execute(
                "SELECT failures FROM frontier WHERE source = ? AND url = ?",
                [self.source, fetch.url],
            ).fetchone()[0]
            self.connection.execute(
                "UPDATE frontier SET last_outcome = ?, failures = failures + 1, next_check_at = ? "
                "WHERE source = ? AND url = ?",
                [
                    fetch.outcome, next_check_after_failure(fetch.outcome, failures or 0, self.now),
                    self.source, fetch.url,
                ],
            )  # fmt: skip


_LATEST_COLUMNS = (
    "SELECT unnest(?::VARCHAR[]) AS article_id, unnest(?::INTEGER[]) AS version, "
    "unnest(?::VARCHAR[]) AS content_hash, unnest(?::BOOLEAN[]) AS is_deleted, "
    "unnest(?::INTEGER[]) AS body_length, unnest(?::TIMESTAMPTZ[]) AS published_at"
)
INSERT_LATEST = (
    "INSERT INTO article_latest (article_id, version, content_hash, is_deleted, body_length, "
    f"published_at) {_LATEST_COLUMNS}"
)
UPDATE_LATEST = (
    "UPDATE article_latest SET version = u.version, content_hash = u.content_hash, "
    "is_deleted = u.is_deleted, body_length = u.body_length, published_at = u.published_at "
    f"FROM ({_LATEST_COLUMNS}) AS u WHERE article_latest.article_id = u.article_id"
)

# (column, DuckDB type) of each table the load writes in bulk; rows are dicts by column name.
RESPONSE_COLUMNS = (
    ("response_id", "BIGINT"), ("load_id", "VARCHAR"), ("run_id", "VARCHAR"),
    ("source", "VARCHAR"), ("url", "VARCHAR"), ("final_url", "VARCHAR"), ("purpose", "VARCHAR"),
    ("outcome", "VARCHAR"), ("status_code", "INTEGER"), ("content_type", "VARCHAR"),
    ("etag", "VARCHAR"), ("last_modified", "VARCHAR"), ("body_sha256", "VARCHAR"),
    ("body_bytes", "BIGINT"), ("warc_file", "VARCHAR"), ("warc_offset", "BIGINT"),
    ("warc_length", "BIGINT"), ("fetched_at", "TIMESTAMPTZ"), ("elapsed_ms", "DOUBLE"),
    ("attempts", "INTEGER"), ("error", "VARCHAR"), ("replaced_chars", "INTEGER"),
)  # fmt: skip
VERSION_COLUMNS = (
    ("article_id", "VARCHAR"), ("version", "INTEGER"), ("source", "VARCHAR"), ("url", "VARCHAR"),
    ("canonical_url", "VARCHAR"), ("title", "VARCHAR"), ("subtitle", "VARCHAR"),
    ("published_at", "TIMESTAMPTZ"), ("published_on", "DATE"), ("updated_at", "TIMESTAMPTZ"),
    ("authors", "VARCHAR[]"), ("editor_note", "VARCHAR"), ("body_text", "VARCHAR"),
    ("body_blocks", "VARCHAR"), ("images", "VARCHAR"), ("tags", "VARCHAR[]"),
    ("language", "VARCHAR"), ("word_count", "INTEGER"), ("content_hash", "VARCHAR"),
    ("confidence", "DOUBLE"), ("profile", "VARCHAR"), ("transformer_version", "VARCHAR"),
    ("change_kind", "VARCHAR"), ("is_deleted", "BOOLEAN"), ("valid_from", "TIMESTAMPTZ"),
    ("response_id", "BIGINT"), ("run_id", "VARCHAR"), ("load_id", "VARCHAR"),
    ("article_key", "VARCHAR"), ("credits", "VARCHAR[]"), ("field_sources", "JSON"),
    ("profile_misses", "VARCHAR[]"), ("is_incomplete", "BOOLEAN"), ("missing_pages", "VARCHAR[]"),
)  # fmt: skip
QUARANTINE_COLUMNS = (
    ("source", "VARCHAR"), ("url", "VARCHAR"), ("reason", "VARCHAR"), ("detail", "VARCHAR"),
    ("response_id", "BIGINT"), ("quarantined_at", "TIMESTAMPTZ"), ("run_id", "VARCHAR"),
    ("load_id", "VARCHAR"),
)  # fmt: skip


def _insert_columns(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    columns: tuple[tuple[str, str], ...],
    rows: list[dict[str, object]],
) -> None:
    """One INSERT of many rows, by column name (`BY NAME`): each column passed as one typed list,
    unnested side by side under its own name, so neither the table's column order nor the
    order of `columns` matters; a row lacking a declared column is an error, not a shift."""
    unnested = ", ".join(f"unnest(?::{kind}[]) AS {name}" for name, kind in columns)
    connection.execute(
        f"INSERT INTO {table} BY NAME SELECT {unnested}",  # noqa: S608 - names are ours
        [[row[name] for row in rows] for name, _ in columns],
    )
