"""Synthetic stored articles in bulk, for benchmarks only (bench/incremental_run.py): seeding
100,000 articles through the pipeline would take an hour; here it takes seconds."""

from __future__ import annotations

from datetime import datetime

from warehouse.connection import Warehouse

SEED_RUN_ID = "bench-seed"


def seed_synthetic_articles(
    warehouse: Warehouse, source: str, count: int, *, base_url: str, now: datetime
) -> None:
    """`count` articles of `source` (one version each, ~2 kB of body, spread over 10 years),
    their frontier rows fetched and checked, in one completed load."""
    load_id = f"{SEED_RUN_ID}:{source}:{count}"
    connection = warehouse.connection
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute(
            "INSERT INTO runs (run_id, source, started_at, finished_at, status) "
            "VALUES (?, ?, ?, ?, 'completed') ON CONFLICT DO NOTHING",
            [SEED_RUN_ID, source, now, now],
        )
        connection.execute(
            "CREATE TEMP TABLE seeded AS SELECT i, 'seed' || lpad(i::VARCHAR, 12, '0') AS article_id, "
            "? || '/seed/' || i || '.htm' AS url, "
            "?::TIMESTAMPTZ - to_days((i % 3650)::INTEGER) AS published_at, "
            "'Seeded article ' || i AS title, "
            "repeat('Seeded body text of a stored article. ', 50) || i AS body_text "
            "FROM range(?) AS r(i)",
            [base_url.rstrip("/"), now, count],
        )
        connection.execute(
            "INSERT INTO raw_article_versions (article_id, version, source, url, canonical_url, "
            "title, published_at, published_on, body_text, body_blocks, images, authors, tags, "
            "language, word_count, content_hash, confidence, profile, change_kind, is_deleted, "
            "valid_from, run_id, load_id) "
            "SELECT article_id, 1, ?, url, url, title, published_at, published_at::DATE, body_text, "
            "'[]', '[]', [], [], 'en', 350, md5(body_text), 1.0, 'bench', 'first', false, ?, ?, ? "
            "FROM seeded",
            [source, now, SEED_RUN_ID, load_id],
        )
        connection.execute(
            "INSERT INTO article_latest SELECT article_id, 1, md5(body_text), false, "
            "length(body_text), published_at FROM seeded"
        )
        connection.execute(
            "INSERT INTO frontier (source, url, article_id, first_seen_at, last_listed_at, "
            "last_fetched_at, next_check_at, last_outcome) "
            "SELECT ?, url, article_id, ?, ?, ?, ?::TIMESTAMPTZ + INTERVAL 3650 DAY, 'fetched' "
            "FROM seeded",
            [source, now, now, now, now],
        )
        connection.execute(
            "INSERT INTO loads (load_id, run_id, source, completed_at, row_count) "
            "VALUES (?, ?, ?, ?, ?)",
            [load_id, SEED_RUN_ID, source, now, count],
        )
        connection.execute("DROP TABLE seeded")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("CHECKPOINT")
