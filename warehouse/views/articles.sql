-- Current version of every article that is not deleted: what a report usually wants.
CREATE OR REPLACE VIEW articles AS
SELECT
    article_id, article_key, source, canonical_url, url, title, subtitle, published_at,
    published_on, updated_at, authors, editor_note, body_text, images, tags, language, word_count, content_hash,
    confidence, profile, credits, field_sources, coalesce(is_incomplete, false) AS is_incomplete,
    missing_pages, version, valid_from AS version_valid_from
FROM stg_article_versions
WHERE is_current AND NOT is_deleted;
