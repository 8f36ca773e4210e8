"""Regional översikt: all eight cores at once — dialogues, decided priorities, who drives what, resources."""

import streamlit as st

from components.common.store import run
from components.dialog import dialogue_session as ds
from components.oversikt import budget_view, overview_data, overview_view
from components.uppfoljning import followup_view

st.title("Regional översikt")
st.markdown(
    "Alla åtta regionala stadskärnor på ett ställe, som underlag för det regionala forumet: vilka "
    "dialoger som är beslutade per period, de beslutade prioriteringarna sida vid sida per målområde, "
    "vem som driver och medverkar var, och de resurser som förts in per finansiär och budgetår. Allt "
    "är uppgifter som förts in i verktyget; det som saknas står tomt, aldrig som noll."
)
ds.ensure_schema()
overview_view.show(ds.guarded(overview_data.collect_overview, ds.store(), followup_view.fstore(), run))

budget_view.section()
