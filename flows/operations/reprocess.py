"""Re-run the transforms over archived responses, with no network, after an extractor change.

For every URL of a source that is not gone, the latest archived article response is read back
from its WARC file, decoded and extracted again, and loaded: an article whose content differs
from its current version gets a new version with change_kind = 'extractor'. The new version
points at the archived response it came from; no response row is duplicated.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from fetch.archive import read_archived
from flows.engine import pages as multi_page
from flows.engine import resources, steps
from flows.engine.source_run import recorded_run
from flows.engine.source_summary import SourceRunSummary, StageTimer
from flows.engine.stages import pipelined
from flows.engine.transform_pool import PendingTransform, WorkersOnDemand, start_transform
from records.fetch import FetchResult
from settings import Settings, Source
from transforms.limits import NO_LIMITS
from warehouse import PageResult, readers
from warehouse.safety import ReprocessError, record_reprocess_errors

REPROCESS_FLOW_RUN_ID = "reprocess"


# (response_id, url, final_url, status, fetched_at, warc_file, offset, length, sha256)
ArchivedRow = tuple


def archived_rows(settings: Settings, source: Source) -> list[ArchivedRow]:
    """Where the latest archived article response of each live URL of `source` is."""
    with resources.open_warehouse(settings) as warehouse:
        return [
            tuple(row.values()) for row in readers.latest_archived_responses(warehouse, source.name)
        ]


def read_responses(
    settings: Settings, rows: list[ArchivedRow]
) -> tuple[list[tuple[int, FetchResult]], list[ReprocessError]]:
    """(response_id, the response as fetched, body read back from the WARC) for each row, and
    the records that could not be read back or whose body is not the one recorded."""
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

    Batches are read from the archive, transformed (in the workers when there are many) and
    loaded in overlapping stages: the workers start while the first records are read.
    """
    with resources.run_lock(settings):
        steps.record_abandoned_runs(settings)  # nobody else holds the lock: none is live
        rows = archived_rows(settings, source)
        if not rows:
            return SourceRunSummary(source.name, "", status="skipped")
        parallel = WorkersOnDemand(settings).wanted_for(len(rows))
        with recorded_run(settings, source, REPROCESS_FLOW_RUN_ID) as summary:
            timer = StageTimer(summary)

            def read(batch: list[ArchivedRow]) -> _Batch:
                with timer.stage("read_archive"):
                    return _Batch(*read_responses(settings, batch))

            def start(batch: _Batch) -> _Batch:
                with timer.stage("transform"):  # cut once assembled
                    results = [result for _, result in batch.responses]
                    batch.pending = start_transform(settings, source, results, NO_LIMITS, parallel)
                    return batch

            def finish(batch: _Batch) -> _Batch:
                assert batch.pending is not None
                with timer.stage("transform"):
                    pages = batch.pending.result()
                    for page, (response_id, _) in zip(pages, batch.responses, strict=True):
                        page.response_id = response_id
                    batch.pages = multi_page.assemble_archived(
                        pages, resources.text_limits(settings)
                    )
                    return batch

            batches = multi_page.batches_keeping_articles_whole(
                rows, settings.fetch_batch_size, lambda row: row[1]
            )
            # the next batches are read and transformed (in the workers) while this one loads
            for batch in pipelined(batches, (read, start, finish)):
                with timer.stage("load"):
                    counts = steps.load_pages(
                        settings, source, summary.run_id, batch.pages, extractor_changes=True
                    )
                    if batch.errors:
                        with resources.open_warehouse(settings) as warehouse:
                            record_reprocess_errors(
                                warehouse,
                                source.name,
                                summary.run_id,
                                batch.errors,
                                steps.now_utc(),
                            )
                summary.counts.add(counts)
                summary.counts.failed += len(batch.errors)
    return summary


@dataclass
class _Batch:
    responses: list[tuple[int, FetchResult]]
    errors: list[ReprocessError]
    pending: PendingTransform | None = None
    pages: list[PageResult] = field(default_factory=list)
