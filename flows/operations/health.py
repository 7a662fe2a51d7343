"""Which sources need a look: the `source_health` mart judged against each source's config.

Health judges outcomes, not exit codes. A source is flagged when its last run failed, when its
listing suddenly held no article link (a redesign; the run fails with ListingEmpty), when it
yielded no new article for longer than its `freshness_hours`, and, for a run that "completed",
when too many of its pages were quarantined or failed to fetch, when it fetched pages but loaded
no article at all, or when its site profile missed too many of the pages it extracted (profile
drift). The thresholds are settings; the same flags show in `newsetl status`, the run summary
and the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from settings import Settings
from warehouse import Warehouse, readers

FAILED = "failed"
LISTING_EMPTY = "listing_empty"
STALE = "stale"
QUARANTINE_RATE = "quarantine_rate"
PAGE_FAILURE_RATE = "page_failure_rate"
NO_ARTICLES = "no_articles"
PROFILE_DRIFT = "profile_drift"


@dataclass(frozen=True)
class Thresholds:
    max_quarantine_rate: float = 0.5
    max_page_failure_rate: float = 0.5
    max_profile_miss_rate: float = 0.2

    @classmethod
    def of(cls, settings: Settings) -> Thresholds:
        return cls(
            settings.max_quarantine_rate,
            settings.max_page_failure_rate,
            settings.max_profile_miss_rate,
        )


@dataclass
class LastRunOutcome:
    """What the last run did with its pages: the input of the outcome flags."""

    fetched: int = 0
    quarantined: int = 0
    failed_pages: int = 0
    articles_loaded: int = 0
    profile_misses: int = 0
    pages_extracted: int = 0

    @property
    def quarantine_rate(self) -> float:
        return self.quarantined / self.fetched if self.fetched else 0.0

    @property
    def page_failure_rate(self) -> float:
        attempted = self.fetched + self.failed_pages
        return self.failed_pages / attempted if attempted else 0.0

    @property
    def profile_miss_rate(self) -> float:
        return self.profile_misses / self.pages_extracted if self.pages_extracted else 0.0

    @classmethod
    def from_row(cls, row: dict[str, object]) -> LastRunOutcome:
        def count(column: str) -> int:
            return int(row.get(column) or 0)  # type: ignore[call-overload]

        return cls(
            fetched=count("last_fetched"),
            quarantined=count("last_quarantined"),
            failed_pages=count("last_failed_pages"),
            articles_loaded=count("last_articles_loaded"),
            profile_misses=count("last_profile_misses"),
            pages_extracted=count("last_pages_extracted"),
        )


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
    last_run: LastRunOutcome = field(default_factory=LastRunOutcome)
    thresholds: Thresholds = field(default_factory=Thresholds)
    current_articles: int = 0
    last_new_article_at: datetime | None = None

    def describe_flags(self) -> list[str]:
        run = self.last_run
        reasons = {
            FAILED: f"last run failed: {self.last_error or 'no reason recorded'}",
            LISTING_EMPTY: "listing held no article link (site redesigned?): "
            f"{self.last_error or ''}",
            STALE: f"no new article for {self.hours_since_new_article:.0f} h "
            f"(freshness window {self.freshness_hours:.0f} h)"
            if self.hours_since_new_article is not None and self.freshness_hours is not None
            else "no new article within the freshness window",
            QUARANTINE_RATE: f"last run quarantined {run.quarantined} of {run.fetched} fetched "
            f"pages ({run.quarantine_rate:.0%}, threshold "
            f"{self.thresholds.max_quarantine_rate:.0%}): see quarantined_pages",
            PAGE_FAILURE_RATE: f"last run failed to fetch {run.failed_pages} of "
            f"{run.fetched + run.failed_pages} pages ({run.page_failure_rate:.0%}, threshold "
            f"{self.thresholds.max_page_failure_rate:.0%})",
            NO_ARTICLES: f"last run fetched {run.fetched} pages but loaded no article",
            PROFILE_DRIFT: f"the site profile missed {run.profile_misses} of "
            f"{run.pages_extracted} extracted pages ({run.profile_miss_rate:.0%}, threshold "
            f"{self.thresholds.max_profile_miss_rate:.0%}): has the site's template changed?",
        }
        return [reasons[flag] for flag in self.flags]


# a run that crashed (its worker died) or was abandoned (found open by the loader) failed too
FAILED_STATUSES = ("failed", "crashed", "abandoned")


def judge(
    row: dict[str, object], freshness_hours: float | None, thresholds: Thresholds | None = None
) -> list[str]:
    """The flags for one `source_health` row; pure, so the rules are tested on their own."""
    thresholds = thresholds or Thresholds()
    flags: list[str] = []
    if row.get("is_last_listing_empty"):
        flags.append(LISTING_EMPTY)
    elif row.get("last_status") in FAILED_STATUSES:
        flags.append(FAILED)
    run = LastRunOutcome.from_row(row)
    if run.quarantine_rate > thresholds.max_quarantine_rate:
        flags.append(QUARANTINE_RATE)
    if run.page_failure_rate > thresholds.max_page_failure_rate:
        flags.append(PAGE_FAILURE_RATE)
    if row.get("last_status") == "completed" and run.fetched and not run.articles_loaded:
        flags.append(NO_ARTICLES)
    if run.profile_miss_rate > thresholds.max_profile_miss_rate:
        flags.append(PROFILE_DRIFT)
    hours = row.get("hours_since_new_article")
    if freshness_hours is not None and hours is not None and float(hours) > freshness_hours:  # type: ignore[arg-type]
        flags.append(STALE)
    return flags


def source_health(settings: Settings, warehouse: Warehouse) -> list[SourceHealth]:
    thresholds = Thresholds.of(settings)
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
                flags=judge(row, freshness, thresholds),
                last_run=LastRunOutcome.from_row(row),
                thresholds=thresholds,
                current_articles=int(row.get("current_articles") or 0),
                last_new_article_at=row.get("last_new_article_at"),
            )
        )
    return health
