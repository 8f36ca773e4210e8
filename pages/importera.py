"""Läs in färdplan: download the template, upload it filled in, see problems or the preview, confirm; versions."""

import streamlit as st

from components.importera import roadmap_import_view as view
from components.importera import statistics_fetch_view

st.title("Läs in färdplan")
st.markdown(
    "När en kärnas färdplan publiceras läses den in här, utan att någon behöver ändra i koden: fyll i "
    "mallen, ladda upp den, granska vad som ändras och bekräfta. Filen kontrolleras först; ett fel "
    "anges med flik, rad och kolumn, och en fil med fel ändrar ingenting."
)
with st.expander("Hjälp: så fungerar inläsningen"):
    st.markdown(view.HELP)

view.show_sections()
statistics_fetch_view.show()
