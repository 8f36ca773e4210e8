"""Alt text for charts and maps: a short Swedish description computed from the data shown.

Streamlit puts it on the chart as role="figure" aria-label (st.plotly_chart / st.pydeck_chart `alt`).
It names what the chart shows and its most telling values; the full figures are in the table
alternative next to every chart. No Streamlit here.
"""

from __future__ import annotations

import pandas as pd

from components.common.format import is_missing, number

TABLE_NOTE = "Alla värden finns i tabellen under diagrammet."
MAX_NAMED = 4


def _names(names: list[str]) -> str:
    names = [str(n) for n in names]
    if len(names) <= MAX_NAMED:
        return ", ".join(names)
    return ", ".join(names[:MAX_NAMED]) + f" och {len(names) - MAX_NAMED} till"


def coverage_alt(counts: pd.DataFrame) -> str:
    """The stacked bars of insatser per core and goal area (queries: insatser_per_core_goal_area)."""
    if counts.empty:
        return "Stapeldiagram utan staplar: inga insatser i urvalet."
    per_core = counts.groupby("core_name", sort=False)[["shared", "core_specific"]].sum()
    per_core["total"] = per_core["shared"] + per_core["core_specific"]
    most, least = per_core["total"].idxmax(), per_core["total"].idxmin()
    top = per_core.loc[most]
    text = (
        f"Liggande staplar: antal insatser per kärna ({len(per_core)} kärnor) uppdelat på målområde, "
        f"gemensamma och kärnspecifika. Flest har {most}: {number(top['total'])} "
        f"({number(top['shared'])} gemensamma och {number(top['core_specific'])} kärnspecifika)"
    )
    if per_core.loc[least, "total"] < top["total"]:
        text += f"; färst har {least}: {number(per_core.loc[least, 'total'])}"
    return f"{text}. {TABLE_NOTE}"


def heatmap_alt(matrix: pd.DataFrame) -> str:
    """The actor × core heatmap (components.aktorer.actor_matrix.core_matrix)."""
    stacked = matrix.stack()
    actor, core = stacked.idxmax()
    return (
        f"Värmekarta: antal insatser per aktör ({len(matrix)} aktörer, rader) och kärna "
        f"({len(matrix.columns)} kärnor: {_names(list(matrix.columns))}). Mörkare ruta betyder fler "
        f"insatser. Högst: {actor} i {core}, {number(stacked.max())} insatser. {TABLE_NOTE}"
    )


def series_alt(name: str, unit: str, frame: pd.DataFrame, column: str = "value", base: int | None = None) -> str:
    """A lägesbild chart: one line or point series per place (components.lagesbild.lagesbild_data.series_frame)."""
    dated = frame[frame[column].notna()] if column in frame else frame.iloc[0:0]
    what = f"index, {base} = 100" if base else unit
    title = name if what.lower() == name.lower() else f"{name} ({what})"
    if dated.empty:
        return f"Diagram: {title}. Uppgift saknas för alla år."
    years = sorted(dated["year"].astype(int).unique())
    series = list(dict.fromkeys(dated["series"]))
    latest = []
    for label in series[:MAX_NAMED]:
        last = dated[dated["series"] == label].sort_values("year").iloc[-1]
        latest.append(f"{label} {int(last['year'])}: {_value(last[column], base)}")
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    text = (
        f"Diagram: {title}, {span}, {len(series)} "
        f"{'serie' if len(series) == 1 else 'serier'}. Senaste värde: {'; '.join(latest)}"
    )
    if len(series) > MAX_NAMED:
        text += f" (och {len(series) - MAX_NAMED} serier till)"
    return f"{text}. {TABLE_NOTE}"


def _value(value, base: int | None) -> str:
    if is_missing(value):
        return "uppgift saknas"
    return number(round(float(value), 1)) if base else number(value)


def region_map_alt(cores: pd.DataFrame) -> str:
    """The start page's map of the eight cores (queries: cores_overview, with status_text)."""
    listed = "; ".join(f"{n}: {s.lower()}" for n, s in zip(cores["name"], cores["status_text"]))
    return (
        f"Karta över Stockholms län med de {len(cores)} regionala stadskärnorna som punkter, färgade "
        f"efter färdplanens status, och deras kärnkommuner skuggade. {listed}."
    )


def core_map_alt(core: dict, stations: pd.DataFrame) -> str:
    """Kärnprofil's map of one core (queries: profile_core, profile_stations)."""
    names = _names(list(stations["name"])) if len(stations) else "inga stationer i källfilen"
    municipalities = core.get("municipalities")
    kommuner = municipalities.replace("|", ", ") if isinstance(municipalities, str) else "uppgift saknas"
    return f"Karta över {core['name']}: kärnans punkt, kärnkommunerna skuggade ({kommuner}) och stationerna ({names})."
