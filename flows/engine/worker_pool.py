"""The command's worker processes: started once, shared by its sources, ready once each has
imported the extractors.

They are forked from a fork server that imported the extractors once (`forkserver`, preloaded):
spawning each worker on its own made every one import them again, a second of CPU a command
on two workers, taken from the run's own start. Forking the run's process itself is unsafe (its
fetch threads); the fork server is a fresh, single-threaded process. Where it is unavailable,
the workers are spawned.

This module imports nothing of the pipeline, so a command that will extract every page (a
backfill, `reprocess`) can start its workers before it imports the rest: the workers'
imports then run on the cores its own imports leave idle.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from settings import Settings

log = logging.getLogger("newsetl")

_pools: dict[int, ProcessPoolExecutor] = {}
_warming: dict[int, list[Future]] = {}  # each pool's imports, one a worker
_pools_lock = threading.Lock()
_starts: list[threading.Thread] = []
START_WAIT_AT_EXIT_SECONDS = 30.0  # a fork server that never answers must not hold the exit


def transform_workers(settings: Settings) -> int:
    """The setting, or every core the process may use when it is 0."""
    if settings.transform_workers > 0:
        return settings.transform_workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def warm_up(settings: Settings) -> None:
    """Start the workers now, importing the extractors, while the run does something else: a
    worker's start (~0.5-2 s) then overlaps it instead of delaying the transform. Once their
    imports are done, `workers_ready` says so. Nothing to start for a single worker.

    The start itself runs on a thread of its own: the first worker's fork waits for the fork
    server's imports, which the caller must not."""
    workers = transform_workers(settings)
    if workers <= 1:
        return
    with _pools_lock:
        if workers in _warming:
            return
        claim: list[Future] = []
        _warming[workers] = claim
    start = threading.Thread(
        target=_start, args=(workers, claim), name="newsetl-workers-start", daemon=True
    )
    _starts.append(start)
    start.start()


def _start(workers: int, claim: list[Future]) -> None:
    with _pools_lock:
        if _warming.get(workers) is not claim:  # shut down or discarded meanwhile
            return
    try:
        new_pool = pool(workers)
        claim.extend([new_pool.submit(_import_extractors) for _ in range(workers)])
    except (BrokenProcessPool, OSError, RuntimeError) as error:
        log.warning("transform workers unavailable (%s); transforming in process", error)
        discard_pool(workers)


def started(workers: int) -> bool:
    """Whether this command has started (or is starting) a pool of `workers`."""
    with _pools_lock:
        return workers in _warming or workers in _pools


def workers_ready(settings: Settings) -> bool:
    """Whether the workers were started and have imported the extractors."""
    with _pools_lock:
        imports = list(_warming.get(transform_workers(settings)) or ())
    return bool(imports) and all(future.done() for future in imports)


def _import_extractors() -> None:
    # the work where workers are spawned; forked from the preloaded server, the answer only
    # says the worker is up
    import flows.engine.page_transform  # noqa: F401


def _start_method() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # must be set before the server starts (once a process); the same for every pool
    context.set_forkserver_preload(["flows.engine.page_transform"])
    return context


def pool(workers: int) -> ProcessPoolExecutor:
    with _pools_lock:
        existing = _pools.get(workers)
        if existing is None:
            existing = _pools[workers] = ProcessPoolExecutor(
                max_workers=workers, mp_context=_start_method()
            )
        return existing


def discard_pool(workers: int) -> None:
    """Forget a pool that broke (a worker killed): the next one is made anew."""
    with _pools_lock:
        broken = _pools.pop(workers, None)
        _warming.pop(workers, None)
    if broken is not None:
        broken.shutdown(wait=False, cancel_futures=True)


def _finish_starts() -> None:
    """A command that stops in its first second lets a pool still starting finish its forks:
    `concurrent.futures` refuses new work once the interpreter exits, and a worker forked as
    its command goes fails to read its queues and prints a traceback."""
    for start in _starts:
        start.join(timeout=START_WAIT_AT_EXIT_SECONDS)
    _starts.clear()


# run at exit before `concurrent.futures`' own hook, which refuses work from then on (threading
# runs these hooks last registered first, before atexit's; this module imports the executor's
# module first, so its hook is registered before this one)
threading._register_atexit(_finish_starts)


@atexit.register
def shutdown_pools() -> None:
    _finish_starts()
    with _pools_lock:
        for stopped in _pools.values():
            stopped.shutdown(wait=False, cancel_futures=True)
        _pools.clear()
        _warming.clear()
