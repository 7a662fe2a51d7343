"""`newsetl add-source`: from a home page to a source that passes `check --probe` and loads
articles on its first run, on the demo site and on the BIT-era site (every URL family)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_first_hour import newsetl

from flows.operations.url_patterns import Link, article_links, propose_pattern
from newsetl.demo_site import DemoServer, DemoSite
from newsetl.demo_site.families import FAMILY_ARTICLES
from settings import load_settings
from warehouse import Warehouse

LOOPBACK = "[settings]\nper_host_delay_seconds = 0\nmax_in_flight = 8\n"


@pytest.mark.parametrize(
    "title",
    ["News \x01 centre", "News \x7f centre", "Line\nbreak", 'It\'s "quoted" \\ back', "Tab\there"],
)
def test_the_proposed_table_is_toml_whatever_the_pages_title_holds(title: str) -> None:
    """A `<title>` with a control character once made the table invalid TOML, so `--write`
    refused a site for its title."""
    import tomllib

    from flows.operations.add_source import SourceProposal, source_table

    proposal = SourceProposal(
        name="uni", start_url="https://news.example.edu/", base_url="https://news.example.edu",
        profile="generic", title=title, listing_url="https://news.example.edu/news/",
        pattern=r"/news/\d+\.html$",
    )  # fmt: skip
    table = tomllib.loads(source_table(proposal))["sources"]["uni"]
    assert table["title"] == title
    assert table["article_url_pattern"] == proposal.pattern


def loaded_urls(data_dir: Path, source: str) -> list[str]:
    with Warehouse.open(data_dir / "warehouse.duckdb", read_only=True) as warehouse:
        rows = warehouse.query("SELECT url FROM articles WHERE source = ?", [source])[1]
    return [url for (url,) in rows]


def add_then_run(site: DemoSite, tmp_path: Path, name: str) -> tuple[str, list[str]]:
    """add-source on the site's home page, --write, check --probe, then the first run;
    (the pattern written, the URLs loaded)."""
    config = tmp_path / "sources.toml"
    config.write_text(LOOPBACK)
    data = str(tmp_path / "data")
    with DemoServer(site) as server:
        base_url = server.base_url
        added = newsetl(
            "add-source", server.base_url + "/", "--name", name, "--write", str(config),
            cwd=tmp_path, NEWSETL_DATA_DIR=data,
        )  # fmt: skip
        assert added.returncode == 0, added.stdout + added.stderr
        assert "would be quarantined" not in added.stdout
        probe = newsetl("check", "--probe", "--config", str(config), cwd=tmp_path)
        assert probe.returncode == 0, probe.stdout + probe.stderr
        run = newsetl(
            "run", "--config", str(config), "--source", name, cwd=tmp_path, timeout=240,
            NEWSETL_DATA_DIR=data,
        )  # fmt: skip
        assert run.returncode == 0, run.stdout + run.stderr
    assert not (tmp_path / "data" / "report.html").exists()
    written = load_settings(config, environ={}).source(name)
    assert written.base_url == base_url and written.profile == "generic"
    return written.article_url_pattern, loaded_urls(tmp_path / "data", name)


def test_add_source_on_the_demo_site_loads_every_listed_article(tmp_path: Path) -> None:
    site = DemoSite(12)
    pattern, loaded = add_then_run(site, tmp_path, "campus")
    expected = {article.path for article in site.live_articles()}
    assert {re.sub(r"^http://[^/]+", "", url) for url in loaded} == expected
    assert all(re.search(pattern, path) for path in expected)


def test_add_source_on_the_bit_era_site_covers_every_url_family(tmp_path: Path) -> None:
    site = DemoSite(3, url_families=True)
    pattern, loaded = add_then_run(site, tmp_path, "eras")
    paths = {re.sub(r"^http://[^/]+", "", url) for url in loaded}
    family_paths = {family[0] for family in FAMILY_ARTICLES}
    assert family_paths <= paths, family_paths - paths
    assert not any(re.search(r"_\d\.htm$", path) for path in paths)  # later pages are not articles


def test_nothing_is_written_when_the_table_would_not_pass_check(tmp_path: Path) -> None:
    config = tmp_path / "sources.toml"
    config.write_text(LOOPBACK + '\n[sources.campus]\nbase_url = "https://example.org"\n'
                      'listing_paths = ["/"]\narticle_url_pattern = "."\n')  # fmt: skip
    before = config.read_text()
    with DemoServer(DemoSite(5)) as server:
        clash = newsetl(
            "add-source", server.base_url + "/", "--name", "campus", "--write", str(config),
            cwd=tmp_path,
        )  # fmt: skip
        usage = newsetl("add-source", "ftp://example.org/", cwd=tmp_path)
    assert clash.returncode == 2 and "configured already" in clash.stdout
    assert usage.returncode == 2 and "not an http(s) URL" in usage.stderr
    assert config.read_text() == before


@pytest.mark.parametrize(
    ("paths", "matches", "refuses"),
    [
        (
            ["/2024-05/16/c_1160001.htm", "/2025-03/14/c_1160300.htm"],
            ["/2026-01/02/c_99999.htm"],
            ["/news/node_1.htm", "/2025-03/14/c_1160300_2.htm", "/about/"],
        ),
        (
            ["/news/2024/05/campus-opens-new-library/", "/news/2023/11/students-win-award/"],
            ["/news/2025/01/a-brand-new-story-here/"],
            ["/news/", "/news/2024/", "/events/"],
        ),
        (
            ["/NewsEvents/BITNews/7801.htm", "/NewsEvents/BITBulletin/7802.htm"],
            ["/NewsEvents/Other/123.htm"],
            ["/NewsEvents/index.htm", "/PictureNews/1.htm"],
        ),
    ],
)
def test_the_proposed_pattern_generalises_the_links_it_saw(
    paths: list[str], matches: list[str], refuses: list[str]
) -> None:
    home = "https://news.example.edu/"
    links = [Link(home.rstrip("/") + path, "A headline of several words") for path in paths]
    links += [Link(home.rstrip("/") + path, "Menu") for path in refuses]
    pattern = propose_pattern(article_links(links, home))
    assert pattern is not None
    for path in paths + matches:
        assert re.search(pattern, home.rstrip("/") + path), (pattern, path)
    for path in refuses:
        assert not re.search(pattern, home.rstrip("/") + path), (pattern, path)
