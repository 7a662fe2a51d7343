"""Per-host politeness shared by every worker: Prefect global concurrency limits (issues 14, 18).

A source run leases its hosts once, for the whole run (`PrefectHostLimiter.for_run`): each host
has a limit `host-lease:<host>` of one slot, and the run takes the slots of all its hosts in one
call (atomically, so two runs never deadlock over two hosts), renewed by Prefect while held and
freed when the run ends (or, when its worker dies, when the lease runs out). While a run holds
a host, no other run on any worker sends it anything; the run's own fetcher keeps the host's
`max_in_flight` and delay in process. So two workers never exceed a host's limits together,
at a cost of a few API calls per source run instead of two or three per request.

A host a run did not lease up front (none today: redirects stay on the source's own hosts) is
held per request, as before: `host:<host>` with `max_in_flight` slots for the request, and
`host-pace:<host>` (one slot decaying at 1/delay per second) before it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from uuid import UUID

import httpx
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.concurrency.sync import concurrency, rate_limit
from prefect.exceptions import ObjectAlreadyExists

LEASE_PREFIX = "host-lease:"
IN_FLIGHT_PREFIX = "host:"
PACE_PREFIX = "host-pace:"
# A killed worker's slots come back when their lease runs out: short, renewed while held.
LEASE_SECONDS = 60.0  # the server's minimum
MAX_WAIT_POLL_SECONDS = 2.0  # while another run holds a host, ask again at least this often
log = logging.getLogger("newsetl")


def lease_limit_name(host: str) -> str:
    return LEASE_PREFIX + host


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


class _RunLease:
    """One lease on the slots of `names`, taken with one API call (waiting, as Prefect's own
    client does, while the server answers 423 Locked), renewed by a thread while held, given
    back with one call. Direct client calls: no events, no service threads per acquisition."""

    def __init__(self, names: list[str], create: Callable[[list[str]], None]) -> None:
        self.names = names
        self.create = create
        self.lease_id: UUID | None = None
        self.stop = threading.Event()
        self.renewer: threading.Thread | None = None

    def acquire(self, client: SyncPrefectClient) -> None:
        while True:
            try:
                response = client.increment_concurrency_slots_with_lease(
                    self.names, 1, "concurrency", LEASE_SECONDS
                )
            except httpx.HTTPStatusError as error:
                if error.response.status_code != 423:
                    raise
                retry_after = float(error.response.headers.get("Retry-After", 1.0))
                time.sleep(min(max(retry_after, 0.1), MAX_WAIT_POLL_SECONDS))
                continue
            granted = response.json()
            got = {limit["name"] for limit in granted.get("limits", [])}
            if got == set(self.names):
                self.lease_id = UUID(str(granted["lease_id"]))
                break
            if got and granted.get("lease_id"):  # some limits exist, others not yet: give back
                client.release_concurrency_slots_with_lease(UUID(str(granted["lease_id"])))
            self.create(sorted(set(self.names) - got))  # the first run on these hosts
        self.renewer = threading.Thread(target=self._renew, name="host-lease", daemon=True)
        self.renewer.start()

    def _renew(self) -> None:
        while not self.stop.wait(LEASE_SECONDS / 3):
            try:
                with get_client(sync_client=True) as client:
                    client.renew_concurrency_lease(self.lease_id, LEASE_SECONDS)  # type: ignore[arg-type]
            except Exception as error:  # noqa: BLE001 - the data path never fails on this
                log.warning("could not renew the host lease %s: %s", self.lease_id, error)

    def release(self, client: SyncPrefectClient) -> None:
        self.stop.set()
        if self.lease_id is None:
            return
        try:
            client.release_concurrency_slots_with_lease(self.lease_id)
        except Exception as error:  # noqa: BLE001 - it runs out after LEASE_SECONDS anyway
            log.warning("could not give back the host lease %s: %s", self.lease_id, error)

    def release_in_background(self) -> threading.Thread:
        """Give the lease back without the run waiting for the answer. Not a daemon thread: a
        process that ends right after its run still gives the lease back before it exits."""

        def give_back() -> None:
            with get_client(sync_client=True) as client:
                self.release(client)

        thread = threading.Thread(target=give_back, name="host-lease-release", daemon=False)
        thread.start()
        return thread


class PrefectHostLimiter:
    """A `fetch.limits.HostLimiter` backed by the Prefect server's global concurrency limits."""

    def __init__(self) -> None:
        self._configured: dict[str, tuple[int, float]] = {}
        self._leased: frozenset[str] = frozenset()
        self._lock = threading.Lock()

    def _create_lease_limits(self, names: list[str]) -> None:
        with get_client(sync_client=True) as client:
            for name in names:
                _upsert(client, name, 1)

    @contextmanager
    def for_run(self, hosts: Iterable[str]) -> Iterator[None]:
        """Hold every one of `hosts` for the source run (waits while another run holds one):
        two API calls a run (take; give back, which the run does not wait for), plus a renewal
        every LEASE_SECONDS / 3."""
        leased = sorted(set(hosts))
        if not leased:
            yield
            return
        lease = _RunLease([lease_limit_name(host) for host in leased], self._create_lease_limits)
        with get_client(sync_client=True) as client:
            lease.acquire(client)
        self._leased = frozenset(leased)
        try:
            yield
        finally:
            self._leased = frozenset()
            lease.release_in_background()

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
        if host in self._leased:  # the run holds the host: its fetcher's own gate is enough
            yield
            return
        self._ensure_limits(host, max_in_flight, delay_seconds)
        if delay_seconds > 0:
            rate_limit(pace_limit_name(host), occupy=1, strict=True)
        with concurrency(
            in_flight_limit_name(host), occupy=1, lease_duration=LEASE_SECONDS, strict=True
        ):
            yield
