"""The Aktörer page's filter bar. Every filter lives in the URL (components.common.url_state)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import streamlit as st

from components.common import url_state
from components.common.format import PLAN_TYPE
from components.common.store import run

FILTER_KEYS = ["typ", "plan", "karna", "malomrade", "q"]


@dataclass
class ActorFilter:
    types: list[str] = field(default_factory=list)
    plan_types: list[str] = field(default_factory=list)
    cores: list[str] = field(default_factory=list)
    goal_areas: list[int] = field(default_factory=list)
    text: str = ""

    def insats_params(self) -> dict:
        """Parameters that choose which insatser count (plan type, core, goal area)."""
        return {"plan_types": self.plan_types, "cores": self.cores, "goal_areas": self.goal_areas}

    def actor_params(self) -> dict:
        """Parameters of actors_filtered: the insats filters plus actor type and name."""
        return {**self.insats_params(), "types": self.types, "text": self.text or None}

    def is_empty(self) -> bool:
        return not (self.types or self.plan_types or self.cores or self.goal_areas or self.text)

    def describe(self, labels: dict[str, dict]) -> str:
        """A Swedish one-line description of the selection, for exports and empty states."""
        parts = []
        if self.types:
            parts.append("aktörstyp: " + ", ".join(self.types))
        if self.plan_types:
            parts.append("källa: " + ", ".join(PLAN_TYPE[p] for p in self.plan_types))
        if self.cores:
            parts.append("kärna: " + ", ".join(labels["core"].get(c, c) for c in self.cores))
        if self.goal_areas:
            parts.append("målområde: " + ", ".join(str(g) for g in self.goal_areas))
        if self.text:
            parts.append(f"sökord: «{self.text}»")
        return "; ".join(parts) or "alla aktörer och insatser"

    def describe_md(self, labels: dict[str, dict]) -> str:
        """describe(), escaped for Markdown elements (captions, info boxes)."""
        return as_text(self.describe(labels))


def as_text(text: str) -> str:
    """User or source text for a Markdown element: escape what Markdown would interpret (links, emphasis…)."""
    return re.sub(r"([\\`*_{}\[\]<>()#+\-.!|$~:])", r"\\\1", text)


def why_empty(chosen: ActorFilter, labels: dict[str, dict]) -> str:
    """Why no actor matches: the selection, and what in the sources makes that combination empty."""
    reasons = [f"Inga aktörer har insatser i urvalet ({chosen.describe_md(labels)})."]
    only_other = chosen.plan_types and "fardplan" not in chosen.plan_types
    if chosen.goal_areas and only_other:
        reasons.append("RUFS-uppföljningens insatser och de historiska aktiviteterna har inget målområde.")
    if chosen.cores and only_other:
        reasons.append("De flesta RUFS-insatser och historiska aktiviteter gäller ingen enskild kärna.")
    if chosen.text:
        reasons.append(f"Inget aktörsnamn i urvalet innehåller «{as_text(chosen.text)}».")
    return " ".join(reasons + ["Ta bort ett filter eller rensa alla."])


def option_labels() -> dict[str, dict]:
    """{kind: {value: label}} for core, goal_area, type and actor, in Swedish order."""
    options = run("actor_filter_options")
    return {kind: dict(zip(group["value"], group["label"])) for kind, group in options.groupby("kind")}


def type_label(actor_type: str) -> str:
    return actor_type[:1].upper() + actor_type[1:]


def clear_filters() -> None:
    """Reset every filter: session state and URL (the selected actor stays)."""
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
        if key in st.query_params:
            del st.query_params[key]


def filter_bar(labels: dict[str, dict]) -> ActorFilter:
    cores = labels["core"]
    goal_areas = {int(k): v for k, v in labels["goal_area"].items()}
    top = st.columns([3, 2, 2, 3])
    text = url_state.text_input("Sök aktör", "q", container=top[0], placeholder="t.ex. södertälje, almi")
    types = url_state.multiselect(
        "Aktörstyp", list(labels["type"]), "typ", format_func=type_label, container=top[1], placeholder="Alla typer"
    )
    plans = url_state.multiselect(
        "Källa", list(PLAN_TYPE), "plan", format_func=PLAN_TYPE.get, container=top[2], placeholder="Alla källor"
    )
    chosen_cores = url_state.multiselect(
        "Kärna", list(cores), "karna", format_func=cores.get, container=top[3], placeholder="Alla kärnor"
    )
    goals = url_state.pills("Målområde", sorted(goal_areas), "malomrade", format_func=lambda g: f"{g} {goal_areas[g]}")
    url_state.show_warnings()
    return ActorFilter(types, plans, chosen_cores, goals, text)
