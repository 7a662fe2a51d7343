"""Per-host limits shared beyond one process (issue 14).

A `Fetcher` always keeps its own in-process limits (a semaphore of `max_in_flight` slots and the
per-host delay, per run). When workers on several processes or machines crawl one host, those
counters are not enough: a `HostLimiter` set on the fetcher is held around every request as
well, and is backed by something all workers share (Prefect's global concurrency limits, in
`flows/orchestration/host_limits.py`). The default holds nothing: one process, the in-process limits alone.
A limiter that can also lease the source's hosts for the whole run (`RunLeasingLimiter`) is
entered once around the run, so sharing the limits costs O(1) calls per run, not per request.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol
from urllib.parse import urlsplit

from records.urls import host_key


class HostLimiter(Protocol):
    def hold(
        self, host: str, max_in_flight: int, delay_seconds: float
    ) -> AbstractContextManager[None]:
        """Block until this process may send one request to `host`; release on exit."""
        ...


class RunLeasingLimiter(HostLimiter, Protocol):
    """A limiter that can lease hosts for a whole source run (issue 18): then `hold` costs
    nothing for those hosts, and the fetcher's in-process gate keeps their limits."""

    def for_run(self, hosts: Iterable[str]) -> AbstractContextManager[None]: ...


class InProcessOnly:
    """No shared limit: the fetcher's own per-host semaphore and delay are the only ones."""

    @contextmanager
    def hold(self, host: str, max_in_flight: int, delay_seconds: float) -> Iterator[None]:
        yield


IN_PROCESS_ONLY = InProcessOnly()


def host_of(url: str) -> str:
    """The limited unit: the host, with its port when the URL names one (loopback test sites)."""
    parts = urlsplit(url)
    host = host_key(parts.hostname or "")
    return f"{host}:{parts.port}" if parts.port else host
