"""What the benchmarks share: the loopback demo site (optionally slowed to a real server's
response time), politeness off."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from newsetl.demo_site import DemoSite
from settings import Settings, load_settings


def loopback_settings(data_dir: Path) -> Settings:
    return replace(
        load_settings(environ={}), data_dir=data_dir, per_host_delay_seconds=0.0, max_in_flight=8
    )


class SlowDemoSite(DemoSite):
    """The demo site answering every request after `latency_seconds`, like a server far away;
    the server is threaded, so requests in flight wait side by side."""

    def __init__(self, n_articles: int, latency_seconds: float) -> None:
        super().__init__(n_articles)
        self.latency_seconds = latency_seconds

    def respond(self, method: str, path: str, request_headers: dict[str, str] | None = None):  # noqa: ANN201
        time.sleep(self.latency_seconds)
        return super().respond(method, path, request_headers)


def demo_site(n_articles: int, latency_ms: float) -> DemoSite:
    return SlowDemoSite(n_articles, latency_ms / 1000) if latency_ms else DemoSite(n_articles)
