"""Checks the curated records of Södertälje 2026 (data/curated/sodertalje-2026) against the seed text."""

import csv
import pathlib
import re

from tests.data.curated_csv import ACTOR_TYPES, CONTRACT, slug

ROOT = pathlib.Path(__file__).parents[2]
DATA = ROOT / "data"
CURATED = DATA / "curated" / "sodertalje-2026"
COMMON = DATA / "curated" / "common"
SEED = DATA / "sources" / "seeds" / "fardplan-sodertalje-2026.txt"
SOURCE_ID = "fardplan-sodertalje-2026"
# the files this folder holds, each with the contract's header
HEADERS = {
    name: CONTRACT[name]
    for name in [
        "interventions.csv",
        "intervention_actors.csv",
        "actors.csv",
        "directions.csv",
        "core_texts.csv",
        "indicator_values.csv",
    ]
}


# code -> (goal area, scope)
EXPECTED_CODES = {
    "1.1": (1, "shared"),
    "1.2": (1, "shared"),
    "1.3": (1, "core"),
    "1.4": (1, "core"),
    "1.5": (1, "core"),
    "2.1": (2, "shared"),
    "2.2": (2, "shared"),
    "2.3": (2, "core"),
    "3.1": (3, "shared"),
    "3.2": (3, "shared"),
    "3.3": (3, "shared"),
    "3.4": (3, "core"),
    "3.5": (3, "core"),
    "4.1": (4, "shared"),
    "4.2": (4, "shared"),
    "4.3": (4, "core"),
    "4.4": (4, "core"),
}
SECTIONS = {
    1: "Levande och attraktiv stadskärna",
    2: "Regional målpunkt för samhällsservice",
    3: "Naturlig lokaliseringsplats för näringsliv och innovation",
    4: "Tillgänglig regional stadskärna som bidrar till hållbart resande",
}


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def header(path):
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_NORM = norm(SEED_TEXT)


def in_seed(text):
    return norm(text) in SEED_NORM


def interventions():
    return {r["id"]: r for r in read(CURATED / "interventions.csv")}


def actor_rows(iid, role):
    return [r for r in read(CURATED / "intervention_actors.csv") if r["intervention_id"] == iid and r["role"] == role]


# --- file format ---------------------------------------------------------------------------------


def test_headers_follow_the_contract():
    for name, expected in HEADERS.items():
        assert header(CURATED / name) == expected.split(","), name
    assert header(COMMON / "goal_areas.csv") == "id,name,short_name,description,source_id,source_section".split(",")


def test_files_are_utf8_without_bom_and_lf():
    for path in list(CURATED.glob("*.csv")) + [COMMON / "goal_areas.csv"]:
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), path
        assert b"\r" not in raw, path
        raw.decode("utf-8")


def test_every_row_has_provenance():
    known_sources = {r["id"] for r in read(COMMON / "sources.csv")}
    assert SOURCE_ID in known_sources
    for name in HEADERS:
        if "source_id" not in HEADERS[name]:
            continue
        rows = read(CURATED / name)
        assert rows, name
        for row in rows:
            assert row["source_id"] == SOURCE_ID, (name, row)
            assert row["source_section"].strip(), (name, row)
    for row in read(COMMON / "goal_areas.csv"):
        assert row["source_id"] == SOURCE_ID and row["source_section"].strip()


# --- interventions -------------------------------------------------------------------------------


def test_exactly_the_seventeen_codes_with_goal_area_and_scope():
    rows = read(CURATED / "interventions.csv")
    assert len(rows) == 17
    got = {r["code"]: (int(r["goal_area_id"]), r["scope"]) for r in rows}
    assert got == EXPECTED_CODES


def test_ids_scope_core_and_plan_type():
    for row in read(CURATED / "interventions.csv"):
        goal, scope = EXPECTED_CODES[row["code"]]
        if scope == "shared":
            assert row["id"] == f"gemensam-{row['code']}"
            assert row["core_id"] == ""
            kind_of = "Gemensamma insatser"
        else:
            assert row["id"] == f"sodertalje-{row['code']}"
            assert row["core_id"] == "sodertalje"
            kind_of = "Kärnspecifika insatser"
        assert row["plan_type"] == "fardplan"
        assert row["kind"] == ""  # the Södertälje roadmap does not state the kind
        for field in ("purpose", "financing", "regional_priority", "timing", "budget"):
            assert row[field] == "", (row["id"], field)
        assert row["source_section"] == f"{SECTIONS[goal]} › {kind_of} › {row['code']}"


def test_titles_are_the_headings_in_the_seed():
    rows = interventions()
    for row in rows.values():
        assert "*" not in row["title"] and not row["title"].startswith(row["code"])
        assert in_seed(row["title"]), row["id"]
        assert in_seed(f"{row['code']} {row['title']}") or in_seed(f"{row['code']}** {row['title']}"), row["id"]
    assert rows["gemensam-1.1"]["title"] == (
        "Stärk kommunikationen om de regionala stadskärnorna och deras betydelse för Stockholmsregionens utveckling"
    )
    assert rows["sodertalje-1.5"]["title"] == "Samverka för en tryggare stadskärna"
    assert rows["gemensam-4.2"]["title"] == (
        "Öka kunskapen om resandets utveckling, till och från de regionala stadskärnorna"
    )


def test_every_description_paragraph_is_in_the_seed():
    for row in interventions().values():
        paragraphs = row["description"].split("\n\n")
        assert paragraphs and all(p.strip() for p in paragraphs), row["id"]
        for p in paragraphs:
            assert "\n" not in p, row["id"]
            assert in_seed(p), (row["id"], p[:60])
            assert not p.startswith(("Ansvarig aktör", "Exempel på medverkande aktörer", "Bild:")), row["id"]


def test_description_paragraph_counts_and_page_break_join():
    rows = interventions()
    counts = {iid: len(r["description"].split("\n\n")) for iid, r in rows.items()}
    assert counts["gemensam-1.1"] == 2
    assert counts["gemensam-2.1"] == 1
    assert counts["sodertalje-2.3"] == 2
    assert counts["sodertalje-4.4"] == 2
    assert "kring dessa frågor och undersök även hur tillgängligheten" in rows["sodertalje-4.4"]["description"]
    assert rows["sodertalje-4.4"]["description"].endswith("att verka för ett ändrat taxesytem på regiontågen.")


def test_almi_note_is_verbatim_and_only_note():
    rows = interventions()
    note = rows["gemensam-3.3"]["note"]
    assert note == (
        "Almi Stockholm AB ägs av Almi AB (51 procent) och Region Stockholm (49 procent). Almi AB ägs av staten."
    )
    assert in_seed(note)
    assert "Almi AB (51 procent)" not in rows["gemensam-3.3"]["description"]
    assert [iid for iid, r in rows.items() if r["note"]] == ["gemensam-3.3"]


# --- actors --------------------------------------------------------------------------------------


def test_lead_and_participants_of_1_1():
    assert [r["actor_id"] for r in actor_rows("gemensam-1.1", "lead")] == ["region-stockholm"]
    assert [r["name_as_written"] for r in actor_rows("gemensam-1.1", "lead")] == ["Region Stockholm"]
    assert [r["actor_id"] for r in actor_rows("gemensam-1.1", "participant")] == [
        "karnkommunerna",
        "naringslivet",
        "fastighetsagare",
    ]
    assert [r["name_as_written"] for r in actor_rows("gemensam-1.1", "participant")] == [
        "kärnkommunerna",
        "näringslivet",
        "fastighetsägare",
    ]


def test_participants_of_3_3_include_almi():
    ids = [r["actor_id"] for r in actor_rows("gemensam-3.3", "participant")]
    assert ids == ["almi-stockholm-ab", "karnkommunerna", "naringslivet"]
    assert [r["actor_id"] for r in actor_rows("gemensam-3.3", "lead")] == ["region-stockholm"]


def test_2_3_has_no_lead():
    assert actor_rows("sodertalje-2.3", "lead") == []
    assert [r["actor_id"] for r in actor_rows("sodertalje-2.3", "participant")] == [
        "sodertalje-kommun",
        "akademien",
        "naringslivet",
        "region-stockholm",
        "teknikcollege-stockholmsregionen",
    ]


def test_leads_only_where_the_seed_names_one():
    leads = {r["intervention_id"] for r in read(CURATED / "intervention_actors.csv") if r["role"] == "lead"}
    shared = {f"gemensam-{c}" for c, (_, s) in EXPECTED_CODES.items() if s == "shared"}
    assert leads == shared
    assert SEED_TEXT.count("Ansvarig aktör: Region Stockholm") == len(shared)


def test_polis_and_bus_operator():
    assert [(r["actor_id"], r["name_as_written"]) for r in actor_rows("sodertalje-1.5", "participant")] == [
        ("sodertalje-kommun", "Södertälje kommun"),
        ("region-stockholm", "Region Stockholm"),
        ("polismyndigheten", "polis"),
        ("fastighetsagare", "fastighetsägare"),
    ]
    assert ("bussoperator", "bussoperatör") in [
        (r["actor_id"], r["name_as_written"]) for r in actor_rows("sodertalje-4.4", "participant")
    ]


def test_participant_lists_match_the_seed_lines():
    seed_lists = {norm(m) for m in re.findall(r"Exempel på medverkande aktörer: (.+)", SEED_TEXT)}
    rows = read(CURATED / "intervention_actors.csv")
    for iid in interventions():
        written = ", ".join(
            r["name_as_written"] for r in rows if r["intervention_id"] == iid and r["role"] == "participant"
        )
        assert written in seed_lists, iid
    assert len(rows) == 56


def test_actor_rows_are_consistent():
    actors = read(CURATED / "actors.csv")
    ids = [a["id"] for a in actors]
    assert len(ids) == len(set(ids))
    for a in actors:
        assert slug(a["name"]) == a["id"], a
        assert a["type"] in ACTOR_TYPES, a
    by_id = {a["id"]: a for a in actors}
    assert by_id["region-stockholm"]["name"] == "Region Stockholm" and by_id["region-stockholm"]["type"] == "region"
    assert by_id["almi-stockholm-ab"]["type"] == "bolag"
    assert by_id["trafikverket"]["type"] == "statlig myndighet"
    assert by_id["sodertalje-science-park"]["type"] == "klusterorganisation"
    referenced = {r["actor_id"] for r in read(CURATED / "intervention_actors.csv")}
    assert referenced <= set(ids), referenced - set(ids)
    assert set(ids) <= referenced, set(ids) - referenced


def test_intervention_actor_rows_point_to_interventions_and_have_valid_roles():
    iids = set(interventions())
    keys = set()
    for r in read(CURATED / "intervention_actors.csv"):
        assert r["intervention_id"] in iids
        assert r["role"] in {"lead", "participant"}
        key = (r["intervention_id"], r["actor_id"], r["role"])
        assert key not in keys, key
        keys.add(key)


# --- directions, core text, figures, goal areas --------------------------------------------------


def test_four_directions_verbatim():
    rows = read(CURATED / "directions.csv")
    assert [(r["core_id"], r["goal_area_id"], r["heading"]) for r in rows] == [
        ("sodertalje", str(g), "Färdriktning") for g in (1, 2, 3, 4)
    ]
    for r in rows:
        assert in_seed(r["text"]) and "\n" not in r["text"]
        assert r["source_section"] == f"{SECTIONS[int(r['goal_area_id'])]} › Färdriktning"
    assert rows[2]["text"].startswith("Bevara och utveckla den regionala stadskärnan Södertälje")


def test_core_description():
    rows = read(CURATED / "core_texts.csv")
    assert len(rows) == 1
    row = rows[0]
    assert (row["core_id"], row["field"]) == ("sodertalje", "description")
    paragraphs = row["text"].split("\n\n")
    for p in paragraphs:
        assert in_seed(p), p[:60]
        assert not p.startswith("Bild:")
    for sub in (
        "En storregional mötesplats",
        "Medeltida stadskärna med stort utbud av service",
        "En kunskapsintensiv kärna",
        "Stadskärnan utvecklas",
    ):
        assert sub in paragraphs
    assert paragraphs[0] == "En storregional mötesplats"
    assert len(paragraphs) == 10


def test_indicator_values():
    rows = read(CURATED / "indicator_values.csv")
    known = {r["id"] for r in read(COMMON / "indicators.csv")}
    got = {
        (r["indicator_id"], r["geography_type"], r["geography"], r["year"], r["value"], r["qualifier"], r["value_type"])
        for r in rows
    }
    assert got == {
        ("boende-i-karnan", "core", "sodertalje", "2026", "25000", "cirka", "utfall"),
        ("arbetande-i-karnan", "core", "sodertalje", "2026", "35000", "nästan", "utfall"),
        ("pendeltagsstationer-i-karnan", "core", "sodertalje", "2026", "4", "", "utfall"),
        ("andel-av-sveriges-export", "core", "sodertalje", "2026", "10", "omkring", "utfall"),
    }
    for r in rows:
        assert r["indicator_id"] in known
        assert in_seed(r["value_text"])
    texts = {r["indicator_id"]: r["value_text"] for r in rows}
    assert texts["boende-i-karnan"] == "Idag bor det cirka 25 000 personer i kärnan"
    assert texts["arbetande-i-karnan"] == "nästan 35 000 personer arbetar här"


def test_goal_areas():
    rows = read(COMMON / "goal_areas.csv")
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert [r["name"] for r in rows] == [
        "Levande och attraktiva stadskärnor",
        "Regionala målpunkter för samhällsservice",
        "Naturliga lokaliseringsplatser för näringsliv och innovation",
        "Tillgängliga regionala stadskärnor som bidrar till ett hållbart resande",
    ]
    for r in rows:
        assert f"- {r['name']}\n" in SEED_TEXT
        assert 1 <= len(r["short_name"].split()) <= 3
        assert in_seed(r["description"]) and "\n" not in r["description"]
        assert r["source_section"] == SECTIONS[int(r["id"])]
    assert rows[1]["description"].startswith("De regionala stadskärnorna ska utvecklas till regionala målpunkter")
