-- The user store's schema bookkeeping (queries/store_file.py); the migrations are in queries/user_schema.py.

-- name: schema_tables()
-- The tables in the file.
SELECT table_name FROM information_schema.tables;

-- name: schema_version_max()
-- The schema version the file is at.
SELECT coalesce(max(version), 0) FROM schema_version;

-- name: schema_version_insert(number)
-- A migration applied.
INSERT INTO schema_version VALUES ($number, now());

-- name: pg_schema_exists()
-- PostgreSQL only: whether the schema_version table exists.
SELECT to_regclass('schema_version') IS NOT NULL;

-- name: pg_migration_lock(key)
-- PostgreSQL only: one instance migrates at a time (held to the end of the transaction).
SELECT pg_advisory_xact_lock($key);

-- name: schema_columns()
-- Every column of the store's tables in their defined order (both backends), for copying a store.
SELECT table_name, column_name FROM information_schema.columns
WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position;
