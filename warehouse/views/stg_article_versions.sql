-- Every version of every article from completed loads, with its validity interval.
CREATE OR REPLACE VIEW stg_article_versions AS
SELECT
    v.*,
    lead(v.valid_from) OVER (PARTITION BY v.article_id ORDER BY v.version) AS valid_to,
    lead(v.valid_from) OVER (PARTITION BY v.article_id ORDER BY v.version) IS NULL AS is_current
FROM raw_article_versions AS v
JOIN loads USING (load_id);
