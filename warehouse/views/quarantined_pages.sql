-- Pages that could not become articles, with the reason and where they came from.
CREATE OR REPLACE VIEW quarantined_pages AS
SELECT source, url, reason, detail, quarantined_at, run_id, response_id
FROM stg_quarantine
ORDER BY quarantined_at DESC, url;
