"""Läs in färdplan: download the template, upload it filled in, see problems or the preview, confirm; versions."""
import streamlit as st

from components import auth, roadmap_import_view as view
from data.paths import curated_dir, read_only_mode
from queries.permissions import IMPORT

st.title("Läs in färdplan")
st.markdown("När en kärnas färdplan publiceras läses den in här, utan att någon behöver ändra i koden: fyll i "
            "mallen, ladda upp den, granska vad som ändras och bekräfta. Filen kontrolleras först; ett fel "
            "anges med flik, rad och kolumn, och en fil med fel ändrar ingenting.")
with st.expander("Hjälp: så fungerar inläsningen"):
    st.markdown(view.HELP)

curated = curated_dir()
view.template_section(curated)
if read_only_mode():
    st.info("Inläsning är avstängd: appen körs i läsläge. Mallen kan laddas ned, men ingen färdplan kan läsas "
            "in eller återställas här.", icon=":material/lock:")
elif not auth.current_person().may(IMPORT):
    st.info("Att läsa in eller återställa en färdplan kräver rollen administratör. Mallen kan laddas ned.",
            icon=":material/lock:")
else:
    view.upload_section(curated)
    view.versions_section(curated)
