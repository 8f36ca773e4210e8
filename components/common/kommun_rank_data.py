"""Compare like Kolada (no Streamlit): where each kärnkommun stands among the county's 26 kommuner in every
kommun series, by third, with the measure's direction where one is recorded, and its development against
the county. Input: the query kommun_ranks (queries/ranking.sql)."""

from __future__ import annotations

import pandas as pd

from components.common.format import MISSING, number

COUNTY_KOMMUNER = 26
YEARS_BACK = 5
# Judged (a direction is recorded): Kolada's green / yellow / red. Not judged: one neutral blue scale.
JUDGED = {
    1: ("bland den bästa tredjedelen", "#1b7a3a"),
    2: ("mellersta tredjedelen", "#b08a00"),
    3: ("bland den sämsta tredjedelen", "#b3261e"),
}
NEUTRAL = {
    1: ("högsta tredjedelen", "#08306b"),
    2: ("mellersta tredjedelen", "#4a7fb5"),
    3: ("lägsta tredjedelen", "#9ecae1"),
}
NOT_JUDGED = "bedöms inte: ingen källa anger om ett högt eller lågt värde är bättre"


def direction(higher_is_better) -> str:
    if higher_is_better is None or pd.isna(higher_is_better):
        return NOT_JUDGED
    return (
        "högre är bättre (enligt indikatorns källa)"
        if bool(higher_is_better)
        else "lägre är bättre (enligt indikatorns källa)"
    )


def judged(higher_is_better) -> bool:
    return not (higher_is_better is None or pd.isna(higher_is_better))


def third(place: int, n: int) -> int:
    """1, 2 or 3: which third of n a place falls in (26 kommuner: places 1–9, 10–17, 18–26)."""
    if place <= -(-n // 3):
        return 1
    return 2 if place <= -(-2 * n // 3) else 3


def placed(ranks: pd.DataFrame) -> pd.DataFrame:
    """Each row with its place in the measure's own direction (lower is better: the lowest value is 1;
    not judged: the highest value is 1), its third, the third's text and colour."""
    if ranks.empty:
        return ranks.assign(place=[], third=[], third_text=[], colour=[])
    low = ranks["higher_is_better"].map(lambda h: judged(h) and not bool(h))
    place = ranks["place_low"].where(low, ranks["place_high"]).astype(int)
    thirds = [third(p, int(n)) for p, n in zip(place, ranks["n"])]
    scale = [JUDGED if judged(h) else NEUTRAL for h in ranks["higher_is_better"]]
    return ranks.assign(
        place=place,
        third=thirds,
        third_text=[s[t][0] for s, t in zip(scale, thirds)],
        colour=[s[t][1] for s, t in zip(scale, thirds)],
    )


def latest_year(ranks: pd.DataFrame) -> dict[str, int]:
    """Per measure: the latest year that all 26 kommuner have a value (else the year with most, latest)."""
    if ranks.empty:
        return {}
    if "latest_year" in ranks.columns:  # chosen by the query (queries/ranking.sql), the same rule
        return {k: int(v) for k, v in ranks.groupby("indicator_id")["latest_year"].first().items()}
    per = ranks.groupby(["indicator_id", "year"], as_index=False)["n"].max()
    full = per[per["n"] >= COUNTY_KOMMUNER].groupby("indicator_id")["year"].max()
    fallback = per.sort_values(["n", "year"]).groupby("indicator_id")["year"].last()
    return {k: int(v) for k, v in full.combine_first(fallback).items()}


def base_years(ranks: pd.DataFrame, latest: dict[str, int]) -> dict[str, int]:
    """Per measure: the earlier year closest to YEARS_BACK years before its latest (the later one on a tie)."""
    if "base_year" in ranks.columns:
        chosen = ranks.dropna(subset=["base_year"]).groupby("indicator_id")["base_year"].first()
        return {k: int(v) for k, v in chosen.items()}
    years = ranks[["indicator_id", "year"]].drop_duplicates()
    years = years.assign(latest=years["indicator_id"].map(latest))
    years = years[years["year"] < years["latest"]]
    years = years.assign(distance=(years["latest"] - YEARS_BACK - years["year"]).abs())
    best = years.sort_values(["indicator_id", "distance", "year"], ascending=[True, True, False])
    return dict(best.drop_duplicates("indicator_id")[["indicator_id", "year"]].itertuples(index=False))


def _change(unit: str, start, end) -> float | None:
    if pd.isna(start) or pd.isna(end):
        return None
    if str(unit).startswith("procent"):
        return float(end) - float(start)
    return None if float(start) == 0 else (float(end) / float(start) - 1) * 100


def _change_text(unit: str, value: float | None) -> str:
    if value is None:
        return MISSING
    sign = "+" if value > 0 else ""
    suffix = " %-enheter" if str(unit).startswith("procent") else " %"
    return f"{sign}{number(round(value, 1), 1)}{suffix}"


def _versus(own: float | None, county: float | None, higher_is_better) -> str:
    """The kommun's development against the county's, compared as shown (rounded to one decimal)."""
    if own is None or county is None:
        return MISSING
    diff = round(own, 1) - round(county, 1)
    if diff == 0:
        return "som länet"
    if not judged(higher_is_better):
        return "över länet" if diff > 0 else "under länet"
    better = diff > 0 if bool(higher_is_better) else diff < 0
    return "bättre än länet" if better else "sämre än länet"


def standing(ranks: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """One row per measure and kärnkommun (codes, in order): place «plats 5 av 26» in the latest full year,
    the third as text, the direction, and the development over YEARS_BACK years against the county's."""
    cols = [
        "Mått",
        "Kommun",
        "År",
        "Värde",
        "Plats",
        "Tredjedel",
        "Riktning",
        "Utveckling",
        "Länets utveckling",
        "Jämfört med länet",
        "indicator_id",
        "code",
        "colour",
    ]
    if ranks.empty or not codes:
        return pd.DataFrame(columns=cols)
    years = latest_year(ranks)
    bases = base_years(ranks, years)
    wanted = ranks["year"] == ranks["indicator_id"].map(years)
    earlier = ranks["year"] == ranks["indicator_id"].map(bases)
    now_all = placed(ranks[wanted])
    then_rows = ranks[earlier]
    then_value = dict(zip(zip(then_rows["indicator_id"], then_rows["code"]), then_rows["value"]))
    county_now = now_all.groupby("indicator_id")["county_value"].first()
    county_then = then_rows.groupby("indicator_id")["county_value"].first()
    order = {c: i for i, c in enumerate(codes)}
    mine = now_all[now_all["code"].isin(order)]
    mine = mine.assign(_order=mine["code"].map(order)).sort_values(["_order"], kind="stable")
    first_pos = {ind: i for i, ind in enumerate(dict.fromkeys(now_all["indicator_id"]))}
    mine = mine.assign(_ind=mine["indicator_id"].map(first_pos)).sort_values(["_ind", "_order"], kind="stable")
    rows = []
    for rec in mine.to_dict("records"):
        ind, unit, year = rec["indicator_id"], rec["unit"], years[rec["indicator_id"]]
        base = bases.get(ind, year)
        county = _change(unit, county_then.get(ind), county_now.get(ind))
        own = _change(unit, then_value.get((ind, rec["code"])), rec["value"])
        rows.append(
            {
                "Mått": rec["name"],
                "Kommun": rec["kommun"],
                "År": year,
                "Värde": number(rec["value"]),
                "Plats": f"plats {int(rec['place'])} av {int(rec['n'])}",
                "Tredjedel": rec["third_text"],
                "Riktning": direction(rec["higher_is_better"]),
                "Utveckling": f"{_change_text(unit, own)} ({base}–{year})" if base != year else MISSING,
                "Länets utveckling": _change_text(unit, county),
                "Jämfört med länet": _versus(own, county, rec["higher_is_better"]),
                "indicator_id": ind,
                "code": rec["code"],
                "colour": rec["colour"],
            }
        )
    return pd.DataFrame(rows, columns=cols)


def county_table(ranks: pd.DataFrame, indicator_id: str, codes: list[str]) -> pd.DataFrame:
    """All 26 kommuner of one measure in its latest full year, by place: the figures the chart shows."""
    part = ranks[ranks["indicator_id"] == indicator_id]
    if part.empty:
        return pd.DataFrame(columns=["Plats", "Kommun", "Värde", "Tredjedel", "Kärnkommun", "colour"])
    year = latest_year(part)[indicator_id]
    part = placed(part[part["year"] == year]).sort_values(["place", "kommun"])
    return pd.DataFrame(
        {
            "Plats": part["place"].astype(int).to_list(),
            "Kommun": part["kommun"].to_list(),
            "Värde": [number(v) for v in part["value"]],
            "Tredjedel": part["third_text"].to_list(),
            "Kärnkommun": ["ja" if c in codes else "" for c in part["code"]],
            "colour": part["colour"].to_list(),
            "value": part["value"].to_list(),
            "year": year,
        }
    )
