"""Re-run the transforms over archived responses, with no network, after an extractor change.

For every URL of a source that is not gone, the latest archived article response is read back
from its WARC file, decoded and extracted again, and loaded: an article whose content differs
from its current version gets a new version with change_kind = 'extractor'. The new version
points at the archived response it came from; no response row is duplicated.
"""

from __future__ import annotations

import hashlib
import time

from fetch.archive import read_archived
from flows.engine import pages as multi_page
from flows.engine import resources, steps
from flows.engine.source_run import recorded_run
from flows.engine.source_summary import SourceRunSummary, StageTimer
from flows.engine.stages import pipelined
from flows.engine.transform_pool import transform_in_workers, wants_workers, warm_up
from records.fetch import FetchResult
from settings import Settings, Source
from transforms.limits import NO_LIMITS
from warehouse import readers
from warehouse.safety import ReprocessError, record_reprocess_errors

REPROCESS_FLOW_RUN_ID = "reprocess"


def archived_responses(
    settings: Settings, source: Source
) -> tuple[list[tuple[int, FetchResult]], list[ReprocessError]]:
    """(response_id, the response as fetched, body read back from the WARC) for each live URL,
    and the records that could not be read back or whose body is not the one recorded."""
    with resources.open_warehouse(settings) as warehouse:
        rows = [
            list(row.values()) for row in readers.latest_archived_responses(warehouse, source.name)
        ]
    responses: list[tuple[int, FetchResult]] = []
    errors: list[ReprocessError] = []
    for response_id, url, final_url, status, fetched_at, warc_file, offset, length, sha in rows:
        try:
            archived = read_archived(settings.raw_dir, warc_file, offset)
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


def reprocess_source(settings: Settings, source: Source) -> SourceRunSummary:
    """Transform and load every archived response of `source` again, as one recorded run.

    A damaged or missing WARC record is skipped, counted as failed and kept in
    `reprocess_errors` with its reason; the others are processed. A source with nothing
    archived is skipped (status "skipped") and records no run.
    """
    started = time.perf_counter()
    with resources.run_lock(settings):
        steps.record_abandoned_runs(settings)  # nobody else holds the lock: none is live
        responses, errors = archived_responses(settings, source)
        if not responses and not errors:
            return SourceRunSummary(source.name, "", status="skipped")
        read_seconds = time.perf_counter() - started
        with recorded_run(settings, source, REPROCESS_FLOW_RUN_ID) as summary:
            summary.stage_seconds["read_archive"] = read_seconds
            with resources.open_warehouse(settings) as warehouse:
                record_reprocess_errors(
                    warehouse, source.name, summary.run_id, errors, steps.now_utc()
                )
            summary.counts.failed += len(errors)
            timer = StageTimer(summary)
            parallel = wants_workers(settings, len(responses))
            if parallel:
                warm_up(settings)

            def transform(batch: list) -> list:
                with timer.stage("transform"):
                    results = [result for _, result in batch]
                    if parallel:  # cut once assembled
                        pages = transform_in_workers(settings, source, results, NO_LIMITS)
                    else:
                        pages = steps.transform_pages(source, results, NO_LIMITS)
                    for page, (response_id, _) in zip(pages, batch, strict=True):
                        page.response_id = response_id
                    return multi_page.assemble_archived(pages, resources.text_limits(settings))

            batches = multi_page.batches_keeping_articles_whole(
                responses, settings.fetch_batch_size, lambda response: response[1].url
            )
            # the next batch is transformed (in the workers) while this one loads
            for pages in pipelined(batches, (transform,)):
                with timer.stage("load"):
                    counts = steps.load_pages(
                        settings, source, summary.run_id, pages, extractor_changes=True
                    )
                summary.counts.add(counts)
    return summary
