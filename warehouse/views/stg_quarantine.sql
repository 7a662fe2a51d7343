-- Pages that could not become articles, with the reason, from completed loads.
CREATE OR REPLACE VIEW stg_quarantine AS
SELECT q.*
FROM raw_quarantine AS q
JOIN loads USING (load_id);
