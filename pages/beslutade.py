"""Beslutade prioriteringar: the decided dialogues of every core, for anyone to read (drafts never show)."""

import streamlit as st

from components.beslutade import decided_view
from components.common import url_state
from components.common.store import run

st.title("Beslutade prioriteringar")
st.markdown(
    "Vad region och kommun har kommit överens om att kraftsamla kring, per kärna och period: de "
    "beslutade prioriteringarna med formulering, driver och läget nu, och vem som bekräftade beslutet. "
    "Utkast visas aldrig här."
)
cores = run("cores_overview")
names = dict(zip(cores["id"], cores["name"]))
chosen = url_state.multiselect("Kärnor", list(names), "karna", format_func=names.get, placeholder="Alla kärnor")
url_state.show_warnings()
decided = decided_view.decided_dialogues(chosen or list(names))
if decided.empty:
    st.info(
        "Inga beslutade prioriteringar ännu för " + ("de valda kärnorna." if chosen else "någon kärna."),
        icon=":material/gavel:",
    )
    st.stop()
for rec in decided.to_dict("records"):
    decided_view.show_dialogue(rec["id"], names.get(rec["core_id"], rec["core_id"]))
