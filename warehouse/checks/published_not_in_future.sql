-- No publication date more than a day in the future (a time-zone or parsing error).
-- One row (an example) per failure; parameters: run_id, source, now (written with a dollar sign).
SELECT url || ' (' || strftime(published_at, '%Y-%m-%d %H:%M') || ' UTC)'
FROM stg_article_versions
WHERE run_id = $run_id AND source = $source AND NOT is_deleted
  AND published_at > $now + INTERVAL 1 DAY;
