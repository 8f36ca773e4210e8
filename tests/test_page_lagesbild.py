"""Lägesbild under AppTest on the fixture store (tests/fixture_store.py): one goal area at a time from the URL,
the headline indicators first and the rest drawn only when opened, the core's own figure, a RUFS delmål's
distance to its target, the index switch, the municipalities' quotes, read-only mode. What each test expects
is computed from the fixture's definitions and the store it builds. The cards on the production build:
tests/test_lagesbild_cards.py."""

import csv

import pytest
from streamlit.testing.v1 import AppTest

from components.common.format import swedish_decimal
from components.lagesbild import lagesbild_data as ld
from queries.runner import ReferenceStore
from tests.conftest import REPO, open_page, rows
from tests.fixture_store import ADOPTED, CORE_VALUE, DELMAL, DELMAL_VALUES, DRAFT, INDICATOR, TEST_SOURCE

pytestmark = pytest.mark.usefixtures("on_fixture_store")
POPULATION_CSV = REPO / "data" / "sources" / "stats" / "stockholms_lan_folkmangd_per_kommun_long.csv"


def lagesbild(**query) -> AppTest:
    return open_page("lagesbild.py", **query)


def text(at: AppTest) -> str:
    """Every Markdown and caption of the page as plain text (escapes and no-break spaces undone)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return "\n".join(parts).replace("\\", "").replace("**", "").replace("\u00a0", " ")


def headings(at: AppTest) -> list[str]:
    """The indicator cards' names, in the order shown."""
    return [m.value.split("** ·")[0].strip("*").replace("\\", "") for m in at.markdown if "** · " in m.value]


def cards(fixture_db, core: str, goal) -> tuple[list, list, object]:
    """The fixture's cards of one goal area (None: without one), split as the page splits them, and the quotes."""
    store = ReferenceStore(fixture_db)
    found, quotes = ld.build_cards(store.run("lagesbild_indicators"), store.run("lagesbild_values", core=core))
    return *ld.headline_split([c for c in found if c.goal_area_id == goal]), quotes


def goal_area_names(con) -> dict[int, str]:
    return dict(rows(con, "SELECT id, short_name FROM goal_areas ORDER BY id"))


def test_one_goal_area_at_a_time_the_first_by_default(on_fixture_store):
    names = goal_area_names(on_fixture_store)
    at = lagesbild(karna=ADOPTED)
    first = min(names)
    assert [h.value for h in at.header] == [f"{first} {names[first]}"]  # the first goal area, not all
    assert [t.label for t in at.tabs] == ["Kärnan", "Kommunerna", "Regionen", "Läs in värden"]
    picker = at.get("button_group")[0]
    assert picker.value == first
    # the store's indicators for goal area 1 (the fixture's own figure and the public population series)
    goal_one = {i for (i,) in rows(on_fixture_store, "SELECT id FROM indicators WHERE goal_area_id = ?", first)}
    assert INDICATOR["id"] in goal_one
    assert (
        f"{INDICATOR['name']} · {INDICATOR['unit']}" in text(at)
        and "cirka 25 000 personer" in text(at)
        and f"({CORE_VALUE['year']}, {CORE_VALUE['period_text']}) · kärna · Källa: "
        f"{rows(on_fixture_store, 'SELECT title FROM sources WHERE id = ?', TEST_SOURCE)[0][0]}"
        in text(at)
    )


def test_a_goal_area_from_the_url_shows_its_delmal_and_the_distance(on_fixture_store, fixture_db):
    names = goal_area_names(on_fixture_store)
    goal = int(DELMAL["goal_area_id"])
    at = lagesbild(karna=ADOPTED, malomrade=str(goal))
    assert [h.value for h in at.header] == [f"{goal} {names[goal]}"]
    page = text(at)
    assert f"Delmål: {DELMAL['target_text']}" in page
    latest = max(DELMAL_VALUES, key=lambda v: int(v["year"]))
    value, target = float(latest["value"]), float(DELMAL["target_value"])
    assert (
        f"Avstånd till delmålet: {swedish_decimal(value, 0, 1)} av {swedish_decimal(target, 0, 1)} {DELMAL['unit']} "
        f"({latest['year']}): {swedish_decimal(round(target - value, 1), 0, 1)} under delmålet"
    ) in page
    headline, rest, _ = cards(fixture_db, ADOPTED, goal)
    assert headings(at) == [c.name for c in headline] and not rest


def test_the_headline_first_and_the_rest_drawn_only_when_opened(on_fixture_store, fixture_db):
    headline, rest, quotes = cards(fixture_db, DRAFT, None)
    assert len(headline) == ld.HEADLINE_COUNT and rest and not quotes.empty  # the public statistics and quotes
    at = lagesbild(karna=DRAFT, malomrade=ld.OTHERS)
    assert [h.value for h in at.header] == [ld.NO_GOAL_AREA]
    assert headings(at) == [c.name for c in headline]
    assert len(at.get("plotly_chart")) == sum(c.chart for c in headline)
    [more] = [e for e in at.expander if e.label.startswith("Fler indikatorer")]
    assert more.label == f"Fler indikatorer ({len(rest)}) och kommunernas egna uppgifter om kärnan"
    assert not any("Område som avses" in t.value.columns for t in at.table)  # folded: not drawn
    at.session_state["lb_fler_ovriga"] = True  # open it
    at.run()
    assert headings(at) == [c.name for c in headline + rest]
    quoted = next(t.value for t in at.table if "Område som avses" in t.value.columns)
    assert len(quoted) == len(quotes)


def test_the_headline_ranks_the_cores_own_figures_then_distances_then_series(fixture_db):
    store = ReferenceStore(fixture_db)
    found, _ = ld.build_cards(store.run("lagesbild_indicators"), store.run("lagesbild_values", core=ADOPTED))
    by_kind = {c.id: c for c in found}
    core_figure, delmal, series = by_kind[INDICATOR["id"]], by_kind[DELMAL["id"]], by_kind["folkmangd"]
    assert ld.headline_split([series, delmal, core_figure], 2) == ([core_figure, delmal], [series])


def test_an_unknown_goal_area_in_the_url_warns_and_an_old_link_takes_its_first(on_fixture_store):
    at = lagesbild(karna=ADOPTED, malomrade="9")
    assert any("«malomrade»: 9" in w.value for w in at.warning)
    assert at.get("button_group")[0].value == 1
    names = goal_area_names(on_fixture_store)
    at = lagesbild(karna=ADOPTED, malomrade=["2", "1"])  # a link from when several could be chosen
    assert [h.value for h in at.header] == [f"2 {names[2]}"]


def test_an_empty_goal_area_says_so(on_fixture_store, fixture_db):
    headline, rest, _ = cards(fixture_db, ADOPTED, 2)
    assert not headline and not rest
    at = lagesbild(karna=ADOPTED, malomrade="2")
    assert any(i.value.startswith("Ingen källa anger någon indikator i det här målområdet") for i in at.info)


def source_population(code: str) -> dict[int, int]:
    with POPULATION_CSV.open(encoding="utf-8") as fh:
        return {int(r["ar"]): int(r["folkmangd"]) for r in csv.DictReader(fh) if r["kommunkod"] == code}


def test_index_toggle_and_base_year_on_the_page(on_fixture_store):
    at = lagesbild(karna=ADOPTED, malomrade="1")
    toggle = at.toggle(key="lb_index_folkmangd")
    assert toggle.value is True  # counts start as an index, the county as reference
    at.selectbox(key="lb_bas_folkmangd").set_value(2019).run()
    assert not at.exception
    table = next(t.value for t in at.dataframe if "Index (2019 = 100)" in t.value.columns)
    population = source_population("0181")
    county = dict(
        rows(
            on_fixture_store,
            "SELECT year, value FROM indicator_values WHERE indicator_id = 'folkmangd' AND geography = '01'",
        )
    )
    sod = table[(table["Serie"] == "Södertälje") & (table["År"] == "2021")]
    assert sod["Index (2019 = 100)"].tolist() == [f"{population[2021] / population[2019] * 100:.1f}".replace(".", ",")]
    assert sod["Värde"].tolist() == [f"{population[2021]:,}".replace(",", "\u00a0")]
    row = table[(table["Serie"] == "Stockholms län") & (table["År"] == "2021")]
    assert row["Index (2019 = 100)"].tolist() == [f"{county[2021] / county[2019] * 100:.1f}".replace(".", ",")]
    at.toggle(key="lb_index_folkmangd").set_value(False).run()
    assert not at.exception
    assert not any("Index (2019 = 100)" in t.value.columns for t in at.dataframe)


def test_read_only_mode_has_no_import(monkeypatch):
    monkeypatch.setenv("FARDPLANER_READONLY", "1")
    at = lagesbild(karna="haninge", vy="Läs in värden")  # the import's own tab, open
    assert at.tabs[3].label == "Läs in värden"
    assert "Läs in indikatorvärden" not in [h.value for h in at.header]
    assert not at.get("file_uploader") and not at.button
    assert not [b for b in at.get("download_button") if "Mall" in b.label]
