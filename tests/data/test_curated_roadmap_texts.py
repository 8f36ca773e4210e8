"""roadmap_texts.csv: the roadmaps' «Roller och ansvar» and «Genomförande» word for word, under their heading.
The one restoration is the PDF text's split «stads kärn…» (→ «stadskärn…»), listed here."""

from pathlib import Path

from tests.data.curated_csv import read_curated

ROOT = Path(__file__).parents[2]
SEED = ROOT / "data" / "sources" / "seeds" / "fardplan-sodertalje-2026.txt"
ROWS = read_curated(ROOT / "data" / "curated" / "sodertalje-2026", "roadmap_texts.csv")
SPLITS = {"stads kärn": "stadskärn"}


def seed_text() -> str:
    text = " ".join(SEED.read_text(encoding="utf-8").split())
    for split, word in SPLITS.items():
        text = text.replace(split, word)
    return text


def test_every_paragraph_is_verbatim_after_its_heading():
    seed = seed_text()
    start = seed.index("Roller och ansvar Insatserna")  # the section, not the contents list
    for r in ROWS:
        assert r["source_id"] == "fardplan-sodertalje-2026" and r["core_id"] == "sodertalje"
        assert r["source_section"].split(" › ")[-1] == r["heading"]
        at = seed.index(r["heading"] + " ", start)
        for para in r["text"].split("\n\n"):
            assert para == " ".join(para.split()) and para in seed[at:], (r["heading"], para[:60])


def test_both_sections_are_there_whole():
    assert [r["heading"] for r in ROWS] == [
        "Roller och ansvar",
        "Genomförande av färdplanerna",
        "Politiska samtal som utgångspunkt för budget, prioritering och styrning",
        "Insatser och aktiviteter",
        "Lärande och utbyte genom nätverket för de regionala stadskärnorna",
        "Uppföljning av utvecklingen i de regionala stadskärnorna",
    ]
    roles = ROWS[0]["text"]
    assert roles.startswith("Insatserna i färdplanen kan drivas av olika aktörer;")
    assert roles.endswith("Se vidare under avsnittet Genomförande.")
    # the paragraph the PDF broke over a page is one paragraph here
    assert "bedrivs inom ramen för respektive organisations löpande verksamhet" in ROWS[3]["text"]


CHARACTER_FIGURES = {
    # indicator: (core, value, qualifier, words as written, seed file)
    "pendeltagsstationer-i-karnan": ("sodertalje", "4", "", "fyra", "fardplan-sodertalje-2026.txt"),
    "andel-av-sveriges-export": ("sodertalje", "10", "omkring", "omkring tio procent", "fardplan-sodertalje-2026.txt"),
    "avstand-till-regionkarnan": (
        "flemingsberg",
        "15",
        "cirka",
        "cirka 15 km",
        "fardplan-flemingsberg-utkast-2025.txt",
    ),
}


def test_character_description_figures_are_quoted_with_unit_year_and_type():
    curated = ROOT / "data" / "curated"
    values = read_curated(curated / "sodertalje-2026", "indicator_values.csv") + read_curated(
        curated / "flemingsberg-2025", "indicator_values.csv"
    )
    texts = read_curated(curated / "sodertalje-2026", "core_texts.csv") + read_curated(
        curated / "flemingsberg-2025", "core_texts.csv"
    )
    description = {t["core_id"]: " ".join(t["text"].split()) for t in texts}
    for ind, (core, value, qualifier, words, seed) in CHARACTER_FIGURES.items():
        [v] = [v for v in values if v["indicator_id"] == ind]
        assert (v["geography_type"], v["geography"], v["value"], v["qualifier"]) == ("core", core, value, qualifier)
        assert v["value_type"] == "utfall" and v["year"] in {"2025", "2026"}
        assert words in v["value_text"] and v["value_text"] in description[core], ind
        raw = " ".join((ROOT / "data" / "sources" / "seeds" / seed).read_text(encoding="utf-8").split())
        assert words.split()[-1] in raw or "15 km" in raw, ind
