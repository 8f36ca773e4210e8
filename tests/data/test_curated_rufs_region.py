"""Curated RUFS 2050 follow-up (2020), chapter three and the delmål trends: the eleven rankings, the European
comparison (eleven indicators, ten other regions) and the trend sign per delmål.

Every record is checked against the seed text: its section exists, the words and the number as written occur
there (table rows on one line of the source), and the counts are the ones the document states.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from tests.data.curated_csv import slug

ROOT = Path(__file__).parents[2]
FOLDER = ROOT / "data" / "curated" / "rufs-2020"
SEED_LINES = (ROOT / "data" / "sources" / "seeds" / "rufs2050-uppfoljning-2020.txt").read_text("utf-8").split("\n")
SOURCE_ID = "rufs2050-uppfoljning-2020"
CHAPTER = "Stockholmsregionen ska vara Europas mest attraktiva storstadsregion"
REGIONS = [
    "Amsterdam",
    "Barcelona",
    "Berlin",
    "Dublin",
    "Helsingfors",
    "Köpenhamn",
    "Milano",
    "München",
    "Oslo",
    "Paris",
]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read(name: str) -> list[dict[str, str]]:
    raw = (FOLDER / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw, name
    with (FOLDER / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def lines_between(start: str, end: str) -> list[str]:
    """The seed's lines from the heading `start` up to the heading `end` (both must exist, in that order)."""
    a = next(i for i, line in enumerate(SEED_LINES) if line.strip() == start)
    b = next(i for i, line in enumerate(SEED_LINES) if i > a and line.strip() == end)
    return SEED_LINES[a:b]


RANKING_LINES = lines_between(
    "Stockholmsregionen i internationella rankningar", "Stockholmsregionen jämfört med europeiska"
)
RANKING_TEXT = norm(" ".join(RANKING_LINES))
EUROPE_LINES = lines_between("Stockholmsregionen jämfört med europeiska", "Stockholmsregionens hållbara utveckling")
EUROPE_TEXT = norm(" ".join(EUROPE_LINES))
RANKINGS = read("rankings")
COMPARISON = read("european_comparison")
REGION_VALUES = read("european_region_values")
TRENDS = read("delmal_trends")

# read from the seed's figures in "Stockholmsregionen i internationella rankningar": name -> (position, out of)
EXPECTED_RANKINGS = {
    "EU Regional Competitiveness Index": (1, 272),
    "Sustainable Cities Index": (2, 100),
    "Quality of Living Ranking": (23, 231),
    "Safe City Index": (12, 60),
    "EU Regional Innovation Scoreboard": (4, 272),
    "Regional Potential Index": (3, 66),
    "Forbes 2000": (22, 2000),
    "Academic Ranking of World Universities": (45, 1000),
    "EU Regional Social Progress Index": (12, 240),
    "Equality in Europe City Index": (2, 33),
    "Global Green Economy Index": (2, 50),
}


def test_eleven_rankings_as_the_report_says():
    assert "elva rankingar och index analyserats" in RANKING_TEXT
    assert len(RANKINGS) == 11
    assert {r["index_name"]: (int(r["position"]), int(r["out_of"])) for r in RANKINGS} == EXPECTED_RANKINGS


def test_each_ranking_is_in_the_section_as_written():
    for r in RANKINGS:
        assert r["source_id"] == SOURCE_ID
        assert r["source_section"] == f"{CHAPTER} › Stockholmsregionen i internationella rankningar"
        assert r["id"] == slug(r["index_name"])
        assert f"{norm(r['name_as_written'])} {r['position_text']}" in RANKING_TEXT, r["id"]
        assert r["position_text"] == f"{r['position']} (av {r['out_of']})", r["id"]
        # the footnotes of the chapter: one (Arcadis) is printed on the page where the next section starts
        assert r["year_text"] and r["year_text"] in RANKING_TEXT + " " + EUROPE_TEXT, r["id"]
        assert f"({r['year']})" in r["year_text"], r["id"]
        for quote in re.findall(r"«([^»]+)»", r["note"]):  # quoted without the footnote markers (24–34)
            assert quote in re.sub(r"(?<=[a-z,])(2[4-9]|3[0-4])(?= )", "", RANKING_TEXT), quote


def test_european_comparison_eleven_indicators_rows_as_written():
    assert "elva indikatorer" in EUROPE_TEXT
    assert len(COMPARISON) == 11
    headers = [i for i, line in enumerate(EUROPE_LINES) if "UTFALL ÅR PLATS" in line]
    assert len(headers) == 11
    for r in COMPARISON:
        assert r["source_id"] == SOURCE_ID and r["source_section"].startswith(CHAPTER), r["id"]
        start = re.compile(re.escape(norm(r["indicator_as_written"])) + r"\d* " + re.escape(r["value_text"]) + " ")
        at = [i for i, line in enumerate(EUROPE_LINES) if start.match(norm(line))]
        assert len(at) == 1, r["id"]
        row = norm(EUROPE_LINES[at[0]])
        assert row.endswith(f"{r['value_text']} {r['year']} {norm(r['place_as_written'])}"), (r["id"], row)
        header = max(i for i in headers if i < at[0])
        assert norm(EUROPE_LINES[header]) == f"{r['goal_as_written']} UTFALL ÅR PLATS", r["id"]
        swedish = r["value"].replace(".", ",")
        assert swedish in r["value_text"].replace(" ", ""), r["id"]
        if r["position_text"]:
            assert r["position_text"] in EUROPE_TEXT, r["id"]


def test_european_position_only_where_the_table_is_unambiguous():
    for r in COMPARISON:
        places = set(r["place_as_written"].split())
        if len(places) == 1:
            assert r["position"] == places.pop(), r["id"]
        else:
            assert r["position"] == "", f"{r['id']}: the table gives {places}, the position must stay missing"
    missing = {r["id"] for r in COMPARISON if not r["position"]}
    assert missing == {"arbetsloshet-15-24", "hogre-utbildning-25-64"}


def test_other_regions_only_where_the_text_states_a_value():
    assert ", ".join(REGIONS[:-1]) + " och Paris" in EUROPE_TEXT
    ids = {r["id"] for r in COMPARISON}
    for v in REGION_VALUES:
        assert v["comparison_id"] in ids
        assert v["region"] in REGIONS or v["region"] == "Irland", v
        assert v["value_text"] in EUROPE_TEXT and v["position_text"] in EUROPE_TEXT, v
        assert v["value"].replace(".", ",") in v["value_text"], v
    # no region value is filled in where the text gives none: e.g. Oslo, Amsterdam, Helsingfors have no figure
    named = {v["region"] for v in REGION_VALUES}
    assert not named & {"Oslo", "Amsterdam", "Helsingfors", "Milano"}
    assert len(REGION_VALUES) == 9


def delmal_sections() -> list[str]:
    heads = [i for i, line in enumerate(SEED_LINES) if line.strip().startswith("DELMÅL UTFALL ÅR")]
    end = next(
        i for i, line in enumerate(SEED_LINES) if line.strip() == "Stockholmsregionen i internationella rankningar"
    )
    return [norm(" ".join(SEED_LINES[a:b])) for a, b in zip(heads, [*heads[1:], end])]


def test_trend_sign_exactly_where_the_text_shows_it():
    sections = delmal_sections()
    indicators = [r for r in read("indicators") if r["target_text"]]
    assert len(sections) == len(TRENDS) == len(indicators) == 16
    by_id = {t["indicator_id"]: t for t in TRENDS}
    for section, ind in zip(sections, indicators):
        assert norm(ind["target_text"]) in section, ind["id"]
        trend = by_id[ind["id"]]
        assert trend["source_section"] == ind["source_section"]
        assert trend["trend_as_written"] == ("➔" if "➔" in section else ""), ind["id"]
        if trend["trend_text"]:  # a footnote: its marker in the section, its text where the page ends
            number = re.fullmatch(r"Fotnot (\d+) till delmålet\.", trend["note"]).group(1)
            assert re.search(rf"[a-zåäö]{number} ", section), ind["id"]
            assert f"{number} {trend['trend_text']}" in norm(" ".join(SEED_LINES)), ind["id"]
        if trend["readable"] == "nej":
            assert not trend["trend_as_written"] and not trend["trend_text"], ind["id"]
        else:
            assert trend["trend_as_written"] or trend["trend_text"], ind["id"]
    assert sum(t["trend_as_written"] == "➔" for t in TRENDS) == 4


def test_assessment_quoted_from_its_own_delmal_section():
    sections = delmal_sections()
    indicators = [r for r in read("indicators") if r["target_text"]]
    quotes = {r["indicator_id"]: r for r in read("delmal_assessments")}
    assert set(quotes) == {r["id"] for r in indicators}
    for section, ind in zip(sections, indicators):
        quote = quotes[ind["id"]]
        assert quote["source_section"] == ind["source_section"] and quote["source_id"] == SOURCE_ID
        assert len(quote["text"]) > 200, ind["id"]
        assert quote["text"] in section, ind["id"]  # verbatim, in this delmål's section only
        assert not any(quote["text"] in other for other in sections if other is not section), ind["id"]
        assert norm(ind["target_text"]) not in quote["text"], ind["id"]  # the table is not part of the quote
        assert re.search(r"\.\d{0,2}$", quote["text"]), ind["id"]  # ends with a whole sentence


def test_nine_regional_priorities_quoted_from_chapter_five():
    chapter = lines_between("Regional Prioritering 1: Öka bostadsbyggandet och", "Bilaga 1 Diagrambilaga")
    chapter_text = norm(" ".join(chapter))
    assert "Intensivt arbete pågår inom alla nio regionala prioriteringar" in norm(" ".join(SEED_LINES))
    quotes = read("regional_priority_assessments")
    bilaga2 = {r["regional_priority"] for r in read("interventions") if r["regional_priority"]}
    assert {q["regional_priority"] for q in quotes} == bilaga2 and len(bilaga2) == 9
    positions = []
    for q in quotes:
        assert q["source_id"] == SOURCE_ID
        assert q["source_section"] == f"Genomförande av de regionala prioriteringarna › {q['regional_priority']}"
        title = q["regional_priority"].split(". ", 1)[1]
        at = chapter_text.find(title)
        assert at >= 0, title  # the priority's heading is in the chapter
        assert q["text"] in chapter_text and len(q["text"]) > 500, title
        start = chapter_text.find(q["text"])
        assert start > at, title  # the quote follows its own heading ...
        positions.append((at, start))
    positions.sort()
    for (heading, start), (next_heading, _) in zip(positions, positions[1:]):
        assert heading < start < next_heading  # ... and comes before the next one


BILAGA3 = [
    "ÖMS 2050",
    "Klimatfärdplan 2050 för Stockholmsregionen",
    "Godsstrategi för Stockholms län",
    "Landsbygds- och skärgårdsstrategi för Stockholmsregionen",
    "Kulturstrategi för Stockholmsregionen",
    "Regional cykelplan för Stockholm",
    "Näringslivs- och tillväxtstrategi för Stockholmsregionen",
    "Mobilitet- och trafikutvecklingsrapport",
]
NUMBER_WORDS = {"4": "fyra", "5": "fem", "9": "nio"}


def bilaga3_sections() -> dict[str, str]:
    start = next(i for i, line in enumerate(SEED_LINES) if line.strip().startswith("Bilaga 3 Uppföljning"))
    text = norm(" ".join(SEED_LINES[start:]))
    at = [text.index(name) for name in BILAGA3]
    assert at == sorted(at)
    return {name: text[a : b if b else None] for name, a, b in zip(BILAGA3, at, [*at[1:], None])}


def test_bilaga3_eight_strategies_quoted_in_their_own_section():
    sections = bilaga3_sections()
    strategies = read("strategies")
    assert [n for n in dict.fromkeys(r["name"] for r in strategies)] == BILAGA3
    for r in strategies:
        assert r["source_section"] == f"Bilaga 3 Uppföljning av tillhörande strategier › {r['name']}"
        assert r["text"] in sections[r["name"]], (r["strategy_id"], r["seq"])
        assert len(r["text"]) > 100


def test_bilaga3_figures_as_written():
    sections = bilaga3_sections()
    names = {r["strategy_id"]: r["name"] for r in read("strategies")}
    figures = read("strategy_figures")
    assert {f["strategy_id"] for f in figures} == set(names)
    for f in figures:
        section = sections[names[f["strategy_id"]]]
        assert f["figure_text"] in section, f["figure_text"]
        assert f["source_section"].endswith(names[f["strategy_id"]])
        if f["value"]:
            assert f["value"] in f["figure_text"] or NUMBER_WORDS[f["value"]] in f["figure_text"].lower(), f
        if f["year"]:
            assert f["year"] in f["figure_text"], f
    # «cirka hälften» is no number: it stays text, the value missing
    half = next(f for f in figures if "hälften" in f["figure_text"])
    assert half["value"] == ""


def test_agenda2030_seventeen_rows_quoted_goal_left_missing():
    table = norm(" ".join(lines_between("Stockholmsregionens hållbara utveckling", "Genomförande av de regionala")))
    assert "Agenda 2030 med dess 17 globala mål" in table
    rows_ = read("agenda2030")
    assert [int(r["seq"]) for r in rows_] == list(range(1, 18))
    last = -1
    for r in rows_:
        assert r["global_goal"] == ""  # the icon is not in the text: not guessed from the row's place
        at = table.find(r["text"])
        assert at > last, r["seq"]  # verbatim and in the table's order
        last = at
