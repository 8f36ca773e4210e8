"""Jämför kärnor: the picker, «Kärnorna i korthet» (the answer first) and the Excel download. The tabs' details
are in compare_tabs; tables come from compare_data, summary_data and compare_export (no Streamlit there)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common import url_state
from components.common.format import plain
from components.common.store import run
from components.jamfor import compare_export, summary_data

DEFAULT_CORES = ["sodertalje", "flemingsberg"]
KEY = "karna"
TABS = ["Insatser", "Aktörer", "Indikatorer", "Kommunerna", "Regionen"]
TAB_KEY = "flik"  # ?flik=Insatser|Aktörer|Indikatorer|Kommunerna|Regionen; the first by default


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
def _summary(coverage: pd.DataFrame, counts: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    return summary_data.summary_table(coverage, counts, population)


def summary(coverage: pd.DataFrame, counts: pd.DataFrame, population: pd.DataFrame) -> None:
    st.subheader("Kärnorna i korthet", anchor=False)
    table, sources = summary_data.shown_and_sources(_summary(coverage, counts, population))
    st.table(table, hide_index=True)
    missing = coverage.loc[coverage["roadmap_status"] == "ingen", "name"].tolist()
    st.caption(
        plain(
            f"Folkmängd: hela kärnkommunen, senaste år i källan ({sources}). Gemensamma insatser: samma för alla "
            "åtta kärnor."
            + (f" {', '.join(missing)}: ingen färdplan inläst, så de kärnspecifika saknas ännu." if missing else "")
        )
    )


def download(cores: list[str]) -> None:
    chosen = list(cores)

    def data() -> bytes:  # built on a click from the cached queries: the button keeps the cores, not the tables
        return compare_export.workbook(compare_export.fetch(run, chosen))

    st.download_button(
        "Ladda ner jämförelsen (Excel)",
        data,
        file_name="jamforelse-karnor.xlsx",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="jamfor_excel",
        help="Alla flikarnas tabeller, regionens rankingar och den europeiska jämförelsen, ett blad per tabell.",
    )
