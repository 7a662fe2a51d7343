-- The latest version of each article from completed loads, kept by the load in the same
-- transaction as the versions it writes: the load looks versions up by key here instead of
-- scanning every version (issue 13).
CREATE TABLE article_latest (
    article_id VARCHAR PRIMARY KEY,
    version INTEGER NOT NULL,
    content_hash VARCHAR,
    is_deleted BOOLEAN NOT NULL,
    body_length INTEGER NOT NULL,
    published_at TIMESTAMPTZ
);

INSERT INTO article_latest
SELECT article_id, version, content_hash, is_deleted, coalesce(length(body_text), 0), published_at
FROM raw_article_versions JOIN loads USING (load_id)
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY version DESC) = 1;
