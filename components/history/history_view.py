"""«Så arbetade man förr»: the older plans' organisation, meetings, financing and aims, each with its section."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common.format import plain
from components.history.history_data import plans, theme_tables

COLUMNS = {
    "Tal": st.column_config.TextColumn(width="medium"),
    "Källans ord": st.column_config.TextColumn(width="large"),
    "Avsnitt": st.column_config.TextColumn(width="medium"),
    "Anmärkning": st.column_config.TextColumn(width="medium"),
}


def show(facts: pd.DataFrame, key: str, intro: str) -> None:
    """One expander per plan with a table per theme (vision, figures, organisation, meetings, money, rules)."""
    st.markdown(intro)
    if facts.empty:
        st.info("Inga äldre planer i källorna rör den här kärnan.", icon=":material/info:")
        return
    for n, (title, basis, rows) in enumerate(plans(facts)):
        label = f"{title} ({len(rows)} uppgifter)"
        with st.expander(plain(label)):
            if basis:
                st.caption(plain(f"Visas här eftersom: {basis}."))
            for m, (heading, table) in enumerate(theme_tables(rows)):
                st.markdown(f"**{plain(heading)}**")
                st.dataframe(table, hide_index=True, width="stretch", key=f"{key}-{n}-{m}", column_config=COLUMNS)
            st.caption(
                plain(
                    f"Källa: {title}. Texten är källans egen (OCR-fel rättade där källan är inskannad); "
                    "tal anges som källan skriver dem, med källans ordval och enhet. Det som källan inte anger "
                    "är tomt."
                )
            )
