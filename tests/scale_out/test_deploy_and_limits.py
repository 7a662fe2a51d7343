"""Generated deployments and the shared-limiter hook of the fetcher (issue 14), no server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers import fast_settings

from fetch.http import Fetcher, FetchRequest
from flows.scale_out.loader import make_package_fetcher
from newsetl.commands.deploy import build_scale_out_deployments
from newsetl.demo_site import DemoServer
from settings import Source


def test_deployments_are_generated_from_the_source_registry(tmp_path: Path) -> None:
    settings = fast_settings(tmp_path)
    config = tmp_path / "newsetl.toml"
    config.write_text("")
    deployments = build_scale_out_deployments(
        settings, str(config), ["bit", "demo"], scheduler_cron="0 */6 * * *", loader_cron=None
    )
    by_name = {f"{d.flow_name}/{d.name}": d for d in deployments}
    assert set(by_name) == {
        "newsetl-package-source/bit",
        "newsetl-package-source/demo",
        "newsetl-loader/loader",
        "newsetl-scheduler/scheduler",
    }
    assert by_name["newsetl-package-source/bit"].parameters["source_name"] == "bit"
    assert by_name["newsetl-package-source/bit"].parameters["config_path"] == str(config.resolve())
    assert by_name["newsetl-loader/loader"].concurrency_limit == 1
    assert by_name["newsetl-scheduler/scheduler"].parameters["source_names"] == ["bit", "demo"]
    assert [str(s.schedule.cron) for s in by_name["newsetl-scheduler/scheduler"].schedules] == [
        "0 */6 * * *"
    ]
    assert not Path("prefect.yaml").exists()  # generated, never hand-kept


class RecordingLimiter:
    """Counts requests held per host, as the shared limiter would see them."""

    def __init__(self) -> None:
        self.held: list[tuple[str, int, float]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()

    @contextmanager
    def hold(self, host: str, max_in_flight: int, delay_seconds: float) -> Iterator[None]:
        with self.lock:
            self.held.append((host, max_in_flight, delay_seconds))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            yield
        finally:
            with self.lock:
                self.in_flight -= 1


def test_a_fetcher_holds_its_limiter_around_every_request(
    tmp_path: Path, demo_server: DemoServer, demo_source: Source
) -> None:
    settings = fast_settings(tmp_path, max_in_flight=3)
    limiter = RecordingLimiter()
    fetcher = make_package_fetcher(settings, demo_source, "run-1", tmp_path / "warc", limiter)
    urls = [demo_server.base_url + article.path for article in demo_server.site.articles[:6]]
    with fetcher:
        results = fetcher.fetch_many([FetchRequest(url) for url in urls], "article")
    assert {result.outcome for result in results} == {"fetched"}
    host = demo_server.base_url.split("//")[1].rstrip("/")
    article_holds = [held for held in limiter.held if held[0] == host]
    assert len(article_holds) >= len(urls)
    assert {held[1] for held in article_holds} == {8}  # the demo source's own max_in_flight
    assert limiter.max_in_flight <= 8


def test_without_a_limiter_a_fetcher_keeps_in_process_limits_only(tmp_path: Path) -> None:
    from fetch.limits import IN_PROCESS_ONLY

    assert Fetcher.limiter is IN_PROCESS_ONLY


def test_two_workers_creating_one_host_limit_at_once_both_go_on() -> None:
    """Prefect's upsert reads, then creates: the worker that loses the race gets a 409
    (ObjectAlreadyExists) and must update instead of failing its run."""
    from prefect.exceptions import ObjectAlreadyExists

    from flows.orchestration.host_limits import _upsert

    class RacedClient:
        def __init__(self) -> None:
            self.calls: list[tuple[str, int, dict]] = []

        def upsert_global_concurrency_limit_by_name(self, name: str, limit: int, **options):  # noqa: ANN201
            self.calls.append((name, limit, options))
            if len(self.calls) == 1:
                raise ObjectAlreadyExists(http_exc=RuntimeError("409 Conflict"))

    client = RacedClient()
    _upsert(client, "host-pace:example.org", 1, slot_decay_per_second=0.5)  # type: ignore[arg-type]
    assert client.calls == [("host-pace:example.org", 1, {"slot_decay_per_second": 0.5})] * 2


class LeasingLimiter(RecordingLimiter):
    """A limiter that leases hosts for the run: `hold` on a leased host costs nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.runs: list[list[str]] = []
        self.leased: set[str] = set()
        self.unleased_requests = 0

    @contextmanager
    def for_run(self, hosts):  # noqa: ANN001, ANN201
        self.runs.append(list(hosts))
        self.leased = set(hosts)
        try:
            yield
        finally:
            self.leased = set()

    @contextmanager
    def hold(self, host: str, max_in_flight: int, delay_seconds: float) -> Iterator[None]:
        if host not in self.leased:
            self.unleased_requests += 1
        with super().hold(host, max_in_flight, delay_seconds):
            yield


def test_a_source_run_leases_its_hosts_once_not_per_request(
    tmp_path: Path, demo_server: DemoServer, demo_source: Source
) -> None:
    from flows.scale_out.loader import run_source_to_package

    settings = fast_settings(tmp_path)
    limiter = LeasingLimiter()
    run = run_source_to_package(settings, demo_source, limiter=limiter)
    host = demo_server.base_url.split("//")[1].rstrip("/")
    assert run.pages > 0
    assert limiter.runs == [[host]]
    assert len(limiter.held) > run.pages  # every request still went through the limiter...
    assert limiter.unleased_requests == 0  # ...on a host the run held for its whole length


def test_each_sources_deployment_runs_one_at_a_time_and_carries_its_own_settings(
    tmp_path: Path,
) -> None:
    from newsetl.commands.deploy import SOURCE_RUN_TAG, parse_own_settings

    settings = fast_settings(tmp_path)
    own = parse_own_settings(["max_in_flight=1", "user_agent=deployed-agent"])
    deployments = build_scale_out_deployments(
        settings, None, ["bit", "demo"], loader_cron=None, own_settings=own
    )
    by_name = {f"{d.flow_name}/{d.name}": d for d in deployments}
    for name in ("bit", "demo"):
        deployment = by_name[f"newsetl-package-source/{name}"]
        assert deployment.concurrency_limit == 1
        assert deployment.concurrency_options.collision_strategy.value == "ENQUEUE"
        assert SOURCE_RUN_TAG in deployment.tags
        assert deployment.parameters["settings"] == own
    assert by_name["newsetl-loader/loader"].parameters["settings"] == own


def test_on_a_worker_the_deployed_configuration_beats_the_hosts_environment(
    tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    from flows.orchestration.scale_out import deployed_settings

    config = tmp_path / "newsetl.toml"
    config.write_text('[settings]\ndata_dir = "deployed-data"\nmax_in_flight = 4\n')
    monkeypatch.setenv("NEWSETL_DATA_DIR", str(tmp_path / "the-hosts-own"))
    monkeypatch.setenv("NEWSETL_MAX_IN_FLIGHT", "9")
    settings = deployed_settings(str(config), {"max_in_flight": "1"})
    assert settings.data_dir == tmp_path / "deployed-data"
    assert settings.max_in_flight == 1


def test_a_run_lease_waits_while_the_host_is_held_and_makes_missing_limits_once(
    monkeypatch,  # noqa: ANN001
) -> None:
    import httpx

    from flows.orchestration import host_limits

    monkeypatch.setattr(host_limits, "MAX_WAIT_POLL_SECONDS", 0.01)
    answers = [
        {"lease_id": None, "limits": []},  # the first run on this host: no limit yet
        "locked",  # another worker's run holds the host
        {"lease_id": "6f1c1c1e-0000-4000-8000-000000000001", "limits": [{"name": "host-lease:h"}]},
    ]
    calls: list[str] = []

    class Client:
        def increment_concurrency_slots_with_lease(self, names, slots, mode, duration):  # noqa: ANN001, ANN201
            calls.append("take")
            answer = answers.pop(0)
            request = httpx.Request("POST", "http://api/leases")
            if answer == "locked":
                response = httpx.Response(423, headers={"Retry-After": "0"}, request=request)
                raise httpx.HTTPStatusError("locked", request=request, response=response)
            return httpx.Response(200, json=answer, request=request)

        def release_concurrency_slots_with_lease(self, lease_id):  # noqa: ANN001, ANN201
            calls.append(f"give back {lease_id}")

    made: list[list[str]] = []
    lease = host_limits._RunLease(["host-lease:h"], made.append)
    lease.acquire(Client())  # type: ignore[arg-type]
    lease.release(Client())  # type: ignore[arg-type]
    assert made == [["host-lease:h"]]
    assert calls == ["take", "take", "take", "give back 6f1c1c1e-0000-4000-8000-000000000001"]
