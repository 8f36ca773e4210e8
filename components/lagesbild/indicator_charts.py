"""Plotly figures for the lägesbild: one indicator's series, optionally as an index. No Streamlit here.

Lines never bridge a missing year (connectgaps=False on series where components.lagesbild.lagesbild_data
inserted an empty point); series too short to know their rhythm are drawn as points only.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.common.format import GOAL_AREA_COLOURS, is_missing
from components.lagesbild.indicator_text import figure
from components.lagesbild.lagesbild_data import COUNTY, gap_layout

# Okabe–Ito colours not used for the goal areas, then black for the county (always dashed).
SERIES_COLOURS = ["#D55E00", "#56B4E9", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#999999", "#F0E442"]
COUNTY_COLOUR = "#000000"
LAYOUT = {
    "separators": ", ",
    "font": {"family": "Source Sans Pro, sans-serif"},
    "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
    "hovermode": "x unified",
    "legend": {"orientation": "h", "yanchor": "top", "y": -0.1, "x": 0},
}


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
            out[name] = {
                "color": SERIES_COLOURS[i % len(SERIES_COLOURS)],
                "dash": "solid",
                "symbol": SYMBOLS[i % len(SYMBOLS)],
            }
            i += 1
    return out


def series_spec(
    frame: pd.DataFrame,
    title: str,
    unit: str,
    column: str = "value",
    target: float | None = None,
    goal_area_id=None,
    y_title: str | None = None,
) -> dict:
    """The figure as a plain Plotly dict: one line (or point set) per series over the years; a dashed
    target line when given. tests/test_page_lagesbild.py checks it against Plotly's validators."""
    values = frame[column].tolist()
    drawn = gap_layout(frame["series"].tolist(), frame["year"].tolist())  # as with_gaps(), without a frame
    look = styles([series for series, _, _ in drawn])
    data = []
    for series, mode, points in drawn:
        style = look[series]
        data.append(
            {
                "type": "scatter",
                "x": [int(year) for year, _ in points],
                "y": [None if i is None or is_missing(values[i]) else float(values[i]) for _, i in points],
                "name": series,
                "mode": mode,
                "connectgaps": False,
                "line": {"color": style["color"], "dash": style["dash"], "width": 2.5},
                "marker": {"color": style["color"], "size": 8, "symbol": style["symbol"]},
                "hovertemplate": f"%{{y:,.1f}}<extra>{series}</extra>"
                if column == "index"
                else f"%{{y:,}} {unit}<extra>{series}</extra>",
            }
        )
    layout = {
        "title": {"text": title},
        "height": 380,
        "yaxis": {"title": {"text": y_title or unit}},
        "xaxis": {"tickformat": "d"},
        **LAYOUT,
    }
    if target is not None:
        colour = "#555555" if is_missing(goal_area_id) else GOAL_AREA_COLOURS.get(int(goal_area_id), "#555555")
        layout["shapes"] = [
            {
                "type": "line",
                "xref": "x domain",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": target,
                "y1": target,
                "line": {"color": colour, "dash": "dot", "width": 2},
            }
        ]
        layout["annotations"] = [
            {
                "text": f"Delmål: {figure(target, unit)} {unit}",
                "showarrow": False,
                "xref": "x domain",
                "x": 0,
                "xanchor": "left",
                "yref": "y",
                "y": target,
                "yanchor": "bottom",
            }
        ]
    return {"data": data, "layout": layout}


def series_figure(
    frame: pd.DataFrame,
    title: str,
    unit: str,
    column: str = "value",
    target: float | None = None,
    goal_area_id=None,
    y_title: str | None = None,
) -> go.Figure:
    """series_spec() as a Figure, without Plotly's property validation: validating costs 10–20 ms per
    figure (a core's lägesbild draws 11 at 1×, 51 at 100×); the spec's validity is checked in the tests."""
    return go.Figure(series_spec(frame, title, unit, column, target, goal_area_id, y_title), _validate=False)


def index_title(title: str, base_year: int) -> str:
    return f"{title}, index ({base_year} = 100)"
