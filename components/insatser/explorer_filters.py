"""The Insatser explorer's filter bar. Every filter lives in the URL (components.common.url_state)."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from components.common import url_state
from components.common.format import PLAN_TYPE
from components.common.store import build_stamp, run

SCOPE_PARAM = {"gemensam": "shared", "karnspecifik": "core"}
SCOPE_LABEL = {None: "Alla", "gemensam": "Gemensamma", "karnspecifik": "Kärnspecifika"}
PLAN_PARAM = {"fardplan": "fardplan", "rufs": "rufs", "historisk": "historisk"}
FILTER_KEYS = ["karna", "malomrade", "omfattning", "aktor", "karaktar", "plan", "q"]


@dataclass
class ExplorerFilter:
    cores: list[str] = field(default_factory=list)
    goal_areas: list[int] = field(default_factory=list)
    scope: str | None = None
    plan_types: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    actor: str | None = None
    text: str = ""

    def query_params(self) -> dict:
        """The parameters of the interventions_filtered query."""
        return {
            "cores": self.cores,
            "goal_areas": self.goal_areas,
            "scopes": [SCOPE_PARAM[self.scope]] if self.scope else [],
            "plan_types": self.plan_types,
            "kinds": self.kinds,
            "actor": self.actor,
            "text": self.text or None,
        }

    def describe(self, labels: dict[str, dict]) -> str:
        """A Swedish one-line description of the selection, for exports and empty states."""
        parts = []
        if self.cores:
            parts.append("kärna: " + ", ".join(labels["core"].get(c, c) for c in self.cores))
        if self.goal_areas:
            parts.append("målområde: " + ", ".join(str(g) for g in self.goal_areas))
        if self.scope:
            parts.append("omfattning: " + SCOPE_LABEL[self.scope].lower())
        if self.plan_types:
            parts.append("källa: " + ", ".join(PLAN_TYPE[p] for p in self.plan_types))
        if self.kinds:
            parts.append("karaktär: " + ", ".join(self.kinds))
        if self.actor:
            parts.append("aktör: " + labels["actor"].get(self.actor, self.actor))
        if self.text:
            parts.append(f"sökord: «{self.text}»")
        return "; ".join(parts) or "alla insatser"


def option_labels() -> dict[str, dict]:
    """The filters' option labels, one shared copy per build of the store: the widgets' label functions keep
    them for the life of each session (a few MB per session at 100× the data)."""
    return _shared_labels(build_stamp())


@st.cache_resource(max_entries=2, show_spinner=False)
def _shared_labels(stamp: tuple[str, int]) -> dict[str, dict]:  # read only: every session shares it
    options = run("filter_options")
    return {kind: dict(zip(group["value"], group["label"])) for kind, group in options.groupby("kind")}


def clear_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
        if key in st.query_params:
            del st.query_params[key]


def filter_bar(labels: dict[str, dict]) -> ExplorerFilter:
    cores, actors = labels["core"], labels["actor"]
    goal_areas = {int(k): v for k, v in labels["goal_area"].items()}
    top = st.columns([3, 2, 2])
    chosen_cores = url_state.multiselect(
        "Kärna", list(cores), "karna", format_func=cores.get, container=top[0], placeholder="Alla kärnor"
    )
    scope = url_state.selectbox(
        "Omfattning",
        [None, "gemensam", "karnspecifik"],
        "omfattning",
        format_func=SCOPE_LABEL.get,
        container=top[1],
        placeholder="Alla",
    )
    plans = url_state.multiselect(
        "Källa", list(PLAN_PARAM), "plan", format_func=PLAN_TYPE.get, container=top[2], placeholder="Alla källor"
    )
    # a row of its own: in a column the four goal areas did not fit and scrolled out of sight
    chosen_goals = url_state.pills(
        "Målområde", sorted(goal_areas), "malomrade", format_func=lambda g: f"{g} {goal_areas[g]}"
    )
    bottom = st.columns([3, 2, 2])
    text = url_state.text_input(
        "Sök i titel och beskrivning", "q", container=bottom[0], placeholder="t.ex. hälsovägen, trygghet, science park"
    )
    actor = url_state.selectbox(
        "Aktör (ansvarig eller medverkande)",
        [None, *actors],
        "aktor",
        format_func=lambda a: "Alla aktörer" if a is None else actors[a],
        container=bottom[1],
        placeholder="Alla aktörer",
    )
    kinds = []
    if labels.get("kind"):
        kinds = url_state.multiselect(
            "Karaktär", sorted(labels["kind"]), "karaktar", container=bottom[2], placeholder="Alla karaktärer"
        )
    else:
        bottom[2].caption(
            "Karaktär (Samverkan/dialog, Kunskap …) anges inte per insats i de inlästa "
            "källorna, så det filtret visas inte."
        )
    url_state.show_warnings()
    return ExplorerFilter(chosen_cores, chosen_goals, scope, plans, kinds, actor, text)
