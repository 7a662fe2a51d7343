"""`newsetl serve`: one Prefect deployment per enabled source on its cron, plus all-sources.

Start a Prefect server first (`prefect server start --host 127.0.0.1`) and point this process
at it with PREFECT_API_URL; the README section "For operators" has the whole recipe.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from newsetl.commands.common import console, load_checked_settings
from settings import ConfigError, Settings

ALL_SOURCES_DEPLOYMENT = "all-sources"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "serve",
        help="schedule every enabled source on its cron with Prefect and run them as they come due",
    )
    parser.add_argument(
        "--source", action="append", help="serve only this source; repeat for several"
    )
    parser.add_argument(
        "--all-sources-cron",
        help="also run every enabled source together on this cron (default: on demand only)",
    )
    parser.add_argument(
        "--limit", type=int, default=1, help="flow runs at once (default 1: one writer anyway)"
    )
    parser.set_defaults(handler=command_serve)


def build_deployments(
    settings: Settings,
    config_path: str | None,
    source_names: list[str] | None = None,
    all_sources_cron: str | None = None,
) -> list:
    """RunnerDeployments: `newsetl-source/<name>` on each source's cron, `newsetl-all-sources`."""
    from prefect.deployments.runner import EntrypointType

    from flows.orchestration.pipeline import all_sources_flow, source_flow

    sources = (
        [settings.source(name) for name in source_names]
        if source_names
        else settings.enabled_sources()
    )
    if not sources:
        raise ConfigError("no enabled sources to serve: enable one in the config or use --source")
    config = str(Path(config_path).resolve()) if config_path else None
    deployments = [
        source_flow.to_deployment(
            name=source.name,
            cron=source.schedule,
            parameters={"source_name": source.name, "config_path": config},
            description=f"{source.title or source.name}: discover, fetch, transform, load.",
            tags=["newsetl", f"source:{source.name}"],
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        for source in sources
    ]
    deployments.append(
        all_sources_flow.to_deployment(
            name=ALL_SOURCES_DEPLOYMENT,
            cron=all_sources_cron,
            parameters={"config_path": config},
            description="Every enabled source in turn; fails if any source failed.",
            tags=["newsetl"],
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
    )
    return deployments


def command_serve(args: argparse.Namespace) -> int:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    from newsetl.prefect_defaults import apply_embedded_defaults

    apply_embedded_defaults()
    settings = load_checked_settings(args.config)
    config_path = args.config or os.environ.get("NEWSETL_CONFIG")
    deployments = build_deployments(settings, config_path, args.source, args.all_sources_cron)
    if not os.environ.get("PREFECT_API_URL"):
        console.print(
            "[yellow]PREFECT_API_URL is not set: serving against a temporary in-process API, "
            "with no UI and nothing kept. Start `prefect server start --host 127.0.0.1` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (README: 'For operators').[/yellow]"
        )
    for deployment in deployments:
        schedule = ", ".join(str(s.schedule.cron) for s in deployment.schedules) or "on demand"
        console.print(f"deployment {deployment.flow_name}/{deployment.name}: {schedule}")
    from prefect import serve

    serve(*deployments, limit=args.limit)
    return 0
