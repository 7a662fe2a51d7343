"""Re-run the transforms over archived responses, with no network, after an extractor change.

For every URL of a source that is not gone, the latest archived article response is read back
from its WARC file, decoded and extracted again, and loaded: an article whose content differs
from its current version gets a new version with change_kind = 'extractor'. The new version
points at the archived response it came from; no response row is duplicated.
"""

from __future__ import annotations

from flows.engine import pages as multi_page
from flows.engine import resources, steps
from flows.engine.page_transform import ArchivedRow, read_and_transform
from flows.engine.source_run import recorded_run
from flows.engine.source_summary import SourceRunSummary, StageTimer
from flows.engine.stages import pipelined
from flows.engine.transform_pool import InWorkers, WorkersOnDemand, start_in_workers
from settings import Settings, Source
from warehouse import PageResult, readers
from warehouse.safety import ReprocessError, record_reprocess_errors

REPROCESS_FLOW_RUN_ID = "reprocess"


def archived_rows(settings: Settings, source: Source) -> list[ArchivedRow]:
    """Where the latest archived article response of each live URL of `source` is."""
    with resources.open_warehouse(settings) as warehouse:
        return [
            tuple(row.values()) for row in readers.latest_archived_responses(warehouse, source.name)
        ]


def reprocess_source(settings: Settings, source: Source) -> SourceRunSummary:
    """Transform and load every archived response of `source` again, as one recorded run.

    A damaged or missing WARC record is skipped, counted as failed and kept in
    `reprocess_errors` with its reason; the others are processed. A source with nothing
    archived is skipped (status "skipped") and records no run.

    Batches are read from the archive and transformed (both in the workers when there are
    many) while the one before loads.
    """
    with resources.run_lock(settings), resources.warehouse_session(settings):
        steps.record_abandoned_runs(settings)  # nobody else holds the lock: none is live
        rows = archived_rows(settings, source)
        if not rows:
            return SourceRunSummary(source.name, "", status="skipped")
        parallel = WorkersOnDemand(settings).wanted_for(len(rows))
        with recorded_run(settings, source, REPROCESS_FLOW_RUN_ID) as summary:
            timer = StageTimer(summary)

            def start(rows: list[ArchivedRow]) -> InWorkers[PageResult | ReprocessError]:
                with timer.stage("transform"):
                    arguments = (settings.raw_dir, source)
                    return start_in_workers(settings, read_and_transform, arguments, rows, parallel)

            def finish(
                started: InWorkers[PageResult | ReprocessError],
            ) -> tuple[list[PageResult], list[ReprocessError]]:
                with timer.stage("transform"):
                    done = started.result()
                    pages = [page for page in done if isinstance(page, PageResult)]
                    errors = [error for error in done if isinstance(error, ReprocessError)]
                    # cut once assembled
                    return multi_page.assemble_archived(
                        pages, resources.text_limits(settings)
                    ), errors

            batches = multi_page.batches_keeping_articles_whole(
                rows, settings.fetch_batch_size, lambda row: row[1]
            )
            # the next batches are read and transformed (in the workers) while this one loads
            for pages, errors in pipelined(batches, (start, finish)):
                with timer.stage("load"):
                    counts = steps.load_pages(
                        settings, source, summary.run_id, pages, extractor_changes=True
                    )
                    if errors:
                        with resources.open_warehouse(settings) as warehouse:
                            record_reprocess_errors(
                                warehouse, source.name, summary.run_id, errors, steps.now_utc()
                            )
                summary.counts.add(counts)
                summary.counts.failed += len(errors)
    return summary
