"""Configuration errors: every problem in one go, one line each, so an operator fixes a file
once instead of running the command again for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from settings import ConfigError, load_settings


def test_every_problem_of_a_configuration_is_reported_at_once(tmp_path: Path) -> None:
    config = tmp_path / "sources.toml"
    config.write_text(
        "[settings]\n"
        'max_in_flight = "many"\n'
        "max_in_fligth = 3\n"
        '[sources.good]\nbase_url = "http://127.0.0.1:9"\nlisting_paths = ["/"]\n'
        'article_url_pattern = "."\n'
        '[sources."Bad Name"]\nbase_url = "ftp://example.org"\nlisting_paths = ["/"]\n'
        'article_url_pattern = "("\ntimezone = "Mars/Olympus"\n'
        '[sources.incomplete]\nbase_url = "http://127.0.0.1:9"\ncolour = "red"\n'
        'discovery = ["listing", "telepathy"]\n'
    )
    with pytest.raises(ConfigError) as raised:
        load_settings(config, environ={"NEWSETL_REQUEST_TIMEOUT_SECONDS": "soon"})
    lines = str(raised.value).splitlines()
    expected = [
        "source name 'Bad Name' must be a slug",
        "source 'Bad Name': bad article_url_pattern",
        "source 'Bad Name': unknown timezone 'Mars/Olympus'",
        "source 'Bad Name': base_url must be http(s)",
        "source 'incomplete': unknown keys ['colour']",
        "source 'incomplete': missing 'listing_paths'",
        "source 'incomplete': missing 'article_url_pattern'",
        "source 'incomplete': unknown discovery methods ['telepathy']",
        "setting max_in_flight: cannot read 'many' as int",
        "setting request_timeout_seconds: cannot read 'soon' as float",
        "unknown settings ['max_in_fligth']",
    ]
    for fragment in expected:
        assert sum(fragment in line for line in lines) == 1, (fragment, lines)
    assert len(lines) == len(expected)
    assert not any("'good'" in line for line in lines)


def test_a_good_configuration_loads(tmp_path: Path) -> None:
    config = tmp_path / "sources.toml"
    config.write_text(
        '[sources.good]\nbase_url = "http://127.0.0.1:9"\nlisting_paths = ["/"]\n'
        'article_url_pattern = "."\n'
    )
    settings = load_settings(config, environ={})
    assert set(settings.sources) == {"demo", "good"}


GOOD_SOURCE = 'base_url = "http://127.0.0.1:9"\nlisting_paths = ["/"]\narticle_url_pattern = "."\n'


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('listing_paths = "/news/"', "listing_paths must be a list of strings"),
        ("listing_paths = 0", "listing_paths must be a list of strings"),
        ("discovery = {listing = 1}", "discovery must be a list of strings"),
        ("feed_urls = [1, 2]", "feed_urls must be a list of strings"),
        ("freshness_hours = nan", "freshness_hours must be a finite number of at least 0"),
        ("freshness_hours = -1", "freshness_hours must be a finite number of at least 0"),
        ("per_host_delay_seconds = inf", "per_host_delay_seconds must be a finite number"),
        ("max_in_flight = 1.5", "max_in_flight must be a whole number of at least 1"),
        ("max_listing_pages = true", "max_listing_pages must be a whole number of at least 1"),
        ("enabled = 1", "enabled must be true or false"),
        ("title = []", "title must be a string"),
        ('base_url = "http://[unclosed"', "base_url must have a host"),
        ("timezone = 3", "timezone must be a string"),
    ],
)
def test_a_source_value_of_the_wrong_kind_is_a_config_error_naming_it(
    tmp_path: Path, line: str, expected: str
) -> None:
    key = line.split(" = ")[0]
    table = "\n".join(row for row in GOOD_SOURCE.splitlines() if not row.startswith(key))
    config = tmp_path / "sources.toml"
    config.write_text(f"[sources.uni]\n{table}\n{line}\n")
    with pytest.raises(ConfigError) as raised:
        load_settings(config, environ={})
    assert any(expected in problem for problem in str(raised.value).splitlines()), raised.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[sources]]\nbase_url = 'x'\n", "[sources] must be a table of [sources.<name>] tables"),
        ("[sources]\nuni = 3\n", "source 'uni' must be a [sources.uni] table"),
        ("settings = [1]\n", "[settings] must be a table"),
        ("[settings]\nmax_in_flight = inf\n", "setting max_in_flight: cannot read inf as int"),
        ("[settings]\nrequest_timeout_seconds = nan\n", "cannot read nan as float"),
        ("[settings]\nmax_attempts = -1\n", "setting max_attempts: cannot read -1 as int"),
        ("[settings]\nuser_agent = ['bot']\n", "setting user_agent: cannot read ['bot'] as str"),
        ("[settings]\ndata_dir = 5\n", "setting data_dir: cannot read 5 as PosixPath"),
        ('[settings]\nuser_agent = "Bötbot"\n', "sent as an HTTP header: printable ASCII only"),
        ('[settings]\nuser_agent = "bot\\r\\nX: y"\n', "printable ASCII only"),
    ],
)
def test_a_file_of_the_wrong_shape_is_a_config_error(
    tmp_path: Path, text: str, expected: str
) -> None:
    config = tmp_path / "sources.toml"
    config.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_settings(config, environ={})
    assert expected in str(raised.value), raised.value


def test_check_reports_a_listing_or_feed_address_python_cannot_parse(tmp_path: Path) -> None:
    from flows.operations.config_check import source_problems

    config = tmp_path / "sources.toml"
    config.write_text(
        f'[sources.uni]\n{GOOD_SOURCE}listing_paths = ["http://[unclosed/news/"]\n'
        'feed_urls = ["http://[x]/feed.xml"]\nsitemap_urls = ["http://uni.example:99999/s.xml"]\n'
        .replace('listing_paths = ["/"]\n', "", 1)
    )  # fmt: skip
    source = load_settings(config, environ={}).source("uni")
    problems = source_problems(source, ["generic"])
    assert sum("not an http(s) URL with a host" in problem for problem in problems) == 3
