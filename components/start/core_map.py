"""A pydeck map of the cores: kommun outlines (kärnkommuner shaded), core points, station points.

No base map tiles are needed: the kommun outlines give the geography, so the map works offline.
"""

from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from components.common.geo import simplified_outline

STATUS_COLOURS = {"antagen": [0, 114, 178, 230], "utkast": [230, 159, 0, 230], "ingen": [110, 110, 110, 200]}


def outline_features(shapes: pd.DataFrame, highlight: set[str] | None = None) -> dict:
    """GeoJSON FeatureCollection of the kommuner; `core` marks the highlighted (or all core) kommuner."""
    features = []
    for rec in shapes.to_dict("records"):
        if not rec["geojson"]:
            continue
        marked = rec["code"] in highlight if highlight is not None else bool(rec["has_core"])
        features.append(
            {
                "type": "Feature",
                "geometry": simplified_outline(rec["geojson"]),  # lighter to send and draw; cached
                "properties": {
                    "name": rec["name"],
                    "core": marked,
                    "fill": [0, 114, 178, 40] if marked else [200, 200, 200, 25],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


# Where a core's label goes at the regional zoom, so that close cores' labels don't overlap (checked in
# the start page's screenshot). Default: centred above the point.
LABEL_SIDES = {
    "barkarby-jakobsberg": "left",
    "kista-sollentuna-haggvik": "below",
    "flemingsberg": "left",
    "sodertalje": "below",
    "haninge": "below",
}
LABEL_PLACEMENT = {  # side: (text anchor, alignment baseline, pixel offset)
    "above": ("middle", "bottom", [0, -20]),
    "below": ("middle", "top", [0, 16]),
    "left": ("end", "center", [-16, 0]),
    "right": ("start", "center", [16, 0]),
}


def core_points(cores: pd.DataFrame, label_sides: dict[str, str] | None = None) -> pd.DataFrame:
    points = cores.dropna(subset=["lat", "lon"]).copy()
    points["colour"] = points["roadmap_status"].map(STATUS_COLOURS)
    points["label"] = points["name"]
    sides = [(label_sides or {}).get(i, "above") for i in points["id"]]
    points["anchor"], points["baseline"], points["offset"] = (
        zip(*(LABEL_PLACEMENT[s] for s in sides)) if sides else ([], [], [])
    )
    return points[["id", "name", "label", "lat", "lon", "colour", "status_text", "anchor", "baseline", "offset"]]


def deck(
    cores: pd.DataFrame,
    shapes: pd.DataFrame,
    stations: pd.DataFrame | None = None,
    highlight: set[str] | None = None,
    zoom: float = 8.0,
) -> pdk.Deck:
    points = core_points(cores, LABEL_SIDES if len(cores) > 1 else None)
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            outline_features(shapes, highlight),
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=[90, 90, 90, 160],
            line_width_min_pixels=1,
            pickable=False,
        ),
    ]
    if stations is not None and len(stations):
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                stations,
                get_position=["lon", "lat"],
                get_fill_color=[20, 20, 20, 220],
                get_radius=120,
                radius_min_pixels=3,
                pickable=True,
            )
        )
    layers += [
        pdk.Layer(
            "ScatterplotLayer",
            points,
            get_position=["lon", "lat"],
            get_fill_color="colour",
            get_radius=1400,
            radius_min_pixels=7,
            stroked=True,
            get_line_color=[255, 255, 255],
            line_width_min_pixels=2,
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            points,
            get_position=["lon", "lat"],
            get_text="label",
            get_size=14,
            get_color=[20, 20, 20],
            get_pixel_offset="offset",
            # a quoted string stays a literal in pydeck (unquoted strings become accessors)
            character_set='"' + "".join(sorted(set("".join(points["label"])) | set(" -"))) + '"',
            font_family='"Source Sans Pro, DejaVu Sans, sans-serif"',
            get_text_anchor="anchor",
            get_alignment_baseline="baseline",
            background=True,
            get_background_color=[255, 255, 255, 215],
            background_padding=[4, 2],
        ),
    ]
    view = pdk.ViewState(latitude=float(points["lat"].mean()), longitude=float(points["lon"].mean()), zoom=zoom)
    return pdk.Deck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        map_style=None,
        tooltip={"text": "{name}\n{status_text}"},
    )


def show(
    cores: pd.DataFrame,
    shapes: pd.DataFrame,
    stations: pd.DataFrame | None = None,
    highlight: set[str] | None = None,
    zoom: float = 8.0,
    height: int = 560,
    key: str | None = None,
    alt: str | None = None,
):
    st.pydeck_chart(deck(cores, shapes, stations, highlight, zoom), height=height, key=key, alt=alt)
