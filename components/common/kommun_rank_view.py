"""Compare like Kolada, for Lägesbild and Jämför kärnor: the kärnkommuner's places among the county's 26
kommuner in every kommun series (a table), and one measure for all 26 as a chart with the same figures as a
table beside it. Shaping is in kommun_rank_data (no Streamlit)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.common import kommun_rank_data as kr
from components.common.format import plain

MARKDOWN_ROWS = 40
CHART_CONFIG = {"displaylogo": False, "locale": "sv", "displayModeBar": False}
SHOWN = ["Mått", "Kommun", "Värde (år)", "Plats", "Tredjedel", "Utveckling", "Länet", "Mot länet"]
INTRO = (
    "Som i Kolada: var kärnkommunerna ligger bland länets 26 kommuner, det senaste år som alla kommuner har ett "
    "värde. Plats 1 är det högsta värdet, eller det bästa där indikatorns källa anger om högt eller lågt är bättre; "
    "annars står riktningen som *bedöms inte*. Tredjedelen står i text och som färg i diagrammet. Utvecklingen "
    "gäller de senaste fem åren jämfört med länets. Placering och utveckling är appens egna beräkningar på "
    "källornas värden."
)


def _markdown(table: pd.DataFrame) -> str:
    head = "| " + " | ".join(plain(str(c)) for c in table.columns) + " |"
    rule = "|" + "---|" * len(table.columns)
    body = ["| " + " | ".join(plain(str(v)) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """The standing table with short headers (it fits the page at 1280 px)."""
    return table.assign(
        **{
            "Värde (år)": table["Värde"] + " (" + table["År"].astype(str) + ")",
            "Länet": table["Länets utveckling"],
            "Mot länet": table["Jämfört med länet"],
            "Plats": table["Plats"].str.removeprefix("plats "),
        }
    )[SHOWN]


def figure(full: pd.DataFrame, name: str, unit: str) -> dict:
    """A horizontal bar per kommun by place, coloured by third; kärnkommuner marked ◆ in their label."""
    labels = [f"{k} ◆" if core else k for k, core in zip(full["Kommun"], full["Kärnkommun"])]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": full["value"].to_list(),
                "y": labels,
                "marker": {"color": full["colour"].to_list()},
                "customdata": full["Tredjedel"].to_list(),
                "hovertemplate": "%{y}: %{x} (%{customdata})<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": f"{name}, {int(full['year'].iloc[0])}"},
            "yaxis": {"autorange": "reversed", "tickfont": {"size": 11}},
            "xaxis": {"title": {"text": unit}, "separatethousands": True},
            "height": 620,
            "margin": {"l": 140, "r": 20, "t": 50, "b": 50},
            "separators": ", ",
        },
    }


def alt_text(full: pd.DataFrame, name: str) -> str:
    cores = [
        f"{k} plats {p} ({t})"
        for k, p, t, c in full[["Kommun", "Plats", "Tredjedel", "Kärnkommun"]].itertuples(index=False)
        if c
    ]
    return (
        f"Liggande staplar: {name} {int(full['year'].iloc[0])} för länets {len(full)} kommuner, ordnade efter plats. "
        + ("Kärnkommunerna: " + "; ".join(cores) + "." if cores else "")
        + " Samma uppgifter står i tabellen bredvid."
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _standing(ranks: pd.DataFrame, codes: tuple[str, ...]) -> pd.DataFrame:
    return kr.standing(ranks, list(codes))


@st.cache_data(show_spinner=False, max_entries=256)
def _county_table(ranks: pd.DataFrame, indicator_id: str, codes: tuple[str, ...]) -> pd.DataFrame:
    return kr.county_table(ranks, indicator_id, list(codes))


def show(
    ranks: pd.DataFrame, codes: list[str], key: str, heading: str = "Kärnkommunerna bland länets kommuner"
) -> None:
    st.subheader(heading, anchor=False)
    st.markdown(INTRO)
    table = _standing(ranks, tuple(codes))
    if table.empty:
        st.info(
            "Ingen kommunserie har värden för kärnkommunerna; det finns inget att rangordna.", icon=":material/info:"
        )
        return
    if len(table) <= MARKDOWN_ROWS:  # wraps instead of scrolling sideways, and screen readers read it
        st.markdown(_markdown(_shown(table)))
    else:
        st.dataframe(
            _shown(table),
            hide_index=True,
            width="stretch",
            key=f"{key}_placeringar",
        )
    measures = dict(zip(table["indicator_id"], table["Mått"]))
    chosen = st.selectbox(
        "Mått att visa för alla 26 kommuner", list(measures), format_func=measures.get, key=f"{key}_matt"
    )
    full = _county_table(ranks, chosen, tuple(codes))
    first = ranks[ranks["indicator_id"] == chosen].iloc[0]
    left, right = st.columns([1, 1])
    with left:
        st.plotly_chart(
            figure(full, first["name"], first["unit"]),
            width="stretch",
            key=f"{key}_diagram",
            config=CHART_CONFIG,
            alt=alt_text(full, first["name"]),
        )
    with right:
        marked = full.assign(Kommun=[f"{k} ◆" if c else k for k, c in zip(full["Kommun"], full["Kärnkommun"])])
        st.markdown(_markdown(marked[["Plats", "Kommun", "Värde", "Tredjedel"]]))
    st.caption(
        plain(
            f"{first['name']} ({first['unit']}): {first['definition'] or 'ingen definition angiven'} "
            f"Riktning: {kr.direction(first['higher_is_better'])}. Källa: {first['source_title']}. "
            "◆ = kärnkommun."
        )
    )
