"""Issue 20: what a new user meets in the first hour. One test per README claim: exit codes
0/1/2/3, configuration problems in one round, `try` verdicts, `sql --format`, and the numbers
`status` and `report` agree on."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import fast_settings, run_newsetl

from fetch.discover import DiscoveryFailed
from flows.engine.source_run import run_source
from flows.operations.try_page import LISTING, try_page
from newsetl.cli import main
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings

newsetl = run_newsetl


@pytest.fixture(autouse=True)
def no_inherited_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("NEWSETL_"):
            monkeypatch.delenv(name)


def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path, *args: str
) -> tuple[int, str]:
    """`newsetl ARGS` in this process, over `data_dir`; (exit code, what it printed)."""
    monkeypatch.setenv("NEWSETL_DATA_DIR", str(data_dir))
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def no_traceback(result: subprocess.CompletedProcess) -> bool:
    return "Traceback" not in result.stdout + result.stderr and "unexpected" not in result.stdout


# -- exit 2: configuration and usage ---------------------------------------------------------


def test_status_sql_and_report_refuse_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    for args in (["status"], ["sql", "SELECT 1"], ["report"]):
        result = newsetl(*args, cwd=tmp_path, NEWSETL_DATA_DIR=str(tmp_path / "a-file"))
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "a-file is a file, not a directory" in result.stdout, args
        assert no_traceback(result)


def test_configuration_problems_come_out_in_one_round(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(
        '[sources.x]\nbase_url = "https://example.org"\nlisting_paths = ["/"]\n'
        'article_url_pattern = "."\ntimezone = "Mars/Olympus"\nprofile = "nope"\n'
        'schedule = "61 * * *"\n'
    )
    for command in ("check", "status", "run"):
        result = newsetl(command, "--config", str(config), cwd=tmp_path)
        assert result.returncode == 2, (command, result.stdout)
        assert "unknown timezone 'Mars/Olympus'" in result.stdout, command
        assert "unknown profile 'nope'" in result.stdout, command
        assert 'Invalid cron string: "61 * * *"' in result.stdout, command
        assert no_traceback(result)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["try", "not-a-url"], "argument url: 'not-a-url' is not an http(s) URL"),
        (["try", "https://example.org/", "--pattern", "(["], "not a valid regular expression"),
        (["backfill", "--source", "demo", "--base-url", "ftp://x"], "'ftp://x' is not an http(s)"),
        (["add-source", "http://127.0.0.1:99999/"], "'http://127.0.0.1:99999/' is not an http(s)"),
        (["try", "http://[news.example.edu/"], "'http://[news.example.edu/' is not an http(s)"),
        (["status", "--runs", "-1"], "argument --runs: must be at least 1, not -1"),
        (["sql", "SELECT 1", "--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_usage_errors_exit_2_with_the_option_named(
    tmp_path: Path, args: list[str], said: str
) -> None:
    result = newsetl(*args, cwd=tmp_path, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert said in result.stderr
    assert no_traceback(result) and not (tmp_path / "data").exists()


def test_max_in_flight_below_one_fails_check(tmp_path: Path) -> None:
    result = newsetl("check", cwd=tmp_path, NEWSETL_MAX_IN_FLIGHT="0")
    assert result.returncode == 2
    assert "max_in_flight must be at least 1, not 0" in result.stdout
    fine = newsetl("check", cwd=tmp_path, NEWSETL_MAX_IN_FLIGHT="1")
    assert fine.returncode == 0, fine.stdout


def test_report_refuses_an_output_folder_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent" / "dir"
    result = newsetl("report", "--output", str(missing / "r.html"), cwd=tmp_path)
    assert result.returncode == 2 and "does not exist" in result.stdout
    assert not (tmp_path / "nonexistent").exists()


# -- exit 1, with the reason and nothing drawn after it ----------------------------------


def test_backfill_error_is_the_last_thing_printed(tmp_path: Path) -> None:
    result = newsetl(
        "backfill", "--source", "demo", "--base-url", "http://127.0.0.1:9", cwd=tmp_path
    )
    assert result.returncode == 1, result.stdout + result.stderr
    after_error = result.stdout.split("backfill of demo failed", 1)[1]
    assert "listing pages" not in after_error and "━" not in after_error


def test_reprocess_of_a_source_never_run_says_why_it_skipped(tmp_path: Path) -> None:
    result = newsetl("reprocess", "--source", "demo", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "demo: skipped: no archived page to re-extract" in result.stdout


# -- try -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return DemoSite(12)


def saved(site: DemoSite, path: str, folder: Path) -> Path:
    page = folder / (path.strip("/").replace("/", "_") or "home")
    page.write_bytes(site.respond("GET", path)[2])
    return page


def test_try_a_saved_page_with_the_generic_profile(site: DemoSite, tmp_path: Path) -> None:
    article = site.live_articles()[0]
    page = saved(site, article.path, tmp_path)
    url = "https://news.example.edu" + article.path
    result = newsetl("try", url, "--file", str(page), "--profile", "generic", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert article.title in result.stdout
    assert "verdict: article" in result.stdout


def test_try_names_the_version_once_and_says_listing_on_a_listing_page(
    site: DemoSite, tmp_path: Path
) -> None:
    article = site.live_articles()[0]
    page = saved(site, article.path, tmp_path)
    url = "https://news.example.edu" + article.path
    result = newsetl("try", url, "--file", str(page), "--profile", "bit", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    versions = set(re.findall(r"bit:[a-z0-9-]+|Bit\w+V\d+", result.stdout))
    assert len(versions) == 1, versions

    listing = saved(site, "/news/node_1.htm", tmp_path)
    listed = newsetl(
        "try", "https://news.example.edu/news/node_1.htm", "--file", str(listing), cwd=tmp_path
    )
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "verdict: listing" in listed.stdout and "titled" not in listed.stdout
    assert "title " not in listed.stdout  # no article fields for a listing page
    pattern = re.search(r"matching (\S+)", listed.stdout)
    assert pattern is not None and not pattern[1].startswith("'") and "\\\\" not in pattern[1]
    for shown in site.live_articles()[:3]:
        assert shown.title in listed.stdout


def test_try_does_not_list_the_page_as_a_link_of_itself(
    site: DemoSite, tmp_path: Path, settings: Settings
) -> None:
    article = site.live_articles()[0]
    page = saved(site, article.path, tmp_path)
    url = "https://news.example.edu" + article.path
    result = try_page(settings, url, file=page, article_url_pattern=r"c_\d+\.htm$")
    assert result.listing_links, "the article page links to other articles"
    assert url not in [link for link, _ in result.listing_links]
    listing = saved(site, "/news/node_1.htm", tmp_path)
    as_listing = try_page(settings, "https://news.example.edu/news/node_1.htm", file=listing)
    assert as_listing.verdict == LISTING


# -- status, report and sql over one loaded warehouse ----------------------------------------


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A warehouse after two runs of a changing site: new, edited and deleted articles."""
    settings = fast_settings(tmp_path_factory.mktemp("loaded"))
    changing = DemoSite(12)
    with DemoServer(changing) as server:
        source = settings.source("demo").with_base_url(server.base_url)
        assert run_source(settings, source).status == "completed"
        changing.advance(1)
        assert run_source(settings, source).status == "completed"
    yield settings


def per_source_versions(output: str, source: str) -> int:
    per_source = output.split("Per source", 1)[1]
    for line in per_source.splitlines():
        cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
        if cells[0] == source:
            return int(cells[2])
    raise AssertionError(f"no row for {source} in {per_source}")


def test_status_and_report_count_the_same_versions(
    loaded: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, status = run_cli(capsys, monkeypatch, loaded.data_dir, "status")
    assert code == 0, status
    versions = per_source_versions(status, "demo")
    report = loaded.data_dir / "r.html"
    code, said = run_cli(capsys, monkeypatch, loaded.data_dir, "report", "--output", str(report))
    assert code == 0, said
    shown = re.search(r"<b>(\d+)</b> versions", report.read_text())
    assert shown is not None and int(shown[1]) == versions
    code, counted = run_cli(
        capsys, monkeypatch, loaded.data_dir, "sql",
        "SELECT count(*) AS n FROM stg_article_versions WHERE NOT is_deleted", "--format", "csv",
    )  # fmt: skip
    assert code == 0 and counted.split() == ["n", str(versions)]


def test_sql_formats_print_every_value_in_full(
    loaded: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    query = "SELECT url, title, body_text FROM articles ORDER BY url"
    code, as_json = run_cli(capsys, monkeypatch, loaded.data_dir, "sql", query, "--format", "json")
    assert code == 0, as_json
    records = json.loads(as_json)
    assert records and set(records[0]) == {"url", "title", "body_text"}
    longest = max(records, key=lambda record: len(record["body_text"]))
    assert len(longest["body_text"]) > 500

    code, as_lines = run_cli(capsys, monkeypatch, loaded.data_dir, "sql", query, "--format", "line")
    assert code == 0
    assert longest["body_text"].splitlines()[0] in as_lines
    assert as_lines.count("\n\n") >= len(records) - 1
    assert f"body_text = {longest['body_text']}" in as_lines

    code, as_csv = run_cli(capsys, monkeypatch, loaded.data_dir, "sql", query, "--format", "csv")
    assert code == 0 and as_csv.startswith("url,title,body_text")

    code, table = run_cli(capsys, monkeypatch, loaded.data_dir, "sql", "SELECT '[b]x[/b]' AS a")
    assert code == 0 and "[b]x[/b]" in table  # data, not markup


def test_a_source_that_never_succeeded_shows_no_hours_since_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = fast_settings(tmp_path, max_attempts=1)
    dead = settings.source("demo").with_base_url("http://127.0.0.1:9")
    with pytest.raises(DiscoveryFailed):  # the run is recorded as failed, then raised
        run_source(settings, dead)
    code, status = run_cli(capsys, monkeypatch, settings.data_dir, "status")
    assert code == 0, status
    health = status.split("Source health", 1)[1]
    row = next(line for line in health.splitlines() if line.strip("│┃ ").startswith("demo"))
    cells = [cell.strip() for cell in row.strip("│┃ ").split("│")]
    assert cells[1] == "never" and cells[3] == "never", cells
