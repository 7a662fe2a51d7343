"""The loader as a long-running process (issue 19): commits packages as they become ready,
with no per-run start-up at all (a flow run of the loader deployment starts a Python process
and imports Prefect and newsetl first: 5-15 s before a commit of ~0.2 s).

    uv run python -m flows.scale_out.loader_service --config /etc/newsetl/newsetl.toml

It looks at `ready/` and `incoming/` every `--every` seconds and runs the same
`load_ready_packages` as the loader deployment when there is something to do (a package to
commit, or a dead worker's run to record), under the same run lock: it can run beside the
deployment and the scheduler. SIGTERM / Ctrl-C stop it between two commits.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from datetime import timedelta

from flows.engine.steps import now_utc
from flows.scale_out.loader import LoaderSummary, load_ready_packages, packages_dir
from settings import DEPLOYMENT_PRECEDENCE, Settings, load_settings
from warehouse.package_retention import in_flight_runs
from warehouse.packages import READY_DIR

log = logging.getLogger("newsetl")


def has_work(settings: Settings) -> bool:
    """A package ready, or a staging folder whose worker stopped beating."""
    directory = packages_dir(settings)
    ready = directory / READY_DIR
    if ready.is_dir() and any(ready.iterdir()):
        return True
    stale_before = now_utc() - timedelta(seconds=settings.abandoned_after_seconds)
    return any(run.last_beat < stale_before for run in in_flight_runs(directory))


def watch(settings: Settings, every_seconds: float, stop: threading.Event) -> list[LoaderSummary]:
    """Commit whatever becomes ready until `stop` is set; the summaries of the loads done."""
    done = []
    while True:
        if has_work(settings):
            summary = load_ready_packages(settings)
            log.info("loader: %s", summary.as_row())
            done.append(summary)
        if stop.wait(every_seconds):
            return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="commit load packages as they become ready")
    parser.add_argument("--config", help="the TOML file the deployments name")
    parser.add_argument("--every", type=float, default=2.0, help="seconds between looks")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    settings = load_settings(args.config, precedence=DEPLOYMENT_PRECEDENCE)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    watch(settings, args.every, stop)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
