"""Many demo sites on loopback, one port each, served by one thread (bench only)."""

from __future__ import annotations

import selectors
import threading
from types import TracebackType

from newsetl.demo_site import DemoSite
from newsetl.demo_site.server import _DemoRequestHandler, _QuietThreadingHTTPServer


class ManySitesServer:
    """Each site on its own 127.0.0.1 port (its own host for politeness), all accepted by one
    selector thread; each request is answered in a thread, as DemoServer does."""

    def __init__(self, sites: list[DemoSite]) -> None:
        self.sites = sites
        self.servers: list[_QuietThreadingHTTPServer] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def base_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{server.server_address[1]}" for server in self.servers]

    def __enter__(self) -> ManySitesServer:
        selector = selectors.DefaultSelector()
        for site in self.sites:
            handler = type("Handler", (_DemoRequestHandler,), {"site": site})
            server = _QuietThreadingHTTPServer(("127.0.0.1", 0), handler)
            site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
            selector.register(server, selectors.EVENT_READ)
            self.servers.append(server)

        def serve() -> None:
            while not self._stop.is_set():
                for key, _ in selector.select(timeout=0.1):
                    key.fileobj._handle_request_noblock()  # type: ignore[union-attr]
            selector.close()

        self._thread = threading.Thread(target=serve, name="many-sites", daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        for server in self.servers:
            server.server_close()
