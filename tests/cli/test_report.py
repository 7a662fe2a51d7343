"""`newsetl report`: the HTML opened in a real headless Chromium, offline."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from flows.source_run import run_source
from newsetl.demo_site import DemoServer, DemoSite
from newsetl.report.build import write_report
from newsetl.report.data import text_diff
from newsetl.settings import Settings

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
# The report has no script, so any console line at all (e.g. "INFO:CONSOLE:1] Uncaught ...")
# or a blocked load is an error.
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
    for external in ("<script", "<link", " src=", "@import", "url("):
        assert external not in html, f"{external} would need the network or a file"
    for chart in ("chart-weekly", "chart-versions", "chart-health"):
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
    for chart in ("chart-weekly", "chart-versions", "chart-health"):
        match = re.search(rf'<svg[^>]*id="{chart}".*?</svg>', dom.stdout, re.S)
        assert match, f"{chart} missing from the rendered DOM"
        assert match.group(0).count('class="bar"') >= 1, f"{chart} has no bars"
    assert len(re.findall(r"<details class=\"diff-block\"", dom.stdout)) >= 2
    assert 'class="add"' in dom.stdout and 'class="del"' in dom.stdout
    errors = [line for line in dom.stderr.splitlines() if CONSOLE_ERROR.search(line)]
    assert not errors, errors

    screenshot = tmp_path / "report.png"
    shot = chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1280,2000", url)
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 20_000  # a blank page is a few kB
