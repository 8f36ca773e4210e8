"""Mötesläge: the shortlist of one dialogue on a projector, edited in place during the talk."""

import streamlit as st

from components.common import url_state
from components.common.store import run
from components.dialog import dialogue_conflict, save_bar
from components.dialog import dialogue_session as ds
from components.dialog import dialogue_view as dv
from components.mote import meeting_view

st.html(meeting_view.MEETING_CSS)
ds.ensure_schema()
cores = run("cores_overview")
names = dict(zip(cores["id"], cores["name"]))
pick_core, pick_dialogue, pick_view, back = st.columns([3, 3, 3, 2], vertical_alignment="bottom")
core_id = url_state.selectbox(
    "Kärna", list(names), "karna", format_func=names.get, default=list(names)[0], container=pick_core
)
dialogues = ds.guarded(ds.store().list_dialogues, core_id)
dialogues = dialogues[dialogues["archived_at"].isna()]
labels = dv.choice_labels(dialogues)
back.page_link("pages/dialog.py", label="Till Dialoger", icon=":material/arrow_back:", query_params={"karna": core_id})
if not labels:
    url_state.show_warnings()
    st.title(names[core_id])
    st.info("Kärnan har ingen dialog ännu. Skapa den på sidan Dialoger.", icon=":material/forum:")
    st.page_link(
        "pages/dialog.py",
        label="Skapa en dialog på sidan Dialoger",
        icon=":material/add:",
        query_params={"karna": core_id},
    )
    st.stop()
dialogue_id = url_state.selectbox(
    "Dialog", list(labels), "dialog", format_func=labels.get, default=next(iter(labels), None), container=pick_dialogue
)
if "meeting_view" not in st.session_state:
    st.session_state["meeting_view"] = "oversikt"
view = pick_view.segmented_control(
    "Vy", list(meeting_view.VIEWS), format_func=meeting_view.VIEWS.get, key="meeting_view", required=True
)
url_state.show_warnings()

d = ds.draft(dialogue_id)
locked = d.decided or not ds.may_prepare()
st.title(f"{names[d.core_id]} · {d.period}")
bar = st.container(key="dialogue_bar") if not locked else None
ds.show_flash()
dialogue_conflict.conflict_panel(d)
if not d.priorities:
    st.info("Listan är tom. Lägg till insatser på sidan Dialoger.", icon=":material/playlist_add:")
    st.stop()
meeting_view.show(d, view, locked)
if locked:
    st.caption(
        "Beslutad dialog: visas utan redigering."
        if d.decided
        else "Visas utan redigering: du har inte rollen handläggare, eller appen körs i läsläge."
    )
else:
    save_bar.show(bar, d, key="meeting_save")
    ds.keep_draft(d)
