"""Two people saved the same dialogue: every difference between my draft and the saved version, field by
field, and the merge of the choices. No Streamlit here.

Each difference knows the value both started from (the base), so a field only the other person changed
defaults to theirs, a field only I changed to mine, and a field both changed is flagged.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass
from typing import Any

from queries.dialogue_changes import PRIORITY_FIELDS
from queries.dialogue_model import Dialogue

TOP_FIELDS = ("period", "meeting_date", "meeting_place", "notes")


@dataclass(frozen=True)
class Difference:
    key: tuple  # ("period",), ("participants",), ("order",), ("present", iid), ("field", iid, name)
    mine: Any
    theirs: Any
    base: Any

    @property
    def both_changed(self) -> bool:
        return self.mine != self.base and self.theirs != self.base

    @property
    def default(self) -> str:
        """'theirs' when only they changed it, otherwise 'mine'."""
        return "theirs" if self.mine == self.base else "mine"


def _value(d: Dialogue | None, key: tuple):
    if d is None:
        return None
    kind = key[0]
    if kind in TOP_FIELDS:
        return getattr(d, kind) or None
    if kind == "participants":
        return [asdict(p) for p in d.participants]
    if kind == "order":
        return [p.intervention_id for p in sorted(d.priorities, key=lambda p: p.rank)]
    prio = next((p for p in d.priorities if p.intervention_id == key[1]), None)
    if kind == "present":
        return prio is not None
    return (getattr(prio, key[2]) or None) if prio else None


def differences(base: Dialogue | None, mine: Dialogue, theirs: Dialogue) -> list[Difference]:
    keys: list[tuple] = [(f,) for f in TOP_FIELDS] + [("participants",)]
    ids = list(dict.fromkeys([p.intervention_id for p in mine.priorities + theirs.priorities]))
    for iid in ids:
        keys.append(("present", iid))
        keys.extend(("field", iid, name) for name in PRIORITY_FIELDS)
    out = []
    for key in keys:
        m, t = _value(mine, key), _value(theirs, key)
        if key[0] == "field" and not (_value(mine, ("present", key[1])) and _value(theirs, ("present", key[1]))):
            continue  # a priority only one side has: its presence is the difference
        if m != t:
            out.append(Difference(key, m, t, _value(base, key)))
    mine_order = [i for i in _value(mine, ("order",)) if i in _value(theirs, ("order",))]
    theirs_order = [i for i in _value(theirs, ("order",)) if i in mine_order]
    if mine_order != theirs_order:
        out.append(
            Difference(("order",), _value(mine, ("order",)), _value(theirs, ("order",)), _value(base, ("order",)))
        )
    return out


def merge(mine: Dialogue, theirs: Dialogue, choices: dict[tuple, str]) -> Dialogue:
    """Theirs with my value wherever the choice for a difference is 'mine'; ready to save on their version."""
    merged = copy.deepcopy(theirs)
    mine_by_id = {p.intervention_id: p for p in mine.priorities}
    for key, choice in choices.items():
        if choice != "mine":
            continue
        kind = key[0]
        if kind in TOP_FIELDS:
            setattr(merged, kind, getattr(mine, kind))
        elif kind == "participants":
            merged.participants = copy.deepcopy(mine.participants)
        elif kind == "present":
            merged.priorities = [p for p in merged.priorities if p.intervention_id != key[1]]
            if key[1] in mine_by_id:
                merged.priorities.append(copy.deepcopy(mine_by_id[key[1]]))
    for key, choice in choices.items():
        if key[0] == "field" and choice == "mine":
            target = next((p for p in merged.priorities if p.intervention_id == key[1]), None)
            if target is not None and key[1] in mine_by_id:
                setattr(target, key[2], getattr(mine_by_id[key[1]], key[2]))
    order = _value(mine if choices.get(("order",)) == "mine" else theirs, ("order",))
    position = {iid: n for n, iid in enumerate(order)}
    merged.priorities.sort(key=lambda p: (position.get(p.intervention_id, len(position)), p.rank))
    for rank, p in enumerate(merged.priorities, start=1):
        p.rank = rank
    merged.version = theirs.version
    return merged
