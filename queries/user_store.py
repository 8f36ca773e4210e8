"""The user store (data/dialoger.duckdb): dialogues, participants, priorities, drafts and the change log.

What people enter, kept apart from the reference data. Opened per transaction (queries/store_file.py has
the concurrency model). Every save carries the version it was based on; a stale save raises StaleVersion
with the stored dialogue. Every change is logged as a structured event (queries/dialogue_changes.py).
Times are stored in UTC. No Streamlit here.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from data.paths import user_db
from queries.dialogue_changes import Change, describe_changes
from queries.dialogue_model import (
    MAX_TEXT,
    SIDES,
    STATUSES,
    Dialogue,
    Participant,
    Priority,
    from_json,
    to_json,
    validate,
)
from queries.permissions import PREPARE, PermissionDenied, Person
from queries.store_file import (
    DialogueDecided,
    ReadOnlyStore,
    StaleVersion,
    StoreBusy,
    StoreFile,
    StoreUnreadable,
    UserStoreError,
    is_postgres_url,
    read_only_mode,
    sql,
)
from queries.user_schema import MIGRATIONS, PG_EXTRA

__all__ = [
    "MAX_TEXT",
    "SIDES",
    "STATUSES",
    "Confirmation",
    "Dialogue",
    "DialogueDecided",
    "DuplicateDialogue",
    "KeptDraft",
    "Participant",
    "PermissionDenied",
    "Person",
    "Priority",
    "ReadOnlyStore",
    "StaleVersion",
    "StoreBusy",
    "StoreUnreadable",
    "UserStore",
    "UserStoreError",
    "describe_changes",
    "read_only_mode",
    "validate",
]
LIST_COLUMNS = [
    "id",
    "core_id",
    "period",
    "meeting_date",
    "meeting_place",
    "status",
    "version",
    "created_at",
    "updated_at",
    "decided_at",
    "archived_at",
    "reason",
    "priorities",
]
WHAT = {
    "created": "skapade dialogen",
    "period": "ändrade perioden",
    "meeting_date": "ändrade mötesdatumet",
    "meeting_place": "ändrade mötesplatsen",
    "notes": "ändrade anteckningen",
    "participants": "ändrade deltagarna",
    "added": "lade till insats",
    "removed": "tog bort insats",
    "field": "ändrade prioritering",
    "order": "ändrade ordningen",
    "decided": "beslutade prioriteringarna",
    "archived": "arkiverade dialogen",
    "restored": "tog fram dialogen ur arkivet",
    "deleted": "tog bort utkastet",
    "confirmed": "bekräftade beslutet",
    "withdrawn": "bekräftelsen drogs tillbaka",
}


class DuplicateDialogue(UserStoreError):
    pass


@dataclass
class KeptDraft:
    draft: Dialogue
    base: Dialogue
    updated_at: datetime


@dataclass
class Confirmation:
    side: str
    version: int
    name: str
    sub: str
    email: str
    confirmed_at: datetime
    withdrawn_at: datetime | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


def as_person(who: Person | str) -> Person:
    """The person a write is done as. A plain name (tests, the command line) is a local user."""
    if isinstance(who, Person):
        return who
    return Person(str(who or "okänd").strip()[:200], "lokal", "", Person.local_user().roles, local=True)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _json(value):
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _migrations() -> list[str]:
    return MIGRATIONS


def user_db_target() -> str:
    """FARDPLANER_USER_DB: a DuckDB file (the default, data/dialoger.duckdb) or a postgresql:// URL."""
    value = os.environ.get("FARDPLANER_USER_DB", "").strip()
    return value if is_postgres_url(value) else str(user_db())


class UserStore:
    """The user store: a DuckDB file (store_file.StoreFile) or PostgreSQL (store_pg.PgStore), chosen by the
    target; the same named queries, migrations, versioning and Swedish messages on both."""

    def __init__(self, path: Path | str | None = None, read_only: bool | None = None):
        target = str(path) if path else user_db_target()
        self.target = target
        read_only = read_only_mode() if read_only is None else read_only
        if is_postgres_url(target):
            from queries.store_pg import PgStore

            self.engine = PgStore(target, read_only, _migrations, PG_EXTRA)
        else:
            self.engine = StoreFile(Path(target), read_only, _migrations)

    path = property(lambda self: self.engine.path)
    read_only = property(lambda self: self.engine.read_only)
    dialect = property(lambda self: self.engine.dialect)

    def exists(self) -> bool:
        return self.engine.exists()

    def migrate(self) -> int:
        return self.engine.migrate()

    def schema_version(self) -> int:
        return self.engine.schema_version()

    def _read(self, fn):
        return self.engine._read(fn)

    def _write(self, fn):
        return self.engine._write(fn)

    def reading(self):
        """A block of reads on one connection (StoreFile.reading): `with store.reading(): ...`."""
        return self.engine.reading()

    # -- reads -------------------------------------------------------------------------------
    def list_dialogues(self, core_id: str | None = None) -> pd.DataFrame:
        if not self.exists():
            return pd.DataFrame(columns=LIST_COLUMNS)
        return self._read(lambda con: sql(con, "dialogues_list", core=core_id).df())

    def load(self, dialogue_id: str) -> Dialogue:
        return self._read(lambda con: self._load(con, dialogue_id))

    def version_of(self, dialogue_id: str) -> int | None:
        """The stored version (cheap; None when the dialogue is gone)."""
        row = self._read(lambda con: sql(con, "dialogue_version", id=dialogue_id).fetchone())
        return row[0] if row else None

    @staticmethod
    def _load(con, dialogue_id: str) -> Dialogue:
        row = sql(con, "dialogue_row", id=dialogue_id).fetchone()
        if row is None:
            raise UserStoreError("Dialogen finns inte (den kan ha tagits bort).")
        d = Dialogue(
            *row[:6],
            notes=row[6] or "",
            previous_dialogue_id=row[7],
            decided_at=row[8],
            archived_at=row[9],
            reason=row[10] or "",
            meeting_place=row[11] or "",
        )
        d.participants = [
            Participant(n, o or "", s) for n, o, s in sql(con, "dialogue_participants", id=dialogue_id).fetchall()
        ]
        d.priorities = [
            Priority(
                intervention_id=r[0],
                rank=r[1],
                wording=r[2] or "",
                owner_actor_id=r[3],
                next_step=r[4] or "",
                status=r[5],
                id=r[6],
                carried_from_priority_id=r[7],
            )
            for r in sql(con, "dialogue_priorities", id=dialogue_id).fetchall()
        ]
        return d

    def change_log(self, dialogue_id: str) -> pd.DataFrame:
        """Newest first."""
        return self._read(lambda con: sql(con, "dialogue_change_log", id=dialogue_id).df())

    def previous_priorities(self, dialogue: Dialogue) -> dict[str, Priority]:
        """The priorities a dialogue's priorities were carried from, by their id."""
        if not dialogue.previous_dialogue_id:
            return {}
        previous = self.load(dialogue.previous_dialogue_id)
        return {p.id: p for p in previous.priorities}

    # -- drafts: one per person and dialogue, never part of the record ------------------------
    def get_draft(self, person: str, dialogue_id: str) -> KeptDraft | None:
        if not self.exists():
            return None
        row = self._read(lambda con: sql(con, "draft_get", person=person, id=dialogue_id).fetchone())
        return KeptDraft(from_json(row[0]), from_json(row[1]), row[2]) if row else None

    def put_draft(self, person: str, draft: Dialogue, base: Dialogue, who: Person | str = "") -> datetime:
        as_person(who).require(PREPARE)
        now = utc_now()
        self._write(
            lambda con: sql(
                con,
                "draft_put",
                person=person,
                id=draft.id,
                base_version=base.version,
                base=to_json(base),
                body=to_json(draft),
                now=now,
            )
        )
        return now

    def drop_draft(self, person: str, dialogue_id: str) -> None:
        self._write(lambda con: sql(con, "draft_drop", person=person, id=dialogue_id))

    def text_drafts(self, person: str, prefix: str) -> dict[str, str]:
        """A person's half-typed texts outside a dialogue (the follow-up forms), by widget key."""
        if not self.exists():
            return {}
        return dict(self._read(lambda con: sql(con, "text_drafts_get", person=person, prefix=prefix).fetchall()))

    def put_text_draft(self, person: str, key: str, body: str, who: Person | str = "") -> None:
        as_person(who).require(PREPARE)
        self.migrate()
        body = (body or "")[:MAX_TEXT]
        if body.strip():
            self._write(lambda con: sql(con, "text_draft_put", person=person, key=key, body=body, now=utc_now()))
        else:
            self.drop_text_drafts(person, [key])

    def drop_text_drafts(self, person: str, keys: list[str]) -> None:
        if self.exists():
            self.migrate()
            self._write(lambda con: sql(con, "text_drafts_drop", person=person, keys=list(keys)))

    # -- writes ------------------------------------------------------------------------------
    def create(
        self,
        core_id: str,
        period: str,
        meeting_date: date | None,
        who: Person | str,
        from_dialogue_id: str | None = None,
        reason: str = "",
    ) -> Dialogue:
        """A new draft dialogue; from a previous one, its priorities come along with their status.

        One dialogue per core and period (archived ones aside), unless a reason for another is given."""
        as_person(who).require(PREPARE)
        self.migrate()
        now = utc_now()
        reason = (reason or "").strip()[:300]
        d = Dialogue(
            uuid.uuid4().hex,
            core_id,
            period.strip(),
            meeting_date,
            "utkast",
            1,
            previous_dialogue_id=from_dialogue_id,
            reason=reason,
        )
        problems = validate(d)
        if problems:
            raise UserStoreError(" ".join(problems))

        def body(con):
            taken = sql(con, "dialogues_in_period", core=core_id, period=d.period).fetchone()[0]
            if taken and not reason:
                raise DuplicateDialogue(
                    f"Det finns redan en dialog för perioden {d.period} för kärnan. Öppna den i listan, eller "
                    "skriv ett skäl om en andra dialog för samma period verkligen behövs."
                )
            after = {"period": d.period, "kärna": core_id, "reason": reason or None}
            if from_dialogue_id:
                previous = self._load(con, from_dialogue_id)
                d.participants = [replace(p) for p in previous.participants]
                d.priorities = [
                    Priority(
                        p.intervention_id,
                        p.rank,
                        p.wording,
                        p.owner_actor_id,
                        p.next_step,
                        self._followed_status(con, p),
                        carried_from_priority_id=p.id,
                    )
                    for p in previous.priorities
                ]
                after["from_period"] = previous.period
            sql(
                con,
                "dialogue_insert",
                id=d.id,
                core=core_id,
                period=d.period,
                meeting_date=meeting_date,
                previous=from_dialogue_id,
                now=now,
                reason=reason,
            )
            self._write_children(con, d, now)
            self._log(con, who, d.id, Change("created", after=after), now)
            return d

        return self._write(body)

    def save(self, draft: Dialogue, who: Person | str, person: str | None = None) -> Dialogue:
        """Save a whole draft in one transaction if nobody saved since draft.version was loaded; the
        person's kept draft goes in the same transaction. A confirmation of an earlier version is withdrawn."""
        as_person(who).require(PREPARE)
        problems = validate(draft)
        if problems:
            raise UserStoreError(" ".join(problems))
        now = utc_now()

        def body(con):
            current = self._writable(con, draft.id)
            if current.version != draft.version:
                raise StaleVersion(current)
            if person:
                sql(con, "draft_drop", person=person, id=draft.id)
            changes = describe_changes(current, draft)
            if not changes:
                return current
            sql(
                con,
                "dialogue_update",
                id=draft.id,
                period=draft.period.strip(),
                meeting_date=draft.meeting_date,
                meeting_place=(draft.meeting_place or "").strip(),
                notes=draft.notes,
                now=now,
            )
            sql(con, "participants_delete", id=draft.id)
            sql(con, "priorities_delete", id=draft.id)
            self._write_children(con, draft, now)
            for change in changes:
                self._log(con, who, draft.id, change, now)
            for side, name, version in sql(con, "confirmations_withdraw", id=draft.id, now=now).fetchall():
                self._log(
                    con, who, draft.id, Change("withdrawn", after={"side": side, "name": name, "version": version}), now
                )
            return self._load(con, draft.id)

        return self._write(body)

    def confirmations(self, dialogue_id: str) -> list[Confirmation]:
        """Every confirmation of the decision, oldest first (withdrawn ones too)."""
        rows = self._read(lambda con: sql(con, "confirmations_of", id=dialogue_id).fetchall())
        return [Confirmation(*r[:4], r[4] or "", *r[5:]) for r in rows]

    def confirm(self, dialogue_id: str, version: int, side: str, who: Person | str) -> Dialogue:
        """One side confirms the shortlist as it stands in `version`. When both sides have confirmed the
        same version, the dialogue is decided."""
        person, now = as_person(who), utc_now()

        def body(con):
            current = self._load(con, dialogue_id)
            if current.decided:
                return current
            current = self._writable(con, dialogue_id)
            person.require_side(side, current.core_id)
            if current.version != version:
                raise StaleVersion(current)
            if not current.priorities:
                raise UserStoreError("Dialogen har inga prioriteringar att besluta.")
            sql(con, "confirmation_withdraw_side", id=dialogue_id, side=side, now=now)
            sql(
                con,
                "confirmation_insert",
                id=dialogue_id,
                side=side,
                version=version,
                name=person.name,
                sub=person.sub,
                email=person.email,
                now=now,
            )
            self._log(con, person, dialogue_id, Change("confirmed", after={"side": side, "version": version}), now)
            by_side = dict(sql(con, "confirmations_standing", id=dialogue_id, version=version).fetchall())
            if set(by_side) == set(SIDES):
                sql(con, "dialogue_decide", id=dialogue_id, now=now)
                self._log(
                    con,
                    person,
                    dialogue_id,
                    Change(
                        "decided",
                        before={"status": "utkast"},
                        after={
                            "status": "beslutad",
                            "prioriteringar": len(current.priorities),
                            "version": version,
                            **by_side,
                        },
                    ),
                    now,
                )
            return self._load(con, dialogue_id)

        return self._write(body)

    def decide(self, dialogue_id: str, version: int, who: Person | str) -> Dialogue:
        """Both sides confirm at once: for a person who may confirm for both (local mode, tests)."""
        core_id = self.load(dialogue_id).core_id
        for side in SIDES:  # all or nothing
            as_person(who).require_side(side, core_id)
        self.confirm(dialogue_id, version, "region", who)
        return self.confirm(dialogue_id, version, "kommun", who)

    def archive(self, dialogue_id: str, who: Person | str, reason: str) -> None:
        self._set_archived(dialogue_id, who, reason, archived=True)

    def restore(self, dialogue_id: str, who: Person | str) -> None:
        self._set_archived(dialogue_id, who, "", archived=False)

    def _set_archived(self, dialogue_id: str, who: Person | str, reason: str, archived: bool) -> None:
        as_person(who).require(PREPARE)
        now = utc_now()

        def body(con):
            current = self._load(con, dialogue_id)
            if current.decided:
                raise DialogueDecided(
                    "En beslutad dialog kan inte arkiveras eller tas bort: den är en del av protokollet."
                )
            if current.archived == archived:
                return
            sql(
                con,
                "dialogue_archive",
                id=dialogue_id,
                archived_at=now if archived else None,
                reason=reason.strip()[:300] if archived else current.reason,
                now=now,
            )
            change = Change("archived", after={"reason": reason.strip()[:300]}) if archived else Change("restored")
            self._log(con, who, dialogue_id, change, now)

        self._write(body)

    def delete(self, dialogue_id: str, who: Person | str, reason: str) -> None:
        """Remove a draft dialogue; the change log keeps what it was and why it went."""
        as_person(who).require(PREPARE)
        now = utc_now()

        def body(con):
            current = self._load(con, dialogue_id)
            if current.decided:
                raise DialogueDecided("En beslutad dialog kan inte tas bort: den är en del av protokollet.")
            self._log(
                con,
                who,
                dialogue_id,
                Change(
                    "deleted",
                    before={
                        "period": current.period,
                        "kärna": current.core_id,
                        "prioriteringar": [p.intervention_id for p in current.priorities],
                    },
                    after={"reason": reason.strip()[:300]},
                ),
                now,
            )
            for name in ("drafts_of_dialogue_delete", "participants_delete", "priorities_delete", "dialogue_delete"):
                sql(con, name, id=dialogue_id)

        self._write(body)

    @staticmethod
    def _followed_status(con, p: Priority) -> str:
        """A priority's status now: the latest follow-up's (queries/followup_store.py), else the decided one."""
        row = sql(con, "followed_status", priority=p.id).fetchone()
        return row[0] if row else p.status

    def _writable(self, con, dialogue_id: str) -> Dialogue:
        current = self._load(con, dialogue_id)
        if current.decided:
            raise DialogueDecided(
                "Dialogen är beslutad och kan inte ändras. Starta nästa period utifrån den i stället."
            )
        if current.archived:
            raise UserStoreError("Dialogen är arkiverad och kan inte ändras. Ta fram den ur arkivet först.")
        return current

    @staticmethod
    def _write_children(con, d: Dialogue, now: datetime) -> None:
        for position, p in enumerate(d.participants):
            sql(
                con,
                "participant_insert",
                id=d.id,
                position=position,
                name=p.name.strip(),
                organisation=p.organisation.strip(),
                side=p.side,
            )
        for rank, p in enumerate(sorted(d.priorities, key=lambda x: x.rank), start=1):
            sql(
                con,
                "priority_insert",
                id=p.id,
                dialogue=d.id,
                intervention=p.intervention_id,
                rank=rank,
                wording=p.wording,
                owner=p.owner_actor_id,
                next_step=p.next_step,
                status=p.status,
                carried_from=p.carried_from_priority_id,
                now=now,
            )

    @staticmethod
    def _log(con, who: Person | str, dialogue_id: str, change: Change, now: datetime) -> None:
        person = as_person(who)
        sql(
            con,
            "change_log_insert",
            now=now,
            who=person.name[:200],
            id=dialogue_id,
            what=WHAT[change.action],
            before=_json(change.before),
            after=_json(change.after),
            action=change.action,
            subject=change.subject,
            field=change.field,
            who_sub=person.sub,
            who_email=person.email,
        )
