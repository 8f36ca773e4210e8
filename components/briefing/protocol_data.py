"""The beslutsprotokoll of a decided dialogue as plain data: what the Word and PDF protocol show.
No Streamlit.

`collect_protocol` takes the dialogue, its confirmations (UserStore.confirmations) and follow-up plans
(FollowUpStore.plans) and reads the insatser and the core's name through `run` (like
`ReferenceStore(path).run`). Every text is a final Swedish string; what nobody entered shows as
NOT_GIVEN or MISSING, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import pandas as pd

from components.briefing.briefing_data import APP_NAME, NOT_IN_SOURCES, PROPOSAL, clean_text, side_text, swedish_date
from components.common.format import MISSING, swedish_decimal
from components.common.insats_lookup import interventions_by_ids
from components.dialog.change_log_text import when
from queries.dialogue_model import SIDES

NOT_GIVEN = "ej angivet"
NO_DRIVER = "ingen driver utsedd"
NOT_DECIDED = "Protokoll kan bara skrivas för en beslutad dialog."
USER_ADDED = "(tillagd av användare)"
SOURCE_NOTE = "Uppgifterna är inmatade av användarna i Färdplansdialogen; insatsernas texter kommer från färdplanerna."
CONFIRMATIONS_INTRO = "Vem som bekräftade beslutet för varje sida, vilken version och när (svensk tid)."
GONE_ACTOR = "aktören finns inte längre i källorna"


@dataclass
class MilestoneRow:
    what: str
    due: str
    responsible: str
    done: str


@dataclass
class ResourceRow:
    amount: str  # "1 200 000 kr" (no-break spaces)
    funder: str
    budget_year: str
    state: str


@dataclass
class ProtocolItem:
    rank: int
    intervention_id: str
    in_sources: bool
    code: str
    title: str
    goal_area: str
    wording: str
    driver: str
    actors: list[str]
    start_mode: str
    next_step: str
    status: str
    milestones: list[MilestoneRow] = field(default_factory=list)
    resources: list[ResourceRow] = field(default_factory=list)
    origin: str = ""  # the source the insats comes from, or the line naming a proposal

    @property
    def label(self) -> str:
        return f"Prioritet {self.rank}: "

    @property
    def heading(self) -> str:
        if not self.in_sources:
            return f"{self.intervention_id} ({NOT_IN_SOURCES.lower()})"
        return f"{self.code} {self.title}" if self.code else self.title


@dataclass
class ConfirmationRow:
    side: str  # Region / Kommun
    name: str
    email: str
    version: str
    at: str  # Swedish time, or MISSING


@dataclass
class Protocol:
    dialogue_id: str
    core_id: str
    core_name: str
    period: str
    meeting_date: str
    place: str
    version: int
    decided_at: str
    decided_version: str  # the version both sides confirmed, '' if not known
    notes: str
    participants: list[tuple[str, str, str]]  # name, organisation, Region/Kommun
    items: list[ProtocolItem]
    confirmations: list[ConfirmationRow]
    exported_on: date
    source_note: str = SOURCE_NOTE
    status: str = "beslutad"  # for the shared page furniture

    @property
    def title(self) -> str:
        return f"Beslutsprotokoll: {self.core_name}, {self.period}"

    @property
    def exported_text(self) -> str:
        return f"Uttaget {swedish_date(self.exported_on)} ur {APP_NAME}"

    @property
    def status_text(self) -> str:
        return f"Beslutad {self.decided_at}"

    @property
    def meta(self) -> list[tuple[str, str]]:
        rows = [
            ("Regional stadskärna", self.core_name),
            ("Period", self.period),
            ("Mötesdatum", self.meeting_date),
            ("Plats", self.place),
            (
                "Beslutad",
                f"{self.decided_at}, version {self.decided_version}" if self.decided_version else self.decided_at,
            ),
        ]
        return rows + ([("Anteckning", self.notes)] if self.notes else [])

    @property
    def file_stem(self) -> str:
        """beslutsprotokoll-sodertalje-2026-2027: an ASCII file name for downloads."""
        text = unicodedata.normalize("NFKD", f"beslutsprotokoll {self.core_id} {self.period}")
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _records(df: pd.DataFrame) -> list[dict]:
    return [] if df is None or df.empty else df.to_dict("records")


def _text(value, missing: str = NOT_GIVEN) -> str:
    return clean_text(value) or missing


def _date(value) -> str:
    return swedish_date(value) if value else NOT_GIVEN


def kronor(amount) -> str:
    """Decimal('1200000') → '1 200 000 kr'; öre shown only when there are any ('1 200 000,50 kr')."""
    if amount is None:
        return MISSING
    value = Decimal(str(amount))
    whole = value == value.to_integral_value()
    return swedish_decimal(value, 0 if whole else 2, 0 if whole else 2) + "\u00a0kr"


def _milestone(m) -> MilestoneRow:
    done = f"klart {swedish_date(m.done_on)}" if m.done_on else "inte klart"
    return MilestoneRow(_text(m.what), _date(m.due), _text(m.responsible), done)


def _resource(r) -> ResourceRow:
    year = NOT_GIVEN if r.budget_year is None else str(int(r.budget_year))
    return ResourceRow(kronor(r.amount_sek), _text(r.funder), year, _text(r.state))


def collect_protocol(
    run: Callable[..., pd.DataFrame],
    dialogue,
    confirmations: list,
    plans: dict,
    actor_names: dict[str, str],
    place: str = "",
    *,
    today: date | None = None,
) -> Protocol:
    """The protocol of a decided `dialogue`. `plans` maps priority id → followup_store.Plan (missing ones are
    empty), `actor_names` actor id → name (ids it lacks are looked up in the reference store).
    Raises ValueError (Swedish) for a dialogue that is not decided."""
    if dialogue.status != "beslutad":
        raise ValueError(NOT_DECIDED)
    core = (_records(run("briefing_core", core=dialogue.core_id)) or [{}])[0]
    ids = [p.intervention_id for p in dialogue.priorities]
    details = {r["id"]: r for r in _records(interventions_by_ids(ids, run))} if ids else {}

    names = {k: clean_text(v) for k, v in (actor_names or {}).items() if clean_text(v)}
    wanted = {p.owner_actor_id for p in dialogue.priorities if p.owner_actor_id}
    for plan in (plans or {}).values():
        wanted.update(plan.actor_ids)
    if unknown := sorted(wanted - set(names)):
        names.update({a["id"]: clean_text(a["name"]) for a in _records(run("briefing_actors", ids=unknown))})

    def actor(aid: str) -> str:
        return names.get(aid) or f"{aid} ({GONE_ACTOR})"

    items = []
    for rank, p in enumerate(sorted(dialogue.priorities, key=lambda x: x.rank), start=1):
        info, plan = details.get(p.intervention_id), (plans or {}).get(p.id)
        actors = [actor(a) for a in plan.actor_ids] if plan else []
        actors += [f"{clean_text(o)} {USER_ADDED}" for o in (plan.organisations if plan else []) if clean_text(o)]
        items.append(
            ProtocolItem(
                rank=rank,
                intervention_id=p.intervention_id,
                in_sources=info is not None,
                code=clean_text(info["code"]) if info else "",
                title=clean_text(info["title"]) if info else "",
                goal_area=_text(info.get("goal_area_name"), MISSING) if info else MISSING,
                wording=_text(p.wording),
                driver=actor(p.owner_actor_id) if p.owner_actor_id else NO_DRIVER,
                actors=actors or [NOT_GIVEN],
                start_mode=_text(plan.start_mode if plan else None),
                next_step=_text(p.next_step),
                status=_text(p.status),
                milestones=[_milestone(m) for m in plan.milestones] if plan else [],
                resources=[_resource(r) for r in plan.resources] if plan else [],
                origin=_origin(info),
            )
        )

    active = {c.side: c for c in confirmations or [] if c.withdrawn_at is None}
    rows = []
    for side in SIDES:
        c = active.get(side)
        rows.append(
            ConfirmationRow(
                side_text(side),
                _text(c.name if c else None, MISSING),
                _text(c.email if c else None),
                str(c.version) if c else MISSING,
                when(c.confirmed_at) if c and c.confirmed_at else MISSING,
            )
        )

    versions = {c.version for c in active.values()}
    return Protocol(
        dialogue_id=dialogue.id,
        core_id=dialogue.core_id,
        core_name=clean_text(core.get("name")) or dialogue.core_id,
        period=_text(dialogue.period),
        meeting_date=_date(dialogue.meeting_date),
        place=_text(place),
        version=dialogue.version,
        decided_at=when(dialogue.decided_at) if isinstance(dialogue.decided_at, datetime) else MISSING,
        decided_version=str(versions.pop()) if len(versions) == 1 and len(active) == len(SIDES) else "",
        notes=clean_text(dialogue.notes),
        participants=[(_text(x.name), _text(x.organisation), side_text(x.side)) for x in dialogue.participants],
        items=items,
        confirmations=rows,
        exported_on=today or date.today(),
    )


def _origin(info: dict | None) -> str:
    """Where the insats comes from: the source and section, or the proposal line (user data)."""
    if info is None:
        return NOT_IN_SOURCES
    if info.get("plan_type") == "forslag":
        return f"{PROPOSAL}. {clean_text(info['source_title'])}"
    section = clean_text(info.get("source_section"))
    return clean_text(info.get("source_title")) + (f", {section}" if section else "")
