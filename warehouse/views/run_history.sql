-- Every source run with its outcome counts and duration, newest first.
CREATE OR REPLACE VIEW run_history AS
SELECT
    run_id, source, status, started_at, finished_at, duration_seconds, listing_pages, discovered,
    fetched, unchanged, new_articles, new_versions, deletions, quarantined, failed, error,
    is_failed, is_crashed, is_listing_empty, produced_by
FROM stg_runs
ORDER BY started_at DESC;
