"""The report as one HTML string: inline CSS and SVG, no network needed to view it; a few lines
of inline script filter the latest articles by source and date range."""

from __future__ import annotations

from html import escape

from newsetl.report.charts import horizontal_bar_chart, line_chart, sparkline, stacked_bar_chart
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
.filters { margin: 8px 0; } .filters label { margin-right: 14px; }
#latest-table td:nth-child(2) { white-space: nowrap; }
.scroll { max-height: 420px; overflow-y: auto; border: 1px solid #eee; } .spark { vertical-align: middle; }
"""

FILTER_SCRIPT = """
function filterArticles() {
  const source = document.getElementById('filter-source').value;
  const from = document.getElementById('filter-from').value;
  const to = document.getElementById('filter-to').value;
  let shown = 0;
  for (const row of document.querySelectorAll('#latest-table tr[data-source]')) {
    const date = row.dataset.date;
    const visible = (!source || row.dataset.source === source) &&
      (!from || (date && date >= from)) && (!to || (date && date <= to));
    row.style.display = visible ? '' : 'none';
    if (visible) shown++;
  }
  document.getElementById('filter-count').textContent = shown + ' article(s) shown';
}
for (const id of ['filter-source', 'filter-from', 'filter-to']) {
  document.getElementById(id).addEventListener('input', filterArticles);
}
filterArticles();
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


def _volume_chart(data: ReportData) -> str:
    if len(data.weeks) < 2:
        return ""
    return line_chart(
        "chart-volume",
        [f"{week:%Y-%m-%d}" for week in data.weeks],
        data.weekly,
        title="Publication volume per week, one line per source",
        y_label="articles per week (week starting)",
    )


def _freshness_chart(data: ReportData) -> str:
    """Each source's time since its last new article as a share of its own freshness window:
    past 100 % the source is stale, whatever the window's length."""
    rows = [
        (
            f"{h.source} ({h.hours_since_new_article:.0f} of {h.freshness_hours:.0f} h)",
            round(100 * h.hours_since_new_article / h.freshness_hours, 1),
            "#d62728" if h.flags else "#2ca02c",
        )
        for h in data.health
        if h.hours_since_new_article is not None
        and h.freshness_hours
        # a source that never succeeded has no clock yet (`newsetl status` says "never")
        and not (h.last_success_at is None and h.last_new_article_at is None)
    ]
    if not rows:
        return ""
    return horizontal_bar_chart(
        "chart-health",
        rows,
        title="Time since each source's last new article, as % of its freshness window",
        x_label="% of the source's freshness window used (dashed: 100 %, stale beyond)",
        marker=100.0,
    )


def _health_section(data: ReportData) -> str:
    """A panel per source: volume, last new article, failure rate, last run, health."""
    if not data.health:
        return '<p class="empty">No runs yet.</p>'
    table = [
        "<table id='health-table'><tr><th>source</th><th>articles per week</th>"
        "<th>articles</th><th>last new article</th><th>last run</th>"
        "<th>failure rate (30 d)</th><th>last run quarantined</th><th>health</th></tr>"
    ]
    for h in data.health:
        state = (
            f"<span class='flagged'>{escape('; '.join(h.describe_flags()))}</span>"
            if h.flags
            else "<span class='ok'>ok</span>"
        )
        rate = f"{h.failure_rate_30d:.0%}" if h.failure_rate_30d is not None else ""
        weekly = data.weekly.get(h.source, [])
        spark = (
            sparkline(weekly) + f" {weekly[-1] if weekly else 0} in the latest week"
            if weekly
            else ""
        )
        quarantined = f"{h.last_run.quarantined} of {h.last_run.fetched}"
        table.append(
            f"<tr class='source-panel' data-source='{escape(h.source)}'>"
            f"<td><b>{escape(h.source)}</b></td><td>{spark}</td><td>{h.current_articles}</td>"
            f"<td>{_when(h.last_new_article_at)}</td>"
            f"<td>{_when(h.last_run_at)} ({escape(h.last_status)})</td><td>{rate}</td>"
            f"<td>{quarantined}</td><td>{state}</td></tr>"
        )
    return _freshness_chart(data) + "".join(table) + "</table>"


def _latest_section(data: ReportData) -> str:
    if not data.latest_articles:
        return '<p class="empty">No articles yet.</p>'
    sources = sorted({str(row["source"]) for row in data.latest_articles})
    options = "".join(f"<option>{escape(name)}</option>" for name in sources)
    dates = [row["published_on"] for row in data.latest_articles if row["published_on"]]
    low, high = (f"{min(dates):%Y-%m-%d}", f"{max(dates):%Y-%m-%d}") if dates else ("", "")
    filters = (
        "<div class='filters'><label>source <select id='filter-source'><option value=''>all"
        f"</option>{options}</select></label>"
        f"<label>from <input type='date' id='filter-from' min='{low}' max='{high}'></label>"
        f"<label>to <input type='date' id='filter-to' min='{low}' max='{high}'></label>"
        "<span id='filter-count' class='muted'></span></div>"
    )
    rows = "".join(
        f"<tr data-source='{escape(str(row['source']))}' "
        f"data-date='{row['published_on'] or ''}'><td><a href='{escape(str(row['canonical_url']))}'>"
        f"{escape(str(row['title'] or '(no title)'))}</a></td>"
        f"<td>{row['published_on'] or 'undated'}</td><td>{escape(str(row['source']))}</td></tr>"
        for row in data.latest_articles
    )
    return (
        f"{filters}<div class='scroll'><table id='latest-table'><tr><th>title</th><th>published</th><th>source</th>"
        f"</tr>{rows}</table></div>"
    )


def _quarantine_section(data: ReportData) -> str:
    if not data.quarantine_reasons:
        return "<p class='ok'>No page was quarantined.</p>"
    rows = "".join(
        f"<tr><td>{escape(str(row['source']))}</td><td>{escape(str(row['reason']))}</td>"
        f"<td>{row['pages']}</td><td>{_when(row['last_at'])}</td><td>"
        + "<br>".join(escape(str(example)) for example in row["examples"] or [])
        + "</td></tr>"
        for row in data.quarantine_reasons
    )
    return (
        "<table id='quarantine-table'><tr><th>source</th><th>reason</th><th>pages</th>"
        f"<th>last</th><th>examples</th></tr>{rows}</table>"
    )


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
<section id="health"><h2>Sources</h2>{_health_section(data)}</section>
<section id="latest"><h2>Latest articles</h2>{_latest_section(data)}</section>
<section id="weekly"><h2>Publications over time</h2>{_volume_chart(data)}{_weekly_chart(data)}
</section>
<section id="quarantine"><h2>Quarantined pages</h2>{_quarantine_section(data)}</section>
<section id="changed"><h2>Most changed articles</h2>{_changed_section(data.changed)}</section>
<section id="quality"><h2>Data-quality issues</h2>{_quality_section(data)}</section>
<script>{FILTER_SCRIPT if data.latest_articles else ""}</script>
</body></html>
"""
