-- Pages quarantined by the load because the body shrank by more than 70 %.
-- One row (an example) per failure; parameters: run_id, source, now (written with a dollar sign).
SELECT q.url || ': ' || coalesce(q.detail, '') FROM raw_quarantine AS q JOIN loads USING (load_id)
WHERE q.run_id = $run_id AND q.source = $source AND q.reason = 'body_length_drop';
