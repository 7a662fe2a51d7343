-- Articles per source per publication day, in the source's own calendar.
CREATE OR REPLACE VIEW daily_publications AS
SELECT
    source,
    published_on,
    count(*) AS articles,
    sum(word_count) AS words
FROM articles
WHERE published_on IS NOT NULL
GROUP BY ALL
ORDER BY published_on DESC, source;
