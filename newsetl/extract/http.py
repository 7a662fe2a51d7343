"""The one HTTP client: timeouts, retries with back-off, politeness, limits, raw archiving."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from newsetl.extract.archive import WarcArchive
from newsetl.extract.records import FetchResult, Purpose

RETRY_STATUSES = {429, 500, 502, 503, 504}
GONE_STATUSES = {404, 410}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_RETRY_AFTER_SECONDS = 60.0
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str
    timeout_seconds: float = 10.0
    connect_timeout_seconds: float = 5.0
    max_attempts: int = 3
    backoff_seconds: float = 0.5
    max_in_flight: int = 8
    per_host_delay_seconds: float = 0.0
    max_body_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


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


class _HostPacer:
    """At least `delay` seconds between request starts to one host."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        if self.delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self.delay
        time.sleep(max(0.0, slot - now))


class _BodyTooLarge(Exception):
    pass


class Fetcher:
    """Fetch pages of one source; use as a context manager so the connection pool is closed."""

    def __init__(
        self, policy: FetchPolicy, archive: WarcArchive | None, allowed_hosts: Iterable[str]
    ) -> None:
        self.policy = policy
        self.archive = archive
        self.allowed_hosts = {host.lower() for host in allowed_hosts}
        self.pacer = _HostPacer(policy.per_host_delay_seconds)
        self.client = httpx.Client(
            headers={
                "User-Agent": policy.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            },
            timeout=httpx.Timeout(policy.timeout_seconds, connect=policy.connect_timeout_seconds),
            limits=httpx.Limits(
                max_connections=policy.max_in_flight, max_keepalive_connections=policy.max_in_flight
            ),
            follow_redirects=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.client.close()

    def fetch_many(self, requests: Sequence[FetchRequest], purpose: Purpose) -> list[FetchResult]:
        """Fetch all, at most `max_in_flight` at once; results keep the order of `requests`."""
        if not requests:
            return []
        workers = max(1, min(self.policy.max_in_flight, len(requests)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            return list(pool.map(lambda request: self.fetch(request, purpose), requests))

    def fetch(self, request: FetchRequest, purpose: Purpose) -> FetchResult:
        attempt = 0
        while True:
            attempt += 1
            result, retry_after = self._attempt(request, purpose, attempt)
            result.attempts = attempt
            if retry_after is None or attempt >= self.policy.max_attempts:
                return result
            time.sleep(retry_after)

    def _backoff(self, attempt_number: int, retry_after: str | None = None) -> float:
        if retry_after:
            seconds = _retry_after_seconds(retry_after)
            if seconds is not None:
                return min(seconds, MAX_RETRY_AFTER_SECONDS)
        base = self.policy.backoff_seconds * (2 ** (attempt_number - 1))
        return base * (0.5 + random.random())

    def _attempt(
        self, request: FetchRequest, purpose: Purpose, attempt: int
    ) -> tuple[FetchResult, float | None]:
        started = time.monotonic()
        fetched_at = datetime.now(UTC)
        headers: dict[str, str] = {}
        if request.etag:
            headers["If-None-Match"] = request.etag
        if request.last_modified:
            headers["If-Modified-Since"] = request.last_modified
        url = request.url
        result = FetchResult(
            url=request.url, purpose=purpose, outcome="network_error", fetched_at=fetched_at
        )
        try:
            for _ in range(self.policy.max_redirects + 1):
                host = (urlsplit(url).hostname or "").lower()
                if urlsplit(url).scheme not in ("http", "https"):
                    result.outcome, result.error = "refused_redirect", f"not http(s): {url}"
                    return result, None
                if self.allowed_hosts and host not in self.allowed_hosts:
                    result.outcome, result.error = "refused_redirect", f"off-site redirect to {url}"
                    return result, None
                self.pacer.wait(host)
                with self.client.stream("GET", url, headers=headers) as response:
                    if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return self._finish(result, response, url, purpose, started, attempt)
            result.outcome, result.error = (
                "refused_redirect",
                f"more than {self.policy.max_redirects} redirects",
            )
            return result, None
        except _BodyTooLarge:
            result.outcome, result.error = (
                "too_large",
                f"body larger than {self.policy.max_body_bytes} bytes",
            )
            return result, None
        except httpx.HTTPError as error:
            result.outcome = "network_error"
            result.error = (
                f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            )
            result.elapsed_ms = (time.monotonic() - started) * 1000
            return result, self._backoff(attempt)

    def _finish(
        self,
        result: FetchResult,
        response: httpx.Response,
        url: str,
        purpose: Purpose,
        started: float,
        attempt: int,
    ) -> tuple[FetchResult, float | None]:
        result.final_url = url
        result.status_code = response.status_code
        result.headers = {name.lower(): value for name, value in response.headers.items()}
        if response.status_code == 304:
            result.outcome = "not_modified"
        elif response.status_code in GONE_STATUSES:
            result.outcome = "gone"
        elif response.status_code >= 400:
            result.outcome = "http_error"
            result.error = f"HTTP {response.status_code}"
            if response.status_code in RETRY_STATUSES:
                result.elapsed_ms = (time.monotonic() - started) * 1000
                return result, self._backoff(attempt, response.headers.get("retry-after"))
        else:
            content_type = result.headers.get("content-type", "").lower()
            if (
                purpose in ("listing", "article")
                and content_type
                and not content_type.startswith(HTML_TYPES)
            ):
                result.outcome, result.error = "bad_content_type", f"not HTML: {content_type}"
            else:
                result.outcome = "fetched"
                result.body = self._read_limited(response)
        result.elapsed_ms = (time.monotonic() - started) * 1000
        if result.body is not None and self.archive is not None:
            archived = self.archive.append(
                url, response.status_code, response.reason_phrase, result.headers, result.body
            )
            result.warc_file, result.warc_offset = archived.warc_file, archived.offset
            result.warc_length, result.body_sha256 = archived.length, archived.body_sha256
        return result, None

    def _read_limited(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length")
        if (
            declared
            and declared.isdigit()
            and int(declared) > self.policy.max_body_bytes
            and not response.headers.get("content-encoding")
        ):
            raise _BodyTooLarge
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.policy.max_body_bytes:
                raise _BodyTooLarge
            chunks.append(chunk)
        return b"".join(chunks)


def _retry_after_seconds(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())
