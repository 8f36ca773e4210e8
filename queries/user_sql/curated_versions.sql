-- The reference data's versions shared by every instance (data/shared_curated.py).

-- name: curated_version_latest()
-- The newest shared version (without its archive).
SELECT id, created_at, created_by, summary FROM curated_versions ORDER BY created_at DESC, id DESC LIMIT 1;

-- name: curated_version_archive(id)
-- One version's curated folder as a zip.
SELECT archive FROM curated_versions WHERE id = $id;

-- name: curated_version_put(id, now, who, summary, archive)
-- Store a version; the same content again only moves it to the front.
INSERT INTO curated_versions (id, created_at, created_by, summary, archive) VALUES ($id, $now, $who, $summary, $archive)
ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, created_by = excluded.created_by,
    summary = excluded.summary;
