-- Articles per source per ISO week (Monday start) of publication, in the source's calendar.
CREATE OR REPLACE VIEW weekly_publications AS
SELECT
    source,
    CAST(date_trunc('week', published_on) AS DATE) AS week_start,
    count(*) AS articles,
    sum(word_count) AS words
FROM articles
WHERE published_on IS NOT NULL
GROUP BY ALL
ORDER BY week_start DESC, source;
