"""Insatser per core and goal area: a stacked bar chart and its table alternative. No Streamlit here."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.common.format import GOAL_AREA_COLOURS


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def coverage_matrix(counts: pd.DataFrame) -> pd.DataFrame:
    """One row per core, one column per goal area: '3 gemensamma + 1 kärnspecifik' as text."""
    cells = counts.assign(
        cell=[
            f"{_count(s, 'gemensam', 'gemensamma')} + {_count(c, 'kärnspecifik', 'kärnspecifika')}"
            for s, c in zip(counts["shared"], counts["core_specific"])
        ],
        column=counts["goal_area_id"].astype(str) + " " + counts["goal_area"],
    )
    table = cells.pivot(index="core_name", columns="column", values="cell")
    table = table.reindex(list(dict.fromkeys(counts["core_name"])))
    return table.reset_index().rename(columns={"core_name": "Kärna"})


def coverage_figure(counts: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    cores = list(dict.fromkeys(counts["core_name"]))[::-1]
    for goal_id, part in counts.groupby("goal_area_id", sort=True):
        part = part.set_index("core_name").reindex(cores)
        colour, name = GOAL_AREA_COLOURS[int(goal_id)], f"{goal_id} {part['goal_area'].iloc[0]}"
        for column, label, pattern, opacity in [
            ("core_specific", "kärnspecifika", "", 1.0),
            ("shared", "gemensamma", "/", 0.55),
        ]:
            fig.add_bar(
                y=cores,
                x=part[column],
                orientation="h",
                name=f"{name}: {label}",
                legendgroup=name,
                marker={"color": colour, "opacity": opacity, "pattern": {"shape": pattern}},
                hovertemplate=f"%{{y}}<br>{name}<br>{label}: %{{x}} insatser<extra></extra>",
            )
    fig.update_layout(
        barmode="stack",
        height=420,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        title="Färdplanernas insatser per kärna och målområde",
        xaxis_title="Antal insatser",
        legend={"font": {"size": 11}},
        separators=", ",
        font={"family": "Source Sans Pro, sans-serif"},
    )
    return fig
