"""`newsetl demo`: serve the bundled site on 127.0.0.1 and run the pipeline against it."""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from newsetl.commands.common import console, load_checked_settings, run_sources_command

if TYPE_CHECKING:
    from newsetl.demo_site import DemoServer, DemoSite

DEMO_STATE_FILE = "demo-site.json"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "demo", help="serve the bundled demo site on 127.0.0.1 and load it"
    )
    parser.add_argument(
        "--articles", type=int, default=30, help="articles on the demo site (default 30)"
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="only serve the demo site until Ctrl-C (to try `backfill`, `serve` and `try`)",
    )
    parser.add_argument("--port", type=int, default=0, help="port for --serve (default: any)")
    parser.set_defaults(handler=command_demo)


def _start_demo_server(site: DemoSite, port: int) -> DemoServer:
    """The demo site's URLs are its articles' identity, so reuse last run's port when free."""
    from newsetl.demo_site import DemoServer

    if port:
        try:
            return DemoServer(site, port=port).start()
        except OSError:
            console.print(
                f"[yellow]port {port} of the last demo run is taken; using a new port, "
                "so this run sees the site's URLs as new[/yellow]"
            )
    return DemoServer(site).start()


def serve_only(articles: int, port: int) -> int:
    """The demo site alone, in the foreground, until Ctrl-C."""
    from newsetl.demo_site import DemoServer, DemoSite

    with DemoServer(DemoSite(articles), port=port).start() as server:
        console.print(f"Demo site ({articles} articles) at {server.base_url}; Ctrl-C stops it.")
        console.print(
            f"Try: uv run newsetl try {server.base_url}/news/node_1.htm\n"
            f"     uv run newsetl backfill --source demo --base-url {server.base_url}"
        )
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            console.print("stopped")
    return 0


def read_demo_state(state_path: Path) -> dict:
    """Last demo run's generation and port; a damaged file only costs the demo its history."""
    if not state_path.exists():
        return {}
    try:
        state = json.loads(state_path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError):
        state = None
    if not isinstance(state, dict):
        console.print(f"[yellow]{state_path} is damaged; starting the demo site afresh[/yellow]")
        return {}
    return state


def command_demo(args: argparse.Namespace) -> int:
    from newsetl.demo_site import DemoSite

    if args.serve:
        return serve_only(args.articles, args.port)
    settings = load_checked_settings(args.config)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    state_path = settings.data_dir / DEMO_STATE_FILE
    state = read_demo_state(state_path)
    generation = state.get("generation", 0)
    site = DemoSite(args.articles)
    site.advance(generation)
    with _start_demo_server(site, state.get("port", 0)) as server:
        port = int(server.base_url.rsplit(":", 1)[1])
        console.print(
            f"Demo site (generation {generation}: {len(site.live_articles())} live articles) at {server.base_url}"
        )
        if generation:
            console.print(
                f"Since the first demo run the site published {generation} article(s) and edited and "
                "deleted others; this run re-checks every known article with conditional GETs."
            )
        code = run_sources_command(
            settings,
            ["demo"],
            base_urls={"demo": server.base_url},
            recheck_all=generation > 0,
            title=f"newsetl demo run {generation + 1}",
        )
    state_path.write_text(json.dumps({"generation": generation + (code == 0), "port": port}))
    console.print(f"Warehouse: {settings.warehouse_path.resolve()}")
    console.print(f"Raw WARC archive: {settings.raw_dir.resolve()}")
    console.print(
        "Next: `uv run newsetl status`, `uv run newsetl report`, or `uv run newsetl demo` again "
        "to see new versions and deletions."
    )
    return code
