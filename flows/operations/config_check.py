"""`newsetl check`: everything about a configuration that can be known before a run starts.

`config_problems` is what every command runs before starting Prefect (one line per problem);
`probe_source` additionally asks the site: robots.txt, the first listing page, and how many of
its links match the source's article pattern.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from records.article import GENERIC_PROFILE
from records.urls import origin_key
from settings import ConfigError, Settings, Source
from transforms.profiles.registry import profile_names

UNSUPPORTED_CRON_FIELDS = {"r", "h"}  # croniter's random and hashed fields, which Prefect refuses


def cron_problem(cron: str) -> str | None:
    """Why Prefect would refuse this cron expression, or None: the rules of Prefect's own
    validator (the one `serve` applies), kept equal to it by a test."""
    croniter = _prefect_croniter()
    if croniter is None:  # Prefect's layout changed: ask Prefect itself (importing it, ~1 s)
        from prefect._internal.schemas.validators import validate_cron_string

        try:
            validate_cron_string(cron)
        except ValueError as error:
            return str(error)
        return None
    if not croniter.croniter.is_valid(cron):
        return f'Invalid cron string: "{cron}"'
    if any(field.casefold() in UNSUPPORTED_CRON_FIELDS for field in cron.split()):
        return f'Random and Hashed expressions are unsupported, received: "{cron}"'
    return None


@cache
def _prefect_croniter() -> ModuleType | None:
    """The croniter Prefect vendors, loaded on its own: importing it as `prefect._vendor...`
    would run Prefect's start-up (~1 s), and every command checks crons before anything else."""
    prefect = importlib.util.find_spec("prefect")
    if prefect is None or not prefect.submodule_search_locations:
        return None
    for folder in prefect.submodule_search_locations:
        path = Path(folder) / "_vendor" / "croniter" / "croniter.py"
        if path.is_file():
            spec = importlib.util.spec_from_file_location("newsetl_prefect_croniter", path)
            if spec is None or spec.loader is None:
                return None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    return None


def data_dir_problem(data_dir: Path) -> str | None:
    """The data directory must be a writable directory, or creatable in a writable one."""
    if data_dir.exists():
        if not data_dir.is_dir():
            return f"data_dir {data_dir} is a file, not a directory: point data_dir elsewhere"
        if not os.access(data_dir, os.W_OK | os.X_OK):
            return f"data_dir {data_dir} is not writable by this user"
        return None
    parent = data_dir.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        return f"data_dir {data_dir} cannot be created: {parent} is not a writable directory"
    return None


def _profile_and_schedule_problems(
    where: str, profile: str, schedule: str, profiles: list[str]
) -> list[str]:
    problems = []
    if profile not in profiles:
        problems.append(f"{where}: unknown profile {profile!r} (known: {', '.join(profiles)})")
    cron = cron_problem(schedule)
    if cron:
        problems.append(f"{where}: schedule: {cron}")
    return problems


def source_problems(source: Source, profiles: list[str]) -> list[str]:
    where = f"source {source.name!r}"
    problems = _profile_and_schedule_problems(where, source.profile, source.schedule, profiles)
    if source.max_in_flight is not None and source.max_in_flight < 1:
        problems.append(f"{where}: max_in_flight must be at least 1, not {source.max_in_flight}")
    for url in [*source.listing_urls, *source.feed_full_urls, *source.sitemap_full_urls]:
        if origin_key(url) is None:  # also a port that cannot be, or user info
            problems.append(f"{where}: not an http(s) URL with a host: {url!r}")
    if source.freshness_hours <= 0:
        problems.append(f"{where}: freshness_hours must be positive")
    if source.max_listing_pages < 1:
        problems.append(f"{where}: max_listing_pages must be at least 1")
    return problems


def config_problems(settings: Settings, *, needs_data_dir: bool = True) -> list[str]:
    """One line per problem; [] when the configuration can run. (Patterns, time zones and URL
    schemes are already checked while the file is read: `load_settings` raises ConfigError.)"""
    problems = []
    data_dir = settings.data_dir
    if needs_data_dir or (data_dir.exists() and not data_dir.is_dir()):  # readers need a folder
        problem = data_dir_problem(data_dir)
        if problem:
            problems.append(problem)
    if settings.max_in_flight < 1:
        problems.append(f"setting max_in_flight must be at least 1, not {settings.max_in_flight}")
    for name, value in (
        ("max_quarantine_rate", settings.max_quarantine_rate),
        ("max_page_failure_rate", settings.max_page_failure_rate),
        ("max_profile_miss_rate", settings.max_profile_miss_rate),
    ):
        if not 0 <= value <= 1:
            problems.append(f"setting {name} must be between 0 and 1, not {value}")
    profiles = [GENERIC_PROFILE, *profile_names()]
    for source in settings.sources.values():
        problems.extend(source_problems(source, profiles))
    return problems


def unparsed_source_problems(error: ConfigError) -> list[str]:
    """The profile and schedule problems of the source tables a ConfigError was raised over:
    reading the file stops at its own problems (a bad time zone, a bad pattern), and these
    belong in the same report, so a user fixes everything in one round."""
    profiles = [GENERIC_PROFILE, *profile_names()]
    default_schedule = Source.__dataclass_fields__["schedule"].default
    problems = []
    for name, table in error.source_tables.items():
        if not isinstance(table, dict):
            continue
        profile = _text(table.get("profile"), GENERIC_PROFILE)
        schedule = _text(table.get("schedule"), str(default_schedule))
        problems.extend(
            _profile_and_schedule_problems(f"source {name!r}", profile, schedule, profiles)
        )
    return problems


def _text(value: Any, default: str) -> str:
    return default if value is None else str(value)


def all_problems(error: ConfigError) -> list[str]:
    """Every line of `error` and every problem found beyond it, without repeats."""
    lines = [line for line in str(error).splitlines() if line.strip()]
    return list(dict.fromkeys([*lines, *unparsed_source_problems(error)]))


@dataclass
class ProbeResult:
    source: str
    robots: str
    listing_url: str
    listing: str
    article_links: int
    examples: list[str]

    @property
    def problems(self) -> list[str]:
        if self.listing != "ok":
            return [
                f"source {self.source!r}: first listing page {self.listing_url}: {self.listing}"
            ]
        if not self.article_links:
            return [
                f"source {self.source!r}: first listing page {self.listing_url} holds no link "
                "matching article_url_pattern"
            ]
        return []


def probe_source(settings: Settings, source: Source) -> ProbeResult:
    """Read robots.txt and the first listing page; count the links matching the pattern."""
    listing_url = source.listing_urls[0]
    from fetch.http import Fetcher, FetchRequest
    from flows.engine.resources import fetch_policy
    from transforms.decode import decode_html
    from transforms.listing import parse_listing

    with Fetcher(fetch_policy(settings, source), None, source.origins) as fetcher:
        rules = fetcher.robots_for(listing_url)
        robots = rules.note if rules is not None else "unreachable"
        response = fetcher.fetch(FetchRequest(listing_url), "listing")
    if response.outcome != "fetched" or response.body is None:
        reason = response.error or f"HTTP {response.status_code}"
        return ProbeResult(source.name, robots, listing_url, f"{response.outcome}: {reason}", 0, [])
    html, _ = decode_html(response.body, response.content_type)
    page = parse_listing(html, response.final_url or listing_url, source.article_url_pattern)
    links = [article.url for article in page.articles]
    return ProbeResult(source.name, robots, listing_url, "ok", len(links), links[:3])
