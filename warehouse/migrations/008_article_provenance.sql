-- Issue 9: where each field came from, what the profile missed, and articles split over pages.
ALTER TABLE raw_article_versions ADD COLUMN credits VARCHAR[];
-- {"title": "bit:news2020-v1", "body": "generic", ...}: which extractor served each field
ALTER TABLE raw_article_versions ADD COLUMN field_sources JSON;
-- fields the chosen profile version's own selectors missed (its drift signal)
ALTER TABLE raw_article_versions ADD COLUMN profile_misses VARCHAR[];
-- a multi-page article loaded without some of its pages (listed in missing_pages)
ALTER TABLE raw_article_versions ADD COLUMN is_incomplete BOOLEAN;
ALTER TABLE raw_article_versions ADD COLUMN missing_pages VARCHAR[];
-- a continuation page (c_<id>_2.htm) names its article's first page: it is fetched with that
-- page, never planned as an article of its own
ALTER TABLE frontier ADD COLUMN first_page_url VARCHAR;
