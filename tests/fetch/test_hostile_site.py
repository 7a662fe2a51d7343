"""Every hostile case ends in its recorded outcome, and the run still loads the other pages."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

import helpers
import pytest
from helpers import rows
from servers.hostile import BOMB_PATH, CP1252_TEXT, GBK_ONLY_TEXT, HostileSite

from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer
from settings import Settings


def fast_settings(tmp_path: Path, **overrides: object) -> Settings:
    hostile_limits = {
        "request_timeout_seconds": 0.5,
        "connect_timeout_seconds": 0.5,
        "max_body_bytes": 1024 * 1024,
        "max_retry_after_seconds": 5.0,
    }
    return helpers.fast_settings(tmp_path, **{**hostile_limits, **overrides})


CASES = {
    # fault: (expected outcome, attempts, text in the error or None)
    "500": ("http_error", 3, "HTTP 500"),
    "503_retry_after": ("fetched", 2, None),
    "429": ("fetched", 2, None),
    "slow": ("timeout", 3, "Timeout"),
    "reset": ("network_error", 3, None),
    "truncated": ("network_error", 3, None),
    "huge": ("too_large", 1, "larger than"),
    "gzip_bomb": ("too_large", 1, "decompressed"),
    "redirect_loop": ("refused_redirect", 1, "redirects"),
    "redirect_offsite": ("refused_redirect", 1, "off-site"),
    "redirect_unparsable": ("refused_redirect", 1, "redirect to no address"),
    "redirect_no_address": ("refused_redirect", 1, "redirect to no address"),
    "redirect_not_http": ("refused_redirect", 1, "not http(s)"),
    "redirect_control_char": ("refused_redirect", 1, "no address a request can go to"),
    "cookie_not_ascii": ("fetched", 1, None),  # and every later request of the run goes on
    "consent_cookie": ("fetched", 1, None),  # the cookie set by the redirect is sent back
    "retry_after_not_ascii": ("fetched", 2, None),
    "gbk_as_gb2312": ("fetched", 1, None),
    "cp1252_as_utf8": ("fetched", 1, None),
    "undecodable": ("fetched", 1, None),
    "html_gz_as_html": ("fetched", 1, None),  # a page's .gz file, sent as it is
    "brotli_as_html": ("bad_content_type", 1, "its body is binary"),
    "json_as_html": ("bad_content_type", 1, "its body is JSON"),
    "soft_404": ("fetched", 1, None),  # and quarantined: no article
}
ONE_TIME = {"503_retry_after", "429", "retry_after_not_ascii"}


@pytest.fixture
def hostile() -> HostileSite:
    return HostileSite(30, per_page=10)


def test_each_fault_is_recorded_and_the_rest_of_the_run_completes(
    tmp_path: Path, hostile: HostileSite
) -> None:
    articles = hostile.live_articles()
    faulted = {kind: articles[index + 2] for index, kind in enumerate(CASES)}
    for kind, article in faulted.items():
        hostile.fault(article.path, kind, times=1 if kind in ONE_TIME else None)
    hostile.slow_seconds = 0.8
    disallowed = articles[-1]
    hostile.robots_txt = f"User-agent: *\nDisallow: {disallowed.path}\nCrawl-delay: 0.01\n"
    settings = fast_settings(tmp_path)
    with DemoServer(hostile) as server:
        base = server.base_url
        hostile.robots_txt += f"Sitemap: {base}{BOMB_PATH}\n"
        source = replace(
            settings.source("demo").with_base_url(base), discovery=("listing", "sitemap")
        )
        summary = run_source(settings, source)

    assert summary.status == "completed"
    outcomes = {
        url: (outcome, attempts, error or "")
        for url, outcome, attempts, error in rows(
            settings, "SELECT url, outcome, attempts, error FROM stg_responses"
        )
    }
    for kind, (outcome, attempts, error_text) in CASES.items():
        got = outcomes[base + faulted[kind].path]
        assert got[0] == outcome, (kind, got)
        assert got[1] == attempts, (kind, got)
        if error_text:
            assert error_text in got[2], (kind, got)
    assert outcomes[base + disallowed.path][0] == "skipped_robots"
    assert outcomes[base + BOMB_PATH][0] == "bad_xml"
    assert (
        "EntitiesForbidden" in outcomes[base + BOMB_PATH][2]
        or "DTD" in outcomes[base + BOMB_PATH][2]
    )

    fetched_ok = {
        "503_retry_after", "429", "cookie_not_ascii", "consent_cookie", "retry_after_not_ascii",
        "gbk_as_gb2312", "cp1252_as_utf8", "undecodable", "html_gz_as_html", "soft_404",
    }  # fmt: skip
    failed = len(CASES) - len(fetched_ok) + 1  # and the robots-disallowed page
    loaded = rows(settings, "SELECT count(*) FROM articles")[0][0]
    assert loaded == 30 - failed - 1  # the page not found is no article
    quarantined = rows(settings, "SELECT url, reason, detail FROM stg_quarantine")
    assert quarantined == [
        (
            base + faulted["soft_404"].path,
            "interstitial",
            "the page is a page that was not found, not an article",
        )
    ]
    assert rows(
        settings,
        "SELECT count(*) FROM articles WHERE url = ?",
        [base + faulted["html_gz_as_html"].path],
    ) == [(1,)]
    body = {
        kind: rows(
            settings, "SELECT body_text FROM articles WHERE url = ?", [base + faulted[kind].path]
        )[0][0]
        for kind in ("gbk_as_gb2312", "cp1252_as_utf8")
    }
    assert GBK_ONLY_TEXT in body["gbk_as_gb2312"]
    assert CP1252_TEXT in body["cp1252_as_utf8"]
    replaced = dict(rows(settings, "SELECT url, replaced_chars FROM stg_responses"))
    assert replaced[base + faulted["gbk_as_gb2312"].path] == 0
    assert replaced[base + faulted["cp1252_as_utf8"].path] == 0
    assert replaced[base + faulted["undecodable"].path] > 0

    # nothing was dropped: every failed page is still in the frontier, due or backing off
    frontier = dict(rows(settings, "SELECT url, last_outcome FROM frontier"))
    for kind in set(CASES) - fetched_ok:
        assert frontier[base + faulted[kind].path] == CASES[kind][0]


def test_twenty_percent_flaky_site_loads_everything_exactly_once(tmp_path: Path) -> None:
    site = HostileSite(60, per_page=10, flaky_rate=0.2, flaky_seed=3)
    site.robots_txt = "User-agent: *\nAllow: /\n"
    settings = fast_settings(tmp_path, fetch_batch_size=20)
    with DemoServer(site) as server:
        source = replace(
            settings.source("demo").with_base_url(server.base_url),
            discovery=("listing", "sitemap"),
            sitemap_urls=("/sitemap.xml",),
        )
        for _run in range(3):
            # a run may fail outright (its first listing page failed 3 times): the next resumes
            with contextlib.suppress(Exception):
                run_source(settings, source)
            if rows(settings, "SELECT count(*) FROM articles")[0][0] == 60:
                break
    assert any(status == -1 for _, _, status in site.requests), "the site was not flaky"
    assert rows(settings, "SELECT count(*) FROM articles")[0][0] == 60
    assert rows(settings, "SELECT count(DISTINCT url) FROM articles")[0][0] == 60
    assert rows(settings, "SELECT count(*) FROM raw_article_versions")[0][0] == 60
    assert rows(settings, "SELECT max(version) FROM raw_article_versions")[0][0] == 1
