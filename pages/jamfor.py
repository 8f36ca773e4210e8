"""Jämför kärnor: two to eight cores side by side — roadmaps, insatser, themes, actors and indicators."""

import streamlit as st

from components.common import kommun_rank_view
from components.common.store import run
from components.jamfor import compare_data, compare_view

st.title("Jämför kärnor")
st.markdown(
    "Välj två till åtta kärnor och jämför dem sida vid sida: hur mycket av färdplanen som är inläst, "
    "insatserna per målområde, vilka teman de kärnspecifika insatserna delar, aktörerna och alla "
    "indikatorer som finns för kärnorna. Valet sparas i adressen, så en länk visar samma jämförelse."
)

options = run("compare_core_options")
cores = compare_view.pick_cores(dict(zip(options["id"], options["name"])))

if len(cores) < 2:
    st.info(
        "Välj minst två kärnor att jämföra (högst åtta). Jämförelsen visas när två kärnor är valda.",
        icon=":material/compare_arrows:",
    )
else:
    coverage = compare_data.chosen_coverage(run("cores_overview"), cores)
    tables = compare_view.show_comparison(
        coverage,
        counts=run("insatser_per_core_goal_area", cores=cores),
        interventions=run("compare_core_interventions", cores=cores),
        roles=run("compare_actor_roles", cores=cores),
        values=run("compare_indicator_values", cores=cores),
    )
    compare_view.download(tables, coverage)
    kommun_rank_view.show(run("kommun_ranks"), compare_data.kommun_codes(coverage), key="jf_rang")
