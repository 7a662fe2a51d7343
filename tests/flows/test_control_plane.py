"""The control plane (issue 18): `newsetl run` on the path a user types, with and without a
Prefect API, and with that API failing.

- No API configured: Prefect is not even imported, and nothing reaches a server someone left
  listening on 127.0.0.1:4200.
- A configured API sees one flow run per command and one child flow run per source run, at a
  number of API calls that does not grow with the pages (20 and 2,000 articles).
- 503s, connection resets and a server killed mid-run lose no run row and no article.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from helpers import clean_environment, rows
from servers.prefect_api import Fault, FaultProxy, PrefectServer

from flows.orchestration.control_plane import CALLS_PER_SOURCE_RUN, SENDERS
from newsetl.demo_site import DemoServer, DemoSite
from settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def write_config(
    path: Path, data_dir: Path, servers: dict[str, DemoServer], flush_seconds: float = 8.0
) -> Path:
    text = f'[settings]\ndata_dir = "{data_dir}"\nper_host_delay_seconds = 0.0\nmax_in_flight = 8\n'
    text += f"telemetry_flush_seconds = {flush_seconds}\n"
    for name, server in servers.items():
        text += (
            f'\n[sources.{name}]\nbase_url = "{server.base_url}"\n'
            'listing_paths = ["/news/node_1.htm"]\n'
            "article_url_pattern = '/\\d{4}-\\d{2}/\\d{2}/c_\\d+\\.htm$'\n"
            'timezone = "Asia/Shanghai"\nprofile = "bit"\n'
        )
    path.write_text(text)
    return path


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return clean_environment(PREFECT_HOME=str(tmp_path / "prefect-home"), DO_NOT_TRACK="1", **extra)


def newsetl(
    config: Path, *args: str, env: dict[str, str], code: str | None = None
) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "newsetl.cli", "--config", str(config), *args]
    if code is not None:
        command = [sys.executable, "-c", code, "--config", str(config), *args]
    return subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=config.parent, timeout=600
    )


def run_sites(
    tmp_path: Path,
    settings: Settings,
    sites: dict[str, DemoServer],
    api_url: str,
    flush_seconds: float = 8.0,
) -> subprocess.CompletedProcess:
    """`newsetl run` over these sites, served for the command's length, reporting to `api_url`."""
    for site in sites.values():
        site.start()
    try:
        config = write_config(tmp_path / "newsetl.toml", settings.data_dir, sites, flush_seconds)
        return newsetl(config, "run", env=clean_env(tmp_path, PREFECT_API_URL=api_url))
    finally:
        for site in sites.values():
            site.stop()


def run_behind_faults(
    tmp_path: Path,
    settings: Settings,
    server: PrefectServer,
    faults: Fault,
    article_counts: list[int],
) -> tuple[subprocess.CompletedProcess, FaultProxy]:
    """`newsetl run` over one demo site per count, its API calls through a `FaultProxy`; the
    command exits 0 whatever the proxy did."""
    sites = {f"uni_{n}": DemoServer(DemoSite(count)) for n, count in enumerate(article_counts)}
    with FaultProxy(server.api_url, faults) as proxy:
        result = run_sites(tmp_path, settings, sites, proxy.api_url, 120.0)
    assert result.returncode == 0, result.stdout + result.stderr
    return result, proxy


def read_flow_runs(api_url: str) -> list[dict]:
    answer = httpx.post(f"{api_url}/flow_runs/filter", json={"limit": 200}, timeout=30)
    answer.raise_for_status()
    return answer.json()


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    with PrefectServer(tmp_path_factory.mktemp("prefect-server")) as server:
        yield server


def test_without_a_configured_api_nothing_imports_prefect_or_reaches_port_4200(
    tmp_path: Path, settings: Settings
) -> None:
    seen: list[bytes] = []
    squatter = socket.socket()
    try:
        squatter.bind(("127.0.0.1", 4200))
    except OSError:
        squatter.close()
        squatter = None  # taken: the import check below still holds
    if squatter is not None:
        squatter.listen()
        squatter.settimeout(0.2)

        def watch() -> None:
            while squatter.fileno() != -1:
                try:
                    connection, _ = squatter.accept()
                except OSError:
                    continue
                seen.append(connection.recv(200))
                connection.close()

        threading.Thread(target=watch, daemon=True).start()
    try:
        with DemoServer(DemoSite(10)) as site:
            config = write_config(tmp_path / "newsetl.toml", settings.data_dir, {"uni": site})
            result = newsetl(
                config,
                "run",
                env=clean_env(tmp_path),
                code="import sys; from newsetl.cli import main; code = main(sys.argv[1:]); "
                "print('PREFECT IMPORTED' if 'prefect' in sys.modules else 'no prefect'); "
                "sys.exit(code)",
            )
    finally:
        if squatter is not None:
            squatter.close()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no prefect" in result.stdout
    assert seen == []
    assert rows(settings, "SELECT status, flow_run_id FROM runs") == [("completed", None)]
    assert rows(settings, "SELECT count(*) FROM articles") == [(10,)]


def api_calls_of_one_run(
    tmp_path: Path, prefect_server: PrefectServer, articles: int
) -> tuple[list, subprocess.CompletedProcess, Settings]:
    data_dir = tmp_path / f"data-{articles}"
    with FaultProxy(prefect_server.api_url) as proxy, DemoServer(DemoSite(articles)) as site:
        config = write_config(tmp_path / f"n{articles}.toml", data_dir, {"uni": site})
        result = newsetl(
            config, "run", "--backfill", env=clean_env(tmp_path, PREFECT_API_URL=proxy.api_url)
        )
    return proxy.distinct_calls(), result, data_dir


def test_a_source_run_makes_the_same_api_calls_at_20_and_2000_articles(
    tmp_path: Path, prefect_server: PrefectServer
) -> None:
    small_calls, small, small_dir = api_calls_of_one_run(tmp_path, prefect_server, 20)
    large_calls, large, large_dir = api_calls_of_one_run(tmp_path, prefect_server, 2000)
    assert small.returncode == 0, small.stdout + small.stderr
    assert large.returncode == 0, large.stdout + large.stderr

    def articles(data_dir: Path) -> int:
        import duckdb

        with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]

    assert articles(small_dir) == 20 and articles(large_dir) == 2000

    def shape(calls: list) -> list[tuple[str, str]]:
        # ids differ from run to run, and a run still going when Prefect hears of it gets its
        # final states set later (two calls) instead of being created in them: the rest is equal
        # (a call retried under load is counted once: `distinct_calls`)
        return sorted(
            (method, "/".join("{id}" if len(part) == 36 else part for part in path.split("/")))
            for method, path, _ in calls
            if "/csrf-token" not in path and not path.endswith("/set_state")
        )

    assert shape(small_calls) == shape(large_calls)
    # one source run, whatever its size: its own calls, and the command's few
    bound = CALLS_PER_SOURCE_RUN + SENDERS + 8
    assert len(small_calls) <= bound and len(large_calls) <= bound, (small_calls, large_calls)
    delivered = [status for _, path, status in large_calls if "/csrf-token" not in path]
    assert all(status in (200, 201, 204) for status in delivered), large_calls


def test_each_source_run_is_a_named_tagged_child_flow_run_of_the_command(
    tmp_path: Path, prefect_server: PrefectServer, settings: Settings
) -> None:
    with DemoServer(DemoSite(6)) as one, DemoServer(DemoSite(4)) as two:
        config = write_config(
            tmp_path / "newsetl.toml", settings.data_dir, {"uni_one": one, "uni_two": two}
        )
        result = newsetl(
            config, "run", env=clean_env(tmp_path, PREFECT_API_URL=prefect_server.api_url)
        )
    assert result.returncode == 0, result.stdout + result.stderr
    recorded = dict(rows(settings, "SELECT source, flow_run_id FROM runs"))
    flow_runs = {run["id"]: run for run in read_flow_runs(prefect_server.api_url)}
    for source in ("uni_one", "uni_two"):
        child = flow_runs[recorded[source]]
        assert child["name"] == source
        assert f"source:{source}" in child["tags"]
        assert child["state"]["type"] == "COMPLETED"
        assert child["parent_task_run_id"]
        task_run = httpx.get(
            f"{prefect_server.api_url}/task_runs/{child['parent_task_run_id']}", timeout=30
        ).json()
        parent = flow_runs[task_run["flow_run_id"]]
        assert parent["name"] == "newsetl run" and parent["state"]["type"] == "COMPLETED"
    logs = httpx.post(
        f"{prefect_server.api_url}/logs/filter",
        json={"logs": {"flow_run_id": {"any_": [recorded["uni_one"]]}}},
        timeout=30,
    ).json()
    messages = "\n".join(log["message"] for log in logs)
    assert "uni_one: completed" in messages and "stages: discover" in messages
    assert "new articles 6" in messages
    stages = json.loads(rows(settings, "SELECT stage_seconds FROM runs LIMIT 1")[0][0])
    assert {"discover", "fetch", "transform", "load"} <= set(stages)


def test_503s_and_connection_resets_lose_no_run_and_no_article(
    tmp_path: Path, prefect_server: PrefectServer, settings: Settings
) -> None:
    def faults(n: int, method: str, path: str) -> str | None:
        if n % 4 == 1:
            return "503"
        if n % 7 == 3:
            return "reset"
        return None

    result, proxy = run_behind_faults(tmp_path, settings, prefect_server, faults, [5, 6, 7])
    faults_seen = {status for _, _, status in proxy.calls()}
    assert {"503", "reset"} <= faults_seen
    assert sorted(rows(settings, "SELECT source, status FROM runs")) == [
        ("uni_0", "completed"), ("uni_1", "completed"), ("uni_2", "completed"),
    ]  # fmt: skip
    assert rows(settings, "SELECT count(*) FROM articles") == [(5 + 6 + 7,)]
    # retried until delivered: every source's flow run reached the server, completed
    recorded = [row[0] for row in rows(settings, "SELECT flow_run_id FROM runs")]
    states = {run["id"]: run["state"]["type"] for run in read_flow_runs(prefect_server.api_url)}
    assert all(states.get(flow_run_id) == "COMPLETED" for flow_run_id in recorded), (
        [states.get(flow_run_id) for flow_run_id in recorded],
        result.stdout,
    )
    assert "not delivered" not in result.stdout


def test_answers_lost_after_the_server_acted_make_no_second_flow_run_and_lose_no_log_line(
    tmp_path: Path, prefect_server: PrefectServer, settings: Settings
) -> None:
    """A create the server carried out but whose answer never came back is retried: the retry
    must find the flow run made, not make another; a refused log call is sent again whole."""
    first_seen: set[str] = set()

    def faults(n: int, method: str, path: str) -> str | None:
        if method != "POST" or path in first_seen:
            return None
        if path in ("/api/flow_runs/", "/api/task_runs/"):
            first_seen.add(path)
            return "lost"
        if path == "/api/logs/":
            first_seen.add(path)
            return "503"
        return None

    parents_before = sum(
        run["name"] == "newsetl run" for run in read_flow_runs(prefect_server.api_url)
    )
    result, proxy = run_behind_faults(tmp_path, settings, prefect_server, faults, [3, 4])
    assert {"lost", "503"} <= {status for _, _, status in proxy.calls()}
    assert "not delivered" not in result.stdout
    flow_runs = read_flow_runs(prefect_server.api_url)
    assert sum(run["name"] == "newsetl run" for run in flow_runs) == parents_before + 1
    for run_id, source, flow_run_id in rows(
        settings, "SELECT run_id, source, flow_run_id FROM runs"
    ):
        mine = [run for run in flow_runs if f"run:{run_id}" in run["tags"]]
        assert [run["id"] for run in mine] == [flow_run_id], mine
        assert mine[0]["state"]["type"] == "COMPLETED"
        logs = httpx.post(
            f"{prefect_server.api_url}/logs/filter",
            json={"logs": {"flow_run_id": {"any_": [flow_run_id]}}},
            timeout=30,
        ).json()
        assert any(f"{source}: completed" in log["message"] for log in logs), logs


def test_a_log_call_whose_answer_was_lost_stores_each_line_once(
    tmp_path: Path, prefect_server: PrefectServer, settings: Settings
) -> None:
    """The server stored the lines and the answer never came back: the retry sends only what
    it does not hold (the log API takes no idempotency key)."""
    lost_once: set[str] = set()

    def faults(n: int, method: str, path: str) -> str | None:
        if method == "POST" and path == "/api/logs/" and path not in lost_once:
            lost_once.add(path)
            return "lost"
        return None

    result, proxy = run_behind_faults(tmp_path, settings, prefect_server, faults, [3, 4])
    assert [path for _, path, status in proxy.calls() if status == "lost"] == ["/api/logs/"]
    assert "not delivered" not in result.stdout
    for source, flow_run_id in rows(settings, "SELECT source, flow_run_id FROM runs"):
        logs = httpx.post(
            f"{prefect_server.api_url}/logs/filter",
            json={"logs": {"flow_run_id": {"any_": [flow_run_id]}}},
            timeout=30,
        ).json()
        messages = [log["message"] for log in logs]
        assert any(f"{source}: completed" in message for message in messages), messages
        assert len(messages) == len(set(messages)), messages


def test_the_sender_client_makes_one_attempt_per_call_with_a_short_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Retries are the control plane's, bounded by the close deadline; Prefect's own (5, backing
    off up to a minute, 60 s timeouts) would hold a sender past it. The settings must outlive
    the call that makes the client."""
    import gc

    from prefect.settings import PREFECT_API_REQUEST_TIMEOUT, PREFECT_CLIENT_MAX_RETRIES

    from flows.orchestration.control_plane import REQUEST_TIMEOUT_SECONDS, _prefect_client

    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # never called
    seen: list[tuple[int, float]] = []

    def sender() -> None:
        client = _prefect_client()
        gc.collect()
        seen.append((PREFECT_CLIENT_MAX_RETRIES.value(), PREFECT_API_REQUEST_TIMEOUT.value()))
        client.__exit__(None, None, None)

    thread = threading.Thread(target=sender)
    thread.start()
    thread.join()
    assert seen == [(0, REQUEST_TIMEOUT_SECONDS)]


class KillsTheApi(DemoSite):
    """A site that kills the Prefect server when its first article is asked for."""

    server: PrefectServer | None = None

    def respond(self, method: str, path: str, request_headers: dict[str, str] | None = None):
        if "/c_" in path and self.server is not None:
            self.server.kill()
        return super().respond(method, path, request_headers)


def test_a_prefect_server_killed_mid_run_loses_no_run_and_no_article(
    tmp_path: Path, settings: Settings
) -> None:
    with PrefectServer(tmp_path / "doomed-server") as doomed:
        KillsTheApi.server = doomed
        sites = {"uni_a": DemoServer(KillsTheApi(8)), "uni_b": DemoServer(DemoSite(5))}
        try:
            result = run_sites(tmp_path, settings, sites, doomed.api_url)
        finally:
            KillsTheApi.server = None
        assert doomed.process is not None and doomed.process.poll() is not None  # it did die
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not delivered" in result.stdout
    assert sorted(rows(settings, "SELECT source, status FROM runs")) == [
        ("uni_a", "completed"), ("uni_b", "completed"),
    ]  # fmt: skip
    assert rows(settings, "SELECT count(*) FROM articles") == [(13,)]


class SilentApi:
    """A Prefect API that accepts every connection and never answers."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.api_url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/api"
        self.held: list[socket.socket] = []
        self.requests = 0

    def __enter__(self) -> SilentApi:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.held.append(connection)  # read, never answered, closed only at the end
            threading.Thread(target=self._swallow, args=(connection,), daemon=True).start()

    def _swallow(self, connection: socket.socket) -> None:
        try:
            while chunk := connection.recv(65536):
                self.requests += chunk.count(b"HTTP/1.1\r\n")
        except OSError:
            return

    def __exit__(self, *exc: object) -> None:
        self.listener.close()
        for connection in self.held:
            connection.close()


def test_a_prefect_api_that_never_answers_loses_no_run_and_no_article(
    tmp_path: Path, settings: Settings
) -> None:
    """The API is up but silent: the data path finishes and records itself, the command says
    what was not delivered and ends, bounded by `telemetry_flush_seconds`, not by the API."""
    sites = {"uni_a": DemoServer(DemoSite(7)), "uni_b": DemoServer(DemoSite(4))}
    with SilentApi() as api:
        result = run_sites(tmp_path, settings, sites, api.api_url, 3.0)
        assert api.requests >= 1  # the command did try to tell it
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not delivered" in result.stdout
    assert sorted(rows(settings, "SELECT source, status FROM runs")) == [
        ("uni_a", "completed"), ("uni_b", "completed"),
    ]  # fmt: skip
    assert rows(settings, "SELECT count(*) FROM articles") == [(11,)]
