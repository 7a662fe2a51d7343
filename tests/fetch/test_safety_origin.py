"""Crawls stay on their source's origin (scheme + host + port); names never become paths."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from helpers import rows

from fetch.archive import UnsafePath, WarcArchive, contained_path
from flows.engine.source_run import run_source
from newsetl.cli import main
from newsetl.demo_site import DemoServer, DemoSite
from records.urls import canonical_url, origin_key
from settings import ConfigError, Settings, load_settings

LISTING = "/news/node_1.htm"


class LeakySite(DemoSite):
    """The demo site whose first listing page links (and one article redirects) elsewhere."""

    elsewhere = ""

    def respond(self, method: str, path: str, request_headers: dict[str, str] | None = None):  # noqa: ANN201
        redirected = self.live_articles()[0].path
        if path == redirected:
            with self._lock:
                self.requests.append((method, path, 302))
            return 302, {"Location": self.elsewhere + redirected}, b""
        answer = super().respond(method, path, request_headers)
        if path != LISTING or not isinstance(answer, tuple):
            return answer
        status, headers, body = answer
        own_port = self.base_url.rsplit(":", 1)[1]
        other = self.live_articles()[1].path
        links = (
            f'<div class="lis_box"><h3><a href="{self.elsewhere}/2026-01/01/c_1.htm">Away</a></h3></div>'
            f'<div class="lis_box"><h3><a href="http://user:pw@127.0.0.1:{own_port}{other}">Userinfo</a></h3></div>'
            f'<a rel="next" href="{self.elsewhere}/news/node_2.htm">next</a>'
        )
        return (
            status,
            headers,
            body.replace(b'<div class="pages">', links.encode() + b'<div class="pages">'),
        )


def test_links_redirects_and_next_pages_to_another_port_are_never_fetched(
    settings: Settings,
) -> None:
    canary_site = DemoSite(5)
    site = LeakySite(5)
    with DemoServer(canary_site) as canary, DemoServer(site) as server:
        site.elsewhere = canary.base_url
        source = settings.source("demo").with_base_url(server.base_url)
        summary = run_source(settings, source)
        own, away = server.base_url, canary.base_url
    assert canary_site.requests == []
    assert summary.status == "completed"
    stored = rows(settings, "SELECT url FROM raw_article_versions")
    assert stored and all(url.startswith(own) for (url,) in stored)
    refused = rows(
        settings,
        "SELECT url, outcome, error FROM raw_responses WHERE outcome = 'refused_redirect'",
    )
    assert {url for url, _, _ in refused} >= {
        own + site.live_articles()[0].path,
        away + "/news/node_2.htm",
    }
    assert all("off-site" in error for _, _, error in refused)
    assert not rows(
        settings,
        "SELECT url FROM frontier WHERE url LIKE '%@%' OR url LIKE ?",
        [away + "%"],
    )


def test_an_origin_listed_in_allowed_hosts_is_followed(settings: Settings) -> None:
    other_site = DemoSite(5)
    site = LeakySite(5)
    with DemoServer(other_site) as other, DemoServer(site) as server:
        site.elsewhere = other.base_url
        source = replace(
            settings.source("demo").with_base_url(server.base_url),
            allowed_hosts=(other.base_url.removeprefix("http://"),),
        )
        run_source(settings, source)
    assert any(path == site.live_articles()[0].path for _, path, _ in other_site.requests)


def test_origin_is_host_and_port_with_http_and_https_on_default_ports_alike() -> None:
    assert origin_key("http://english.bit.edu.cn/x") == origin_key(
        "https://www.english.bit.edu.cn/"
    )
    assert origin_key("http://127.0.0.1:8001/") != origin_key("http://127.0.0.1:8002/")
    assert origin_key("http://127.0.0.1:80@evil.example/") is None
    with pytest.raises(ValueError, match="user info"):
        canonical_url("http://user@example.org/a")


def test_bit_allows_its_china_daily_mirror() -> None:
    bit = load_settings(environ={}).source("bit")
    assert origin_key("https://regional.chinadaily.com.cn/enbit/a.htm") in bit.origins
    assert origin_key("https://english.bit.edu.cn:8443/") not in bit.origins


@pytest.mark.parametrize("name", ["../../x", "/tmp/abs", "Upper", "a b", "a/b", ".."])
def test_source_names_must_be_slugs(tmp_path: Path, name: str, capsys) -> None:
    config = tmp_path / "sources.toml"
    config.write_text(
        f'[settings]\ndata_dir = "{tmp_path / "data"}"\n'
        f'[sources."{name}"]\nbase_url = "http://127.0.0.1:9"\n'
        'listing_paths = ["/"]\narticle_url_pattern = "."\n'
    )
    with pytest.raises(ConfigError, match="must be a slug"):
        load_settings(config, environ={})
    assert main(["run", "--config", str(config)]) == 2
    assert "must be a slug" in capsys.readouterr().out
    assert not (tmp_path / "data").exists()
    assert [path for path in tmp_path.parent.iterdir() if path.name == "x"] == []


def test_paths_from_names_and_stored_file_names_stay_inside_the_data_directory(
    tmp_path: Path,
) -> None:
    raw = tmp_path / "raw"
    with pytest.raises(UnsafePath):
        WarcArchive(raw, "../../escaped", "run")
    with pytest.raises(UnsafePath):
        contained_path(raw, "/etc/passwd")
    with pytest.raises(UnsafePath):
        contained_path(raw, "demo/../../outside.warc.gz")
    assert contained_path(raw, "demo/run.warc.gz") == (raw / "demo" / "run.warc.gz").resolve()
