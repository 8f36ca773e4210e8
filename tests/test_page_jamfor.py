"""Jämför kärnor under AppTest on the fixture store (tests/fixture_store.py): «Kärnorna i korthet» first, the
details in tabs kept in the URL (?flik=…, only the open one drawn), the Regionen tab's charts each with a table,
missing values as «uppgift saknas», and the Excel file read back. What each test expects is computed from the
fixture's definitions and the public statistics it builds from, not written into the test."""

import csv
import io

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from components.common.format import MISSING, roadmap_status
from components.common.themes import THEMES, fold, themes_of
from components.jamfor import compare_data, compare_export
from components.jamfor.compare_view import DEFAULT_CORES, TABS
from data.paths import CURATED_DIR
from data.statistics import POP_SOURCE
from queries.runner import ReferenceStore
from tests.conftest import REPO, open_page, rows
from tests.fixture_store import (
    ADOPTED,
    CORE_VALUE,
    DRAFT,
    EUROPE,
    EUROPE_OTHERS,
    INDICATOR,
    PER_GOAL_AREA,
    RANKINGS,
    interventions,
    roles,
)

pytestmark = pytest.mark.usefixtures("on_fixture_store")

NBSP = "\u00a0"
POPULATION_CSV = REPO / "data" / "sources" / "stats" / "stockholms_lan_folkmangd_per_kommun_long.csv"
WITHOUT = "haninge"  # a core the fixture gives no roadmap
INSATSER = interventions()
SHARED = [r for r in INSATSER if r["plan_type"] == "fardplan" and r["scope"] == "shared"]


def compare(cores: list[str] | None = None, **query) -> AppTest:
    return open_page("jamfor.py", **({} if cores is None else {"karna": cores}), **query)


def table(at: AppTest, first_column: str):
    for t in at.table:
        if t.value.columns[0] == first_column:
            return t.value
    raise AssertionError(f"no table starting with {first_column!r}: {[list(t.value.columns) for t in at.table]}")


def first_columns(at: AppTest) -> list[str]:
    return [t.value.columns[0] for t in at.table]


def sv(n: int) -> str:
    return f"{n:,}".replace(",", NBSP)


def cores_csv() -> dict[str, dict]:
    """The cores as the fixture takes them from the curated frame (names, kärnkommuner and their codes)."""
    with (CURATED_DIR / "common" / "cores.csv").open(encoding="utf-8") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def latest_population() -> dict[str, tuple[int, int]]:
    """Per kommun code, the latest (year, value) in the public population file the store is built from."""
    out: dict[str, tuple[int, int]] = {}
    with POPULATION_CSV.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            year = int(r["ar"])
            if r["folkmangd"] and year >= out.get(r["kommunkod"], (0, 0))[0]:
                out[r["kommunkod"]] = (year, int(r["folkmangd"]))
    return out


def population_source_title() -> str:
    with (CURATED_DIR / "common" / "sources.csv").open(encoding="utf-8") as fh:
        return next(r["title"] for r in csv.DictReader(fh) if r["id"] == POP_SOURCE)


def own(core: str) -> list[dict]:
    return [r for r in INSATSER if r.get("core_id") == core and r["scope"] == "core"]


def markdown_rows(at: AppTest, header: str) -> list[list[str]]:
    """The rows of the one Markdown table whose header starts with header (escapes undone)."""
    [found] = [m.value.replace("\\", "") for m in at.markdown if m.value.replace("\\", "").startswith(header)]
    lines = [line for line in found.split("\n") if line.startswith("|")]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[2:]]


def test_the_answer_first_then_the_tabs_the_first_open_by_default():
    names = {c: r["name"] for c, r in cores_csv().items()}
    at = compare()
    assert at.multiselect(key="karna").value == DEFAULT_CORES
    assert [t.label for t in at.tabs] == TABS
    assert [s.value for s in at.subheader][0] == "Kärnorna i korthet"
    assert first_columns(at)[0] == "I korthet"
    # only the first tab (Insatser) is drawn
    assert "Målområde" in first_columns(at) and compare_data.THEME_COUNT in first_columns(at)
    assert "Aktörer" not in first_columns(at) and "Indikator" not in first_columns(at)
    summary = table(at, "I korthet").set_index("I korthet")
    assert list(summary.columns) == [names[c] for c in DEFAULT_CORES]
    assert any(b.label == "Ladda ner jämförelsen (Excel)" for b in at.get("download_button"))


@pytest.mark.parametrize("cores", [[ADOPTED, DRAFT], [DRAFT, WITHOUT, ADOPTED]])
def test_the_summary_figures_come_from_the_fixture(cores):
    frame = cores_csv()
    population = latest_population()
    at = compare(cores)
    summary = table(at, "I korthet").set_index("I korthet")
    assert list(summary.columns) == [frame[c]["name"] for c in cores]
    years = {ADOPTED: 2026, DRAFT: 2025}  # the test sources' years (tests/fixture_store.py)
    status = {ADOPTED: "antagen", DRAFT: "utkast"}
    for core in cores:
        col = summary[frame[core]["name"]]
        assert col["Kärnkommuner"] == frame[core]["municipalities"].replace("|", ", ")
        assert col["varav gemensamma"] == str(len(SHARED))
        if core in PER_GOAL_AREA:
            n_own = len(own(core))
            assert n_own == 4 * PER_GOAL_AREA[core]
            assert col["Färdplan"] == roadmap_status(status[core], years[core])
            assert col["Insatser i färdplanen, totalt"] == str(len(SHARED) + n_own)
            assert col["varav kärnspecifika"] == str(n_own)
            goals = sorted({r["goal_area_id"] for r in own(core)})
            assert col["Målområden med kärnspecifika insatser"] == f"{len(goals)} av 4: {', '.join(goals)}"
        else:  # no roadmap: the core-specific ones are not loaded, which is not zero
            assert col["Färdplan"] == "Ingen färdplan inläst"
            assert col["Insatser i färdplanen, totalt"] == MISSING
            assert col["varav kärnspecifika"] == MISSING
            assert col["Målområden med kärnspecifika insatser"] == MISSING
        expected = [
            f"{kommun} {sv(population[code][1])} ({population[code][0]})"
            for kommun, code in zip(
                frame[core]["municipalities"].split("|"), frame[core]["municipality_codes"].split("|")
            )
        ]
        assert col["Folkmängd i kärnkommunerna"] == "; ".join(expected)
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert f"senaste år i källan ({population_source_title()})" in captions


def test_insatser_tab_counts_goal_areas_and_themes():
    frame = cores_csv()
    cores = [ADOPTED, WITHOUT]
    at = compare(cores, flik="Insatser")
    per_goal = table(at, "Målområde").set_index("Målområde")
    for core in cores:
        name = frame[core]["name"]
        for ga in "1234":
            row = per_goal[per_goal.index.str.startswith(f"{ga} ")].iloc[0]
            n_shared = sum(r["goal_area_id"] == ga for r in SHARED)
            n_own = sum(r["goal_area_id"] == ga for r in own(core))
            assert (row[f"{name}: gemensamma"], row[f"{name}: kärnspecifika"]) == (n_shared, n_own)
    assert len(at.get("plotly_chart")) == 1  # the chart, with the table above under it
    more = table(at, "Uppgift").set_index("Uppgift")
    directions = {ADOPTED: 4, WITHOUT: 0}  # the fixture writes one färdriktning per goal area for its two roadmaps
    for core in cores:
        assert more.loc["Färdriktningar", frame[core]["name"]] == str(directions[core])
    themes = table(at, compare_data.THEME_COUNT).set_index(compare_data.THEME_COUNT)
    assert list(themes.index) == [t.label for t in THEMES]
    for theme in THEMES:
        mine = [r for r in own(ADOPTED) if theme.id in themes_of(r["title"], r["description"])]
        assert themes.loc[theme.label, frame[ADOPTED]["name"]] == str(len(mine))
        assert themes.loc[theme.label, frame[WITHOUT]["name"]] == "inte inlästa"
    assert "Tema" not in first_columns(at)  # the titles are drawn only when opened
    at.session_state["jf_teman"] = True
    at.run()
    titles = table(at, "Tema").set_index("Tema")
    station = next(t for t in THEMES if t.id == "stationsmiljoer")
    expected = [r for r in own(ADOPTED) if station.id in themes_of(r["title"], r["description"])]
    assert expected  # the fixture's «Hälsovägen mellan stationen och sjukhuset»
    assert titles.loc[station.label, frame[ADOPTED]["name"]] == "; ".join(f"{r['code']} {r['title']}" for r in expected)
    assert titles.loc[station.label, frame[WITHOUT]["name"]] == "kärnspecifika insatser inte inlästa"


def test_aktorer_tab_counts_the_fixture_roles():
    frame = cores_csv()
    at = compare([ADOPTED, DRAFT], flik="Aktörer")
    assert "Målområde" not in first_columns(at)  # the Insatser tab is closed
    actors = table(at, "Aktörer").set_index("Aktörer")
    all_roles = roles(INSATSER)
    for core in (ADOPTED, DRAFT):
        ids = {r["id"] for r in SHARED + own(core)}
        mine = [r for r in all_roles if r["intervention_id"] in ids]
        own_ids = {r["id"] for r in own(core)}
        col = actors[frame[core]["name"]]
        assert col["Aktörer i kärnans färdplansinsatser"] == str(len({r["actor_id"] for r in mine}))
        assert col["varav ansvariga för någon insats"] == str(len({r["actor_id"] for r in mine if r["role"] == "lead"}))
        assert col["Aktörer i kärnspecifika insatser"] == str(
            len({r["actor_id"] for r in mine if r["intervention_id"] in own_ids})
        )


def test_indikatorer_tab_the_cores_own_figure_and_the_kommun_values():
    frame = cores_csv()
    population = latest_population()
    at = compare([ADOPTED, DRAFT], flik="Indikatorer")
    indicators = table(at, "Indikator").set_index("Indikator")
    row = indicators.loc[f"{INDICATOR['name']} ({INDICATOR['unit']})"]
    value = sv(int(CORE_VALUE["value"]))
    assert row[frame[ADOPTED]["name"]] == (
        f"{CORE_VALUE['qualifier']} {value} ({CORE_VALUE['year']}, {CORE_VALUE['period_text']}) · kärna"
    )
    assert row[frame[DRAFT]["name"]] == MISSING  # the fixture states it for one core only: missing, never 0
    cell = indicators.loc["Folkmängd (personer)", frame[DRAFT]["name"]]
    for kommun, code in zip(frame[DRAFT]["municipalities"].split("|"), frame[DRAFT]["municipality_codes"].split("|")):
        year, n = population[code]
        assert f"{sv(n)} ({year}) · kärnkommun: {kommun}" in cell
    assert "Kärna" in first_columns(at)  # the municipalities' own figures, one value per row


def test_kommunerna_tab_ranks_the_karnkommuner():
    frame = cores_csv()
    at = compare([ADOPTED, DRAFT], flik="Kommunerna")
    assert "Kärnkommunerna bland länets kommuner" in [s.value for s in at.subheader]
    standing = [m.value for m in at.markdown if m.value.startswith("| Mått | Kommun |")]
    assert len(standing) == 1
    for core in (ADOPTED, DRAFT):
        for kommun in frame[core]["municipalities"].split("|"):
            assert f"| {kommun} |" in standing[0]
    assert len(at.get("plotly_chart")) == 1


def test_regionen_tab_charts_each_with_a_table_of_the_same_figures(on_fixture_store):
    at = compare([ADOPTED, DRAFT], flik="Regionen")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    shown = {r[0]: (r[1], r[2]) for r in markdown_rows(at, "| Ranking eller index | Som det står i källan")}
    assert shown == {r["index_name"]: (r["position_text"], r["year"]) for r in RANKINGS}
    europe = {r[0]: (r[1], r[2], r[3]) for r in markdown_rows(at, "| Indikator | Stockholm | År | Placering av 11")}
    assert europe == {r["indicator_as_written"]: (r["value_text"], r["year"], r["position"] or MISSING) for r in EUROPE}
    # the other regions' values as the text states them, in the full table
    full = markdown_rows(at, "| Mål | Indikator | Stockholm |")
    paris = next(r for r in full if r[1] == EUROPE[-1]["indicator_as_written"])
    other = EUROPE_OTHERS[0]
    assert f"{other['region']}: {other['value_text']} ({other['year']})" in paris[7]
    # the same as Lägesbild's Regionen (one component): the rankings there equal the store's
    stored = dict(rows(on_fixture_store, "SELECT index_name, position_text FROM rankings"))
    assert stored == {k: v for k, (v, _) in shown.items()}


def test_a_kommun_without_a_population_value_says_so():
    import pandas as pd

    from components.jamfor import summary_data

    population = pd.DataFrame(
        {
            "core_id": ["a", "a", "b"],
            "kommun": ["Ettby", "Tvåby", "Treby"],
            "year": [2024, None, None],
            "value": [1234.0, None, None],
            "source_title": ["Källan", None, None],
        }
    )
    assert summary_data.population_text(population, "a") == f"Ettby 1{NBSP}234 (2024); Tvåby {MISSING}"
    assert summary_data.population_text(population, "b") == f"Treby {MISSING}"
    assert summary_data.population_text(population, "c") == MISSING  # no kärnkommun at all
    assert summary_data.population_source(population, "a") == "Källan"
    assert summary_data.population_source(population, "b") == MISSING


def test_an_unknown_tab_in_the_url_opens_the_first():
    at = compare([ADOPTED, DRAFT], flik="Nonsens")
    assert not at.exception
    assert "Målområde" in first_columns(at)


def test_fewer_than_two_cores_ask_for_more():
    at = compare([WITHOUT])
    assert any("Välj minst två kärnor" in i.value for i in at.info)
    assert not at.table and not at.tabs
    at.multiselect(key="karna").set_value([WITHOUT, ADOPTED]).run()
    assert not at.exception and at.table and [t.label for t in at.tabs] == TABS


def test_unknown_core_in_the_url_is_reported():
    at = compare(["narnia", ADOPTED, WITHOUT])
    assert any("narnia" in w.value for w in at.warning)
    assert at.multiselect(key="karna").value == [ADOPTED, WITHOUT]


def test_the_workbook_has_every_table_and_the_region_sheets(fixture_db):
    store = ReferenceStore(fixture_db)
    frame = cores_csv()
    cores = [ADOPTED, WITHOUT]
    wb = load_workbook(io.BytesIO(compare_export.workbook(compare_export.fetch(store.run, cores))))
    assert wb.sheetnames == [
        "I korthet",
        "Färdplaner",
        "Insatser per målområde",
        "Teman",
        "Aktörer",
        "Aktörer i kärnspecifika",
        "Indikatorer",
        "Kommunernas uppgifter",
        "Indikatorvärden",
        "Kärnkommunernas placering",
        "Internationella rankingar",
        "Europeisk jämförelse",
        "Om",
    ]

    def sheet(name: str) -> list[dict]:
        head = [c.value for c in wb[name][1]]
        return [dict(zip(head, r)) for r in wb[name].iter_rows(min_row=2, values_only=True)]

    summary = {r["I korthet"]: r for r in sheet("I korthet")}
    assert summary["varav kärnspecifika"][frame[ADOPTED]["name"]] == str(len(own(ADOPTED)))
    assert summary["varav kärnspecifika"][frame[WITHOUT]["name"]] == MISSING
    assert summary["Källa för folkmängden"][frame[WITHOUT]["name"]] == population_source_title()
    rankings = sheet("Internationella rankingar")
    assert [
        (r["Ranking eller index"], r["Stockholmsregionens placering"], r["Antal i rankingen"], r["År"])
        for r in rankings
    ] == [(r["index_name"], r["position"], r["out_of"], r["year"]) for r in RANKINGS]
    europe = sheet("Europeisk jämförelse")
    assert [(r["Indikator"], r["Stockholm"], r["Placering av 11"]) for r in europe] == [
        (r["indicator_as_written"], r["value_text"], r["position"] or MISSING) for r in EUROPE
    ]
    values = sheet("Indikatorvärden")
    mine = [r for r in values if r["Indikator-id"] == INDICATOR["id"]]
    assert [(r["Kärna"], r["Värde"], r["År"]) for r in mine] == [
        (frame[ADOPTED]["name"], int(CORE_VALUE["value"]), int(CORE_VALUE["year"]))
    ]
    placing = sheet("Kärnkommunernas placering")
    assert {r["Kommun"] for r in placing} == {frame[c]["municipalities"] for c in cores}
    about = {r[0].value: r[1].value for r in wb["Om"].iter_rows()}
    assert about["Urval"] == f"kärnor: {frame[ADOPTED]['name']}, {frame[WITHOUT]['name']}"
    assert "inte noll" in about["Anmärkning"] and "Internationella rankingar" in about["Blad"]


@pytest.mark.parametrize(
    "title,description,theme,expected",
    [
        ("Samverka för en tryggare stadskärna", "", "trygghet", True),
        ("SCIENCE PARK", "", "science-park", True),
        ("Öka möjligheterna att gå, cykla och åka kollektivt", "", "gang-cykel", True),
        ("Hållbara färdsätt i vardagen", "", "vard", False),  # «vardag» is not «vård»
        ("Samverka kring vårdens långsiktiga behov", "", "vard", True),
        ("Stärk besöksnäringen", "", "besoksnaring", True),
        ("Besoksnaringen utan prickar", "", "besoksnaring", True),  # diacritic-insensitive
    ],
)
def test_theme_keywords(title, description, theme, expected):
    assert (theme in themes_of(title, description)) is expected


def test_fold_drops_every_combining_mark():
    import unicodedata

    text = "Hälsovägen Öst, café, Ångström, x\u0301\u20d0\u1dc0y, ǅ ﬁ ①"
    reference = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))
    assert fold(text) == reference and fold("Hälsovägen Öst") == "halsovagen ost"
    assert fold(None) == ""


def test_theme_matching_in_one_pass_is_themes_of_per_insats(ref_db):
    """theme_matches joins the texts with a line break and runs each theme once; it must find exactly what
    themes_of finds text by text, which needs patterns that cannot match the line break."""
    import re

    import pandas as pd

    from components.common import themes
    from queries.runner import ReferenceStore

    for theme in THEMES:
        for pattern in theme.patterns:
            assert not re.search(r"\.|\\[sSWDn]|\[\^", pattern), pattern  # nothing that can match "\n"
            plain, fast = re.compile(pattern), re.compile(themes._literal_first(pattern))
            for text in [
                "station",
                "xstation stationen",
                "en station- och spar station",
                "vard vardens vardag",
                "kultur\nkulturen",
                "otrygg trygghet",
                "ga, cykla gang, cykel",
            ]:
                assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)]
    store = ReferenceStore(ref_db)
    frame = store.run("compare_core_interventions", cores=list(store.run("compare_core_options")["id"]))
    frame = pd.concat(
        [
            frame,
            pd.DataFrame(
                {
                    "id": ["t1", "t2", "t3", "t4"],
                    "core_id": "x",
                    "code": None,
                    "title": ["Vård", "foo\nstation", "vårdens\n", None],
                    "description": ["x trygg", "trygg\nhet", None, "bussar"],
                }
            ),
        ],
        ignore_index=True,
    )
    expected = [
        (theme, i) for i, t, d in zip(frame["id"], frame["title"], frame["description"]) for theme in themes_of(t, d)
    ]
    found = themes.theme_matches(frame)
    assert list(zip(found["theme_id"], found["id"])) == expected
    assert ("vard", "t3") in expected and ("kollektivtrafik", "t4") in expected


def test_indicator_tables_share_one_choice_of_values(ref_db):
    from components.jamfor.compare_data import chosen_coverage, chosen_values
    from queries.runner import ReferenceStore

    store = ReferenceStore(ref_db)
    coverage = chosen_coverage(store.run("cores_overview"), ["flemingsberg", "sodertalje", "haninge"])
    values = store.run("compare_indicator_values", cores=list(coverage["id"]))
    chosen = chosen_values(values, coverage)
    for table in (compare_data.indicator_table, compare_data.quote_table, compare_data.indicator_long):
        assert table(values, coverage, chosen).equals(table(values, coverage))
