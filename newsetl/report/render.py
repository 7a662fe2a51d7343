"""The report as one HTML string: inline CSS and SVG, no script or network needed to view it."""

from __future__ import annotations

from html import escape

from newsetl.report.charts import horizontal_bar_chart, stacked_bar_chart
from newsetl.report.data import ChangedArticle, ReportData

CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 960px; color: #222; }
h1 { margin-bottom: 0; } .muted { color: #777; }
section { margin: 28px 0; } .chart { max-width: 100%; height: auto; }
.tick { font-size: 11px; fill: #555; } .axis-label { font-size: 12px; fill: #333; }
table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #eee;
  padding: 4px 8px; text-align: left; vertical-align: top; }
.ok { color: #2ca02c; font-weight: 600; } .flagged { color: #d62728; font-weight: 600; }
.totals span { display: inline-block; margin-right: 18px; } .totals b { font-size: 20px; }
pre.diff { background: #fafafa; border: 1px solid #eee; padding: 8px; white-space: pre-wrap;
  font-size: 12px; } .add { background: #e6ffec; display: block; }
.del { background: #ffebe9; display: block; } .hunk { color: #888; display: block; }
details { margin: 10px 0; } summary { cursor: pointer; }
"""


def _when(value: object) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else "never"


def _weekly_chart(data: ReportData) -> str:
    if not data.weeks:
        return '<p class="empty">No dated articles yet.</p>'
    return stacked_bar_chart(
        "chart-weekly",
        [f"{week:%Y-%m-%d}" for week in data.weeks],
        data.weekly,
        title="Publications per week per source",
        y_label="articles (week starting)",
    )


def _versions_chart(data: ReportData) -> str:
    if not data.versions_histogram:
        return '<p class="empty">No articles yet.</p>'
    return stacked_bar_chart(
        "chart-versions",
        [
            f"{versions} version{'s' if versions > 1 else ''}"
            for versions, _ in data.versions_histogram
        ],
        {"articles": [articles for _, articles in data.versions_histogram]},
        title="Versions per article",
        y_label="articles",
    )


def _health_section(data: ReportData) -> str:
    if not data.health:
        return '<p class="empty">No runs yet.</p>'
    rows = [
        (h.source, h.hours_since_new_article or 0.0, "#d62728" if h.flags else "#2ca02c")
        for h in data.health
    ]
    windows = {h.freshness_hours for h in data.health if h.freshness_hours}
    chart = horizontal_bar_chart(
        "chart-health",
        rows,
        title="Hours since each source's last new article",
        x_label="hours since the last new article (dashed: freshness window)",
        marker=windows.pop() if len(windows) == 1 else None,
    )
    table = [
        "<table id='health-table'><tr><th>source</th><th>last run</th><th>last success</th>"
        "<th>failure rate (30 d)</th><th>freshness window</th><th>state</th></tr>"
    ]
    for h in data.health:
        state = (
            f"<span class='flagged'>{escape('; '.join(h.describe_flags()))}</span>"
            if h.flags
            else "<span class='ok'>ok</span>"
        )
        rate = f"{h.failure_rate_30d:.0%}" if h.failure_rate_30d is not None else ""
        window = f"{h.freshness_hours:.0f} h" if h.freshness_hours else ""
        table.append(
            f"<tr><td>{escape(h.source)}</td><td>{_when(h.last_run_at)} ({escape(h.last_status)})"
            f"</td><td>{_when(h.last_success_at)}</td><td>{rate}</td><td>{window}</td>"
            f"<td>{state}</td></tr>"
        )
    return chart + "".join(table) + "</table>"


def _diff_html(lines: list[str]) -> str:
    out = []
    for line in lines:
        if line.startswith(("---", "+++")):
            continue
        kind = "add" if line.startswith("+") else "del" if line.startswith("-") else ""
        kind = "hunk" if line.startswith("@@") else kind
        out.append(f"<span class='{kind}'>{escape(line)}</span>" if kind else escape(line))
    return "<pre class='diff'>" + "\n".join(out) + "</pre>"


def _changed_section(changed: list[ChangedArticle]) -> str:
    if not changed:
        return '<p class="empty">No article has changed since it was first loaded.</p>'
    parts = [
        "<table id='changed-table'><tr><th>article</th><th>source</th><th>versions</th>"
        "<th>latest change</th><th>fields</th></tr>"
    ]
    for article in changed:
        parts.append(
            f"<tr><td><a href='{escape(article.url)}'>{escape(article.title)}</a></td>"
            f"<td>{escape(article.source)}</td><td>{article.versions}</td>"
            f"<td>{escape(article.last_change_kind)}, {_when(article.last_changed_at)}</td>"
            f"<td>{escape(', '.join(article.changed_fields))}</td></tr>"
        )
    parts.append("</table>")
    for index, article in enumerate(changed):
        parts.append(
            f"<details class='diff-block'{' open' if index == 0 else ''}><summary>{escape(article.title)}: latest change"
            f"</summary>{_diff_html(article.diff)}</details>"
        )
    return "".join(parts)


def _quality_section(data: ReportData) -> str:
    if not data.quality_issues:
        return "<p class='ok'>No data-quality issue.</p>"
    rows = "".join(
        f"<tr><td>{escape(str(i['source']))}</td><td>{escape(str(i['issue']))}</td>"
        f"<td>{i['affected_rows']}</td><td>{escape(str(i['examples'] or ''))}</td>"
        f"<td>{_when(i['found_at'])}</td></tr>"
        for i in data.quality_issues
    )
    return (
        "<table id='quality-table'><tr><th>source</th><th>issue</th><th>rows</th>"
        f"<th>examples</th><th>found</th></tr>{rows}</table>"
    )


def render_html(data: ReportData) -> str:
    totals = "".join(
        f"<span><b>{value}</b> {escape(name)}</span>" for name, value in data.totals.items()
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsetl report</title><style>{CSS}</style></head>
<body>
<h1>newsetl report</h1>
<p class="muted">Generated {data.generated_at:%Y-%m-%d %H:%M} UTC from the warehouse marts.</p>
<p class="totals">{totals}</p>
<section id="weekly"><h2>Publications per week</h2>{_weekly_chart(data)}</section>
<section id="versions"><h2>Versions per article</h2>{_versions_chart(data)}</section>
<section id="health"><h2>Source health</h2>{_health_section(data)}</section>
<section id="changed"><h2>Most changed articles</h2>{_changed_section(data.changed)}</section>
<section id="quality"><h2>Data-quality issues</h2>{_quality_section(data)}</section>
</body></html>
"""
