"""Dialoger: prepare and record the two-yearly political talk for one core."""

import streamlit as st

from components.common import url_state
from components.common.format import plain
from components.common.store import run
from components.dialog import dialogue_conflict, save_bar
from components.dialog import dialogue_session as ds
from components.dialog import dialogue_view as dv

st.title("Dialoger")
st.markdown(
    "Förbered det politiska samtalet för en kärna: välj vilka insatser region och kommun ska "
    "kraftsamla kring under perioden, med formulering, driver och nästa steg. När samtalet är "
    "hållet beslutas listan och sparas med datum och deltagare."
)
ds.ensure_schema()

cores = run("cores_overview")
names = dict(zip(cores["id"], cores["name"]))
pick_core, pick_dialogue = st.columns(2)
core_id = url_state.selectbox(
    "Kärna", list(names), "karna", format_func=names.get, default=list(names)[0], container=pick_core
)
dialogues = ds.guarded(ds.store().list_dialogues, core_id)
if "pending_dialog" in st.session_state:  # a dialogue just created: select it
    st.session_state["dialog"] = st.session_state.pop("pending_dialog")
labels = dv.choice_labels(dialogues)
dialogue_id = url_state.selectbox(
    "Dialog",
    [None, *labels],
    "dialog",
    format_func=dv.choice_format(labels),
    placeholder="Välj dialog",
    container=pick_dialogue,
)
url_state.show_warnings()
ds.show_flash()
list_column, create_column = st.columns(2)
with list_column:
    dv.dialogue_list(dialogues)
if ds.may_prepare():
    with create_column:
        created = dv.create_form(core_id, dialogues)
    if created:
        st.session_state["pending_dialog"] = created
        st.rerun()

if dialogue_id is None:
    st.info(
        "Ingen dialog vald. " + ("Skapa en ny ovan." if dialogues.empty and ds.may_prepare() else "Välj en i listan."),
        icon=":material/forum:",
    )
    st.stop()

d = ds.draft(dialogue_id)
locked = d.decided or d.archived or not ds.may_prepare()
st.subheader(f"{names[d.core_id]} · {d.period}", anchor=False)
st.caption(
    f"Status: {'arkiverad' if d.archived else d.status} · version {d.version}"
    + (f" · beslutad {d.decided_at:%Y-%m-%d}" if d.decided_at else "")
)
bar = st.container(key="dialogue_bar") if not locked else None
dialogue_conflict.conflict_panel(d)
if d.decided:
    dv.decision_record(d)
if d.archived:
    dv.archived_panel(d)

shortlist, people, briefing, log = st.tabs(["Prioriteringar", "Deltagare och möte", "Underlag", "Ändringslogg"])
with shortlist:
    if not locked:
        dv.add_interventions(d, d.core_id)
    frame = ds.shortlist_frame(d)
    if frame.empty:
        st.info("Listan är tom. Lägg till insatser ovan.", icon=":material/playlist_add:")
    else:
        dv.balance_panel(frame)
        dv.shortlist_cards(d, frame, locked)
with people:
    if not locked:
        when, where, _ = st.columns([1, 2, 1])
        d.meeting_date = when.date_input(
            "Mötesdatum", value=d.meeting_date, format="YYYY-MM-DD", key=f"date:{d.id}:{d.version}"
        )
        d.meeting_place = where.text_input(
            "Mötesplats",
            value=d.meeting_place,
            max_chars=200,
            key=f"place:{d.id}:{d.version}",
            placeholder="t.ex. Södertälje stadshus",
        )
        d.notes = st.text_area("Anteckning", value=d.notes, max_chars=4000, key=f"notes:{d.id}:{d.version}")
    else:
        st.markdown(
            f"**Mötesdatum:** {d.meeting_date or 'uppgift saknas'}  \n"
            f"**Mötesplats:** {plain(d.meeting_place) if d.meeting_place else 'uppgift saknas'}"
        )
        if d.notes:
            st.text(d.notes)
    dv.participants_editor(d, locked)
with briefing:
    dv.export_panel(d)
with log:
    dv.change_log_panel(d)

if not d.decided and not d.archived:
    dv.decide_panel(d, ds.dirty(d))
if not locked:
    save_bar.show(bar, d)
    if dv.archive_panel(d):
        st.session_state["pending_dialog"] = None
        st.rerun()
    ds.keep_draft(d)
elif d.decided:
    new_id = dv.next_period_panel(d)
    if new_id:
        st.session_state["pending_dialog"] = new_id
        st.rerun()
