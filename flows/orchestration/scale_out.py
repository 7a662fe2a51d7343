"""Prefect flows for many machines (issue 14): a worker's source run into a load package, the
one loader, and a scheduler that fans sources out as separate flow runs. Thin: the work is in
`flows/scale_out/loader.py`; `newsetl deploy` registers these with a work pool.

Settings on a worker (issue 19): the deployment's `settings` parameter, then the config file it
names, then the worker host's environment (`DEPLOYMENT_PRECEDENCE`): a NEWSETL_* variable left
on a worker host never overrides what a run was deployed with.
"""

from __future__ import annotations

import time

from prefect import flow
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.runtime import flow_run

from flows.orchestration.host_limits import PrefectHostLimiter
from flows.scale_out.loader import load_ready_packages, packages_dir, run_source_to_package
from settings import DEPLOYMENT_PRECEDENCE, Settings, load_settings
from warehouse.package_retention import in_flight_runs

PACKAGE_FLOW_NAME = "newsetl-package-source"
LOADER_FLOW_NAME = "newsetl-loader"
SCHEDULER_FLOW_NAME = "newsetl-scheduler"
LOADER_DEPLOYMENT = "loader"
SCHEDULER_DEPLOYMENT = "scheduler"
POLL_SECONDS = 1.0


def package_deployment_name(source_name: str) -> str:
    return f"{PACKAGE_FLOW_NAME}/{source_name}"


def deployed_settings(config_path: str | None, settings: dict | None) -> Settings:
    """A run's settings on a worker: the deployment's, then its file's, then the environment."""
    return load_settings(config_path, deployment=settings, precedence=DEPLOYMENT_PRECEDENCE)


def crashed_flow_runs(settings: Settings) -> frozenset[str]:
    """The flow runs of packages still being written that Prefect has marked Crashed (one API
    call, only when there are any): their runs are recorded without waiting for the heartbeat."""
    ids = [run.flow_run_id for run in in_flight_runs(packages_dir(settings)) if run.flow_run_id]
    if not ids:
        return frozenset()
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    try:
        with get_client(sync_client=True) as client:
            runs = client.read_flow_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=ids))  # type: ignore[arg-type]
            )
    except Exception:  # noqa: BLE001 - the API's health never stops a commit; heartbeats decide
        return frozenset()
    return frozenset(str(run.id) for run in runs if run.state and run.state.is_crashed())


@flow(name=PACKAGE_FLOW_NAME, flow_run_name="{source_name}")
def package_source_flow(
    source_name: str,
    config_path: str | None = None,
    base_url: str | None = None,
    recheck_all: bool = False,
    shared_host_limits: bool = True,
    settings: dict | None = None,
) -> dict[str, object]:
    """One source run on a worker: discover, fetch, transform into a load package; the source's
    hosts leased for the run across workers (`shared_host_limits`)."""
    settings = deployed_settings(config_path, settings)
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
def loader_flow(config_path: str | None = None, settings: dict | None = None) -> dict[str, object]:
    """Commit every published package into DuckDB; its deployment allows one run at a time
    (and the data directory's run lock one writer). Records the runs of dead workers."""
    loaded = deployed_settings(config_path, settings)
    return load_ready_packages(loaded, crashed_flow_runs=crashed_flow_runs(loaded)).as_row()


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
    settings: dict | None = None,
) -> dict[str, object]:
    """Start one flow run per source (each on whichever worker is free), wait for them, then
    commit their packages here, in this flow run's process (no second process to start: the
    loader's cost is the commit). A failed source does not stop the others, but fails this run."""
    loaded_settings = deployed_settings(config_path, settings)
    names = source_names or [source.name for source in loaded_settings.enabled_sources()]
    started = {}
    for name in names:
        parameters: dict[str, object] = {"source_name": name, "config_path": config_path}
        if settings:
            parameters["settings"] = settings
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
        loaded = {"loader": loader_flow(config_path, settings)}
    failed = {name: state for name, state in by_source.items() if state != "COMPLETED"}
    if failed:
        raise SourceRunsFailed(f"source runs not completed: {failed}; {loaded}")
    return {"sources": by_source, **loaded}
