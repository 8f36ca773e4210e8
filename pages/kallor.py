"""Källor: every source, what it is, and what was loaded from it."""
import streamlit as st

from components.sources_table import sources_table
from components.store import run

st.title("Källor")
st.markdown("Allt i databasen kommer från dessa källor. Varje insats, färdriktning och siffra bär sin "
            "källa och det avsnitt eller den rad den hämtats ur. Det som ingen källa anger visas som "
            "*uppgift saknas*.")
sources = run("sources_with_counts")
st.dataframe(sources_table(sources), hide_index=True, width="stretch", key="sources",
             column_config={"Inläst": st.column_config.TextColumn(width="large")})
info = run("build_info")
if len(info):
    st.caption(f"Databasen byggdes {info['built_at'].iloc[0]:%Y-%m-%d %H:%M} (UTC) från filerna i "
               "data/sources och data/curated. Kommunstatistiken kommer från SCB (öppna data, CC0) via "
               "de förråd som anges i data/sources/SOURCES.md.")
