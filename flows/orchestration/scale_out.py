"""Prefect flows for many machines (issue 14): a worker's source run into a load package, the
one loader, and a scheduler that fans sources out as separate flow runs. Thin: the work is in
`flows/scale_out/loader.py`; `newsetl deploy` registers these with a work pool.
"""

from __future__ import annotations

import time

from prefect import flow
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.runtime import flow_run

from flows.orchestration.host_limits import PrefectHostLimiter
from flows.scale_out.loader import load_ready_packages, run_source_to_package
from settings import load_settings

PACKAGE_FLOW_NAME = "newsetl-package-source"
LOADER_FLOW_NAME = "newsetl-loader"
SCHEDULER_FLOW_NAME = "newsetl-scheduler"
LOADER_DEPLOYMENT = "loader"
SCHEDULER_DEPLOYMENT = "scheduler"
POLL_SECONDS = 1.0


def package_deployment_name(source_name: str) -> str:
    return f"{PACKAGE_FLOW_NAME}/{source_name}"


@flow(name=PACKAGE_FLOW_NAME, flow_run_name="{source_name}")
def package_source_flow(
    source_name: str,
    config_path: str | None = None,
    base_url: str | None = None,
    recheck_all: bool = False,
    shared_host_limits: bool = True,
) -> dict[str, object]:
    """One source run on a worker: discover, fetch, transform into a load package."""
    settings = load_settings(config_path)
    source = settings.source(source_name)
    if base_url:
        source = source.with_base_url(base_url)
    run = run_source_to_package(
        settings,
        source,
        flow_run_id=str(flow_run.get_id() or ""),
        recheck_all=recheck_all,
        limiter=PrefectHostLimiter() if shared_host_limits else None,
    )
    return run.as_row()


@flow(name=LOADER_FLOW_NAME)
def loader_flow(config_path: str | None = None) -> dict[str, object]:
    """Commit every published package into DuckDB; its deployment allows one run at a time."""
    return load_ready_packages(load_settings(config_path)).as_row()


class SourceRunsFailed(RuntimeError):
    pass


def _wait_for_final_states(flow_run_ids: list, timeout_seconds: float) -> dict[str, str]:
    deadline = time.monotonic() + timeout_seconds
    states: dict[str, str] = {}
    with get_client(sync_client=True) as client:
        while True:
            runs = [client.read_flow_run(flow_run_id) for flow_run_id in flow_run_ids]
            states = {str(run.id): run.state.type.value if run.state else "PENDING" for run in runs}
            if all(run.state and run.state.is_final() for run in runs):
                return states
            if time.monotonic() > deadline:
                return states
            time.sleep(POLL_SECONDS)


@flow(name=SCHEDULER_FLOW_NAME)
def scheduler_flow(
    source_names: list[str] | None = None,
    config_path: str | None = None,
    base_urls: dict[str, str] | None = None,
    wait_seconds: float = 6 * 3600,
    load: bool = True,
) -> dict[str, object]:
    """Start one flow run per source (each on whichever worker is free), wait for them, then
    run the loader once. A failed source does not stop the others, but fails this run."""
    settings = load_settings(config_path)
    names = source_names or [source.name for source in settings.enabled_sources()]
    started = {}
    for name in names:
        parameters: dict[str, object] = {"source_name": name, "config_path": config_path}
        if base_urls and name in base_urls:
            parameters["base_url"] = base_urls[name]
        child = run_deployment(package_deployment_name(name), parameters=parameters, timeout=0)
        started[name] = child.id
    states = _wait_for_final_states(list(started.values()), wait_seconds)
    by_source = {
        name: states.get(str(flow_run_id), "UNKNOWN") for name, flow_run_id in started.items()
    }
    loaded: dict[str, object] = {}
    if load:
        loader_run = run_deployment(
            f"{LOADER_FLOW_NAME}/{LOADER_DEPLOYMENT}",
            parameters={"config_path": config_path},
            timeout=wait_seconds,
        )
        loaded = {"loader": loader_run.state.type.value if loader_run.state else "UNKNOWN"}
    failed = {name: state for name, state in by_source.items() if state != "COMPLETED"}
    if failed or loaded.get("loader", "COMPLETED") != "COMPLETED":
        raise SourceRunsFailed(f"source runs not completed: {failed}; {loaded}")
    return {"sources": by_source, **loaded}
