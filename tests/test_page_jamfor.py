"""Jämför kärnor under AppTest: the comparison's numbers against the store, for two and for eight cores;
missing values shown as «uppgift saknas»; the theme list; the Excel file read back."""

import io

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from components.common.themes import THEMES, fold, themes_of
from components.jamfor import compare_data
from tests.conftest import open_page, rows

ALL = [
    "sodertalje",
    "flemingsberg",
    "haninge",
    "kungens-kurva-skarholmen",
    "arlanda-marsta",
    "kista-sollentuna-haggvik",
    "barkarby-jakobsberg",
    "taby-centrum-arninge",
]
NBSP = "\u00a0"


def compare(cores: list[str] | None = None) -> AppTest:
    return open_page("jamfor.py", **({} if cores is None else {"karna": cores}))


def table(at: AppTest, first_column: str):
    for t in at.table:
        if t.value.columns[0] == first_column:
            return t.value
    raise AssertionError(f"no table starting with {first_column!r}: {[list(t.value.columns) for t in at.table]}")


def names(con, cores: list[str]) -> dict[str, str]:
    return dict(rows(con, "SELECT id, name FROM cores WHERE list_contains(?, id)", cores))


def latest_population(con, code: str) -> tuple[int, int]:
    [(year, value)] = rows(
        con,
        "SELECT year, value FROM indicator_values WHERE indicator_id = 'folkmangd' "
        "AND geography_type = 'kommun' AND geography = ? ORDER BY year DESC LIMIT 1",
        code,
    )
    return year, int(value)


def sv(n: int) -> str:
    return f"{n:,}".replace(",", NBSP)


def check_counts(at: AppTest, con, cores: list[str]) -> None:
    """Coverage, insatser per goal area and actor counts on the page equal independent SQL on the store."""
    label = names(con, cores)
    coverage = table(at, "Uppgift").set_index("Uppgift")
    assert list(coverage.columns) == [label[c] for c in cores]
    for core in cores:
        col = coverage[label[core]]
        [(directions,)] = rows(con, "SELECT count(*) FROM directions WHERE core_id = ?", core)
        [(own,)] = rows(
            con,
            "SELECT count(*) FROM interventions WHERE plan_type = 'fardplan' AND scope = 'core' AND core_id = ?",
            core,
        )
        [(shared,)] = rows(con, "SELECT count(*) FROM interventions WHERE plan_type = 'fardplan' AND scope = 'shared'")
        assert (col["Färdriktningar"], col["Kärnspecifika insatser"], col["Gemensamma insatser"]) == (
            str(directions),
            str(own),
            str(shared),
        )

    per_goal = table(at, "Målområde").set_index("Målområde")
    for core in cores:
        for goal, n_shared, n_own in rows(
            con,
            "SELECT g.id, count(*) FILTER (WHERE i.scope = 'shared' AND i.goal_area_id = g.id), "
            "count(*) FILTER (WHERE i.scope = 'core' AND i.core_id = ? AND i.goal_area_id = g.id) "
            "FROM goal_areas g, interventions i WHERE i.plan_type = 'fardplan' GROUP BY g.id",
            core,
        ):
            row = per_goal[per_goal.index.str.startswith(f"{goal} ")].iloc[0]
            assert (row[f"{label[core]}: gemensamma"], row[f"{label[core]}: kärnspecifika"]) == (n_shared, n_own)

    actors = table(at, "Aktörer").set_index("Aktörer")
    for core in cores:
        [(total, leads, own)] = rows(
            con,
            """
            SELECT count(DISTINCT ia.actor_id), count(DISTINCT ia.actor_id) FILTER (WHERE ia.role = 'lead'),
                   count(DISTINCT ia.actor_id) FILTER (WHERE i.scope = 'core')
            FROM intervention_actors ia JOIN interventions i ON i.id = ia.intervention_id
            WHERE i.plan_type = 'fardplan' AND (i.scope = 'shared' OR i.core_id = ?)""",
            core,
        )
        col = actors[label[core]]
        assert (
            col["Aktörer i kärnans färdplansinsatser"],
            col["varav ansvariga för någon insats"],
            col["Aktörer i kärnspecifika insatser"],
        ) == (str(total), str(leads), str(own))


def check_population(at: AppTest, con, cores: list[str]) -> None:
    """Folkmängd: no core-level value in any source, so each kärnkommun's latest value, labelled."""
    indicators = table(at, "Indikator").set_index("Indikator")
    label = names(con, cores)
    for core in cores:
        [(codes, municipalities)] = rows(con, "SELECT municipality_codes, municipalities FROM cores WHERE id = ?", core)
        cell = indicators.loc["Folkmängd (personer)", label[core]]
        for code, kommun in zip(codes.split("|"), municipalities.split("|")):
            year, value = latest_population(con, code)
            assert f"{sv(value)} ({year}) · kärnkommun: {kommun}" in cell


def test_default_is_sodertalje_and_flemingsberg_with_numbers_from_the_store(ref_db, ref_con):
    at = compare()
    assert at.multiselect(key="karna").value == ["sodertalje", "flemingsberg"]
    check_counts(at, ref_con, ["sodertalje", "flemingsberg"])
    check_population(at, ref_con, ["sodertalje", "flemingsberg"])
    indicators = table(at, "Indikator").set_index("Indikator")
    # values the roadmaps state for the core itself, with their qualifier, year and level
    assert (
        indicators.loc["Boende i kärnan (personer)", "Södertälje stadskärna"]
        == f"cirka {sv(25000)} (idag (färdplan publicerad 2026)) · kärna"
    )
    assert indicators.loc["Studenter i kärnan (personer)", "Flemingsberg"].startswith(f"cirka {sv(30000)} ")
    # a value no source gives for a core is shown as missing, never dropped and never 0
    assert indicators.loc["Studenter i kärnan (personer)", "Södertälje stadskärna"] == "uppgift saknas"
    assert indicators.loc["Arbetande i kärnan (personer)", "Flemingsberg"] == "uppgift saknas"
    assert indicators.loc["Folkmängd (personer)", "Stockholms län (referens)"] == f"{sv(2473307)} (2024)"


def test_eight_cores_from_the_url(ref_db, ref_con):
    at = compare(ALL)
    assert at.multiselect(key="karna").value == ALL
    check_counts(at, ref_con, ALL)
    check_population(at, ref_con, ALL)
    indicators = table(at, "Indikator").set_index("Indikator")
    label = names(ref_con, ALL)
    stated = {
        c
        for (c,) in rows(
            ref_con,
            "SELECT geography FROM indicator_values WHERE indicator_id = 'boende-i-karnan' AND geography_type = 'core'",
        )
    }
    assert stated == {"sodertalje", "flemingsberg"}
    for core in ALL:
        cell = indicators.loc["Boende i kärnan (personer)", label[core]]
        assert (cell == "uppgift saknas") == (core not in stated)
    assert all("0 (" not in indicators.loc["Boende i kärnan (personer)", label[c]] for c in ALL if c not in stated)
    # Järfälla's gymnasieexamen (RUFS text, no year) reaches Barkarby-Jakobsberg as its kärnkommun's value
    row = indicators.loc["Gymnasieelever som inom tre år får en gymnasieexamen (procent)"]
    assert row[label["barkarby-jakobsberg"]] == "51,5 (år anges inte) · kärnkommun: Järfälla"
    assert row[label["haninge"]] == "uppgift saknas"
    # the municipalities' quoted figures: one row per value with type and area, never side by side
    quotes = table(at, "Kärna")
    skarholmen = quotes[quotes["Kärna"] == label["kungens-kurva-skarholmen"]]
    assert len(skarholmen) and set(skarholmen["Typ"]) >= {"utfall"}
    assert all(a != "" for a in skarholmen["Område som avses"])
    assert quotes.loc[quotes["Kärna"] == label["sodertalje"], "Källa"].tolist() == [
        "inga egna uppgifter från kommunen i källorna"
    ]
    themes = table(at, "Tema").set_index("Tema")
    assert themes.loc["Trygghet", label["haninge"]] == "kärnspecifika insatser inte inlästa"


def test_fewer_than_two_cores_ask_for_more(ref_db):
    at = compare(["haninge"])
    assert any("Välj minst två kärnor" in i.value for i in at.info)
    assert not at.table
    at.multiselect(key="karna").set_value(["haninge", "sodertalje"]).run()
    assert not at.exception and at.table


def test_unknown_core_in_the_url_is_reported(ref_db):
    at = compare(["narnia", "sodertalje", "haninge"])
    assert any("narnia" in w.value for w in at.warning)
    assert at.multiselect(key="karna").value == ["sodertalje", "haninge"]


def test_shared_themes_list_the_core_specific_insatser(ref_db):
    at = compare()
    themes = table(at, "Tema").set_index("Tema")
    assert themes.loc["Trygghet", "Södertälje stadskärna"] == "1.5 Samverka för en tryggare stadskärna"
    assert "Samverka för en tryggare stadskärna och stationsmiljöer" in themes.loc["Trygghet", "Flemingsberg"]
    assert themes.loc["Trygghet", "Kärnor med temat"] == 2
    assert themes.loc["Besöksnäring", "Flemingsberg"] == "–"
    assert list(themes.index) == [t.label for t in THEMES]


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


def test_comparison_workbook_reads_back(ref_db, ref_con):
    from queries.runner import ReferenceStore

    store = ReferenceStore(ref_db)
    cores = ["sodertalje", "haninge"]
    from components.jamfor.compare_data import chosen_coverage

    coverage = chosen_coverage(store.run("cores_overview"), cores)
    values = store.run("compare_indicator_values", cores=cores)
    tables = {
        "Indikatorer": compare_data.indicator_table(values, coverage),
        "Indikatorvärden": compare_data.indicator_long(values, coverage),
        "Teman": compare_data.theme_table(store.run("compare_core_interventions", cores=cores), coverage),
    }
    wb = load_workbook(io.BytesIO(compare_data.workbook_bytes(tables, "Jämförelse", "kärnor: x", "källor")))
    assert wb.sheetnames == ["Indikatorer", "Indikatorvärden", "Teman", "Om"]
    head = [c.value for c in wb["Indikatorvärden"][1]]
    data = [dict(zip(head, [c.value for c in r])) for r in wb["Indikatorvärden"].iter_rows(min_row=2)]
    haninge = [r for r in data if r["Kärna"] == "Haninge stadskärna" and r["Indikator-id"] == "folkmangd"]
    assert [(r["Värde"], r["År"], r["Nivå"]) for r in haninge] == [(100895, 2024, "kärnkommun: Haninge")]
    about = {r[0].value: r[1].value for r in wb["Om"].iter_rows()}
    assert about["Urval"] == "kärnor: x" and "inte noll" in about["Anmärkning"]
