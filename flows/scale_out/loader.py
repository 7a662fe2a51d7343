"""Scale-out runs (issue 14): a worker runs a source into a load package; one loader commits them.

Workers never open the warehouse for writing. The crawl state a worker needs (which URLs are
known, what is due for a re-check, validators, feed watermarks, listing gaps) is read from the
*last committed state*: the warehouse opened read-only, briefly, at the start of the run. A
source run whose package is not committed yet is therefore invisible to the next run of the same
source, which re-fetches the same pages; the loader's version decisions make that harmless (an
unchanged article is "unchanged", never a second copy). The scheduler runs the loader after
each round, so this only happens when two rounds overlap.

Plain functions: the Prefect flows in `flows/orchestration/scale_out.py` only wrap them.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fetch import discover as discovery_methods
from fetch.archive import WarcArchive
from fetch.discover import Discovery, DiscoveryFailed, DiscoveryWorkers
from fetch.http import Fetcher, FetchRequest, crawl_state_for
from fetch.limits import host_of
from flows.engine import resources, steps
from flows.engine.page_transform import source_calendar_zone
from flows.engine.run_order import RunWiring, run_in_order
from flows.engine.source_summary import SourceRunSummary
from flows.engine.steps import now_utc
from settings import Settings, Source, run_record
from warehouse import LoadBatch, LoadCounts, PageResult, Warehouse, frontier
from warehouse.export import export_marts
from warehouse.package_retention import (
    InFlightRun,
    in_flight_runs,
    prune_committed,
    remove_dead_run,
    triage,
    waiting_for_older_runs,
)
from warehouse.packages import (
    CommittedPackage,
    DiscoveryMark,
    PackageContents,
    PackageInvalid,
    PackageWriter,
    commit_package,
    move_aside,
    move_to_committed,
    new_run_id,
    scan_ready,
)
from warehouse.quality import run_checks
from warehouse.runs import abandon_open_runs, record_crashed_run

PACKAGES_DIR_NAME = "packages"
WORKER_NAME_ENV = "NEWSETL_WORKER_NAME"
log = logging.getLogger("newsetl")


def packages_dir(settings: Settings) -> Path:
    return settings.data_dir / PACKAGES_DIR_NAME


@dataclass
class PackagedRun:
    """What a worker's source run produced: counts of what it fetched, where its package is."""

    source: str
    run_id: str
    package_path: Path | None = None
    status: str = "completed"
    listing_pages: int = 0
    discovered: int = 0
    pages: int = 0
    error: str | None = None

    def as_row(self) -> dict[str, object]:
        return {
            "source": self.source,
            "run_id": self.run_id,
            "status": self.status,
            "listing_pages": self.listing_pages,
            "discovered": self.discovered,
            "pages": self.pages,
            "package": str(self.package_path or ""),
            "error": self.error or "",
        }


@contextmanager
def committed_state(settings: Settings) -> Iterator[Warehouse | None]:
    """The warehouse read-only (None before the first commit), held only while reading."""
    if not settings.warehouse_path.exists():
        yield None
        return
    with Warehouse.open(
        settings.warehouse_path, read_only=True, wait_seconds=settings.lock_timeout_seconds
    ) as warehouse:
        yield warehouse


def _read_state(settings: Settings, read: Callable[[Warehouse], Any], default: Any) -> Any:
    with committed_state(settings) as warehouse:
        return default if warehouse is None else read(warehouse)


def make_package_fetcher(
    settings: Settings, source: Source, run_id: str, warc_dir: Path, limiter: Any = None
) -> Fetcher:
    """Like `resources.make_fetcher`, but archiving into the package and with an optional shared
    per-host limiter (so workers on several machines keep one host's limits together)."""
    archive = WarcArchive(warc_dir, source.name, run_id)
    fetcher = Fetcher(
        resources.fetch_policy(settings, source), archive, source.origins, crawl_state_for(run_id)
    )
    if limiter is not None:
        fetcher.limiter = limiter
    return fetcher


def discover_from_committed_state(
    settings: Settings, source: Source, fetcher: Fetcher, workers: DiscoveryWorkers | None = None
) -> Discovery:
    name = source.name
    return discovery_methods.discover(
        fetcher,
        source,
        lambda urls: _read_state(settings, lambda w: frontier.url_states(w, name, urls), {}),
        watermark_of=lambda url: _read_state(
            settings, lambda w: frontier.watermark(w, name, url), None
        ),
        listing_gap=lambda url: _read_state(
            settings, lambda w: frontier.listing_gap(w, name, url), None
        ),
        workers=workers,
    )


def plan_from_committed_state(
    settings: Settings, source: Source, discovery: Discovery, *, recheck_all: bool = False
) -> list[FetchRequest]:
    """The same plan as `steps.plan_fetches`, read from the last committed state."""
    with committed_state(settings) as warehouse:
        return steps.planned_requests(
            warehouse, settings, source, discovery, recheck_all=recheck_all
        )


def produced_by() -> str:
    """Who ran a source: `$NEWSETL_WORKER_NAME` (set per worker) at the host's name."""
    worker = os.environ.get(WORKER_NAME_ENV, "")
    return f"{worker}@{socket.gethostname()}" if worker else socket.gethostname()


def leased_hosts(limiter: Any, source: Source) -> AbstractContextManager[None]:
    """The source's hosts leased for the whole run, when the limiter leases (else nothing)."""
    if limiter is None or not hasattr(limiter, "for_run"):
        return nullcontext()
    return limiter.for_run(run_hosts(source))


def run_hosts(source: Source) -> list[str]:
    """Every host a run of `source` may send a request to, as the fetcher names them."""
    urls = [source.base_url, *source.listing_urls, *source.feed_full_urls]
    urls += [*source.sitemap_full_urls, *(f"http://{host}" for host in source.allowed_hosts)]
    return sorted({host_of(url) for url in urls})


@contextmanager
def heartbeat(writer: PackageWriter, every_seconds: float) -> Iterator[None]:
    """Touch the package's heartbeat while the run lives (a thread: it beats while the run's
    threads fetch and parse); the loader records a run whose heartbeat stopped as crashed."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every_seconds):
            writer.beat()

    thread = threading.Thread(target=beat, name=f"heartbeat-{writer.run_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@dataclass
class _Collected:
    discovery: Discovery | None = None
    pages: list[PageResult] = field(default_factory=list)


def run_source_to_package(
    settings: Settings,
    source: Source,
    *,
    flow_run_id: str | None = None,
    recheck_all: bool = False,
    limiter: Any = None,
    started_at: datetime | None = None,
) -> PackagedRun:
    """Discover, fetch and transform one source into a load package; never writes the warehouse.

    Multi-page articles are planned and completed by the same code as on one machine
    (`flows/engine/pages.py`), their later pages fetched into the package's WARC and responses.

    A failing run still publishes a package (status failed, with what it fetched), so the
    warehouse records the failure once the loader commits it; then the error is raised.
    """
    started = started_at or now_utc()
    run_id = new_run_id(source.name, started)
    writer = PackageWriter(
        packages_dir(settings), run_id, source.name, started_at=started,
        flow_run_id=flow_run_id, produced_by=produced_by(),
    )  # fmt: skip
    summary = PackagedRun(source.name, run_id)
    collected = _Collected()

    def discover(fetcher: Fetcher, workers: DiscoveryWorkers) -> Discovery:
        try:
            collected.discovery = discover_from_committed_state(settings, source, fetcher, workers)
        except DiscoveryFailed as failed:
            collected.discovery = failed.discovery  # its responses go in the package
            raise
        return collected.discovery

    def deliver(pages: list[PageResult], discovery: Discovery | None) -> LoadCounts:
        collected.pages.extend(pages)  # the package is the batch sink: loaded by the loader
        return LoadCounts()

    wiring = RunWiring(
        discover=discover,
        plan=lambda discovery: plan_from_committed_state(
            settings, source, discovery, recheck_all=recheck_all
        ),
        crawl_state=lambda: committed_state(settings),
        deliver=deliver,
    )
    failure: BaseException | None = None
    timings = SourceRunSummary(source.name, run_id)
    try:
        with (
            heartbeat(writer, settings.package_heartbeat_seconds),
            leased_hosts(limiter, source),
            make_package_fetcher(settings, source, run_id, writer.warc_dir, limiter) as fetcher,
        ):
            # the same run order as on one machine (flows/engine/run_order.py)
            run_in_order(settings, source, fetcher, wiring, timings)
    except Exception as error:
        failure = error
        summary.status = "failed"
        summary.error = f"{type(error).__name__}: {error}"
    except BaseException:
        writer.discard()  # interrupted: nothing published, the next run starts afresh
        raise
    summary.listing_pages, summary.discovered = timings.listing_pages, timings.discovered
    discovery = collected.discovery
    summary.pages = len(collected.pages)
    contents = PackageContents(
        run_id=run_id,
        source=source.name,
        created_at=started,
        batch=LoadBatch(
            links=discovery.links if discovery else [],
            listing_responses=discovery.responses if discovery else [],
            pages=collected.pages,
            timezone=source_calendar_zone(source),
        ),
        flow_run_id=flow_run_id,
        status=summary.status,
        error=summary.error,
        listing_pages=summary.listing_pages,
        discovered=summary.discovered,
        watermarks=[
            DiscoveryMark(mark.url, mark.kind, mark.newest, mark.entries)
            for mark in (discovery.watermarks if discovery and not failure else [])
        ],
        listing_gaps=dict(discovery.listing_gaps) if discovery and not failure else {},
        produced_by=produced_by(),
        settings=run_record(settings, source),
    )
    summary.package_path = writer.publish(contents)
    if failure is not None:
        raise failure
    return summary


@dataclass
class LoaderSummary:
    committed: list[CommittedPackage] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # waiting for an older run of their source
    crashed: list[str] = field(default_factory=list)  # runs of dead workers, recorded
    abandoned: list[str] = field(default_factory=list)  # rows left open by a dead process
    moved_aside: list[str] = field(default_factory=list)  # unreadable packages, to failed/
    pruned: int = 0  # committed packages deleted by the retention policy

    @property
    def counts(self) -> LoadCounts:
        total = LoadCounts()
        for package in self.committed:
            total.add(package.counts)
        return total

    def as_row(self) -> dict[str, object]:
        return {
            "packages": len(self.committed),
            "resumed": sum(package.already_loaded for package in self.committed),
            "held": len(self.held),
            "crashed": len(self.crashed),
            "abandoned": len(self.abandoned),
            "moved_aside": len(self.moved_aside),
            "pruned": self.pruned,
            **self.counts.__dict__,
        }


def _crash_reason(run: InFlightRun, crashed_flow_runs: frozenset[str]) -> str:
    worker = run.produced_by or "its worker"
    if (run.flow_run_id or "") in crashed_flow_runs:
        return f"crashed: Prefect marked its flow run Crashed ({worker} stopped beating)"
    return (
        f"crashed: no heartbeat from {worker} since {run.last_beat:%Y-%m-%d %H:%M:%S} UTC "
        "(the worker died; nothing was committed)"
    )


def _record_dead_runs(
    settings: Settings,
    warehouse: Warehouse,
    summary: LoaderSummary,
    crashed_flow_runs: frozenset[str],
) -> list:
    """Record the runs of dead workers as crashed, remove their staging; the live ones back."""
    directory = packages_dir(settings)
    now = now_utc()
    runs = triage(
        in_flight_runs(directory),
        now=now,
        abandoned_after_seconds=settings.abandoned_after_seconds,
        crashed_flow_runs=crashed_flow_runs,
    )
    for run in runs.dead:
        if run.source:
            record_crashed_run(
                warehouse, run.run_id, source=run.source, started_at=run.created_at,
                finished_at=now, flow_run_id=run.flow_run_id, produced_by=run.produced_by,
                error=_crash_reason(run, crashed_flow_runs),
            )  # fmt: skip
            summary.crashed.append(run.run_id)
        remove_dead_run(run)
        log.warning("run %s (%s): its worker died; recorded crashed", run.run_id, run.source)
    return runs.live


def load_ready_packages(
    settings: Settings,
    *,
    export: bool | None = None,
    crashed_flow_runs: frozenset[str] = frozenset(),
) -> LoaderSummary:
    """Commit every published package, each source's runs oldest first, under the data
    directory's run lock (the one writer); each exactly once, so a crashed loader just runs
    again. A package whose source has an older run still being written waits for it.

    Also: runs of dead workers (no heartbeat, or their flow run in `crashed_flow_runs`) and
    rows left `running` are recorded; unreadable packages move to `failed/`; committed ones are
    pruned by the retention settings. The Parquet marts are exported only when `export` (default:
    `parquet_after_each_run`): on demand otherwise, as on one machine."""
    summary = LoaderSummary()
    directory = packages_dir(settings)
    export = settings.parquet_after_each_run if export is None else export
    with resources.run_lock(settings), resources.open_warehouse(settings) as warehouse:
        summary.abandoned = abandon_open_runs(
            warehouse, now=now_utc(), reason="abandoned: its process ended without closing it"
        )
        live = _record_dead_runs(settings, warehouse, summary, crashed_flow_runs)
        scan = scan_ready(directory)
        for path, why in scan.unreadable:
            move_aside(directory, path, why)
            summary.moved_aside.append(path.name)
            log.error("package %s moved to failed/: %s", path.name, why)
        ready, held = waiting_for_older_runs(scan.packages, live)
        summary.held = [package.package_id for package in held]
        for package in ready:
            try:
                committed = commit_package(warehouse, package.path, settings.raw_dir, now=now_utc())
            except PackageInvalid as error:
                move_aside(directory, package.path, str(error))
                summary.moved_aside.append(package.path.name)
                log.error("package %s moved to failed/: %s", package.path.name, error)
                continue
            if not committed.already_loaded and committed.status == "completed":
                run_checks(warehouse, committed.run_id, committed.source, now_utc())
            move_to_committed(directory, package.path)
            summary.committed.append(committed)
            log.info(
                "committed package %s (%s)%s",
                committed.package_id,
                committed.source,
                " (already loaded: bookkeeping only)" if committed.already_loaded else "",
            )
        summary.pruned = len(
            prune_committed(
                directory,
                now=now_utc(),
                keep_days=settings.committed_package_days,
                keep_count=settings.committed_package_count,
            )
        )
        if export and summary.committed:
            export_marts(warehouse, settings.data_dir / steps.PARQUET_DIR_NAME)
    return summary


def ensure_warehouse(settings: Settings) -> None:
    """Create (and migrate) the warehouse before workers read it; the loader's job, run once."""
    with resources.run_lock(settings), resources.open_warehouse(settings):
        pass
