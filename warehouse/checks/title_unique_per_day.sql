-- No two current articles of one source share a title on one day.
-- One row (an example) per failure; parameters: run_id, source, now (written with a dollar sign).
-- Only the (day, title) pairs of versions this run loaded are checked, each against the source's
-- current articles found by key in `article_latest` (issue 13: checks over the new rows).
WITH touched AS (
    SELECT DISTINCT v.published_on, lower(trim(v.title)) AS title_key
    FROM raw_article_versions AS v JOIN loads USING (load_id)
    WHERE v.run_id = $run_id AND v.source = $source AND NOT v.is_deleted
      AND v.published_on IS NOT NULL AND v.title IS NOT NULL
)
SELECT strftime(v.published_on, '%Y-%m-%d') || ': ' || any_value(v.title)
       || ' (x' || count(*) || ')'
FROM raw_article_versions AS v
JOIN article_latest AS latest ON latest.article_id = v.article_id AND latest.version = v.version
JOIN touched ON touched.published_on = v.published_on AND touched.title_key = lower(trim(v.title))
WHERE v.source = $source AND NOT latest.is_deleted
GROUP BY v.published_on, lower(trim(v.title))
HAVING count(*) > 1;
