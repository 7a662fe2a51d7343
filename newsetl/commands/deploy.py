"""`newsetl deploy --pool NAME`: register the scale-out flows with a Prefect work pool (issue 14).

The deployments are generated from the source registry every time (no hand-kept
`prefect.yaml`): one `newsetl-package-source/<source>` per enabled source, the
`newsetl-loader/loader` (one run at a time: the warehouse has one writer) and the
`newsetl-scheduler/scheduler` that fans sources out to the pool's workers on a cron.
Workers run them from their own checkout (module entrypoints: `uv sync` there, then
`prefect worker start --pool NAME`). README: "Scaling out".
"""

from __future__ import annotations

import argparse
import contextlib
import os
from pathlib import Path

from newsetl.commands.common import console
from settings import ConfigError, Settings, load_settings

DEFAULT_SCHEDULER_CRON = "0 */6 * * *"
DEFAULT_LOADER_CRON = "*/15 * * * *"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "deploy",
        help="register one deployment per source, the loader and the scheduler with a work pool",
    )
    parser.add_argument("--pool", required=True, help="the Prefect work pool (created if missing)")
    parser.add_argument(
        "--source", action="append", help="deploy only this source; repeat for several"
    )
    parser.add_argument(
        "--scheduler-cron",
        default=DEFAULT_SCHEDULER_CRON,
        help=f"when the scheduler fans all sources out (default {DEFAULT_SCHEDULER_CRON!r}; "
        "'' for on demand)",
    )
    parser.add_argument(
        "--loader-cron",
        default=DEFAULT_LOADER_CRON,
        help="when the loader also commits stray packages on its own "
        f"(default {DEFAULT_LOADER_CRON!r}; '' for on demand)",
    )
    parser.set_defaults(handler=command_deploy)


def build_scale_out_deployments(
    settings: Settings,
    config_path: str | None,
    source_names: list[str] | None = None,
    *,
    scheduler_cron: str | None = DEFAULT_SCHEDULER_CRON,
    loader_cron: str | None = DEFAULT_LOADER_CRON,
) -> list:
    """RunnerDeployments generated from the source registry."""
    from prefect.deployments.runner import EntrypointType

    from flows.orchestration.scale_out import (
        LOADER_DEPLOYMENT,
        SCHEDULER_DEPLOYMENT,
        loader_flow,
        package_source_flow,
        scheduler_flow,
    )

    sources = (
        [settings.source(name) for name in source_names]
        if source_names
        else settings.enabled_sources()
    )
    if not sources:
        raise ConfigError("no enabled sources to deploy: enable one in the config or use --source")
    config = str(Path(config_path).resolve()) if config_path else None
    deployments = [
        package_source_flow.to_deployment(
            name=source.name,
            parameters={"source_name": source.name, "config_path": config},
            description=f"{source.title or source.name}: discover, fetch, transform into a load "
            "package (the loader commits it).",
            tags=["newsetl", "scale-out", f"source:{source.name}"],
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        for source in sources
    ]
    deployments.append(
        loader_flow.to_deployment(
            name=LOADER_DEPLOYMENT,
            cron=loader_cron or None,
            parameters={"config_path": config},
            description="Commit every published load package into DuckDB, one run at a time.",
            tags=["newsetl", "scale-out"],
            concurrency_limit=1,
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
    )
    deployments.append(
        scheduler_flow.to_deployment(
            name=SCHEDULER_DEPLOYMENT,
            cron=scheduler_cron or None,
            parameters={
                "config_path": config,
                "source_names": [source.name for source in sources],
            },
            description="Start one flow run per source on the pool's workers, then the loader.",
            tags=["newsetl", "scale-out"],
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
    )
    return deployments


def ensure_process_pool(pool: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(pool)
        except ObjectNotFound:
            with contextlib.suppress(ObjectAlreadyExists):
                client.create_work_pool(WorkPoolCreate(name=pool, type="process"))


def deploy_to_pool(deployments: list, pool: str) -> list:
    from prefect import deploy

    ensure_process_pool(pool)
    return deploy(
        *deployments,
        work_pool_name=pool,
        build=False,
        push=False,
        print_next_steps_message=False,
        ignore_warnings=True,
    )


def command_deploy(args: argparse.Namespace) -> int:
    if not os.environ.get("PREFECT_API_URL"):
        console.print(
            "[red]PREFECT_API_URL is not set: point it at the Prefect server the workers use "
            "(README: 'Scaling out').[/red]"
        )
        return 2
    settings = load_settings(args.config)
    config_path = args.config or os.environ.get("NEWSETL_CONFIG")
    deployments = build_scale_out_deployments(
        settings,
        config_path,
        args.source,
        scheduler_cron=args.scheduler_cron,
        loader_cron=args.loader_cron,
    )
    deploy_to_pool(deployments, args.pool)
    for deployment in deployments:
        schedule = ", ".join(str(s.schedule.cron) for s in deployment.schedules) or "on demand"
        console.print(
            f"deployment {deployment.flow_name}/{deployment.name} -> {args.pool}: {schedule}"
        )
    return 0
