"""The Aktörer page under AppTest, and its actors × cores matrix, on the fixture store
(tests/fixture_store.py), checked against it with plain SQL."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from components.aktorer.actor_matrix import core_matrix, heatmap_figure
from queries.runner import ReferenceStore
from tests.conftest import open_page, rows
from tests.fixture_store import ACTORS, SPELLINGS

pytestmark = pytest.mark.usefixtures("on_fixture_store")

COMPANY, COMPANY_ID = "Testbolaget AB", "testbolaget-ab"
COMPANY_SHARED = "Testdata: gemensam insats i målområde 3"  # the one shared insats it takes part in
NO_FILTER = {"types": [], "plan_types": [], "cores": [], "goal_areas": [], "text": None}


def open_aktorer(**query) -> AppTest:
    return open_page("aktorer.py", **query)


def frame(at: AppTest, column: str):
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with column {column!r}")


def actor_table(at: AppTest):
    return frame(at, "Medverkande")


def insats_list(at: AppTest):
    return frame(at, "Namn i källan")


def matrix_table(at: AppTest):
    return frame(at, "Södertälje stadskärna")


def distinct_insatser(con, actor: str, role: str | None = None, plan: str | None = None) -> int:
    sql = (
        "SELECT count(DISTINCT intervention_id) FROM intervention_actors ia JOIN interventions i "
        "ON i.id = ia.intervention_id WHERE ia.actor_id = ?"
    )
    params = [actor]
    if role:
        sql, params = sql + " AND ia.role = ?", params + [role]
    if plan:
        sql, params = sql + " AND i.plan_type = ?", params + [plan]
    return rows(con, sql, *params)[0][0]


def core_count(con, actor: str, core: str, without_shared: bool = False) -> int:
    return rows(
        con,
        """
        SELECT count(DISTINCT ia.intervention_id) FROM intervention_actors ia
        JOIN intervention_cores ic ON ic.intervention_id = ia.intervention_id
        JOIN interventions i ON i.id = ia.intervention_id
        WHERE ia.actor_id = ? AND ic.core_id = ? AND (NOT ? OR i.scope <> 'shared')""",
        actor,
        core,
        without_shared,
    )[0][0]


# --- the page ---------------------------------------------------------------------------------------


def test_every_actor_is_listed_with_its_type(on_fixture_store):
    table = actor_table(open_aktorer())
    names = {
        n
        for (n,) in rows(
            on_fixture_store,
            """SELECT name FROM actors a WHERE EXISTS
        (SELECT 1 FROM intervention_actors ia WHERE ia.actor_id = a.id)""",
        )
    }
    assert len(names) == len(ACTORS) and set(table["Aktör"]) == names
    assert table.set_index("Aktör").loc[COMPANY, "Typ"] == "Bolag"


def test_region_stockholm_counts_equal_the_store(on_fixture_store):
    row = actor_table(open_aktorer()).set_index("Aktör").loc["Region Stockholm"]
    rs = "region-stockholm"
    assert row["Insatser"] == distinct_insatser(on_fixture_store, rs)
    assert row["Ansvarig"] == distinct_insatser(on_fixture_store, rs, "lead")
    assert row["Medverkande"] == distinct_insatser(on_fixture_store, rs, "participant")
    for plan, label in [("fardplan", "Färdplan"), ("rufs", "RUFS"), ("historisk", "Historisk plan")]:
        assert row[f"{label}, ansvarig"] == distinct_insatser(on_fixture_store, rs, "lead", plan)
        assert row[f"{label}, medverkande"] == distinct_insatser(on_fixture_store, rs, "participant", plan)
    assert row["Färdplan, ansvarig"] == 4, "Region Stockholm leads the four shared insatser"


def test_an_actor_link_lists_its_insatser(on_fixture_store):
    at = open_aktorer(aktor=COMPANY_ID)
    assert at.selectbox(key="aktor").value == COMPANY_ID
    listed = insats_list(at)
    expected = rows(
        on_fixture_store,
        """SELECT i.title, i.plan_type, ia.name_as_written FROM intervention_actors ia
        JOIN interventions i ON i.id = ia.intervention_id WHERE ia.actor_id = ?""",
        COMPANY_ID,
    )
    assert sorted(listed["Insats"]) == sorted(t for t, _, _ in expected)
    shared = listed.set_index("Insats").loc[COMPANY_SHARED]
    assert (shared["Kod"], shared["Roll"], shared["Omfattning"], shared["Kärnor"]) == (
        "3.1",
        "Medverkande",
        "Gemensam",
        "Alla åtta",
    )
    assert shared["Dokument"] == "Testdata: påhittad färdplan för gränssnittstesterna"
    rufs = listed[listed["Källa"] == "RUFS-uppföljning"]
    assert len(rufs) == sum(p == "rufs" for _, p, _ in expected) >= 1
    assert set(listed["Namn i källan"]) == {w for _, _, w in expected}
    assert any(h.value == COMPANY for h in at.subheader)
    assert {b.label for b in at.download_button} == {"Ladda ner Excel", "Ladda ner CSV"}


def test_one_organisation_written_two_ways_is_counted_once_with_both_spellings(on_fixture_store):
    actor_id, name, _ = ACTORS[4]  # the fixture's «Kommuner» / «Regionens kommuner»
    at = open_aktorer()
    table = actor_table(at)
    [row] = table[table["Aktör"] == name].to_dict("records")
    assert row["Insatser"] == distinct_insatser(on_fixture_store, actor_id) == len(SPELLINGS)
    written = sorted((w for _, w, _, _ in SPELLINGS), key=str.casefold)
    assert row["Även skrivet som"] == ", ".join(f"«{w}»" for w in written)
    assert table[table["Aktör"] != name]["Även skrivet som"].eq("").all()  # the others are written as named
    at = open_aktorer(aktor=actor_id)
    assert set(insats_list(at)["Namn i källan"]) == set(written)  # each insats keeps its spelling
    said = [m.value.replace("\\", "") for m in at.markdown if "även skrivet som" in m.value]
    assert said == [
        f"Räknas som en organisation, även skrivet som {row['Även skrivet som']}. Hur stavningarna "
        "lästs står på Källor."
    ]


def test_kallor_shows_how_the_spellings_are_read(on_fixture_store):
    at = open_page("kallor.py")
    [table] = [d.value for d in at.dataframe if "Läses som" in d.value.columns]
    assert sorted(table["Skrivet i källan"]) == sorted(w for _, w, _, _ in SPELLINGS)
    assert set(table["Läses som"]) == {ACTORS[4][1]}
    assert table.set_index("Skrivet i källan")["Grund"].to_dict() == {
        w: "Redaktionell" if kind == "redaktionell" else "Källan" for _, w, kind, _ in SPELLINGS
    }
    assert table["Insatser"].tolist() == [1, 1]
    assert all(s.startswith("Testdata") for s in table["Källa och avsnitt"])


def test_selected_actors_list_follows_the_core_filter():
    listed = insats_list(open_aktorer(aktor=COMPANY_ID, karna="haninge"))
    assert list(listed["Insats"]) == [COMPANY_SHARED], "only the shared insats applies to Haninge"


def test_actor_without_insatser_in_the_filter_says_so():
    at = open_aktorer(aktor=COMPANY_ID, plan="historisk")
    assert any(f"{COMPANY} har inga insatser i urvalet" in i.value for i in at.info)
    assert at.button(key="aktor_clear_filters").label == "Rensa filter"


def test_type_filter_shows_only_kommun_actors(on_fixture_store):
    table = actor_table(open_aktorer(typ="kommun"))
    kommuner = {n for (n,) in rows(on_fixture_store, "SELECT name FROM actors WHERE type = 'kommun'")}
    assert set(table["Typ"]) == {"Kommun"}
    assert set(table["Aktör"]) == kommuner
    assert "Region Stockholm" not in set(table["Aktör"])


def test_text_search_ignores_case_and_diacritics():
    for query in ["sodertalje", "SÖDERTÄLJE"]:
        names = list(actor_table(open_aktorer(q=query))["Aktör"])
        assert "Södertälje kommun" in names
        assert all("södertälje" in n.lower() for n in names)


def test_core_goal_area_and_plan_filters_match_the_store(on_fixture_store):
    at = open_aktorer(karna="sodertalje", malomrade="3", plan="fardplan")
    table = actor_table(at)
    expected = rows(
        on_fixture_store,
        """SELECT a.name, count(DISTINCT i.id) FROM actors a
        JOIN intervention_actors ia ON ia.actor_id = a.id JOIN interventions i ON i.id = ia.intervention_id
        JOIN intervention_cores ic ON ic.intervention_id = i.id
        WHERE ic.core_id = 'sodertalje' AND i.goal_area_id = 3 AND i.plan_type = 'fardplan' GROUP BY a.name""",
    )
    assert dict(zip(table["Aktör"], table["Insatser"])) == dict(expected)
    assert not any(c.startswith(("RUFS", "Historisk")) for c in table.columns), "only the chosen plan type"
    assert list(matrix_table(at).columns) == ["Aktör", "Södertälje stadskärna"]


def test_selecting_a_row_selects_the_actor():
    at = open_aktorer()
    position = list(actor_table(at)["Aktör"]).index(COMPANY)
    at.session_state["aktorer_tabell"] = {"selection": {"rows": [position], "columns": []}}
    at.run()
    assert not at.exception
    assert at.selectbox(key="aktor").value == COMPANY_ID
    assert COMPANY_SHARED in set(insats_list(at)["Insats"])


def test_unknown_actor_in_the_link_warns():
    at = open_aktorer(aktor="xyz")
    assert any("xyz" in w.value and "aktor" in w.value for w in at.warning)
    assert at.selectbox(key="aktor").value is None
    assert not any("Namn i källan" in df.value.columns for df in at.dataframe)


def test_empty_result_says_why_and_clears_filters():
    at = open_aktorer(q="finnsinte", typ="kommun")
    assert any("Inga aktörer" in i.value and "«finnsinte»" in i.value for i in at.info)
    at.button(key="clear_filters").click().run()
    assert not at.exception
    assert at.text_input(key="q").value == "" and at.multiselect(key="typ").value == []
    assert "q" not in at.query_params and "typ" not in at.query_params
    assert len(actor_table(at)) == len(ACTORS)


def test_search_text_is_shown_as_text_not_markdown():
    at = open_aktorer(q="[klicka](http://x.se) <b>fet</b>")
    message = next(i.value for i in at.info if i.value.startswith("Inga aktörer"))
    assert "\\[klicka\\]\\(http" in message and "\\<b\\>" in message
    assert "](" not in message and "<b>" not in message


def test_heatmap_and_its_table_alternative_are_on_the_page(on_fixture_store):
    at = open_aktorer()
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert spec["data"][0]["type"] == "heatmap"
    assert "antal" in spec["layout"]["title"]["text"].lower()
    assert any(e.label == "Visa som tabell" for e in at.expander)
    table = matrix_table(at).set_index("Aktör")
    assert table.loc["Region Stockholm", "Södertälje stadskärna"] == core_count(
        on_fixture_store, "region-stockholm", "sodertalje"
    )
    at.toggle(key="aktorer_utan_gemensamma").set_value(True).run()
    table = matrix_table(at).set_index("Aktör")
    assert table.loc["Region Stockholm", "Södertälje stadskärna"] == core_count(
        on_fixture_store, "region-stockholm", "sodertalje", without_shared=True
    )
    assert any(c.value.startswith("Källor: Testdata") for c in at.caption)


# --- the matrix and the figure, as plain functions ------------------------------------------------------


@pytest.fixture(scope="module")
def store(fixture_db):
    return ReferenceStore(fixture_db)


def test_matrix_counts_equal_the_store(store, on_fixture_store):
    counts = store.run("actor_core_counts", **NO_FILTER, exclude_shared=False, top=25)
    matrix = core_matrix(counts)
    cores = [n for (n,) in rows(on_fixture_store, "SELECT name FROM cores ORDER BY name COLLATE sv")]
    assert list(matrix.columns) == cores and len(matrix) == len(ACTORS)
    assert matrix.loc["Region Stockholm", "Södertälje stadskärna"] == core_count(
        on_fixture_store, "region-stockholm", "sodertalje"
    )
    most = rows(
        on_fixture_store,
        """SELECT a.name FROM intervention_actors ia JOIN actors a ON a.id = ia.actor_id
        JOIN intervention_cores ic ON ic.intervention_id = ia.intervention_id
        GROUP BY a.name ORDER BY count(DISTINCT ia.intervention_id) DESC LIMIT 1""",
    )
    assert matrix.index[0] == most[0][0] == COMPANY, "the actor with most core-linked insatser comes first"


def test_matrix_can_leave_out_shared_insatser(store, on_fixture_store):
    with_shared = core_matrix(store.run("actor_core_counts", **NO_FILTER, exclude_shared=False, top=25))
    without = core_matrix(store.run("actor_core_counts", **NO_FILTER, exclude_shared=True, top=25))
    expected = core_count(on_fixture_store, "region-stockholm", "sodertalje", without_shared=True)
    assert without.loc["Region Stockholm", "Södertälje stadskärna"] == expected
    shared = rows(
        on_fixture_store,
        """SELECT count(DISTINCT ia.intervention_id) FROM intervention_actors ia
        JOIN interventions i ON i.id = ia.intervention_id
        WHERE ia.actor_id = 'region-stockholm' AND i.scope = 'shared'""",
    )[0][0]
    assert shared > 0
    assert with_shared.loc["Region Stockholm", "Södertälje stadskärna"] - expected == shared
    # in a core without a roadmap of its own, Region Stockholm appears only through the shared insatser
    assert with_shared.loc["Region Stockholm", "Haninge stadskärna"] == shared
    assert "Region Stockholm" not in without.index or without.loc["Region Stockholm", "Haninge stadskärna"] == 0


def test_matrix_follows_the_filters(store, on_fixture_store):
    counts = store.run(
        "actor_core_counts", **{**NO_FILTER, "types": ["kommun"], "cores": ["sodertalje"]}, exclude_shared=False, top=25
    )
    matrix = core_matrix(counts)
    assert list(matrix.columns) == ["Södertälje stadskärna"]
    kommuner = {n for (n,) in rows(on_fixture_store, "SELECT name FROM actors WHERE type = 'kommun'")}
    assert set(matrix.index) <= kommuner
    assert matrix.loc["Södertälje kommun", "Södertälje stadskärna"] == core_count(
        on_fixture_store, "sodertalje-kommun", "sodertalje"
    )
    assert core_matrix(
        store.run("actor_core_counts", **{**NO_FILTER, "text": "finns-inte"}, exclude_shared=False, top=25)
    ).empty


def test_heatmap_figure_is_labelled_and_colour_blind_safe(store):
    matrix = core_matrix(store.run("actor_core_counts", **NO_FILTER, exclude_shared=False, top=25))
    fig = heatmap_figure(matrix, "Antal insatser per aktör och kärna")
    trace = fig.data[0]
    assert trace.type == "heatmap"
    assert [list(r) for r in trace.z] == matrix.to_numpy().tolist()
    assert list(trace.y) == list(matrix.index) and list(trace.x) == list(matrix.columns)
    assert fig.layout.title.text == "Antal insatser per aktör och kärna"
    assert fig.layout.xaxis.title.text == "Regional stadskärna" and fig.layout.yaxis.title.text == "Aktör"
    assert trace.colorbar.title.text == "antal insatser"
    assert "Antal insatser" in trace.hovertemplate and "<extra></extra>" in trace.hovertemplate
    assert fig.layout.separators == ", "
    assert trace.colorscale == go.Heatmap(colorscale="Blues").colorscale, "single-hue, colour-blind safe"
    assert all(len(t) <= 28 for t in fig.layout.yaxis.ticktext)
