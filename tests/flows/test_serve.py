"""Prefect side: artifacts of a run, and `newsetl serve` against a live API (select with -m flow)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import wait_until

from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings
from warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.flow


class HalfBrokenSite(DemoSite):
    broken_path = ""

    def respond(self, method: str, path: str, headers: dict[str, str]):
        if path == self.broken_path:
            return 503, {"Content-Type": "text/plain"}, b"maintenance"
        return super().respond(method, path, headers)


def read_artifact(key: str):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    with get_client(sync_client=True) as client:
        (artifact,) = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
            sort=ArtifactSort.CREATED_DESC,
            limit=1,
        )
    return artifact


def test_a_run_publishes_counts_and_a_summary_of_failures(
    prefect_harness, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.orchestration.pipeline import round_flow

    site = HalfBrokenSite(10)
    broken = site.live_articles()[0]
    HalfBrokenSite.broken_path = broken.path
    monkeypatch.setenv("NEWSETL_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("NEWSETL_MAX_ATTEMPTS", "1")
    with DemoServer(site) as server:
        rows = round_flow(source_names=["demo"], base_urls={"demo": server.base_url})
    assert rows[0]["new_articles"] == 9 and rows[0]["failed"] == 1

    counts = read_artifact("newsetl-round-counts")
    assert counts.type == "table"
    (row,) = counts.data if isinstance(counts.data, list) else json.loads(counts.data)
    assert row["source"] == "demo" and row["new_articles"] == 9 and row["failed"] == 1
    for column in ("discovered", "fetched", "unchanged", "not_modified_304", "new_versions"):
        assert column in row
    summary = read_artifact("newsetl-round-summary")
    assert summary.type == "markdown"
    assert broken.path in summary.data and "503" in summary.data
    assert "## Failed pages" in summary.data and "All checks passed." in summary.data


def test_serve_registers_deployments_and_runs_a_scheduled_run(
    prefect_harness, settings: Settings, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    site = DemoSite(12)
    with DemoServer(site) as server:
        config = tmp_path / "sources.toml"
        config.write_text(
            f'[settings]\ndata_dir = "{settings.data_dir}"\nper_host_delay_seconds = 0.0\n\n'
            f'[sources.loop]\nbase_url = "{server.base_url}"\nlisting_paths = ["/news/node_1.htm"]\n'
            "article_url_pattern = '/\\d{4}-\\d{2}/\\d{2}/c_\\d+\\.htm$'\n"
            'timezone = "Asia/Shanghai"\nprofile = "bit"\nschedule = "17 */4 * * *"\n'
        )
        env = {
            **os.environ,
            "PREFECT_API_URL": str(PREFECT_API_URL.value()),
            "PREFECT_HOME": str(tmp_path / "prefect-home"),
            "PREFECT_RUNNER_POLL_FREQUENCY": "1",
        }
        serve = subprocess.Popen(
            [sys.executable, "-m", "newsetl.cli", "--config", str(config), "serve"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        try:
            with get_client(sync_client=True) as client:

                def deployment(name: str):
                    def registered():
                        try:
                            return client.read_deployment_by_name(name)
                        except Exception:  # noqa: BLE001 - not registered yet
                            return None

                    return registered

                # serve registers its deployments one after the other: wait for each
                scheduled_round = wait_until(
                    deployment("newsetl-round/17-every4-x-x-x"),
                    timeout=90,
                    what="the round deployment",
                    process=serve,
                    poll_seconds=0.5,
                )
                assert [s.schedule.cron for s in scheduled_round.schedules] == ["17 */4 * * *"]
                assert scheduled_round.parameters["source_names"] == ["loop"]
                assert wait_until(
                    deployment("newsetl-round/all-sources"),
                    timeout=30,
                    what="the all-sources deployment",
                    process=serve,
                    poll_seconds=0.5,
                )

                scheduled = run_deployment("newsetl-round/17-every4-x-x-x", timeout=0)
                assert scheduled.state.is_scheduled()

                def finished():
                    state = client.read_flow_run(scheduled.id).state
                    return state if state and state.is_final() else None

                state = wait_until(
                    finished, timeout=120, what="the scheduled run", process=serve, poll_seconds=0.5
                )
                assert state.is_completed(), state
                (child,) = [
                    run for run in client.read_flow_runs()
                    if run.name == "loop" and "source:loop" in run.tags
                ]  # fmt: skip
                assert child.state.is_completed() and child.parent_task_run_id
        finally:
            serve.terminate()
            try:
                serve.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                serve.kill()
                serve.communicate()
    with Warehouse.open(settings.warehouse_path, read_only=True) as warehouse:
        _, rows = warehouse.query("SELECT source, count(*) FROM articles GROUP BY 1")
    assert rows == [("loop", 12)]
