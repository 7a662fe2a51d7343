"""Interrupted runs: marked by the next run; SIGTERM stops a run cleanly, children included."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import rows, wait_until

from flows.engine import resources, steps
from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings

NEWSETL = Path(sys.executable).with_name("newsetl")
STOP_BOUND_SECONDS = 10


def test_a_run_left_running_is_marked_interrupted_by_the_next_run(settings: Settings) -> None:
    with DemoServer(DemoSite(5)) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        with resources.run_lock(settings):
            killed = steps.start_run(settings, source)  # a process that died here
        run_source(settings, source)
    statuses = dict(rows(settings, "SELECT run_id, status FROM runs"))
    assert statuses.pop(killed) == "interrupted"
    assert list(statuses.values()) == ["completed"]
    error = rows(settings, "SELECT error FROM runs WHERE run_id = ?", [killed])[0][0]
    assert "interrupted" in error


class SlowSite(DemoSite):
    """Article pages answer after a pause, so a run is still fetching when it is stopped."""

    def respond(self, method: str, path: str, request_headers: dict[str, str] | None = None):  # noqa: ANN201
        if path.endswith(".htm") and "/news/" not in path:
            time.sleep(0.3)
        return super().respond(method, path, request_headers)


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        children = {child for child, ppid in parents.items() if ppid == parent}
        frontier.extend(children - found)
        found |= children
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_newsetl(
    tmp_path: Path, command: str, server: DemoServer, settings: str, *, max_in_flight: int
) -> subprocess.Popen:
    """`newsetl COMMAND --source slow` in a subprocess, on a BIT-like source at `server`."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[settings]\ndata_dir = "{tmp_path / "data"}"\nper_host_delay_seconds = 0\n'
        f"{settings}\n\n"
        "[sources.slow]\n"
        f'base_url = "{server.base_url}"\n'
        'listing_paths = ["/news/node_1.htm"]\n'
        "article_url_pattern = '/c_\\d+\\.htm$'\n"
        f'timezone = "Asia/Shanghai"\nprofile = "bit"\nmax_in_flight = {max_in_flight}\n'
    )
    return subprocess.Popen(
        [str(NEWSETL), command, "--config", str(config), "--source", "slow"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "NEWSETL_DATA_DIR"},
    )


def stop_with_sigterm(
    process: subprocess.Popen,
    *,
    once: Callable[[], bool],
    what: str,
    settle_seconds: float = 0.0,
) -> set[int]:
    """Once `once()` holds, SIGTERM; the process must exit 130 within STOP_BOUND_SECONDS,
    saying so, with no traceback (killed otherwise). Returns its children before the signal."""
    try:
        wait_until(once, timeout=180, what=what, process=process)
        time.sleep(settle_seconds)
        children = descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=STOP_BOUND_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130, stdout + stderr
    assert "SIGTERM" in stdout and "Traceback" not in stdout + stderr
    return children


@pytest.mark.flow
def test_sigterm_stops_a_run_within_10_s_leaving_no_child(tmp_path: Path) -> None:
    site = SlowSite(60)
    with DemoServer(site) as server:
        process = start_newsetl(tmp_path, "run", server, "fetch_batch_size = 5", max_in_flight=1)
        children = stop_with_sigterm(
            process,
            once=lambda: sum(1 for _, path, _ in site.requests if "/c_" in path) >= 8,
            what="the run's articles",
        )
    # no command starts a Prefect server any more (issue 18); whatever children a run has
    # (transform workers in a large one) must be gone with it
    assert [pid for pid in children if alive(pid)] == []

    settings = Settings(data_dir=tmp_path / "data")
    assert rows(settings, "SELECT status FROM runs") == [("interrupted",)]
    # every batch is all there or not at all: each data row's load is complete
    assert rows(
        settings,
        "SELECT count(*) FROM raw_responses WHERE load_id NOT IN (SELECT load_id FROM loads)",
    ) == [(0,)]
    assert rows(settings, "SELECT count(*) FROM raw_article_versions")[0][0] < 60


class HangingSite(DemoSite):
    """Pages of one kind answer only after a minute: the request is still in flight when the
    run is told to stop."""

    def __init__(self, hanging: str) -> None:
        super().__init__(60)
        self.hanging = hanging

    def is_hanging(self, path: str) -> bool:
        if self.hanging == "listing":
            return path.startswith("/news/node_1_")  # every listing page after the first
        return "/c_" in path

    def respond(self, method: str, path: str, request_headers: dict[str, str] | None = None):  # noqa: ANN201
        if self.is_hanging(path):
            time.sleep(60)
        return super().respond(method, path, request_headers)


@pytest.mark.flow
@pytest.mark.parametrize(
    ("command", "hanging"),
    [("backfill", "listing"), ("backfill", "article"), ("run", "listing"), ("run", "article")],
)
def test_sigterm_does_not_wait_for_requests_in_flight(
    tmp_path: Path, command: str, hanging: str
) -> None:
    """Requests are made from worker threads (listing pages fetched ahead, articles in
    batches): a stopping process must not wait for their answers."""
    site = HangingSite(hanging)
    with DemoServer(site) as server:
        process = start_newsetl(
            tmp_path,
            command,
            server,
            "request_timeout_seconds = 120\nmax_body_seconds = 120",
            max_in_flight=2,
        )
        stop_with_sigterm(
            process,
            once=lambda: any(site.is_hanging(path) for _, path in site.traffic.arrivals),
            what="a request that hangs",
            settle_seconds=0.5,
        )
    settings = Settings(data_dir=tmp_path / "data")
    assert rows(settings, "SELECT status FROM runs") == [("interrupted",)]
