"""Shared fixtures: a demo site on loopback, settings in a temp data dir, one Prefect harness."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from newsetl.prefect_defaults import apply_embedded_defaults

apply_embedded_defaults()
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from newsetl.demo_site import DemoServer, DemoSite  # noqa: E402
from newsetl.settings import Settings, Source, load_settings  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def demo_site() -> DemoSite:
    return DemoSite(30)


@pytest.fixture
def demo_server(demo_site: DemoSite) -> Iterator[DemoServer]:
    with DemoServer(demo_site) as server:
        yield server


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Fast, impolite settings for a loopback site: no delays, short timeouts."""
    return replace(
        load_settings(environ={}),
        data_dir=tmp_path / "data",
        per_host_delay_seconds=0.0,
        retry_backoff_seconds=0.01,
        request_timeout_seconds=5.0,
        lock_timeout_seconds=60.0,
    )


@pytest.fixture
def demo_source(settings: Settings, demo_server: DemoServer) -> Source:
    return settings.source("demo").with_base_url(demo_server.base_url)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
