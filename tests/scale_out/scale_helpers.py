"""Demo sites for the scale-out tests: one per source, on its own loopback port, with article
ids of their own (demo articles are keyed by their `c_<id>`, shared across hosts otherwise)."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from unittest import mock

from helpers import fast_settings

from newsetl.demo_site import DemoServer, DemoSite
from newsetl.demo_site import site as demo_site_module
from newsetl.settings import Settings

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
