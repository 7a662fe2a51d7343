-- Profile drift (issue 12): how many pages a run extracted, and how many of them the source's
-- site profile did not match (the generic extractor or a fallback took over). The health flag
-- `profile_drift` compares the two for a source's last run.
ALTER TABLE runs ADD COLUMN profile_misses INTEGER DEFAULT 0;
ALTER TABLE runs ADD COLUMN pages_extracted INTEGER DEFAULT 0;
