"""`newsetl serve`: the enabled sources on their crons as Prefect deployments, run here.

Sources sharing a cron run as one round (a flow run, with a child flow run per source);
`newsetl-round/all-sources` runs every source, or those named in its parameters, on demand. Point this process at a Prefect server with
PREFECT_API_URL (or a Prefect profile); without one, Prefect starts a temporary local server.
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


def round_name(cron: str) -> str:
    """A deployment name for the sources sharing one cron: `0 */6 * * *` -> `0-every6-x-x-x`."""
    return "-".join(
        field.replace("*/", "every").replace("*", "x").replace(",", "_") for field in cron.split()
    )


def build_deployments(
    settings: Settings,
    config_path: str | None,
    source_names: list[str] | None = None,
    all_sources_cron: str | None = None,
) -> list:
    """RunnerDeployments: one `newsetl-round/<cron>` per distinct schedule, running the sources
    on it together (one flow run per round, a child flow run per source), and
    `newsetl-round/all-sources` over every served source (on demand, or on --all-sources-cron;
    its `source_names` parameter runs a chosen few now). A few deployments whatever the number
    of sources: registering one per source cost `serve` minutes of start-up at 1,000 sources."""
    from prefect.deployments.runner import EntrypointType

    from flows.orchestration.pipeline import round_flow

    sources = (
        [settings.source(name) for name in source_names]
        if source_names
        else settings.enabled_sources()
    )
    if not sources:
        raise ConfigError("no enabled sources to serve: enable one in the config or use --source")
    config = str(Path(config_path).resolve()) if config_path else None
    by_schedule: dict[str, list[str]] = {}
    for source in sources:
        by_schedule.setdefault(source.schedule, []).append(source.name)
    deployments = [
        round_flow.to_deployment(
            name=round_name(cron),
            cron=cron,
            parameters={
                "round_name": round_name(cron),
                "source_names": names,
                "config_path": config,
            },
            description=f"Sources on `{cron}`: {', '.join(names[:20])}"
            + (f" and {len(names) - 20} more" if len(names) > 20 else ""),
            tags=["newsetl", "round"],
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        for cron, names in by_schedule.items()
    ]
    deployments.append(
        round_flow.to_deployment(
            name=ALL_SOURCES_DEPLOYMENT,
            cron=all_sources_cron,
            parameters={
                "round_name": ALL_SOURCES_DEPLOYMENT,
                "source_names": [source.name for source in sources],
                "config_path": config,
            },
            description="Every served source together; fails if any source failed.",
            tags=["newsetl", "round"],
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
    )
    return deployments


def command_serve(args: argparse.Namespace) -> int:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    from newsetl.prefect_defaults import apply_embedded_defaults, configured_api_url

    apply_embedded_defaults()
    settings = load_checked_settings(args.config)
    config_path = args.config or os.environ.get("NEWSETL_CONFIG")
    deployments = build_deployments(settings, config_path, args.source, args.all_sources_cron)
    if not configured_api_url():
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
