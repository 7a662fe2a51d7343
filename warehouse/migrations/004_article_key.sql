-- A site-given article identity shared by all URLs of one article (e.g. China Daily's c_<id>).
ALTER TABLE raw_article_versions ADD COLUMN article_key VARCHAR;
