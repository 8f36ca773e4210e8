"""Mötesläge: the shortlist of one dialogue on a projector, edited in place during the talk."""
import streamlit as st

from components import dialogue_session as ds, dialogue_view as dv, meeting_view, url_state
from components.store import run
from queries.user_store import describe_changes, read_only_mode

st.html(meeting_view.MEETING_CSS)
ds.ensure_schema()
cores = run("cores_overview")
names = dict(zip(cores["id"], cores["name"]))
pick_core, pick_dialogue = st.columns(2)
core_id = url_state.selectbox("Kärna", list(names), "karna", format_func=names.get,
                              default=list(names)[0], container=pick_core, label_visibility="collapsed")
dialogues = ds.store().list_dialogues(core_id)
labels = dv.choice_labels(dialogues)
dialogue_id = url_state.selectbox("Dialog", list(labels), "dialog", format_func=labels.get,
                                  default=next(iter(labels), None), container=pick_dialogue,
                                  label_visibility="collapsed")
url_state.show_warnings()
if dialogue_id is None:
    st.title(names[core_id])
    st.info("Kärnan har ingen dialog ännu. Skapa den på sidan Dialoger.", icon=":material/forum:")
    st.stop()

d = ds.draft(dialogue_id)
locked = d.decided or read_only_mode()
st.title(f"{names[d.core_id]} · {d.period}")
ds.show_flash()
if not d.priorities:
    st.info("Listan är tom. Lägg till insatser på sidan Dialoger.")
    st.stop()
meeting_view.show(d, names[d.core_id], locked)
if locked:
    st.caption("Beslutad dialog: visas utan redigering." if d.decided else "Läsläge: inget kan ändras.")
else:
    dirty = bool(describe_changes(ds.store().load(d.id), d))
    if st.button("Spara", type="primary", icon=":material/save:", key="meeting_save", disabled=not dirty):
        ds.save(d)
        st.rerun()
    st.caption("Osparade ändringar." if dirty else f"Allt är sparat (version {d.version}).")
