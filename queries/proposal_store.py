"""Proposals for new insatser (the user store's table from migration 5). A proposal is what a person entered
for one core. It never enters the reference data: a shortlist refers to it by its own id ("forslag-…"), and
every view and export shows it as a proposal, with who entered it and when. No Streamlit here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pandas as pd

from queries.dialogue_model import MAX_TEXT
from queries.permissions import PREPARE, Person
from queries.store_file import sql
from queries.user_store import UserStore, UserStoreError, as_person, utc_now

PREFIX = "forslag-"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
MAX_TITLE = 300
# The columns of the reference query interventions_by_ids, so a shortlist can hold both kinds of insats.
COLUMNS = [
    "id",
    "code",
    "title",
    "goal_area_id",
    "scope",
    "plan_type",
    "source_title",
    "source_section",
    "lead",
    "description",
    "proposed_by",
    "proposed_at",
]


def is_proposal(intervention_id: str | None) -> bool:
    return bool(intervention_id) and str(intervention_id).startswith(PREFIX)


@dataclass
class Proposal:
    id: str
    core_id: str
    goal_area_id: int | None
    title: str
    description: str
    proposed_by: str
    proposed_at: datetime
    withdrawn_at: datetime | None = None


class ProposalStore(UserStore):
    """Proposals in the user store file (same locking and retries as the dialogues)."""

    def for_core(self, core_id: str, include_withdrawn: bool = False) -> list[Proposal]:
        if not self.exists():
            return []
        rows = self._read(
            lambda con: sql(con, "proposals_of_core", core=core_id, withdrawn=include_withdrawn).fetchall()
        )
        return [Proposal(*r[:4], r[4] or "", *r[5:]) for r in rows]

    def by_ids(self, ids: list[str]) -> pd.DataFrame:
        """The proposals with these ids (withdrawn ones too: a shortlist may hold them), in the reference
        query's columns; plan_type is 'forslag' and the source names the person and the date."""
        wanted = [i for i in ids if is_proposal(i)]
        if not wanted or not self.exists():
            return pd.DataFrame(columns=COLUMNS)
        rows = self._read(lambda con: sql(con, "proposals_by_ids", ids=wanted).fetchall())
        return pd.DataFrame(
            [
                {
                    "id": pid,
                    "code": None,
                    "title": title,
                    "goal_area_id": goal,
                    "scope": "core",
                    "plan_type": "forslag",
                    "source_title": source_line(by, at),
                    "source_section": None,
                    "lead": None,
                    "description": description or "",
                    "proposed_by": by,
                    "proposed_at": at,
                }
                for pid, goal, title, description, by, at in rows
            ],
            columns=COLUMNS,
        )

    def propose(
        self, core_id: str, title: str, description: str, goal_area_id: int | None, who: Person | str
    ) -> Proposal:
        person = as_person(who)
        person.require(PREPARE)
        title, description = " ".join((title or "").split()), (description or "").strip()
        if not title:
            raise UserStoreError("Förslaget saknar rubrik: skriv vad insatsen ska åstadkomma.")
        if len(title) > MAX_TITLE:
            raise UserStoreError(f"Rubriken är längre än {MAX_TITLE} tecken.")
        if len(description) > MAX_TEXT:
            raise UserStoreError(f"Beskrivningen är längre än {MAX_TEXT} tecken.")
        if goal_area_id is not None and int(goal_area_id) not in (1, 2, 3, 4):
            raise UserStoreError(f"Okänt målområde «{goal_area_id}».")
        self.migrate()
        proposal = Proposal(
            PREFIX + uuid.uuid4().hex[:12], core_id, goal_area_id, title, description, person.name, utc_now()
        )
        self._write(
            lambda con: sql(
                con,
                "proposal_insert",
                id=proposal.id,
                core=core_id,
                goal_area=goal_area_id,
                title=title,
                description=description,
                who=person.name,
                sub=person.sub,
                now=proposal.proposed_at,
            )
        )
        return proposal

    def withdraw(self, proposal_id: str, who: Person | str) -> None:
        """Withdraw a proposal no decided dialogue holds; it stays in the store, marked withdrawn."""
        person = as_person(who)
        person.require(PREPARE)

        def body(con):
            decided = sql(con, "proposal_in_decided", id=proposal_id).fetchone()[0]
            if decided:
                raise UserStoreError("Förslaget finns i en beslutad dialog och kan inte dras tillbaka.")
            sql(con, "proposal_withdraw", id=proposal_id, who=person.name, now=utc_now())

        self._write(body)


def source_line(by: str, at: datetime) -> str:
    """Who entered it and on which day (Swedish time; the store keeps UTC)."""
    day = at.replace(tzinfo=UTC).astimezone(STOCKHOLM) if at.tzinfo is None else at.astimezone(STOCKHOLM)
    return f"Förslag inmatat i Färdplansdialogen av {by}, {day:%Y-%m-%d} (inte ur färdplanen)"
