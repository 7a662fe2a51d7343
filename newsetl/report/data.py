"""What the report shows, read from the warehouse marts into plain records."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flows.health import SourceHealth, source_health
from newsetl.settings import Settings
from warehouse import Warehouse

TOP_CHANGED = 10
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
    versions_histogram: list[tuple[int, int]]  # (versions, articles)
    health: list[SourceHealth]
    changed: list[ChangedArticle]
    totals: dict[str, int]
    quality_issues: list[dict[str, object]]


def _records(warehouse: Warehouse, sql: str, parameters: list | None = None) -> list[dict]:
    columns, rows = warehouse.query(sql, parameters)
    return [dict(zip(columns, row, strict=True)) for row in rows]


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
    top = _records(
        warehouse,
        "SELECT article_id, any_value(source) AS source, count(*) AS versions, "
        "max(valid_from) AS last_changed_at FROM stg_article_versions WHERE NOT is_deleted "
        "GROUP BY article_id HAVING count(*) > 1 ORDER BY versions DESC, last_changed_at DESC "
        "LIMIT ?",
        [TOP_CHANGED],
    )
    changed: list[ChangedArticle] = []
    for row in top:
        latest, previous = _records(
            warehouse,
            "SELECT v.title, v.body_text, v.url, v.version, v.change_kind, c.changed_fields "
            "FROM stg_article_versions v JOIN article_changes c USING (article_id, version) "
            "WHERE article_id = ? AND NOT v.is_deleted ORDER BY version DESC LIMIT 2",
            [row["article_id"]],
        )
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


def load_report_data(settings: Settings, warehouse: Warehouse, now: datetime) -> ReportData:
    weekly_rows = _records(
        warehouse,
        "SELECT source, week_start, articles FROM weekly_publications ORDER BY week_start",
    )
    weeks = sorted({row["week_start"] for row in weekly_rows})
    sources = sorted({row["source"] for row in weekly_rows})
    position = {week: index for index, week in enumerate(weeks)}
    weekly = {source: [0] * len(weeks) for source in sources}
    for row in weekly_rows:
        weekly[row["source"]][position[row["week_start"]]] = int(row["articles"])
    histogram = _records(
        warehouse,
        "SELECT versions, count(*) AS articles FROM (SELECT article_id, count(*) AS versions "
        "FROM stg_article_versions WHERE NOT is_deleted GROUP BY article_id) "
        "GROUP BY versions ORDER BY versions",
    )
    totals = _records(
        warehouse,
        "SELECT (SELECT count(*) FROM articles) AS articles, "
        "(SELECT count(*) FROM stg_article_versions) AS versions, "
        "(SELECT count(*) FROM stg_article_versions WHERE is_deleted AND is_current) AS deleted, "
        "(SELECT count(*) FROM stg_quarantine) AS quarantined, "
        "(SELECT count(*) FROM runs) AS runs",
    )[0]
    issues = _records(
        warehouse,
        "SELECT source, issue, affected_rows, examples, found_at FROM quality_issues LIMIT 20",
    )
    return ReportData(
        generated_at=now,
        weeks=weeks,
        weekly=weekly,
        versions_histogram=[(int(r["versions"]), int(r["articles"])) for r in histogram],
        health=source_health(settings, warehouse),
        changed=_changed_articles(warehouse),
        totals={key: int(value) for key, value in totals.items()},
        quality_issues=issues,
    )
