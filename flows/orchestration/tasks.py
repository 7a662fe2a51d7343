"""Prefect tasks: the plain steps, with retries and timeouts on the ones that touch the network."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.engine import steps

discover = task(
    steps.discover,
    name="discover",
    retries=1,
    retry_delay_seconds=[2],
    timeout_seconds=600,
    cache_policy=NO_CACHE,
)
plan_fetches = task(steps.plan_fetches, name="plan-fetches", cache_policy=NO_CACHE)
fetch_pages = task(
    steps.fetch_pages,
    name="fetch-pages",
    retries=2,
    retry_delay_seconds=[2, 10],
    timeout_seconds=900,
    cache_policy=NO_CACHE,
)
transform_pages = task(steps.transform_pages, name="transform-pages", cache_policy=NO_CACHE)
load_pages = task(steps.load_pages, name="load-pages", cache_policy=NO_CACHE)
