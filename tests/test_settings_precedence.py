"""Settings precedence (issue 19): declared layers; a deployment's configuration wins on a
worker; unknown NEWSETL_* variables are errors; a relative data_dir follows its file."""

from __future__ import annotations

from pathlib import Path

import pytest

from settings import (
    DEPLOYMENT_PRECEDENCE,
    ConfigError,
    load_settings,
    run_record,
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "etc"
    folder.mkdir()
    path = folder / "newsetl.toml"
    path.write_text('[settings]\ndata_dir = "warehouse-data"\nmax_in_flight = 3\n')
    return path


def test_a_command_typed_by_a_user_lets_the_environment_override_the_file(config: Path) -> None:
    settings = load_settings(config, environ={"NEWSETL_MAX_IN_FLIGHT": "5"})
    assert settings.max_in_flight == 5


def test_on_a_worker_the_deployments_configuration_beats_the_hosts_environment(
    config: Path, tmp_path: Path
) -> None:
    environ = {"NEWSETL_DATA_DIR": str(tmp_path / "the-hosts"), "NEWSETL_MAX_IN_FLIGHT": "9",
               "NEWSETL_USER_AGENT": "host-agent"}  # fmt: skip
    settings = load_settings(
        config, environ=environ, deployment={"max_in_flight": 1}, precedence=DEPLOYMENT_PRECEDENCE
    )
    assert settings.data_dir == config.parent / "warehouse-data"  # the file's, not the host's
    assert settings.max_in_flight == 1  # the deployment's own
    assert settings.user_agent == "host-agent"  # what neither names still comes from the host


def test_a_relative_data_dir_is_relative_to_its_file_not_the_working_directory(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(config, environ={}).data_dir == config.parent / "warehouse-data"


def test_an_unknown_newsetl_variable_is_an_error_like_an_unknown_key(config: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(config, environ={"NEWSETL_DATA_DIRECTORY": "/x", "NEWSETL_DEBUG": "1"})
    assert "unknown environment variables ['NEWSETL_DATA_DIRECTORY']" in str(raised.value)
    with pytest.raises(ConfigError, match="unknown settings"):
        load_settings(config, environ={}, deployment={"max_in_fligth": 2},
                      precedence=DEPLOYMENT_PRECEDENCE)  # fmt: skip


def test_a_runs_record_holds_every_setting_and_its_source(config: Path) -> None:
    settings = load_settings(config, environ={})
    record = run_record(settings, settings.source("demo"))
    assert record["max_in_flight"] == 3
    assert record["data_dir"] == str(config.parent / "warehouse-data")
    assert record["source"]["name"] == "demo"
