-- Safety (issue 11): text fields cut to their limits, archived records reprocess could not
-- read, and the integrity checks of `newsetl verify` have no state of their own.

-- One row per text field cut to its limit before load (settings max_title_chars and
-- max_field_chars); field is e.g. title, authors[0] or images[2].caption.
CREATE TABLE raw_truncations (
    source VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    original_chars INTEGER NOT NULL,
    kept_chars INTEGER NOT NULL,
    truncated_at TIMESTAMPTZ NOT NULL
);

-- An archived response `newsetl reprocess` skipped: its WARC file missing, or the record
-- damaged or not the body the warehouse recorded.
CREATE TABLE reprocess_errors (
    run_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    response_id BIGINT NOT NULL,
    url VARCHAR NOT NULL,
    warc_file VARCHAR,
    warc_offset BIGINT,
    reason VARCHAR NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);
