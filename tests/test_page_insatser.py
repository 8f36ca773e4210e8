"""The Insatser explorer under AppTest: URL filters, text search, actor filter, card, empty state."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import open_page, rows


def explorer(**query) -> AppTest:
    return open_page("insatser.py", **query)


def table(at: AppTest):
    [frame] = [d.value for d in at.dataframe if "Insats" in d.value.columns]
    return frame


def test_sodertalje_goal_area_3_gives_its_five_insatser(ref_db):
    at = explorer(karna="sodertalje", malomrade="3", plan="fardplan")
    found = table(at)
    assert list(found["Kod"]) == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    assert list(found["Omfattning"]) == ["Gemensam"] * 3 + ["Kärnspecifik"] * 2
    assert found.iloc[0]["Kärnor"] == "Alla åtta"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["3 Näringsliv och innovation"] == "5"
    assert metrics["1 Levande stadskärnor"] == "0"


def test_url_filters_match_the_store(ref_db, ref_con):
    at = explorer(karna=["sodertalje", "flemingsberg"], omfattning="karnspecifik", plan="fardplan")
    expected = rows(
        ref_con,
        "SELECT title FROM interventions WHERE plan_type = 'fardplan' AND scope = 'core' "
        "AND core_id IN ('sodertalje', 'flemingsberg')",
    )
    assert sorted(table(at)["Insats"]) == sorted(t for (t,) in expected)


def test_text_search_ignores_case_and_diacritics(ref_db):
    found = table(explorer(q="halsovagen"))
    assert len(found) == 1 and "Hälsovägen" in found.iloc[0]["Insats"]
    assert len(table(explorer(q="HÄLSOVÄGEN"))) == 1


def test_text_search_treats_wildcards_as_text(ref_db):
    at = explorer(q="%")
    assert not [d for d in at.dataframe if "Insats" in d.value.columns]
    assert any("Inga insatser matchar" in i.value for i in at.info)


def test_actor_almi_lists_its_insatser(ref_db, ref_con):
    found = table(explorer(aktor="almi-stockholm-ab"))
    expected = rows(
        ref_con,
        "SELECT DISTINCT i.title FROM intervention_actors ia JOIN interventions i "
        "ON i.id = ia.intervention_id WHERE ia.actor_id = 'almi-stockholm-ab'",
    )
    assert sorted(found["Insats"]) == sorted(t for (t,) in expected)
    assert "Stärk små och medelstora företags konkurrenskraft i de regionala stadskärnorna" in set(found["Insats"])


def test_selecting_a_row_shows_the_full_card(ref_db):
    at = explorer(karna="sodertalje", malomrade="3", plan="fardplan")
    at.session_state["insatser_tabell"] = {"selection": {"rows": [2], "columns": []}}
    at.run()
    assert [s.value for s in at.subheader] == [
        "3.3 Stärk små och medelstora företags konkurrenskraft i de regionala stadskärnorna"
    ]
    text = " ".join(m.value for m in at.markdown)
    assert "Region Stockholm" in text and "Almi Stockholm AB" in text
    assert "alla åtta regionala stadskärnor" in text
    assert any("Samverka tillsammans med Almi Stockholm AB" in m.value.replace("\\", "") for m in at.markdown)
    captions = " ".join(c.value for c in at.caption)
    assert "Naturlig lokaliseringsplats för näringsliv och innovation" in captions  # source section
    assert [e.label for e in at.expander][:2] == [
        "Färdriktning som insatsen bidrar till (2)",
        "Formulering i Färdplan för den regionala stadskärnan Flemingsberg (utkast) (utkast)",
    ]


def test_the_list_shows_a_card_without_the_table_and_follows_the_row_selection(ref_db):
    """«Visa insats» is the keyboard and screen-reader way to a card; a selected row sets it."""
    at = explorer(karna="sodertalje", malomrade="3", plan="fardplan")
    pick = at.selectbox(key="visa_insats")
    assert pick.value is None and not at.subheader
    assert pick.options[0] == "Ingen insats vald" and pick.options[4].startswith("3.4 Stärk och utveckla")
    pick.select("sodertalje-3.4").run()
    assert [s.value for s in at.subheader][0].startswith("3.4 ")
    at.session_state["insatser_tabell"] = {"selection": {"rows": [2], "columns": []}}
    at.run()
    assert at.selectbox(key="visa_insats").value == "gemensam-3.3"
    assert [s.value for s in at.subheader][0].startswith("3.3 ")
    at.query_params["malomrade"] = "1"  # a filter without the chosen insats: the card goes
    at.session_state["malomrade"] = [1]
    at.run()
    assert not at.exception and at.selectbox(key="visa_insats").value is None and not at.subheader


def test_unknown_core_in_the_url_is_reported_and_ignored(ref_db):
    at = explorer(karna=["narnia", "sodertalje"], malomrade="9")
    warnings = " ".join(w.value for w in at.warning)
    assert "narnia" in warnings and "malomrade" in warnings
    assert len(table(at)) > 0


def test_empty_result_offers_to_clear_filters(ref_db):
    at = explorer(karna="haninge", omfattning="karnspecifik", plan="fardplan")
    assert any("Inga insatser matchar" in i.value for i in at.info)
    at.button(key="clear_filters").click().run()
    assert not at.exception
    assert len(table(at)) == rows_total()


def rows_total() -> int:
    import os

    import duckdb

    with duckdb.connect(os.environ["FARDPLANER_DB"], read_only=True) as con:
        return con.execute("SELECT count(*) FROM interventions").fetchone()[0]


@pytest.mark.parametrize(
    "query",
    [
        {"q": "' OR 1=1 --"},
        {"q": "<script>alert(1)</script>"},
        {"aktor": "'; DROP TABLE actors; --"},
        {"q": "x" * 5000},
    ],
)
def test_hostile_input_is_harmless(ref_db, ref_con, query):
    explorer(**query)
    assert rows(ref_con, "SELECT count(*) > 0 FROM actors") == [(True,)]
