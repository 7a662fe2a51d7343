"""The one HTTP client: robots.txt, per-host politeness, retries with back-off, limits, archiving."""

from __future__ import annotations

import functools
import random
import re
import socket
import ssl
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http.cookiejar import Cookie, CookieJar, DefaultCookiePolicy
from urllib.parse import urlsplit

import httpx

from fetch.archive import WarcArchive
from fetch.limits import IN_PROCESS_ONLY, HostLimiter, host_of
from fetch.refresh import refresh_target
from fetch.robots import RobotsRules, agent_token, rules_from_response
from fetch.sniff import (
    GZIP_MAGIC,
    HTML_PURPOSES,
    body_is,
    is_binary,
    other_document,
    worth_sniffing,
)
from fetch.threads import DaemonPool
from records.fetch import FetchResult, Purpose
from records.urls import has_userinfo, host_key, join_url, origin_key, origin_keys

RETRY_STATUSES = {429, 500, 502, 503, 504}
GONE_STATUSES = {404, 410}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = (
    "application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
    "application/rdf+xml", "application/x-rss+xml",
)  # fmt: skip
GZIP_TYPES = ("application/gzip", "application/x-gzip")
ACCEPTED_TYPES: dict[str, tuple[str, ...]] = {
    "listing": HTML_TYPES,
    "article": HTML_TYPES,
    "home": HTML_TYPES,
    "feed": XML_TYPES,
    "sitemap": XML_TYPES + GZIP_TYPES,
    "robots": (),  # anything: many servers label robots.txt oddly
}
ACCEPT_HEADER = {
    "feed": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8",
    "sitemap": "application/xml, text/xml;q=0.9, application/gzip;q=0.5",
    "robots": "text/plain, */*;q=0.5",
}
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
# We follow redirects ourselves, each hop checked (origins, robots). httpx still builds the next
# request from a 3xx's Location, and raises on one it cannot use ("javascript:…", "http://[x")
# before we see the answer; so the Location is handed to us under a name of our own.
HELD_LOCATION = "x-newsetl-location"
ASCII_SECONDS = re.compile(r"[0-9]+")
# Crawl states of runs: a run retires its own at its end (`retire_crawl_state`); this bound only
# catches callers that never do, and is far above any number of sources run at once (a state
# evicted while its run is live would re-read robots.txt and forget the host's pace).
RECENT_RUNS_KEPT = 4096


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str
    timeout_seconds: float = 10.0
    connect_timeout_seconds: float = 5.0
    max_attempts: int = 3
    backoff_seconds: float = 0.5
    max_in_flight: int = 2  # per host
    per_host_delay_seconds: float = 1.0
    max_body_bytes: int = 10 * 1024 * 1024  # after decompression
    max_redirects: int = 5
    max_retry_after_seconds: float = 60.0  # a longer Retry-After: give up, retry next run
    respect_robots: bool = True
    max_body_seconds: float = 30.0  # a body still arriving after this is a slow drip: given up
    # a page's meta refresh (or Refresh header) to another address within this delay is a
    # redirect; a longer one (a page reloading itself) is not; negative: never followed
    max_meta_refresh_seconds: float = 30.0


@dataclass(frozen=True)
class FetchRequest:
    url: str
    etag: str | None = None
    last_modified: str | None = None


class FetchFailed(RuntimeError):
    """A page could not be fetched; the result carries the outcome and reason."""

    def __init__(self, result: FetchResult) -> None:
        super().__init__(f"{result.url}: {result.outcome}: {result.error}")
        self.result = result


class _HostGate:
    """At most `slots` requests in flight to one host, request starts `delay` seconds apart."""

    def __init__(self, slots: int) -> None:
        self.semaphore = threading.BoundedSemaphore(max(1, slots))
        self.slots = max(1, slots)
        self.delay = 0.0
        self._next_slot = 0.0
        self._lock = threading.Lock()

    def wait_turn(self) -> None:
        if self.delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.delay
        time.sleep(max(0.0, slot - now))


class CrawlState:
    """What one run learns about hosts and shares between its fetchers: robots rules and pace."""

    def __init__(self) -> None:
        self.robots: dict[str, RobotsRules] = {}
        self.robots_responses: list[FetchResult] = []
        self.gates: dict[str, _HostGate] = {}
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}

    def gate(self, host: str, slots: int) -> _HostGate:
        with self._lock:
            return self.gates.setdefault(host, _HostGate(slots))

    def origin_lock(self, origin: str) -> threading.Lock:
        with self._lock:
            return self._origin_locks.setdefault(origin, threading.Lock())

    def take_robots_responses(self) -> list[FetchResult]:
        with self._lock:
            taken, self.robots_responses = self.robots_responses, []
            return taken


_RUN_STATES: OrderedDict[str, CrawlState] = OrderedDict()
_RUN_STATES_LOCK = threading.Lock()


def crawl_state_for(run_id: str) -> CrawlState:
    """The run's shared state, so robots.txt is read once per host per run, not per batch."""
    with _RUN_STATES_LOCK:
        state = _RUN_STATES.get(run_id)
        if state is None:
            state = _RUN_STATES[run_id] = CrawlState()
            while len(_RUN_STATES) > RECENT_RUNS_KEPT:
                _RUN_STATES.popitem(last=False)
        return state


def retire_crawl_state(run_id: str) -> None:
    """The run has ended: its robots rules and pace are no longer needed."""
    with _RUN_STATES_LOCK:
        _RUN_STATES.pop(run_id, None)


class _BodyTooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One verifying TLS context for every fetcher: loading the CA bundle costs ~60 ms, which a
    run over many small sources would otherwise pay for every fetcher it makes (issue 13)."""
    return httpx.create_ssl_context()


class Fetcher:
    """Fetch pages of one source; use as a context manager so the connection pool is closed."""

    # issue 14: limits shared across workers, held besides the in-process gate (fetch/limits.py)
    limiter: HostLimiter = IN_PROCESS_ONLY

    def __init__(
        self,
        policy: FetchPolicy,
        archive: WarcArchive | None,
        allowed_origins: Iterable[str],
        state: CrawlState | None = None,
    ) -> None:
        """`allowed_origins`: URLs or `host[:port]` whose origins may be fetched (see origin_key)."""
        self.policy = policy
        self.archive = archive
        self.allowed_origins = origin_keys(allowed_origins)
        self.state = state or CrawlState()
        self.agent = agent_token(policy.user_agent)
        self.client = httpx.Client(
            headers={
                "User-Agent": policy.user_agent,
                "Accept": HTML_ACCEPT,
                "Accept-Encoding": "gzip, deflate",  # only what _decoded() can bound
            },
            timeout=httpx.Timeout(policy.timeout_seconds, connect=policy.connect_timeout_seconds),
            limits=httpx.Limits(
                max_connections=max(1, policy.max_in_flight) * 4,
                max_keepalive_connections=max(1, policy.max_in_flight) * 4,
            ),
            follow_redirects=False,
            verify=_tls_context(),
            cookies=CookieJar(policy=_SendableCookiesOnly()),
            event_hooks={"response": [_hold_location]},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.client.close()

    def fetch_many(self, requests: Sequence[FetchRequest], purpose: Purpose) -> list[FetchResult]:
        """Fetch all, `max_in_flight` per host at once; results keep the order of `requests`."""
        if not requests:
            return []
        hosts = {host_key(urlsplit(request.url).hostname) for request in requests}
        workers = max(1, min(self.policy.max_in_flight * len(hosts), len(requests), 32))
        with DaemonPool(workers, "fetch") as pool:
            return pool.map(lambda request: self.fetch(request, purpose), requests)

    def fetch(self, request: FetchRequest, purpose: Purpose) -> FetchResult:
        refusal = self._refusal(request.url, purpose)
        if refusal is not None:
            return refusal
        attempt = 0
        while True:
            attempt += 1
            result, retry_after = self._attempt(request, purpose, attempt)
            if retry_after is None or attempt >= self.policy.max_attempts:
                return result
            time.sleep(retry_after)

    # -- robots.txt --------------------------------------------------------------------------

    def robots_for(self, url: str) -> RobotsRules | None:
        """The rules for `url`'s origin, fetched on first use in this run (None: no verdict)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        rules = self.state.robots.get(origin)
        if rules is not None:
            return rules
        with self.state.origin_lock(origin):
            rules = self.state.robots.get(origin)
            if rules is None:
                response = self.fetch(FetchRequest(origin + "/robots.txt"), "robots")
                self.state.robots_responses.append(response)
                rules = rules_from_response(origin, response)
                if rules is not None:
                    self.state.robots[origin] = rules
            return rules

    def _refusal(self, url: str, purpose: Purpose) -> FetchResult | None:
        """A recorded refusal when `url` must not be fetched at all, else None."""
        parts = urlsplit(url)
        error = None
        outcome = "refused_redirect"
        if parts.scheme not in ("http", "https"):
            error = f"not http(s): {url}"
        elif not _requestable(url):
            error = f"no address a request can go to: {url!r}"
        elif has_userinfo(url):
            error = f"user info in URL {url}"
        elif self.allowed_origins and origin_key(url) not in self.allowed_origins:
            error = f"off-site URL {url} (another host or port than the source's)"
        elif purpose != "robots" and self.policy.respect_robots:
            rules = self.robots_for(url)
            if rules is not None and not rules.allows(url, self.agent):
                outcome = "skipped_robots"
                error = f"disallowed by robots.txt ({rules.note})"
        if error is None:
            return None
        return FetchResult(
            url=url, purpose=purpose, outcome=outcome, fetched_at=datetime.now(UTC), error=error
        )

    def _gate(self, url: str) -> _HostGate:
        host = (urlsplit(url).hostname or "").lower()
        gate = self.state.gate(host, self.policy.max_in_flight)
        delay = self.policy.per_host_delay_seconds
        rules = self.state.robots.get(f"{urlsplit(url).scheme}://{urlsplit(url).netloc}".lower())
        if rules is not None and self.policy.respect_robots:
            delay = max(delay, rules.crawl_delay(self.agent))
        gate.delay = delay
        return gate

    # -- one attempt ---------------------------------------------------------------------------

    def _backoff(self, attempt_number: int) -> float:
        base = self.policy.backoff_seconds * (2 ** (attempt_number - 1))
        return base * (0.5 + random.random())

    def _attempt(
        self, request: FetchRequest, purpose: Purpose, attempt: int
    ) -> tuple[FetchResult, float | None]:
        """One try, following redirects; the second value is the pause before a retry, if any."""
        started = time.monotonic()
        headers: dict[str, str] = {}
        if purpose in ACCEPT_HEADER:
            headers["Accept"] = ACCEPT_HEADER[purpose]
        # a validator a server sent outside ASCII cannot be sent back: the page is fetched whole
        if request.etag and request.etag.isascii():
            headers["If-None-Match"] = request.etag
        if request.last_modified and request.last_modified.isascii():
            headers["If-Modified-Since"] = request.last_modified
        url = request.url
        result = FetchResult(
            url=request.url,
            purpose=purpose,
            outcome="network_error",
            fetched_at=datetime.now(UTC),
            attempts=attempt,
        )
        try:
            for hop in range(self.policy.max_redirects + 1):
                if hop:
                    refusal = self._refusal(url, purpose)
                    if refusal is not None:
                        result.outcome, result.error = refusal.outcome, refusal.error
                        result.final_url = url
                        return result, None
                gate = self._gate(url)
                with gate.semaphore, self.limiter.hold(host_of(url), gate.slots, gate.delay):
                    gate.wait_turn()
                    with self.client.stream("GET", url, headers=headers) as response:
                        location = response.headers.get(HELD_LOCATION)
                        if response.status_code in REDIRECT_STATUSES and location:
                            target = join_url(url, location.strip())
                            if target is None:
                                result.outcome = "refused_redirect"
                                result.error = f"redirect to no address: {location.strip()!r}"
                                result.final_url, result.status_code = url, response.status_code
                                return result, None
                            url = target
                            continue
                        finished = self._finish(result, response, url, purpose, started)
                    target = self._refreshed_to(result, url, purpose)
                    if target is None:
                        return finished
                    result.body = None  # the stub's; it stays in the archive
                    url = target
            result.outcome = "refused_redirect"
            result.error = f"more than {self.policy.max_redirects} redirects (last: {url})"
            return result, None
        except _BodyTooLarge:
            result.outcome = "too_large"
            result.error = f"body larger than {self.policy.max_body_bytes} bytes (decompressed)"
            result.body = None
            return result, None
        except _TooSlow as error:
            # the whole time budget is spent already: retrying would spend it again
            result.outcome, result.error = "timeout", str(error)
            result.body = None
            result.elapsed_ms = (time.monotonic() - started) * 1000
            return result, None
        except (httpx.HTTPError, zlib.error) as error:
            timed_out = isinstance(error, httpx.TimeoutException)
            result.outcome = "timeout" if timed_out else "network_error"
            result.error = (
                f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            )
            result.body = None
            result.elapsed_ms = (time.monotonic() - started) * 1000
            if _is_name_resolution_failure(error):
                return result, None  # a name that does not resolve will not on a retry either
            return result, self._backoff(result.attempts)

    def _finish(
        self,
        result: FetchResult,
        response: httpx.Response,
        url: str,
        purpose: Purpose,
        started: float,
    ) -> tuple[FetchResult, float | None]:
        result.final_url = url
        result.status_code = response.status_code
        result.headers = {
            ("location" if name.lower() == HELD_LOCATION else name.lower()): value
            for name, value in response.headers.items()
        }
        retry_after: float | None = None
        if response.status_code == 304:
            result.outcome = "not_modified"
        elif response.status_code in GONE_STATUSES:
            result.outcome = "gone"
        elif response.status_code >= 400:
            result.outcome = "http_error"
            result.error = f"HTTP {response.status_code}"
            if response.status_code in RETRY_STATUSES:
                retry_after = self._retry_pause(result, response.headers.get("retry-after"))
        elif response.status_code >= 300:
            result.outcome, result.error = (
                "http_error",
                f"HTTP {response.status_code} without Location",
            )
        else:
            content_type = result.headers.get("content-type", "").lower()
            accepted = ACCEPTED_TYPES.get(purpose, ())
            if accepted and content_type and not content_type.startswith(accepted):
                if worth_sniffing(content_type, purpose):
                    body = self._read_limited(response, started, purpose)
                    if body_is(purpose, body):
                        result.body, result.outcome = body, "fetched"
                    else:
                        result.outcome = "bad_content_type"
                        result.error = f"not {purpose}: {content_type}, nor its body"
                else:
                    result.outcome = "bad_content_type"
                    result.error = f"not {purpose}: {content_type}"
            else:
                body = self._read_limited(response, started, purpose)
                # gzip or brotli without a Content-Encoding, a picture, JSON or a feed under
                # "text/html": decoded as a page it would land as an article of noise
                other = _not_a_page(body) if purpose in HTML_PURPOSES else None
                if other is not None:
                    result.outcome = "bad_content_type"
                    label = content_type or "no label"
                    result.error = f"not {purpose}: {label}, its body is {other}"
                else:
                    result.body, result.outcome = body, "fetched"
        result.elapsed_ms = (time.monotonic() - started) * 1000
        if result.body is not None and self.archive is not None:
            archived = self.archive.append(
                url, response.status_code, response.reason_phrase, result.headers, result.body
            )
            result.warc_file, result.warc_offset = archived.warc_file, archived.offset
            result.warc_length, result.body_sha256 = archived.length, archived.body_sha256
        return result, retry_after

    def _refreshed_to(self, result: FetchResult, url: str, purpose: Purpose) -> str | None:
        """Where a fetched page's meta refresh sends the reader, when it is followed."""
        if result.outcome != "fetched" or purpose not in HTML_PURPOSES:
            return None
        if self.policy.max_meta_refresh_seconds < 0:
            return None
        return refresh_target(
            url, result.body, result.headers.get("refresh"), self.policy.max_meta_refresh_seconds
        )

    def _retry_pause(self, result: FetchResult, retry_after: str | None) -> float | None:
        """Seconds to wait before retrying a 429/5xx; None when the server asks for too long."""
        if retry_after:
            seconds = retry_after_seconds(retry_after)
            if seconds is not None:
                if seconds > self.policy.max_retry_after_seconds:
                    result.error = f"{result.error}, Retry-After {seconds:.0f} s: left for next run"
                    return None
                return seconds
        return self._backoff(result.attempts)

    def _read_limited(self, response: httpx.Response, started: float, purpose: Purpose) -> bytes:
        """The decoded body, aborting once it passes `max_body_bytes` or the time budget. A
        page gzipped without a Content-Encoding (a static server sending a page's `.gz` file
        as it is, labelled `application/gzip` or `text/html`) is inflated too, as trafilatura's
        fetch does; a gzipped sitemap is the sitemap reader's."""
        limit = self.policy.max_body_bytes
        encoding = response.headers.get("content-encoding", "").strip().lower()
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and encoding in ("", "identity"):
            raise _BodyTooLarge
        deadline = started + self.policy.max_body_seconds
        body = _joined(_decoded(_timed(response.iter_raw(), deadline), encoding, limit), limit)
        if purpose in HTML_PURPOSES and body.startswith(GZIP_MAGIC):
            return _joined(_decoded(iter((body,)), "gzip", limit), limit)
        return body


def _not_a_page(body: bytes) -> str | None:
    """What a body under a page's label plainly is instead of a page, if it is."""
    return "binary" if is_binary(body) else other_document(body)


def _joined(chunks: Iterator[bytes], limit: int) -> bytes:
    """The chunks as one body, aborting once it passes `limit` bytes."""
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise _BodyTooLarge
        parts.append(chunk)
    return b"".join(parts)


def _timed(chunks: Iterator[bytes], deadline: float) -> Iterator[bytes]:
    for chunk in chunks:
        if time.monotonic() > deadline:
            raise _TooSlow("body still arriving after the time budget (max_body_seconds)")
        yield chunk


def _decoded(chunks: Iterator[bytes], encoding: str, limit: int) -> Iterator[bytes]:
    """Undo gzip/deflate incrementally, never inflating more than `limit` + 1 bytes in memory."""
    if encoding in ("", "identity"):
        yield from chunks
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise httpx.DecodingError(f"unsupported content-encoding {encoding!r}")
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)
    produced = 0
    for chunk in chunks:
        data = chunk
        while data and not inflater.eof:
            piece = inflater.decompress(data, max(1, limit - produced + 1))
            produced += len(piece)
            yield piece
            if produced > limit:
                return
            data = inflater.unconsumed_tail
    yield inflater.flush()


def _requestable(url: str) -> bool:
    """httpx can build a request to it (not so with a control character or a bad port)."""
    try:
        httpx.URL(url)
    except httpx.InvalidURL:
        return False
    return True


def _hold_location(response: httpx.Response) -> None:
    if "location" in response.headers:
        response.headers[HELD_LOCATION] = response.headers["location"]
        del response.headers["location"]


class _SendableCookiesOnly(DefaultCookiePolicy):
    """Cookies are kept, as a browser keeps them (consent and session checks redirect until
    they come back), except one that cannot be sent: a name or value outside ASCII
    ("Set-Cookie: city=München") would make every later request of the source fail."""

    def set_ok(self, cookie: Cookie, request: object) -> bool:
        sendable = f"{cookie.name}={cookie.value or ''}".isascii()
        return sendable and super().set_ok(cookie, request)


NAME_RESOLUTION_ERRORS = (
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "no address associated with hostname",
    "getaddrinfo failed",
)


def _is_name_resolution_failure(error: BaseException) -> bool:
    """A DNS failure (socket.gaierror under httpx.ConnectError): not worth another try."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return True
        cause = cause.__cause__ or cause.__context__
    return any(text in str(error).lower() for text in NAME_RESOLUTION_ERRORS)


def retry_after_seconds(value: str) -> float | None:
    value = value.strip()
    if ASCII_SECONDS.fullmatch(value):  # not str.isdigit: "²" is a digit to it, not to float
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())
