"""Lägesbild: one core's indicators per goal area — series, latest values, RUFS delmål, import of values."""

import streamlit as st

from components.common import kommun_rank_view
from components.common.store import run
from components.importera import indicator_import_view
from components.lagesbild import lagesbild_view, region_section

st.title("Lägesbild")
st.markdown(
    "Var står kärnan? Per målområde: kärnans egna uppgifter, kärnkommunernas statistik med länet som "
    "jämförelse och RUFS 2050:s delmål med utfall. Bara värden som en källa anger visas, med år och "
    "källa; det som saknas står som *uppgift saknas*. Valen sparas i adressen."
)

cores = run("compare_core_options")
goal_areas = {int(g["id"]): g["short_name"] for g in run("goal_areas").to_dict("records")}
core_id = lagesbild_view.filters(dict(zip(cores["id"], cores["name"])))
core = run("lagesbild_core", core=core_id).iloc[0].to_dict()

# one view at a time, kept in the address (?vy=…); only the open tab runs (a screen or two, not 24 000 px)
own, municipalities, region, intake = st.tabs(
    ["Kärnan", "Kommunerna", "Regionen", "Läs in värden"], key="vy", bind="query-params"
)
if own.open:
    with own:
        goal = lagesbild_view.goal_picker(goal_areas)  # one goal area at a time (?malomrade=1…4|ovriga)
        stamp = "|".join(str(v) for v in run("build_info").iloc[0])
        lagesbild_view.show(
            core, stamp, run("lagesbild_indicators"), run("lagesbild_values", core=core_id), goal_areas, goal
        )
if municipalities.open:
    with municipalities:
        kommun_rank_view.show(run("kommun_ranks"), core["municipality_codes"].split("|"), key="lb_rang")
if region.open:
    with region:
        region_section.show()
if intake.open:
    with intake:
        indicator_import_view.show()
