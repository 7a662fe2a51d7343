"""robots.txt rules (protego), fetched once per host and run, and the pace they ask for."""

from __future__ import annotations

from dataclasses import dataclass, field

from protego import Protego

from records.fetch import FetchResult

MAX_CRAWL_DELAY_SECONDS = 30.0
MAX_ROBOTS_BYTES = 512 * 1024


@dataclass
class RobotsRules:
    """What one origin's robots.txt says for our user agent."""

    origin: str
    parser: Protego | None = None  # None: everything allowed
    disallow_all: bool = False
    note: str = ""
    sitemaps: list[str] = field(default_factory=list)

    def allows(self, url: str, agent: str) -> bool:
        if self.disallow_all:
            return False
        return self.parser is None or self.parser.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float:
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(agent)
        rate = self.parser.request_rate(agent)
        seconds = float(delay or 0.0)
        if rate is not None and rate.requests:
            seconds = max(seconds, rate.seconds / rate.requests)
        return min(seconds, MAX_CRAWL_DELAY_SECONDS)


def rules_from_response(origin: str, response: FetchResult) -> RobotsRules | None:
    """RFC 9309: 2xx parse, 4xx allow all, 5xx disallow all; None when unreachable (no verdict)."""
    if response.outcome == "fetched" and response.body is not None:
        text = response.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        parser = Protego.parse(text)
        return RobotsRules(origin, parser, sitemaps=list(parser.sitemaps), note="parsed")
    status = response.status_code or 0
    if 400 <= status < 500 and status != 429:
        return RobotsRules(origin, note=f"HTTP {status}: no rules")
    if status >= 500 or status == 429:
        return RobotsRules(origin, disallow_all=True, note=f"HTTP {status}: site asks to wait")
    if response.outcome in ("too_large", "bad_content_type", "refused_redirect"):
        return RobotsRules(origin, note=f"{response.outcome}: ignored")
    return None


def agent_token(user_agent: str) -> str:
    """`newsetl/0.1 (...)` -> `newsetl`: the token robots.txt groups are matched against."""
    return user_agent.split("/", 1)[0].split()[0].strip() or "*"
