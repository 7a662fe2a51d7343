-- Data-quality check results from completed loads: one row per check per source run.
CREATE OR REPLACE VIEW stg_quality_checks AS
SELECT c.*
FROM raw_quality_checks AS c
JOIN loads USING (load_id);
