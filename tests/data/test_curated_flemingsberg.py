"""Checks for data/curated/flemingsberg-2025 (Färdplan Flemingsberg, utkast hösten 2025).

The draft is an OCR text (å/ä/ö lost, hyphenated line breaks). The curated text restores characters
only; the fold/compare checks below prove that titles and descriptions were not reworded.
"""

import csv
import difflib
import pathlib
import re

import pytest

from tests.data.curated_csv import ACTOR_TYPES, CONTRACT, read_curated, slug

ROOT = pathlib.Path(__file__).parents[2]
DATA = ROOT / "data"
FOLDER = DATA / "curated" / "flemingsberg-2025"
SEED = DATA / "sources" / "seeds" / "fardplan-flemingsberg-utkast-2025.txt"
SODERTALJE_INTERVENTIONS = DATA / "curated" / "sodertalje-2026" / "interventions.csv"
SOURCE_ID = "fardplan-flemingsberg-2025"
# the files this folder holds, each with the contract's header
HEADERS = {
    name: CONTRACT[name]
    for name in [
        "interventions.csv",
        "intervention_variants.csv",
        "intervention_actors.csv",
        "actors.csv",
        "directions.csv",
        "core_texts.csv",
        "indicator_values.csv",
        "roadmap_texts.csv",
    ]
}


# Core-specific (kärnspecifika) insatser in the draft, with their goal area.
EXPECTED_CORE = {
    "flemingsberg-samverkan-och-kunskapsuppbyggnad-kring-utvecklingen-av": "1",
    "flemingsberg-samverka-for-en-tryggare-stadskarna-och": "1",
    "flemingsberg-verka-for-att-sodertorns-hogskola-blir": "2",
    "flemingsberg-underlatta-matchningen-mellan-lokalutbud-och-efterfragan": "2",
    "flemingsberg-samverka-kring-vardens-langsiktiga-behov-av": "2",
    "flemingsberg-stark-utvecklingen-av-flemingsbergs-life-science-kluster": "3",
    "flemingsberg-oka-mojligheterna-att-ga-cykla-och": "4",
    "flemingsberg-samverka-for-att-sakerstalla-framkomligheten-for": "4",
    "flemingsberg-stark-flemingsberg-som-en-storregional-bytespunkt": "4",
}
# The draft's wording of the shared insatser, matched to Södertälje 2026's numbering.
EXPECTED_VARIANTS = {
    "gemensam-1.1",
    "gemensam-2.2",
    "gemensam-3.1",
    "gemensam-3.2",
    "gemensam-3.3",
    "gemensam-4.1",
    "gemensam-4.2",
}
KINDS = {"", "Samverkan/dialog", "Kunskap", "Planering och genomförande", "Kommunikation/marknadsföring"}


def read(name):
    return read_curated(FOLDER, name)


def fold(text):
    text = text.lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e")):
        text = text.replace(a, b)
    text = re.sub(r"-[ \t]*\n\s*", "", text)  # hyphenated line breaks
    return re.sub(r"\s+", "", text)


SEED_FOLDED = fold(SEED.read_text(encoding="utf-8"))


def best_ratio(needle, hay=SEED_FOLDED):
    """Similarity of `needle` to the best-matching window of `hay` (1.0 = exact substring)."""
    if needle in hay:
        return 1.0
    n = len(needle)
    starts = set()
    finder = difflib.SequenceMatcher(None, autojunk=False)
    finder.set_seq2(hay)
    step = max(20, n // 6)
    for i0 in range(0, n, step):
        chunk = needle[i0 : i0 + step]
        finder.set_seq1(chunk)
        m = finder.find_longest_match(0, len(chunk), 0, len(hay))
        if m.size >= 6:
            starts.add(m.b - (i0 + m.a))
    best = 0.0
    for s in starts:
        for d in range(-12, 13, 3):
            for ln in (n - 10, n, n + 10, n + 25):
                lo = max(0, s + d)
                window = hay[lo : lo + ln]
                sm = difflib.SequenceMatcher(None, needle, window, autojunk=False)
                if sm.real_quick_ratio() <= best or sm.quick_ratio() <= best:
                    continue
                best = max(best, sm.ratio())
    return best


def all_files():
    return [name for name in HEADERS if (FOLDER / name).exists()]


def test_only_contract_files():
    present = {p.name for p in FOLDER.iterdir()}
    assert present <= set(HEADERS), present - set(HEADERS)
    for name in HEADERS:
        assert (FOLDER / name).exists(), name


@pytest.mark.parametrize("name", list(HEADERS))
def test_every_row_has_provenance(name):
    sources = {r["id"] for r in csv.DictReader((DATA / "curated" / "common" / "sources.csv").open(encoding="utf-8"))}
    assert SOURCE_ID in sources
    rows = read(name) if name != "actors.csv" else []
    for row in rows:
        assert row["source_id"] == SOURCE_ID, (name, row)
        assert row["source_section"].strip(), (name, row)


def test_core_interventions():
    rows = read("interventions.csv")
    got = {r["id"]: r["goal_area_id"] for r in rows}
    assert got == EXPECTED_CORE
    for r in rows:
        assert r["id"] == "flemingsberg-" + slug(" ".join(r["title"].split()[:6])), r["id"]
        assert r["code"] == ""
        assert r["scope"] == "core" and r["core_id"] == "flemingsberg" and r["plan_type"] == "fardplan"
        assert r["kind"] in KINDS
        assert r["title"].strip() and r["description"].strip()
        for field in ("purpose", "financing", "regional_priority", "timing", "budget"):
            assert r[field] == ""
    halso = [r for r in rows if "Hälsovägen" in r["title"]]
    assert len(halso) == 1 and halso[0]["goal_area_id"] == "1"
    assert halso[0]["id"] == "flemingsberg-samverkan-och-kunskapsuppbyggnad-kring-utvecklingen-av"
    # shared insatser must not be duplicated as core rows
    assert not any(r["id"].startswith("gemensam-") for r in rows)


def test_variants():
    rows = read("intervention_variants.csv")
    ids = [r["intervention_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert set(ids) == EXPECTED_VARIANTS
    core_titles = {r["title"] for r in read("interventions.csv")}
    for r in rows:
        assert r["title"].strip() and r["description"].strip()
        assert r["title"] not in core_titles


def test_variants_point_at_sodertalje_shared_ids():
    if not SODERTALJE_INTERVENTIONS.exists():
        pytest.skip("sodertalje-2026/interventions.csv not written yet")
    shared = {
        r["id"]
        for r in csv.DictReader(SODERTALJE_INTERVENTIONS.open(encoding="utf-8"))
        if r["id"].startswith("gemensam-")
    }
    for r in read("intervention_variants.csv"):
        assert r["intervention_id"] in shared, r["intervention_id"]


def _texts():
    out = []
    for r in read("interventions.csv"):
        out += [(r["id"], "title", r["title"]), (r["id"], "description", r["description"])]
    for r in read("intervention_variants.csv"):
        out += [(r["intervention_id"], "title", r["title"]), (r["intervention_id"], "description", r["description"])]
    for r in read("directions.csv"):
        out += [(r["goal_area_id"], "heading", r["heading"]), (r["goal_area_id"], "text", r["text"])]
    for r in read("core_texts.csv"):
        for i, para in enumerate(r["text"].split("\n\n")):
            out.append((r["core_id"], f"paragraph {i + 1}", para))
    for r in read("roadmap_texts.csv"):
        out.append((r["field"], "heading", r["heading"]))
        for i, para in enumerate(r["text"].split("\n\n")):
            out.append((r["heading"], f"paragraph {i + 1}", para))
    return out


def test_texts_match_seed_not_reworded():
    texts = _texts()
    exact = 0
    failures = []
    for key, field, text in texts:
        ratio = best_ratio(fold(text))
        exact += ratio == 1.0
        if ratio < 0.95:  # brief: >= 0.9; all current texts score >= 0.97
            failures.append((key, field, round(ratio, 3)))
    assert not failures, failures
    # the OCR replaced å/ä/ö with a mix of symbols, so only a part can be exact after folding
    assert exact >= len(texts) // 4, (exact, len(texts))


UNRESTORED = re.compile(
    r"\b(for|ar|pa|fran|aven|ocksa|oka|stark|karnan|karnor|stadskarna|stadskarnor|stadskarnorna|"
    r"malpunkter|hallbart|naringsliv|naringslivet|tillganglighet|aktorer|berorda|mojligheter)\b"
)


def test_no_ocr_debris():
    for key, field, text in _texts():
        assert not UNRESTORED.search(text.lower()), (key, field, UNRESTORED.search(text.lower()).group())
        assert not re.search(r"[|&©»“]", text), (key, field)
        assert not re.search(r"[a-zåäö][0-9]|[0-9][a-zåäö]", text.lower()), (key, field)
        assert not re.search(r"\w-\n", text), (key, field)
        assert "Placeholder" not in text and "Karta regionala" not in text


def test_directions():
    rows = read("directions.csv")
    assert sorted(r["goal_area_id"] for r in rows) == ["1", "2", "3", "4"]
    for r in rows:
        assert r["core_id"] == "flemingsberg"
        assert r["heading"].startswith("Färdriktning mot en ")
        assert r["text"].strip()
    h = {r["goal_area_id"]: r["heading"] for r in rows}
    assert h["1"] == "Färdriktning mot en levande och attraktiv regional stadskärna"


def test_core_text():
    rows = read("core_texts.csv")
    assert len(rows) == 1
    r = rows[0]
    assert r["core_id"] == "flemingsberg" and r["field"] == "description"
    assert r["text"].startswith("Flemingsberg ligger i Huddinge och Botkyrka kommun")
    assert len(r["text"].split("\n\n")) == 6


def test_indicator_values():
    rows = read("indicator_values.csv")
    defined = {r["id"] for r in csv.DictReader((DATA / "curated" / "common" / "indicators.csv").open(encoding="utf-8"))}
    core_text = read("core_texts.csv")[0]["text"]
    got = {r["indicator_id"]: r for r in rows}
    assert set(got) == {
        "boende-i-karnan",
        "studenter-i-karnan",
        "avstand-till-regionkarnan",
    }  # "nästan lika många": no number
    assert got["boende-i-karnan"]["value"] == "16000"
    assert got["studenter-i-karnan"]["value"] == "30000"
    for r in rows:
        assert r["indicator_id"] in defined
        assert r["geography_type"] == "core" and r["geography"] == "flemingsberg"
        assert r["year"] == "2025" and r["qualifier"] == "cirka" and r["value_type"] == "utfall"
        assert r["value_text"] in core_text
        assert f"{int(r['value']):,}".replace(",", " ") in r["value_text"]


def test_actors():
    actors = read("actors.csv")
    ids = [a["id"] for a in actors]
    assert len(ids) == len(set(ids))
    for a in actors:
        assert a["type"] in ACTOR_TYPES
        assert a["id"] == slug(a["id"])
    links = read("intervention_actors.csv")
    known_interventions = set(EXPECTED_CORE) | EXPECTED_VARIANTS
    used = set()
    for link in links:
        assert link["actor_id"] in ids, link
        assert link["role"] in {"lead", "participant"}
        assert link["intervention_id"] in known_interventions
        assert link["name_as_written"].strip()
        used.add(link["actor_id"])
    assert used == set(ids), "actors.csv lists an actor that no record names"
    # every participant is named, as written, in the intervention's own text
    desc = {r["id"]: r["description"] for r in read("interventions.csv")}
    for link in links:
        assert link["name_as_written"] in desc[link["intervention_id"]], link
        assert link["role"] == "participant"  # the draft names no ansvarig aktör


def test_actor_names_consistent_with_other_folders():
    mine = {a["id"]: (a["name"], a["type"]) for a in read("actors.csv")}
    for other in (DATA / "curated").glob("*/actors.csv"):
        if other.parent == FOLDER:
            continue
        for a in csv.DictReader(other.open(encoding="utf-8")):
            if a["id"] in mine:
                assert mine[a["id"]] == (a["name"], a["type"]), (other, a)
