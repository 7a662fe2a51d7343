"""Where a loader flow run's time goes (issue 19): a flow run of `newsetl-loader/loader` on a
process worker, state by state, against the commit itself.

Needs a running local cluster: `scripts/local_cluster.sh up /tmp/nc`, then
`NEWSETL_CLUSTER_DIR=/tmp/nc uv run python bench/loader_overhead.py`.
Prints, per loader run, when it went Pending and Running and Completed (Pending -> Running is
the worker starting a Python process for it), and the flow's own run time (the commit).
Measured (2-core machine shared with other work): Pending -> Running 9.5-16 s; the flow
0.19 s with nothing to commit, 1.7 s for an 80-article package into a new warehouse; the same
commit in process (load_ready_packages) 0.23-0.27 s, of which quality checks 19 ms.
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

from scale_helpers import start_sites, write_cluster_config  # noqa: E402

from newsetl.commands.cluster import ClusterState  # noqa: E402

ARTICLES = 80
LOADER_RUNS = 2


def main() -> None:
    cluster_dir = os.environ.get("NEWSETL_CLUSTER_DIR")
    if not cluster_dir:
        sys.exit("set NEWSETL_CLUSTER_DIR to a running local cluster's directory")
    os.environ["PREFECT_API_URL"] = ClusterState.load(Path(cluster_dir)).api_url
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    with ExitStack() as stack, tempfile.TemporaryDirectory() as scratch:
        servers = start_sites(stack, ["loader_bench"], ARTICLES)
        config = write_cluster_config(Path(scratch) / "c.toml", Path(scratch) / "data", servers)
        subprocess.run(
            [sys.executable, "-m", "newsetl.cli", "--config", str(config), "deploy", "--pool",
             "newsetl", "--scheduler-cron", "", "--loader-cron", ""],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        run_deployment("newsetl-package-source/loader_bench", timeout=600, as_subflow=False)
        for number in range(LOADER_RUNS):
            started = time.perf_counter()
            run = run_deployment(
                "newsetl-loader/loader", timeout=600, poll_interval=0.5, as_subflow=False
            )
            wall = time.perf_counter() - started
            with get_client(sync_client=True) as client:
                states = client.read_flow_run_states(run.id)
                flow_run = client.read_flow_run(run.id)
            first = states[0].timestamp
            print(f"loader run {number}: {wall:.1f} s from the request to its end")
            for state in states:
                print(f"  {state.type.value:10} +{(state.timestamp - first).total_seconds():.2f} s")
            print(f"  the flow itself: {flow_run.total_run_time.total_seconds():.2f} s")


if __name__ == "__main__":
    main()
