-- One row per source: last run, last success, failure rate over 30 days, freshness.
-- Whether a source is stale, or its last run's outcomes are bad enough to flag, depends on its
-- configuration and thresholds in the settings: see flows/health.py.
CREATE OR REPLACE VIEW source_health AS
WITH last_run AS (
    SELECT source, started_at, status, error, is_listing_empty, fetched, quarantined, failed,
        new_articles + new_versions + unchanged + deletions AS articles_loaded,
        profile_misses, pages_extracted
    FROM stg_runs
    QUALIFY row_number() OVER (PARTITION BY source ORDER BY started_at DESC) = 1
),
run_stats AS (
    SELECT
        source,
        min(started_at) AS first_run_at,
        max(finished_at) FILTER (WHERE status = 'completed') AS last_success_at,
        count(*) FILTER (WHERE started_at >= now() - INTERVAL 30 DAY) AS runs_30d,
        count(*) FILTER (WHERE started_at >= now() - INTERVAL 30 DAY AND is_failed) AS failed_runs_30d
    FROM stg_runs
    GROUP BY source
),
articles_seen AS (
    SELECT
        source,
        max(valid_from) FILTER (WHERE change_kind = 'first') AS last_new_article_at,
        max(published_at) AS last_published_at,
        count(DISTINCT article_id) FILTER (WHERE is_current AND NOT is_deleted) AS current_articles
    FROM stg_article_versions
    GROUP BY source
)
SELECT
    s.source,
    l.started_at AS last_run_at,
    l.status AS last_status,
    l.error AS last_error,
    l.is_listing_empty AS is_last_listing_empty,
    s.last_success_at,
    s.runs_30d,
    s.failed_runs_30d,
    CASE WHEN s.runs_30d > 0 THEN round(s.failed_runs_30d / s.runs_30d, 3) END AS failure_rate_30d,
    coalesce(a.current_articles, 0) AS current_articles,
    a.last_new_article_at,
    a.last_published_at,
    round(epoch(now() - coalesce(a.last_new_article_at, s.first_run_at)) / 3600, 1)
        AS hours_since_new_article,
    now() AS as_of,
    l.fetched AS last_fetched,
    l.quarantined AS last_quarantined,
    l.failed AS last_failed_pages,
    l.articles_loaded AS last_articles_loaded,
    l.profile_misses AS last_profile_misses,
    l.pages_extracted AS last_pages_extracted
FROM run_stats AS s
JOIN last_run AS l USING (source)
LEFT JOIN articles_seen AS a USING (source)
ORDER BY s.source;
