"""Which sources need a look: the `source_health` mart judged against each source's config.

A source is flagged when its last run failed, when its listing suddenly held no article link
(a redesign; the run fails with ListingEmpty), or when it yielded no new article for longer
than its `freshness_hours`. The same flags show in `newsetl status` and the run summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsetl.settings import Settings
from warehouse import Warehouse, readers

FAILED = "failed"
LISTING_EMPTY = "listing_empty"
STALE = "stale"


@dataclass
class SourceHealth:
    source: str
    last_status: str
    last_run_at: datetime | None
    last_success_at: datetime | None
    failure_rate_30d: float | None
    hours_since_new_article: float | None
    freshness_hours: float | None
    last_error: str | None = None
    flags: list[str] = field(default_factory=list)

    def describe_flags(self) -> list[str]:
        reasons = {
            FAILED: f"last run failed: {self.last_error or 'no reason recorded'}",
            LISTING_EMPTY: "listing held no article link (site redesigned?): "
            f"{self.last_error or ''}",
            STALE: f"no new article for {self.hours_since_new_article:.0f} h "
            f"(freshness window {self.freshness_hours:.0f} h)"
            if self.hours_since_new_article is not None and self.freshness_hours is not None
            else "no new article within the freshness window",
        }
        return [reasons[flag] for flag in self.flags]


def judge(row: dict[str, object], freshness_hours: float | None) -> list[str]:
    """The flags for one `source_health` row; pure, so the rules are tested on their own."""
    flags: list[str] = []
    if row.get("is_last_listing_empty"):
        flags.append(LISTING_EMPTY)
    elif row.get("last_status") == "failed":
        flags.append(FAILED)
    hours = row.get("hours_since_new_article")
    if freshness_hours is not None and hours is not None and float(hours) > freshness_hours:
        flags.append(STALE)
    return flags


def source_health(settings: Settings, warehouse: Warehouse) -> list[SourceHealth]:
    health: list[SourceHealth] = []
    for row in readers.source_health_rows(warehouse):
        name = str(row["source"])
        configured = settings.sources.get(name)
        freshness = configured.freshness_hours if configured else None
        health.append(
            SourceHealth(
                source=name,
                last_status=str(row["last_status"]),
                last_run_at=row["last_run_at"],
                last_success_at=row["last_success_at"],
                failure_rate_30d=row["failure_rate_30d"],
                hours_since_new_article=row["hours_since_new_article"],
                freshness_hours=freshness,
                last_error=row["last_error"],
                flags=judge(row, freshness),
            )
        )
    return health
