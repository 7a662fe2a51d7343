"""Prefect as the control plane's telemetry: one flow run per command or round, one child flow
run per source run, sent in the background; the data path never waits on the API.

A source run costs a fixed number of API calls whatever its page count (`CALLS_PER_SOURCE_RUN`):
a task run in the parent (so the UI draws the source as a subflow) and the source's flow run
(named after the source, tagged `source:<name>` and `run:<run id>`), created in their final
state when the run ended before they were sent, else Running and finished by two more calls.
Its log lines (counts, stage timings, the error) go with every other run's in one call.

Every call is retried on transport errors, 429 and 5xx with backoff until the command closes the
control plane; whatever is still unsent then is *reported* (`TelemetryReport`), never a reason to
fail or lose a run: the warehouse has recorded it already. A retry repeats nothing the server
did: creates carry an idempotency key or their own id, and a log call sends only the lines the
server does not hold.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flows.engine.source_summary import SourceRunSummary

log = logging.getLogger("newsetl.control_plane")

SOURCE_FLOW_NAME = "newsetl-source"
ROUND_FLOW_NAME = "newsetl-round"
SOURCE_TASK_KEY = "newsetl.source-run"
# task run and flow run, and their two final states when the run was still going as Prefect
# heard of it (created in their final state otherwise); the log lines of every source run go
# in one call per command, their counts in the command's table artifact (a server on SQLite
# answered 35-70 ms a call on 2 busy cores: calls, not pages, are what telemetry costs)
CALLS_PER_SOURCE_RUN = 4
LOG_LINES_PER_CALL = 1000
# Senders in parallel: ops of one source run keep their order (one sender each), sources spread.
SENDERS = 4
REQUEST_TIMEOUT_SECONDS = 10.0
BACKOFF_SECONDS = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0)
PARENT_RESERVE_SECONDS = 5.0


class TelemetryUndeliverable(Exception):
    """The API refused a call for a reason retrying will not change (4xx but 429)."""


@dataclass
class TelemetryReport:
    undelivered: list[str] = field(default_factory=list)
    parent_flow_run_id: str | None = None
    flow_run_ids: dict[str, str] = field(default_factory=dict)  # run id -> its flow run

    def describe(self) -> str | None:
        if not self.undelivered:
            return None
        first = self.undelivered[0]
        return (
            f"Prefect: {len(self.undelivered)} telemetry call(s) not delivered "
            f"(first: {first}); every run is recorded in the warehouse all the same"
        )


@dataclass
class _SourceRun:
    source: str
    run_id: str
    task_run_id: str
    summary: SourceRunSummary | None = None
    task_run_created: bool = False
    task_run_final: bool = False
    flow_run_id: str | None = None
    flow_run_final: bool = False
    created: threading.Event = field(default_factory=threading.Event)


@dataclass
class _Op:
    describe: str
    call: Callable[[Any], None]
    after: threading.Event | None = None  # wait for this op of the same run to have run first


class PrefectControlPlane:
    """A `RunObserver` that tells a Prefect API about source runs without ever blocking them.

    `parent_flow_run_id`: the flow run the source runs belong to (a `serve` round runs inside
    one); None: one is created for this command, named `title`.
    """

    def __init__(
        self,
        *,
        title: str,
        tags: Sequence[str] = (),
        parent_flow_run_id: str | None = None,
        client_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.title = title
        self.tags = ["newsetl", *tags]
        self._owns_parent = parent_flow_run_id is None
        self._parent_id: str | None = parent_flow_run_id
        self._parent_ready = threading.Event()
        self._parent_key = f"newsetl-command:{uuid.uuid4()}"
        self._client_factory = client_factory or _prefect_client
        self._flow_ids: dict[str, str] = {}
        self._flow_ids_lock = threading.Lock()
        self._flow_run_ids: dict[str, str] = {}
        self._runs: dict[str, _SourceRun] = {}
        self._log_lines: list[tuple[str, str]] = []
        self._log_entries: list[dict[str, Any]] = []
        self._logs_in_doubt = False  # a log call failed: the server may have stored its lines
        self._log_lock = threading.Lock()
        self._queues: list[queue.Queue[_Op | None]] = [queue.Queue() for _ in range(SENDERS)]
        self._closing = threading.Event()
        self._deadline = float("inf")
        self._report = TelemetryReport(parent_flow_run_id=parent_flow_run_id)
        self._report_lock = threading.Lock()
        self._in_flight: dict[int, _Op] = {}
        self._threads = [
            threading.Thread(
                target=self._send, args=(q,), name=f"newsetl-telemetry-{n}", daemon=True
            )
            for n, q in enumerate(self._queues)
        ]
        for thread in self._threads:
            thread.start()
        if self._owns_parent:
            self._enqueue(0, _Op(f"create flow run {title!r}", self._create_parent))
        else:
            self._parent_ready.set()

    # --- RunObserver -------------------------------------------------------------------------

    def source_started(self, source: str, run_id: str) -> None:
        self._runs[run_id] = _SourceRun(source, run_id, str(uuid.uuid4()))
        lane = self._lane(run_id)
        self._enqueue(lane, _Op(f"task run of {source} ({run_id})", self._create_task_run(run_id)))
        self._enqueue(
            lane, _Op(f"create flow run of {source} ({run_id})", self._create_flow_run(run_id))
        )

    def source_finished(self, summary: SourceRunSummary) -> None:
        run_id = summary.run_id
        if run_id not in self._runs:  # finished before it was announced: announce it now
            self.source_started(summary.source, run_id)
        run = self._runs[run_id]
        run.summary = summary  # a create op not sent yet creates the run in its final state
        lane = self._lane(run_id)
        with self._log_lock:
            self._log_lines.extend((run_id, line) for line in describe_source_run(summary))

        state = _state(summary.status == "completed", summary.error)

        def flow_run_state(client: Any) -> None:
            if not run.flow_run_final:
                client.request(
                    "POST",
                    f"/flow_runs/{run.flow_run_id}/set_state",
                    json={"state": state, "force": True},
                )

        def task_run_state(client: Any) -> None:
            if run.task_run_created and not run.task_run_final:
                client.request(
                    "POST",
                    f"/task_runs/{run.task_run_id}/set_state",
                    json={"state": state, "force": True},
                )

        # one call per op: a retried op never repeats a call that went through
        for describe, call in (
            ("final state", flow_run_state),
            ("final state of the task run", task_run_state),
        ):
            self._enqueue(lane, _Op(f"{describe} of {run_id}", call, run.created))

    def _create_task_run(self, run_id: str) -> Callable[[Any], None]:
        run = self._runs[run_id]

        body: dict[str, Any] = {}  # built at the first attempt; a retry sends the same

        def create(client: Any) -> None:
            self._parent_ready.wait(timeout=self._time_left())
            if not self._parent_id:
                return
            if not body:
                body.update(
                    _task_run_create(
                        run.task_run_id, self._parent_id, run.source, run_id, _state_of(run.summary)
                    )
                )
            # the same id again answers the task run as the server holds it
            task_run = client.request("POST", "/task_runs/", json=body).json()
            run.task_run_created = True
            run.task_run_final = _is_final(task_run)

        return create

    def _create_flow_run(self, run_id: str) -> Callable[[Any], None]:
        run = self._runs[run_id]

        body: dict[str, Any] = {}

        def create(client: Any) -> None:
            if not body:
                body.update(
                    _flow_run_create(
                        self._flow_id(client, SOURCE_FLOW_NAME),
                        name=run.source,
                        parameters={"source_name": run.source},
                        tags=[*self.tags, f"source:{run.source}", f"run:{run_id}"],
                        # a task run that could not be created: the flow run stands alone
                        parent_task_run_id=run.task_run_id if run.task_run_created else None,
                        state=_state_of(run.summary),
                        idempotency_key=f"newsetl-source-run:{run_id}",
                    )
                )
            flow_run = client.request("POST", "/flow_runs/", json=body).json()
            run.flow_run_id = str(flow_run["id"])
            run.flow_run_final = _is_final(flow_run)
            self._flow_run_ids[run_id] = run.flow_run_id
            run.created.set()

        return create

    def _send_logs(self, client: Any) -> None:
        """Every source run's log lines (counts, stage timings, error) in one call, each
        line on its own flow run; lines of runs Prefect never got are left out."""
        with self._log_lock:
            lines, self._log_lines = self._log_lines, []
        now = datetime.now(UTC).isoformat()
        # lines a failed attempt took stay in `_log_entries` for the retry
        self._log_entries.extend(
            {"name": "newsetl", "level": logging.INFO, "message": line, "timestamp": now,
             "flow_run_id": self._flow_run_ids[run_id]}
            for run_id, line in lines
            if run_id in self._flow_run_ids
        )  # fmt: skip
        while self._log_entries:
            batch = self._log_entries[:LOG_LINES_PER_CALL]
            if self._logs_in_doubt:
                # the log API takes no idempotency key: a call whose answer was lost is not
                # sent again whole, only the lines the server does not hold
                batch = _not_stored(client, batch)
            self._logs_in_doubt = True
            if batch:
                client.request("POST", "/logs/", json=batch)
            self._logs_in_doubt = False
            del self._log_entries[:LOG_LINES_PER_CALL]

    def flow_run_id(self, run_id: str) -> str | None:
        return self._flow_run_ids.get(run_id)

    # --- the command's end ---------------------------------------------------------------------

    def close(
        self,
        *,
        failed: bool,
        message: str | None = None,
        artifacts: Sequence[dict[str, Any]] = (),
        flush_seconds: float = 20.0,
    ) -> TelemetryReport:
        """Send the parent's artifacts and final state (when this command created it), wait up
        to `flush_seconds` for everything queued, and report what could not be sent.

        The source runs' calls get the first part of that time, the parent's final calls the
        rest (`PARENT_RESERVE`): children are final before their parent."""
        ends_at = time.monotonic() + flush_seconds
        reserve = min(PARENT_RESERVE_SECONDS, flush_seconds / 4)

        def parent_artifact(artifact: dict[str, Any]) -> Callable[[Any], None]:
            def send(client: Any) -> None:
                if not self._parent_id:
                    raise TelemetryUndeliverable("the flow run of this command was never created")
                client.request(
                    "POST", "/artifacts/", json={**artifact, "flow_run_id": self._parent_id}
                )

            return send

        def finish_parent(client: Any) -> None:
            if not self._parent_id:
                raise TelemetryUndeliverable("the flow run of this command was never created")
            client.request(
                "POST",
                f"/flow_runs/{self._parent_id}/set_state",
                json={"state": _state(not failed, message), "force": True},
            )

        self._deadline = ends_at - reserve
        for lane in range(1, SENDERS):
            self._queues[lane].put(None)
        for thread in self._threads[1:]:
            thread.join(timeout=max(0.0, self._deadline - time.monotonic()))
        self._deadline = ends_at
        self._enqueue(0, _Op("log lines of the source runs", self._send_logs))
        for artifact in artifacts:
            self._enqueue(0, _Op(f"artifact {artifact.get('key')}", parent_artifact(artifact)))
        if self._owns_parent:
            self._enqueue(0, _Op(f"final state of {self.title!r}", finish_parent))
        self._queues[0].put(None)
        self._threads[0].join(timeout=max(0.0, ends_at - time.monotonic()))
        self._closing.set()
        with self._report_lock:
            for lane, op in self._in_flight.items():
                if self._threads[lane].is_alive():
                    self._report.undelivered.append(f"{op.describe}: not sent in time")
            for q in self._queues:
                while True:
                    try:
                        op = q.get_nowait()
                    except queue.Empty:
                        break
                    if op is not None:
                        self._report.undelivered.append(f"{op.describe}: not sent in time")
            self._report.parent_flow_run_id = self._parent_id
            self._report.flow_run_ids = dict(self._flow_run_ids)
            return self._report

    # --- sending -------------------------------------------------------------------------------

    def _time_left(self) -> float | None:
        if self._deadline == float("inf"):
            return None
        return max(0.0, self._deadline - time.monotonic())

    def _lane(self, run_id: str) -> int:
        return 1 + zlib.crc32(run_id.encode()) % (SENDERS - 1)

    def _enqueue(self, lane: int, op: _Op) -> None:
        self._queues[lane].put(op)

    def _send(self, ops: queue.Queue[_Op | None]) -> None:
        lane = self._queues.index(ops)
        client = None
        while True:
            op = ops.get()
            if op is None or self._closing.is_set():
                break
            self._in_flight[lane] = op
            if op.after is not None and not op.after.is_set():
                with self._report_lock:
                    self._report.undelivered.append(f"{op.describe}: its flow run was not created")
                continue
            try:
                if client is None:
                    client = self._client_factory()
                self._with_retries(op, client)
            except Exception as error:  # noqa: BLE001 - reported, never raised into a run
                with self._report_lock:
                    self._report.undelivered.append(f"{op.describe}: {_reason(error)}")
                log.debug("telemetry call failed: %s: %s", op.describe, error)
            finally:
                self._in_flight.pop(lane, None)
        if client is not None:
            with contextlib.suppress(Exception):  # closing a client that may be broken
                client.__exit__(None, None, None)

    def _with_retries(self, op: _Op, client: Any) -> None:
        attempt = 0
        while True:
            try:
                op.call(client)
                return
            except Exception as error:
                if not _retryable(error):
                    raise
                pause = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
                if time.monotonic() + pause > self._deadline:
                    raise
                attempt += 1
                time.sleep(pause)

    def _create_parent(self, client: Any) -> None:
        try:
            flow_run = client.request(
                "POST",
                "/flow_runs/",
                json=_flow_run_create(
                    self._flow_id(client, ROUND_FLOW_NAME),
                    name=self.title,
                    parameters={},
                    tags=self.tags,
                    parent_task_run_id=None,
                    idempotency_key=self._parent_key,
                ),
            ).json()
            self._parent_id = str(flow_run["id"])
        finally:
            self._parent_ready.set()

    def _flow_id(self, client: Any, name: str) -> str:
        with self._flow_ids_lock:
            if name not in self._flow_ids:
                answer = client.request("POST", "/flows/", json={"name": name})
                self._flow_ids[name] = str(answer.json()["id"])
            return self._flow_ids[name]


def describe_source_run(summary: SourceRunSummary) -> list[str]:
    """The lines an operator reads in the flow run's logs."""
    counts = summary.counts
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in summary.stage_seconds.items())
    lines = [
        f"{summary.source}: {summary.status} in {summary.seconds:.2f} s (run {summary.run_id})",
        f"listing pages {summary.listing_pages}, new URLs {summary.discovered}, fetched "
        f"{counts.fetched}, unchanged {counts.unchanged}, new articles {counts.new_articles}, "
        f"new versions {counts.new_versions}, deletions {counts.deletions}, quarantined "
        f"{counts.quarantined}, failed {counts.failed}",
    ]
    if stages:
        lines.append(f"stages: {stages}")
    if summary.error:
        lines.append(f"error: {summary.error}")
    return lines


_sender_settings = threading.local()


def _prefect_client() -> Any:
    """A synchronous Prefect client with its own retries off (ours apply, bounded by the close
    deadline) and a short timeout. Called in a sender thread, which keeps these settings for its
    life (the client reads them at each request), and imports Prefect there: a command never
    waits for Prefect to import."""
    from prefect.client.orchestration import get_client
    from prefect.settings import (
        PREFECT_API_REQUEST_TIMEOUT,
        PREFECT_CLIENT_MAX_RETRIES,
        temporary_settings,
    )

    # held by the thread: a settings context nobody holds is closed, and its settings undone,
    # as soon as it is collected
    _sender_settings.context = temporary_settings(
        updates={
            PREFECT_CLIENT_MAX_RETRIES: 0,
            PREFECT_API_REQUEST_TIMEOUT: REQUEST_TIMEOUT_SECONDS,
        }
    )
    _sender_settings.context.__enter__()  # never left: the thread sends, then ends
    client = get_client(sync_client=True)
    client.__enter__()
    return client


LOGS_READ_PER_CALL = 200  # the API's default page limit


def _not_stored(client: Any, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The log entries the server does not hold yet, each line counted as often as it was
    sent (a run may log one line twice)."""
    stamps = sorted(entry["timestamp"] for entry in entries)
    query = {
        "logs": {
            "flow_run_id": {"any_": sorted({entry["flow_run_id"] for entry in entries})},
            "timestamp": {"after_": stamps[0], "before_": stamps[-1]},
        },
        "limit": LOGS_READ_PER_CALL,
    }
    held: Counter[tuple[str, str]] = Counter()
    offset = 0
    while True:
        page = client.request("POST", "/logs/filter", json={**query, "offset": offset}).json()
        held.update((str(log["flow_run_id"]), log["message"]) for log in page)
        if len(page) < LOGS_READ_PER_CALL:
            break
        offset += len(page)
    missing = []
    for entry in entries:
        key = (entry["flow_run_id"], entry["message"])
        if held[key]:
            held[key] -= 1
        else:
            missing.append(entry)
    return missing


def _retryable(error: Exception) -> bool:
    import httpx

    if isinstance(error, TelemetryUndeliverable):
        return False
    if isinstance(error, httpx.HTTPStatusError):
        status = error.response.status_code
        return status == 429 or status >= 500
    return isinstance(error, httpx.TransportError | OSError | RuntimeError)


def _reason(error: Exception) -> str:
    import httpx

    if isinstance(error, httpx.HTTPStatusError):
        return f"{error.response.status_code} {error.response.reason_phrase}"
    return f"{type(error).__name__}: {error}"[:200]


def _state_of(summary: SourceRunSummary | None) -> dict[str, Any]:
    """Running, or the final state when the run has ended before Prefect heard of it."""
    if summary is None:
        return {"type": "RUNNING", "name": "Running"}
    return _state(summary.status == "completed", summary.error)


def _state(ok: bool, message: str | None) -> dict[str, Any]:
    return {
        "type": "COMPLETED" if ok else "FAILED",
        "name": "Completed" if ok else "Failed",
        "message": (message or "")[:2000] or None,
    }


def _flow_run_create(
    flow_id: str,
    *,
    name: str,
    parameters: dict[str, Any],
    tags: list[str],
    parent_task_run_id: str | None,
    state: dict[str, Any] | None = None,
    idempotency_key: str,
) -> dict[str, Any]:
    """A create the server answers with the existing flow run when it sees the key again: a
    call retried after its answer was lost makes no second flow run."""
    return {
        "idempotency_key": idempotency_key,
        "flow_id": flow_id,
        "name": name,
        "parameters": parameters,
        "tags": tags,
        "parent_task_run_id": parent_task_run_id,
        "state": state or {"type": "RUNNING", "name": "Running"},
    }


def _is_final(run: dict[str, Any]) -> bool:
    return (run.get("state") or {}).get("type") in ("COMPLETED", "FAILED")


def _task_run_create(
    task_run_id: str, parent: str, source: str, run_id: str, state: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": task_run_id,
        "flow_run_id": parent,
        "task_key": SOURCE_TASK_KEY,
        "dynamic_key": run_id,
        "name": f"source-{source}",
        "tags": ["newsetl", f"source:{source}"],
        "state": state,
    }
