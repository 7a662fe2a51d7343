"""A pool of daemon threads for requests in flight.

`ThreadPoolExecutor` joins its threads when the interpreter exits, so a process told to stop
(SIGTERM, Ctrl-C) would wait for every request still in flight, up to its whole time budget
(`max_body_seconds`). Requests here are worth nothing once the process stops: their responses
would never be loaded. These threads are daemons, so stopping never waits for them.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class DaemonPool:
    """Up to `max_workers` daemon threads running submitted calls, like a ThreadPoolExecutor."""

    def __init__(self, max_workers: int, name: str) -> None:
        self._max_workers = max(1, max_workers)
        self._name = name
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple] | None] = (
            queue.SimpleQueue()
        )
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> DaemonPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        # on an error (an interrupt above all) nobody waits for what is still running
        self.shutdown(wait=exc_type is None, cancel_futures=exc_type is not None)

    def submit(self, call: Callable[..., Result], *args: Any) -> Future[Result]:
        future: Future[Result] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError(f"{self._name} pool is shut down")
            self._jobs.put((future, call, args))
            if len(self._threads) < self._max_workers:
                thread = threading.Thread(
                    target=self._work, name=f"{self._name}-{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
        return future

    def map(self, call: Callable[[Item], Result], items: Iterable[Item]) -> list[Result]:
        """`call(item)` for every item, results in the order of `items`."""
        futures = [self.submit(call, item) for item in items]
        return [future.result() for future in futures]

    def shutdown(self, *, wait: bool = True, cancel_futures: bool = False) -> None:
        with self._lock:
            self._closed = True
            threads = list(self._threads)
        if cancel_futures:
            while True:
                try:
                    job = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if job is not None:
                    job[0].cancel()
        for _ in threads:
            self._jobs.put(None)
        if wait:
            for thread in threads:
                thread.join()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            future, call, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(call(*args))
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits on it
                future.set_exception(error)
