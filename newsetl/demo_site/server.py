"""Serve a DemoSite over HTTP on loopback in a background thread."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from newsetl.demo_site.site import DemoSite


class _DemoRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "BITNewsDemo/1.0"
    sys_version = ""
    timeout = 10
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True
    site: DemoSite

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        with self.site.traffic.serving(self.path):
            self._answer_request(send_body=send_body)

    def _answer_request(self, *, send_body: bool) -> None:
        request_headers = {key: value for key, value in self.headers.items()}
        answer = self.site.respond(self.command, self.path, request_headers)
        if not isinstance(answer, tuple):  # a hostile answer writes to the socket itself
            answer.perform(self, send_body=send_body)
            return
        status, headers, body = answer
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and status != 304:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _QuietThreadingHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class DemoServer:
    def __init__(self, site: DemoSite, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.site = site
        self._host = host
        self._port = port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("demo server is not running")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def running(self) -> bool:
        return self._httpd is not None

    def start(self) -> DemoServer:
        if self._httpd is not None:
            return self
        handler = type("DemoRequestHandler", (_DemoRequestHandler,), {"site": self.site})
        httpd = _QuietThreadingHTTPServer((self._host, self._port), handler)
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="newsetl-demo-site",
            daemon=True,
        )
        self._thread.start()
        self.site.base_url = self.base_url
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def serve_demo_site(
    n_articles: int = 30, generation: int = 0, *, port: int = 0, **site_options: Any
) -> DemoServer:
    site = DemoSite(n_articles, **site_options)
    site.advance(generation)
    return DemoServer(site, port=port).start()
