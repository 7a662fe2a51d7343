"""`newsetl try URL`: what newsetl would extract from one page; nothing is written."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newsetl.commands.arguments import http_url, regex
from newsetl.commands.common import console, load_checked_settings

if TYPE_CHECKING:
    from flows.operations.try_page import TryResult

SHOWN_LINKS = 20
BODY_PREVIEW_CHARS = 600


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "try",
        help="fetch one page (or read --file) and print what would be extracted; writes nothing",
    )
    parser.add_argument(
        "url", type=http_url, help="the page's URL (with --file: the URL it is served at)"
    )
    parser.add_argument("--profile", help="site profile to use (default: the host's, or generic)")
    parser.add_argument("--file", type=Path, help="read the HTML from this file, fetch nothing")
    parser.add_argument(
        "--pattern",
        type=regex,
        help="article URL regex for listing links (default: the source's)",
    )
    parser.set_defaults(handler=command_try)


def command_try(args: argparse.Namespace) -> int:
    from flows.operations.config_check import profile_names
    from flows.operations.try_page import ARTICLE, LISTING, PageUnavailable, try_page
    from records.article import GENERIC_PROFILE
    from settings import ConfigError

    settings = load_checked_settings(args.config, needs_data_dir=False)
    known = [GENERIC_PROFILE, *profile_names()]
    if args.profile and args.profile not in known:
        raise ConfigError(f"unknown profile {args.profile!r} (known: {', '.join(known)})")
    try:
        result = try_page(
            settings,
            args.url,
            profile=args.profile,
            file=args.file,
            article_url_pattern=args.pattern,
        )
    except PageUnavailable as error:
        console.print(f"[red]{error}[/red]")
        return 1
    version = f" (version {result.profile_version})" if result.profile_version else ""
    console.print(f"URL: {result.url}\nprofile: {result.profile}{version}", markup=False)
    colour = {ARTICLE: "green", LISTING: "cyan"}.get(result.verdict, "yellow")
    console.print(f"verdict: {result.verdict}: {result.reason}", style=colour, markup=False)
    if result.verdict == LISTING:
        print_links(result)
    elif result.article is not None:
        print_article(result)
    console.print("[dim]nothing was written to the warehouse[/dim]")
    return 0


def print_links(result: TryResult) -> None:
    console.print(
        f"listing: {len(result.listing_links)} link(s) matching {result.listing_pattern} "
        f"({result.pattern_origin})",
        markup=False,
        soft_wrap=True,
    )
    for url, title in result.listing_links[:SHOWN_LINKS]:
        console.print(f"  {url}  {title or ''}", markup=False)
    if len(result.listing_links) > SHOWN_LINKS:
        console.print(f"  ... and {len(result.listing_links) - SHOWN_LINKS} more")


def print_article(result: TryResult) -> None:
    article = result.article
    assert article is not None
    sources = result.field_sources()
    fields = {
        "title": article.title,
        "subtitle": article.subtitle,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "authors": ", ".join(article.authors),
        "tags": ", ".join(article.tags),
        "language": article.language,
        "canonical_url": article.canonical_url,
        "images": len(article.images),
        "word_count": article.word_count,
    }
    console.print(f"confidence: {article.confidence:.2f}")
    for name, value in fields.items():
        origin = sources.get(name, article.profile)
        shown = value if value not in (None, "") else "-"
        console.print(f"  {name:<14} {shown}  ({origin})", markup=False)
    body = article.text
    more = f" ... ({len(body)} chars)" if len(body) > BODY_PREVIEW_CHARS else ""
    console.print(f"body:\n{body[:BODY_PREVIEW_CHARS]}{more}", markup=False)
