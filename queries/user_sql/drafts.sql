-- Each person's drafts (queries/user_store.py): a dialogue's working copy, and half-typed form texts.

-- name: draft_get(person, id)
-- A person's kept draft of a dialogue.
SELECT body, base, updated_at FROM drafts WHERE person = $person AND dialogue_id = $id;

-- name: draft_put(person, id, base_version, base, body, now)
-- Keep (or replace) a person's draft of a dialogue.
INSERT INTO drafts (person, dialogue_id, base_version, base, body, updated_at)
VALUES ($person, $id, $base_version, $base, $body, $now)
ON CONFLICT (person, dialogue_id) DO UPDATE SET base_version = excluded.base_version, base = excluded.base,
    body = excluded.body, updated_at = excluded.updated_at;

-- name: draft_drop(person, id)
-- A person's draft of a dialogue is saved or discarded.
DELETE FROM drafts WHERE person = $person AND dialogue_id = $id;

-- name: drafts_of_dialogue_delete(id)
-- Every person's draft of a dialogue that is deleted.
DELETE FROM drafts WHERE dialogue_id = $id;

-- name: text_drafts_get(person, prefix)
-- A person's half-typed form texts whose key starts with prefix.
SELECT key, body FROM text_drafts WHERE person = $person AND starts_with(key, $prefix);

-- name: text_draft_put(person, key, body, now)
-- Keep (or replace) one half-typed text.
INSERT INTO text_drafts (person, key, body, updated_at) VALUES ($person, $key, $body, $now)
ON CONFLICT (person, key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at;

-- name: text_drafts_drop(person, keys)
-- The texts of a saved form.
DELETE FROM text_drafts WHERE person = $person AND key = ANY($keys);
