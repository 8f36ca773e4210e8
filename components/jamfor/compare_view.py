"""Jämför kärnor: the page's sections. Tables come from components.jamfor.compare_data (no Streamlit there)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common import url_state
from components.common.chart_alt import coverage_alt
from components.common.source_lines import insats_source_line
from components.common.store import run
from components.common.themes import THEMES
from components.jamfor import compare_data
from components.start.coverage_chart import coverage_figure

DEFAULT_CORES = ["sodertalje", "flemingsberg"]
KEY = "karna"
SOURCES = (
    "Färdplaner (Region Stockholm: Södertälje 2026, Flemingsberg utkast 2025), Uppföljning av RUFS "
    "2050 (2020), SCB:s kommunstatistik (folkmängd, utbildningsnivå, skattekraft), kommunernas och "
    "rufs.se:s publicerade uppgifter (citat), värden inlästa av tjänstepersoner; se sidan Källor"
)


def pick_cores(names: dict[str, str]) -> list[str]:
    """The chosen cores (URL parameter karna, repeatable); Södertälje and Flemingsberg by default."""
    current = st.session_state.get(KEY)
    if current is not None and not (isinstance(current, list) and all(c in names for c in current)):
        del st.session_state[KEY]  # another page's single-core choice under the same key
    if KEY not in st.session_state and not st.query_params.get_all(KEY):
        st.session_state[KEY] = [c for c in DEFAULT_CORES if c in names]
    chosen = url_state.multiselect(
        "Kärnor att jämföra",
        list(names),
        KEY,
        format_func=names.get,
        max_selections=8,
        placeholder="Välj två till åtta kärnor",
    )
    url_state.show_warnings()
    return chosen


@st.cache_data(show_spinner=False, max_entries=64)
def comparison_tables(
    coverage: pd.DataFrame, counts: pd.DataFrame, interventions: pd.DataFrame, roles: pd.DataFrame, values: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """The comparison's tables (cached per query results, so per choice of cores and build)."""
    chosen = compare_data.chosen_values(values, coverage)  # shared by the three indicator tables
    return {
        "Färdplaner": compare_data.coverage_table(coverage),
        "Insatser per målområde": compare_data.goal_area_table(counts),
        "Teman": compare_data.theme_table(interventions, coverage),
        "Aktörer": compare_data.actor_summary(roles, coverage),
        "Aktörer i kärnspecifika": compare_data.actor_matrix(roles, coverage),
        "Indikatorer": compare_data.indicator_table(values, coverage, chosen),
        "Kommunernas uppgifter": compare_data.quote_table(values, coverage, chosen),
        "Indikatorvärden": compare_data.indicator_long(values, coverage, chosen),
    }


def show_comparison(
    coverage: pd.DataFrame, counts: pd.DataFrame, interventions: pd.DataFrame, roles: pd.DataFrame, values: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Every section of the comparison; returns its tables (for the Excel download)."""
    names = list(coverage["name"])
    tables = comparison_tables(coverage, counts, interventions, roles, values)

    st.subheader("Färdplanerna", anchor=False)
    st.table(tables["Färdplaner"], hide_index=True)
    missing = coverage.loc[coverage["roadmap_status"] == "ingen", "name"].tolist()
    if missing:
        st.caption(
            f"{', '.join(missing)}: ingen färdplan inläst, så bara de gemensamma insatserna finns. "
            "De kärnspecifika läses in när kärnans färdplan publiceras."
        )

    st.subheader("Insatser per målområde", anchor=False)
    figure = coverage_figure(counts)
    figure.update_layout(
        height=260 + 60 * len(names),
        title="Färdplanernas insatser per målområde: gemensamma och kärnspecifika",
        legend={"orientation": "h", "yanchor": "top", "y": -0.32, "x": 0, "font": {"size": 12}, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    st.plotly_chart(
        figure,
        width="stretch",
        key="jamfor_diagram",
        config={"displaylogo": False, "locale": "sv"},
        alt=coverage_alt(counts),
    )
    sources = run("insats_sources")
    st.caption(
        insats_source_line(sources[sources["plan_order"] == 1])
        + " Randiga delar: gemensamma insatser (samma för alla åtta kärnor); fyllda delar: kärnspecifika."
    )
    with st.expander("Visa som tabell"):
        st.table(tables["Insatser per målområde"], hide_index=True)

    st.subheader("Teman som de kärnspecifika insatserna delar", anchor=False)
    st.table(tables["Teman"], hide_index=True)
    st.caption(
        f"Ett tema räknas när någon av temats nyckelord står i insatsens titel eller beskrivning "
        f"({len(THEMES)} teman, listan och orden finns i components/common/themes.py; skiftläge och å/ä/ö "
        "spelar ingen roll). Nyckelord kan också träffa en insats som bara nämner temat: läs titlarna. "
        "«–»: kärnan har kärnspecifika insatser men ingen om temat."
    )

    st.subheader("Aktörer", anchor=False)
    st.table(tables["Aktörer"], hide_index=True)
    st.caption(
        "Räknat över kärnans färdplansinsatser (gemensamma och kärnspecifika). De gemensamma "
        "insatserna har samma aktörer i alla kärnor; det som skiljer kärnorna åt syns i de kärnspecifika."
    )
    if len(tables["Aktörer i kärnspecifika"]):
        st.markdown(
            "**Aktörer i de kärnspecifika insatserna** (antal insatser där aktören är ansvarig respektive medverkande)"
        )
        st.table(tables["Aktörer i kärnspecifika"], hide_index=True)

    st.subheader("Indikatorer", anchor=False)
    st.markdown(
        "Alla indikatorer som någon källa anger för minst en av kärnorna. **kärna**: uppgiften avser "
        "kärnan själv. **kärnkommun: …**: ingen källa anger värdet för kärnan, så värdet för hela "
        "kärnkommunen visas. Senaste år i källan; *uppgift saknas* betyder att ingen källa anger "
        "värdet (det är inte noll)."
    )
    statistics = indicator_view(tables["Indikatorer"])
    st.table(statistics, hide_index=True)
    st.caption(
        "Andelar visas med en decimal; Excel-filen har källans exakta värden. Kärnkommunens värde gäller "
        "hela kommunen, inte bara kärnan."
    )
    st.markdown(
        "**Kommunernas egna uppgifter om kärnorna** (citat). De avser områden som kommunerna själva "
        "avgränsar och är av olika typ (utfall, mål, plan, prognos), så de står var för sig och jämförs "
        "inte mellan kärnor."
    )
    st.table(tables["Kommunernas uppgifter"], hide_index=True)
    with st.expander("Alla värden med källans ordalydelse"):
        st.dataframe(tables["Indikatorvärden"], hide_index=True, width="stretch", key="jamfor_varden")
    return tables


def indicator_view(table: pd.DataFrame) -> pd.DataFrame:
    """The comparable indicators as shown: unit in the row label, without the municipalities' own quoted
    figures (shown apart, one value per row)."""
    shown = table[table["Slag"] != compare_data.QUOTE_KIND]
    shown = shown.assign(Indikator=shown["Indikator"] + " (" + shown["Enhet"] + ")")
    return shown.drop(columns=["Enhet", "Målområde", "Slag"]).reset_index(drop=True)


def download(tables: dict[str, pd.DataFrame], coverage: pd.DataFrame) -> None:
    names = ", ".join(coverage["name"])

    def data() -> bytes:  # built when the button is clicked, not on every run of the page
        return compare_data.workbook_bytes(tables, "Jämförelse av regionala stadskärnor", f"kärnor: {names}", SOURCES)

    st.download_button(
        "Ladda ner jämförelsen (Excel)",
        data,
        file_name="jamforelse-karnor.xlsx",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="jamfor_excel",
    )
