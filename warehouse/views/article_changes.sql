-- Version history with what changed against the previous version of the same article.
-- Dates are published_at and updated_at; images compare the whole image list (src + caption).
CREATE OR REPLACE VIEW article_changes AS
WITH paired AS (
    SELECT
        v.*,
        lag(v.title) OVER w AS previous_title,
        lag(v.body_text) OVER w AS previous_body_text,
        lag(v.authors) OVER w AS previous_authors,
        lag(v.published_at) OVER w AS previous_published_at,
        lag(v.updated_at) OVER w AS previous_updated_at,
        lag(CAST(v.images AS VARCHAR)) OVER w AS previous_images,
        lag(v.is_deleted) OVER w AS previous_is_deleted
    FROM stg_article_versions AS v
    WINDOW w AS (PARTITION BY v.article_id ORDER BY v.version)
),
flagged AS (
    SELECT
        *,
        version > 1 AND NOT is_deleted AND NOT previous_is_deleted AS is_compared,
        title IS DISTINCT FROM previous_title AS is_title_changed,
        body_text IS DISTINCT FROM previous_body_text AS is_body_changed,
        authors IS DISTINCT FROM previous_authors AS is_authors_changed,
        published_at IS DISTINCT FROM previous_published_at
            OR updated_at IS DISTINCT FROM previous_updated_at AS is_dates_changed,
        CAST(images AS VARCHAR) IS DISTINCT FROM previous_images AS is_images_changed
    FROM paired
)
SELECT
    article_id, version, source, url, canonical_url, title, body_text, change_kind, is_deleted, is_current,
    valid_from, valid_to, run_id, transformer_version,
    is_compared AND is_title_changed AS is_title_changed,
    is_compared AND is_body_changed AS is_body_changed,
    is_compared AND is_authors_changed AS is_authors_changed,
    is_compared AND is_dates_changed AS is_dates_changed,
    is_compared AND is_images_changed AS is_images_changed,
    CASE WHEN is_compared THEN list_filter(
        [CASE WHEN is_title_changed THEN 'title' END,
         CASE WHEN is_body_changed THEN 'body' END,
         CASE WHEN is_authors_changed THEN 'authors' END,
         CASE WHEN is_dates_changed THEN 'dates' END,
         CASE WHEN is_images_changed THEN 'images' END],
        lambda x: x IS NOT NULL) ELSE [] END AS changed_fields,
    length(previous_body_text) AS previous_body_chars,
    length(body_text) AS body_chars
FROM flagged
ORDER BY article_id, version;
