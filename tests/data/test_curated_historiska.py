"""Checks of data/curated/historiska-planer against the two historical plans it was read from.

Flemingsberg 2009–2011 (clean text): every activity title must occur verbatim in the seed
(after whitespace normalisation). Södertörn 2019 (OCR, table flattened): the table's columns are
interleaved line by line and å/ä/ö are mangled, so each title is compared after ASCII folding
(å ä → a, ö → o, é → e) with hyphens and whitespace as word separators; its words must occur in the
seed in the same order within a short stretch of text. OCR misreadings of single words are listed
explicitly in OCR_VARIANTS (seed form → restored form) so every restoration stays reviewable.
A title may contain "…" where the OCR text is unreadable; only the legible words are checked.
"""

import csv
import re
from pathlib import Path

from tests.data.curated_csv import ACTOR_TYPES, CONTRACT, CORE_IDS, read_curated, slug

ROOT = Path(__file__).parents[2]
FOLDER = ROOT / "data" / "curated" / "historiska-planer"
# the files this folder holds, each with the contract's header
HEADERS = {
    name: CONTRACT[name]
    for name in ["interventions.csv", "intervention_actors.csv", "intervention_cores.csv", "actors.csv"]
}
SEEDS = ROOT / "data" / "sources" / "seeds"
FLEM_SEED = SEEDS / "flemingsberg-verksamhetsplan-2009-2011.txt"
SOD_SEED = SEEDS / "sodertorn-samarbetskommitte-verksamhetsplan-2019.txt"

N_FLEMINGSBERG_2009 = 15
N_SODERTORN_2019 = 32


# OCR misreadings in the Södertörn seed (already ASCII-folded), seed word → restored word.
OCR_VARIANTS = {
    "sodertsrn": "sodertorn",
    "sedertorns": "sodertorns",
    "sodertilje": "sodertalje",
    "pgaende": "pagaende",
    "vig": "vag",
    "anska": "ansoka",
    "neringslivets": "naringslivets",
    "neringslivet": "naringslivet",
    "utdkade": "utokade",
    "enkitundersokning": "enkatundersokning",
}
# Words the OCR split with a space where å/ä/ö was lost (folded seed text → restored).
OCR_SPLITS = {"avs tter": "avsatter"}


def read(name):
    return read_curated(FOLDER, name)


def fold(text):
    t = text.lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e")):
        t = t.replace(a, b)
    return t


def tokens(text):
    return re.findall(r"[a-z0-9]+", fold(text))


def seed_tokens_sodertorn():
    text = fold(SOD_SEED.read_text(encoding="utf-8"))
    for ocr, fixed in OCR_SPLITS.items():
        text = text.replace(ocr, fixed)
    return [OCR_VARIANTS.get(t, t) for t in re.findall(r"[a-z0-9]+", text)]


def occurs_in_order(needle, hay, slack=40):
    """needle's tokens occur in hay in order, within len(needle)*3 + slack tokens."""
    if not needle:
        return True
    window = len(needle) * 3 + slack
    for start, tok in enumerate(hay):
        if tok != needle[0]:
            continue
        i, pos = 1, start + 1
        while i < len(needle) and pos < min(len(hay), start + window):
            if hay[pos] == needle[i]:
                i += 1
            pos += 1
        if i == len(needle):
            return True
    return False


INTERVENTIONS = read("interventions.csv")
ACTOR_LINKS = read("intervention_actors.csv")
CORE_LINKS = read("intervention_cores.csv")
ACTORS = read("actors.csv")
BY_ID = {r["id"]: r for r in INTERVENTIONS}


def plan(prefix):
    return [r for r in INTERVENTIONS if r["id"].startswith(prefix)]


def leads(iid):
    return sorted(a["actor_id"] for a in ACTOR_LINKS if a["intervention_id"] == iid and a["role"] == "lead")


def participants(iid):
    return sorted(a["actor_id"] for a in ACTOR_LINKS if a["intervention_id"] == iid and a["role"] == "participant")


def test_activity_counts_per_plan():
    assert len(plan("fvp2009-")) == N_FLEMINGSBERG_2009
    assert len(plan("sodertorn2019-")) == N_SODERTORN_2019
    assert len(INTERVENTIONS) == N_FLEMINGSBERG_2009 + N_SODERTORN_2019


def test_ids_unique_and_derived_from_title():
    assert len(BY_ID) == len(INTERVENTIONS)
    for r in INTERVENTIONS:
        prefix = "fvp2009-" if r["source_id"] == "flemingsberg-vp-2009" else "sodertorn2019-"
        words = [w for w in r["title"].split() if re.search(r"\w", w)]
        assert r["id"] == prefix + slug(" ".join(words[:6])), r["id"]


def test_fixed_fields():
    for r in INTERVENTIONS:
        assert r["plan_type"] == "historisk"
        assert r["goal_area_id"] == "" and r["kind"] == "" and r["code"] == ""
        assert r["purpose"] == r["financing"] == r["regional_priority"] == ""
        assert r["title"].strip() and r["title"] == r["title"].strip()
        if r["source_id"] == "flemingsberg-vp-2009":
            assert (r["scope"], r["core_id"]) == ("core", "flemingsberg"), r["id"]
            assert r["source_section"].startswith("Bilaga 1. Handlingsplan 2009 › ")
        else:
            assert r["source_id"] == "sodertorn-vp-2019", r["id"]
            assert r["source_section"].startswith("Bilaga 1 Handlingsplan › ")
            if r["scope"] == "core":
                assert r["core_id"] in CORE_IDS
            else:
                assert (r["scope"], r["core_id"]) == ("regional", ""), r["id"]


def test_every_row_has_provenance():
    sources = {
        r["id"] for r in csv.DictReader((ROOT / "data" / "curated" / "common" / "sources.csv").open(encoding="utf-8"))
    }
    for row in INTERVENTIONS + ACTOR_LINKS + CORE_LINKS:
        assert row["source_id"] in sources, row
        assert row["source_section"].strip(), row


def test_flemingsberg_titles_and_descriptions_are_verbatim():
    seed = " ".join(FLEM_SEED.read_text(encoding="utf-8").split())
    handlingsplan = seed[seed.index("# Bilaga 1. Handlingsplan 2009") :]
    for r in plan("fvp2009-"):
        assert " ".join(r["title"].split()) in handlingsplan, r["id"]
        assert " ".join(r["description"].split()) in handlingsplan, r["id"]
        assert r["source_section"].split(" › ")[-1] in handlingsplan, r["id"]


def test_sodertorn_titles_occur_in_ocr_text():
    hay = seed_tokens_sodertorn()
    for r in plan("sodertorn2019-"):
        for fragment in r["title"].split("…"):
            assert occurs_in_order(tokens(fragment), hay), (r["id"], fragment)


def test_actor_ids_exist_and_are_consistent():
    ids = [a["id"] for a in ACTORS]
    assert len(ids) == len(set(ids))
    for a in ACTORS:
        assert a["type"] in ACTOR_TYPES, a
        assert a["id"] == slug(a["name"]), a
    known = set(ids)
    for link in ACTOR_LINKS:
        assert link["actor_id"] in known, link
        assert link["intervention_id"] in BY_ID, link
        assert link["role"] in {"lead", "participant"}, link
        assert link["name_as_written"].strip(), link
        assert link["source_id"] == BY_ID[link["intervention_id"]]["source_id"], link
    keys = [(a["intervention_id"], a["actor_id"], a["role"]) for a in ACTOR_LINKS]
    assert len(keys) == len(set(keys))
    assert {a["actor_id"] for a in ACTOR_LINKS} == known  # no unused actors
    for c in CORE_LINKS:
        assert c["intervention_id"] in BY_ID and c["core_id"] in CORE_IDS and c["basis"].strip(), c


def test_well_known_actor_ids():
    by_id = {a["id"]: a for a in ACTORS}
    assert (
        by_id["stockholms-lans-landsting"]["name"],
        by_id["stockholms-lans-landsting"]["type"],
        by_id["stockholms-lans-landsting"]["note"],
    ) == ("Stockholms läns landsting", "region", "föregångare till Region Stockholm")
    assert by_id["kth"]["name"] == "KTH" and by_id["kth"]["type"] == "akademi"
    for aid in ("karolinska-institutet", "sodertorns-hogskola"):
        assert by_id[aid]["type"] == "akademi"
    assert by_id["trafikverket"]["type"] == "statlig myndighet"
    for aid in ("huddinge-kommun", "botkyrka-kommun", "sodertalje-kommun", "haninge-kommun"):
        assert by_id[aid]["type"] == "kommun"
    assert by_id["sodertornskommunernas-samarbetskommitte"]["type"] == "övrigt"


def test_specific_flemingsberg_activities():
    r = BY_ID["fvp2009-etablera-en-struktur-for-foretagssamverkan"]
    assert r["title"] == "Etablera en struktur för företagssamverkan"
    assert r["description"] == "Etablera en struktur för företagssamverkan."
    assert r["source_section"] == "Bilaga 1. Handlingsplan 2009 › Öka näringslivsfokus"
    assert r["timing"] == "2009" and r["budget"] == ""
    assert leads(r["id"]) == []  # the plan names no responsible party per activity

    r = BY_ID["fvp2009-stotta-kisps-fortsatta-expansion-och-samarbeten"]
    assert r["source_section"] == "Bilaga 1. Handlingsplan 2009 › Stärk innovations- och kommersialiseringsmiljöerna"
    assert participants(r["id"]) == sorted(
        [
            "karolinska-institutet-science-park-ab",
            "centrum-for-teknik-i-medicin-och-halsa",
            "kth",
            "sodertorns-hogskola",
            "karolinska-institutet",
        ]
    )

    r = BY_ID["fvp2009-arbeta-for-en-aktiv-naringslivsbearbetning-med"]
    assert "stockholms-lans-landsting" in participants(r["id"])
    assert "huddinge-kommun" in participants(r["id"]) and "botkyrka-kommun" in participants(r["id"])

    sections = {r["source_section"].split(" › ")[1] for r in plan("fvp2009-")}
    assert sections == {
        "Stärk innovations- och kommersialiseringsmiljöerna",
        "Öka näringslivsfokus",
        "Öka uppmärksamheten kring Flemingsberg som etableringsalternativ",
    }


def test_specific_sodertorn_activities():
    r = BY_ID["sodertorn2019-tvar-sodertorn"]
    assert r["title"] == "Tvär Södertörn" and r["timing"] == "Löpande" and r["budget"] == ""
    assert leads(r["id"]) == ["botkyrka-kommun", "haninge-kommun", "huddinge-kommun"]

    r = BY_ID["sodertorn2019-uppdatera-gemensam-bisnod-analys-av-naringslivet-pa"]
    assert r["title"] == "Uppdatera gemensam BISNOD-analys av näringslivet på Södertörn"
    assert (r["timing"], r["budget"]) == ("mars", "120 000 kr")
    assert leads(r["id"]) == ["huddinge-kommun", "sodertalje-kommun"]

    r = BY_ID["sodertorn2019-foretagsevent-vid-radslag-2019"]
    assert (r["timing"], r["budget"]) == ("10-apr", "100 000")
    assert leads(r["id"]) == ["huddinge-kommun", "salems-kommun", "tyreso-kommun"]

    r = BY_ID["sodertorn2019-forstudie-teknisk-forsorjning"]
    assert r["timing"] == "Våren"
    assert leads(r["id"]) == ["huddinge-kommun", "nynashamns-kommun"]
    assert participants(r["id"]) == ["tyrens"]

    r = BY_ID["sodertorn2019-nyckeltalsdagen"]
    assert r["timing"] == "Hösten" and leads(r["id"]) == ["ekonomidirektorerna"]

    r = BY_ID["sodertorn2019-slutfora-projektet"]
    assert r["timing"] == "Februari" and leads(r["id"]) == ["projektet-ada"]
    assert participants(r["id"]) == sorted(
        ["botkyrka-kommun", "huddinge-kommun", "tyreso-kommun", "haninge-kommun", "nynashamns-kommun"]
    )

    r = BY_ID["sodertorn2019-avsatter-tid"]
    assert r["timing"] == "Vid behov." and leads(r["id"]) == ["sodertornskommunernas-samarbetskommitte"]

    r = BY_ID["sodertorn2019-bevaka-utvecklingen-av-elvag-pa-sodertorn"]
    assert leads(r["id"]) == ["haninge-kommun", "nynashamns-kommun", "sodertornskommunerna"]

    # every Södertörn activity has a responsible party, and its wording is kept in the note
    for r in plan("sodertorn2019-"):
        assert leads(r["id"]), r["id"]
        assert r["note"].startswith("Ansvar enligt källan: ”"), r["id"]


def test_sodertorn_core_links():
    # No activity in the 2019 handlingsplan legibly names one of the eight cores.
    assert [r["id"] for r in plan("sodertorn2019-") if r["scope"] == "core"] == []
    assert CORE_LINKS == []
