"""The user store's schema as numbered migrations (DESIGN.md §3). Never edit a released migration:
add a new one. Before a migration runs on an existing file, a backup copy is made."""

MIGRATIONS: list[str] = [
    # 1: dialogues, participants, priorities, change log
    """
    CREATE TABLE schema_version (version INTEGER NOT NULL, migrated_at TIMESTAMP NOT NULL);
    CREATE TABLE dialogues (
        id VARCHAR PRIMARY KEY,
        core_id VARCHAR NOT NULL,
        period VARCHAR NOT NULL,
        meeting_date DATE,
        status VARCHAR NOT NULL CHECK (status IN ('utkast', 'beslutad')),
        version INTEGER NOT NULL,
        notes VARCHAR,
        previous_dialogue_id VARCHAR,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        decided_at TIMESTAMP
    );
    CREATE TABLE participants (
        dialogue_id VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        organisation VARCHAR,
        side VARCHAR NOT NULL CHECK (side IN ('region', 'kommun')),
        PRIMARY KEY (dialogue_id, position)
    );
    CREATE TABLE priorities (
        id VARCHAR PRIMARY KEY,
        dialogue_id VARCHAR NOT NULL,
        intervention_id VARCHAR NOT NULL,
        rank INTEGER NOT NULL,
        wording VARCHAR,
        owner_actor_id VARCHAR,
        next_step VARCHAR,
        status VARCHAR NOT NULL CHECK (status IN ('föreslagen', 'prioriterad', 'pågår', 'genomförd', 'avförd')),
        carried_from_priority_id VARCHAR,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        UNIQUE (dialogue_id, intervention_id)
    );
    CREATE TABLE change_log (
        changed_at TIMESTAMP NOT NULL,
        who VARCHAR NOT NULL,
        dialogue_id VARCHAR NOT NULL,
        what VARCHAR NOT NULL,
        before VARCHAR,
        after VARCHAR
    );
    """,
]

MIGRATIONS.append(
    # 2: structured change-log events, archived dialogues, the reason for a second dialogue in a period,
    # and each person's draft of a dialogue (kept while they type, until they save or discard it)
    """
    ALTER TABLE change_log ADD COLUMN action VARCHAR;
    ALTER TABLE change_log ADD COLUMN subject VARCHAR;
    ALTER TABLE change_log ADD COLUMN field VARCHAR;
    ALTER TABLE dialogues ADD COLUMN archived_at TIMESTAMP;
    ALTER TABLE dialogues ADD COLUMN reason VARCHAR;
    CREATE TABLE drafts (
        person VARCHAR NOT NULL,
        dialogue_id VARCHAR NOT NULL,
        base_version INTEGER NOT NULL,
        base VARCHAR NOT NULL,
        body VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        PRIMARY KEY (person, dialogue_id)
    );
    """
)

MIGRATIONS.append(
    # 3: who did it, from the sign-in token (stable subject and email beside the name), and the decision
    # confirmed per side: who, when, which version; withdrawn when the dialogue changes afterwards
    """
    ALTER TABLE change_log ADD COLUMN who_sub VARCHAR;
    ALTER TABLE change_log ADD COLUMN who_email VARCHAR;
    CREATE TABLE confirmations (
        dialogue_id VARCHAR NOT NULL,
        side VARCHAR NOT NULL CHECK (side IN ('region', 'kommun')),
        version INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        sub VARCHAR NOT NULL,
        email VARCHAR,
        confirmed_at TIMESTAMP NOT NULL,
        withdrawn_at TIMESTAMP
    );
    """
)

MIGRATIONS.append(
    # 4: between two talks. A decided priority made concrete (how it starts, who else takes part, milestones,
    # resources as entered) and followed up (status changes and progress notes), each dated and signed,
    # without reopening the decided list. All of it is what people entered, never estimated.
    """
    CREATE TABLE priority_plans (
        priority_id VARCHAR PRIMARY KEY,
        start_mode VARCHAR CHECK (start_mode IN ('politiskt uppdrag', 'ordinarie verksamhet',
                                                 'etablerat samverkansforum', 'utlysning')),
        changed_by VARCHAR NOT NULL, changed_sub VARCHAR, changed_at TIMESTAMP NOT NULL
    );
    CREATE TABLE priority_actors (
        priority_id VARCHAR NOT NULL,
        actor_id VARCHAR,
        organisation VARCHAR,
        added_by VARCHAR NOT NULL, added_sub VARCHAR, added_at TIMESTAMP NOT NULL,
        CHECK (actor_id IS NOT NULL OR organisation IS NOT NULL)
    );
    CREATE TABLE milestones (
        id VARCHAR PRIMARY KEY,
        priority_id VARCHAR NOT NULL,
        what VARCHAR NOT NULL,
        due DATE,
        responsible VARCHAR,
        done_on DATE,
        added_by VARCHAR NOT NULL, added_sub VARCHAR, added_at TIMESTAMP NOT NULL
    );
    CREATE TABLE resources (
        id VARCHAR PRIMARY KEY,
        priority_id VARCHAR NOT NULL,
        amount_sek DECIMAL(18, 2) NOT NULL,
        funder VARCHAR NOT NULL,
        budget_year INTEGER NOT NULL,
        state VARCHAR NOT NULL CHECK (state IN ('beslutad', 'föreslagen')),
        added_by VARCHAR NOT NULL, added_sub VARCHAR, added_at TIMESTAMP NOT NULL
    );
    CREATE TABLE followups (
        id VARCHAR PRIMARY KEY,
        priority_id VARCHAR NOT NULL,
        status_before VARCHAR,
        status_after VARCHAR,
        note VARCHAR,
        who VARCHAR NOT NULL, who_sub VARCHAR, noted_at TIMESTAMP NOT NULL
    );
    """
)

MIGRATIONS.append(
    # 5: where the talk is held, half-typed text of the follow-up forms per person, and proposals for new
    # insatser. A proposal is what a person entered for one core; it is never part of the reference data
    # and is shown and exported as a proposal.
    """
    ALTER TABLE dialogues ADD COLUMN meeting_place VARCHAR;
    CREATE TABLE proposals (
        id VARCHAR PRIMARY KEY,
        core_id VARCHAR NOT NULL,
        goal_area_id INTEGER,
        title VARCHAR NOT NULL,
        description VARCHAR,
        proposed_by VARCHAR NOT NULL, proposed_sub VARCHAR, proposed_at TIMESTAMP NOT NULL,
        withdrawn_by VARCHAR, withdrawn_at TIMESTAMP
    );
    CREATE TABLE text_drafts (
        person VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        body VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL,
        PRIMARY KEY (person, key)
    );
    """
)


MIGRATIONS.append(
    # 6: the reference data's versions shared by every app instance (PostgreSQL deployments): each import's
    # or restore's curated folder as one zip, named by its content. Instances pull the newest and rebuild.
    """
    CREATE TABLE curated_versions (
        id VARCHAR PRIMARY KEY,
        created_at TIMESTAMP NOT NULL,
        created_by VARCHAR NOT NULL,
        summary VARCHAR,
        archive BYTEA NOT NULL
    );
    """
)

# PostgreSQL only (queries/store_pg.py): the insertion order that DuckDB keeps as rowid, run after the
# migration of the same number. Positional INSERTs leave it to its default.
PG_EXTRA: dict[int, str] = {
    1: "ALTER TABLE change_log ADD COLUMN seq BIGSERIAL;",
    3: "ALTER TABLE confirmations ADD COLUMN seq BIGSERIAL;",
    4: "ALTER TABLE priority_actors ADD COLUMN seq BIGSERIAL; ALTER TABLE followups ADD COLUMN seq BIGSERIAL;",
}
