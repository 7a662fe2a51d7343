-- Every source run (bookkeeping: not load-tracked), with its duration. A crashed run (its
-- worker died) and an abandoned one (left running by a process that is gone) count as failed.
CREATE OR REPLACE VIEW stg_runs AS
SELECT
    r.*,
    epoch(r.finished_at - r.started_at) AS duration_seconds,
    r.status IN ('failed', 'crashed', 'abandoned') AS is_failed,
    r.status IN ('crashed', 'abandoned') AS is_crashed,
    r.status = 'failed' AND r.error LIKE 'ListingEmpty%' AS is_listing_empty
FROM runs AS r;
