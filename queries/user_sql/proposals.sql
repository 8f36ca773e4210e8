-- Proposals for new insatser (queries/proposal_store.py): user data, never part of the reference store.

-- name: proposals_of_core(core, withdrawn)
-- A core's proposals in the order entered; withdrawn ones only when asked.
SELECT id, core_id, goal_area_id, title, description, proposed_by, proposed_at, withdrawn_at FROM proposals
WHERE core_id = $core AND ($withdrawn OR withdrawn_at IS NULL) ORDER BY proposed_at, id;

-- name: proposals_by_ids(ids)
-- The proposals with these ids, withdrawn ones too.
SELECT id, goal_area_id, title, description, proposed_by, proposed_at FROM proposals WHERE id = ANY($ids);

-- name: proposal_insert(id, core, goal_area, title, description, who, sub, now)
-- One proposal.
INSERT INTO proposals (id, core_id, goal_area_id, title, description, proposed_by, proposed_sub, proposed_at)
VALUES ($id, $core, $goal_area, $title, $description, $who, $sub, $now);

-- name: proposal_in_decided(id)
-- How many decided dialogues hold the proposal.
SELECT count(*) FROM priorities p JOIN dialogues d ON d.id = p.dialogue_id
WHERE p.intervention_id = $id AND d.status = 'beslutad';

-- name: proposal_withdraw(id, who, now)
-- Withdraw a proposal (it stays in the store).
UPDATE proposals SET withdrawn_by = $who, withdrawn_at = $now WHERE id = $id AND withdrawn_at IS NULL;
