"""Kärnprofil: the roadmap's own texts on roles and responsibilities and on how it is carried out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common.format import plain

FIELDS = [("roller_och_ansvar", "Roller och ansvar"), ("genomforande", "Genomförande")]


def show(texts: pd.DataFrame) -> None:
    st.subheader("Roller, ansvar och genomförande enligt färdplanen", anchor=False)
    if texts.empty:
        st.info(
            "Färdplanens texter om roller och genomförande är inte inlästa för den här kärnan.",
            icon=":material/info:",
        )
        return
    for field, label in FIELDS:
        rows = texts[texts["field"] == field]
        if rows.empty:
            st.caption(f"{label}: uppgift saknas (färdplanen har inget sådant avsnitt inläst).")
            continue
        with st.expander(label):
            for rec in rows.to_dict("records"):
                st.markdown(f"**{plain(rec['heading'])}**")
                st.markdown("\n\n".join(plain(p) for p in rec["text"].split("\n\n")))
                st.caption(
                    plain(f"Källa: {rec['source_title']} ({int(rec['source_year'])}), avsnitt {rec['source_section']}.")
                )
