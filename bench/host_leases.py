"""What sharing per-host politeness across workers costs (issue 18 item 5): one source run of
80 articles into a load package, with the Prefect-backed host limiter and without it.

Needs a Prefect server (the local cluster's, on PostgreSQL, is the realistic one):
`scripts/local_cluster.sh up /tmp/nc`, then
`NEWSETL_CLUSTER_DIR=/tmp/nc uv run python bench/host_leases.py [--rounds 5]`.
Prints each timing, the medians and the ratio limiter-on / limiter-off (target <= 1.2), and the
same with the per-request limiter of before (`--per-request`) for comparison.
Wall-clock time here is a measurement, never a test assertion.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

sys.path[:0] = ["tests", "tests/scale_out", "bench"]

from scale_helpers import settings_for, start_sites  # noqa: E402

from newsetl.commands.cluster import ClusterState  # noqa: E402

ARTICLES = 80


class PerRequestOnly:
    """The limiter as it was before leases: the Prefect API around every request."""

    def __init__(self) -> None:
        from flows.orchestration.host_limits import PrefectHostLimiter

        self.inner = PrefectHostLimiter()

    def hold(self, host: str, max_in_flight: int, delay_seconds: float):  # noqa: ANN201
        return self.inner.hold(host, max_in_flight, delay_seconds)


def one_run(root: Path, servers: dict, limiter: object) -> float:
    from flows.scale_out.loader import run_source_to_package

    settings = replace(settings_for(root, servers), max_in_flight=2)
    source = settings.source("bench_host")
    started = time.perf_counter()
    run = run_source_to_package(settings, source, limiter=limiter)
    elapsed = time.perf_counter() - started
    assert run.pages == ARTICLES, run
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-request", action="store_true", help="also time the old limiter")
    args = parser.parse_args()
    cluster_dir = os.environ.get("NEWSETL_CLUSTER_DIR")
    if cluster_dir:
        os.environ["PREFECT_API_URL"] = ClusterState.load(Path(cluster_dir)).api_url
    if not os.environ.get("PREFECT_API_URL"):
        sys.exit("set NEWSETL_CLUSTER_DIR (a local cluster) or PREFECT_API_URL")
    from flows.orchestration.host_limits import PrefectHostLimiter

    kinds: dict[str, object] = {"off": None, "leases": "leases"}
    if args.per_request:
        kinds["per-request"] = "per-request"
    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as scratch:
        servers = start_sites(stack, ["bench_host"], ARTICLES)
        one_run(Path(scratch) / "warm-up", servers, None)
        for round_number in range(args.rounds):
            for kind in kinds:
                limiter = {
                    "off": None,
                    "leases": PrefectHostLimiter(),
                    "per-request": PerRequestOnly(),
                }[kind]
                root = Path(scratch) / f"{kind}-{round_number}"
                timings[kind].append(one_run(root, servers, limiter))
    for kind, values in timings.items():
        print(f"{kind:12} " + " ".join(f"{value:.2f}" for value in values) + " s")
    off = statistics.median(timings["off"])
    for kind in kinds:
        if kind != "off":
            ratio = statistics.median(timings[kind]) / off
            print(f"median {kind} / off: {ratio:.2f} (target <= 1.2 for leases)")


if __name__ == "__main__":
    main()
