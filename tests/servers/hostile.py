"""A demo site with switchable faults, for tests on loopback only.

`site.fault(path, kind, times=None)` makes `path` misbehave (`times` requests, or always);
`flaky_rate` makes that share of all requests fail transiently, decided by a hash of
(seed, path, how many times the path was asked for), so a run is repeatable whatever the
thread order. Extra documents: `/hostile/bomb.xml` (billion laughs) and a robots.txt that
can disallow a section with a Crawl-delay.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsetl.demo_site.site import FEED_PATH, DemoSite

FAULTS = (
    "500", "503_retry_after", "429", "slow", "reset", "truncated", "huge", "gzip_bomb",
    "redirect_loop", "redirect_offsite", "redirect_unparsable", "redirect_no_address",
    "redirect_not_http", "redirect_control_char", "cookie_not_ascii", "consent_cookie",
    "retry_after_not_ascii",
    "gbk_as_gb2312", "cp1252_as_utf8", "undecodable",
)  # fmt: skip
# a page under a label that cannot say what it is: a static server guessing from a ".php"
# path, a server that does not know; a PDF under the same unknowing label
MISLABELLED = ("html_as_php", "html_as_octet_stream", "pdf_as_octet_stream", "xml_as_html")
# a page's own ".gz" file sent as it is, without a Content-Encoding: labelled by its name
# (python's http.server says "application/gzip") or as the page; a bomb the same way
GZIPPED = ("html_gz_as_gzip", "html_gz_as_html", "bomb_gz_as_html")
# bytes no page holds under a page's label: a Brotli stream sent without its Content-Encoding
BINARY_AS_HTML = "brotli_as_html"
# a script's JSON answer under PHP's default label, and a feed where a page was linked
OTHER_AS_HTML = ("json_as_html", "feed_as_html")
# the site's "page not found" under its own chrome, with a 200: no article
SOFT_404 = "soft_404"
BROTLI_LIKE = bytes.fromhex("1b2e0000a40c76d1") + bytes(range(256)) * 4
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# a page that sends the reader on (to `HostileSite.refresh_to`), as an old CMS moves a page
MOVED = ("meta_refresh", "refresh_header")
TRANSIENT = ("500", "503", "reset", "429")
BOMB_PATH = "/hostile/bomb.xml"
XML_BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'.encode()
        for n in range(1, 10)
    )
    + b']>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">&lol9;</urlset>\n'
)
HUGE_BYTES = 50 * 1024 * 1024
CONSENT_COOKIE = "consent=yes"
GBK_ONLY_TEXT = "朱镕基 visited the 北京理工大学 campus."  # 镕 is in GBK, not in GB2312
CP1252_TEXT = "Café talks – “naïve” questions answered"


@cache
def gzip_bomb(decompressed_bytes: int = 64 * 1024 * 1024) -> bytes:
    """A small gzip body that inflates to `decompressed_bytes` of zeros."""
    block = bytes(1024 * 1024)
    compressor_input = [block] * (decompressed_bytes // len(block))
    return gzip.compress(b"".join(compressor_input), compresslevel=9)


@dataclass
class RawAnswer:
    """An answer that writes to the socket itself: resets, short bodies, endless streams."""

    kind: str
    status: int = 200
    headers: dict[str, str] | None = None
    body: bytes = b""
    delay: float = 0.0

    def perform(self, handler: Any, *, send_body: bool) -> None:
        if self.kind == "reset":
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.close_connection = True
            return
        handler.send_response(self.status)
        for key, value in (self.headers or {}).items():
            handler.send_header(key, value)
        if self.kind == "truncated":
            handler.send_header("Content-Length", str(len(self.body) + 10_000))
        elif self.kind == "stream":
            handler.send_header("Connection", "close")
        else:
            handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        handler.close_connection = self.kind in ("truncated", "stream")
        if not send_body:
            return
        try:
            if self.kind == "stream":
                chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
                for _ in range(HUGE_BYTES // len(chunk)):
                    handler.wfile.write(chunk)
            else:
                handler.wfile.write(self.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class HostileSite(DemoSite):
    def __init__(
        self, n_articles: int = 30, *, flaky_rate: float = 0.0, flaky_seed: int = 20, **options: Any
    ) -> None:
        super().__init__(n_articles, **options)
        self.flaky_rate = flaky_rate
        self.flaky_seed = flaky_seed
        self.faults: dict[str, list] = {}  # path -> [kind, remaining or None]
        self.robots_txt = "User-agent: *\nAllow: /\n"
        self.slow_seconds = 2.0
        self.retry_after = "1"
        self.offsite_host = "localhost"
        self.refresh_to = "/"
        self.refresh_targets: dict[str, str] = {}  # a path's own target, over `refresh_to`
        self._seen: Counter[str] = Counter()
        self._fault_lock = threading.Lock()

    def fault(self, path: str, kind: str, times: int | None = None) -> None:
        known = (*FAULTS, *MISLABELLED, *MOVED, *GZIPPED, BINARY_AS_HTML, *OTHER_AS_HTML, SOFT_404)
        if kind not in known:
            raise ValueError(f"unknown fault {kind!r}; known: {', '.join(known)}")
        if kind == "gzip_bomb":
            gzip_bomb()  # build it now, not while a client waits
        self.faults[path] = [kind, times]

    def _take_fault(self, path: str) -> str | None:
        with self._fault_lock:
            self._seen[path] += 1
            nth = self._seen[path]
            entry = self.faults.get(path)
            if entry is not None and (entry[1] is None or entry[1] > 0):
                if entry[1] is not None:
                    entry[1] -= 1
                return entry[0]
        if self.flaky_rate > 0:
            digest = hashlib.sha256(f"{self.flaky_seed}:{path}:{nth}".encode()).digest()
            draw = int.from_bytes(digest[:8], "big") / 2**64
            if draw < self.flaky_rate:
                return TRANSIENT[int(draw / self.flaky_rate * len(TRANSIENT)) % len(TRANSIENT)]
        return None

    def render(self, path: str) -> tuple[int, dict[str, str], bytes]:
        clean = path.split("#", 1)[0].split("?", 1)[0]
        if clean == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots_txt.encode()
        if clean == BOMB_PATH:
            return 200, {"Content-Type": "application/xml"}, XML_BOMB
        return super().render(path)

    def respond(self, method: str, path: str, request_headers: dict[str, str] | None = None):  # noqa: ANN201
        clean = path.split("#", 1)[0].split("?", 1)[0]
        kind = self._take_fault(clean)
        if kind is None:
            return super().respond(method, path, request_headers)
        if kind == "consent_cookie" and _sends_cookie(request_headers, CONSENT_COOKIE):
            return super().respond(method, path, request_headers)
        with self._lock:
            self.requests.append((method, path, -1))
        return self._faulty(kind, clean, method)

    def _faulty(self, kind: str, path: str, method: str) -> Any:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if kind in ("500", "503"):
            return int(kind), html, b"<h1>server error</h1>"
        if kind == "503_retry_after":
            return 503, {**html, "Retry-After": self.retry_after}, b"<h1>busy</h1>"
        if kind == "429":
            return 429, {**html, "Retry-After": "0"}, b"<h1>slow down</h1>"
        if kind == "slow":
            time.sleep(self.slow_seconds)
            return super().respond(method, path, {})
        if kind == "reset":
            return RawAnswer("reset")
        if kind == "truncated":
            status, headers, body = super().render(path)
            return RawAnswer("truncated", status, headers, body[: len(body) // 2])
        if kind == "huge":
            return RawAnswer("stream", 200, html)
        if kind == "gzip_bomb":
            return 200, {**html, "Content-Encoding": "gzip"}, gzip_bomb()
        if kind == "redirect_loop":
            return 302, {"Location": path + "?loop"}, b""
        if kind == "redirect_unparsable":
            return 302, {"Location": "http://[ccpa-preferences]/"}, b""
        if kind == "redirect_no_address":  # httpx takes it; Python's URL parser does not
            return 302, {"Location": "http://[consent"}, b""
        if kind == "redirect_not_http":  # httpx cannot build a request to it
            return 302, {"Location": "javascript:void(0)"}, b""
        if kind == "redirect_control_char":  # httpx refuses to build a request to it
            return 302, {"Location": path + "\x01"}, b""
        if kind == "consent_cookie":  # a consent wall: back to the page once the cookie is set
            return 302, {"Location": path, "Set-Cookie": f"{CONSENT_COOKIE}; Path=/"}, b""
        if kind == "cookie_not_ascii":  # sent as Latin-1 bytes, as a real server might
            status, headers, body = super().render(path)
            return status, {**headers, "Set-Cookie": "city=M\u00fcnchen; Path=/"}, body
        if kind == "retry_after_not_ascii":  # "²" is a digit to str.isdigit, not to float
            return 503, {**html, "Retry-After": "\u00b2"}, b"<h1>busy</h1>"
        if kind in MOVED:
            to = self.refresh_targets.get(path, self.refresh_to)
            if kind == "refresh_header":
                return 200, {**html, "Refresh": f"0; url={to}"}, b"<p>Moved.</p>"
            stub = f'<html><head><meta http-equiv="refresh" content="0; url={to}">'
            return (
                200,
                html,
                f"{stub}</head><body><p>This page has moved.</p></body></html>".encode(),
            )
        if kind == "redirect_offsite":
            port = self.base_url.rsplit(":", 1)[1]
            return 302, {"Location": f"http://{self.offsite_host}:{port}{path}"}, b""
        status, headers, body = super().render(path)
        if kind == "html_as_php":
            return status, {"Content-Type": "application/x-httpd-php"}, body
        if kind == "html_as_octet_stream":
            return status, {"Content-Type": "application/octet-stream"}, body
        if kind == "pdf_as_octet_stream":
            return 200, {"Content-Type": "application/octet-stream"}, PDF_BYTES
        if kind == "xml_as_html":  # a CMS serving its feed or sitemap as a web page
            return status, {"Content-Type": "text/html; charset=utf-8"}, body
        if kind == "html_gz_as_gzip":
            return status, {"Content-Type": "application/gzip"}, gzip.compress(body)
        if kind == "html_gz_as_html":
            return status, {"Content-Type": "text/html; charset=utf-8"}, gzip.compress(body)
        if kind == "bomb_gz_as_html":
            return status, {"Content-Type": "text/html"}, gzip_bomb()
        if kind == BINARY_AS_HTML:
            return status, {"Content-Type": "text/html; charset=utf-8"}, BROTLI_LIKE
        if kind == SOFT_404:
            page = (
                "<html><head><title>Page not found | Demo University</title></head><body>"
                "<nav><a href='/'>Home</a> <a href='/news/'>News</a></nav><main>"
                "<h1>Page not found</h1><p>Sorry, the page you are looking for could not be "
                "found. It may have been moved or deleted.</p></main></body></html>"
            )
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page.encode()
        if kind == "json_as_html":
            story = {"title": "Campus news", "body": body.decode("utf-8", "replace")}
            return status, {"Content-Type": "text/html"}, json.dumps(story).encode()
        if kind == "feed_as_html":
            _, _, feed = super().render(FEED_PATH)
            return status, {"Content-Type": "text/html; charset=utf-8"}, feed
        return self._mislabelled(kind, body)

    def _mislabelled(self, kind: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
        text = body.decode("utf-8")
        marker = '<div class="art_cont" id="Content">'
        if kind == "gbk_as_gb2312":
            text = text.replace(marker, f"{marker}\n    <p>{GBK_ONLY_TEXT}</p>").replace(
                '<meta charset="utf-8">', '<meta charset="gb2312">'
            )
            return 200, {"Content-Type": "text/html; charset=gb2312"}, text.encode("gbk")
        if kind == "cp1252_as_utf8":
            text = text.replace(marker, f"{marker}\n    <p>{CP1252_TEXT}</p>")
            return 200, {"Content-Type": "text/html; charset=utf-8"}, text.encode("cp1252")
        # undecodable: UTF-8 with bytes no charset can read (0x81 is unassigned in cp1252)
        raw = text.replace(
            marker, f"{marker}\n    <p>Broken \x00BYTES\x00 here — Zhōngguāncūn.</p>"
        ).encode()
        return (
            200,
            {"Content-Type": "text/html; charset=utf-8"},
            raw.replace(b"\x00BYTES\x00", b"\xff\x81\xfe\x81"),
        )


def _sends_cookie(request_headers: dict[str, str] | None, cookie: str) -> bool:
    sent = {name.lower(): value for name, value in (request_headers or {}).items()}
    return cookie in sent.get("cookie", "")
