"""The one settings object, from layers whose precedence is declared (issue 19).

A command a user types: defaults < TOML file < NEWSETL_* environment variables
(`INTERACTIVE_PRECEDENCE`). A deployment's run on a worker: defaults < environment < the TOML
file the deployment names < the deployment's own settings (`DEPLOYMENT_PRECEDENCE`), so a
worker host's environment never silently overrides the configuration a run was deployed with.
A NEWSETL_* variable that names no setting (nor one of `OTHER_VARIABLES`) is an error, like an
unknown key in the file. A relative `data_dir` from a file is relative to that file's folder.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from importlib.resources import files
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ENV_PREFIX = "NEWSETL_"
CONFIG_ENV = "NEWSETL_CONFIG"
# The layers a setting can come from, lowest first: a later layer wins.
INTERACTIVE_PRECEDENCE = ("defaults", "file", "environment")
DEPLOYMENT_PRECEDENCE = ("defaults", "environment", "file", "deployment")
# NEWSETL_* variables that are not settings (anything else under the prefix is an error)
OTHER_VARIABLES = {
    CONFIG_ENV: "the TOML file to read",
    "NEWSETL_DEBUG": "print the traceback of an unexpected error",
    "NEWSETL_WORKER_NAME": "a scale-out worker's name, recorded with the runs it makes",
    "NEWSETL_CLUSTER_DIR": "the local cluster the distributed tests use",
    "NEWSETL_CLUSTER_WORKERS": "scripts/local_cluster.sh up: how many workers",
    "NEWSETL_KEEP_SCREENSHOT": "tests: keep the report test's screenshot",
}
DISCOVERY_METHODS = {"listing", "feed", "sitemap"}
SOURCE_NAME = re.compile(r"^[a-z0-9_-]+$")
USER_AGENT = "newsetl/0.1 (university news archiver; +https://github.com/newsetl/newsetl)"


class ConfigError(ValueError):
    """The configuration is invalid; the message says where and why (one line per problem).

    `source_tables` holds the source tables that were read, parsed or not, so that checks
    living above this package (profiles, crons) can still report on them in the same round.
    """

    def __init__(self, message: str, source_tables: Mapping[str, Mapping[str, Any]] | None = None):
        super().__init__(message)
        self.source_tables: dict[str, Mapping[str, Any]] = dict(source_tables or {})


@dataclass(frozen=True)
class Source:
    name: str
    base_url: str
    listing_paths: tuple[str, ...]
    article_url_pattern: str
    # for dates a page gives without an offset; None: the site profile's zone, for generic the
    # zone each page tells (`transforms.zones`), else UTC
    timezone: str | None = None
    profile: str = "generic"
    title: str = ""
    enabled: bool = True
    schedule: str = "0 */6 * * *"
    freshness_hours: float = 336.0
    max_listing_pages: int = 50
    # Discovery methods, in order: "listing", "feed", "sitemap". Feeds and sitemaps not named
    # here are looked for in the home page's <link rel=alternate> and robots.txt `Sitemap:`.
    discovery: tuple[str, ...] = ("listing",)
    feed_urls: tuple[str, ...] = ()
    sitemap_urls: tuple[str, ...] = ()
    respect_robots: bool = True
    # Other origins whose pages belong to this source (`host` or `host:port`): links and
    # redirects there are followed; every other origin is refused.
    allowed_hosts: tuple[str, ...] = ()
    # Per-source politeness overrides (None: the global setting).
    max_in_flight: int | None = None
    per_host_delay_seconds: float | None = None

    @property
    def listing_urls(self) -> list[str]:
        base = self.base_url.rstrip("/")
        return [
            path if "://" in path else base + "/" + path.lstrip("/") for path in self.listing_paths
        ]

    @property
    def feed_full_urls(self) -> list[str]:
        return [self._absolute(url) for url in self.feed_urls]

    @property
    def sitemap_full_urls(self) -> list[str]:
        return [self._absolute(url) for url in self.sitemap_urls]

    def _absolute(self, path: str) -> str:
        return path if "://" in path else self.base_url.rstrip("/") + "/" + path.lstrip("/")

    @property
    def origins(self) -> set[str]:
        """The origins (host and port) this source may fetch from: its own and `allowed_hosts`."""
        from records.urls import origin_keys

        own = [self.base_url, *self.listing_urls, *self.feed_full_urls, *self.sitemap_full_urls]
        return origin_keys([*own, *self.allowed_hosts])

    def with_base_url(self, base_url: str) -> Source:
        return replace(self, base_url=base_url)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    user_agent: str = USER_AGENT
    request_timeout_seconds: float = 10.0
    connect_timeout_seconds: float = 5.0
    max_in_flight: int = 2  # per host
    per_host_delay_seconds: float = 1.0  # robots.txt Crawl-delay wins when larger
    max_attempts: int = 3
    retry_backoff_seconds: float = 0.5
    max_retry_after_seconds: float = 60.0
    max_body_bytes: int = 10 * 1024 * 1024
    max_body_seconds: float = 30.0  # reading one response body, end to end
    max_redirects: int = 5
    max_meta_refresh_seconds: float = 30.0
    fetch_batch_size: int = 100
    lock_timeout_seconds: float = 600.0
    max_rechecks_per_run: int = 200
    # A backfill run reads at most this many listing pages (the next one resumes there).
    backfill_max_listing_pages: int = 2000
    # A listing walk ends after this many pages in a row with no article URL it had not seen.
    listing_stall_pages: int = 5
    # Longest text kept per field; longer values are cut and the cut recorded (truncations).
    max_title_chars: int = 1000
    max_field_chars: int = 5000  # subtitle, editor's note, each author, tag and image caption
    # Health thresholds, judged on each source's last run (flows/operations/health.py): the share of fetched
    # pages quarantined, of pages that failed to fetch, and of extracted pages the profile missed.
    max_quarantine_rate: float = 0.5
    max_page_failure_rate: float = 0.5
    max_profile_miss_rate: float = 0.2
    # Re-export every Parquet mart after each source run. Off: marts are exported on demand
    # (`newsetl sql --parquet`), so a run's cost does not grow with the warehouse (issue 13).
    parquet_after_each_run: bool = False
    # Sources run at once by one run (each its own host and politeness; one warehouse writer).
    sources_in_parallel: int = 8
    # Processes that decode and extract pages in a large run, and parse its listing pages
    # (0: one per core; 1: in process). They start once 200 URLs are queued, and at once for a backfill.
    transform_workers: int = 0
    # How long a command waits at its end for Prefect telemetry still queued (only when a Prefect
    # API is configured); what is left is reported, the runs are in the warehouse regardless.
    telemetry_flush_seconds: float = 20.0
    # Scale-out: a worker touches the heartbeat of the load package it writes this often.
    package_heartbeat_seconds: float = 10.0
    # Scale-out: a package being written without a heartbeat for this long is a dead worker's
    # (the loader records its run crashed and removes it).
    abandoned_after_seconds: float = 120.0
    # Scale-out: committed load packages older than this are deleted (their rows and WARC stay).
    committed_package_days: float = 7.0
    # Scale-out: at most this many committed load packages are kept, the newest.
    committed_package_count: int = 200
    sources: Mapping[str, Source] = field(default_factory=dict)

    @property
    def warehouse_path(self) -> Path:
        return self.data_dir / "warehouse.duckdb"

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    def enabled_sources(self) -> list[Source]:
        return [source for source in self.sources.values() if source.enabled]

    def source(self, name: str) -> Source:
        try:
            return self.sources[name]
        except KeyError:
            known = ", ".join(sorted(self.sources)) or "none"
            raise ConfigError(f"unknown source {name!r} (configured: {known})") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def _parse_source(
    name: str, table: Mapping[str, Any], origin: str, problems: list[str]
) -> Source | None:
    """The source, or None with every problem found in its table added to `problems`."""
    from records.urls import origin_key  # here, not at the top: it loads w3lib (~20 ms)

    found: list[str] = []
    where = f"{origin}: source {name!r}"
    if not SOURCE_NAME.match(name):
        # the name becomes a folder under the data directory: `../x` or `/x` must not
        found.append(
            f"{origin}: source name {name!r} must be a slug: lower-case letters, digits, _ and -"
        )
    known = {f.name for f in fields(Source)} - {"name"}
    unknown = set(table) - known
    if unknown:
        found.append(f"{where}: unknown keys {sorted(unknown)}")
    missing = [
        key for key in ("base_url", "listing_paths", "article_url_pattern") if key not in table
    ]
    found.extend(f"{where}: missing {key!r}" for key in missing)
    values = {key: value for key, value in table.items() if key in known}
    for key, value in list(values.items()):
        problem = _value_problem(SOURCE_KINDS[key], value)
        if problem:
            found.append(f"{where}: {key} {problem}, not {value!r}")
            del values[key]
    for key in ("listing_paths", "discovery", "feed_urls", "sitemap_urls", "allowed_hosts"):
        if key in values:
            values[key] = tuple(values[key])
    unknown_methods = set(values.get("discovery", ())) - DISCOVERY_METHODS
    if unknown_methods:
        found.append(
            f"{where}: unknown discovery methods {sorted(unknown_methods)} "
            f"(known: {sorted(DISCOVERY_METHODS)})"
        )
    if "article_url_pattern" in values:
        try:
            re.compile(values["article_url_pattern"])
        except re.error as error:
            found.append(f"{where}: bad article_url_pattern: {error}")
    try:
        ZoneInfo(values.get("timezone") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        found.append(f"{where}: unknown timezone {values['timezone']!r}")
    if "base_url" in values:
        if not str(values["base_url"]).startswith(("http://", "https://")):
            found.append(f"{where}: base_url must be http(s)")
        elif origin_key(values["base_url"]) is None:
            found.append(f"{where}: base_url must have a host and no user info")
    for host in values.get("allowed_hosts", ()):
        if not re.fullmatch(r"[A-Za-z0-9.-]+(:\d{1,5})?", str(host)):
            found.append(f"{where}: allowed_hosts entry {host!r} must be host or host:port")
    if found:
        problems.extend(found)
        return None
    return Source(name=name, **values)


# what each key of a source table holds: "text", "texts" (a list of them), "flag", "count"
# (a whole number, at least 1), "amount" (a finite number, at least 0); "?" allows no value
SOURCE_KINDS = {
    "base_url": "text", "listing_paths": "texts", "article_url_pattern": "text",
    "timezone": "text?", "profile": "text", "title": "text", "enabled": "flag",
    "schedule": "text", "freshness_hours": "amount", "max_listing_pages": "count",
    "discovery": "texts", "feed_urls": "texts", "sitemap_urls": "texts",
    "respect_robots": "flag", "allowed_hosts": "texts", "max_in_flight": "count?",
    "per_host_delay_seconds": "amount?",
}  # fmt: skip


def _value_problem(kind: str, value: Any) -> str | None:
    """What is wrong with `value` for a key of this kind, or None."""
    kind = kind.rstrip("?")
    if kind == "text":
        return None if isinstance(value, str) else "must be a string"
    if kind == "texts":
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
        return None if ok else "must be a list of strings"
    if kind == "flag":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "count":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        return None if ok else "must be a whole number of at least 1"
    ok = (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )
    return None if ok else "must be a finite number of at least 0"


def _parse_sources(tables: Any, origin: str, problems: list[str]) -> dict[str, Source]:
    if not isinstance(tables, Mapping):
        problems.append(f"{origin}: [sources] must be a table of [sources.<name>] tables")
        return {}
    parsed: dict[str, Source | None] = {}
    for name, table in tables.items():
        if isinstance(table, Mapping):
            parsed[name] = _parse_source(name, table, origin, problems)
        else:
            problems.append(f"{origin}: source {name!r} must be a [sources.{name}] table")
    return {name: source for name, source in parsed.items() if source is not None}


HEADER_SETTINGS = {"user_agent"}


def _coerce(name: str, raw: Any, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            return (
                str(raw).lower() in ("1", "true", "yes", "on")
                if isinstance(raw, str)
                else bool(raw)
            )
        readable = (str, os.PathLike) if isinstance(default, Path) else (str,)
        if isinstance(default, str | Path) and not isinstance(raw, readable):
            raise TypeError(raw)  # str() would make a name of any value: user_agent = ["a"]
        if isinstance(default, Path):
            return Path(raw)
        value = type(default)(raw)
        if isinstance(value, int | float) and (not math.isfinite(value) or value < 0):
            raise ValueError(raw)  # a NaN timeout or a negative count is no setting
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(
            f"setting {name}: cannot read {raw!r} as {type(default).__name__}"
        ) from None
    if name in HEADER_SETTINGS and not (value.isascii() and value.isprintable()):
        raise ConfigError(
            f"setting {name}: {raw!r} is sent as an HTTP header: printable ASCII only"
        )
    return value


def _layer_values(
    layer: str, table: Mapping[str, Any], known: set[str], problems: list[str], where: str
) -> dict[str, Any]:
    unknown = sorted(set(table) - known)
    if unknown:
        problems.append(f"{where}: unknown settings {unknown}")
    return {name: value for name, value in table.items() if name in known}


def load_settings(
    config_path: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    deployment: Mapping[str, Any] | None = None,
    precedence: tuple[str, ...] = INTERACTIVE_PRECEDENCE,
) -> Settings:
    """Shipped sources.toml and the user's TOML (`config_path` or $NEWSETL_CONFIG) for sources;
    settings from the layers of `precedence`, lowest first (`deployment`: a deployment's own).

    A user file with a [sources] table replaces the shipped sources, except `demo`. Every
    problem found is reported at once, one line each, in one ConfigError.
    """
    environ = os.environ if environ is None else environ
    problems: list[str] = []
    shipped = tomllib.loads(files("settings").joinpath("sources.toml").read_text("utf-8"))
    tables: dict[str, Mapping[str, Any]] = dict(shipped.get("sources", {}))
    sources = _parse_sources(tables, "shipped sources.toml", problems)
    config_path = config_path or environ.get(CONFIG_ENV)
    file_settings: dict[str, Any] = {}
    if config_path:
        user = _read_toml(Path(config_path))
        user_settings = user.get("settings", {})
        if not isinstance(user_settings, Mapping):
            problems.append(f"{config_path}: [settings] must be a table")
            user_settings = {}
        file_settings = dict(user_settings)
        if "sources" in user:
            user_sources = _parse_sources(user["sources"], str(config_path), problems)
            shipped_demo = {"demo": tables["demo"]} if "demo" in tables else {}
            user_tables = user["sources"] if isinstance(user["sources"], Mapping) else {}
            tables = {**shipped_demo, **user_tables}
            sources = (
                {"demo": sources["demo"], **user_sources} if "demo" in sources else user_sources
            )
    known = {setting.name for setting in fields(Settings)} - {"sources"}
    variables = {name: value for name, value in environ.items() if name.startswith(ENV_PREFIX)}
    unknown_variables = sorted(
        name
        for name in variables
        if name not in OTHER_VARIABLES and name[len(ENV_PREFIX) :].lower() not in known
    )
    if unknown_variables:
        problems.append(
            f"unknown environment variables {unknown_variables} (settings are NEWSETL_<SETTING>)"
        )
    base = Path(config_path).resolve().parent if config_path else None
    layers: dict[str, dict[str, Any]] = {
        "defaults": {},
        "file": _layer_values("file", file_settings, known, problems, str(config_path)),
        "environment": {
            name[len(ENV_PREFIX) :].lower(): value
            for name, value in variables.items()
            if name[len(ENV_PREFIX) :].lower() in known
        },
        "deployment": _layer_values(
            "deployment", deployment or {}, known, problems, "the deployment's settings"
        ),
    }
    defaults = Settings()
    values: dict[str, Any] = {}
    for layer in precedence:
        for name, raw in layers[layer].items():
            try:
                value = _coerce(name, raw, getattr(defaults, name))
            except ConfigError as error:
                problems.append(str(error))
                continue
            if name == "data_dir" and layer in ("file", "deployment") and base is not None:
                value = _beside(base, value)
            values[name] = value
    if problems:
        raise ConfigError("\n".join(problems), tables)
    return Settings(sources=sources, **values)


def _beside(base: Path, data_dir: Path) -> Path:
    """A relative `data_dir` of a file is relative to the file's folder, never to whatever the
    working directory is (a worker's differs from the operator's); kept as written when the
    file is in the working directory, where both readings are one folder."""
    if data_dir.is_absolute() or base == Path.cwd().resolve():
        return data_dir
    return base / data_dir


def run_record(settings: Settings, source: Source | None = None) -> dict[str, Any]:
    """A run's effective settings, to record with it: every setting, and its source's table."""
    record: dict[str, Any] = {
        setting.name: getattr(settings, setting.name)
        for setting in fields(Settings)
        if setting.name != "sources"
    }
    record["data_dir"] = str(settings.data_dir)
    if source is not None:
        record["source"] = {
            setting.name: getattr(source, setting.name) for setting in fields(Source)
        }
    return record
