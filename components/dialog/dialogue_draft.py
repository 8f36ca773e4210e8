"""Pure operations on a dialogue draft (no Streamlit): add, remove, move, edit, balance."""

from __future__ import annotations

import pandas as pd

from queries.user_store import Dialogue, Priority


def renumber(draft: Dialogue) -> None:
    draft.priorities.sort(key=lambda p: p.rank)
    for rank, p in enumerate(draft.priorities, start=1):
        p.rank = rank


def add(draft: Dialogue, intervention_ids: list[str]) -> list[str]:
    """Append insatser to the shortlist (skipping ones already on it); returns those added."""
    present = {p.intervention_id for p in draft.priorities}
    added = [i for i in intervention_ids if i not in present]
    for offset, iid in enumerate(added, start=1):
        draft.priorities.append(Priority(iid, len(draft.priorities) + offset))
    renumber(draft)
    return added


def remove(draft: Dialogue, priority_id: str) -> None:
    draft.priorities = [p for p in draft.priorities if p.id != priority_id]
    renumber(draft)


def move(draft: Dialogue, priority_id: str, step: int) -> None:
    """Move a priority one place up (step -1) or down (+1)."""
    renumber(draft)
    index = next(i for i, p in enumerate(draft.priorities) if p.id == priority_id)
    target = index + step
    if 0 <= target < len(draft.priorities):
        items = draft.priorities
        items[index], items[target] = items[target], items[index]
        for rank, p in enumerate(items, start=1):
            p.rank = rank


def balance(priorities: pd.DataFrame, goal_areas: dict[int, str]) -> pd.DataFrame:
    """Shortlisted insatser per goal area (all four shown, zero included since zero is true here)."""
    counts = priorities["goal_area_id"].value_counts()
    rows = [
        {"Målområde": f"{g} {name}", "goal_area_id": g, "Antal": int(counts.get(g, 0))}
        for g, name in sorted(goal_areas.items())
    ]
    other = int(priorities["goal_area_id"].isna().sum())
    if other:
        rows.append({"Målområde": "Utan målområde", "goal_area_id": None, "Antal": other})
    return pd.DataFrame(rows)


def load_carriers(priorities: pd.DataFrame) -> pd.DataFrame:
    """Who carries the load: number of priorities per driving actor ('ej utsedd' when none)."""
    owners = priorities["owner"].fillna("Ingen driver utsedd än")
    return owners.value_counts().rename_axis("Driver").reset_index(name="Antal prioriteringar")
