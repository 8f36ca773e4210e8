"""Lägesbild's Regionen section: the RUFS follow-up's rankings and European comparison as tables and chart
data, and a delmål's trend and quoted text. No Streamlit here; missing stays "uppgift saknas"."""

from __future__ import annotations

import pandas as pd

from components.common.format import MISSING, is_missing, plain

SOURCE = "Uppföljning av RUFS 2050 (2020), Region Stockholm"
N_REGIONS = 11  # Stockholm and the ten regions the report names


def _text(value) -> str:
    return MISSING if is_missing(value) else str(value)


def _int(value) -> str:
    return MISSING if is_missing(value) else str(int(value))


def ranking_table(rankings: pd.DataFrame) -> pd.DataFrame:
    """One row per index: the position as the figure writes it, the year and the footnote naming it."""
    return pd.DataFrame(
        {
            "Ranking eller index": rankings["index_name"],
            "Stockholmsregionens placering": rankings["position"].map(_int),
            "Antal i rankingen": rankings["out_of"].map(_int),
            "Som det står i källan": rankings["position_text"],
            "År": rankings["year"].map(_int),
            "Källans fotnot": rankings["year_text"].map(_text),
            "Anmärkning": rankings["note"].map(lambda v: "" if is_missing(v) else v),
        }
    )


def ranking_chart(rankings: pd.DataFrame) -> dict:
    """Bars of the position (1 = best) per index, each labelled «N av M»; nothing is recomputed."""
    order = rankings.iloc[::-1]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [int(v) for v in order["position"]],
                "y": list(order["index_name"]),
                "text": [f"{int(p)} av {int(n)}" for p, n in zip(order["position"], order["out_of"])],
                "textposition": "outside",
                "cliponaxis": False,
                "marker": {"color": "#0072B2"},
                "hovertemplate": "%{y}: plats %{text}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": "Placering i internationella rankingar (1 = bäst)"},
            "xaxis": {"title": {"text": "Placering"}, "range": [0, 1.2 * float(rankings["position"].max())]},
            "yaxis": {"automargin": True},
            "margin": {"l": 10, "r": 70, "t": 50, "b": 40},
            "height": 440,
            "separators": ", ",
        },
    }


def ranking_alt(rankings: pd.DataFrame) -> str:
    parts = [f"{r['index_name']} plats {r['position_text']}" for r in rankings.to_dict("records")]
    return f"Liggande staplar, Stockholmsregionens placering i {len(parts)} rankingar: " + "; ".join(parts) + "."


def others_text(comparison_id: str, others: pd.DataFrame) -> str:
    mine = others[others["comparison_id"] == comparison_id]
    if mine.empty:
        return "anges inte i texten"
    return "; ".join(f"{r['region']}: {r['value_text']} ({r['year']})" for r in mine.to_dict("records"))


def europe_table(comparison: pd.DataFrame, others: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Mål": comparison["goal_as_written"].str.removeprefix("Mål: "),
            "Indikator": comparison["indicator_as_written"],
            "Stockholm": comparison["value_text"],
            "År": comparison["year"].map(_int),
            "Placering av 11": comparison["position"].map(_int),
            "PLATS i källans tabell": comparison["place_as_written"].map(lambda v: " ".join(str(v).split())),
            "Källans ord om placeringen": comparison["position_text"].map(_text),
            "Andra regioner enligt texten": comparison["id"].map(lambda i: others_text(i, others)),
            "Anmärkning": comparison["note"].map(lambda v: "" if is_missing(v) else v),
        }
    )


def europe_chart(comparison: pd.DataFrame) -> dict:
    """Stockholm's place among the eleven regions per indicator; an indicator without a clear place has no bar."""
    order = comparison.iloc[::-1]
    known = order["position"].notna()
    labels = [
        name if has else f"{name} (placering: {MISSING})" for name, has in zip(order["indicator_as_written"], known)
    ]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [int(v) if has else None for v, has in zip(order["position"], known)],
                "y": labels,
                "text": [f"plats {int(v)} av {N_REGIONS}" if has else "" for v, has in zip(order["position"], known)],
                "textposition": "outside",
                "cliponaxis": False,
                "marker": {"color": "#009E73"},
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": "Plats bland elva europeiska storstadsregioner (1 = bäst)"},
            "xaxis": {"title": {"text": "Placering"}, "range": [0, N_REGIONS + 1.5], "dtick": 1},
            "yaxis": {
                "automargin": True,
                "categoryorder": "array",
                "categoryarray": labels,
            },
            "margin": {"l": 10, "r": 70, "t": 50, "b": 40},
            "height": 440,
        },
    }


def _place(position) -> str:
    return MISSING if is_missing(position) else f"plats {int(position)}"


def europe_alt(comparison: pd.DataFrame) -> str:
    parts = [f"{r['indicator_as_written']}: {_place(r['position'])}" for r in comparison.to_dict("records")]
    return "Liggande staplar, Stockholmsregionens plats bland elva regioner: " + "; ".join(parts) + "."


def trend_line(trend: dict | None) -> str:
    """The delmål's trend as the text shows it, never interpreted."""
    if trend is None or not bool(trend.get("readable")):
        return "Trend: går inte att läsa i källans text (ingen pil eller bedömning syns i tabellraden)."
    if not is_missing(trend.get("trend_text")):
        return f"Trend: «{trend['trend_text']}» (källans ord)."
    return f"Trend: tabellraden visar tecknet {trend['trend_as_written']} (rapporten förklarar inte tecknet i texten)."


def quote(assessment: dict | None) -> str:
    return MISSING if assessment is None else plain(assessment["text"])


def strategy_table(figures: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Bilaga 3's figures: the strategy, the words as written, and a number or year only where written."""
    return pd.DataFrame(
        {
            "Strategi eller program": figures["strategy_id"].map(names),
            "Uppgift (källans ord)": figures["figure_text"],
            "Slag": figures["kind"],
            "Tal": [
                MISSING if is_missing(v) else f"{int(v) if float(v).is_integer() else v} {u or ''}".strip()
                for v, u in zip(figures["value"], figures["unit"])
            ],
            "År": figures["year"].map(_int),
        }
    )
