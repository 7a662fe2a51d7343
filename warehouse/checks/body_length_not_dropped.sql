-- Pages quarantined by the load because the body shrank by more than 70 %.
-- One row (an example) per failure; parameters: run_id, source, now (written with a dollar sign).
SELECT url || ': ' || coalesce(detail, '') FROM stg_quarantine
WHERE run_id = $run_id AND source = $source AND reason = 'body_length_drop';
