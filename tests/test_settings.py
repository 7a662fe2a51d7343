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
