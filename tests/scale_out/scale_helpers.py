"""Demo sites for the scale-out tests: one per source, on its own loopback port, with article
ids of their own (demo articles are keyed by their `c_<id>`, shared across hosts otherwise)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from unittest import mock

from helpers import fast_settings

from newsetl.demo_site import DemoServer, DemoSite
from newsetl.demo_site import site as demo_site_module
from settings import Settings

ARTICLE_ID_SPACING = 1_000_000


def separate_demo_site(n_articles: int, index: int) -> DemoSite:
    """A demo site whose article ids no other index shares."""
    first_id = demo_site_module.FIRST_ARTICLE_ID + index * ARTICLE_ID_SPACING
    with mock.patch.object(demo_site_module, "FIRST_ARTICLE_ID", first_id):
        return DemoSite(n_articles, seed=100 + index)


def start_sites(stack: ExitStack, names: list[str], n_articles: int) -> dict[str, DemoServer]:
    return {
        name: stack.enter_context(DemoServer(separate_demo_site(n_articles + index, index)))
        for index, name in enumerate(names)
    }


def settings_for(data_root: Path, servers: dict[str, DemoServer], **overrides: object) -> Settings:
    """Fast loopback settings with one `demo`-like source per server."""
    base = fast_settings(data_root, **overrides)
    demo = base.source("demo")
    sources = {
        name: replace(demo, name=name).with_base_url(server.base_url)
        for name, server in servers.items()
    }
    return replace(base, sources=sources)


def write_cluster_config(
    path: Path, data_dir: Path, servers: dict[str, DemoServer], **settings: object
) -> Path:
    """A TOML config the cluster's workers read: one demo-like source per server."""
    values = {
        "data_dir": str(data_dir),
        "per_host_delay_seconds": 0.0,
        "retry_backoff_seconds": 0.01,
        "request_timeout_seconds": 5.0,
        "lock_timeout_seconds": 120.0,
        **settings,
    }
    lines = ["[settings]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    for name, server in servers.items():
        lines += [
            f"[sources.{name}]",
            f"base_url = {json.dumps(server.base_url)}",
            'listing_paths = ["/news/node_1.htm"]',
            "article_url_pattern = '/\\d{4}-\\d{2}/\\d{2}/c_\\d+\\.htm$'",
            'timezone = "Asia/Shanghai"',
            'profile = "bit"',
            "max_in_flight = 2",
            "per_host_delay_seconds = 0.0",
        ]
    path.write_text("\n".join(lines) + "\n")
    return path


def slow_down(server: DemoServer, seconds: float) -> None:
    """Every answer of the site takes `seconds` longer, so runs overlap and can be caught."""
    traffic = server.site.traffic
    answer = traffic.serving

    @contextmanager
    def slow_serving(path: str) -> Iterator[None]:
        with answer(path):
            time.sleep(seconds)
            yield

    traffic.serving = slow_serving  # type: ignore[method-assign]
