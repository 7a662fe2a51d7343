-- Every loaded, not-deleted version has a title.
-- One row (an example) per failure; parameters: run_id, source, now (written with a dollar sign).
SELECT url FROM stg_article_versions
WHERE run_id = $run_id AND source = $source AND NOT is_deleted
  AND coalesce(trim(title), '') = '';
