-- No two current articles of one source share a title on one day.
-- One row (an example) per failure; parameters: run_id, source, now (written with a dollar sign).
SELECT strftime(published_on, '%Y-%m-%d') || ': ' || any_value(title)
       || ' (x' || count(*) || ')'
FROM stg_article_versions
WHERE is_current AND NOT is_deleted AND source = $source AND published_on IS NOT NULL
  AND title IS NOT NULL
GROUP BY published_on, lower(trim(title))
HAVING count(*) > 1;
