"""Shared fixtures: a demo site on loopback, settings in a temp data dir, one Prefect harness."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Hermetic (issue 19): a user's exported NEWSETL_* / PREFECT_* variables (a data directory, a
# Prefect server, a profile) never reach a test, nor the subprocesses tests start, which inherit
# os.environ. Cleared here, at import, before anything reads them; a test that wants one sets it
# itself (monkeypatch.setenv, or an `env=` of its own). Kept: how the suite itself is run.
HARNESS_VARIABLES = ("NEWSETL_CLUSTER_DIR", "NEWSETL_KEEP_SCREENSHOT")
CLEARED_PREFIXES = ("NEWSETL_", "PREFECT_")
CLEARED_VARIABLES = sorted(
    name
    for name in os.environ
    if name.startswith(CLEARED_PREFIXES) and name not in HARNESS_VARIABLES
)
for _name in CLEARED_VARIABLES:
    del os.environ[_name]
# Prefect's own home (profiles.toml, its database) is the suite's, not the user's: an active
# profile naming a server would otherwise decide where the tests' runs go.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="newsetl-tests-prefect-")
atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], ignore_errors=True)

from newsetl.prefect_defaults import apply_embedded_defaults  # noqa: E402

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


@pytest.fixture(scope="session", autouse=True)
def hermetic_environment() -> Iterator[None]:
    """Session-wide: the user's variables cleared above stay out for the whole session (a
    plugin or an import that put one back is undone before the first test)."""
    for name in list(os.environ):
        if name.startswith(CLEARED_PREFIXES) and name not in HARNESS_VARIABLES + SUITE_VARIABLES:
            del os.environ[name]
    yield


SUITE_VARIABLES = (  # set by this file, or by Prefect's defaults it applies
    "PREFECT_HOME",
    *(name for name in os.environ if name.startswith("PREFECT_")),
)
SLOW_FOLDERS = ("flows", "cli")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/flows and tests/cli is slow: Prefect, subprocesses, a browser."""
    tests_root = Path(__file__).parent
    for item in items:
        relative = Path(item.path).relative_to(tests_root)
        if relative.parts[0] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)
