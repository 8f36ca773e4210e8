-- Between two talks (queries/followup_store.py): a decided priority made concrete and followed up.

-- name: plans_start_mode(ids)
-- How each priority starts.
SELECT priority_id, start_mode FROM priority_plans WHERE priority_id = ANY($ids);

-- name: plans_actors(ids)
-- Participating actors: from the actors table (actor_id) or typed (organisation), in the order added.
SELECT priority_id, actor_id, organisation FROM priority_actors WHERE priority_id = ANY($ids)
ORDER BY added_at, rowid;

-- name: plans_milestones(ids)
-- Milestones by due date.
SELECT priority_id, what, due, responsible, done_on, id, added_by, added_at FROM milestones
WHERE priority_id = ANY($ids) ORDER BY due NULLS LAST, added_at;

-- name: plans_resources(ids)
-- Resources as entered, by budget year.
SELECT priority_id, amount_sek, funder, budget_year, state, id, added_by, added_at FROM resources
WHERE priority_id = ANY($ids) ORDER BY budget_year, added_at;

-- name: plans_followups(ids)
-- Status changes and progress notes, oldest first.
SELECT priority_id, status_before, status_after, note, who, noted_at FROM followups
WHERE priority_id = ANY($ids) ORDER BY noted_at, rowid;

-- name: start_mode_put(priority, mode, who, sub, now)
-- Set how a priority starts.
INSERT INTO priority_plans (priority_id, start_mode, changed_by, changed_sub, changed_at)
VALUES ($priority, $mode, $who, $sub, $now)
ON CONFLICT (priority_id) DO UPDATE SET start_mode = excluded.start_mode, changed_by = excluded.changed_by,
    changed_sub = excluded.changed_sub, changed_at = excluded.changed_at;

-- name: priority_actors_delete(priority)
-- A priority's participating actors, before they are written again.
DELETE FROM priority_actors WHERE priority_id = $priority;

-- name: priority_actor_insert(priority, actor, organisation, who, sub, now)
-- One participating actor or typed organisation.
INSERT INTO priority_actors VALUES ($priority, $actor, $organisation, $who, $sub, $now);

-- name: milestone_insert(id, priority, what, due, responsible, done_on, who, sub, now)
-- One milestone.
INSERT INTO milestones VALUES ($id, $priority, $what, $due, $responsible, $done_on, $who, $sub, $now);

-- name: milestone_done(id, done_on)
-- A milestone is met (or unmarked with NULL).
UPDATE milestones SET done_on = $done_on WHERE id = $id;

-- name: resource_insert(id, priority, amount, funder, year, state, who, sub, now)
-- One resource line as entered.
INSERT INTO resources VALUES ($id, $priority, $amount, $funder, $year, $state, $who, $sub, $now);

-- name: followup_insert(id, priority, before, after, note, who, sub, now)
-- One status change and/or progress note.
INSERT INTO followups VALUES ($id, $priority, $before, $after, $note, $who, $sub, $now);
