"""What the report shows, read from the warehouse marts into plain records."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flows.operations.health import SourceHealth, source_health
from settings import Settings
from warehouse import Warehouse, readers

TOP_CHANGED = 10
LATEST_ARTICLES = 500
QUARANTINE_EXAMPLES = 3
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass
class ChangedArticle:
    article_id: str
    source: str
    title: str
    url: str
    versions: int
    last_change_kind: str
    changed_fields: list[str]
    last_changed_at: datetime
    diff: list[str] = field(default_factory=list)


@dataclass
class ReportData:
    generated_at: datetime
    weeks: list[date]
    weekly: dict[str, list[int]]  # source -> articles per week, aligned with `weeks`
    health: list[SourceHealth]
    changed: list[ChangedArticle]
    totals: dict[str, int]
    quality_issues: list[dict[str, object]]
    latest_articles: list[dict[str, object]] = field(default_factory=list)
    quarantine_reasons: list[dict[str, object]] = field(default_factory=list)


def text_diff(
    before: str, after: str, *, title_before: str = "", title_after: str = ""
) -> list[str]:
    """A unified diff, one sentence per line, of the previous version against the latest."""

    def lines(title: str, text: str) -> list[str]:
        sentences = [part.strip() for part in SENTENCE_END.split(text or "") if part.strip()]
        return [f"# {title}"] + sentences if title else sentences

    return list(
        difflib.unified_diff(
            lines(title_before, before),
            lines(title_after, after),
            fromfile="previous version",
            tofile="latest version",
            n=1,
            lineterm="",
        )
    )


def _changed_articles(warehouse: Warehouse) -> list[ChangedArticle]:
    changed: list[ChangedArticle] = []
    for row in readers.most_changed_articles(warehouse, TOP_CHANGED):
        latest, previous = readers.last_two_versions(warehouse, row["article_id"])
        changed.append(
            ChangedArticle(
                article_id=row["article_id"],
                source=row["source"],
                title=latest["title"] or "(no title)",
                url=latest["url"],
                versions=row["versions"],
                last_change_kind=latest["change_kind"],
                changed_fields=list(latest["changed_fields"] or []),
                last_changed_at=row["last_changed_at"],
                diff=text_diff(
                    previous["body_text"],
                    latest["body_text"],
                    title_before=previous["title"] or "",
                    title_after=latest["title"] or "",
                ),
            )
        )
    return changed


def _totals(warehouse: Warehouse) -> dict[str, int]:
    """The warehouse totals, with versions counted as `newsetl status` counts them (content
    versions; deletions apart): one number, whichever command a user asks."""
    totals = readers.warehouse_totals(warehouse)
    per_source = readers.article_totals_per_source(warehouse)
    totals["versions"] = sum(int(row["versions"]) for row in per_source)
    return totals


def load_report_data(settings: Settings, warehouse: Warehouse, now: datetime) -> ReportData:
    weekly_rows = readers.weekly_publications(warehouse)
    weeks = sorted({row["week_start"] for row in weekly_rows})
    sources = sorted({row["source"] for row in weekly_rows})
    position = {week: index for index, week in enumerate(weeks)}
    weekly = {source: [0] * len(weeks) for source in sources}
    for row in weekly_rows:
        weekly[row["source"]][position[row["week_start"]]] = int(row["articles"])
    return ReportData(
        generated_at=now,
        weeks=weeks,
        weekly=weekly,
        health=source_health(settings, warehouse),
        changed=_changed_articles(warehouse),
        totals=_totals(warehouse),
        quality_issues=readers.recent_quality_issues(warehouse),
        latest_articles=readers.latest_articles(warehouse, LATEST_ARTICLES),
        quarantine_reasons=readers.quarantine_reasons(warehouse, QUARANTINE_EXAMPLES),
    )
