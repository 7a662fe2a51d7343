"""The commands users type, timed end to end, beside the same work in process (issue 18).

Each case prints a ratio against its peer measured in the same run:

- `demo`: the second `newsetl demo` (wall, a fresh process) against the pipeline seconds that
  run reports for itself: what the command costs beyond the work.
- `many`: `newsetl run` over N one-port sources x 3 articles (a config with N tables) against
  `run_sources` in process on the same sites.
- `backfill`: `newsetl run --backfill` over one 2,000-article site against `run_sources(...,
  backfill=True)` in process.
- `prefect`: `newsetl run` of one 80-article source with a Prefect server configured
  (`PREFECT_API_URL`, a server this bench starts on 127.0.0.1) against none configured.
- `serve`: one round of `newsetl serve` over N sources (the `all-sources` deployment run
  through the API), trigger to final state, with the articles loaded and child flow runs seen.

Run: `uv run python bench/cli_paths.py [demo many backfill prefect serve] [--sources 1000]`.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from loopback import loopback_settings
from sites import ManySitesServer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from flows.engine.source_run import run_sources  # noqa: E402
from newsetl.demo_site import DemoServer, DemoSite  # noqa: E402

SOURCE_TABLE = """
[sources.{name}]
base_url = "{url}"
listing_paths = ["/news/node_1.htm"]
article_url_pattern = '/\\d{{4}}-\\d{{2}}/\\d{{2}}/c_\\d+\\.htm$'
timezone = "Asia/Shanghai"
profile = "bit"
"""


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_"))}
    env.update(DO_NOT_TRACK="1", **extra)
    return env


def write_config(path: Path, data_dir: Path, urls: dict[str, str]) -> Path:
    text = f'[settings]\ndata_dir = "{data_dir}"\nper_host_delay_seconds = 0.0\nmax_in_flight = 8\n'
    text += "".join(SOURCE_TABLE.format(name=name, url=url) for name, url in urls.items())
    path.write_text(text)
    return path


def newsetl(*args: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "newsetl"), *args],
        cwd=cwd,
        env=env or clean_env(),
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        print(result.stdout[-2000:], result.stderr[-2000:])
        raise SystemExit(f"newsetl {' '.join(args)} exited {result.returncode}")
    return wall, result.stdout


def articles_in(data_dir: Path) -> int:
    import duckdb

    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as db:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def bench_demo() -> None:
    with tempfile.TemporaryDirectory() as work:
        newsetl("demo", cwd=Path(work), env=clean_env(HOME=work))  # the first run
        wall, output = newsetl("demo", cwd=Path(work), env=clean_env(HOME=work))
    seconds = float(re.findall(r"│ demo\s+│ completed.*│\s+([\d.]+) │", output)[0])
    print(
        f"demo, second run: {wall:.2f} s wall for {seconds:.2f} s of pipeline "
        f"(command/pipeline {wall / seconds:.1f}x; no Prefect API configured)"
    )


def bench_many(n_sources: int) -> None:
    sites = [DemoSite(3, seed=i) for i in range(n_sources)]
    with tempfile.TemporaryDirectory() as work, ManySitesServer(sites) as server:
        urls = {f"site{i:04d}": url for i, url in enumerate(server.base_urls)}
        config = write_config(Path(work) / "many.toml", Path(work) / "cli", urls)
        cli_wall, _ = newsetl("--config", str(config), "run", cwd=Path(work))
        cli_loaded = articles_in(Path(work) / "cli")
        settings = loopback_settings(Path(work) / "inproc")
        demo = settings.source("demo")
        sources = [replace(demo, name=name, base_url=url) for name, url in urls.items()]
        started = time.perf_counter()
        run_sources(settings, sources)
        inproc_wall = time.perf_counter() - started
        inproc_loaded = articles_in(Path(work) / "inproc")
    print(
        f"{n_sources} sources x 3 articles: `newsetl run` {cli_wall:.1f} s ({cli_loaded} loaded), "
        f"in process {inproc_wall:.1f} s ({inproc_loaded} loaded): "
        f"command/in-process {cli_wall / inproc_wall:.2f}x"
    )


def bench_backfill(n_articles: int) -> None:
    with tempfile.TemporaryDirectory() as work, DemoServer(DemoSite(n_articles)) as site:
        config = write_config(Path(work) / "b.toml", Path(work) / "cli", {"big": site.base_url})
        cli_wall, _ = newsetl("--config", str(config), "run", "--backfill", cwd=Path(work))
        settings = loopback_settings(Path(work) / "inproc")
        source = replace(settings.source("demo"), name="big", base_url=site.base_url)
        started = time.perf_counter()
        run_sources(settings, [source], backfill=True)
        inproc_wall = time.perf_counter() - started
        loaded = articles_in(Path(work) / "cli"), articles_in(Path(work) / "inproc")
    print(
        f"backfill of {n_articles} articles: `newsetl run --backfill` {cli_wall:.1f} s, in "
        f"process {inproc_wall:.1f} s (loaded {loaded[0]} / {loaded[1]}): "
        f"command/in-process {cli_wall / inproc_wall:.2f}x"
    )


def bench_prefect(n_articles: int) -> None:
    from servers.prefect_api import PrefectServer

    with (
        tempfile.TemporaryDirectory() as work,
        DemoServer(DemoSite(n_articles)) as site,
        PrefectServer(Path(work) / "prefect") as prefect,
    ):
        walls = {}
        for label, env in (
            ("no API", clean_env(HOME=work)),
            ("API configured", clean_env(HOME=work, PREFECT_API_URL=prefect.api_url)),
        ):
            data = Path(work) / label.replace(" ", "-")
            config = write_config(Path(work) / f"{label}.toml", data, {"uni": site.base_url})
            walls[label], _ = newsetl("--config", str(config), "run", cwd=Path(work), env=env)
    print(
        f"one {n_articles}-article source through `newsetl run`: {walls['no API']:.2f} s with no "
        f"Prefect API, {walls['API configured']:.2f} s with a local server configured "
        f"({walls['API configured'] / walls['no API']:.2f}x)"
    )


def bench_serve(n_sources: int) -> None:
    """One scheduled round of `newsetl serve` over N sources: the round deployment triggered
    through the API, timed until its flow run is final; articles loaded, child flow runs seen."""
    import httpx
    from servers.prefect_api import PrefectServer

    sites = [DemoSite(3, seed=i) for i in range(n_sources)]
    with (
        tempfile.TemporaryDirectory() as work,
        ManySitesServer(sites) as server,
        PrefectServer(Path(work) / "prefect") as prefect,
    ):
        urls = {f"site{i:04d}": url for i, url in enumerate(server.base_urls)}
        config = write_config(Path(work) / "serve.toml", Path(work) / "data", urls)
        env = clean_env(HOME=work, PREFECT_API_URL=prefect.api_url)
        serve = subprocess.Popen(
            [str(ROOT / ".venv/bin/newsetl"), "--config", str(config), "serve"],
            cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        api = httpx.Client(base_url=prefect.api_url, timeout=60)
        try:
            deployment = None
            while deployment is None:
                if serve.poll() is not None:
                    raise SystemExit("newsetl serve exited")
                answer = api.get("/deployments/name/newsetl-round/all-sources")
                deployment = answer.json() if answer.status_code == 200 else None
                time.sleep(0.5)
            started = time.perf_counter()
            flow_run = api.post(f"/deployments/{deployment['id']}/create_flow_run", json={})
            flow_run_id = flow_run.json()["id"]
            while True:
                state = api.get(f"/flow_runs/{flow_run_id}").json()["state"]
                if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                    break
                time.sleep(1)
            wall = time.perf_counter() - started
            children = api.post(
                "/flow_runs/count",
                json={"flows": {"name": {"any_": ["newsetl-source"]}}},
            ).json()
        finally:
            serve.terminate()
            serve.wait(timeout=60)
        loaded = articles_in(Path(work) / "data")
    print(
        f"one `serve` round over {n_sources} sources x 3 articles: {state['type']} in {wall:.1f} s "
        f"(trigger to final state), {loaded} articles loaded, {children} child flow runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "cases", nargs="*", default=["demo", "many", "backfill", "prefect", "serve"],
        choices=["demo", "many", "backfill", "prefect", "serve"],
    )  # fmt: skip
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=2000, help="articles of the backfill")
    args = parser.parse_args()
    for case in args.cases:
        if case == "demo":
            bench_demo()
        elif case == "many":
            bench_many(args.sources)
        elif case == "backfill":
            bench_backfill(args.articles)
        elif case == "serve":
            bench_serve(args.sources)
        else:
            bench_prefect(80)


if __name__ == "__main__":
    main()
