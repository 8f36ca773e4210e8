"""Checks for data/curated/rufs-2020: Bilaga 2 of Uppföljning av RUFS 2050 (2020).

Bilaga 2 ("Insatser kopplade till genomförandet av de regionala prioriteringarna") is a table with the
columns Rubrik | Syfte och finansiering | Huvudman | Samverkansparter, flattened into lines in the seed
text. These tests pin the row count per regional priority, a set of hand-checked rows, the core links,
and prove that titles, purposes, financing and actor names are the source's own words.
"""

import pathlib
import re

import pytest

from tests.data.curated_csv import ACTOR_TYPES, CONTRACT, CORE_IDS, read_curated, slug

ROOT = pathlib.Path(__file__).parents[2]
DATA = ROOT / "data"
FOLDER = DATA / "curated" / "rufs-2020"
SEED = DATA / "sources" / "seeds" / "rufs2050-uppfoljning-2020.txt"
SOURCE_ID = "rufs2050-uppfoljning-2020"
# the files this folder holds, each with the contract's header
HEADERS = {
    name: CONTRACT[name]
    for name in ["interventions.csv", "intervention_actors.csv", "intervention_cores.csv", "actors.csv"]
}


# The nine regional priorities (headings verbatim, line breaks joined) and the rows found under each.
ROWS_PER_PRIORITY = {
    "1. Öka bostadsbyggandet och skapa attraktiva livsmiljöer": 44,
    "2. Styra mot ett transporteffektivt samhälle": 26,
    "3. Ta tillvara kompetensen och underlätta matchningen på arbetsmarknaden": 14,
    "4. Nå en jämlik och förbättrad folkhälsa och bidra till att sluta hälsogapet": 69,
    "5. Stärka förutsättningarna för alla barn och unga att gå vidare till studier och arbete": 10,
    "6. Stärka strategiska forskningsstråk och innovationsmiljöer": 24,
    "7. Stärka den internationella ställningen genom fler etableringar, besök och ökad internationell handel": 22,
    "8. Öka de eldrivna person- och varutransporterna": 17,
    "9. Utveckla klimat- och resurseffektiva attraktiva regionala stadskärnor": 26,
}

# Rows whose purpose is split by a page break in the flattened text (actor lines or the repeated
# table header stand between the parts): the purpose is checked piecewise, in order.
PAGE_SPLIT_PURPOSE = {
    "rufs2020-boverkets-uppdrag",
    "rufs2020-kartlaggning-av-kulturmiljoomradets-aktorer-i-regionen",
    "rufs2020-kollektivtrafikplan-2050-for-stockholms-lan",
    "rufs2020-digitala-bazaren-december-2020",
    "rufs2020-samverkan-med-regionens-larosaten-inom-utbildningsomradet",
    "rufs2020-halsoframjande-befolkningsinriktat-uppdrag-till-huslakarmottagningar",
    "rufs2020-regional-digitaliseringskoordinator",
    "rufs2020-fordonsdalen-stockholm-3",
    "rufs2020-regional-plan-for-infrastruktur-for-elfordon-och-fornybara",
    "rufs2020-avs-utveckling-av-pendeltagstrafiken-i-stockholm",
}
# Actor names restored where the flattening split a word over two lines ("Upplands Väsb" / "kommun y",
# "universitets-" / "sjukhuset", ...): name_as_written -> the words as they stand in the seed.
RESTORED_NAMES = {
    "Upplands Väsby kommun": "Upplands Väsb kommun y",
    "Karolinska universitetssjukhuset": "Karolinska universitets-sjukhuset",
    "Exportkreditnämnden": "Exportkredit-nämnden",
    "Samverkansrådet för fysisk tillgänglighet med rådsmedlemmar från funktionshindersorganisationerna": (
        "Samverkansrådet för fysisk tillgänglighet med rådsmedlemmar från funktionshindersorganisatione rna"
    ),
}

# Every core link (intervention_cores.csv) found in the rubrik/syfte texts.
EXPECTED_LINKS = {
    "rufs2020-platsverkstan-stockholms-lans-museum": CORE_IDS,
    "rufs2020-natverket-for-regionala-stadskarnor": CORE_IDS,
    "rufs2020-uppdaterad-naringslivsstatistik-i-de-regionala-stadskarnorna": CORE_IDS,
    "rufs2020-dialog-med-de-regionala-stadskarnorna-i-huddinge-kommun": CORE_IDS,
    "rufs2020-kunskapsunderlag-kring-konstnarliga-produktionsplatser-och-pilotprojekt-i-samverkan": {
        "barkarby-jakobsberg",
        "haninge",
    },
    "rufs2020-utbyggnad-av-tunnelbanan-enligt-2013-ar-stockholmsforhandling": {"barkarby-jakobsberg"},
    "rufs2020-utbyggnad-av-tunnelbanan-enligt-2013-ar-stockholmsforhandling-2": {"barkarby-jakobsberg"},
    "rufs2020-utveckling-av-den-regionala-stadskarnan-flemingsberg": {"flemingsberg"},
    "rufs2020-urban-ict-arena": {"kista-sollentuna-haggvik"},
    "rufs2020-utvecklingsplan-for-kungens-kurva-huddinge-kommun": {"kungens-kurva-skarholmen"},
    "rufs2020-utvecklingsplan-for-flemingsberg-huddinge-kommun": {"flemingsberg"},
    "rufs2020-avs-bytespunkt-flemingsberg": {"flemingsberg"},
    "rufs2020-processledare-for-den-regionala-stadskarnan-flemingsberg": {"flemingsberg"},
    "rufs2020-klimatneutrala-barkarbystaden-2019-2021": {"barkarby-jakobsberg"},
    "rufs2020-bikeable-city-barkarby": {"barkarby-jakobsberg"},
    "rufs2020-sydlig-entre-till-haggviks-pendeltagsstation": {"kista-sollentuna-haggvik"},
    "rufs2020-vision-kista-5-0": {"kista-sollentuna-haggvik"},
    "rufs2020-dorr-till-dorr-losning-for-framtidens-kollektivtrafik-testpilot-i": {"kista-sollentuna-haggvik"},
    "rufs2020-stockholm-data-parks-i-kista-och-arlanda-brista": {"kista-sollentuna-haggvik", "arlanda-marsta"},
    "rufs2020-lona-simulering-av-gronstruktur-och-ekologiska-landskapssamband-i": {"kista-sollentuna-haggvik"},
    "rufs2020-arninge-resecenter": {"taby-centrum-arninge"},
    "rufs2020-stadsmiljoavtal-for-utbyggnaden-av-tvarsparvag-kistagrenen": {"kista-sollentuna-haggvik"},
}

# Hand-checked rows: (title, priority number, core_id or "", leads, some participants).
SPOT_CHECKS = {
    "rufs2020-forum-for-regionplanering": (
        "Forum för regionplanering",
        1,
        "",
        {"region-stockholm"},
        {"regionens-kommuner"},
    ),
    "rufs2020-stads-och-bebyggelseplanering-samt-genomforande": (
        "Stads- och bebyggelseplanering samt genomförande",
        1,
        "",
        {"regionens-kommuner"},
        {"byggbolag", "fastighetsagare", "investerare"},
    ),
    "rufs2020-bostadspolitiska-samtal": (
        "Bostadspolitiska samtal",
        1,
        "",
        {"region-stockholm"},
        {"storsthlm", "stockholms-stad", "botkyrka-kommun"},
    ),
    "rufs2020-utveckling-av-den-regionala-stadskarnan-flemingsberg": (
        "Utveckling av den regionala stadskärnan Flemingsberg",
        6,
        "flemingsberg",
        {"huddinge-kommun", "botkyrka-kommun", "region-stockholm"},
        set(),
    ),
    "rufs2020-utvecklingsplan-for-kungens-kurva-huddinge-kommun": (
        "Utvecklingsplan för Kungens Kurva, Huddinge kommun",
        9,
        "kungens-kurva-skarholmen",
        {"huddinge-kommun"},
        {"mandaworks", "pe-projektengagemang", "stockholms-stad", "fastighetsagare"},
    ),
    "rufs2020-avs-bytespunkt-flemingsberg": (
        "ÅVS Bytespunkt Flemingsberg",
        9,
        "flemingsberg",
        {"trafikverket"},
        {"huddinge-kommun", "region-stockholm"},
    ),
    "rufs2020-processledare-for-den-regionala-stadskarnan-flemingsberg": (
        "Processledare för den regionala stadskärnan Flemingsberg",
        9,
        "flemingsberg",
        {"huddinge-kommun"},
        {"huddinge-kommun", "botkyrka-kommun", "region-stockholm"},
    ),
    "rufs2020-klimatneutrala-barkarbystaden-2019-2021": (
        "Klimatneutrala Barkarbystaden 2019–2021",
        9,
        "barkarby-jakobsberg",
        {"jarfalla-kommun"},
        {"barkarby-science", "ncc", "sodertorns-hogskola"},
    ),
    "rufs2020-vision-kista-5-0": (
        "Vision Kista 5.0",
        9,
        "kista-sollentuna-haggvik",
        {"kista-science-city"},
        {"stockholms-stad", "sollentuna-kommun", "region-stockholm"},
    ),
    "rufs2020-sydlig-entre-till-haggviks-pendeltagsstation": (
        "Sydlig entré till Häggviks pendeltågsstation",
        9,
        "kista-sollentuna-haggvik",
        {"trafikverket"},
        {"sollentuna-kommun", "region-stockholm"},
    ),
    "rufs2020-arninge-resecenter": (
        "Arninge Resecenter",
        9,
        "taby-centrum-arninge",
        {"trafikverket", "region-stockholm", "taby-kommun"},
        set(),
    ),
    "rufs2020-stockholm-data-parks-i-kista-och-arlanda-brista": (
        "Stockholm Data Parks i Kista och Arlanda/Brista",
        9,
        "",
        {"stockholm-exergi"},
        {"stockholms-stad", "ellevio", "stokab"},
    ),
    "rufs2020-kilsamverkan-inom-angarnkilen-bogesundskilen-och-rosjokilen": (
        "Kilsamverkan inom Angarnkilen, Bogesundskilen och Rösjökilen",
        4,
        "",
        {
            "danderyds-kommun",
            "sigtuna-kommun",
            "sollentuna-kommun",
            "taby-kommun",
            "upplands-vasby-kommun",
            "vallentuna-kommun",
            "vaxholms-kommun",
            "osterakers-kommun",
        },
        {"region-stockholm", "naturskyddsforeningen"},
    ),
    "rufs2020-forstudie-kring-etablering-av-fritidsbanken-i-stockholmsregionen": (
        "Förstudie kring etablering av Fritidsbanken i Stockholmsregionen",
        4,
        "",
        {"fritidsbanken-sverige"},
        {"skarholmens-stadsdelsforvaltning", "upplands-vasby-kommun", "svenska-turistforeningen"},
    ),
    "rufs2020-smartedge": ("SmartEdge", 9, "", {"region-stockholm"}, {"natverket-for-regionala-stadskarnor"}),
}


def read(name):
    return read_curated(FOLDER, name)


def squash(text):
    """Whitespace normalisation for comparison: the seed breaks lines anywhere, also inside words."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def appendix():
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Bilaga 2 Insatser kopplade till")
    end = text.index("Bilaga 3 Uppföljning av tillhörande")
    return text[start:end]


@pytest.fixture(scope="module")
def flat(appendix):
    return squash(appendix)


@pytest.fixture(scope="module")
def interventions():
    return read("interventions.csv")


@pytest.fixture(scope="module")
def by_id(interventions):
    return {r["id"]: r for r in interventions}


@pytest.fixture(scope="module")
def roles():
    return read("intervention_actors.csv")


@pytest.fixture(scope="module")
def links():
    return read("intervention_cores.csv")


@pytest.fixture(scope="module")
def actors():
    return read("actors.csv")


def found_in_pieces(needle, hay, max_pieces=3):
    """True when needle is hay's text cut into at most max_pieces parts that occur in order."""
    pos, pieces = 0, 0
    while needle:
        pieces += 1
        if pieces > max_pieces:
            return False
        lo, hi = 0, len(needle)  # longest prefix of needle that occurs in hay after pos
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if hay.find(needle[:mid], pos) >= 0:
                lo = mid
            else:
                hi = mid - 1
        if lo < 20 and lo < len(needle):
            return False
        pos = hay.find(needle[:lo], pos) + lo
        needle = needle[lo:]
    return True


def test_rows_per_priority(interventions):
    counts = {}
    for r in interventions:
        counts[r["regional_priority"]] = counts.get(r["regional_priority"], 0) + 1
    assert counts == ROWS_PER_PRIORITY
    assert len(interventions) == sum(ROWS_PER_PRIORITY.values()) == 252


def test_priority_headings_are_in_the_seed(flat):
    for heading in ROWS_PER_PRIORITY:
        assert squash(heading) in flat, heading


def test_fixed_fields_and_provenance(interventions):
    for r in interventions:
        assert r["source_id"] == SOURCE_ID, r["id"]
        assert r["source_section"] == f"Bilaga 2 › {r['regional_priority']}", r["id"]
        assert r["plan_type"] == "rufs", r["id"]
        for empty in ("code", "description", "goal_area_id", "kind", "timing", "budget"):
            assert r[empty] == "", (r["id"], empty)
        assert r["title"] and r["purpose"], r["id"]
        assert r["financing"] != "-", r["id"]
        assert r["scope"] in {"core", "regional"}, r["id"]
        assert (r["scope"] == "core") == bool(r["core_id"]), r["id"]
        assert r["core_id"] == "" or r["core_id"] in CORE_IDS, r["id"]
        assert r["title"] == r["title"].strip() and "  " not in r["title"], r["id"]
        assert not r["purpose"].startswith(("Syfte:", "- Syfte:")), r["id"]
        assert "Finansiering:" not in r["purpose"] and "Syfte:" not in r["purpose"], r["id"]
        assert not r["financing"].startswith(("Finansiering:", "Finansiering;")), r["id"]


def test_ids_follow_the_rule_and_are_unique(interventions):
    seen = {}
    for r in interventions:
        words = [w for w in r["title"].split() if re.search(r"[0-9A-Za-zÅÄÖåäöÉéÜü]", w)]
        base = "rufs2020-" + slug(" ".join(words[:8]))
        seen[base] = seen.get(base, 0) + 1
        expected = base if seen[base] == 1 else f"{base}-{seen[base]}"
        assert r["id"] == expected
    assert len({r["id"] for r in interventions}) == len(interventions)


def test_titles_purposes_and_financing_are_the_source_text(interventions, flat):
    for r in interventions:
        assert squash(r["title"]) in flat, r["id"]
        if r["financing"]:
            assert squash(r["financing"]) in flat, r["id"]
        purpose = squash(r["purpose"])
        if r["id"] in PAGE_SPLIT_PURPOSE:
            assert found_in_pieces(purpose, flat), r["id"]
        else:
            assert purpose in flat, r["id"]


def test_actor_rows(roles, by_id, actors, flat):
    actor_ids = {a["id"] for a in actors}
    keys = set()
    for row in roles:
        assert row["intervention_id"] in by_id, row
        assert row["actor_id"] in actor_ids, row
        assert row["role"] in {"lead", "participant"}, row
        assert row["source_id"] == SOURCE_ID, row
        assert row["source_section"] == by_id[row["intervention_id"]]["source_section"], row
        name = RESTORED_NAMES.get(row["name_as_written"], row["name_as_written"])
        assert squash(name) in flat, row
        key = (row["intervention_id"], row["actor_id"], row["role"])
        assert key not in keys, key
        keys.add(key)
    leads = {row["intervention_id"] for row in roles if row["role"] == "lead"}
    assert leads == set(by_id), "every row has a huvudman"


def test_actors_file(actors, roles):
    ids = [a["id"] for a in actors]
    assert len(ids) == len(set(ids))
    for a in actors:
        assert a["id"] == slug(a["id"]) and a["name"], a
        assert a["type"] in ACTOR_TYPES, a
    assert set(ids) == {row["actor_id"] for row in roles}, "every actor is used, every used actor listed"
    known = {a["id"]: (a["name"], a["type"]) for a in actors}
    assert known["region-stockholm"] == ("Region Stockholm", "region")
    assert known["lansstyrelsen-stockholm"] == ("Länsstyrelsen Stockholm", "statlig myndighet")
    assert known["storsthlm"] == ("Storsthlm", "övrigt")
    assert known["stockholms-stad"] == ("Stockholms stad", "kommun")
    assert known["regionens-kommuner"][1] == "kommun"
    assert known["almi-stockholm-ab"] == ("Almi Stockholm AB", "bolag")
    assert known["fastighetsagare"] == ("Fastighetsägare", "näringsliv")


def test_spelling_variants_collapse_to_one_actor(roles):
    written = {}
    for row in roles:
        written.setdefault(row["actor_id"], set()).add(row["name_as_written"])
    assert {"Stockholms stad", "Stockholm stad", "Stockholms Stad"} <= written["stockholms-stad"]
    assert {"Region Stockholm", "Region Sthlm", "Regionen"} <= written["region-stockholm"]
    assert {"Almi Stockholm Sörmland", "Almi Företagspartner Stockholm Sörmland"} == written["almi-stockholm-ab"]
    assert {"Stockholms Läns Museum", "länsmuseet"} == written["stockholms-lans-museum"]
    # the region's kommuner, as the source writes them where an insats keeps to the county
    # (actor_readings.csv says why, tests/data/test_curated_actor_readings.py)
    assert {"Regionens kommuner", "regionens kommuner", "Kommuner", "Berörda kommuner"} <= written["regionens-kommuner"]
    assert "Länsstyrelser och kommuner i landet" in written["kommuner"]


def test_core_links(links, by_id, flat):
    got = {}
    for row in links:
        assert row["core_id"] in CORE_IDS, row
        assert row["source_id"] == SOURCE_ID, row
        r = by_id[row["intervention_id"]]
        assert row["source_section"] == r["source_section"], row
        assert row["basis"] and row["basis"] in (r["title"] + " " + r["purpose"]), row
        assert squash(row["basis"]) in flat, row
        got.setdefault(row["intervention_id"], set()).add(row["core_id"])
    assert got == EXPECTED_LINKS
    for r in by_id.values():
        if r["scope"] == "core":
            assert got[r["id"]] == {r["core_id"]}, r["id"]
        elif r["id"] in got:
            assert len(got[r["id"]]) > 1, r["id"]


@pytest.mark.parametrize("iid", sorted(SPOT_CHECKS))
def test_spot_checked_rows(iid, by_id, roles):
    title, prio, core, leads, participants = SPOT_CHECKS[iid]
    r = by_id[iid]
    assert r["title"] == title
    assert r["regional_priority"].startswith(f"{prio}. ")
    assert r["core_id"] == core
    assert r["scope"] == ("core" if core else "regional")
    got_leads = {row["actor_id"] for row in roles if row["intervention_id"] == iid and row["role"] == "lead"}
    got_parts = {row["actor_id"] for row in roles if row["intervention_id"] == iid and row["role"] == "participant"}
    assert got_leads == leads
    assert participants <= got_parts
    if not participants:
        assert got_parts == set()


def test_named_texts_of_selected_rows(by_id, roles):
    forum = by_id["rufs2020-forum-for-regionplanering"]
    assert forum["purpose"].startswith("Start av ett nytt mötesforum för alla som arbetar med fysisk planering")
    assert forum["financing"] == "Region Stockholm"
    samtal = by_id["rufs2020-bostadspolitiska-samtal"]
    assert samtal["purpose"] == (
        "Hitta gemensamma politiska positioner för att öka bostadsbyggandet och trygga bostadsförsörjningen."
    )
    assert samtal["financing"] == "" and samtal["note"]
    names = {
        (row["actor_id"], row["name_as_written"])
        for row in roles
        if row["intervention_id"] == "rufs2020-stads-och-bebyggelseplanering-samt-genomforande"
    }
    assert ("investerare", "investerare m fl") in names
    assert (
        by_id["rufs2020-forstudie-kring-etablering-av-fritidsbanken-i-stockholmsregionen"]["financing"]
        == "Samverkansparter, Hållbarhets- och skärgårdsanslag"
    )
    assert by_id["rufs2020-bikeable-city-barkarby"]["financing"] == "Vinnova"
    assert "\n• Typhusutredningen Fi 2019:04" in by_id["rufs2020-pagaende-statliga-utredningar"]["purpose"]
