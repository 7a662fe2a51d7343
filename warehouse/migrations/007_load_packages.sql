-- Load packages committed by the loader (issue 14). A package's rows are committed by one
-- load_batch call, whose `loads` row (same run_id) is the proof of commit; this table records
-- the package's bookkeeping once that commit is done, so `status` can show what was loaded.
CREATE TABLE load_packages (
    package_id VARCHAR PRIMARY KEY,
    run_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    committed_at TIMESTAMPTZ NOT NULL,
    manifest_sha256 VARCHAR NOT NULL,
    page_count INTEGER NOT NULL
);
