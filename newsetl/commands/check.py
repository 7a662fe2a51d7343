"""`newsetl check`: validate the configuration (and with --probe, ask each source's site)."""

from __future__ import annotations

import argparse

from newsetl.commands.common import console
from settings import ConfigError, load_settings


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="validate the configuration: cron, profiles, URLs, patterns, time zones, data_dir; "
        "exit 0 when fine, 2 with one line per problem",
    )
    parser.add_argument(
        "--probe",
        action="store_true",
        help="also fetch each enabled source's robots.txt and first listing page, and count "
        "the links matching its article_url_pattern",
    )
    parser.add_argument("--source", action="append", help="probe only this source; repeatable")
    parser.set_defaults(handler=command_check)


def command_check(args: argparse.Namespace) -> int:
    from flows.operations.config_check import all_problems, config_problems, probe_source

    try:
        settings = load_settings(args.config)
    except ConfigError as error:
        for line in all_problems(error):
            console.print(f"configuration error: {line}", style="red", markup=False)
        return 2
    problems = config_problems(settings)
    if args.probe and not problems:
        names = args.source or [source.name for source in settings.enabled_sources()]
        for name in names:
            result = probe_source(settings, settings.source(name))
            console.print(
                f"{name}: robots.txt {result.robots}; {result.listing_url}: {result.listing}, "
                f"{result.article_links} article link(s)"
                + (f", e.g. {result.examples[0]}" if result.examples else "")
            )
            problems.extend(result.problems)
    for problem in problems:
        console.print(f"[red]{problem}[/red]")
    if problems:
        return 2
    console.print(
        f"configuration ok: {len(settings.sources)} source(s), data_dir {settings.data_dir}"
    )
    return 0
