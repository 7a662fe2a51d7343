-- Every source run (bookkeeping: not load-tracked), with its duration.
CREATE OR REPLACE VIEW stg_runs AS
SELECT
    r.*,
    epoch(r.finished_at - r.started_at) AS duration_seconds,
    r.status = 'failed' AS is_failed,
    r.status = 'failed' AND r.error LIKE 'ListingEmpty%' AS is_listing_empty
FROM runs AS r;
