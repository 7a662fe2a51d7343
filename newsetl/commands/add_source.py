"""`newsetl add-source URL`: propose a source from a home or news page; `--write` appends it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from newsetl.commands.arguments import http_url, positive_int
from newsetl.commands.common import console, load_checked_settings

if TYPE_CHECKING:
    from flows.operations.add_source import SourceProposal


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "add-source",
        help="from a home or news page: find feeds, sitemaps and listing pages, propose the "
        "article URL pattern, extract a sample of articles; --write appends a checked source",
    )
    parser.add_argument("url", type=http_url, help="the site's home page or news page")
    parser.add_argument("--name", help="the source's name (default: from the host name)")
    parser.add_argument(
        "--write",
        type=Path,
        metavar="CONFIG",
        help="append the source table to this TOML file (created if missing), once it passes "
        "`newsetl check --probe`",
    )
    parser.add_argument(
        "--samples",
        type=positive_int,
        default=5,
        help="articles to extract as a sample (default 5)",
    )
    parser.set_defaults(handler=command_add_source)


def command_add_source(args: argparse.Namespace) -> int:
    from flows.operations.add_source import (
        name_problem,
        propose_source,
        source_table,
        suggested_name,
    )
    from flows.operations.try_page import PageUnavailable
    from settings import ConfigError, load_settings

    settings = load_checked_settings(args.config, needs_data_dir=False)
    if args.write is not None and args.write.exists():
        settings = load_settings(args.write)  # its names are the ones that must not clash
    name = args.name or suggested_name(args.url)
    if problem := name_problem(name, settings):
        raise ConfigError(problem)
    try:
        proposal = propose_source(settings, args.url, name=name, samples=args.samples)
    except PageUnavailable as error:
        console.print(str(error), style="red", markup=False)
        return 1
    print_proposal(proposal)
    if proposal.problems:
        for problem in proposal.problems:
            console.print(problem, style="red", markup=False)
        return 1
    table = source_table(proposal)
    console.print("\nSource table:")
    console.print(table, markup=False, highlight=False, soft_wrap=True)
    if args.write is None:
        console.print(
            "[dim]nothing was written; add --write CONFIG to append it (checked first)[/dim]"
        )
        return 0
    return write_checked(args.write, table, proposal.name)


def print_proposal(proposal: SourceProposal) -> None:
    console.print(f"Start page: {proposal.start_url}  {proposal.title}", markup=False)
    for kind, found in (("feed", proposal.feeds), ("sitemap", proposal.sitemaps)):
        if not found:
            console.print(f"  {kind}s: none found")
        for item in found:
            console.print(f"  {kind}: {item.url} ({item.entries} entries)", markup=False)
    console.print("Listing pages (article-like links):")
    for candidate in proposal.candidates:
        chosen = "  <- chosen" if candidate.url == proposal.listing_url else ""
        detail = candidate.error or f"{candidate.article_links}"
        console.print(f"  {candidate.url}: {detail}{chosen}", markup=False)
    if proposal.pattern is None:
        return
    console.print(f"Article URL pattern: {proposal.pattern}", markup=False, soft_wrap=True)
    console.print(
        f"  matches {len(proposal.matching_links)} link(s) on {proposal.listing_url}",
        markup=False,
    )
    console.print(
        f"Sample, extracted with the {proposal.profile} profile (what a run would store):"
    )
    for sample in proposal.samples:
        console.print(f"  {sample.url}", markup=False)
        if sample.rejection:
            console.print(f"    would be quarantined: {sample.rejection}", markup=False)
            continue
        console.print(
            f"    title: {sample.title}\n    published_at: {sample.published_at or '-'}; "
            f"authors: {sample.authors or '-'}; {sample.word_count} words; "
            f"confidence {sample.confidence:.2f}",
            markup=False,
        )
    console.print(f"  {len(proposal.stored)} of {len(proposal.samples)} would be stored")


def write_checked(config: Path, table: str, name: str) -> int:
    """Append `table` to `config` only if the result passes `check --probe` for that source."""
    from flows.operations.config_check import all_problems, config_problems, probe_source
    from settings import ConfigError, load_settings

    existing = config.read_text(encoding="utf-8") if config.exists() else ""
    separator = "\n" if existing and not existing.endswith("\n\n") else ""
    if existing and not existing.endswith("\n"):
        separator = "\n\n"
    staged = config.with_name(config.name + ".add-source.tmp")
    staged.write_text(existing + separator + table, encoding="utf-8")
    try:
        try:
            settings = load_settings(staged)
        except ConfigError as error:
            problems = all_problems(error)
        else:
            problems = config_problems(settings, needs_data_dir=False)
            if not problems:
                probe = probe_source(settings, settings.source(name))
                console.print(
                    f"check --probe: robots.txt {probe.robots}; {probe.listing_url}: "
                    f"{probe.listing}, {probe.article_links} article link(s)",
                    markup=False,
                )
                problems = probe.problems
        if problems:
            for problem in problems:
                console.print(problem, style="red", markup=False)
            console.print(f"[red]not written: {config} is unchanged[/red]")
            return 1
        os.replace(staged, config)
    finally:
        staged.unlink(missing_ok=True)
    console.print(f"Appended [sources.{name}] to {config}", markup=False)
    console.print(f"Next: uv run newsetl run --config {config} --source {name}", markup=False)
    return 0
