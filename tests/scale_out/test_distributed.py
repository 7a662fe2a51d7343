"""The scale-out setup for real (issue 14): PostgreSQL, a Prefect server on it, a process work
pool and two workers (`newsetl cluster up`), the generated deployments, demo sites on loopback.

Marked `distributed`: excluded from the default run, included by `.ci/run` (`pytest -m ""`),
which starts the cluster and sets NEWSETL_CLUSTER_DIR. Without it these tests start their own
cluster; they skip only outside CI when it cannot start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from helpers import rows, wait_until
from scale_helpers import slow_down, start_sites, write_cluster_config

from flows.scale_out.loader import packages_dir
from newsetl.commands.cluster import (
    ClusterState,
    _alive,
    cluster_down,
    cluster_up,
    descendants,
    kill_worker_hard,
    start_worker,
)
from newsetl.demo_site import DemoServer
from settings import load_settings
from warehouse.packages import COMMITTED_DIR, INCOMING_DIR, read_manifest

pytestmark = [pytest.mark.distributed, pytest.mark.timeout(900)]

CLUSTER_DIR_ENV = "NEWSETL_CLUSTER_DIR"
RUN_TIMEOUT_SECONDS = 300
CRASH_NOTICED_SECONDS = 240


@pytest.fixture(scope="module")
def cluster() -> Iterator[ClusterState]:
    if os.environ.get(CLUSTER_DIR_ENV):
        yield ClusterState.load(Path(os.environ[CLUSTER_DIR_ENV]))
        return
    try:
        state = cluster_up()  # a new directory under /tmp (the postgres user must reach it)
    except Exception as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(
            f"the local cluster (PostgreSQL + Prefect server + workers) did not start: {error}"
        )
    try:
        yield state
    finally:
        cluster_down(Path(state.directory))


@pytest.fixture
def api(cluster: ClusterState) -> Iterator[ClusterState]:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: cluster.api_url}):
        yield cluster


@pytest.fixture
def sites() -> Iterator[ExitStack]:
    with ExitStack() as stack:
        yield stack


def deploy(cluster: ClusterState, config: Path) -> None:
    """`newsetl deploy`, as an operator types it."""
    subprocess.run(
        [sys.executable, "-m", "newsetl.cli", "--config", str(config), "deploy", "--pool",
         cluster.pool, "--scheduler-cron", "", "--loader-cron", ""],
        check=True, env={**os.environ, "PREFECT_API_URL": cluster.api_url},
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


def run(name: str, *, timeout: float = RUN_TIMEOUT_SECONDS, **kwargs: object):  # noqa: ANN201
    from prefect.deployments import run_deployment

    return run_deployment(name, timeout=timeout, poll_interval=1, as_subflow=False, **kwargs)


def wait_for_state(flow_run_id: object, wanted: set[str], timeout: float) -> str:
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while True:
            state = client.read_flow_run(flow_run_id).state
            name = state.type.value if state else "PENDING"
            if name in wanted or time.monotonic() > deadline:
                return name
            time.sleep(1)


def newsetl_status(config: Path) -> str:
    """`newsetl status` as an operator types it (empty while the loader holds the warehouse)."""
    finished = subprocess.run(
        [sys.executable, "-m", "newsetl.cli", "--config", str(config), "status"],
        capture_output=True, text=True, check=False, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    return finished.stdout if finished.returncode == 0 else ""


def committed_manifests(data_dir: Path) -> list[dict]:
    committed = data_dir / "packages" / COMMITTED_DIR
    return [read_manifest(path) for path in sorted(committed.iterdir())]


def assert_every_article_once(config: Path, servers: dict[str, DemoServer]) -> None:
    settings = load_settings(config)
    counts = rows(
        settings,
        "SELECT source, count(*), count(DISTINCT url), count(DISTINCT article_id) "
        "FROM raw_article_versions GROUP BY ALL ORDER BY ALL",
    )
    expected = sorted(
        (name, len(server.site.articles), len(server.site.articles), len(server.site.articles))
        for name, server in servers.items()
    )
    assert counts == expected


def test_six_sources_scheduled_at_once_run_on_both_workers_and_land_once(
    api: ClusterState, sites: ExitStack, tmp_path: Path
) -> None:
    names = [f"six_{index}" for index in range(6)]
    servers = start_sites(sites, names, 15)
    config = write_cluster_config(tmp_path / "newsetl.toml", tmp_path / "data", servers)
    deploy(api, config)

    scheduler = run("newsetl-scheduler/scheduler", parameters={"source_names": names})

    assert scheduler.state.is_completed(), scheduler.state
    assert_every_article_once(config, servers)
    manifests = committed_manifests(tmp_path / "data")
    assert sorted(manifest["source"] for manifest in manifests) == names
    workers = {manifest["produced_by"].split("@")[0] for manifest in manifests}
    assert workers == {"worker-1", "worker-2"}
    assert rows(load_settings(config), "SELECT count(*) FROM load_packages") == [(6,)]


def test_two_workers_crawling_one_host_keep_its_in_flight_limit_together(
    api: ClusterState, sites: ExitStack, tmp_path: Path
) -> None:
    (server,) = start_sites(sites, ["one_host"], 60).values()
    slow_down(server, 0.03)
    # two sources on the same host, each allowed 2 requests in flight
    servers = {"polite_a": server, "polite_b": server}
    config = write_cluster_config(tmp_path / "newsetl.toml", tmp_path / "data", servers)
    deploy(api, config)

    started = [
        run(f"newsetl-package-source/{name}", timeout=0, work_queue_name=worker)
        for name, worker in (("polite_a", "worker-1"), ("polite_b", "worker-2"))
    ]
    states = [
        wait_for_state(flow_run.id, {"COMPLETED", "FAILED", "CRASHED"}, RUN_TIMEOUT_SECONDS)
        for flow_run in started
    ]

    assert states == ["COMPLETED", "COMPLETED"]
    assert server.site.traffic.max_in_flight <= 2
    manifests = [
        read_manifest(path) for path in (tmp_path / "data" / "packages" / "ready").iterdir()
    ]
    assert {manifest["produced_by"].split("@")[0] for manifest in manifests} == {
        "worker-1",
        "worker-2",
    }


def test_a_worker_killed_mid_run_crashes_its_run_and_a_rerun_completes_it(
    api: ClusterState, sites: ExitStack, tmp_path: Path
) -> None:
    (server,) = start_sites(sites, ["killed"], 200).values()
    slow_down(server, 0.05)
    servers = {"killed": server}
    config = write_cluster_config(tmp_path / "newsetl.toml", tmp_path / "data", servers)
    deploy(api, config)

    doomed = run("newsetl-package-source/killed", timeout=0, work_queue_name="worker-1")
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    while len(server.site.traffic.arrivals) < 40 and time.monotonic() < deadline:
        time.sleep(0.2)
    killed_worker = api.worker_process("worker-1")
    assert killed_worker and descendants(killed_worker), "worker-1 runs no flow run"
    data = tmp_path / "data"
    assert list((data / "packages" / INCOMING_DIR).iterdir())  # its package, being written
    kill_worker_hard(api, "worker-1")
    # what Prefect's runner made for the killed run stays in the cluster's directory, which
    # `down` removes, not in the machine's /tmp
    assert list((Path(api.directory) / "tmp" / "worker-1").iterdir())
    try:
        assert wait_for_state(doomed.id, {"CRASHED"}, CRASH_NOTICED_SECONDS) == "CRASHED"
        # issue 19: the crash runs the loader (an automation `deploy` made): the run is on
        # record as crashed, in `status` as an operator types it, and its staging is gone
        status = wait_until(
            lambda: "crashed" in newsetl_status(config),
            timeout=CRASH_NOTICED_SECONDS,
            what="the killed run in `newsetl status`",
        )
        assert status
        assert rows(load_settings(config), "SELECT status, flow_run_id FROM runs") == [
            ("crashed", str(doomed.id))
        ]
        assert not list((data / "packages" / INCOMING_DIR).iterdir())
        assert not (data / "packages" / "ready").exists() or not list(
            (data / "packages" / "ready").iterdir()
        )
        # supervised: the killed worker is started again, a new process
        restarted = wait_until(
            lambda: api.worker_process("worker-1") not in (None, killed_worker),
            timeout=60,
            what="worker-1 started again by its supervisor",
        )
        assert restarted

        rerun = run("newsetl-package-source/killed", work_queue_name="worker-2")
        assert rerun.state.is_completed(), rerun.state
        loader = run("newsetl-loader/loader")
        assert loader.state.is_completed(), loader.state
    finally:
        start_worker(api, "worker-1")  # the cluster as it was, for whoever runs next

    assert_every_article_once(config, servers)
    assert rows(load_settings(config), "SELECT count(*) FROM load_packages") == [(1,)]
    assert rows(load_settings(config), "SELECT status FROM runs ORDER BY started_at") == [
        ("crashed",),
        ("completed",),
    ]
    assert packages_dir(load_settings(config)).joinpath(COMMITTED_DIR).is_dir()
    assert json.loads(json.dumps(committed_manifests(data)))[0]["status"] == "completed"


def test_two_runs_of_one_source_started_at_once_never_overlap(
    api: ClusterState, sites: ExitStack, tmp_path: Path
) -> None:
    """Per-source mutual exclusion across workers (issue 19): each run pinned to a worker of
    its own, both started at once; the deployment's limit makes the second wait its turn."""
    (server,) = start_sites(sites, ["exclusive"], 30).values()
    slow_down(server, 0.05)
    config = write_cluster_config(
        tmp_path / "newsetl.toml", tmp_path / "data", {"exclusive": server}
    )
    deploy(api, config)

    started = [
        run("newsetl-package-source/exclusive", timeout=0, work_queue_name=worker)
        for worker in ("worker-1", "worker-2")
    ]
    states = [
        wait_for_state(flow_run.id, {"COMPLETED", "FAILED", "CRASHED"}, RUN_TIMEOUT_SECONDS)
        for flow_run in started
    ]
    assert states == ["COMPLETED", "COMPLETED"]
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        spans = sorted(
            (flow_run.start_time, flow_run.end_time)
            for flow_run in (client.read_flow_run(started_run.id) for started_run in started)
        )
    assert spans[0][1] <= spans[1][0], spans  # the second started once the first had ended
    loader = run("newsetl-loader/loader")
    assert loader.state.is_completed(), loader.state
    assert_every_article_once(config, {"exclusive": server})


def test_the_ui_answers_on_the_local_cluster(cluster: ClusterState) -> None:
    import urllib.request

    with urllib.request.urlopen(cluster.ui_url + "/", timeout=10) as answer:
        assert answer.status == 200
        assert b"<html" in answer.read(4096).lower()


def test_cluster_adds_restarts_and_stops_a_worker_it_supervises(api: ClusterState) -> None:
    directory = Path(api.directory)

    def cluster(*args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "newsetl.cli", "cluster", *args, "--dir", str(directory)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    cluster("add-worker", "--name", "worker-extra")
    state = ClusterState.load(directory)
    first = wait_until(lambda: state.worker_process("worker-extra"), timeout=60, what="a worker")
    cluster("restart-worker", "--name", "worker-extra")
    state = ClusterState.load(directory)
    second = wait_until(lambda: state.worker_process("worker-extra"), timeout=60, what="again")
    assert second != first
    supervisor = state.worker_pids["worker-extra"]
    cluster("stop-worker", "--name", "worker-extra")
    assert "worker-extra" not in ClusterState.load(directory).worker_pids
    wait_until(lambda: not descendants(supervisor) and not _alive(second), timeout=30,
               what="the worker gone")  # fmt: skip
