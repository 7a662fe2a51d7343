"""Throughput of one vs two workers (issue 14): six demo sources on loopback, each run as its
own flow run of `newsetl-package-source`, pinned to worker-1 only or spread over both.

Needs a running local cluster: `uv run newsetl cluster up --dir /tmp/newsetl-cluster`, then
`NEWSETL_CLUSTER_DIR=/tmp/newsetl-cluster uv run python bench/scale_out_workers.py`.
Wall-clock time here is a measurement, never a test assertion.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path[:0] = ["tests", "tests/scale_out"]

from scale_helpers import slow_down, start_sites, write_cluster_config  # noqa: E402

from newsetl.commands.cluster import ClusterState  # noqa: E402

SOURCES = 6
ARTICLES = 60
LATENCY_SECONDS = 0.02  # per answer, roughly a fast real site


def round_seconds(cluster: ClusterState, names: list[str], queues: list[str]) -> float:
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    started = time.perf_counter()
    runs = [
        run_deployment(f"newsetl-package-source/{name}", timeout=0, work_queue_name=queue)
        for name, queue in zip(names, queues, strict=True)
    ]
    with get_client(sync_client=True) as client:
        while not all(client.read_flow_run(run.id).state.is_final() for run in runs):
            time.sleep(0.5)
        assert all(client.read_flow_run(run.id).state.is_completed() for run in runs)
    return time.perf_counter() - started


def main() -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    cluster = ClusterState.load(Path(os.environ["NEWSETL_CLUSTER_DIR"]))
    with ExitStack() as stack, temporary_settings({PREFECT_API_URL: cluster.api_url}):
        for label, queues in (
            ("one worker", ["worker-1"] * SOURCES),
            ("two workers", ["worker-1", "worker-2"] * (SOURCES // 2)),
        ):
            names = [f"bench_{label.split()[0]}_{index}" for index in range(SOURCES)]
            servers = start_sites(stack, names, ARTICLES)
            for server in servers.values():
                slow_down(server, LATENCY_SECONDS)
            root = Path(tempfile.mkdtemp(prefix="newsetl-bench-"))
            config = write_cluster_config(root / "newsetl.toml", root / "data", servers)
            subprocess.run(
                [sys.executable, "-m", "newsetl.cli", "--config", str(config), "deploy",
                 "--pool", cluster.pool, "--scheduler-cron", "", "--loader-cron", ""],
                check=True, env={**os.environ, "PREFECT_API_URL": cluster.api_url},
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            seconds = round_seconds(cluster, names, queues)
            pages = sum(len(server.site.articles) for server in servers.values())
            print(f"{label}: {pages} articles from {SOURCES} sources in {seconds:.1f} s "
                  f"= {pages / seconds:.1f} articles/s")  # fmt: skip


if __name__ == "__main__":
    main()
