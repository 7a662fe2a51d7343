"""Shared fixtures: a demo site on loopback, settings in a temp data dir, one Prefect harness."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsetl.prefect_defaults import apply_embedded_defaults

apply_embedded_defaults()

from helpers import fast_settings  # noqa: E402

from newsetl.demo_site import DemoServer, DemoSite  # noqa: E402
from settings import Settings, Source  # noqa: E402


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
    return fast_settings(tmp_path, request_timeout_seconds=5.0)


@pytest.fixture
def demo_source(settings: Settings, demo_server: DemoServer) -> Source:
    return settings.source("demo").with_base_url(demo_server.base_url)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


SLOW_FOLDERS = ("flows", "cli")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/flows and tests/cli is slow: Prefect, subprocesses, a browser."""
    tests_root = Path(__file__).parent
    for item in items:
        relative = Path(item.path).relative_to(tests_root)
        if relative.parts[0] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)
