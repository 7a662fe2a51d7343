-- Crawl state for discovery and fetching (issue 3): resumable backfills, sitemap/feed
-- watermarks, and how many undecodable bytes a decoded response had.

ALTER TABLE raw_responses ADD COLUMN replaced_chars INTEGER;

-- Where a backfill walk of one listing stands, so an interrupted backfill resumes there.
CREATE TABLE crawl_cursors (
    source VARCHAR NOT NULL,
    cursor_kind VARCHAR NOT NULL,         -- backfill_listing
    cursor_key VARCHAR NOT NULL,          -- the listing's first page
    next_url VARCHAR,                     -- the page to read next; NULL once the walk ended
    pages_done INTEGER NOT NULL DEFAULT 0,
    started_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    walked_at TIMESTAMPTZ,                -- every listing page read
    completed_at TIMESTAMPTZ,             -- and every page found fetched: the backfill is done
    PRIMARY KEY (source, cursor_kind, cursor_key)
);

-- Feeds and sitemaps read by discovery: the newest lastmod/updated seen at the last
-- successful read (the site's own clock), so the next read only takes newer entries.
CREATE TABLE discovery_documents (
    source VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,                -- feed | sitemap
    last_success_at TIMESTAMPTZ,
    lastmod_watermark TIMESTAMPTZ,
    entries INTEGER,
    PRIMARY KEY (source, url)
);
