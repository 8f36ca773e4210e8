"""Lägesbild: series, index, latest values and RUFS delmål (target vs outcome). No Streamlit here.

Honesty rules, as in data/sources/SOURCES.md:
- A series is one indicator × sub-measure × place × value type. Different sub-measures ("Delmått: …"),
  places or value types (utfall, prognos …) are never joined into one line.
- Gaps stay gaps: a missing year is never filled in. Where a series skips a year on its own rhythm
  (yearly population lacks 2020), an empty point is inserted so the line breaks there; a series with
  too few points to know its rhythm is drawn as points only.
- The distance to a RUFS delmål is computed only where the indicator has a numeric target and a county
  outcome of the same, single measure (no sub-measures): the difference in the target's own unit
  (percent → procentenheter). Otherwise the target text and the outcomes are shown side by side.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from components.common.format import MISSING, is_missing
from components.common.frames import records
from components.lagesbild.indicator_text import (
    amount,
    figure,
    is_quote,
    level_label,
    measure_of,
    source_label,
    year_text,
)

COUNTY = "Stockholms län"
NO_GOAL_AREA = "Utan målområde i källan"


def by_pos_and_year(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows in place order, then year (undated last); ties keep their order (a stable sort)."""
    pos, years = frame["pos"].tolist(), frame["year"].tolist()
    return frame.iloc[
        sorted(range(len(frame)), key=lambda i: (pos[i], is_missing(years[i]), 0 if is_missing(years[i]) else years[i]))
    ]


def prepare(values: pd.DataFrame) -> pd.DataFrame:
    """Add the sub-measure, a display place and a series label to every value row."""
    out = values.copy()
    out["measure"] = out["note"].map(measure_of)
    rows = records(out[["level", "place", "source_id", "note", "geography", "measure", "value_type"]])
    out["place_label"] = [
        level_label(r["level"], r["place"], r["source_id"], r["note"]) if r["level"] != "area" else r["geography"]
        for r in rows
    ]
    out["series"] = [series_label(r) for r in rows]
    return out


def series_label(rec: dict) -> str:
    """'Huddinge', 'Stockholms län – kvinnor', 'Stockholms län (prognos)'."""
    label = rec["place"] if rec["level"] != "area" else rec["geography"]
    if isinstance(rec.get("measure"), str) and rec["measure"]:
        label += f" – {rec['measure']}"
    if rec.get("value_type") and rec["value_type"] != "utfall":
        label += f" ({rec['value_type']})"
    return label


def classify(indicators: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """The indicators the core's lägesbild shows, with how: 'rufs' (RUFS follow-up: target vs
    outcome), 'kommun' (series for the kärnkommuner), 'core' (figures for the core itself) or
    'quote' (the municipalities' own figures for their own areas)."""
    local = values[values["level"].isin(["core", "kommun"])]
    present = set(local["indicator_id"])
    anywhere = set(values["indicator_id"])
    in_kommun = set(local.loc[local["level"] == "kommun", "indicator_id"])
    rows = []
    for rec in indicators.to_dict("records"):
        has_local = rec["id"] in present
        if not is_missing(rec["rufs_goal"]):
            if has_local or rec["id"] in anywhere:
                rows.append({**rec, "kind": "rufs"})
        elif is_quote(rec["source_id"]):
            if has_local:
                rows.append({**rec, "kind": "quote"})
        elif rec["id"] in in_kommun:
            rows.append({**rec, "kind": "kommun"})
        elif has_local:
            rows.append({**rec, "kind": "core"})
    return pd.DataFrame(rows, columns=[*indicators.columns, "kind"])


def goal_area_label(goal_area_id, goal_areas: dict[int, str]) -> str:
    if is_missing(goal_area_id):
        return NO_GOAL_AREA
    return f"{int(goal_area_id)} {goal_areas.get(int(goal_area_id), '')}".strip()


OTHERS = "ovriga"  # the goal-area picker's choice for the indicators the sources tie to no goal area
HEADLINE_COUNT = 3


def headline_split(cards: list, count: int = HEADLINE_COUNT) -> tuple[list, list]:
    """A goal area's headline indicators and the rest (shown on request). Headline first: the core's own
    figures, then RUFS delmål with a distance to the target, then indicators with a series; each group keeps
    the page's order, so nothing moves but the split."""

    def rank(card) -> int:
        return 0 if card.kind == "core" else 1 if card.gap else 2 if card.chart else 3

    ordered = sorted(cards, key=rank)
    return ordered[:count], ordered[count:]


# --- series -----------------------------------------------------------------------------------------


def series_frame(values: pd.DataFrame) -> pd.DataFrame:
    """Dated numeric values as (series, year, value, …), one row per series and year, sorted."""
    series, years, numbers, pos = (values[c].tolist() for c in ("series", "year", "value", "pos"))
    seen, keep = set(), []
    for i, (name, year, value) in enumerate(zip(series, years, numbers)):
        if is_missing(year) or is_missing(value) or (name, int(year)) in seen:
            continue
        seen.add((name, int(year)))
        keep.append(i)
    keep.sort(key=lambda i: (pos[i], series[i], int(years[i])))  # stable, as the pandas sort it replaces
    out = values.iloc[keep].reset_index(drop=True)
    out["year"] = pd.Series([int(years[i]) for i in keep], dtype="int64")
    return out


def step_of(years: list[int]) -> int | None:
    """The series' rhythm: the most common distance between its years; None with fewer than 3 years."""
    diffs = [b - a for a, b in zip(years, years[1:])]
    if len(diffs) < 2:
        return None
    return Counter(diffs).most_common(1)[0][0]


def gap_layout(names: list, years: list) -> list[tuple]:
    """with_gaps() without the frame: per series, in order of first appearance, (name, mode, points), the
    points being (year, row index) in drawing order, with row index None for an inserted gap."""
    groups: dict = {}
    for i, name in enumerate(names):
        groups.setdefault(name, []).append(i)
    out = []
    for name, rows in groups.items():
        mine = [years[i] for i in rows]
        step = step_of(mine)
        points = list(zip(mine, rows))
        if step:
            missing = [y for a, b in zip(mine, mine[1:]) if b - a > step for y in range(a + step, b, step)]
            if missing:
                points = sorted(points + [(y, None) for y in missing], key=lambda point: point[0])
        out.append((name, "markers" if step is None else "lines+markers", points))
    return out


def with_gaps(frame: pd.DataFrame, column: str = "value") -> pd.DataFrame:
    """Insert an empty point where a series skips a year of its own rhythm, so the line breaks there.

    Nothing is filled in: the inserted rows have no value. Returns the rows and a column 'mode' per
    series: 'lines+markers' or 'markers' (too few points to know the rhythm: no line is drawn)."""
    if frame.empty:
        return frame.assign(mode=[])
    columns = list(frame.columns)
    cells = {c: frame[c].tolist() for c in columns}
    out: dict[str, list] = {c: [] for c in [*columns, "mode"]}
    for series, mode, points in gap_layout(cells["series"], cells["year"]):
        for year, i in points:
            for c in columns:
                out[c].append(
                    cells[c][i] if i is not None else series if c == "series" else year if c == "year" else None
                )
            out["mode"].append(mode)
    return pd.DataFrame(out)


def gap_years(frame: pd.DataFrame, column: str = "value") -> list[int]:
    """The years with_gaps() leaves empty (inserted, or without a value)."""
    values = frame[column].tolist()
    return sorted(
        {
            int(year)
            for _, _, points in gap_layout(frame["series"].tolist(), frame["year"].tolist())
            for year, i in points
            if i is None or is_missing(values[i])
        }
    )


def common_years(frame: pd.DataFrame) -> list[int]:
    """Years in which every shown series has a value (the choices for an index base year)."""
    if frame.empty:
        return []
    names = frame["series"].tolist()
    per_series: dict = {}
    for name, year, value in zip(names, frame["year"].tolist(), frame["value"].tolist()):
        if not is_missing(value):
            per_series.setdefault(name, set()).add(year)
    if len(per_series) < len(set(names)):
        return []
    return sorted(set.intersection(*per_series.values())) if per_series else []


def default_base_year(years: list[int]) -> int | None:
    """About ten years back: the latest common year at least ten years before the last one."""
    if not years:
        return None
    earlier = [y for y in years if y <= years[-1] - 10]
    return earlier[-1] if earlier else years[0]


def index_series(frame: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Each series as an index, 100 = its value in base_year: index = value / base value × 100.

    Every series must have a value in base_year (choose it from common_years). Missing years stay
    missing; years before the base year are dropped (growth *since* the base year)."""
    base = frame[(frame["year"] == base_year) & frame["value"].notna()].set_index("series")["value"]
    absent = set(frame["series"]) - set(base.index)
    if absent:
        raise ValueError(f"basåret {base_year} saknas för: {', '.join(sorted(absent))}")
    out = frame[frame["year"] >= base_year].copy()
    out["index"] = out["value"] / out["series"].map(base) * 100
    return out.reset_index(drop=True)


# --- latest values ----------------------------------------------------------------------------------


def latest_per_series(values: pd.DataFrame) -> pd.DataFrame:
    """Per series the value of its latest year (undated values count when a series has no dated one)."""
    newest: dict = {}
    for name, year in zip(values["series"].tolist(), values["year"].tolist()):
        if not is_missing(year) and (name not in newest or year > newest[name]):
            newest[name] = year
    return values[
        [
            name not in newest or year == newest[name]
            for name, year in zip(values["series"].tolist(), values["year"].tolist())
        ]
    ]


def value_line(rec: dict, unit: str) -> str:
    """'102 911 personer (2024) · kärnkommun: Södertälje · Källa: …'."""
    where = rec["place_label"]
    shown = amount(rec["value"], rec.get("qualifier"), rec.get("value_text"), unit)
    if not is_missing(rec["value"]):
        shown += f" {unit}"
    measure = f"{rec['measure']}: " if isinstance(rec.get("measure"), str) and rec["measure"] else ""
    kind = f", {rec['value_type']}" if rec.get("value_type") and rec["value_type"] != "utfall" else ""
    return (
        f"{measure}{shown} "
        f"({year_text(rec.get('year'), rec.get('period_text'))}{kind}) · {where} · Källa: "
        f"{source_label(rec['source_title'], rec['source_id'], rec.get('source_section'))}"
    )


def table_rows(values: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The table alternative of a chart: every value with year, place, type and source."""
    return pd.DataFrame(
        {
            "Serie": values["series"],
            "År": [year_text(y, p) for y, p in zip(values["year"].tolist(), values["period_text"].tolist())],
            "Värde": [
                amount(v, q, t, unit)
                for v, q, t in zip(
                    values["value"].tolist(), values["qualifier"].tolist(), values["value_text"].tolist()
                )
            ],
            "Enhet": unit,
            "Typ": values["value_type"],
            "Källa": [
                source_label(t, s, sec)
                for t, s, sec in zip(
                    values["source_title"].tolist(), values["source_id"].tolist(), values["source_section"].tolist()
                )
            ],
        }
    )


def figure_index(value) -> str:
    """An index value for a table: one decimal, Swedish comma; no value → empty."""
    return "" if value is None or is_missing(value) else f"{value:.1f}".replace(".", ",")


# --- RUFS delmål ------------------------------------------------------------------------------------


def _decimal(value) -> Decimal:
    return Decimal(repr(float(value)))


def target_gap(indicator: dict, values: pd.DataFrame) -> dict | None:
    """Distance to the delmål in the target's own unit, or None when it cannot honestly be computed.

    Needs a numeric target, county outcomes of a single measure (no 'Delmått'), and a dated value.
    Returns {'text', 'value', 'target', 'gap', 'year'}."""
    if is_missing(indicator.get("target_value")):
        return None
    mine = values[values["indicator_id"] == indicator["id"]]
    if mine["measure"].notna().any():
        return None
    county = mine[
        (mine["level"] == "county") & (mine["value_type"] == "utfall") & mine["value"].notna() & mine["year"].notna()
    ]
    if county.empty:
        return None
    latest = county.sort_values("year").iloc[-1]
    value, target = _decimal(latest["value"]), _decimal(indicator["target_value"])
    unit = indicator["unit"]
    gap = abs(target - value)
    gap_unit = " procentenheter" if unit.startswith("procent") else ""
    year = int(latest["year"])
    higher = indicator.get("higher_is_better")
    if value == target:
        verdict = "precis på delmålet"
    else:
        verdict = f"{figure(float(gap))}{gap_unit} {'under' if value < target else 'över'} delmålet"
        if (higher is True and value > target) or (higher is False and value < target):
            verdict += ", delmålet är nått"
    joiner = "av" if higher is not False else "mot delmålet"
    text = f"{figure(float(value), unit)} {joiner} {figure(float(target), unit)} {unit} ({year}): {verdict}"
    return {"text": text, "value": float(value), "target": float(target), "gap": float(target - value), "year": year}


def gap_reason(indicator: dict, values: pd.DataFrame) -> str:
    """Why the distance to the delmål is not computed (shown where target_gap gives None)."""
    mine = values[values["indicator_id"] == indicator["id"]]
    if is_missing(indicator.get("target_value")):
        return "Delmålet anger inget enskilt målvärde, så avståndet räknas inte ut. Utfallen står bredvid målet."
    if mine["measure"].notna().any():
        return (
            "Delmålet och utfallen gäller flera delmått, så avståndet räknas inte ut. Jämför målet med "
            "varje delmått för sig."
        )
    return "Inget utfall för länet i samma mått finns, så avståndet räknas inte ut."


def outcome_lines(indicator: dict, values: pd.DataFrame) -> list[str]:
    """Every latest outcome of the indicator, per sub-measure and place, as shown beside the target."""
    mine = values[values["indicator_id"] == indicator["id"]]
    order = {"core": 0, "kommun": 1, "county": 2, "area": 3}
    latest = sorted(records(latest_per_series(mine)), key=lambda r: (order[r["level"]], r["pos"], r["series"]))
    return [value_line(r, indicator["unit"]) for r in latest]


def target_line(indicator: dict) -> str:
    text = indicator.get("target_text")
    if isinstance(text, str) and text:
        year = "" if is_missing(indicator.get("target_year")) else f" (till {int(indicator['target_year'])})"
        return f"{text}{year}"
    return MISSING


# --- the cards the page shows -----------------------------------------------------------------------

KIND_ORDER = {"core": 0, "kommun": 1, "rufs": 2, "quote": 3}
HEADING_NOTE = {
    "core": "uppgift för kärnan",
    "kommun": "kärnkommunerna (hela kommunen)",
    "rufs": "RUFS 2050-uppföljningen",
    "quote": "kommunens egen uppgift",
}


@dataclass
class Card:
    """Everything the page shows for one indicator, computed once per core and build of the store."""

    id: str
    name: str
    unit: str
    goal_area_id: int | None
    kind: str
    lines: list[str]
    sources: str
    series: pd.DataFrame
    table: pd.DataFrame
    chart: bool
    target: str | None = None
    gap: dict | None = None
    gap_reason: str | None = None
    table_years: list = field(default_factory=list)
    gap_years: list[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    has_county: bool = False


def _sources_of(frame: pd.DataFrame) -> str:
    return "; ".join(
        dict.fromkeys(
            source_label(t, s, sec)
            for t, s, sec in zip(frame["source_title"], frame["source_id"], frame["source_section"])
        )
    )


def build_cards(indicators: pd.DataFrame, values: pd.DataFrame) -> tuple[list[Card], pd.DataFrame]:
    """The cards of one core's lägesbild (goal area, then core → kommun → RUFS) and the values of the
    municipalities' own quoted figures (shown as one table, never charted)."""
    values = prepare(values.astype(object).where(values.notna(), None))
    values["year"] = pd.to_numeric(values["year"])
    values["value"] = pd.to_numeric(values["value"])
    values["pos"] = pd.to_numeric(values["pos"])
    shown = classify(indicators, values)
    by_id = {key: part for key, part in values.groupby("indicator_id", sort=False)}
    cards, quotes = [], []
    for rec in shown.to_dict("records"):
        mine = by_id.get(rec["id"], values.iloc[0:0])
        goal = None if is_missing(rec["goal_area_id"]) else int(rec["goal_area_id"])
        if rec["kind"] == "quote":
            quotes.append(mine[mine["level"] == "core"].assign(indicator=rec["name"], unit=rec["unit"]))
            continue
        if rec["kind"] == "core":
            mine = mine[mine["level"].isin(["core", "county"])]
            lines = [value_line(r, rec["unit"]) for r in records(latest_per_series(mine[mine["level"] == "core"]))]
        elif rec["kind"] == "kommun":
            mine = mine[mine["level"].isin(["kommun", "county"])]
            lines = [value_line(r, rec["unit"]) for r in records(latest_per_series(mine))]
        else:
            lines = outcome_lines(rec, mine)
        series = series_frame(mine)
        ordered = by_pos_and_year(mine)
        card = Card(
            id=rec["id"],
            name=rec["name"],
            unit=rec["unit"],
            goal_area_id=goal,
            kind=rec["kind"],
            lines=lines,
            sources=_sources_of(mine),
            series=series,
            table=table_rows(ordered, rec["unit"]),
            table_years=ordered["year"].tolist(),
            chart=bool(len(series)) and Counter(series["series"].tolist()).most_common(1)[0][1] >= 2,
        )
        if rec["kind"] == "kommun":
            card.years = common_years(series)
            card.has_county = bool((series["level"] == "county").any())
        if card.chart:
            card.gap_years = gap_years(series)
        if rec["kind"] == "rufs" and isinstance(rec.get("target_text"), str) and rec["target_text"]:
            card.target = target_line(rec)
            card.gap = target_gap(rec, mine)
            card.gap_reason = None if card.gap else gap_reason(rec, mine)
        cards.append(card)
    cards.sort(key=lambda c: (c.goal_area_id is None, c.goal_area_id or 0, KIND_ORDER[c.kind]))
    quote_values = (
        pd.concat(quotes, ignore_index=True) if quotes else values.iloc[0:0].assign(indicator=None, unit=None)
    )
    return cards, quote_values
