"""A real Prefect API server for tests, and a fault-injecting proxy to put in front of it.

`PrefectServer` runs `prefect server start` on a free 127.0.0.1 port with its own home and
SQLite file, so a test can kill it mid-run. `FaultProxy` forwards every request to it and
counts them; `faults(n, method, path)` decides, per request, to pass it on (None), answer
503, reset the connection before passing it on ("reset"), or pass it on and reset the
connection instead of answering ("lost": the server did the work, the client never heard);
`down()` refuses everything from then on.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

Fault = Callable[[int, str, str], str | None]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrefectServer:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 180.0) -> PrefectServer:
        self.home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_"))}
        env.update(
            PREFECT_HOME=str(self.home),
            PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{self.home}/prefect.db",
            PREFECT_SERVER_ANALYTICS_ENABLED="false",
            PREFECT_UI_ENABLED="false",
            DO_NOT_TRACK="1",
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
             "--port", str(self.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the Prefect server exited while starting")
            try:
                if httpx.get(f"{self.api_url}/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.kill()
        raise RuntimeError("the Prefect server did not start")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def __enter__(self) -> PrefectServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.kill()


class FaultProxy:
    def __init__(self, upstream_api_url: str, faults: Fault | None = None) -> None:
        self.upstream = upstream_api_url.rstrip("/").removesuffix("/api")
        self.faults: Fault = faults or (lambda n, method, path: None)
        self.requests: list[tuple[str, str, int | str]] = []  # method, path, status or fault
        self.body_digests: list[str] = []
        self._lock = threading.Lock()
        self._down = False
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return None

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with proxy._lock:
                    n = len(proxy.requests)
                    fault = "down" if proxy._down else proxy.faults(n, self.command, self.path)
                    proxy.requests.append((self.command, self.path, fault or 0))
                    proxy.body_digests.append(hashlib.sha256(body).hexdigest())
                if fault in ("reset", "down"):
                    self._reset()
                    return
                if fault == "503":
                    self._reply(503, b'{"detail": "Service Unavailable"}', "application/json")
                    return
                headers = {
                    k: v for k, v in self.headers.items()
                    if k.lower() not in ("host", "content-length", "connection")
                }  # fmt: skip
                try:
                    answer = httpx.request(
                        self.command, proxy.upstream + self.path, content=body,
                        headers=headers, timeout=30,
                    )  # fmt: skip
                except httpx.HTTPError:
                    self._reply(502, b'{"detail": "upstream unreachable"}', "application/json")
                    return
                with proxy._lock:
                    proxy.requests[n] = (self.command, self.path, fault or answer.status_code)
                if fault == "lost":
                    self._reset()
                    return
                self._reply(
                    answer.status_code,
                    answer.content,
                    answer.headers.get("content-type", "application/json"),
                )

            def _reset(self) -> None:
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                self.close_connection = True
                self.connection.close()

            def _reply(self, status: int, content: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.api_url = f"http://127.0.0.1:{self.server.server_address[1]}/api"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def down(self) -> None:
        self._down = True

    def calls(self, path_prefix: str = "/api/") -> list[tuple[str, str, int | str]]:
        with self._lock:
            return [r for r in self.requests if r[1].startswith(path_prefix)]

    def distinct_calls(self, path_prefix: str = "/api/") -> list[tuple[str, str, int | str]]:
        """Method, path and last answer of each call, a retry (the same method, path and body
        sent again) counted once: the calls a client meant to make, whatever the network did."""
        with self._lock:
            last: dict[tuple[str, str, str], int | str] = {}
            for (method, path, status), digest in zip(
                self.requests, self.body_digests, strict=True
            ):
                if path.startswith(path_prefix):
                    last[(method, path, digest)] = status
            return [(method, path, status) for (method, path, _), status in last.items()]

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
