-- Failed data-quality checks, newest first, plus pages quarantined instead of loaded.
CREATE OR REPLACE VIEW quality_issues AS
SELECT
    source, run_id, check_name AS issue, failing_rows AS affected_rows,
    array_to_string(examples, ' | ') AS examples, checked_at AS found_at
FROM stg_quality_checks
WHERE NOT is_passed
UNION ALL
SELECT
    source, run_id, 'quarantined:' || reason AS issue, count(*) AS affected_rows,
    array_to_string(list(url ORDER BY url)[1:5], ' | ') AS examples, max(quarantined_at) AS found_at
FROM stg_quarantine
GROUP BY source, run_id, reason
ORDER BY found_at DESC, source, issue;
