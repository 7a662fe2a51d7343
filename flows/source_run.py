"""The order of the steps for one source run, shared by the Prefect flow and direct calls."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flows import pages as multi_page
from flows import steps
from flows.steps import SourceRunSummary, StageTimer
from newsetl.settings import Settings, Source


@dataclass(frozen=True)
class Steps:
    """The callables a run uses: plain functions, or the same functions wrapped as Prefect tasks."""

    discover: Callable[..., Any] = steps.discover
    plan_fetches: Callable[..., Any] = steps.plan_fetches
    fetch_pages: Callable[..., Any] = steps.fetch_pages
    transform_pages: Callable[..., Any] = steps.transform_pages
    load_pages: Callable[..., Any] = steps.load_pages


PLAIN_STEPS = Steps()


@contextmanager
def recorded_run(
    settings: Settings, source: Source, flow_run_id: str | None = None
) -> Iterator[SourceRunSummary]:
    """A run row from start to finish: its status and error whatever happens, checks on success.

    The caller holds the run lock.
    """
    started = time.perf_counter()
    summary = SourceRunSummary(source.name, steps.start_run(settings, source, flow_run_id))
    try:
        yield summary
        summary.status = "completed"
    except BaseException as error:
        # KeyboardInterrupt and SystemExit end the run too: record them, never leave it "running".
        summary.status = "failed" if isinstance(error, Exception) else "interrupted"
        summary.error = f"{type(error).__name__}: {error}"
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        steps.finish_run(settings, summary)
        if summary.status != "completed":
            steps.export_parquet(settings)  # a failure must show in every read path
    with StageTimer(summary).stage("check_and_export"):
        steps.check_and_export(settings, summary)


def run_source(
    settings: Settings,
    source: Source,
    *,
    step_functions: Steps = PLAIN_STEPS,
    backfill: bool = False,
    recheck_all: bool = False,
    flow_run_id: str | None = None,
    progress: steps.Progress | None = None,
) -> SourceRunSummary:
    """Discover, fetch, transform and load one source, batch by batch, under the run lock."""
    with steps.run_lock(settings), recorded_run(settings, source, flow_run_id) as summary:
        timer = StageTimer(summary)
        with timer.stage("discover"):
            discovery = step_functions.discover(
                settings,
                source,
                summary.run_id,
                backfill=backfill,
                **({"progress": progress} if progress else {}),
            )
            steps.check_listing(source, discovery)
            requests = step_functions.plan_fetches(
                settings, source, discovery, recheck_all=recheck_all
            )
            requests = multi_page.plan_first_pages(settings, source, requests)
        summary.listing_pages = discovery.pages_read
        summary.discovered = len(discovery.new_urls)
        pending_discovery = discovery
        fetched_so_far = 0
        for batch in steps.batches(requests, settings.fetch_batch_size):
            with timer.stage("fetch"):
                results = step_functions.fetch_pages(settings, source, summary.run_id, batch)
            with timer.stage("transform"):
                pages = step_functions.transform_pages(source, results, steps.text_limits(settings))
            with timer.stage("fetch"):  # the other pages of multi-page articles
                pages = multi_page.complete_articles(settings, source, summary.run_id, pages)
            with timer.stage("load"):
                counts = step_functions.load_pages(
                    settings, source, summary.run_id, pages, pending_discovery
                )
            summary.counts.add(counts)
            pending_discovery = None
            fetched_so_far += len(batch)
            if progress is not None:
                progress("fetch", fetched_so_far, len(requests))
        if pending_discovery is not None:
            with timer.stage("load"):
                step_functions.load_pages(settings, source, summary.run_id, [], pending_discovery)
        if backfill:
            steps.finish_backfill(settings, source)
    return summary
