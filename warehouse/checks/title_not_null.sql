-- Every version the run loaded that is not deleted has a title.
-- One row (an example) per failure; parameters: run_id, source, now (written with a dollar sign).
-- Reads only the run's rows (issue 13): raw versions of the run's completed loads.
SELECT v.url FROM raw_article_versions AS v JOIN loads USING (load_id)
WHERE v.run_id = $run_id AND v.source = $source AND NOT v.is_deleted
  AND coalesce(trim(v.title), '') = '';
