"""Plotly figures for the lägesbild: one indicator's series, optionally as an index. No Streamlit here.

Lines never bridge a missing year (connectgaps=False on series where components.lagesbild_data
inserted an empty point); series too short to know their rhythm are drawn as points only.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.format import GOAL_AREA_COLOURS, is_missing
from components.indicator_text import figure
from components.lagesbild_data import COUNTY, with_gaps

# Okabe–Ito colours not used for the goal areas, then black for the county (always dashed).
SERIES_COLOURS = ["#D55E00", "#56B4E9", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#999999", "#F0E442"]
COUNTY_COLOUR = "#000000"
LAYOUT = {"separators": ", ", "font": {"family": "Source Sans Pro, sans-serif"},
          "margin": {"l": 10, "r": 10, "t": 60, "b": 10}, "hovermode": "x unified",
          "legend": {"orientation": "h", "yanchor": "top", "y": -0.1, "x": 0}}


SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "triangle-down", "star", "cross"]


def styles(names: list[str]) -> dict[str, dict]:
    """Colour, dash and marker per series: the county as a black dashed reference when it is the one
    county series among places; otherwise Okabe–Ito colours, each with its own marker shape too."""
    county = [n for n in names if n.startswith(COUNTY)]
    reference = county[0] if len(county) == 1 and len(names) > 1 else None
    out, i = {}, 0
    for name in names:
        if name == reference:
            out[name] = {"color": COUNTY_COLOUR, "dash": "dash", "symbol": "circle"}
        else:
            out[name] = {"color": SERIES_COLOURS[i % len(SERIES_COLOURS)], "dash": "solid",
                         "symbol": SYMBOLS[i % len(SYMBOLS)]}
            i += 1
    return out


def series_figure(frame: pd.DataFrame, title: str, unit: str, column: str = "value",
                  target: float | None = None, goal_area_id=None, y_title: str | None = None) -> go.Figure:
    """One line (or point set) per series over the years; a dashed target line when given."""
    fig = go.Figure()
    drawn = with_gaps(frame[["series", "year", column]], column)
    look = styles(list(dict.fromkeys(drawn["series"])))
    for series, part in drawn.groupby("series", sort=False):
        style = look[series]
        fig.add_scatter(x=part["year"], y=part[column], name=series, mode=part["mode"].iloc[0],
                        connectgaps=False, line={"color": style["color"], "dash": style["dash"], "width": 2.5},
                        marker={"color": style["color"], "size": 8, "symbol": style["symbol"]},
                        hovertemplate=f"%{{y:,.1f}}<extra>{series}</extra>" if column == "index"
                        else f"%{{y:,}} {unit}<extra>{series}</extra>")
    if target is not None:
        colour = "#555555" if is_missing(goal_area_id) else GOAL_AREA_COLOURS.get(int(goal_area_id), "#555555")
        fig.add_hline(y=target, line={"color": colour, "dash": "dot", "width": 2},
                      annotation_text=f"Delmål: {figure(target, unit)} {unit}", annotation_position="top left")
    fig.update_layout(title=title, height=380, yaxis_title=y_title or unit, **LAYOUT)
    fig.update_xaxes(tickformat="d")
    return fig


def index_title(title: str, base_year: int) -> str:
    return f"{title}, index ({base_year} = 100)"
