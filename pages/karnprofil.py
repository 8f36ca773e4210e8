"""Kärnprofil: one core's description, färdriktningar and insatser per goal area, figures and map."""

import streamlit as st

from components.common import url_state
from components.common.downloads import table_downloads
from components.common.store import run
from components.history import history_view
from components.karnprofil import profile_cards, profile_map, profile_sections, roadmap_texts_view
from components.karnprofil.profile_data import directions_by_goal, download_sources, download_table, has_roadmap

cores = run("profile_cores")
names = dict(zip(cores["id"], cores["name"]))
core_id = url_state.selectbox(
    "Kärna", list(names), "karna", format_func=names.get, default=cores["id"].iloc[0], container=st.columns([1, 2])[0]
)
url_state.show_warnings()

core = run("profile_core", core=core_id).iloc[0].to_dict()
interventions = run("profile_interventions", core=core_id)
directions = directions_by_goal(run("profile_directions", core=core_id))

profile_sections.header(core)
profile_sections.not_loaded(core)

# the answer first: per goal area the färdriktning and the insatser by title; the cards, the character text,
# the map and the history on request (each expander below is drawn only when opened)
st.header("Färdriktningar och insatser per målområde", anchor=False)
profile_cards.goal_area_style()
for goal in run("goal_areas").to_dict("records"):
    profile_cards.goal_area_section(goal, directions.get(int(goal["id"])), interventions, has_roadmap(core))

# kept in the address (?om=true), so a link can open the profile with its map
about = st.expander("Om kärnan: karaktär, karta och folkmängd", key="om", on_change="rerun", bind="query-params")
if about.open:
    with about:
        left, right = st.columns([3, 2], gap="large")
        with left:
            profile_sections.description(core)
        with right:
            profile_map.show(core, run("municipality_shapes"), run("profile_stations", core=core_id))
            profile_sections.population(run("profile_population", core=core_id))

roadmap_texts_view.show(run("profile_roadmap_texts", core=core_id))

st.subheader("Fler insatser som rör kärnan", anchor=False)
profile_cards.other_plans(interventions)

st.subheader("Så arbetade man förr", anchor=False)
history_view.show(
    run("history_facts", core=core_id),
    "profil-historik",
    "Vad de äldre planerna säger om hur arbetet var organiserat, hur ofta man möttes, hur det finansierades "
    "och vad man siktade mot, med källans egna ord och avsnitt.",
)

profile_sections.figures(run("profile_figures", core=core_id))

st.subheader("Ladda ner kärnans insatser", anchor=False)
table_downloads(
    download_table(interventions),
    f"insatser-{core_id}",
    f"Insatser för {core['name']}",
    f"kärna: {core['name']}",
    download_sources(interventions),
    key="profil_insatser",
)
