"""Curated RUFS 2050 follow-up (2020): the 16 delmål, their utfall and the values the prose states.

Every number must be the source's own: value_text must occur in the seed text (after whitespace
normalisation), and the hard-coded expectations below are read directly from the seed's
"Måluppfyllelse av RUFS 2050" tables (DELMÅL / UTFALL / ÅR).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from data.curated_files import SPECS

ROOT = Path(__file__).parents[2]
FOLDER = ROOT / "data" / "curated" / "rufs-2020"
SEED = ROOT / "data" / "sources" / "seeds" / "rufs2050-uppfoljning-2020.txt"
SOURCES = ROOT / "data" / "curated" / "common" / "sources.csv"
SOURCE_ID = "rufs2050-uppfoljning-2020"

IND_COLS = list(SPECS["indicators"].columns)  # the header is the declared one (test_contract checks SPECS)
VAL_COLS = list(SPECS["indicator_values"].columns)

N_DELMAL = 16

# id -> (rufs_goal, target_text, target_value, [(geography_type, geography, year, value, value_text), ...])
EXPECTED = {
    "rufs-bostader-per-ar": (
        "1",
        "Minst 22 000 bostäder per år behöver tillkomma",
        "22000",
        [("county", "01", "2019", "16700", "16 700")],
    ),
    "rufs-konkurrenskvot-kollektivtrafik": (
        "1",
        "Kollektivtrafikens restid mellan regionala stadskärnor, och till Arlanda flygplats, ska vara "
        "konkurrenskraftig med bilens restid",
        "",
        [("area", "regionala stadskärnor och Arlanda flygplats", "2019", "", "konkurrenskvot på 0,4–1,8")],
    ),
    "rufs-besvar-trafikbuller-luftkvalitet": (
        "1",
        "Andelen av länets invånare som upplever besvär av trafikbuller och dålig luftkvalitet ska inte öka",
        "",
        [
            ("county", "01", "2015", "19.4", "trafikbuller: 19,4 %"),
            ("county", "01", "2015", "7.3", "luftkvalitet: 7,3 %"),
        ],
    ),
    "rufs-bebyggelse-tillgangliga-lagen": (
        "1",
        "Minst 95 procent av ny bebyggelse bör tillkomma i regionens relativt sett mest tillgängliga lägen",
        "95",
        [
            ("county", "01", "2015", "78", "befintlig bebyggelse 78 %"),
            ("county", "01", "2019", "81.1", "befolkning 81,1 %"),
        ],
    ),
    "rufs-medellivslangd": (
        "2",
        "Skillnaderna i förväntad medellivslängd mellan olika socioekonomiska grupper och kommuner i länet "
        "ska minska och medellivslängden ska öka för samtliga",
        "",
        [("county", "01", "2019", "84.8", "84,8 år för kvinnor"), ("county", "01", "2019", "81.3", "81,3 år för män")],
    ),
    "rufs-forvarvsfrekvens": (
        "2",
        "Förvärvsfrekvensen hos befolkningen mellan 20–64 år ska vara väl över 80 procent för både kvinnor "
        "och män och gapet mellan inrikes- och utrikes födda ska minska",
        "80",
        [("county", "01", "2018", "79.5", "79,5 % för kvinnor"), ("county", "01", "2018", "81.5", "81,5 % för män")],
    ),
    "rufs-gymnasieexamen": (
        "2",
        "Andelen gymnasieelever som inom tre år fullföljer utbildningen och får en gymnasieexamen ska vara "
        "högre än 80 procent, och skillnaderna mellan gymnasieskolorna och länets olika kommuner ska minska",
        "80",
        [("county", "01", "2017", "74.5", "74,5 %")],
    ),
    "rufs-tillit-trygghet-brott": (
        "2",
        "Andelen som känner tillit till sina grannar ska öka samt otrygghetens påverkan på livskvaliteten "
        "och invånares utsatthet för våldsbrott ska minska",
        "",
        [
            ("county", "01", "2019", "87.1", "tillit: 87,1 %"),
            ("county", "01", "2020", "10", "oro: 10 %"),
            ("county", "01", "2019", "4.1", "misshandel: 4,1 %"),
            ("county", "01", "2019", "10.5", "hot: 10,5 %"),
            ("county", "01", "2019", "6.0", "sexualbrott: 6,0 %"),
            ("county", "01", "2019", "1.9", "personrån 1,9 %"),
        ],
    ),
    "rufs-hogre-utbildning-kunskapsintensiva-yrken": (
        "3",
        "Andelen sysselsatta med högre utbildning, respektive sysselsatta inom kunskapsintensiva yrken ska "
        "vara minst 55 procent för både kvinnor och män",
        "55",
        [
            ("county", "01", "2018", "51.5", "högre utbildning: 51,5 %"),
            ("county", "01", "2018", "51.7", "kunskapsintensiv: 51,7 %"),
        ],
    ),
    "rufs-nystartade-foretag": (
        "3",
        "Antalet nystartade företag ska öka till 18 per 1 000 invånare",
        "18",
        [("county", "01", "2019", "13.7", "13,7")],
    ),
    "rufs-fou-investeringar": (
        "3",
        "Privata och offentliga investeringar i forskning och utveckling (FoU) ska uppgå till minst 4,5 "
        "procent av bruttoregionalprodukten",
        "4.5",
        [("county", "01", "2019", "3.4", "3,4 %")],
    ),
    "rufs-bredband": (
        "3",
        "Samtliga invånare, företagare och offentlig sektor ska ha tillgång till fast och mobil "
        "bredbandsuppkoppling med höga överföringshastigheter",
        "",
        [
            ("county", "01", "2019", "94.4", "94,4 % av hushållen"),
            ("county", "01", "2019", "92", "92 % av arbetsställen"),
        ],
    ),
    "rufs-utslapp-vaxthusgaser": (
        "4",
        "De årliga direkta utsläppen av växthusgaser ska vara mindre än 1,5 ton per invånare och utsläppen "
        "av växthusgaser ur ett konsumtionsperspektiv ska halveras",
        "",
        [
            ("county", "01", "2018", "2.4", "2,4 ton CO2/capita"),
            ("area", "Sverige", "2017", "8.87", "8,87 ton CO2/capita"),
        ],
    ),
    "rufs-energianvandning-fornybar": (
        "4",
        "Den årliga energianvändningen per invånare ska minska kontinuerligt till under 16 MWh, och "
        "regionens energiproduktion ska vara 100 procent förnybar",
        "",
        [
            ("county", "01", "2018", "21.6", "21,6 MWh per capita"),
            ("county", "01", "2018", "78.6", "78,6% förnybara källor"),
        ],
    ),
    "rufs-fardmedelsandelar": (
        "4",
        "Kollektivtrafikens andel av de motoriserade resorna ska öka med fem procentenheter jämfört med 2015 "
        "och minst 70 procent av alla resor inom länet ska ske med gång, cykel och kollektivtrafik, och "
        "cykelandelen ska vara 20 procent i enlighet med den regionala cykelplanen",
        "",
        [
            ("county", "01", "2019", "47", "kollektivtrafik: 47%"),
            ("county", "01", "2019", "57", "kollektivtrafik, gång eller cykel: 57%"),
            ("county", "01", "2019", "7", "cykel:7%"),
        ],
    ),
    "rufs-hushallsavfall": (
        "4",
        "Hushållsavfallet ska ha minskat till högst 360 kilo per person och år och minst 70 procent, "
        "inklusive matavfallet, ska materialåtervinnas",
        "",
        [("county", "01", "2019", "440", "440 kg per capita"), ("county", "01", "2019", "32", "32% materialåtervinns")],
    ),
}

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
SECTION = re.compile(r"^Måluppfyllelse › Mål [1-4] › DELMÅL [1-4]$")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read(name: str, columns: list[str]) -> list[dict[str, str]]:
    path = FOLDER / f"{name}.csv"
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}.csv has a BOM"
    assert b"\r\n" not in raw, f"{name}.csv must use \\n line endings"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        assert header == columns, f"{name}.csv header: {header}"
        rows = [dict(zip(header, r)) for r in reader if any(c.strip() for c in r)]
    for r in rows:
        assert len(r) == len(columns)
    return rows


INDICATORS = read("indicators", IND_COLS)
VALUES = read("indicator_values", VAL_COLS)
SEED_NORM = norm(SEED.read_text(encoding="utf-8"))
DELMAL = [r for r in INDICATORS if r["target_text"]]


def test_exactly_16_delmal_four_per_goal():
    assert len(DELMAL) == N_DELMAL
    for goal in "1234":
        assert sum(r["rufs_goal"] == goal for r in DELMAL) == 4
    sections = [r["source_section"] for r in DELMAL]
    assert len(set(sections)) == N_DELMAL
    assert {r["id"] for r in DELMAL} == set(EXPECTED)


def test_indicator_fields():
    ids = [r["id"] for r in INDICATORS]
    assert len(ids) == len(set(ids))
    for r in INDICATORS:
        assert r["id"].startswith("rufs-") and re.fullmatch(r"[a-z0-9-]+", r["id"]), r["id"]
        assert r["name"] and r["unit"], r["id"]
        assert r["rufs_goal"] in {"1", "2", "3", "4"}, r["id"]
        assert r["goal_area_id"] in {"", "1", "2", "3", "4"}, r["id"]
        assert r["higher_is_better"] in {"", "true", "false"}, r["id"]
        assert r["target_value"] == "" or NUMBER.match(r["target_value"]), r["id"]
        assert r["target_year"] == "" or re.fullmatch(r"\d{4}", r["target_year"]), r["id"]
        for field in ("target_text", "definition"):
            assert norm(r[field]) in SEED_NORM, (r["id"], field)


def test_expected_targets_and_utfall():
    by_id = {r["id"]: r for r in INDICATORS}
    assert len(EXPECTED) >= 8
    for ind_id, (goal, target_text, target_value, utfall) in EXPECTED.items():
        ind = by_id[ind_id]
        assert ind["rufs_goal"] == goal, ind_id
        assert ind["target_text"] == target_text, ind_id
        assert ind["target_value"] == target_value, ind_id
        rows = {
            (v["geography_type"], v["geography"], v["year"], v["value"], v["value_text"])
            for v in VALUES
            if v["indicator_id"] == ind_id and v["value_type"] == "utfall"
        }
        for expected in utfall:
            assert expected in rows, (ind_id, expected)


def test_bostader_target_and_utfall():
    ind = next(r for r in INDICATORS if r["id"] == "rufs-bostader-per-ar")
    assert float(ind["target_value"]) == 22000
    utfall = [v for v in VALUES if v["indicator_id"] == "rufs-bostader-per-ar" and v["value_type"] == "utfall"]
    assert [(float(v["value"]), v["year"]) for v in utfall] == [(16700.0, "2019")]
    # påbörjade is a different measure, kept apart
    paborjade = {
        (v["year"], v["value"], v["value_type"]) for v in VALUES if v["indicator_id"] == "rufs-paborjade-bostader"
    }
    assert paborjade == {("2019", "13700", "utfall"), ("2020", "11000", "prognos")}


def test_range_utfall_has_no_value():
    rows = [v for v in VALUES if v["indicator_id"] == "rufs-konkurrenskvot-kollektivtrafik"]
    assert rows and all(v["value"] == "" for v in rows)


def test_every_delmal_has_an_utfall():
    for r in DELMAL:
        assert any(v["indicator_id"] == r["id"] and v["value_type"] == "utfall" for v in VALUES), r["id"]


def test_value_fields():
    ids = {r["id"] for r in INDICATORS}
    for i, v in enumerate(VALUES, start=2):
        assert v["indicator_id"] in ids, i
        assert v["geography_type"] in {"core", "kommun", "county", "area"}, i
        assert v["geography"], i
        if v["geography_type"] == "county":
            assert v["geography"] == "01", i
        if v["geography_type"] == "kommun":
            assert re.fullmatch(r"01\d\d", v["geography"]), i
        assert v["value_type"] in {"utfall", "mål", "plan", "prognos"}, i
        assert v["year"] == "" or re.fullmatch(r"\d{4}", v["year"]), i
        assert v["value"] == "" or NUMBER.match(v["value"]), i
        assert v["value"] or v["value_text"], i


def test_value_text_occurs_in_seed():
    for i, v in enumerate(VALUES, start=2):
        assert v["value_text"], f"row {i}: value_text missing"
        assert norm(v["value_text"]) in SEED_NORM, f"row {i}: {v['value_text']!r} not in seed"


def test_provenance_on_every_row():
    with SOURCES.open(encoding="utf-8", newline="") as fh:
        source_ids = {r["id"] for r in csv.DictReader(fh)}
    assert SOURCE_ID in source_ids
    for r in [*INDICATORS, *VALUES]:
        assert r["source_id"] == SOURCE_ID
        assert SECTION.match(r["source_section"]), r["source_section"]


def test_no_invented_zero():
    for v in VALUES:
        if v["value"] and float(v["value"]) == 0:
            assert re.search(r"(?<![\d,])0(?![\d,])|noll", v["value_text"]), v


def test_value_numbers_match_their_text():
    """The number in `value` is written in value_text (Swedish decimal comma, spaces in thousands)."""
    words = {"1": "en", "3": "tre", "8": "åtta", "10": "tio"}
    for v in VALUES:
        if not v["value"]:
            continue
        swedish = v["value"].replace(".", ",")
        digits = re.sub(r"(?<=\d)\s(?=\d{3})", "", v["value_text"])
        assert swedish in digits or words.get(v["value"], "\0") in v["value_text"].split(), v
