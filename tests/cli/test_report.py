"""`newsetl report`: the HTML opened in a real headless Chromium, offline."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from flows.engine.source_run import run_source
from newsetl.demo_site import DemoServer, DemoSite
from newsetl.report.build import write_report
from newsetl.report.data import text_diff
from settings import Settings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
]
# The report's only script filters the latest articles and logs nothing, so any console line at
# all (e.g. "INFO:CONSOLE:1] Uncaught ...") or a blocked load is an error.
CONSOLE_ERROR = re.compile(r"Uncaught|:CONSOLE[:(]\d+|Refused to|net::ERR_", re.I)


def chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *arguments],
        capture_output=True,
        text=True,
        timeout=90,
    )


@pytest.fixture
def report_file(settings: Settings, tmp_path: Path) -> Path:
    """A warehouse with new articles, edits and a deletion over three runs, and its report."""
    site = DemoSite(40)
    with DemoServer(site) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        run_source(settings, source)
        for _ in range(2):
            site.advance(1)
            for article in site.live_articles()[1:3]:
                site.edit(article.article_id)
            run_source(settings, source, recheck_all=True)
    return write_report(settings, tmp_path / "report.html")


def test_text_diff_shows_the_changed_sentence_only() -> None:
    diff = text_diff(
        "One. Two. Three.", "One. Two changed. Three.", title_before="T", title_after="T"
    )
    assert "-Two." in diff and "+Two changed." in diff and "+One." not in diff


def test_report_is_self_contained(report_file: Path) -> None:
    html = report_file.read_text()
    for external in ("<script src", "<link", " src=", "@import", "url("):
        assert external not in html, f"{external} would need the network or a file"
    for chart in ("chart-weekly", "chart-volume", "chart-health"):
        assert f'id="{chart}"' in html
    assert "<pre class='diff'>" in html


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install -y chromium); the report is checked "
    "in a real browser only where one exists",
)
def test_report_renders_in_a_headless_browser(report_file: Path, tmp_path: Path) -> None:
    url = report_file.as_uri()
    dom = chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    for chart, mark in (("chart-weekly", 'class="bar"'), ("chart-volume", 'class="line"'),
                        ("chart-health", 'class="bar"')):  # fmt: skip
        match = re.search(rf'<svg[^>]*id="{chart}".*?</svg>', dom.stdout, re.S)
        assert match, f"{chart} missing from the rendered DOM"
        assert match.group(0).count(mark) >= 1, f"{chart} has no {mark}"
    assert len(re.findall(r"<details class=\"diff-block\"", dom.stdout)) >= 2
    assert 'class="add"' in dom.stdout and 'class="del"' in dom.stdout
    errors = [line for line in dom.stderr.splitlines() if CONSOLE_ERROR.search(line)]
    assert not errors, errors

    screenshot = tmp_path / "report.png"
    shot = chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1280,2000", url)
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 20_000  # a blank page is a few kB


class NoArticlesSite(DemoSite):
    """A site whose article pages hold no article: every page is quarantined."""

    def respond(self, method: str, path: str, request_headers: dict[str, str] | None = None):
        if re.search(r"/c_\d+\.htm$", path):
            return 200, {"Content-Type": "text/html"}, b"<html><body><p>Moved.</p></body></html>"
        return super().respond(method, path, request_headers)


@pytest.fixture
def history_report(settings: Settings, tmp_path: Path) -> Path:
    """Three sources with months of backdated articles, one of them wholly quarantined."""
    sites = {
        "alder": DemoSite(60, seed=3, newest=date(2026, 11, 18)),
        "kestrel": DemoSite(40, seed=5, newest=date(2026, 10, 30)),
        "broken": NoArticlesSite(8, seed=9),
    }
    template = settings.source("demo")
    sources = {name: replace(template, name=name, freshness_hours=72) for name in sites}
    settings = replace(settings, sources={**settings.sources, **sources})
    for name, site in sites.items():
        with DemoServer(site) as server:
            run_source(settings, sources[name].with_base_url(server.base_url))
    return write_report(settings, tmp_path / "history.html")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_report_for_several_sources_shows_latest_articles_sources_and_quarantine(
    history_report: Path, tmp_path: Path
) -> None:
    url = history_report.as_uri()
    dom = chromium(tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    errors = [line for line in dom.stderr.splitlines() if CONSOLE_ERROR.search(line)]
    assert not errors, errors
    # the filter script ran over the latest articles: both sources with articles, newest first
    latest = re.search(r'<table id="latest-table">.*?</table>', dom.stdout, re.S).group(0)
    rows = latest.count("<tr data-source")
    assert rows > 90 and f"{rows} article(s) shown" in dom.stdout
    assert latest.index('data-source="alder"') < latest.index('data-source="kestrel"')
    assert "<option>alder</option><option>kestrel</option>" in dom.stdout
    panels = re.findall(
        r'<tr class="source-panel" data-source="(\w+)">(.*?)</tr>', dom.stdout, re.S
    )
    assert [name for name, _ in panels] == ["alder", "broken", "kestrel"]
    broken = dict(panels)["broken"]
    assert "quarantined 8 of 8 fetched pages" in broken and 'class="flagged"' in broken
    assert 'class="ok"' in dict(panels)["alder"] and 'class="spark"' in dict(panels)["alder"]
    quarantine = re.search(r'<table id="quarantine-table">.*?</table>', dom.stdout, re.S).group(0)
    assert "broken" in quarantine and "/c_" in quarantine
    volume = re.search(r'<svg[^>]*id="chart-volume".*?</svg>', dom.stdout, re.S).group(0)
    assert volume.count('class="line"') == 2
    freshness = re.search(r'<svg[^>]*id="chart-health".*?</svg>', dom.stdout, re.S).group(0)
    assert "of 72 h" in freshness and 'class="marker"' in freshness

    screenshot = tmp_path / "history.png"
    shot = chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1280,2600", url)
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.stat().st_size > 50_000
    keep = os.environ.get("NEWSETL_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(screenshot, keep)
