-- The user store's dialogues: list, load, save, confirm, archive, delete (queries/user_store.py).
-- Same convention as the reference queries: `-- name: query(params)`, parameters written $param.

-- name: dialogues_list(core)
-- The dialogues (all cores when core is NULL), newest period first, with the number of priorities.
SELECT d.id, d.core_id, d.period, d.meeting_date, d.meeting_place, d.status, d.version, d.created_at,
       d.updated_at, d.decided_at, d.archived_at, d.reason,
       (SELECT count(*) FROM priorities p WHERE p.dialogue_id = d.id) AS priorities
FROM dialogues d WHERE CAST($core AS VARCHAR) IS NULL OR d.core_id = $core
ORDER BY d.period DESC, d.created_at DESC;

-- name: dialogue_version(id)
-- The stored version of one dialogue.
SELECT version FROM dialogues WHERE id = $id;

-- name: dialogue_row(id)
-- One dialogue's own fields, in the order Dialogue takes them.
SELECT id, core_id, period, meeting_date, status, version, notes, previous_dialogue_id, decided_at,
       archived_at, reason, meeting_place
FROM dialogues WHERE id = $id;

-- name: dialogue_participants(id)
-- The participants in their order.
SELECT name, organisation, side FROM participants WHERE dialogue_id = $id ORDER BY position;

-- name: dialogue_priorities(id)
-- The shortlist in rank order.
SELECT intervention_id, rank, wording, owner_actor_id, next_step, status, id, carried_from_priority_id
FROM priorities WHERE dialogue_id = $id ORDER BY rank;

-- name: dialogue_change_log(id)
-- The change log of one dialogue, newest first.
SELECT changed_at, who, who_sub, who_email, what, action, subject, field, before, after
FROM change_log WHERE dialogue_id = $id ORDER BY changed_at DESC, rowid DESC;

-- name: dialogues_in_period(core, period)
-- How many dialogues (archived ones aside) a core has for a period.
SELECT count(*) FROM dialogues WHERE core_id = $core AND period = $period AND archived_at IS NULL;

-- name: dialogue_insert(id, core, period, meeting_date, previous, now, reason)
-- A new draft dialogue at version 1.
INSERT INTO dialogues (id, core_id, period, meeting_date, status, version, notes, previous_dialogue_id,
                       created_at, updated_at, reason)
VALUES ($id, $core, $period, $meeting_date, 'utkast', 1, '', $previous, $now, $now, $reason);

-- name: dialogue_update(id, period, meeting_date, meeting_place, notes, now)
-- A saved draft's own fields, one version up.
UPDATE dialogues SET period = $period, meeting_date = $meeting_date, meeting_place = $meeting_place,
       notes = $notes, version = version + 1, updated_at = $now
WHERE id = $id;

-- name: dialogue_decide(id, now)
-- Both sides confirmed: decided, one version up.
UPDATE dialogues SET status = 'beslutad', decided_at = $now, updated_at = $now, version = version + 1
WHERE id = $id;

-- name: dialogue_archive(id, archived_at, reason, now)
-- Archive (archived_at set) or restore (archived_at NULL) a draft, one version up.
UPDATE dialogues SET archived_at = $archived_at, reason = $reason, version = version + 1, updated_at = $now
WHERE id = $id;

-- name: dialogue_delete(id)
-- Remove a dialogue row (its children first: participants_delete, priorities_delete, drafts_of_dialogue_delete).
DELETE FROM dialogues WHERE id = $id;

-- name: participants_delete(id)
-- A dialogue's participants, before they are written again.
DELETE FROM participants WHERE dialogue_id = $id;

-- name: participant_insert(id, position, name, organisation, side)
-- One participant.
INSERT INTO participants VALUES ($id, $position, $name, $organisation, $side);

-- name: priorities_delete(id)
-- A dialogue's priorities, before they are written again.
DELETE FROM priorities WHERE dialogue_id = $id;

-- name: priority_insert(id, dialogue, intervention, rank, wording, owner, next_step, status, carried_from, now)
-- One priority.
INSERT INTO priorities VALUES ($id, $dialogue, $intervention, $rank, $wording, $owner, $next_step, $status,
                               $carried_from, $now, $now);

-- name: followed_status(priority)
-- A priority's latest status from the follow-up between talks.
SELECT status_after FROM followups WHERE priority_id = $priority AND status_after IS NOT NULL
ORDER BY noted_at DESC, rowid DESC LIMIT 1;

-- name: change_log_insert(now, who, id, what, before, after, action, subject, field, who_sub, who_email)
-- One line of the change log.
INSERT INTO change_log (changed_at, who, dialogue_id, what, before, after, action, subject, field, who_sub,
                        who_email)
VALUES ($now, $who, $id, $what, $before, $after, $action, $subject, $field, $who_sub, $who_email);

-- name: confirmations_of(id)
-- Every confirmation of a dialogue's decision, oldest first, withdrawn ones too.
SELECT side, version, name, sub, email, confirmed_at, withdrawn_at FROM confirmations
WHERE dialogue_id = $id ORDER BY confirmed_at, rowid;

-- name: confirmations_withdraw(id, now)
-- A change withdraws every standing confirmation; returns what was withdrawn.
UPDATE confirmations SET withdrawn_at = $now WHERE dialogue_id = $id AND withdrawn_at IS NULL
RETURNING side, name, version;

-- name: confirmation_withdraw_side(id, side, now)
-- A side confirms again: its earlier confirmation is withdrawn first.
UPDATE confirmations SET withdrawn_at = $now WHERE dialogue_id = $id AND side = $side AND withdrawn_at IS NULL;

-- name: confirmation_insert(id, side, version, name, sub, email, now)
-- One side's confirmation of one version.
INSERT INTO confirmations VALUES ($id, $side, $version, $name, $sub, $email, $now, NULL);

-- name: confirmations_standing(id, version)
-- Who stands behind a version, per side.
SELECT side, name FROM confirmations WHERE dialogue_id = $id AND version = $version AND withdrawn_at IS NULL;
