-- Where a source run's time went (issue 18): seconds per stage (discover, fetch, transform,
-- load, check_and_export) as a JSON object, for operators whether or not Prefect saw the run.
ALTER TABLE runs ADD COLUMN stage_seconds JSON;
