"""What the fetch stage hands on: discovered links and fetched responses (no I/O here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Purpose = Literal["listing", "article", "feed", "sitemap", "robots", "home"]
Outcome = Literal[
    "fetched",  # 2xx with a body
    "not_modified",  # 304 to a conditional GET
    "gone",  # 404 / 410
    "http_error",  # another 4xx/5xx after retries
    "network_error",  # resets, DNS, refused, after retries
    "timeout",  # no answer in time, or a body still dripping after max_body_seconds
    "skipped_robots",
    "refused_redirect",
    "too_large",
    "bad_content_type",
    "bad_xml",  # a feed or sitemap that is unsafe (entities, DTD) or unreadable XML
]


@dataclass(frozen=True)
class DiscoveredLink:
    url: str
    listed_title: str | None = None
    listed_date: str | None = None
    found_on: str | None = None


@dataclass
class FetchResult:
    url: str
    purpose: Purpose
    outcome: Outcome
    fetched_at: datetime
    final_url: str | None = None
    status_code: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    body_sha256: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    elapsed_ms: float = 0.0
    attempts: int = 1
    error: str | None = None
    replaced_chars: int | None = None  # undecodable bytes replaced by U+FFFD when decoded

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")
