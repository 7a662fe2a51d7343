-- Raw layer. Append-only except `frontier` (crawl state) and `runs` (bookkeeping).
-- Every data row carries its load_id; a row counts only once its load is in `loads`.

CREATE SEQUENCE response_id_seq START 1;
CREATE SEQUENCE quarantine_id_seq START 1;

CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    flow_run_id VARCHAR,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status VARCHAR NOT NULL,              -- running | completed | failed
    listing_pages INTEGER DEFAULT 0,
    discovered INTEGER DEFAULT 0,
    fetched INTEGER DEFAULT 0,
    unchanged INTEGER DEFAULT 0,
    new_articles INTEGER DEFAULT 0,
    new_versions INTEGER DEFAULT 0,
    deletions INTEGER DEFAULT 0,
    quarantined INTEGER DEFAULT 0,
    failed INTEGER DEFAULT 0,
    error VARCHAR
);

CREATE TABLE loads (
    load_id VARCHAR PRIMARY KEY,
    run_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL,
    row_count INTEGER NOT NULL
);

CREATE TABLE raw_responses (
    response_id BIGINT PRIMARY KEY DEFAULT nextval('response_id_seq'),
    load_id VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    final_url VARCHAR,
    purpose VARCHAR NOT NULL,             -- listing | article
    outcome VARCHAR NOT NULL,
    status_code INTEGER,
    content_type VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    body_sha256 VARCHAR,
    body_bytes BIGINT,
    warc_file VARCHAR,
    warc_offset BIGINT,
    warc_length BIGINT,
    fetched_at TIMESTAMPTZ NOT NULL,
    elapsed_ms DOUBLE,
    attempts INTEGER,
    error VARCHAR
);

CREATE TABLE frontier (
    source VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    article_id VARCHAR,
    listed_title VARCHAR,
    listed_date VARCHAR,
    first_seen_at TIMESTAMPTZ NOT NULL,
    last_listed_at TIMESTAMPTZ,
    last_fetched_at TIMESTAMPTZ,
    next_check_at TIMESTAMPTZ,
    etag VARCHAR,
    last_modified VARCHAR,
    last_outcome VARCHAR,
    failures INTEGER DEFAULT 0,
    PRIMARY KEY (source, url)
);

CREATE TABLE raw_article_versions (
    article_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    source VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    canonical_url VARCHAR NOT NULL,
    title VARCHAR,
    subtitle VARCHAR,
    published_at TIMESTAMPTZ,
    published_on DATE,                   -- publication day in the source's own calendar
    updated_at TIMESTAMPTZ,
    authors VARCHAR[],
    editor_note VARCHAR,
    body_text VARCHAR,
    body_blocks JSON,
    images JSON,
    tags VARCHAR[],
    language VARCHAR,
    word_count INTEGER,
    content_hash VARCHAR,
    confidence DOUBLE,
    profile VARCHAR,
    transformer_version VARCHAR,
    change_kind VARCHAR NOT NULL,         -- first | content | extractor | restored | deleted
    is_deleted BOOLEAN NOT NULL DEFAULT false,
    valid_from TIMESTAMPTZ NOT NULL,
    response_id BIGINT,
    run_id VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL,
    PRIMARY KEY (article_id, version)
);

CREATE TABLE raw_quarantine (
    quarantine_id BIGINT PRIMARY KEY DEFAULT nextval('quarantine_id_seq'),
    source VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    detail VARCHAR,
    response_id BIGINT,
    quarantined_at TIMESTAMPTZ NOT NULL,
    run_id VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
