"""Per-host politeness shared by every worker: Prefect global concurrency limits (issue 14).

`host:<host>` holds `max_in_flight` slots: a request occupies one while it is in flight, so all
workers together never send a host more than that at once. When the host asks for a delay
between requests, `host-pace:<host>` (one slot, decaying at 1/delay per second) is taken with
`rate_limit` before each request, spacing them across workers too. The limits live on the
Prefect server (on PostgreSQL): nothing is counted per process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.concurrency.sync import concurrency, rate_limit
from prefect.exceptions import ObjectAlreadyExists

IN_FLIGHT_PREFIX = "host:"
PACE_PREFIX = "host-pace:"
# A killed worker's slots come back when their lease runs out: short, renewed while held.
LEASE_SECONDS = 60.0  # the server's minimum


def in_flight_limit_name(host: str) -> str:
    return IN_FLIGHT_PREFIX + host


def pace_limit_name(host: str) -> str:
    return PACE_PREFIX + host


def _upsert(client: SyncPrefectClient, name: str, limit: int, **options: float) -> None:
    """Prefect's upsert reads, then creates: when another worker creates the same limit in
    between, the create answers 409 and the update on a second try is what is wanted."""
    try:
        client.upsert_global_concurrency_limit_by_name(name, limit, **options)
    except ObjectAlreadyExists:
        client.upsert_global_concurrency_limit_by_name(name, limit, **options)


class PrefectHostLimiter:
    """A `fetch.limits.HostLimiter` backed by the Prefect server's global concurrency limits."""

    def __init__(self) -> None:
        self._configured: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def _ensure_limits(self, host: str, max_in_flight: int, delay_seconds: float) -> None:
        wanted = (max(1, max_in_flight), max(0.0, delay_seconds))
        with self._lock:
            if self._configured.get(host) == wanted:
                return
            with get_client(sync_client=True) as client:
                _upsert(client, in_flight_limit_name(host), wanted[0])
                if wanted[1] > 0:
                    _upsert(client, pace_limit_name(host), 1, slot_decay_per_second=1.0 / wanted[1])
            self._configured[host] = wanted

    @contextmanager
    def hold(self, host: str, max_in_flight: int, delay_seconds: float) -> Iterator[None]:
        self._ensure_limits(host, max_in_flight, delay_seconds)
        if delay_seconds > 0:
            rate_limit(pace_limit_name(host), occupy=1, strict=True)
        with concurrency(
            in_flight_limit_name(host), occupy=1, lease_duration=LEASE_SECONDS, strict=True
        ):
            yield
