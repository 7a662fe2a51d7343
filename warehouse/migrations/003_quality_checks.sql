-- Data-quality checks run after each source run's load: one row per check per run.
-- Like every data row it carries a load_id; it counts only once that load is in `loads`.

CREATE SEQUENCE quality_check_id_seq START 1;

CREATE TABLE raw_quality_checks (
    quality_check_id BIGINT PRIMARY KEY DEFAULT nextval('quality_check_id_seq'),
    run_id VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    check_name VARCHAR NOT NULL,          -- title_not_null | published_not_in_future | ...
    is_passed BOOLEAN NOT NULL,
    failing_rows INTEGER NOT NULL,
    examples VARCHAR[],                   -- up to a few URLs of failing rows
    checked_at TIMESTAMPTZ NOT NULL
);
