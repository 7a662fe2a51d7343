"""`newsetl deploy --pool NAME`: register the scale-out flows with a Prefect work pool (issue 14).

The deployments are generated from the source registry every time (no hand-kept
`prefect.yaml`): one `newsetl-package-source/<source>` per enabled source, the
`newsetl-loader/loader` (one run at a time: the warehouse has one writer) and the
`newsetl-scheduler/scheduler` that fans sources out to the pool's workers on a cron.
Workers run them from their own checkout (module entrypoints: `uv sync` there, then
`prefect worker start --pool NAME`). docs/scaling-out.md.

Issue 19: each source's deployment runs one flow run at a time (a deployment concurrency limit
of 1, later runs enqueued), so runs of one source never overlap across workers; `--set
KEY=VALUE` gives the deployments settings of their own, which win over a worker host's
environment; and an automation runs the loader when a source's flow run crashes, so the run
is on record (`status`, the marts, the report) without waiting for the next round.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from pathlib import Path

from newsetl.commands.common import console
from settings import DEPLOYMENT_PRECEDENCE, ConfigError, Settings, load_settings

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
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a setting of the deployments' own (wins over the file and a worker's "
        "environment); repeat for several",
    )
    parser.set_defaults(handler=command_deploy)


SOURCE_RUN_TAG = "newsetl-source-run"
CRASH_AUTOMATION = "newsetl: record crashed source runs (run the loader)"
ZOMBIE_AUTOMATION = "newsetl: crash flow runs whose heartbeats stopped"
CRASHED_AFTER_SECONDS = 75  # no heartbeat (workers send one every 30 s) for this long: Crashed


def build_scale_out_deployments(
    settings: Settings,
    config_path: str | None,
    source_names: list[str] | None = None,
    *,
    scheduler_cron: str | None = DEFAULT_SCHEDULER_CRON,
    loader_cron: str | None = DEFAULT_LOADER_CRON,
    own_settings: dict[str, str] | None = None,
) -> list:
    """RunnerDeployments generated from the source registry."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
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
    own = {"settings": dict(own_settings)} if own_settings else {}
    one_at_a_time = ConcurrencyLimitConfig(
        limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE
    )
    deployments = [
        package_source_flow.to_deployment(
            name=source.name,
            parameters={"source_name": source.name, "config_path": config, **own},
            description=f"{source.title or source.name}: discover, fetch, transform into a load "
            "package (the loader commits it). One run at a time: later ones wait their turn.",
            tags=["newsetl", "scale-out", SOURCE_RUN_TAG, f"source:{source.name}"],
            concurrency_limit=one_at_a_time,
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        for source in sources
    ]
    deployments.append(
        loader_flow.to_deployment(
            name=LOADER_DEPLOYMENT,
            cron=loader_cron or None,
            parameters={"config_path": config, **own},
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
                **own,
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


def ensure_zombie_automation(crashed_after_seconds: float = CRASHED_AFTER_SECONDS) -> None:
    """Mark a flow run Crashed when its heartbeats stop (its worker or machine died); workers
    need PREFECT_FLOWS_HEARTBEAT_FREQUENCY set (deploy/ and `cluster up` set 30 s)."""
    from datetime import timedelta

    from prefect.automations import Automation
    from prefect.client.schemas.objects import StateType
    from prefect.events.actions import ChangeFlowRunState
    from prefect.events.schemas.automations import EventTrigger, Posture
    from prefect.events.schemas.events import ResourceSpecification

    with contextlib.suppress(ValueError):
        Automation.read(name=ZOMBIE_AUTOMATION).delete()
    final = ("Completed", "Failed", "Cancelled", "Crashed")
    Automation(
        name=ZOMBIE_AUTOMATION,
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={"prefect.flow-run.heartbeat", *(f"prefect.flow-run.{s}" for s in final)},
            match=ResourceSpecification({"prefect.resource.id": ["prefect.flow-run.*"]}),
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive,
            threshold=1,
            within=timedelta(seconds=crashed_after_seconds),
        ),
        actions=[
            ChangeFlowRunState(state=StateType.CRASHED, message="no heartbeat: its worker died")
        ],
    ).create()


def ensure_crash_automation(loader_deployment_id: object) -> None:
    """When a source's flow run crashes (its worker died: the zombie automation of `cluster up`,
    or any Crashed state), run the loader: it records the run as crashed in the warehouse."""
    from prefect.automations import Automation
    from prefect.events.actions import RunDeployment
    from prefect.events.schemas.automations import EventTrigger, Posture
    from prefect.events.schemas.events import ResourceSpecification

    with contextlib.suppress(ValueError):
        Automation.read(name=CRASH_AUTOMATION).delete()
    Automation(
        name=CRASH_AUTOMATION,
        trigger=EventTrigger(
            expect={"prefect.flow-run.Crashed"},
            match=ResourceSpecification({"prefect.resource.id": "prefect.flow-run.*"}),
            match_related=ResourceSpecification(
                {"prefect.resource.id": f"prefect.tag.{SOURCE_RUN_TAG}"}
            ),
            posture=Posture.Reactive,
            threshold=1,
        ),
        actions=[RunDeployment(source="selected", deployment_id=loader_deployment_id)],  # type: ignore[arg-type]
    ).create()


def parse_own_settings(pairs: list[str]) -> dict[str, str]:
    own = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key:
            raise ConfigError(f"--set {pair!r}: expected KEY=VALUE")
        own[key.strip()] = value
    return own


def command_deploy(args: argparse.Namespace) -> int:
    if not os.environ.get("PREFECT_API_URL"):
        console.print(
            "[red]PREFECT_API_URL is not set: point it at the Prefect server the workers use "
            "(README: 'Scaling out').[/red]"
        )
        return 2
    config_path = args.config or os.environ.get("NEWSETL_CONFIG")
    own = parse_own_settings(args.set)
    settings = load_settings(config_path, deployment=own, precedence=DEPLOYMENT_PRECEDENCE)
    deployments = build_scale_out_deployments(
        settings,
        config_path,
        args.source,
        scheduler_cron=args.scheduler_cron,
        loader_cron=args.loader_cron,
        own_settings=own,
    )
    ids = deploy_to_pool(deployments, args.pool)
    ensure_zombie_automation()
    ensure_crash_automation(ids[[d.name for d in deployments].index("loader")])
    for deployment in deployments:
        schedule = ", ".join(str(s.schedule.cron) for s in deployment.schedules) or "on demand"
        console.print(
            f"deployment {deployment.flow_name}/{deployment.name} -> {args.pool}: {schedule}"
        )
    return 0
