-- No publication date more than a day in the future (a time-zone or parsing error).
-- One row (an example) per failure; parameters: run_id, source, now (written with a dollar sign).
-- Reads only the run's rows (issue 13): raw versions of the run's completed loads.
SELECT v.url || ' (' || strftime(v.published_at, '%Y-%m-%d %H:%M') || ' UTC)'
FROM raw_article_versions AS v JOIN loads USING (load_id)
WHERE v.run_id = $run_id AND v.source = $source AND NOT v.is_deleted
  AND v.published_at > $now + INTERVAL 1 DAY;
