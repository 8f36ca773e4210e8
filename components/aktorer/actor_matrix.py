"""Actors × cores: how many insatser each of the busiest actors has in each core, as a Plotly heatmap.

core_matrix and heatmap_figure are pure (tested directly); show() lays them out with a table alternative.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.aktorer.actor_filters import ActorFilter
from components.common.chart_alt import heatmap_alt
from components.common.format import number
from components.common.source_lines import insats_source_line
from components.common.store import run

TOP = 25
LABEL_CHARS = 28
COUNTING = (
    " En insats räknas för en kärna när den gäller kärnan: gemensamma insatser gäller alla åtta, "
    "RUFS-insatser och historiska aktiviteter bara kärnor som texten nämner. Roll: ansvarig eller medverkande."
)


def core_matrix(counts: pd.DataFrame) -> pd.DataFrame:
    """Long rows of actor_core_counts → actor name × core name; rows in rank order, cores in the query's order."""
    if counts.empty:
        return pd.DataFrame()
    matrix = counts.pivot(index="actor_name", columns="core_name", values="n")
    actors = counts.drop_duplicates("actor_name").sort_values("pos")["actor_name"]
    cores = counts["core_name"].drop_duplicates()
    matrix = matrix.loc[list(actors), list(cores)].astype(int)
    matrix.index.name, matrix.columns.name = "Aktör", None
    return matrix


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def _wrap(name: str, width: int = 11) -> str:
    """Break a core name at spaces and after hyphens so eight columns fit side by side."""
    words = re.findall(r"[^ -]+-?", name)
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += word if lines[-1].endswith("-") else " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def heatmap_figure(matrix: pd.DataFrame, title: str) -> go.Figure:
    """A colour-blind safe (single-hue, Blues) heatmap with counts in the cells and Swedish hover text."""
    actors, cores = list(matrix.index), list(matrix.columns)
    values = matrix.to_numpy()
    text = [[number(v) if v else "" for v in row] for row in values]
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=cores,
            y=actors,
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            zmin=0,
            xgap=2,
            ygap=2,
            hovertemplate="<b>%{y}</b><br>%{x}<br>Antal insatser: %{z}<extra></extra>",
            colorbar={
                "title": {"text": "antal insatser", "side": "top"},
                "orientation": "h",
                "thickness": 12,
                "len": 0.4,
                "x": 1,
                "xanchor": "right",
                "y": -0.01,
                "yanchor": "top",
            },
        )
    )
    fig.update_layout(
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "y": 0.99,
            "yref": "container",
            "yanchor": "top",
            "font": {"size": 17},
        },
        separators=", ",
        height=250 + 26 * len(actors),
        margin={"l": 10, "r": 10, "t": 150, "b": 70},
        font={"family": "Source Sans Pro, DejaVu Sans, sans-serif", "size": 12},
        plot_bgcolor="white",
        hoverlabel={"bgcolor": "white"},
    )
    fig.update_xaxes(
        title_text="Regional stadskärna",
        side="top",
        tickangle=0,
        automargin=True,
        tickmode="array",
        tickvals=cores,
        ticktext=[_wrap(c) for c in cores],
        tickfont={"size": 11},
    )
    fig.update_yaxes(
        title_text="Aktör",
        autorange="reversed",
        automargin=True,
        tickmode="array",
        tickvals=actors,
        ticktext=[_short(a) for a in actors],
    )
    return fig


def show(chosen: ActorFilter, exclude_shared: bool, key: str = "aktorer_karnor") -> None:
    counts = run("actor_core_counts", **chosen.actor_params(), exclude_shared=exclude_shared, top=TOP)
    matrix = core_matrix(counts)
    if matrix.empty:
        why = " utan de gemensamma insatserna" if exclude_shared else ""
        st.info(
            f"Ingen av aktörerna i urvalet har insatser{why} som gäller en enskild kärna, så det finns ingen "
            "matris att visa. "
            "RUFS-uppföljningens insatser och de historiska aktiviteterna gäller oftast hela regionen.",
            icon=":material/grid_off:",
        )
        return
    what = "kärnspecifika och kärnkopplade insatser" if exclude_shared else "insatser"
    title = (
        f"Antal {what} per aktör och kärna<br><span style='font-size:13px'>De {number(len(matrix))} "
        "aktörer med flest insatser som gäller någon kärna i urvalet</span>"
    )
    st.plotly_chart(
        heatmap_figure(matrix, title), width="stretch", key=key, config={"displaylogo": False}, alt=heatmap_alt(matrix)
    )
    st.caption(insats_source_line(run("insats_sources")) + COUNTING)
    with st.expander("Visa som tabell"):
        st.dataframe(matrix.reset_index(), hide_index=True, width="stretch", key=f"{key}_tabell")
