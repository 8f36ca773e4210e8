"""What a save changes in a dialogue, as structured events for the change log. No Streamlit here.

One event per thing a person did: a field of a priority, a priority added or removed, the order, the
participants, the notes. The change log stores the event's action, subject (an insats id) and field
with before/after as JSON; components/dialog/change_log_text.py turns them into one Swedish line each.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

PRIORITY_FIELDS = ("wording", "owner_actor_id", "next_step", "status")


@dataclass(frozen=True)
class Change:
    action: str  # created, period, meeting_date, notes, participants, added, removed, field, order, decided, …
    subject: str | None = None  # the insats id a priority event is about
    field: str | None = None  # for action "field": one of PRIORITY_FIELDS
    before: Any = None
    after: Any = None


def describe_changes(before, after) -> list[Change]:
    """The events that turn the stored dialogue `before` into the draft `after` (both Dialogue)."""
    out = []
    for attr in ("period", "meeting_date", "meeting_place", "notes"):
        old, new = getattr(before, attr), getattr(after, attr)
        if (old or None) != (new or None):
            out.append(Change(attr, before=old, after=new))
    people_before = [asdict(p) for p in before.participants]
    people_after = [asdict(p) for p in after.participants]
    if people_before != people_after:
        out.append(Change("participants", before=people_before, after=people_after))
    old = {p.intervention_id: p for p in before.priorities}
    new = {p.intervention_id: p for p in after.priorities}
    for iid in [p.intervention_id for p in after.priorities if p.intervention_id not in old]:
        out.append(Change("added", iid, after=_priority_fields(new[iid])))
    for iid in [p.intervention_id for p in before.priorities if p.intervention_id not in new]:
        out.append(Change("removed", iid, before=_priority_fields(old[iid])))
    for p in after.priorities:
        if p.intervention_id in old:
            a = old[p.intervention_id]
            for name in PRIORITY_FIELDS:
                x, y = getattr(a, name), getattr(p, name)
                if (x or None) != (y or None):
                    out.append(Change("field", p.intervention_id, name, x, y))
    order_before = [p.intervention_id for p in sorted(before.priorities, key=lambda p: p.rank)]
    order_after = [p.intervention_id for p in sorted(after.priorities, key=lambda p: p.rank)]
    if [i for i in order_after if i in old] != [i for i in order_before if i in new]:
        out.append(Change("order", before=order_before, after=order_after))
    return out


def _priority_fields(p) -> dict:
    return {name: getattr(p, name) for name in PRIORITY_FIELDS}
