"""A host name that does not resolve fails at once: DNS failures are not retried."""

from __future__ import annotations

from dataclasses import replace

from fetch.http import Fetcher, FetchRequest
from flows.engine.resources import fetch_policy
from settings import load_settings


def test_a_name_that_does_not_resolve_is_tried_once() -> None:
    policy = replace(fetch_policy(load_settings(environ={})), max_attempts=3, backoff_seconds=5)
    with Fetcher(policy, None, set()) as fetcher:
        result = fetcher.fetch(FetchRequest("http://no-such-host.invalid/news"), "article")
    assert result.outcome == "network_error" and result.attempts == 1
