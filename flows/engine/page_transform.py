"""Pages in, what the transform made of them out: the work a transform worker does, kept apart
from the run's machinery so that a worker imports the extractors and little else (no HTTP
client, no database driver: its start is what a small run waits for)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from fetch.archive import read_archived
from records.article import NotAnArticle
from records.fetch import FetchResult
from records.page import PageResult, ReprocessError
from settings import Source
from transforms.decode import decode_html
from transforms.extract import extract_article
from transforms.limits import NO_LIMITS, TextLimits, cap_text_fields
from transforms.profiles.registry import PROFILES

# where an archived response is: (response_id, url, final_url, status, fetched_at, warc_file,
# offset, length, sha256), as `warehouse.readers.latest_archived_responses` gives it
ArchivedRow = tuple
# what crosses back from a worker for one page: (article, rejection, truncations, replaced_chars)
Outcome = tuple[Any, Any, list, int]


def source_timezone(source: Source) -> str | None:
    """The zone for dates a page gives without an offset. Said once: by the source's site
    profile (BIT's is Asia/Shanghai), or in the config for a generic site or an override;
    None for a generic site that says nothing: each page tells its own (`transforms.zones`)."""
    if source.timezone:
        return source.timezone
    profile = PROFILES.get(source.profile)
    return profile.timezone if profile else None


def source_calendar_zone(source: Source) -> str:
    """The zone whose calendar a UTC stamp's day is read in: the source's, else UTC."""
    return source_timezone(source) or "UTC"


def transform_pages(
    source: Source, results: list[FetchResult], limits: TextLimits | None = None
) -> list[PageResult]:
    """Decode and extract every fetched body; a page that fails becomes a rejection, never a crash.

    Over-long text fields are cut to `limits` and the cuts kept on the page; a run passes
    NO_LIMITS and cuts in `flows.engine.pages` instead, after multi-page articles are assembled.
    """
    limits = limits or TextLimits()
    pages: list[PageResult] = []
    for result in results:
        page = PageResult(result)
        if result.outcome == "fetched" and result.body is not None:
            try:
                html, result.replaced_chars = decode_html(result.body, result.content_type)
                article = extract_article(
                    html,
                    result.url,
                    profile=source.profile,
                    default_timezone=source_timezone(source),
                )
                page.article, page.truncations = cap_text_fields(article, limits)
            except NotAnArticle as rejection:
                page.rejection = rejection
            except Exception as error:  # noqa: BLE001 - any extractor bug must quarantine, not crash
                page.rejection = NotAnArticle("extractor_error", f"{type(error).__name__}: {error}")
        pages.append(page)
    return pages


def transform_outcomes(
    source: Source, limits: TextLimits, results: list[FetchResult]
) -> list[Outcome]:
    """What the transform made of each page, without the page's body, which the calling
    process holds already (sending it back would double what crosses the pipe)."""
    return [
        (page.article, page.rejection, page.truncations, page.fetch.replaced_chars)
        for page in transform_pages(source, results, limits)
    ]


def read_responses(
    raw_dir: Path, rows: list[ArchivedRow]
) -> tuple[list[tuple[int, FetchResult]], list[ReprocessError]]:
    """(response_id, the response as fetched, body read back from the WARC) for each row, and
    the records that could not be read back or whose body is not the one recorded."""
    responses: list[tuple[int, FetchResult]] = []
    errors: list[ReprocessError] = []
    for response_id, url, final_url, status, fetched_at, warc_file, offset, length, sha in rows:
        try:
            archived = read_archived(raw_dir, warc_file, offset)
        except Exception as error:  # noqa: BLE001 - a damaged record of any kind is skipped
            reason = f"unreadable WARC record: {type(error).__name__}: {error}"
            errors.append(ReprocessError(response_id, url, warc_file, offset, reason))
            continue
        if sha and hashlib.sha256(archived.body).hexdigest() != sha:
            reason = "WARC record body does not match the SHA-256 recorded at fetch time"
            errors.append(ReprocessError(response_id, url, warc_file, offset, reason))
            continue
        result = FetchResult(
            url=url,
            purpose="article",
            outcome="fetched",
            fetched_at=fetched_at,
            final_url=final_url,
            status_code=status,
            headers=archived.headers,
            body=archived.body,
            body_sha256=sha,
            warc_file=warc_file,
            warc_offset=offset,
            warc_length=length,
        )
        responses.append((response_id, result))
    return responses, errors


def read_and_transform(
    raw_dir: Path, source: Source, rows: list[ArchivedRow]
) -> list[PageResult | ReprocessError]:
    """Each row's response read back and transformed, or why it could not be read, so the
    run's process only loads. The bodies stay behind: a reprocess adds versions, never
    responses, and the responses are stored already."""
    responses, errors = read_responses(raw_dir, rows)
    pages = transform_pages(source, [result for _, result in responses], NO_LIMITS)
    for page, (response_id, _) in zip(pages, responses, strict=True):
        page.response_id = response_id
        page.fetch.body = None
    return [*pages, *errors]
