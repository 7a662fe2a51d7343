-- Every archived response (or fetch failure) from completed loads.
CREATE OR REPLACE VIEW stg_responses AS
SELECT r.*
FROM raw_responses AS r
JOIN loads USING (load_id);
