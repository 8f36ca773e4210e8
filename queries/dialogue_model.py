"""A dialogue as the app holds it: participants, priorities, validation, and JSON for drafts.
No database and no Streamlit here."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

STATUSES = ["föreslagen", "prioriterad", "pågår", "genomförd", "avförd"]
SIDES = ["region", "kommun"]
MAX_TEXT = 4000
MAX_PLACE = 200


@dataclass
class Participant:
    name: str
    organisation: str = ""
    side: str = "region"


@dataclass
class Priority:
    intervention_id: str
    rank: int
    wording: str = ""
    owner_actor_id: str | None = None
    next_step: str = ""
    status: str = "föreslagen"
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    carried_from_priority_id: str | None = None


@dataclass
class Dialogue:
    id: str
    core_id: str
    period: str
    meeting_date: date | None
    status: str
    version: int
    notes: str = ""
    previous_dialogue_id: str | None = None
    decided_at: datetime | None = None
    participants: list[Participant] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    archived_at: datetime | None = None
    reason: str = ""
    meeting_place: str = ""

    @property
    def decided(self) -> bool:
        return self.status == "beslutad"

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


def validate(dialogue: Dialogue) -> list[str]:
    """Swedish problems with a draft before it is saved; empty when it can be saved."""
    problems = []
    if not dialogue.period.strip():
        problems.append("Perioden saknas (t.ex. 2026–2027).")
    for i, p in enumerate(dialogue.participants, start=1):
        if not p.name.strip():
            problems.append(f"Deltagare {i}: namn saknas.")
        if p.side not in SIDES:
            problems.append(f"Deltagare {i}: sidan ska vara region eller kommun.")
    seen = set()
    for p in dialogue.priorities:
        if p.intervention_id in seen:
            problems.append(f"Insatsen {p.intervention_id} finns två gånger i prioriteringarna.")
        seen.add(p.intervention_id)
        if p.status not in STATUSES:
            problems.append(f"Okänd status «{p.status}».")
        for label, text in [("formuleringen", p.wording), ("nästa steg", p.next_step)]:
            if len(text or "") > MAX_TEXT:
                problems.append(f"Texten i {label} är längre än {MAX_TEXT} tecken.")
    if len(dialogue.meeting_place or "") > MAX_PLACE:
        problems.append(f"Mötesplatsen är längre än {MAX_PLACE} tecken.")
    if len(dialogue.notes or "") > MAX_TEXT:
        problems.append(f"Anteckningen är längre än {MAX_TEXT} tecken.")
    return problems


def to_json(d: Dialogue) -> str:
    return json.dumps(asdict(d), ensure_ascii=False, default=str, sort_keys=True)


def from_json(text: str) -> Dialogue:
    raw = json.loads(text)
    raw["participants"] = [Participant(**p) for p in raw.get("participants", [])]
    raw["priorities"] = [Priority(**p) for p in raw.get("priorities", [])]
    raw["meeting_date"] = date.fromisoformat(raw["meeting_date"]) if raw.get("meeting_date") else None
    for name in ("decided_at", "archived_at"):
        raw[name] = datetime.fromisoformat(raw[name]) if raw.get(name) else None
    return Dialogue(**raw)
