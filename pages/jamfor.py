"""Jämför kärnor: two to eight cores side by side — the answer first, the details in tabs kept in the URL."""

import streamlit as st

from components.common.store import run
from components.jamfor import compare_export, compare_tabs, compare_view

st.title("Jämför kärnor")
st.markdown(
    "Två till åtta kärnor sida vid sida, det viktigaste först och detaljerna i flikar. Valen sparas i adressen."
)

options = run("compare_core_options")
cores = compare_view.pick_cores(dict(zip(options["id"], options["name"])))

if len(cores) < 2:
    st.info(
        "Välj minst två kärnor att jämföra (högst åtta). Jämförelsen visas när två kärnor är valda.",
        icon=":material/compare_arrows:",
    )
else:
    frames = compare_export.fetch(run, cores)
    compare_view.summary(frames.coverage, frames.counts, frames.population)
    compare_view.download(cores)
    # one tab at a time, kept in the address (?flik=…); only the open tab runs
    tabs = dict(zip(compare_view.TABS, st.tabs(compare_view.TABS, key=compare_view.TAB_KEY, bind="query-params")))
    if tabs["Insatser"].open:
        with tabs["Insatser"]:
            compare_tabs.insatser(frames)
    if tabs["Aktörer"].open:
        with tabs["Aktörer"]:
            compare_tabs.actors(frames)
    if tabs["Indikatorer"].open:
        with tabs["Indikatorer"]:
            compare_tabs.indicators(frames)
    if tabs["Kommunerna"].open:
        with tabs["Kommunerna"]:
            compare_tabs.municipalities(frames)
    if tabs["Regionen"].open:
        with tabs["Regionen"]:
            compare_tabs.region()
