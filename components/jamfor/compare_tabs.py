"""Jämför kärnor's tabs (?flik=…): the details behind «Kärnorna i korthet». Only the open tab is drawn; each
builds its own tables (cached per query results, so per choice of cores and build)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common import kommun_rank_view
from components.common.chart_alt import coverage_alt
from components.common.source_lines import insats_source_line
from components.common.store import run
from components.common.themes import THEMES
from components.jamfor import compare_data
from components.jamfor.compare_export import Frames
from components.lagesbild import region_section
from components.start.coverage_chart import coverage_figure

# the rows of the roadmaps' table that «Kärnorna i korthet» does not already show
MORE_ROWS = ["Färdriktningar", "RUFS-insatser som nämner kärnan", "Historiska aktiviteter"]
MORE_ROWS += ["Uppgifter om kärnan (indikatorvärden)"]


@st.cache_data(show_spinner=False, max_entries=64)
def _insatser_tables(coverage: pd.DataFrame, counts: pd.DataFrame, interventions: pd.DataFrame) -> tuple:
    roadmaps = compare_data.coverage_table(coverage)
    return (
        roadmaps[roadmaps["Uppgift"].isin(MORE_ROWS)].reset_index(drop=True),
        compare_data.goal_area_table(counts),
        compare_data.theme_counts(interventions, coverage),
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _theme_titles(interventions: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    return compare_data.theme_table(interventions, coverage)


@st.cache_data(show_spinner=False, max_entries=64)
def _actor_tables(roles: pd.DataFrame, coverage: pd.DataFrame) -> tuple:
    return compare_data.actor_summary(roles, coverage), compare_data.actor_matrix(roles, coverage)


@st.cache_data(show_spinner=False, max_entries=64)
def _indicator_tables(values: pd.DataFrame, coverage: pd.DataFrame) -> tuple:
    chosen = compare_data.chosen_values(values, coverage)  # shared by the three indicator tables
    return (
        compare_data.indicator_table(values, coverage, chosen),
        compare_data.quote_table(values, coverage, chosen),
        compare_data.indicator_long(values, coverage, chosen),
    )


def insatser(f: Frames) -> None:
    more, per_goal, themes = _insatser_tables(f.coverage, f.counts, f.interventions)
    st.subheader("Insatser per målområde", anchor=False)
    figure = coverage_figure(f.counts)
    figure.update_layout(
        height=260 + 60 * len(f.coverage),
        title="Färdplanernas insatser per målområde: gemensamma och kärnspecifika",
        legend={"orientation": "h", "yanchor": "top", "y": -0.32, "x": 0, "font": {"size": 12}, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    st.plotly_chart(
        figure,
        width="stretch",
        key="jamfor_diagram",
        config={"displaylogo": False, "locale": "sv"},
        alt=coverage_alt(f.counts),
    )
    st.table(per_goal, hide_index=True)
    sources = run("insats_sources")
    st.caption(
        "Tabellen har diagrammets siffror. Randiga delar: gemensamma insatser (samma för alla åtta kärnor); fyllda "
        "delar: kärnspecifika. " + insats_source_line(sources[sources["plan_order"] == 1])
    )

    st.subheader("Teman som de kärnspecifika insatserna delar", anchor=False)
    st.table(themes, hide_index=True)
    st.caption(
        f"Ett tema räknas när någon av temats nyckelord står i insatsens titel eller beskrivning "
        f"({len(THEMES)} teman, listan och orden finns i components/common/themes.py; skiftläge och å/ä/ö "
        "spelar ingen roll). Nyckelord kan också träffa en insats som bara nämner temat: läs titlarna."
    )
    titles = st.expander("Insatserna per tema (titlarna)", key="jf_teman", on_change="rerun")
    if titles.open:  # drawn only when opened
        with titles:
            st.table(_theme_titles(f.interventions, f.coverage), hide_index=True)
            st.caption("«–»: kärnan har kärnspecifika insatser men ingen om temat.")

    st.subheader("Mer om färdplanerna", anchor=False)
    st.table(more, hide_index=True)


def actors(f: Frames) -> None:
    summary, matrix = _actor_tables(f.roles, f.coverage)
    st.subheader("Aktörer", anchor=False)
    st.table(summary, hide_index=True)
    st.caption(
        "Räknat över kärnans färdplansinsatser (gemensamma och kärnspecifika). De gemensamma "
        "insatserna har samma aktörer i alla kärnor; det som skiljer kärnorna åt syns i de kärnspecifika."
    )
    if len(matrix):
        st.markdown(
            "**Aktörer i de kärnspecifika insatserna** (antal insatser där aktören är ansvarig respektive medverkande)"
        )
        st.table(matrix, hide_index=True)


def indicators(f: Frames) -> None:
    table, quotes, long = _indicator_tables(f.values, f.coverage)
    st.subheader("Indikatorer", anchor=False)
    st.markdown(
        "Alla indikatorer som någon källa anger för minst en av kärnorna. **kärna**: uppgiften avser "
        "kärnan själv. **kärnkommun: …**: ingen källa anger värdet för kärnan, så värdet för hela "
        "kärnkommunen visas. Senaste år i källan; *uppgift saknas* betyder att ingen källa anger "
        "värdet (det är inte noll)."
    )
    st.table(indicator_view(table), hide_index=True)
    st.caption(
        "Andelar visas med en decimal; Excel-filen har källans exakta värden. Kärnkommunens värde gäller "
        "hela kommunen, inte bara kärnan."
    )
    st.markdown(
        "**Kommunernas egna uppgifter om kärnorna** (citat). De avser områden som kommunerna själva "
        "avgränsar och är av olika typ (utfall, mål, plan, prognos), så de står var för sig och jämförs "
        "inte mellan kärnor."
    )
    st.table(quotes, hide_index=True)
    with st.expander("Alla värden med källans ordalydelse"):
        st.dataframe(long, hide_index=True, width="stretch", key="jamfor_varden")


def indicator_view(table: pd.DataFrame) -> pd.DataFrame:
    """The comparable indicators as shown: unit in the row label, without the municipalities' own quoted
    figures (shown apart, one value per row)."""
    shown = table[table["Slag"] != compare_data.QUOTE_KIND]
    shown = shown.assign(Indikator=shown["Indikator"] + " (" + shown["Enhet"] + ")")
    return shown.drop(columns=["Enhet", "Målområde", "Slag"]).reset_index(drop=True)


def municipalities(f: Frames) -> None:
    kommun_rank_view.show(f.ranks, compare_data.kommun_codes(f.coverage), key="jf_rang")


def region() -> None:
    st.markdown(
        region_section.INTRO + " Uppgifterna gäller hela länet och är desamma för alla kärnor: de visar "
        "sammanhanget som kärnorna jämförs i."
    )
    region_section.comparisons()
