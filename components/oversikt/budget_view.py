"""Underlag för budgetarbetet: pick an organisation, see and download what it drives or takes part in."""

from __future__ import annotations

import streamlit as st

from components.common.store import run
from components.dialog import dialogue_session as ds
from components.oversikt import budget_data
from queries.followup_store import FollowUpStore

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def current_decided() -> list:
    """(core name, Dialogue, shortlist frame) for each core's latest decided dialogue."""
    names = dict(zip(*[run("cores_overview")[c] for c in ("id", "name")]))
    dialogues = ds.guarded(ds.store().list_dialogues)
    decided = dialogues[(dialogues["status"] == "beslutad") & dialogues["archived_at"].isna()]
    out = []
    for core_id, group in decided.groupby("core_id", sort=False):
        d = ds.guarded(ds.store().load, group.sort_values("period").iloc[-1]["id"])
        out.append((names.get(core_id, core_id), d, ds.shortlist_frame(d)))
    return sorted(out, key=lambda x: x[0])


def section() -> None:
    st.header("Underlag för budgetarbetet", anchor=False)
    st.markdown(
        "För en organisation: varje beslutad prioritering som den driver eller medverkar i, i alla kärnor, "
        "med delmål och resurser som de lagts in. Underlaget till organisationens budget- och "
        "verksamhetsplanering."
    )
    actors = ds.actor_options()
    actor = st.selectbox(
        "Organisation",
        list(actors),
        format_func=actors.get,
        index=None,
        placeholder="Välj organisation",
        key="budget_actor",
    )
    if actor is None:
        return
    decided = current_decided()
    plans = ds.guarded(FollowUpStore().plans, [p.id for _, d, _ in decided for p in d.priorities])
    items = budget_data.items_for(actor, decided, plans)
    if not items:
        st.info(f"{actors[actor]} driver eller medverkar inte i någon beslutad prioritering.", icon=":material/info:")
        return
    st.dataframe(budget_data.tables(items)["Prioriteringar"], hide_index=True, width="stretch")
    stem = f"budgetunderlag-{actor}"
    left, right, _ = st.columns([1, 1, 2])
    left.download_button(
        "Budgetunderlag (Excel)",
        lambda: budget_data.budget_xlsx(actors[actor], items),
        file_name=f"{stem}.xlsx",
        mime=XLSX,
        icon=":material/table:",
        key="budget_xlsx",
        on_click="ignore",
    )
    right.download_button(
        "Budgetunderlag (Word)",
        lambda: budget_data.budget_docx(actors[actor], items),
        file_name=f"{stem}.docx",
        mime=DOCX,
        icon=":material/description:",
        key="budget_docx",
        on_click="ignore",
    )
