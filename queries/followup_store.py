"""Between two talks: a decided priority made concrete and followed up (the user store's tables from
migration 4). Everything here is what a person entered, dated and signed; nothing is estimated. The decided
list itself stays locked: a status change is a follow-up row, the priority's own status is not rewritten.
No Streamlit here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from queries.dialogue_model import MAX_TEXT, STATUSES
from queries.permissions import PREPARE, Person
from queries.store_file import sql
from queries.user_store import UserStore, UserStoreError, as_person, utc_now

START_MODES = ["politiskt uppdrag", "ordinarie verksamhet", "etablerat samverkansforum", "utlysning"]
RESOURCE_STATES = ["beslutad", "föreslagen"]


@dataclass
class Milestone:
    what: str
    due: date | None = None
    responsible: str = ""
    done_on: date | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    added_by: str = ""
    added_at: datetime | None = None


@dataclass
class Resource:
    amount_sek: Decimal
    funder: str
    budget_year: int
    state: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    added_by: str = ""
    added_at: datetime | None = None


@dataclass
class FollowUp:
    status_before: str | None
    status_after: str | None
    note: str
    who: str
    at: datetime


@dataclass
class Plan:
    """One priority made concrete and followed up."""

    priority_id: str
    start_mode: str | None = None
    actor_ids: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)

    def status(self, decided_status: str) -> str:
        """The status now: the latest follow-up's, else the one decided."""
        changes = [f.status_after for f in self.followups if f.status_after]
        return changes[-1] if changes else decided_status


def parse_amount(text) -> Decimal:
    """'1 200 000' or '1200000,50' (kronor) → Decimal; a Swedish message otherwise."""
    cleaned = str(text).replace("\u00a0", "").replace(" ", "").replace(",", ".").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise UserStoreError(f"Beloppet «{text}» är inte ett tal i kronor (t.ex. 1 200 000).") from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e15"):
        raise UserStoreError(f"Beloppet «{text}» måste vara noll eller mer och mindre än en biljard kronor.")
    return value


class FollowUpStore(UserStore):
    """The follow-up tables of the user store (same file, same locking and retries)."""

    def plans(self, priority_ids: list[str]) -> dict[str, Plan]:
        out = {pid: Plan(pid) for pid in priority_ids}
        if not priority_ids or not self.exists():
            return out

        def read(con):
            for pid, mode in sql(con, "plans_start_mode", ids=priority_ids).fetchall():
                out[pid].start_mode = mode
            for pid, actor, org in sql(con, "plans_actors", ids=priority_ids).fetchall():
                (out[pid].actor_ids if actor else out[pid].organisations).append(actor or org)
            for r in sql(con, "plans_milestones", ids=priority_ids).fetchall():
                out[r[0]].milestones.append(Milestone(r[1], r[2], r[3] or "", r[4], r[5], r[6], r[7]))
            for r in sql(con, "plans_resources", ids=priority_ids).fetchall():
                out[r[0]].resources.append(Resource(r[1], r[2], r[3], r[4], r[5], r[6], r[7]))
            for r in sql(con, "plans_followups", ids=priority_ids).fetchall():
                out[r[0]].followups.append(FollowUp(r[1], r[2], r[3] or "", r[4], r[5]))
            return out

        return self._read(read)

    # -- writes: each checks the role, each is signed ------------------------------------------------------
    def _signed(self, who: Person | str) -> tuple[Person, datetime]:
        person = as_person(who)
        person.require(PREPARE)
        self.migrate()
        return person, utc_now()

    def set_start_mode(self, priority_id: str, mode: str | None, who: Person | str) -> None:
        if mode is not None and mode not in START_MODES:
            raise UserStoreError(f"Okänt sätt att starta insatsen: «{mode}».")
        person, now = self._signed(who)
        self._write(
            lambda con: sql(
                con, "start_mode_put", priority=priority_id, mode=mode, who=person.name, sub=person.sub, now=now
            )
        )

    def set_actors(self, priority_id: str, actor_ids: list[str], organisations: list[str], who: Person | str) -> None:
        """The participating actors: ones from the actors table, and organisations typed in (new ones)."""
        person, now = self._signed(who)
        orgs = [" ".join(o.split())[:160] for o in organisations if o.strip()]

        def body(con):
            sql(con, "priority_actors_delete", priority=priority_id)
            signed = dict(priority=priority_id, who=person.name, sub=person.sub, now=now)
            for actor in dict.fromkeys(actor_ids):
                sql(con, "priority_actor_insert", actor=actor, organisation=None, **signed)
            for org in dict.fromkeys(orgs):
                sql(con, "priority_actor_insert", actor=None, organisation=org, **signed)

        self._write(body)

    def add_milestone(self, priority_id: str, milestone: Milestone, who: Person | str) -> None:
        if not milestone.what.strip():
            raise UserStoreError("Delmålet saknar text: skriv vad som ska vara gjort.")
        if len(milestone.what) > MAX_TEXT:
            raise UserStoreError(f"Delmålet är längre än {MAX_TEXT} tecken.")
        person, now = self._signed(who)
        self._write(
            lambda con: sql(
                con,
                "milestone_insert",
                id=milestone.id,
                priority=priority_id,
                what=milestone.what.strip(),
                due=milestone.due,
                responsible=milestone.responsible.strip()[:200],
                done_on=milestone.done_on,
                who=person.name,
                sub=person.sub,
                now=now,
            )
        )

    def mark_milestone(self, milestone_id: str, done_on: date | None, who: Person | str) -> None:
        self._signed(who)
        self._write(lambda con: sql(con, "milestone_done", id=milestone_id, done_on=done_on))

    def add_resource(self, priority_id: str, resource: Resource, who: Person | str) -> None:
        if resource.state not in RESOURCE_STATES:
            raise UserStoreError("Ange om resursen är beslutad eller föreslagen.")
        if not resource.funder.strip():
            raise UserStoreError("Resursen saknar finansiär.")
        if not 2000 <= int(resource.budget_year) <= 2100:
            raise UserStoreError(f"Budgetåret {resource.budget_year} är inte ett rimligt år (2000–2100).")
        person, now = self._signed(who)
        self._write(
            lambda con: sql(
                con,
                "resource_insert",
                id=resource.id,
                priority=priority_id,
                amount=resource.amount_sek,
                funder=resource.funder.strip()[:200],
                year=int(resource.budget_year),
                state=resource.state,
                who=person.name,
                sub=person.sub,
                now=now,
            )
        )

    def follow_up(
        self, priority_id: str, status_before: str, status_after: str | None, note: str, who: Person | str
    ) -> None:
        """A status change and/or a progress note, dated and signed; the decided list is not reopened."""
        note = (note or "").strip()
        if status_after is not None and status_after not in STATUSES:
            raise UserStoreError(f"Okänd status «{status_after}».")
        if status_after == status_before:
            status_after = None
        if status_after is None and not note:
            raise UserStoreError("Ingenting att anteckna: välj en ny status eller skriv en anteckning.")
        if len(note) > MAX_TEXT:
            raise UserStoreError(f"Anteckningen är längre än {MAX_TEXT} tecken.")
        person, now = self._signed(who)
        self._write(
            lambda con: sql(
                con,
                "followup_insert",
                id=uuid.uuid4().hex,
                priority=priority_id,
                before=status_before if status_after else None,
                after=status_after,
                note=note,
                who=person.name,
                sub=person.sub,
                now=now,
            )
        )
