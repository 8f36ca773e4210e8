"""Uppföljning: between two talks, each decided priority of a core made concrete and followed up."""

import streamlit as st

from components.common import url_state
from components.common.store import run
from components.dialog import dialogue_session as ds
from components.dialog import dialogue_view as dv
from components.uppfoljning import followup_view

st.title("Uppföljning")
st.markdown(
    "Mellan två samtal: gör varje beslutad prioritering konkret (medverkande aktörer, hur den startar, "
    "delmål och resurser) och anteckna läget under perioden. Den beslutade listan öppnas inte: en "
    "statusändring antecknas här, daterad och signerad, och nästa samtal utgår från den."
)
ds.ensure_schema()
cores = run("cores_overview")
names = dict(zip(cores["id"], cores["name"]))
pick_core, pick_dialogue = st.columns(2)
core_id = url_state.selectbox(
    "Kärna", list(names), "karna", format_func=names.get, default=list(names)[0], container=pick_core
)
dialogues = ds.guarded(ds.store().list_dialogues, core_id)
decided = dialogues[(dialogues["status"] == "beslutad") & dialogues["archived_at"].isna()]
labels = dv.choice_labels(decided)
if not labels:
    url_state.show_warnings()
    st.info(
        f"{names[core_id]} har ingen beslutad dialog ännu. Uppföljningen börjar när prioriteringarna är "
        "beslutade på sidan Dialoger.",
        icon=":material/event_upcoming:",
    )
    st.page_link("pages/dialog.py", label="Till Dialoger", icon=":material/forum:", query_params={"karna": core_id})
    st.stop()
dialogue_id = url_state.selectbox(
    "Beslutad period",
    list(labels),
    "dialog",
    format_func=labels.get,
    default=next(iter(labels)),
    container=pick_dialogue,
)
url_state.show_warnings()
ds.show_flash()

with ds.reads():
    d = ds.guarded(ds.store().load, dialogue_id)
    plans = ds.guarded(followup_view.fstore().plans, [p.id for p in d.priorities])
frame = ds.shortlist_frame(d)
actors = ds.actor_options()
editable = ds.may_prepare()
if not editable:
    st.caption("Visas utan redigering: att anteckna uppföljning kräver rollen handläggare.")
values, indicators = run("lagesbild_values", core=core_id), run("lagesbild_indicators")
by_id = {p.id: p for p in d.priorities}
periods = followup_view.timelines_for(d)
for row in frame.to_dict("records"):
    p = by_id[row["id"]]
    followup_view.priority_panel(
        d, p, row, plans[p.id], actors, editable, values, indicators, periods.get(p.intervention_id, [])
    )
