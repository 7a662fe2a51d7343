-- Full version history, deletions included, oldest first within each article.
CREATE OR REPLACE VIEW article_history AS
SELECT
    article_id, version, source, canonical_url, title, published_at, word_count, content_hash,
    change_kind, is_deleted, valid_from, valid_to, is_current, transformer_version, run_id
FROM stg_article_versions
ORDER BY article_id, version;
