"""Stages of a run in threads of their own, overlapping: while a batch loads, the next is being
transformed and the one after fetched; the results come out in order."""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_DONE = object()


ABANDON_STAGE_AFTER_SECONDS = 1.0
# How long an interrupted command waits for its source runs to record themselves as interrupted.
STOP_WAIT_SECONDS = 6.0
STOP_REQUESTED = threading.Event()


class RunStopped(KeyboardInterrupt):
    """Raised in a source run's thread when the command was interrupted (see run_concurrently):
    like Ctrl-C, it records the run as interrupted."""


def pipelined(
    items: Iterable[Any], stages: tuple[Callable[[Any], Any], ...], depth: int = 2
) -> Iterator[Any]:
    """Each item through every stage, each stage in its own thread with at most `depth` items
    waiting between two stages; yields the results in order. An error in a stage is raised
    here; when the caller stops early the stages stop too."""
    stop = threading.Event()
    queues: list[queue.Queue] = [queue.Queue(maxsize=depth) for _ in stages]

    def put(target: queue.Queue, item: Any) -> bool:
        while not stop.is_set():
            try:
                target.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def feed(source_items: Iterable[Any] | queue.Queue, stage: Callable, target: queue.Queue):
        try:
            if isinstance(source_items, queue.Queue):
                while not stop.is_set():
                    try:
                        item = source_items.get(timeout=0.1)
                    except queue.Empty:
                        continue
                    if item is _DONE or isinstance(item, _StageFailed):
                        put(target, item)
                        return
                    if not put(target, stage(item)):
                        return
            else:
                for item in source_items:
                    if stop.is_set() or not put(target, stage(item)):
                        return
                put(target, _DONE)
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
            put(target, _StageFailed(error))

    threads = []
    upstream: Iterable[Any] | queue.Queue = items
    for stage, target in zip(stages, queues, strict=True):
        context = contextvars.copy_context()  # Prefect's run context, for tasks called there
        thread = threading.Thread(
            target=context.run, args=(feed, upstream, stage, target), daemon=True
        )
        threads.append(thread)
        upstream = target
    for thread in threads:
        thread.start()
    try:
        while True:
            try:
                item = queues[-1].get(timeout=0.1)
            except queue.Empty:
                if STOP_REQUESTED.is_set():
                    raise RunStopped("the run was asked to stop") from None
                continue
            if item is _DONE:
                return
            if isinstance(item, _StageFailed):
                raise item.error
            yield item
    finally:
        stop.set()
        # A stage still busy (a slow fetch) when the run stops is left to finish on its own:
        # its thread is a daemon and what it returns is never loaded.
        for thread in threads:
            thread.join(timeout=ABANDON_STAGE_AFTER_SECONDS)


class _StageFailed:
    def __init__(self, error: BaseException) -> None:
        self.error = error
